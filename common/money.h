/*
 * Money: integer fen (分), never floating point. Amounts are typed and shown
 * in yuan with at most two decimals ("1299.5" is 129950 fen).
 */
#ifndef ST_MONEY_H
#define ST_MONEY_H

#include <stddef.h>
#include <stdint.h>

/* The most a single price may be, in fen (100 million yuan). */
#define MONEY_MAX_FEN	10000000000LL

/*
 * Parses a yuan amount: digits, optionally a point and one or two digits.
 * Returns 0 with *fen, or -1 with the reason in why.
 */
int	money_parse(const char *yuan, int64_t *fen, char *why, size_t wlen);
/* Writes fen as yuan with two decimals ("1299.50"); negative with '-'. */
void	money_format(int64_t fen, char *out, size_t len);

#endif
