/*
 * A4 sheets to work with the scanner alone: every command barcode, and the
 * operators' badges. PDF for printing; PNG (first page) for previews and
 * for the tests that read every barcode back.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "../common/buf.h"
#include "label-int.h"

cairo_surface_t *pdf_surface(struct buf *out, double w_pt, double h_pt);

#define A4_W	210.0
#define A4_H	297.0
#define SHEET_DPI 300

struct page {
	cairo_surface_t	*s;
	cairo_t		*cr;
	enum label_format fmt;
	struct buf	*out;
	int		 pages;
};

static void
page_open(struct page *p, enum label_format fmt, struct buf *out)
{
	memset(p, 0, sizeof(*p));
	p->fmt = fmt;
	p->out = out;
	if (fmt == LABEL_PNG)
		p->s = cairo_image_surface_create(CAIRO_FORMAT_RGB24,
		    (int)lround(MM(A4_W, SHEET_DPI)),
		    (int)lround(MM(A4_H, SHEET_DPI)));
	else
		p->s = pdf_surface(out, A4_W * 72 / 25.4, A4_H * 72 / 25.4);
	p->cr = cairo_create(p->s);
	if (fmt == LABEL_PNG) {
		cairo_set_source_rgb(p->cr, 1, 1, 1);
		cairo_paint(p->cr);
	} else
		cairo_scale(p->cr, 72.0 / SHEET_DPI, 72.0 / SHEET_DPI);
	p->pages = 1;
}

/* Starts a new page; a PNG keeps only the first. Returns 0 if it may draw. */
static int
page_next(struct page *p)
{
	if (p->fmt == LABEL_PNG)
		return -1;
	cairo_show_page(p->cr);
	p->pages++;
	return 0;
}

static int
page_close(struct page *p, char *cause, size_t clen)
{
	int rc;

	cairo_destroy(p->cr);
	rc = surface_to(p->s, p->fmt, p->out, cause, clen);
	cairo_surface_destroy(p->s);
	return rc;
}

#define D(mm) MM((mm), SHEET_DPI)

/* Closes the sheet into its bytes and reports what was drawn. */
static int
sheet_done(struct page *p, struct label_info *li, struct label_info *info,
    int rc, char *cause, size_t clen)
{
	if (page_close(p, cause, clen) == -1)
		rc = -1;
	li->width_dots = (int)lround(D(A4_W));
	li->height_dots = (int)lround(D(A4_H));
	if (info)
		*info = *li;
	return rc;
}

/* One cell: caption, barcode of value, the value in small type. */
static int
cell(cairo_t *cr, double x, double y, double w, double h, const char *caption,
    const char *value, int *unknown, char *cause, size_t clen)
{
	draw_text(cr, LABEL_FONT, D(x), D(y), D(w), D(3.2), 1, AL_CENTER,
	    caption, unknown);
	if (draw_barcode(cr, BC_CODE128, value, D(x), D(y + 4.5), D(w),
	    D(h - 8), 0, LABEL_GAIN, LABEL_FONT, unknown, cause, clen) == -1)
		return -1;
	draw_text(cr, LABEL_FONT, D(x), D(y + h - 3.2), D(w), D(2.4), 0,
	    AL_CENTER, value, unknown);
	return 0;
}

int
sheet_commands(const struct sheet_cause *causes, int ncauses, int page,
    enum label_format fmt, struct buf *out, struct label_info *info,
    char *cause, size_t clen)
{
	static const char *const cmds[][2] = {
		{ "维修 Repair", "%KIND:REPAIR" },
		{ "退货 Return", "%KIND:RETURN" },
		{ "换货 Exchange", "%KIND:EXCHANGE" },
		{ "七天无理由 7-day return", "%KIND:NOREASON7" },
		{ "完好 Intact", "%COND:INTACT" },
		{ "破损 Damaged", "%COND:DAMAGED" },
		{ "严重破损 Severe", "%COND:SEVERE" },
		{ "变形 Deformed", "%COND:DEFORMED" },
		{ "非本司产品 Not ours", "%COND:FOREIGN" },
		{ "完成 Done", "%DONE" },
		{ "取消 Cancel", "%CANCEL" },
		{ "重打标签 Reprint", "%REPRINT" },
		{ "主管确认 Accept (supervisor)", "%ACCEPT" },
	};
	static const int ccts[] = { 2700, 3000, 3500, 4000, 5000, 5700, 6500 };
	struct label_info li;
	struct page p;
	char cap[64], val[48];
	int n = 0, rc = 0;
	const double mx = 8, my = 20, cw = 48.5, ch = 26.5;

	static const char *const life[][2] = {
		{ "检验合格 Inspection pass", "%INSPECT:PASS" },
		{ "检验不合格 Inspection fail", "%INSPECT:FAIL" },
		{ "财务签字 Finance approve", "%APPROVE" },
		{ "供应商返回 Back from supplier", "%SUPPLIER:BACK" },
		{ "结案 Close (supervisor)", "%CLOSE" },
		{ "重打标签 Reprint", "%REPRINT" },
		{ "主管确认 Accept (supervisor)", "%ACCEPT" },
	};

	memset(&li, 0, sizeof(li));
	if (page != 1 && page != 2) {
		snprintf(cause, clen, "the command sheet has pages 1 and 2");
		return -1;
	}
	page_open(&p, fmt, out);
	if (fmt == LABEL_PNG && page == 2)
		goto page2;
	draw_text(p.cr, LABEL_FONT, D(mx), D(7), D(A4_W - 2 * mx), D(6), 1,
	    AL_LEFT, "扫描命令 Scan commands", &li.unknown_glyphs);
	draw_text(p.cr, LABEL_FONT, D(mx), D(14), D(A4_W - 2 * mx), D(3), 0,
	    AL_LEFT, "先扫工牌 %OP:…，再扫快递单号，然后扫以下命令 / Badge first,"
	    " then the waybill, then these", &li.unknown_glyphs);
#define CELL(c, v) do { \
	rc = cell(p.cr, mx + (n % 4) * cw, my + (n / 4) * ch, cw - 4, ch - 2.5, \
	    (c), (v), &li.unknown_glyphs, cause, clen); n++; } while (0)
	for (size_t i = 0; i < sizeof(cmds) / sizeof(cmds[0]) && rc == 0; i++)
		CELL(cmds[i][0], cmds[i][1]);
	for (size_t i = 0; i < sizeof(ccts) / sizeof(ccts[0]) && rc == 0; i++) {
		snprintf(cap, sizeof(cap), "色温 CCT %dK", ccts[i]);
		snprintf(val, sizeof(val), "%%CCT:%d", ccts[i]);
		CELL(cap, val);
	}
	for (int q = 1; q <= 20 && rc == 0; q++) {
		snprintf(cap, sizeof(cap), "数量 Qty %d", q);
		snprintf(val, sizeof(val), "%%QTY:%d", q);
		CELL(cap, val);
	}
	if (rc == 0 && fmt == LABEL_PNG)
		goto done;
	if (rc == 0)
		page_next(&p);
page2:
	n = 0;
	draw_text(p.cr, LABEL_FONT, D(mx), D(7), D(A4_W - 2 * mx), D(6), 1,
	    AL_LEFT, "维修、检验、财务 Repair, inspection, finance",
	    &li.unknown_glyphs);
	draw_text(p.cr, LABEL_FONT, D(mx), D(14), D(A4_W - 2 * mx), D(3), 0,
	    AL_LEFT, "先扫工牌，再扫案件标签，然后扫命令 / Badge first, then the"
	    " case label, then the command", &li.unknown_glyphs);
	for (int i = 0; i < ncauses && rc == 0; i++) {
		snprintf(val, sizeof(val), "%%CAUSE:%s", causes[i].code);
		CELL(causes[i].name, val);
	}
	for (size_t i = 0; i < sizeof(life) / sizeof(life[0]) && rc == 0; i++)
		CELL(life[i][0], life[i][1]);
#undef CELL
done:
	return sheet_done(&p, &li, info, rc, cause, clen);
}

int
sheet_badges(const struct sheet_badge *b, int nb, enum label_format fmt,
    struct buf *out, struct label_info *info, char *cause, size_t clen)
{
	struct label_info li;
	struct page p;
	char val[96];
	int rc = 0;
	/* credit-card size badges, two across, five down */
	const double bw = 85.6, bh = 54, mx = 15, my = 12, gx = 8, gy = 2.5;

	memset(&li, 0, sizeof(li));
	page_open(&p, fmt, out);
	for (int i = 0; i < nb && rc == 0; i++) {
		int k = i % 10;
		double x = mx + (k % 2) * (bw + gx), y = my + (k / 2) * (bh + gy);

		if (i > 0 && k == 0 && page_next(&p) == -1)
			break;
		cairo_set_source_rgb(p.cr, 0, 0, 0);
		cairo_set_line_width(p.cr, D(0.2));
		cairo_rectangle(p.cr, D(x), D(y), D(bw), D(bh));
		cairo_stroke(p.cr);
		draw_text(p.cr, LABEL_FONT, D(x + 4), D(y + 3), D(bw - 8), D(6), 1,
		    AL_LEFT, b[i].name, &li.unknown_glyphs);
		draw_text(p.cr, LABEL_FONT, D(x + 4), D(y + 11), D(bw - 8),
		    D(3.2), 0, AL_LEFT, b[i].roles, &li.unknown_glyphs);
		snprintf(val, sizeof(val), "%%OP:%s", b[i].badge);
		rc = draw_barcode(p.cr, BC_CODE128, val, D(x + 3), D(y + 18),
		    D(bw - 6), D(30), 1, LABEL_GAIN, LABEL_FONT, &li.unknown_glyphs, cause,
		    clen);
	}
	return sheet_done(&p, &li, info, rc, cause, clen);
}
