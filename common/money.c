/* Money in integer fen (see money.h). */
#include <stdio.h>

#include "money.h"

int
money_parse(const char *s, int64_t *fen, char *why, size_t wlen)
{
	int64_t v = 0;
	int digits = 0, decimals = -1;

	for (const char *p = s; *p; p++) {
		if (*p == '.' && decimals < 0 && digits > 0) {
			decimals = 0;
			continue;
		}
		if (*p < '0' || *p > '9' || decimals == 2)
			goto bad;
		if (decimals >= 0)
			decimals++;
		else
			digits++;
		v = v * 10 + (*p - '0');
		if (v > MONEY_MAX_FEN)
			goto big;
	}
	if (digits == 0 || decimals == 0)
		goto bad;
	for (int d = decimals < 0 ? 0 : decimals; d < 2; d++)
		v *= 10;
	if (v > MONEY_MAX_FEN)
		goto big;
	*fen = v;
	return 0;
bad:
	snprintf(why, wlen, "'%.32s' is no amount in yuan: digits with at most"
	    " two decimals, e.g. 1299.50 / 金额格式错误", s);
	return -1;
big:
	snprintf(why, wlen, "'%.32s' yuan is more than %lld yuan / 金额过大", s,
	    MONEY_MAX_FEN / 100);
	return -1;
}

void
money_format(int64_t fen, char *out, size_t len)
{
	uint64_t a = fen < 0 ? (uint64_t)0 - (uint64_t)fen : (uint64_t)fen;

	snprintf(out, len, "%s%llu.%02u", fen < 0 ? "-" : "",
	    (unsigned long long)(a / 100), (unsigned)(a % 100));
}
