/*
 * Labels: data in, bytes out. No I/O beyond the buffer the caller hands in.
 */
#ifndef ST_LABEL_H
#define ST_LABEL_H

#include <stddef.h>

struct buf;

/* What an area label shows. Strings are UTF-8 and owned by the caller. */
struct label_data {
	const char	*area;		/* area code, ASCII */
	const char	*area_name;	/* e.g. 维修区 */
	const char	*date;		/* YYYY-MM-DD received */
	const char	*case_no;	/* encoded in the barcode */
	const char	*waybill;
	const char	*model;		/* first model, "+N" when more */
	const char	*kind;
	int		 cct;		/* 0: none or mixed */
	int		 qty;		/* total quantity */
};

/*
 * Renders the 60x40 mm area label as ZPL II for a printer of `dpi` dots per
 * inch (203, 300 or 600), appending to out. Returns 0, or -1 with cause.
 */
int	label_render_zpl(const struct label_data *, int dpi, struct buf *out,
	    char *cause, size_t clen);

#endif
