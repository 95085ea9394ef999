/* Barcodes through libzint: encoded once, drawn module by module. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <zint.h>

#include "label-int.h"

int
barcode_modules(enum bc_type t, const char *data, struct modules *mo,
    char *cause, size_t clen)
{
	struct zint_symbol *s;
	int rc;

	memset(mo, 0, sizeof(*mo));
	if (data == NULL || *data == '\0') {
		snprintf(cause, clen, "barcode has no value");
		return -1;
	}
	if ((s = ZBarcode_Create()) == NULL) {
		snprintf(cause, clen, "out of memory");
		return -1;
	}
	s->symbology = t == BC_QR ? BARCODE_QRCODE : BARCODE_CODE128;
	if (t == BC_QR) {
		s->input_mode = UNICODE_MODE;
		s->option_1 = 2;	/* error correction M */
	}
	s->scale = 0.5f;		/* one pixel per module */
	s->show_hrt = 0;
	s->whitespace_width = 0;
	s->border_width = 0;
	if (t == BC_CODE128)
		s->height = 1;
	rc = ZBarcode_Encode_and_Buffer(s, (const unsigned char *)data,
	    (int)strlen(data), 0);
	if (rc >= ZINT_ERROR) {
		snprintf(cause, clen, "cannot encode '%.40s' as %s: %s", data,
		    t == BC_QR ? "QR" : "Code 128", s->errtxt);
		ZBarcode_Delete(s);
		return -1;
	}
	mo->cols = s->bitmap_width;
	mo->rows = t == BC_QR ? s->bitmap_height : 1;
	if ((mo->m = malloc((size_t)mo->cols * (size_t)mo->rows)) == NULL) {
		ZBarcode_Delete(s);
		snprintf(cause, clen, "out of memory");
		return -1;
	}
	for (int y = 0; y < mo->rows; y++)
		for (int x = 0; x < mo->cols; x++)
			mo->m[y * mo->cols + x] =
			    s->bitmap[(y * s->bitmap_width + x) * 3] < 128;
	ZBarcode_Delete(s);
	return 0;
}

void
modules_free(struct modules *mo)
{
	free(mo->m);
	mo->m = NULL;
}

int
barcode_module_px(enum bc_type t, const struct modules *mo, double w, double h)
{
	/* quiet zones: 10 modules each side for Code 128, 4 for QR */
	int q = t == BC_QR ? 8 : 20;
	int mw = (int)(w / (mo->cols + q));
	int mh = t == BC_QR ? (int)(h / (mo->rows + q)) : mw;

	return mw < mh ? mw : mh;
}
