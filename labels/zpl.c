/* ZPL II rendering of the area label for Zebra-class thermal printers. */
#include <stdio.h>
#include <string.h>

#include "../station/buf.h"
#include "label.h"

/* Field data goes through ^FH: '^', '~' and the escape '_' are sent as hex. */
static void
zpl_field(struct buf *b, const char *s)
{
	buf_puts(b, "^FH_^FD");
	for (; s && *s; s++) {
		if (*s == '^' || *s == '~' || *s == '_')
			buf_printf(b, "_%02X", (unsigned char)*s);
		else
			buf_add(b, s, 1);
	}
	buf_puts(b, "^FS");
}

int
label_render_zpl(const struct label_data *d, int dpi, struct buf *out,
    char *cause, size_t clen)
{
	/* coordinates below are in 203 dpi dots (8 per mm), scaled for others */
#define D(v) ((int)(((long)(v) * dpi + 101) / 203))
	char line[128];
	int module;

	if (dpi != 203 && dpi != 300 && dpi != 600) {
		snprintf(cause, clen, "unsupported resolution %d dpi", dpi);
		return -1;
	}
	if (d->case_no == NULL || *d->case_no == '\0') {
		snprintf(cause, clen, "label has no case number");
		return -1;
	}
	module = dpi >= 600 ? 6 : dpi >= 300 ? 3 : 2;
	buf_printf(out, "^XA^CI28^PW%d^LL%d^LH0,0\n", D(480), D(320));
	buf_printf(out, "^FO%d,%d^A0N,%d,%d", D(16), D(12), D(60), D(52));
	zpl_field(out, d->area ? d->area : "");
	buf_puts(out, "\n");
	buf_printf(out, "^FO%d,%d^A0N,%d,%d", D(16), D(80), D(26), D(22));
	snprintf(line, sizeof(line), "%s  %s", d->date ? d->date : "",
	    d->case_no);
	zpl_field(out, line);
	buf_puts(out, "\n");
	buf_printf(out, "^FO%d,%d^A0N,%d,%d", D(16), D(110), D(22), D(18));
	snprintf(line, sizeof(line), "WB %.60s  %s", d->waybill ? d->waybill :
	    "", d->kind ? d->kind : "");
	zpl_field(out, line);
	buf_puts(out, "\n");
	buf_printf(out, "^FO%d,%d^A0N,%d,%d", D(16), D(138), D(30), D(26));
	if (d->cct > 0)
		snprintf(line, sizeof(line), "%.64s  %dK  x%d",
		    d->model ? d->model : "", d->cct, d->qty);
	else
		snprintf(line, sizeof(line), "%.64s  x%d",
		    d->model ? d->model : "", d->qty);
	zpl_field(out, line);
	buf_puts(out, "\n");
	/* Code 128 of the case number, human-readable line below it */
	buf_printf(out, "^FO%d,%d^BY%d,3,%d^BCN,%d,Y,N,N", D(16), D(180),
	    module, D(90), D(90));
	zpl_field(out, d->case_no);
	buf_puts(out, "\n^PQ1\n^XZ\n");
	return 0;
#undef D
}
