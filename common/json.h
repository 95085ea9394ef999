/*
 * The one JSON writer: audit details, --json listings and replies. Every
 * string goes through one escaper, so what is written is always valid JSON
 * (bytes that are not UTF-8 become U+FFFD).
 *
 *	struct json j;
 *	json_init(&j, &b);
 *	json_open(&j, NULL);
 *	json_str(&j, "case", c->case_no);
 *	json_int(&j, "qty", 3);
 *	json_close(&j);
 *
 * Inside an object every value takes a key; inside an array key is NULL.
 */
#ifndef ST_JSON_H
#define ST_JSON_H

#include <stdint.h>

#include "buf.h"

#define JSON_MAX_DEPTH 16

struct json {
	struct buf	*b;		/* appended to; owned by the caller */
	int		 depth;
	unsigned char	 more[JSON_MAX_DEPTH];	/* a value came at this depth */
	char		 close[JSON_MAX_DEPTH];	/* '}' or ']' */
};

void	json_init(struct json *, struct buf *);
/* Opens an object ("{") or an array ("[") under key. */
void	json_open(struct json *, const char *key);
void	json_open_array(struct json *, const char *key);
/* Closes the innermost object or array. */
void	json_close(struct json *);
/* A string; NULL writes null. */
void	json_str(struct json *, const char *key, const char *v);
/* A string, or null when v is NULL or "". */
void	json_str0(struct json *, const char *key, const char *v);
void	json_int(struct json *, const char *key, int64_t v);
/* An integer, or null when v is 0. */
void	json_int0(struct json *, const char *key, int64_t v);
void	json_bool(struct json *, const char *key, int v);
void	json_null(struct json *, const char *key);
/* A value that is JSON already (written by this writer, e.g. stored audit
 * details); never text from outside. */
void	json_raw(struct json *, const char *key, const char *json);
/* Appends s to b as a JSON string literal, quotes included. */
void	json_quote(struct buf *b, const char *s);

#endif
