/*
 * ZPL II for Zebra-class thermal printers: barcodes as native ^BC / ^BQ,
 * and every text as a graphic field drawn here by the same layout as the
 * preview (shrunk to fit its box), so that what prints is what the preview
 * shows on any ZPL printer or clone, whatever its font 0 measures. Fields
 * are sent in ZPL's compressed ASCII hex and cached by content, since area
 * names repeat all day.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../common/buf.h"
#include "label-int.h"

int	label_render_zpl(const struct label_tmpl *, const struct label_data *,
	    int dpi, struct buf *out, struct label_info *, char *cause,
	    size_t clen);

#define GF_CACHE 32

struct gf {
	char		*key;
	struct buf	 hex;
	int		 w, h, rowbytes;
	int		 unknown;
};

static struct gf gf_cache[GF_CACHE];
static int gf_next;

/* A run of n copies of c in ZPL's repeat counts: G..Y are 1..19, g..z are
 * 20..400 in steps of 20. */
static void
zpl_run(struct buf *out, char c, int n)
{
	while (n >= 400) {
		buf_printf(out, "z%c", c);
		n -= 400;
	}
	if (n == 0)
		return;
	if (n == 1) {
		buf_add(out, &c, 1);
		return;
	}
	if (n >= 20)
		buf_printf(out, "%c", 'g' + n / 20 - 1);
	if (n % 20)
		buf_printf(out, "%c", 'G' + n % 20 - 1);
	buf_add(out, &c, 1);
}

/* Hex rows of rowbytes bytes each, compressed: ':' repeats the row above,
 * ',' ends a row with zeros, runs as repeat counts. */
static void
zpl_compress(struct buf *out, const char *hex, int rows, int rowbytes)
{
	int n = rowbytes * 2;

	for (int r = 0; r < rows; r++) {
		const char *row = hex + (size_t)r * n;
		int end = n;

		if (r > 0 && memcmp(row, row - n, (size_t)n) == 0) {
			buf_puts(out, ":");
			continue;
		}
		while (end > 0 && row[end - 1] == '0')
			end--;
		for (int i = 0; i < end;) {
			int j = i;

			while (j < end && row[j] == row[i])
				j++;
			zpl_run(out, row[i], j - i);
			i = j;
		}
		if (end < n)
			buf_puts(out, ",");
	}
}

static const struct gf *
graphic_text(const char *font, double size, int bold, double maxw,
    const char *text)
{
	struct buf key;
	struct gf *g;

	buf_init(&key);
	buf_printf(&key, "%s|%.2f|%d|%.1f|%s", font, size, bold, maxw, text);
	for (int i = 0; i < GF_CACHE; i++)
		if (gf_cache[i].key && !strcmp(gf_cache[i].key, key.data)) {
			buf_free(&key);
			return &gf_cache[i];
		}
	g = &gf_cache[gf_next];
	gf_next = (gf_next + 1) % GF_CACHE;
	free(g->key);
	buf_free(&g->hex);
	g->key = buf_steal(&key, NULL);
	g->unknown = 0;
	{
		struct buf raw;

		buf_init(&raw);
		if (text_bitmap(font, size, bold, maxw, text, &raw, &g->w,
		    &g->h, &g->rowbytes, &g->unknown) == -1) {
			buf_free(&raw);
			free(g->key);
			g->key = NULL;
			return NULL;
		}
		zpl_compress(&g->hex, raw.data, g->h, g->rowbytes);
		buf_free(&raw);
	}
	return g;
}

/* Field data goes through ^FH: '^', '~' and the escape '_' are sent as hex. */
static void
zpl_field(struct buf *b, const char *prefix, const char *s)
{
	buf_printf(b, "^FH_^FD%s", prefix);
	for (; s && *s; s++) {
		if (*s == '^' || *s == '~' || *s == '_')
			buf_printf(b, "_%02X", (unsigned char)*s);
		else
			buf_add(b, s, 1);
	}
	buf_puts(b, "^FS\n");
}

static void
zpl_text(struct buf *out, const struct label_tmpl *t, const struct elem *e,
    int dpi, const char *text, int x, int y, int w, int size,
    struct label_info *info)
{
	if (*text == '\0')
		return;
	const struct gf *g = graphic_text(t->font, size, e->bold, w, text);

	(void)dpi;
	if (g == NULL)
		return;
	info->unknown_glyphs += g->unknown;
	if (e->align == AL_CENTER)
		x += (w - g->w) / 2;
	else if (e->align == AL_RIGHT)
		x += w - g->w;
	buf_printf(out, "^FO%d,%d^GFA,%d,%d,%d,", x, y, g->rowbytes * g->h,
	    g->rowbytes * g->h, g->rowbytes);
	buf_add(out, g->hex.data, g->hex.len);
	buf_puts(out, "^FS\n");
}

int
label_render_zpl(const struct label_tmpl *t, const struct label_data *d,
    int dpi, struct buf *out, struct label_info *info, char *cause,
    size_t clen)
{
	struct buf v;
	int rc = 0;

	buf_init(&v);
	buf_printf(out, "^XA\n^CI28^PW%d^LL%d^LH0,0\n", info->width_dots,
	    info->height_dots);
	for (int i = 0; i < t->n && rc == 0; i++) {
		const struct elem *e = &t->el[i];
		int x = (int)lround(MM(e->x, dpi)), y = (int)lround(MM(e->y, dpi));
		int w = (int)lround(MM(e->w, dpi)), h = (int)lround(MM(e->h, dpi));
		int th = (int)fmax(1, lround(MM(e->t, dpi)));

		if ((rc = label_elem_value(t, e, d, &v, cause, clen)) == -1)
			break;
		switch (e->kind) {
		case EL_TEXT:
			zpl_text(out, t, e, dpi, v.data, x, y, w,
			    (int)lround(MM(e->size, dpi)), info);
			break;
		case EL_BARCODE: {
			struct modules mo;
			int m, bar_h = e->hrt ? (int)(h * 0.78) : h;

			if (v.len == 0)
				break;
			if (barcode_modules(e->bc, v.data, &mo, cause,
			    clen) == -1) {
				rc = -1;
				break;
			}
			m = barcode_module_px(e->bc, &mo, w, bar_h);
			if (m < 1) {
				snprintf(cause, clen, "%s:%d: barcode '%.40s' does"
				    " not fit", t->name, e->line, v.data);
				modules_free(&mo);
				rc = -1;
				break;
			}
			if (e->bc == BC_CODE128) {
				buf_printf(out, "^FO%d,%d^BY%d,3,%d^BCN,%d,N,N,N,A",
				    x + (w - mo.cols * m) / 2, y, m, bar_h, bar_h);
				zpl_field(out, "", v.data);
				if (e->hrt) {
					struct elem te = *e;

					te.align = AL_CENTER;
					te.bold = 0;
					zpl_text(out, t, &te, dpi, v.data, x,
					    y + bar_h + (int)(h * 0.02), w,
					    (int)(h * 0.18), info);
				}
			} else {
				buf_printf(out, "^FO%d,%d^BQN,2,%d",
				    x + (w - mo.cols * m) / 2,
				    y + (h - mo.rows * m) / 2, m);
				/* M error correction, automatic data mode */
				zpl_field(out, "MA,", v.data);
			}
			modules_free(&mo);
			break;
		}
		case EL_LINE: {
			int x2 = (int)lround(MM(e->x2, dpi));
			int y2 = (int)lround(MM(e->y2, dpi));

			if (y == y2)
				buf_printf(out, "^FO%d,%d^GB%d,%d,%d^FS\n",
				    x < x2 ? x : x2, y - th / 2, abs(x2 - x), th,
				    th);
			else
				buf_printf(out, "^FO%d,%d^GB%d,%d,%d^FS\n",
				    x - th / 2, y < y2 ? y : y2, th, abs(y2 - y),
				    th);
			break;
		}
		case EL_BOX:
			buf_printf(out, "^FO%d,%d^GB%d,%d,%d^FS\n", x, y, w, h,
			    th);
			break;
		}
	}
	if (rc == 0)
		buf_puts(out, "^PQ1\n^XZ\n");
	buf_free(&v);
	return rc;
}
