/* Drawing with cairo and pango, shared by labels and sheets. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <pango/pangocairo.h>

#include "../common/buf.h"
#include "label-int.h"

static PangoLayout *
layout_for(cairo_t *cr, const char *font, double size, int bold,
    const char *text)
{
	PangoFontDescription *fd = pango_font_description_new();
	PangoLayout *l = pango_cairo_create_layout(cr);

	pango_font_description_set_family(fd, font ? font : LABEL_FONT);
	pango_font_description_set_weight(fd, bold ? PANGO_WEIGHT_BOLD :
	    PANGO_WEIGHT_NORMAL);
	pango_font_description_set_absolute_size(fd, size * PANGO_SCALE);
	pango_layout_set_font_description(l, fd);
	pango_font_description_free(fd);
	pango_layout_set_text(l, text, -1);
	return l;
}

/*
 * Lays text out at size, shrunk to fit maxw (when > 0) rather than run off
 * its place. Returns the layout (caller unrefs) and its pixel size.
 */
static PangoLayout *
layout_fit(cairo_t *cr, const char *font, double size, int bold,
    double maxw, const char *text, int *pw, int *ph)
{
	PangoLayout *l = layout_for(cr, font, size, bold, text);

	pango_layout_get_pixel_size(l, pw, ph);
	if (maxw > 0 && *pw > maxw) {
		g_object_unref(l);
		l = layout_for(cr, font, size * maxw / *pw, bold, text);
		pango_layout_get_pixel_size(l, pw, ph);
	}
	return l;
}

double
draw_text(cairo_t *cr, const char *font, double x, double y, double w,
    double size, int bold, enum text_align align, const char *text,
    int *unknown)
{
	PangoLayout *l;
	int pw, ph;

	if (text == NULL || *text == '\0')
		return 0;
	l = layout_fit(cr, font, size, bold, w, text, &pw, &ph);
	if (w > 0 && align == AL_CENTER)
		x += (w - pw) / 2;
	else if (w > 0 && align == AL_RIGHT)
		x += w - pw;
	if (unknown)
		*unknown += pango_layout_get_unknown_glyphs_count(l);
	cairo_set_source_rgb(cr, 0, 0, 0);
	cairo_move_to(cr, x, y);
	pango_cairo_show_layout(cr, l);
	g_object_unref(l);
	return ph;
}

int
draw_barcode(cairo_t *cr, enum bc_type t, const char *data, double x,
    double y, double w, double h, int hrt, double gain, const char *font,
    int *unknown, char *cause, size_t clen)
{
	struct modules mo;
	double bar_h = h, ox, oy;
	int m;

	if (barcode_modules(t, data, &mo, cause, clen) == -1)
		return -1;
	if (t == BC_CODE128 && hrt)
		bar_h = h * 0.78;
	if ((m = barcode_module_px(t, &mo, w, bar_h)) < 1) {
		snprintf(cause, clen, "barcode '%.40s' needs %d modules and does"
		    " not fit in %.0f dots", data, mo.cols, w);
		modules_free(&mo);
		return -1;
	}
	/* whole dots from the device origin keep every bar edge sharp */
	ox = (int)(x + (w - (double)mo.cols * m) / 2);
	oy = (int)(t == BC_QR ? y + (h - (double)mo.rows * m) / 2 : y);
	cairo_save(cr);
	cairo_set_antialias(cr, CAIRO_ANTIALIAS_NONE);
	cairo_set_source_rgb(cr, 0, 0, 0);
	for (int r = 0; r < mo.rows; r++)
		for (int c = 0; c < mo.cols; ) {
			int run = 0;

			while (c + run < mo.cols && mo.m[r * mo.cols + c + run])
				run++;
			if (run == 0) {
				c++;
				continue;
			}
			/*
			 * Print gain: a raster driver blackens every dot a bar
			 * touches, so bars whose edges sit on dot boundaries
			 * come out a dot too wide. Each edge moves in by half
			 * the gain; the dots a bar covers stay the same.
			 */
			cairo_rectangle(cr, ox + c * m + gain / 2,
			    oy + r * m + (t == BC_QR ? gain / 2 : 0),
			    run * m - gain, t == BC_QR ? m - gain : (int)bar_h);
			c += run;
		}
	cairo_fill(cr);
	cairo_restore(cr);
	if (t == BC_CODE128 && hrt)
		draw_text(cr, font, x, y + bar_h + h * 0.02, w, h * 0.18, 0,
		    AL_CENTER, data, unknown);
	modules_free(&mo);
	return 0;
}

static cairo_status_t
to_buf(void *closure, const unsigned char *data, unsigned int len)
{
	buf_add(closure, data, len);
	return CAIRO_STATUS_SUCCESS;
}

int
surface_to(cairo_surface_t *s, enum label_format f, struct buf *out,
    char *cause, size_t clen)
{
	cairo_status_t st;

	if (f == LABEL_PNG)
		st = cairo_surface_write_to_png_stream(s, to_buf, out);
	else {
		cairo_surface_finish(s);
		st = cairo_surface_status(s);
	}
	if (st != CAIRO_STATUS_SUCCESS) {
		snprintf(cause, clen, "rendering failed: %s",
		    cairo_status_to_string(st));
		return -1;
	}
	return 0;
}


cairo_surface_t *
pdf_surface(struct buf *out, double w_pt, double h_pt)
{
	return cairo_pdf_surface_create_for_stream(to_buf, out, w_pt, h_pt);
}

cairo_surface_t *
svg_surface(struct buf *out, double w_pt, double h_pt)
{
	return cairo_svg_surface_create_for_stream(to_buf, out, w_pt, h_pt);
}

int
text_bitmap(const char *font, double size, int bold, double maxw,
    const char *text, struct buf *hex, int *wp, int *hp, int *rowbytes,
    int *unknown)
{
	cairo_surface_t *probe, *s;
	PangoLayout *l;
	cairo_t *cr;
	unsigned char *px;
	int w, h, stride;

	/* measure on a scratch surface, then draw at the fitted size */
	probe = cairo_image_surface_create(CAIRO_FORMAT_A8, 1, 1);
	cr = cairo_create(probe);
	l = layout_fit(cr, font, size, bold, maxw, text, &w, &h);
	g_object_unref(l);
	cairo_destroy(cr);
	cairo_surface_destroy(probe);
	if (w < 1 || h < 1)
		return -1;
	s = cairo_image_surface_create(CAIRO_FORMAT_A8, w, h);
	cr = cairo_create(s);
	draw_text(cr, font, 0, 0, maxw, size, bold, AL_LEFT, text, unknown);
	cairo_destroy(cr);
	cairo_surface_flush(s);
	px = cairo_image_surface_get_data(s);
	stride = cairo_image_surface_get_stride(s);
	*rowbytes = (w + 7) / 8;
	for (int y = 0; y < h; y++)
		for (int b = 0; b < *rowbytes; b++) {
			unsigned v = 0;

			for (int k = 0; k < 8; k++) {
				int x = b * 8 + k;

				if (x < w && px[y * stride + x] >= 110)
					v |= 0x80u >> k;
			}
			buf_printf(hex, "%02X", v);
		}
	cairo_surface_destroy(s);
	*wp = w;
	*hp = h;
	return 0;
}
