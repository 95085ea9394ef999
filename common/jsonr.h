/*
 * Reading JSON: the station's own replies (case list --json and the like)
 * parsed into a tree the office page walks. Strings are unescaped to UTF-8;
 * numbers keep their text. One allocation for the whole tree.
 */
#ifndef COMMON_JSONR_H
#define COMMON_JSONR_H

#include <stddef.h>

enum jr_type { JR_NULL, JR_BOOL, JR_NUM, JR_STR, JR_ARR, JR_OBJ };

struct jr {
	enum jr_type	 type;
	const char	*key;	/* in an object; else NULL */
	const char	*s;	/* a string's or number's text; "true"/"false" */
	struct jr	*kid;	/* first member of an array or object */
	struct jr	*next;	/* the next member of its parent */
	size_t		 n;	/* members */
};

/* The tree of text[0..len), or NULL if it is not one JSON value (nesting
 * at most 64 deep). Free with jr_free. */
struct jr	*jr_parse(const char *text, size_t len);
void		 jr_free(struct jr *);
/* The member key of an object, or NULL. */
const struct jr	*jr_get(const struct jr *, const char *key);
/* The text of a member: a string or number as it is, true/false, "" for
 * null or a missing one. */
const char	*jr_str(const struct jr *, const char *key);

#endif
