/* libFuzzer: any bytes as a label template file. */
#include <stdint.h>

#include "../../labels/label.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct label_tmpl *t;
	char cause[512];

	if ((t = label_tmpl_parse("fuzz.tmpl", (const char *)data, size, cause,
	    sizeof(cause))) != NULL)
		label_tmpl_free(t);
	return 0;
}
