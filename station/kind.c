/* Case kinds as bits (case.h); apart from the state machine so that the
 * config parser can use them alone. */
#include <string.h>

#include "case.h"

unsigned
case_kind_bit(const char *kind)
{
	static const char *const kinds[] = { "repair", "return", "exchange",
	    "noreason7" };

	for (unsigned i = 0; i < 4; i++)
		if (strcmp(kinds[i], kind) == 0)
			return 1u << i;
	return 0;
}
