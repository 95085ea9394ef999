/*
 * CSV as spreadsheets write it (RFC 4180): fields in double quotes may hold
 * commas, quotes (doubled) and line breaks; lines end in CRLF or LF. Text
 * in GB18030 (what Excel on a Chinese Windows saves) is turned into UTF-8
 * first; a UTF-8 byte-order mark is dropped.
 */
#ifndef ST_CSV_H
#define ST_CSV_H

#include <stddef.h>

#define CSV_MAX_FIELDS	64
#define CSV_MAX_FIELD	4096

struct buf;

/*
 * Makes data UTF-8 in out: as it is (without a BOM) when it is UTF-8,
 * else read as GB18030. Returns 0 with *enc "UTF-8" or "GB18030", or -1
 * with why (neither).
 */
int	csv_to_utf8(const char *data, size_t len, struct buf *out,
	    const char **enc, char *why, size_t wlen);
/*
 * Calls row(arg, fields, n, line) for each record of UTF-8 text (line: the
 * line it starts on); a non-zero return stops. Empty lines are skipped.
 * Returns 0, the callback's non-zero value, or -1 with why (an unclosed
 * quote, too many or too long fields).
 */
int	csv_parse(const char *text, size_t len,
	    int (*row)(void *, char **fields, int n, int line), void *arg,
	    char *why, size_t wlen);
/*
 * Appends one cell of a record: quoted when it holds a comma, quote, line
 * break or edge space (quotes doubled), and a leading = + - @ (or tab, CR)
 * escaped with an apostrophe so that a spreadsheet never runs it as a
 * formula. sep: put a comma before it.
 */
void	csv_cell(struct buf *, const char *v, int sep);
/* A field as a person meant it: line breaks and tabs inside it become
 * spaces, spaces off both ends (in place). */
void	csv_trim(char *s);
/* Converts UTF-8 text to the encoding named (e.g. "GB18030"); -1 with why
 * when a character has no place in it. */
int	csv_from_utf8(const char *text, size_t len, const char *enc,
	    struct buf *out, char *why, size_t wlen);

#endif
