/* UTF-8 well-formedness: no overlongs, surrogates or code points past
 * U+10FFFF. Returns 0, or -1 with *bad at the offending byte. */
#ifndef ST_UTF8_H
#define ST_UTF8_H

#include <stddef.h>

int	utf8_check(const char *s, size_t len, size_t *bad);
/* Decodes the code point at s (already checked); returns its byte length. */
size_t	utf8_next(const char *s, unsigned int *cp);

#endif
