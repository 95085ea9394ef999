/*
 * Label templates: one element a line.
 *
 *   size 60x40                   label size in mm (first)
 *   dpi 203                      resolution it is designed for
 *   font "WenQuanYi Micro Hei"   text font
 *   text x=2 y=1 h=7 [w=30] [bold] [align=left|center|right] "{area}"
 *   barcode x=2 y=20 w=56 h=14 type=code128|qr [hrt] "{case_no}"
 *   line x1=1 y1=10 x2=59 y2=10 [t=0.3]
 *   box x=0.5 y=0.5 w=59 h=39 [t=0.3]
 *
 * Coordinates in mm from the top-left corner; "#" starts a comment.
 */
#include <sys/stat.h>

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../common/utf8.h"
#include "label-int.h"

#define MAX_TOKENS	24
#define MAX_ELEMS	64

struct tok {
	char	*key;		/* NULL for a bare word or string */
	char	*val;
	int	 quoted;
};

/* Splits a line in place; returns the token count or -1. */
static int
tokenize(char *p, struct tok *t, int max, const char **why)
{
	int n = 0;

	for (;;) {
		char *start;

		while (*p == ' ' || *p == '\t' || *p == '\r')
			p++;
		if (*p == '\0' || *p == '#')
			return n;
		if (n == max) {
			*why = "too many words on one line";
			return -1;
		}
		t[n].key = NULL;
		t[n].quoted = 0;
		start = p;
		while (*p && *p != ' ' && *p != '\t' && *p != '=' && *p != '"')
			p++;
		if (*p == '=') {
			*p++ = '\0';
			t[n].key = start;
			start = p;
		}
		if (*p == '"') {
			char *w = ++p;

			start = w;
			while (*p && *p != '"') {
				if (*p == '\\' && (p[1] == '"' || p[1] == '\\'))
					p++;
				*w++ = *p++;
			}
			if (*p != '"') {
				*why = "unterminated \"string\"";
				return -1;
			}
			p++;
			*w = '\0';
			t[n].quoted = 1;
		} else {
			while (*p && *p != ' ' && *p != '\t' && *p != '#')
				p++;
			if (*p == '#') {
				*p = '\0';
				t[n].val = start;
				if (t[n].key && *start == '\0') {
					*why = "a key without a value";
					return -1;
				}
				return n + 1;
			}
			if (*p)
				*p++ = '\0';
		}
		t[n].val = start;
		if (t[n].key && *start == '\0' && !t[n].quoted) {
			*why = "a key without a value";
			return -1;
		}
		n++;
	}
}

static int
num(const char *s, double *out)
{
	char *end;

	errno = 0;
	*out = strtod(s, &end);
	return errno == 0 && end != s && *end == '\0' && *out >= 0 &&
	    *out < 10000 ? 0 : -1;
}

#define FAIL(...) do { snprintf(cause, clen, "%s:%d: ", t->name, lineno); \
	size_t _o = strlen(cause); \
	snprintf(cause + _o, clen - _o, __VA_ARGS__); goto fail; } while (0)

static int
check_fields(const char *v)
{
	while ((v = strchr(v, '{')) != NULL) {
		const char *c = strchr(v, '}');

		if (c == NULL || !label_field_known(v + 1, (size_t)(c - v - 1)))
			return -1;
		v = c + 1;
	}
	return 0;
}

struct label_tmpl *
label_tmpl_parse(const char *name, const char *text, size_t len, char *cause,
    size_t clen)
{
	struct label_tmpl *t;
	char *copy, *line, *next;
	int lineno = 0;
	size_t bad;

	if ((t = calloc(1, sizeof(*t))) == NULL ||
	    (t->el = calloc(MAX_ELEMS, sizeof(*t->el))) == NULL ||
	    (copy = malloc(len + 1)) == NULL) {
		snprintf(cause, clen, "%s: out of memory", name);
		if (t)
			free(t->el);
		free(t);
		return NULL;
	}
	snprintf(t->name, sizeof(t->name), "%s", name);
	snprintf(t->font, sizeof(t->font), "%s", LABEL_FONT);
	t->dpi = 203;
	t->gain = LABEL_GAIN;
	memcpy(copy, text, len);
	copy[len] = '\0';
	if (memchr(text, '\0', len) != NULL) {
		const char *z = memchr(text, '\0', len);

		for (const char *p = text; p < z; p++)
			lineno += *p == '\n';
		lineno++;
		FAIL("NUL byte in template");
	}
	lineno = 0;
	for (line = copy; line; line = next) {
		struct tok tk[MAX_TOKENS];
		const char *why = NULL;
		struct elem *e;
		double v;
		int n;

		lineno++;
		if ((next = strchr(line, '\n')) != NULL)
			*next++ = '\0';
		if (utf8_check(line, strlen(line), &bad) == -1)
			FAIL("not valid UTF-8 (byte %zu)", bad + 1);
		if ((n = tokenize(line, tk, MAX_TOKENS, &why)) == -1)
			FAIL("%s", why);
		if (n == 0)
			continue;
		if (tk[0].key || tk[0].quoted)
			FAIL("a line starts with an element name (text, barcode,"
			    " line, box) or size, dpi, font");
		if (!strcmp(tk[0].val, "size")) {
			if (n != 2 || sscanf(tk[1].val, "%lfx%lf", &t->w_mm,
			    &t->h_mm) != 2 || t->w_mm < 5 || t->h_mm < 5 ||
			    t->w_mm > 300 || t->h_mm > 300)
				FAIL("size must be WIDTHxHEIGHT in mm, 5 to 300,"
				    " e.g. size 60x40");
			continue;
		}
		if (!strcmp(tk[0].val, "dpi")) {
			if (n != 2 || (strcmp(tk[1].val, "203") &&
			    strcmp(tk[1].val, "300") && strcmp(tk[1].val, "600")))
				FAIL("dpi must be 203, 300 or 600");
			t->dpi = atoi(tk[1].val);
			continue;
		}
		if (!strcmp(tk[0].val, "font")) {
			if (n != 2 || strlen(tk[1].val) >= sizeof(t->font) ||
			    !*tk[1].val)
				FAIL("font takes one font family name");
			snprintf(t->font, sizeof(t->font), "%s", tk[1].val);
			continue;
		}
		if (t->w_mm == 0)
			FAIL("the template must begin with its size");
		if (t->n == MAX_ELEMS)
			FAIL("more than %d elements", MAX_ELEMS);
		e = &t->el[t->n];
		memset(e, 0, sizeof(*e));
		e->line = lineno;
		e->t = 0.3;
		if (!strcmp(tk[0].val, "text"))
			e->kind = EL_TEXT;
		else if (!strcmp(tk[0].val, "barcode"))
			e->kind = EL_BARCODE;
		else if (!strcmp(tk[0].val, "line"))
			e->kind = EL_LINE;
		else if (!strcmp(tk[0].val, "box"))
			e->kind = EL_BOX;
		else
			FAIL("unknown element '%s': use text, barcode, line or"
			    " box", tk[0].val);
		int have_type = 0, have_h = 0;
		for (int i = 1; i < n; i++) {
			const char *k = tk[i].key, *val = tk[i].val;

			if (k == NULL && tk[i].quoted) {
				if (e->value)
					FAIL("two values on one element");
				if (check_fields(val) == -1)
					FAIL("unknown field in \"%s\": fields are"
					    " area, area_name, date, case_no,"
					    " waybill, carrier, model, spec, cct,"
					    " qty, kind, condition, operator", val);
				if ((e->value = strdup(val)) == NULL)
					FAIL("out of memory");
				continue;
			}
			if (k == NULL) {
				if (!strcmp(val, "bold") && e->kind == EL_TEXT)
					e->bold = 1;
				else if (!strcmp(val, "hrt") &&
				    e->kind == EL_BARCODE)
					e->hrt = 1;
				else
					FAIL("unknown word '%s' on %s", val,
					    tk[0].val);
				continue;
			}
			if (!strcmp(k, "type") && e->kind == EL_BARCODE) {
				if (!strcmp(val, "code128"))
					e->bc = BC_CODE128;
				else if (!strcmp(val, "qr"))
					e->bc = BC_QR;
				else
					FAIL("unknown barcode type '%s': use"
					    " code128 or qr", val);
				have_type = 1;
				continue;
			}
			if (!strcmp(k, "align") && e->kind == EL_TEXT) {
				if (!strcmp(val, "left"))
					e->align = AL_LEFT;
				else if (!strcmp(val, "center"))
					e->align = AL_CENTER;
				else if (!strcmp(val, "right"))
					e->align = AL_RIGHT;
				else
					FAIL("align must be left, center or right");
				continue;
			}
			double *dst = NULL;

			if (!strcmp(k, "x") && e->kind != EL_LINE) dst = &e->x;
			else if (!strcmp(k, "y") && e->kind != EL_LINE) dst = &e->y;
			else if (!strcmp(k, "w") && e->kind != EL_LINE) dst = &e->w;
			else if (!strcmp(k, "h") && e->kind != EL_LINE) {
				dst = e->kind == EL_TEXT ? &e->size : &e->h;
				have_h = 1;
			} else if (!strcmp(k, "x1") && e->kind == EL_LINE) dst = &e->x;
			else if (!strcmp(k, "y1") && e->kind == EL_LINE) dst = &e->y;
			else if (!strcmp(k, "x2") && e->kind == EL_LINE) dst = &e->x2;
			else if (!strcmp(k, "y2") && e->kind == EL_LINE) dst = &e->y2;
			else if (!strcmp(k, "t") && (e->kind == EL_LINE ||
			    e->kind == EL_BOX)) dst = &e->t;
			if (dst == NULL)
				FAIL("unknown key '%s' on %s", k, tk[0].val);
			if (num(val, &v) == -1)
				FAIL("%s must be a number of mm, got '%s'", k, val);
			*dst = v;
		}
		switch (e->kind) {
		case EL_TEXT:
			if (!have_h || e->size <= 0)
				FAIL("text needs its height, h=...");
			if (e->value == NULL)
				FAIL("text needs a \"value\"");
			if (e->w == 0)
				e->w = t->w_mm - e->x;
			if (e->y + e->size > t->h_mm + 0.01 ||
			    e->x + e->w > t->w_mm + 0.01)
				FAIL("text lies outside the %gx%g mm label",
				    t->w_mm, t->h_mm);
			break;
		case EL_BARCODE:
			if (!have_type)
				FAIL("barcode needs type=code128 or type=qr");
			if (e->value == NULL)
				FAIL("barcode needs a \"value\"");
			/* FALLTHROUGH */
		case EL_BOX:
			if (e->w <= 0 || e->h <= 0)
				FAIL("%s needs w= and h=", tk[0].val);
			if (e->x + e->w > t->w_mm + 0.01 ||
			    e->y + e->h > t->h_mm + 0.01)
				FAIL("%s lies outside the %gx%g mm label",
				    tk[0].val, t->w_mm, t->h_mm);
			break;
		case EL_LINE:
			if (e->x != e->x2 && e->y != e->y2)
				FAIL("lines must be horizontal or vertical");
			if (e->x > t->w_mm || e->x2 > t->w_mm ||
			    e->y > t->h_mm || e->y2 > t->h_mm)
				FAIL("line lies outside the %gx%g mm label",
				    t->w_mm, t->h_mm);
			break;
		}
		t->n++;
	}
	if (t->w_mm == 0) {
		snprintf(cause, clen, "%s: no size line", name);
		goto fail;
	}
	free(copy);
	return t;
fail:
	free(copy);
	label_tmpl_free(t);
	return NULL;
}

struct label_tmpl *
label_tmpl_load(const char *path, char *cause, size_t clen)
{
	struct label_tmpl *t;
	char *text;
	FILE *f;
	long n;

	struct stat sb;
	int fd;

	/* a regular file only: a FIFO or a device named here must not hang
	 * or feed the start-up */
	if ((fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)) == -1) {
		snprintf(cause, clen, "%s: %s", path, strerror(errno));
		return NULL;
	}
	if (fstat(fd, &sb) == -1 || !S_ISREG(sb.st_mode)) {
		snprintf(cause, clen, "%s: not a regular file", path);
		close(fd);
		return NULL;
	}
	if ((f = fdopen(fd, "rb")) == NULL) {
		snprintf(cause, clen, "%s: %s", path, strerror(errno));
		close(fd);
		return NULL;
	}
	if (fseek(f, 0, SEEK_END) == -1 || (n = ftell(f)) < 0 || n > 65536 ||
	    fseek(f, 0, SEEK_SET) == -1) {
		snprintf(cause, clen, "%s: not a template (over 64 KiB?)", path);
		fclose(f);
		return NULL;
	}
	if ((text = malloc((size_t)n + 1)) == NULL ||
	    fread(text, 1, (size_t)n, f) != (size_t)n) {
		snprintf(cause, clen, "%s: cannot read", path);
		free(text);
		fclose(f);
		return NULL;
	}
	fclose(f);
	t = label_tmpl_parse(path, text, (size_t)n, cause, clen);
	free(text);
	return t;
}

void
label_tmpl_free(struct label_tmpl *t)
{
	if (t == NULL)
		return;
	for (int i = 0; i < t->n || (t->el && i < MAX_ELEMS &&
	    t->el[i].value); i++)
		free(t->el[i].value);
	free(t->el);
	free(t);
}

void
label_tmpl_set_gain(struct label_tmpl *t, double gain)
{
	t->gain = gain;
}

void
label_tmpl_size(const struct label_tmpl *t, double *w_mm, double *h_mm)
{
	*w_mm = t->w_mm;
	*h_mm = t->h_mm;
}

const char *
label_tmpl_name(const struct label_tmpl *t)
{
	return t->name;
}
