/* CSV reading (see csv.h). */
#include <errno.h>
#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "csv.h"
#include "utf8.h"

/* Converts len bytes of text from one encoding to another into out. */
static int
convert(const char *text, size_t len, const char *to, const char *from,
    struct buf *out, size_t *bad)
{
	iconv_t cd = iconv_open(to, from);
	char *in = (char *)text, *o, *op;
	size_t inl = len, cap = len * 2 + 16, ol = cap;
	int rc = -1;

	*bad = 0;
	if (cd == (iconv_t)-1)
		return -1;
	/* a GB18030 character grows by half in UTF-8 at most, and the other
	 * way it shrinks */
	if ((o = malloc(cap)) != NULL) {
		op = o;
		if (iconv(cd, &in, &inl, &op, &ol) != (size_t)-1) {
			buf_add(out, o, (size_t)(op - o));
			rc = 0;
		} else
			*bad = (size_t)(in - text);
		free(o);
	}
	iconv_close(cd);
	return rc;
}

int
csv_to_utf8(const char *data, size_t len, struct buf *out, const char **enc,
    char *why, size_t wlen)
{
	size_t bad;

	if (len >= 3 && memcmp(data, "\xef\xbb\xbf", 3) == 0) {
		data += 3;
		len -= 3;
	}
	if (utf8_check(data, len, &bad) == 0) {
		buf_add(out, data, len);
		*enc = "UTF-8";
		return 0;
	}
	if (convert(data, len, "UTF-8", "GB18030", out, &bad) == -1) {
		snprintf(why, wlen, "the file is neither UTF-8 nor GB18030"
		    " (byte %zu) / 文件编码无法识别", bad);
		return -1;
	}
	*enc = "GB18030";
	return 0;
}

int
csv_parse(const char *s, size_t len,
    int (*row)(void *, char **, int, int), void *arg, char *why, size_t wlen)
{
	char *fields[CSV_MAX_FIELDS];
	struct buf f[CSV_MAX_FIELDS];
	size_t i = 0;
	int line = 1, rc = 0;

	for (int k = 0; k < CSV_MAX_FIELDS; k++)
		buf_init(&f[k]);
	while (i < len && rc == 0) {
		int n = 0, start = line, empty = 1;

		for (int k = 0; k < CSV_MAX_FIELDS; k++)
			buf_reset(&f[k]);
		for (;;) {		/* one field */
			if (n == CSV_MAX_FIELDS) {
				snprintf(why, wlen, "line %d: more than %d fields",
				    start, CSV_MAX_FIELDS);
				rc = -1;
				goto out;
			}
			if (i < len && s[i] == '"') {
				empty = 0;
				for (i++;; i++) {
					if (i >= len) {
						snprintf(why, wlen, "line %d: a"
						    " quote is never closed / 引号"
						    "未闭合", start);
						rc = -1;
						goto out;
					}
					if (s[i] == '"' && i + 1 < len &&
					    s[i + 1] == '"') {
						buf_add(&f[n], "\"", 1);
						i++;
					} else if (s[i] == '"') {
						i++;
						break;
					} else {
						line += s[i] == '\n';
						buf_add(&f[n], &s[i], 1);
					}
				}
			}
			while (i < len && s[i] != ',' && s[i] != '\n' &&
			    s[i] != '\r') {
				empty = 0;
				buf_add(&f[n], &s[i++], 1);
			}
			if (f[n].len > CSV_MAX_FIELD) {
				snprintf(why, wlen, "line %d: a field longer than"
				    " %d bytes", start, CSV_MAX_FIELD);
				rc = -1;
				goto out;
			}
			n++;
			if (i < len && s[i] == ',') {
				empty = 0;
				i++;
				continue;
			}
			break;
		}
		if (i < len && s[i] == '\r')
			i++;
		if (i < len && s[i] == '\n')
			i++;
		line++;
		if (empty)
			continue;
		for (int k = 0; k < n; k++) {
			buf_add(&f[k], "", 0);
			fields[k] = f[k].data ? f[k].data : (char *)"";
		}
		rc = row(arg, fields, n, start);
	}
out:
	for (int k = 0; k < CSV_MAX_FIELDS; k++)
		buf_free(&f[k]);
	return rc;
}

void
csv_cell(struct buf *b, const char *v, int sep)
{
	size_t n = strlen(v);
	int quote = n && (v[0] == ' ' || v[n - 1] == ' ');

	if (sep)
		buf_add(b, ",", 1);
	quote |= strpbrk(v, ",\"\r\n") != NULL;
	if (quote)
		buf_add(b, "\"", 1);
	if (strchr("=+-@\t\r", v[0]) && v[0] != '\0')
		buf_add(b, "'", 1);
	for (const char *p = v; *p; p++) {
		if (*p == '"')
			buf_add(b, "\"", 1);
		buf_add(b, p, 1);
	}
	if (quote)
		buf_add(b, "\"", 1);
}

int
csv_from_utf8(const char *text, size_t len, const char *enc, struct buf *out,
    char *why, size_t wlen)
{
	size_t bad;

	if (convert(text, len, enc, "UTF-8", out, &bad) == -1) {
		snprintf(why, wlen, "a character at byte %zu has no place in %s",
		    bad, enc);
		return -1;
	}
	return 0;
}

void
csv_trim(char *s)
{
	size_t n, lead;

	for (char *p = s; *p; p++)
		if (*p == '\r' || *p == '\n' || *p == '\t')
			*p = ' ';
	n = strlen(s);
	while (n && s[n - 1] == ' ')
		s[--n] = '\0';
	lead = strspn(s, " ");
	memmove(s, s + lead, n - lead + 1);
}
