/* The one JSON writer (see json.h). */
#include <assert.h>
#include <inttypes.h>
#include <string.h>

#include "json.h"
#include "utf8.h"

void
json_init(struct json *j, struct buf *b)
{
	memset(j, 0, sizeof(*j));
	j->b = b;
}

/* The comma and key before a value. */
static void
lead(struct json *j, const char *key)
{
	if (j->depth > 0) {
		if (j->more[j->depth])
			buf_add(j->b, ",", 1);
		j->more[j->depth] = 1;
		/* keys in objects, none in arrays */
		assert((key != NULL) == (j->close[j->depth] == '}'));
	}
	if (key) {
		json_quote(j->b, key);
		buf_add(j->b, ":", 1);
	}
}

static void
open_(struct json *j, const char *key, char o, char c)
{
	lead(j, key);
	assert(j->depth + 1 < JSON_MAX_DEPTH);
	buf_add(j->b, &o, 1);
	j->depth++;
	j->more[j->depth] = 0;
	j->close[j->depth] = c;
}

void
json_open(struct json *j, const char *key)
{
	open_(j, key, '{', '}');
}

void
json_open_array(struct json *j, const char *key)
{
	open_(j, key, '[', ']');
}

void
json_close(struct json *j)
{
	assert(j->depth > 0);
	buf_add(j->b, &j->close[j->depth], 1);
	j->depth--;
}

void
json_str(struct json *j, const char *key, const char *v)
{
	lead(j, key);
	if (v == NULL)
		buf_puts(j->b, "null");
	else
		json_quote(j->b, v);
}

void
json_str0(struct json *j, const char *key, const char *v)
{
	json_str(j, key, v && *v ? v : NULL);
}

void
json_int(struct json *j, const char *key, int64_t v)
{
	lead(j, key);
	buf_printf(j->b, "%" PRId64, v);
}

void
json_int0(struct json *j, const char *key, int64_t v)
{
	if (v == 0)
		json_null(j, key);
	else
		json_int(j, key, v);
}

void
json_bool(struct json *j, const char *key, int v)
{
	lead(j, key);
	buf_puts(j->b, v ? "true" : "false");
}

void
json_null(struct json *j, const char *key)
{
	lead(j, key);
	buf_puts(j->b, "null");
}

void
json_quote(struct buf *b, const char *s)
{
	const char *p = s ? s : "", *end = p + strlen(p);

	buf_add(b, "\"", 1);
	while (p < end) {
		unsigned char ch = (unsigned char)*p;
		size_t bad;

		if (ch >= 0x80) {
			/* one well-formed sequence as it is, else U+FFFD */
			size_t n = ch >= 0xf0 ? 4 : ch >= 0xe0 ? 3 : 2;

			if (ch >= 0xc2 && ch <= 0xf4 && (size_t)(end - p) >= n &&
			    utf8_check(p, n, &bad) == 0) {
				buf_add(b, p, n);
				p += n;
			} else {
				buf_puts(b, "\\ufffd");
				p++;
			}
			continue;
		}
		switch (ch) {
		case '"':  buf_add(b, "\\\"", 2); break;
		case '\\': buf_add(b, "\\\\", 2); break;
		case '\n': buf_add(b, "\\n", 2); break;
		case '\r': buf_add(b, "\\r", 2); break;
		case '\t': buf_add(b, "\\t", 2); break;
		default:
			if (ch < 0x20 || ch == 0x7f)
				buf_printf(b, "\\u%04x", ch);
			else
				buf_add(b, p, 1);
		}
		p++;
	}
	buf_add(b, "\"", 1);
}

void
json_raw(struct json *j, const char *key, const char *v)
{
	lead(j, key);
	buf_puts(j->b, v);
}
