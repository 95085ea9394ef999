/* zbar still-image decoding (see zbar_decode.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <zbar.h>

#include "zbar_decode.h"

int
zbar_decode_gray(const unsigned char *gray, int w, int h,
    struct zbar_hit **hitsp)
{
	zbar_image_scanner_t *sc;
	const zbar_symbol_t *sym;
	struct zbar_hit *hits = NULL;
	zbar_image_t *img;
	int n = 0, found;

	*hitsp = NULL;
	if (w <= 0 || h <= 0)
		return -1;
	if ((sc = zbar_image_scanner_create()) == NULL)
		return -1;
	zbar_image_scanner_set_config(sc, 0, ZBAR_CFG_ENABLE, 1);
	if ((img = zbar_image_create()) == NULL) {
		zbar_image_scanner_destroy(sc);
		return -1;
	}
	zbar_image_set_format(img, zbar_fourcc('Y', '8', '0', '0'));
	zbar_image_set_size(img, (unsigned)w, (unsigned)h);
	zbar_image_set_data(img, gray, (unsigned long)w * (unsigned long)h,
	    NULL);
	found = zbar_scan_image(sc, img);
	if (found > 0 && (hits = calloc((size_t)found, sizeof(*hits))) != NULL)
		for (sym = zbar_image_first_symbol(img); sym && n < found;
		    sym = zbar_symbol_next(sym)) {
			snprintf(hits[n].type, sizeof(hits[n].type), "%s",
			    zbar_get_symbol_name(zbar_symbol_get_type(sym)));
			if ((hits[n].data = strdup(zbar_symbol_get_data(sym))) ==
			    NULL)
				break;
			n++;
		}
	zbar_image_destroy(img);
	zbar_image_scanner_destroy(sc);
	if (found < 0)
		return -1;
	*hitsp = hits;
	return n;
}

void
zbar_hits_free(struct zbar_hit *h, int n)
{
	for (int i = 0; i < n; i++)
		free(h[i].data);
	free(h);
}
