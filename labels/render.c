/* PDF and PNG labels through cairo; ZPL is in zpl.c. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "../common/buf.h"
#include "label-int.h"

int	label_render_zpl(const struct label_tmpl *, const struct label_data *,
	    int dpi, struct buf *out, struct label_info *, char *cause,
	    size_t clen);

static void
draw_rule(cairo_t *cr, double x, double y, double w, double h)
{
	cairo_rectangle(cr, round(x), round(y), fmax(1, round(w)),
	    fmax(1, round(h)));
	cairo_fill(cr);
}

static int
draw_elements(cairo_t *cr, const struct label_tmpl *t,
    const struct label_data *d, int dpi, struct label_info *info,
    char *cause, size_t clen)
{
	struct buf v;
	int rc = 0;

	buf_init(&v);
	cairo_set_source_rgb(cr, 0, 0, 0);
	for (int i = 0; i < t->n && rc == 0; i++) {
		const struct elem *e = &t->el[i];
		double x = MM(e->x, dpi), y = MM(e->y, dpi);
		double w = MM(e->w, dpi), h = MM(e->h, dpi), th = MM(e->t, dpi);

		if ((rc = label_elem_value(t, e, d, &v, cause, clen)) == -1)
			break;
		switch (e->kind) {
		case EL_TEXT:
			draw_text(cr, t->font, x, y, w, MM(e->size, dpi), e->bold,
			    e->align, v.data, &info->unknown_glyphs);
			break;
		case EL_BARCODE:
			if (v.len == 0)
				break;	/* nothing to encode: leave it blank */
			if (draw_barcode(cr, e->bc, v.data, x, y, w, h, e->hrt,
			    t->gain, t->font, &info->unknown_glyphs, cause, clen) == -1) {
				char msg[256];

				snprintf(msg, sizeof(msg), "%s", cause);
				snprintf(cause, clen, "%s:%d: %s", t->name,
				    e->line, msg);
				rc = -1;
			}
			break;
		case EL_LINE:
			if (e->y == e->y2)
				draw_rule(cr, fmin(x, MM(e->x2, dpi)), y - th / 2,
				    fabs(MM(e->x2, dpi) - x), th);
			else
				draw_rule(cr, x - th / 2, fmin(y, MM(e->y2, dpi)),
				    th, fabs(MM(e->y2, dpi) - y));
			break;
		case EL_BOX:
			draw_rule(cr, x, y, w, th);
			draw_rule(cr, x, y + h - th, w, th);
			draw_rule(cr, x, y, th, h);
			draw_rule(cr, x + w - th, y, th, h);
			break;
		}
		cairo_set_source_rgb(cr, 0, 0, 0);
	}
	buf_free(&v);
	return rc;
}

int
label_render(const struct label_tmpl *t, const struct label_data *d,
    enum label_format f, int dpi, struct buf *out, struct label_info *infop,
    char *cause, size_t clen)
{
	return label_render_many(t, d, 1, f, dpi, out, infop, cause, clen);
}

int
label_render_many(const struct label_tmpl *t, const struct label_data *d,
    int n, enum label_format f, int dpi, struct buf *out,
    struct label_info *infop, char *cause, size_t clen)
{
	struct label_info info;
	cairo_surface_t *s;
	cairo_t *cr;
	int rc = 0;

	memset(&info, 0, sizeof(info));
	if (dpi == 0)
		dpi = t->dpi;
	if (dpi != 203 && dpi != 300 && dpi != 600) {
		snprintf(cause, clen, "unsupported resolution %d dpi", dpi);
		return -1;
	}
	info.width_dots = (int)lround(MM(t->w_mm, dpi));
	info.height_dots = (int)lround(MM(t->h_mm, dpi));
	if (n < 1 || (f == LABEL_PNG && n != 1)) {
		snprintf(cause, clen, "a PNG holds one label");
		return -1;
	}
	if (f == LABEL_ZPL) {
		/* a ZPL stream is labels one after another */
		for (int i = 0; i < n && rc == 0; i++)
			rc = label_render_zpl(t, &d[i], dpi, out, &info, cause,
			    clen);
		if (infop)
			*infop = info;
		return rc;
	}
	if (f == LABEL_PNG)
		s = cairo_image_surface_create(CAIRO_FORMAT_RGB24,
		    info.width_dots, info.height_dots);
	else
		s = pdf_surface(out, t->w_mm * 72 / 25.4, t->h_mm * 72 / 25.4);
	cr = cairo_create(s);
	if (f == LABEL_PNG) {
		cairo_set_source_rgb(cr, 1, 1, 1);
		cairo_paint(cr);
	} else
		cairo_scale(cr, 72.0 / dpi, 72.0 / dpi);
	/* a PDF holds one page a label and embeds its fonts once */
	for (int i = 0; i < n && rc == 0; i++) {
		if (i > 0)
			cairo_show_page(cr);
		rc = draw_elements(cr, t, &d[i], dpi, &info, cause, clen);
	}
	cairo_destroy(cr);
	if (rc == 0)
		rc = surface_to(s, f, out, cause, clen);
	cairo_surface_destroy(s);
	if (infop)
		*infop = info;
	return rc;
}
