/*
 * The reports' charts, drawn with cairo and pango: bars (a top list,
 * largest first), columns, a line over days, a pie of shares, and rates
 * as columns on a 0-100 % scale. A chart travels as text, so the daemon
 * can describe it and the printer side draw it:
 *
 *	TYPE\n TITLE\n label\tvalue\n ...
 *
 * TYPE is bar, column, line, pie or rate (values 0..1).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cairo.h>
#include <pango/pangocairo.h>

#include "../common/buf.h"
#include "label-int.h"
#include "label.h"

#define CHART_MAX	64	/* entries drawn */

enum chart_type { CH_BAR, CH_COLUMN, CH_LINE, CH_PIE, CH_RATE };

struct chart {
	enum chart_type	 type;
	char		 title[200];
	int		 n;
	char		 label[CHART_MAX][120];
	double		 v[CHART_MAX];
};

static const double palette[][3] = {
	{ 0.18, 0.42, 0.71 }, { 0.93, 0.49, 0.19 }, { 0.44, 0.68, 0.28 },
	{ 0.80, 0.25, 0.25 }, { 0.55, 0.40, 0.70 }, { 0.55, 0.55, 0.55 },
	{ 0.10, 0.65, 0.70 }, { 0.85, 0.70, 0.15 },
};
#define NPALETTE	(sizeof(palette) / sizeof(palette[0]))

static int
parse(const char *spec, struct chart *c, char *cause, size_t clen)
{
	static const char *const types[] = { "bar", "column", "line", "pie",
	    "rate" };
	const char *p = spec, *nl;
	char word[16];
	size_t len;

	memset(c, 0, sizeof(*c));
	if ((nl = strchr(p, '\n')) == NULL || (len = (size_t)(nl - p)) >=
	    sizeof(word))
		goto bad;
	memcpy(word, p, len);
	word[len] = '\0';
	c->type = (enum chart_type)-1;
	for (size_t i = 0; i < sizeof(types) / sizeof(types[0]); i++)
		if (strcmp(word, types[i]) == 0)
			c->type = (enum chart_type)i;
	if ((int)c->type == -1)
		goto bad;
	p = nl + 1;
	if ((nl = strchr(p, '\n')) == NULL)
		nl = p + strlen(p);
	snprintf(c->title, sizeof(c->title), "%.*s", (int)(nl - p), p);
	p = *nl ? nl + 1 : nl;
	while (*p && c->n < CHART_MAX) {
		const char *tab = strchr(p, '\t');
		char *end;

		if ((nl = strchr(p, '\n')) == NULL)
			nl = p + strlen(p);
		if (tab == NULL || tab > nl)
			goto bad;
		snprintf(c->label[c->n], sizeof(c->label[0]), "%.*s",
		    (int)(tab - p), p);
		c->v[c->n] = strtod(tab + 1, &end);
		if (end != nl || !isfinite(c->v[c->n]) || c->v[c->n] < 0)
			goto bad;
		c->n++;
		p = *nl ? nl + 1 : nl;
	}
	return 0;
bad:
	snprintf(cause, clen, "a chart is TYPE, TITLE, then label<TAB>value"
	    " lines");
	return -1;
}

static void
text(cairo_t *cr, const char *s, double size, int bold, double x, double y,
    double maxw, int align)	/* align: 0 left, 1 centre, 2 right */
{
	PangoFontDescription *fd = pango_font_description_new();
	PangoLayout *l = pango_cairo_create_layout(cr);
	int w, h;

	pango_font_description_set_family(fd, LABEL_FONT);
	pango_font_description_set_absolute_size(fd, size * PANGO_SCALE);
	pango_font_description_set_weight(fd, bold ? PANGO_WEIGHT_BOLD :
	    PANGO_WEIGHT_NORMAL);
	pango_layout_set_font_description(l, fd);
	pango_font_description_free(fd);
	pango_layout_set_width(l, (int)(maxw * PANGO_SCALE));
	pango_layout_set_ellipsize(l, PANGO_ELLIPSIZE_END);
	pango_layout_set_text(l, s, -1);
	pango_layout_get_pixel_size(l, &w, &h);
	cairo_move_to(cr, align == 0 ? x : align == 1 ? x - w / 2.0 : x - w,
	    y - h / 2.0);
	pango_cairo_show_layout(cr, l);
	g_object_unref(l);
}

/* The value axis' top and its number of steps: whole steps for counts. */
static double
top_of(const struct chart *c, int *ticks)
{
	double m = 0, p, f;

	*ticks = 4;
	if (c->type == CH_RATE)
		return 1;
	for (int i = 0; i < c->n; i++)
		if (c->v[i] > m)
			m = c->v[i];
	if (m <= 4)
		return 4;
	/* a round top: 1, 2 or 5 times a power of ten */
	p = pow(10, floor(log10(m)));
	f = m / p;
	f = f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10;
	*ticks = f == 2 ? 4 : 5;
	return f * p;
}

static void
value_text(const struct chart *c, double v, char *out, size_t len)
{
	if (c->type == CH_RATE)
		snprintf(out, len, "%.1f%%", v * 100);
	else if (v == floor(v))
		snprintf(out, len, "%.0f", v);
	else
		snprintf(out, len, "%.2f", v);
}

void
chart_draw(cairo_t *cr, const char *spec, double x, double y, double w,
    double h)
{
	struct chart c;
	char cause[80], v[32];
	double top, px, py, pw, ph;
	int ticks;

	cairo_save(cr);
	if (parse(spec, &c, cause, sizeof(cause)) == -1) {
		cairo_restore(cr);
		return;
	}
	cairo_set_source_rgb(cr, 0, 0, 0);
	text(cr, c.title, 11, 1, x + w / 2, y + 9, w, 1);
	if (c.n == 0) {
		cairo_set_source_rgb(cr, 0.4, 0.4, 0.4);
		text(cr, "无数据 no data", 9, 0, x + w / 2, y + h / 2, w, 1);
		cairo_restore(cr);
		return;
	}
	top = top_of(&c, &ticks);
	cairo_set_line_width(cr, 0.6);
	if (c.type == CH_PIE) {
		double sum = 0, a = -M_PI / 2, r = fmin(w * 0.3, h - 40) / 2;
		double cx = x + r + 10, cy = y + 24 + r;

		for (int i = 0; i < c.n; i++)
			sum += c.v[i];
		for (int i = 0; i < c.n; i++) {
			double da = sum > 0 ? c.v[i] / sum * 2 * M_PI : 0;
			const double *col = palette[i % NPALETTE];

			cairo_set_source_rgb(cr, col[0], col[1], col[2]);
			cairo_move_to(cr, cx, cy);
			cairo_arc(cr, cx, cy, r, a, a + da);
			cairo_close_path(cr);
			cairo_fill(cr);
			a += da;
			/* the legend: swatch, label, count and share */
			cairo_rectangle(cr, cx + r + 20, y + 26 + i * 14, 8, 8);
			cairo_fill(cr);
			cairo_set_source_rgb(cr, 0, 0, 0);
			snprintf(v, sizeof(v), "%.0f  %.1f%%", c.v[i], sum > 0 ?
			    c.v[i] * 100 / sum : 0);
			{
				char line[200];

				snprintf(line, sizeof(line), "%s  %s", c.label[i],
				    v);
				text(cr, line, 8.5, 0, cx + r + 32, y + 30 +
				    i * 14, x + w - (cx + r + 32), 0);
			}
		}
		cairo_restore(cr);
		return;
	}
	if (c.type == CH_BAR) {
		/* horizontal bars, labels at the left, largest on top */
		double lw = w * 0.36, bh;

		px = x + lw + 6;
		pw = w - lw - 50;
		py = y + 22;
		ph = h - 26;
		bh = ph / c.n;
		for (int i = 0; i < c.n; i++) {
			double bw = pw * c.v[i] / top;
			const double *col = palette[0];

			cairo_set_source_rgb(cr, 0, 0, 0);
			text(cr, c.label[i], 8.5, 0, px - 6, py + bh * (i + 0.5),
			    lw - 4, 2);
			cairo_set_source_rgb(cr, col[0], col[1], col[2]);
			cairo_rectangle(cr, px, py + bh * i + bh * 0.15, bw,
			    bh * 0.7);
			cairo_fill(cr);
			cairo_set_source_rgb(cr, 0, 0, 0);
			value_text(&c, c.v[i], v, sizeof(v));
			text(cr, v, 8, 0, px + bw + 3, py + bh * (i + 0.5), 46, 0);
		}
		cairo_move_to(cr, px, py);
		cairo_line_to(cr, px, py + ph);
		cairo_stroke(cr);
		cairo_restore(cr);
		return;
	}
	/* columns, rates and lines: a value axis at the left */
	px = x + 40;
	py = y + 32;
	pw = w - 50;
	ph = h - 32 - 34;
	cairo_set_source_rgb(cr, 0.85, 0.85, 0.85);
	for (int t = 0; t <= ticks; t++) {
		double ty = py + ph - ph * t / ticks;

		cairo_move_to(cr, px, ty);
		cairo_line_to(cr, px + pw, ty);
		cairo_stroke(cr);
	}
	cairo_set_source_rgb(cr, 0, 0, 0);
	for (int t = 0; t <= ticks; t++) {
		value_text(&c, top * t / ticks, v, sizeof(v));
		text(cr, v, 7.5, 0, px - 4, py + ph - ph * t / ticks, 36, 2);
	}
	cairo_move_to(cr, px, py);
	cairo_line_to(cr, px, py + ph);
	cairo_line_to(cr, px + pw, py + ph);
	cairo_stroke(cr);
	{
		double slot = pw / c.n;
		/* a label every few slots when they would crowd */
		int every = (int)ceil(c.n * 38.0 / pw);

		if (every < 1)
			every = 1;
		for (int i = 0; i < c.n; i++) {
			double cx = px + slot * (i + 0.5);
			double vy = py + ph - ph * c.v[i] / top;
			const double *col = palette[c.type == CH_RATE ? i %
			    NPALETTE : 0];

			if (c.type == CH_LINE) {
				cairo_set_source_rgb(cr, col[0], col[1], col[2]);
				cairo_new_path(cr);
				cairo_arc(cr, cx, vy, 1.8, 0, 2 * M_PI);
				cairo_fill(cr);
			} else {
				cairo_set_source_rgb(cr, col[0], col[1], col[2]);
				cairo_rectangle(cr, cx - slot * 0.3, vy, slot * 0.6,
				    py + ph - vy);
				cairo_fill(cr);
				cairo_set_source_rgb(cr, 0, 0, 0);
				value_text(&c, c.v[i], v, sizeof(v));
				text(cr, v, 7.5, 0, cx, vy - 6, slot, 1);
			}
			if (i % every == 0) {
				const char *l = c.label[i];

				/* days by their month and day */
				if (c.type == CH_LINE && strlen(l) == 10)
					l += 5;
				cairo_save(cr);
				cairo_set_source_rgb(cr, 0, 0, 0);
				text(cr, l, 7.5, 0, cx, py + ph + 10, slot *
				    every, 1);
				cairo_restore(cr);
			}
		}
		if (c.type == CH_LINE) {
			const double *col = palette[0];

			cairo_set_source_rgb(cr, col[0], col[1], col[2]);
			cairo_set_line_width(cr, 1.5);
			cairo_new_path(cr);
			for (int i = 0; i < c.n; i++)
				cairo_line_to(cr, px + slot * (i + 0.5), py + ph -
				    ph * c.v[i] / top);
			cairo_stroke(cr);
		}
	}
	cairo_restore(cr);
}

int
chart_render(const char *spec, enum label_format f, struct buf *out,
    char *cause, size_t clen)
{
	const double w = 520, h = 300;
	cairo_surface_t *s;
	struct chart c;
	cairo_t *cr;
	int rc;

	if (parse(spec, &c, cause, clen) == -1)
		return -1;
	if (f == LABEL_PNG)
		/* twice the points, for a sharp picture on a screen */
		s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, (int)w * 2,
		    (int)h * 2);
	else if (f == LABEL_SVG)
		s = svg_surface(out, w, h);
	else
		s = pdf_surface(out, w, h);
	cr = cairo_create(s);
	if (f == LABEL_PNG)
		cairo_scale(cr, 2, 2);
	cairo_set_source_rgb(cr, 1, 1, 1);
	cairo_paint(cr);
	chart_draw(cr, spec, 10, 10, w - 20, h - 20);
	cairo_destroy(cr);
	rc = surface_to(s, f, out, cause, clen);
	cairo_surface_destroy(s);
	return rc;
}
