/*
 * Documents on A4 (the RMA report, later the monthly report): a list of
 * blocks, each a style and its text, laid out top to bottom with pango,
 * wrapped to the page's width and carried to a new page when it does not
 * fit. Page numbers at the foot.
 */
#include <stdio.h>
#include <string.h>

#include <cairo.h>
#include <cairo-pdf.h>
#include <pango/pangocairo.h>

#include "../common/buf.h"
#include "label-int.h"
#include "label.h"

#define A4_W	595.28
#define A4_H	841.89
#define MARGIN	56.0
#define FOOT	28.0

static const struct {
	double	size;
	int	bold;
	double	before, after;
} styles[DOC_NSTYLES] = {
	[DOC_TITLE] = { 17, 1, 0, 6 },
	[DOC_SUBTITLE] = { 10, 0, 0, 14 },
	[DOC_HEADING] = { 12, 1, 12, 4 },
	[DOC_TEXT] = { 9.5, 0, 0, 3 },
	[DOC_FIELD] = { 9.5, 0, 0, 2 },
	[DOC_ROW] = { 9, 0, 0, 1 },
	[DOC_HEAD_ROW] = { 9, 1, 2, 2 },
	[DOC_CHART] = { 9, 0, 8, 8 },
};
#define CHART_H	200.0	/* charts go two to a row */

static PangoLayout *
layout(cairo_t *cr, const struct doc_block *b, double width)
{
	PangoFontDescription *fd = pango_font_description_new();
	PangoLayout *l = pango_cairo_create_layout(cr);

	pango_font_description_set_family(fd, LABEL_FONT);
	pango_font_description_set_weight(fd, styles[b->style].bold ?
	    PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
	pango_font_description_set_absolute_size(fd,
	    styles[b->style].size * PANGO_SCALE);
	pango_layout_set_font_description(l, fd);
	pango_font_description_free(fd);
	pango_layout_set_width(l, (int)(width * PANGO_SCALE));
	pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
	if (b->style == DOC_ROW || b->style == DOC_HEAD_ROW) {
		/* cells split by tabs, in even columns */
		int cols = 1;
		PangoTabArray *t;

		for (const char *p = b->text; *p; p++)
			cols += *p == '\t';
		t = pango_tab_array_new(cols, TRUE);
		for (int i = 0; i < cols; i++)
			pango_tab_array_set_tab(t, i, PANGO_TAB_LEFT,
			    (int)(width * i / cols));
		pango_layout_set_tabs(l, t);
		pango_tab_array_free(t);
	}
	pango_layout_set_text(l, b->text, -1);
	return l;
}

static void
foot(cairo_t *cr, int page, const char *footer)
{
	struct doc_block b = { DOC_ROW, NULL };
	char text[300];
	PangoLayout *l;

	snprintf(text, sizeof(text), "%s    %d", footer ? footer : "", page);
	b.text = text;
	l = layout(cr, &b, A4_W - 2 * MARGIN);
	pango_layout_set_alignment(l, PANGO_ALIGN_RIGHT);
	cairo_move_to(cr, MARGIN, A4_H - FOOT);
	pango_cairo_show_layout(cr, l);
	g_object_unref(l);
}

int
doc_render(const struct doc_block *blocks, int n, const char *footer,
    struct buf *out, int *pages, char *cause, size_t clen)
{
	cairo_surface_t *s = pdf_surface(out, A4_W, A4_H);
	cairo_t *cr = cairo_create(s);
	double y = MARGIN, width = A4_W - 2 * MARGIN;
	int page = 1, rc, right = 0;	/* the next chart goes at the right */

	cairo_set_source_rgb(cr, 0, 0, 0);
	for (int i = 0; i < n; i++) {
		const struct doc_block *b = &blocks[i];
		PangoLayout *l;
		int w, h;

		if (b->style < 0 || b->style >= DOC_NSTYLES || b->text == NULL)
			continue;
		if (b->style == DOC_CHART) {
			double cw = (width - 16) / 2;

			if (!right) {
				y += styles[DOC_CHART].before;
				if (y + CHART_H > A4_H - MARGIN - FOOT &&
				    y > MARGIN) {
					foot(cr, page++, footer);
					cairo_show_page(cr);
					y = MARGIN;
				}
			}
			chart_draw(cr, b->text, MARGIN + (right ? cw + 16 : 0), y,
			    cw, CHART_H);
			if ((right = !right) == 0)
				y += CHART_H + styles[DOC_CHART].after;
			continue;
		}
		if (right) {
			/* a lone chart at the left: its row ends */
			y += CHART_H + styles[DOC_CHART].after;
			right = 0;
		}
		l = layout(cr, b, width);
		pango_layout_get_pixel_size(l, &w, &h);
		y += styles[b->style].before;
		/* a heading keeps its first line with it */
		if (y + h + (b->style == DOC_HEADING ? 30 : 0) >
		    A4_H - MARGIN - FOOT && y > MARGIN) {
			foot(cr, page++, footer);
			cairo_show_page(cr);
			y = MARGIN;
		}
		cairo_move_to(cr, MARGIN, y);
		pango_cairo_show_layout(cr, l);
		if (b->style == DOC_TITLE || b->style == DOC_HEAD_ROW) {
			cairo_set_line_width(cr, b->style == DOC_TITLE ? 1 : 0.5);
			cairo_move_to(cr, MARGIN, y + h + 1.5);
			cairo_line_to(cr, A4_W - MARGIN, y + h + 1.5);
			cairo_stroke(cr);
		}
		y += h + styles[b->style].after;
		g_object_unref(l);
	}
	foot(cr, page, footer);
	cairo_destroy(cr);
	rc = surface_to(s, LABEL_PDF, out, cause, clen);
	cairo_surface_destroy(s);
	if (pages)
		*pages = page;
	return rc;
}
