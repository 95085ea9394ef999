/* Reading JSON into a tree: see jsonr.h. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "jsonr.h"

#define CHUNK	256
#define DEPTH	64

/* Nodes come in chunks that never move; strings go into one buffer as
 * long as the text, which their unescaped forms never outgrow. */
struct chunk {
	struct chunk	*next;
	size_t		 used;
	struct jr	 n[CHUNK];
};

struct jr_doc {
	struct jr	 root;		/* first: jr_free gets it back */
	struct chunk	*chunks;
	char		*strs;
	size_t		 so;
};

struct p {
	const char	*s, *end;
	struct jr_doc	*doc;
};

static struct jr *
node(struct p *p)
{
	struct chunk *c = p->doc->chunks;

	if (c == NULL || c->used == CHUNK) {
		if ((c = calloc(1, sizeof(*c))) == NULL)
			return NULL;
		c->next = p->doc->chunks;
		p->doc->chunks = c;
	}
	return &c->n[c->used++];
}

static void
ws(struct p *p)
{
	while (p->s < p->end && (*p->s == ' ' || *p->s == '\t' ||
	    *p->s == '\n' || *p->s == '\r'))
		p->s++;
}

static int
hex4(const char *s, unsigned *v)
{
	*v = 0;
	for (int i = 0; i < 4; i++) {
		char c = s[i];

		*v <<= 4;
		if (c >= '0' && c <= '9')
			*v |= (unsigned)(c - '0');
		else if (c >= 'a' && c <= 'f')
			*v |= (unsigned)(c - 'a' + 10);
		else if (c >= 'A' && c <= 'F')
			*v |= (unsigned)(c - 'A' + 10);
		else
			return -1;
	}
	return 0;
}

static void
put_utf8(char *o, size_t *k, unsigned cp)
{
	if (cp < 0x80)
		o[(*k)++] = (char)cp;
	else if (cp < 0x800) {
		o[(*k)++] = (char)(0xC0 | cp >> 6);
		o[(*k)++] = (char)(0x80 | (cp & 0x3F));
	} else if (cp < 0x10000) {
		o[(*k)++] = (char)(0xE0 | cp >> 12);
		o[(*k)++] = (char)(0x80 | (cp >> 6 & 0x3F));
		o[(*k)++] = (char)(0x80 | (cp & 0x3F));
	} else {
		o[(*k)++] = (char)(0xF0 | cp >> 18);
		o[(*k)++] = (char)(0x80 | (cp >> 12 & 0x3F));
		o[(*k)++] = (char)(0x80 | (cp >> 6 & 0x3F));
		o[(*k)++] = (char)(0x80 | (cp & 0x3F));
	}
}

/* A string at p->s (its quote), unescaped into the buffer. */
static const char *
string(struct p *p)
{
	char *o = p->doc->strs + p->doc->so;
	size_t k = 0;

	p->s++;
	while (p->s < p->end && *p->s != '"') {
		unsigned char c = (unsigned char)*p->s;

		if (c < 0x20)
			return NULL;
		if (c != '\\') {
			o[k++] = (char)c;
			p->s++;
			continue;
		}
		if (p->end - p->s < 2)
			return NULL;
		switch (p->s[1]) {
		case '"': o[k++] = '"'; break;
		case '\\': o[k++] = '\\'; break;
		case '/': o[k++] = '/'; break;
		case 'b': o[k++] = '\b'; break;
		case 'f': o[k++] = '\f'; break;
		case 'n': o[k++] = '\n'; break;
		case 'r': o[k++] = '\r'; break;
		case 't': o[k++] = '\t'; break;
		case 'u': {
			unsigned cp, lo;

			if (p->end - p->s < 6 || hex4(p->s + 2, &cp) == -1)
				return NULL;
			p->s += 4;
			if (cp >= 0xD800 && cp < 0xDC00) {
				if (p->end - p->s < 8 || p->s[2] != '\\' ||
				    p->s[3] != 'u' || hex4(p->s + 4, &lo) == -1 ||
				    lo < 0xDC00 || lo > 0xDFFF)
					return NULL;
				cp = 0x10000 + ((cp - 0xD800) << 10) +
				    (lo - 0xDC00);
				p->s += 6;
			} else if (cp >= 0xDC00 && cp < 0xE000)
				return NULL;
			if (cp == 0)
				return NULL;	/* would end the string early */
			put_utf8(o, &k, cp);
			break;
		}
		default:
			return NULL;
		}
		p->s += 2;
	}
	if (p->s >= p->end)
		return NULL;
	p->s++;
	o[k++] = '\0';
	p->doc->so += k;
	return o;
}

static int value(struct p *, struct jr *, int depth);

static int
members(struct p *p, struct jr *v, int depth, char close)
{
	struct jr **tail = &v->kid;

	p->s++;
	ws(p);
	if (p->s < p->end && *p->s == close) {
		p->s++;
		return 0;
	}
	for (;;) {
		struct jr *m = node(p);
		const char *key = NULL;

		if (m == NULL)
			return -1;
		ws(p);
		if (close == '}') {
			if (p->s >= p->end || *p->s != '"' ||
			    (key = string(p)) == NULL)
				return -1;
			ws(p);
			if (p->s >= p->end || *p->s++ != ':')
				return -1;
		}
		if (value(p, m, depth + 1) == -1)
			return -1;
		m->key = key;
		*tail = m;
		tail = &m->next;
		v->n++;
		ws(p);
		if (p->s >= p->end)
			return -1;
		if (*p->s == ',') {
			p->s++;
			continue;
		}
		if (*p->s++ != close)
			return -1;
		return 0;
	}
}

static int
word(struct p *p, const char *w)
{
	size_t n = strlen(w);

	if ((size_t)(p->end - p->s) < n || memcmp(p->s, w, n) != 0)
		return -1;
	p->s += n;
	return 0;
}

static int
value(struct p *p, struct jr *v, int depth)
{
	memset(v, 0, sizeof(*v));
	v->s = "";
	ws(p);
	if (p->s >= p->end || depth > DEPTH)
		return -1;
	switch (*p->s) {
	case '{':
		v->type = JR_OBJ;
		return members(p, v, depth, '}');
	case '[':
		v->type = JR_ARR;
		return members(p, v, depth, ']');
	case '"':
		v->type = JR_STR;
		return (v->s = string(p)) ? 0 : -1;
	case 't':
		v->type = JR_BOOL;
		v->s = "true";
		return word(p, "true");
	case 'f':
		v->type = JR_BOOL;
		v->s = "false";
		return word(p, "false");
	case 'n':
		return word(p, "null");
	default: {
		const char *b = p->s;
		char *o = p->doc->strs + p->doc->so;

		if (p->s < p->end && *p->s == '-')
			p->s++;
		while (p->s < p->end && strchr("0123456789.eE+-", *p->s))
			p->s++;
		if (p->s == b || (p->s == b + 1 && *b == '-'))
			return -1;
		memcpy(o, b, (size_t)(p->s - b));
		o[p->s - b] = '\0';
		p->doc->so += (size_t)(p->s - b) + 1;
		v->type = JR_NUM;
		v->s = o;
		return 0;
	}
	}
}

struct jr *
jr_parse(const char *text, size_t len)
{
	struct jr_doc *d;
	struct p p;

	if ((d = calloc(1, sizeof(*d))) == NULL)
		return NULL;
	/* a string or number never takes more than its text and a NUL */
	if ((d->strs = malloc(len + 1)) == NULL) {
		free(d);
		return NULL;
	}
	p.s = text;
	p.end = text + len;
	p.doc = d;
	if (value(&p, &d->root, 0) == -1 || (ws(&p), p.s != p.end)) {
		jr_free(&d->root);
		return NULL;
	}
	return &d->root;
}

void
jr_free(struct jr *root)
{
	struct jr_doc *d = (struct jr_doc *)root;

	if (d == NULL)
		return;
	while (d->chunks) {
		struct chunk *c = d->chunks;

		d->chunks = c->next;
		free(c);
	}
	free(d->strs);
	free(d);
}

const struct jr *
jr_get(const struct jr *o, const char *key)
{
	if (o == NULL || o->type != JR_OBJ)
		return NULL;
	for (const struct jr *m = o->kid; m; m = m->next)
		if (strcmp(m->key, key) == 0)
			return m;
	return NULL;
}

const char *
jr_str(const struct jr *o, const char *key)
{
	const struct jr *m = jr_get(o, key);

	return m && m->type != JR_ARR && m->type != JR_OBJ ? m->s : "";
}
