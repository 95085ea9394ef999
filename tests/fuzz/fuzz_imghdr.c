/* libFuzzer: any bytes as a photo header (JPEG, PNG). */
#include <stdint.h>
#include <stdlib.h>

#include "../../drivers/imghdr.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *fmt;
	char cause[256];
	int w, h;

	if (image_header(data, size, &fmt, &w, &h, cause, sizeof(cause)) == 0 &&
	    (w <= 0 || h <= 0 || w > IMAGE_MAX_SIDE || h > IMAGE_MAX_SIDE))
		abort();	/* a header it took must be within bounds */
	return 0;
}
