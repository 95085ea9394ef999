/* libFuzzer: any bytes as a scan — validate, then classify. */
#include <stdint.h>
#include <string.h>

#include "../../station/scan.h"

static struct carrier_set cs;

static int
catalogue(void *arg, const char *code)
{
	(void)arg;
	return code[0] == '6' && strlen(code) == 13;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char s[SCAN_MAX + 1], cause[512];
	const char *why;
	struct scan sc;

	if (cs.v == NULL)
		carrier_set_defaults(&cs);
	if (scan_validate((const char *)data, size, &why) == -1)
		return 0;
	memcpy(s, data, size);
	s[size] = '\0';
	scan_classify(s, &cs, "R", catalogue, NULL, &sc, cause, sizeof(cause));
	return 0;
}
