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

/*
 * Sheets of scan codes flow in cells, three across, page after page. A
 * Code 128 module is never under SHEET_MODULE dots (0.254 mm): a code too
 * long for one cell takes two or three; one too long for the page's width,
 * or one Code 128 cannot carry (Chinese), is a QR code.
 */
#define SHEET_MODULE	3
#define COLS		3
#define MARGIN_X	8.0
#define TOP		12.0
#define BOTTOM		285.0
#define CELL_W		((A4_W - 2 * MARGIN_X) / COLS)
#define CELL_H		21.0
#define HEAD_H		9.0

struct flow {
	struct page	*p;
	int		 want;		/* PNG: the one page drawn */
	int		 page;
	int		 col;
	double		 y;
	const char	*title;		/* of the sheet, on every page */
	struct label_info li;
};

static int
flow_visible(const struct flow *f)
{
	return f->p->fmt != LABEL_PNG || f->page == f->want;
}

static void
flow_new_page(struct flow *f)
{
	if (f->page > 0 && f->p->fmt != LABEL_PNG)
		page_next(f->p);
	f->page++;
	f->col = 0;
	f->y = TOP;
	if (flow_visible(f)) {
		char pg[96];

		draw_text(f->p->cr, LABEL_FONT, D(MARGIN_X), D(4), D(150), D(5.5),
		    1, AL_LEFT, f->title, &f->li.unknown_glyphs);
		snprintf(pg, sizeof(pg), "第 %d 页 page %d", f->page, f->page);
		draw_text(f->p->cr, LABEL_FONT, D(A4_W - MARGIN_X - 40), D(5),
		    D(40), D(3), 0, AL_RIGHT, pg, &f->li.unknown_glyphs);
	}
}

/* A section: its heading, then an instruction line, from a new row. */
static void
flow_section(struct flow *f, const char *head, const char *how)
{
	if (f->col) {
		f->col = 0;
		f->y += CELL_H;
	}
	if (f->y + HEAD_H + CELL_H > BOTTOM)
		flow_new_page(f);
	if (flow_visible(f)) {
		draw_text(f->p->cr, LABEL_FONT, D(MARGIN_X), D(f->y + 1),
		    D(A4_W - 2 * MARGIN_X), D(4), 1, AL_LEFT, head,
		    &f->li.unknown_glyphs);
		draw_text(f->p->cr, LABEL_FONT, D(MARGIN_X), D(f->y + 5.6),
		    D(A4_W - 2 * MARGIN_X), D(2.6), 0, AL_LEFT, how,
		    &f->li.unknown_glyphs);
	}
	f->y += HEAD_H;
}

/* Columns a Code 128 of value needs at SHEET_MODULE dots a module, with
 * its quiet zones; 0 when it needs more than the page or cannot be one. */
static int
code_span(const char *value)
{
	struct modules mo;
	char err[256];
	double need;

	for (const char *c = value; *c; c++)
		if ((unsigned char)*c > 0x7e)
			return 0;
	if (barcode_modules(BC_CODE128, value, &mo, err, sizeof(err)) == -1)
		return 0;
	need = (mo.cols + 20.0) * SHEET_MODULE + D(2);
	modules_free(&mo);
	for (int span = 1; span <= COLS; span++)
		if (need <= D(span * CELL_W - 3))
			return span;
	return 0;
}

/* One cell: caption, the code, the value in small type under it. */
static int
flow_cell(struct flow *f, const char *caption, const char *value,
    char *cause, size_t clen)
{
	int span = code_span(value), qr = span == 0;
	double x, w, bw;

	if (qr)
		span = 1;
	if (f->col + span > COLS) {
		f->col = 0;
		f->y += CELL_H;
	}
	if (f->y + CELL_H > BOTTOM)
		flow_new_page(f);
	x = MARGIN_X + f->col * CELL_W;
	w = span * CELL_W - 3;
	f->col += span;
	if (!flow_visible(f))
		return 0;
	cairo_set_source_rgb(f->p->cr, 0, 0, 0);
	if (qr) {
		/* the code's square on the left, words on the right */
		draw_text(f->p->cr, LABEL_FONT, D(x + 19), D(f->y + 1), D(w - 19),
		    D(3), 1, AL_LEFT, caption, &f->li.unknown_glyphs);
		draw_text(f->p->cr, LABEL_FONT, D(x + 19), D(f->y + 5.5),
		    D(w - 19), D(2.4), 0, AL_LEFT, value, &f->li.unknown_glyphs);
		return draw_barcode(f->p->cr, BC_QR, value, D(x), D(f->y + 0.5),
		    D(18), D(18), 0, LABEL_GAIN, LABEL_FONT,
		    &f->li.unknown_glyphs, cause, clen);
	}
	draw_text(f->p->cr, LABEL_FONT, D(x), D(f->y), D(w), D(3.2), 1,
	    AL_CENTER, caption, &f->li.unknown_glyphs);
	/* the width that gives whole modules of SHEET_MODULE dots, centred */
	{
		struct modules mo;

		if (barcode_modules(BC_CODE128, value, &mo, cause, clen) == -1)
			return -1;
		bw = (mo.cols + 20.0) * SHEET_MODULE;
		modules_free(&mo);
	}
	if (draw_barcode(f->p->cr, BC_CODE128, value, D(x) + (D(w) - bw) / 2,
	    D(f->y + 4), bw + 1, D(CELL_H - 8.5), 0, LABEL_GAIN, LABEL_FONT,
	    &f->li.unknown_glyphs, cause, clen) == -1)
		return -1;
	draw_text(f->p->cr, LABEL_FONT, D(x), D(f->y + CELL_H - 4.2), D(w),
	    D(2.4), 0, AL_CENTER, value, &f->li.unknown_glyphs);
	return 0;
}

static int
flow_open(struct flow *f, struct page *p, enum label_format fmt,
    struct buf *out, int want, const char *title, char *cause, size_t clen)
{
	if (want < 1) {
		snprintf(cause, clen, "pages are numbered from 1");
		return -1;
	}
	memset(f, 0, sizeof(*f));
	page_open(p, fmt, out);
	f->p = p;
	f->want = want;
	f->title = title;
	flow_new_page(f);
	return 0;
}

static int
flow_done(struct flow *f, struct label_info *info, int rc, char *cause,
    size_t clen)
{
	if (rc == 0 && f->p->fmt == LABEL_PNG && f->want > f->page) {
		snprintf(cause, clen, "the sheet has %d page%s, not %d", f->page,
		    f->page == 1 ? "" : "s", f->want);
		rc = -1;
	}
	return sheet_done(f->p, &f->li, info, rc, cause, clen);
}

/* Missing accessories the desk meets most; any other is typed. */
static const char *const accessories[][2] = {
	{ "缺遥控器 Remote", "%ACC:remote" },
	{ "缺驱动电源 Driver", "%ACC:driver" },
	{ "缺支架 Bracket", "%ACC:bracket" },
	{ "缺螺丝 Screws", "%ACC:screws" },
	{ "缺电源线 Power cord", "%ACC:cord" },
	{ "缺接头 Connector", "%ACC:connector" },
	{ "缺说明书 Manual", "%ACC:manual" },
	{ "缺包装盒 Box", "%ACC:box" },
};

int
sheet_commands(const struct sheet_cause *causes, int ncauses, int page,
    enum label_format fmt, struct buf *out, struct label_info *info,
    char *cause, size_t clen)
{
	static const char *const intake[][2] = {
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
	};
	static const char *const life[][2] = {
		{ "检验合格 Inspection pass", "%INSPECT:PASS" },
		{ "检验不合格 Inspection fail", "%INSPECT:FAIL" },
		{ "财务签字 Finance approve", "%APPROVE" },
		{ "供应商返回 Back from supplier", "%SUPPLIER:BACK" },
		{ "结案 Close (supervisor)", "%CLOSE" },
		{ "主管确认 Accept (supervisor)", "%ACCEPT" },
	};
	static const int ccts[] = { 2700, 3000, 3500, 4000, 5000, 5700, 6500 };
	static const int samples[] = { 3, 5, 8, 10, 13, 20, 32, 50 };
	struct page p;
	struct flow f;
	char cap[200], val[64];
	int rc = 0;

	if (flow_open(&f, &p, fmt, out, page, "扫描命令 Scan commands", cause, clen) == -1)
		return -1;
#define CELLS(tbl) for (size_t i = 0; i < sizeof(tbl) / sizeof(tbl[0]) && \
	rc == 0; i++) rc = flow_cell(&f, tbl[i][0], tbl[i][1], cause, clen)
	flow_section(&f, "收货 Intake", "先扫工牌 %OP:…，再扫快递单号，然后扫以下"
	    "命令 / Badge first, then the waybill, then these");
	CELLS(intake);
	flow_section(&f, "缺少配件 Missing accessories", "扫型号后扫缺少的配件，"
	    "可扫多个 / After the model, each accessory it lacks");
	CELLS(accessories);
	flow_section(&f, "色温 Colour temperature", "扫型号后扫色温 / After the"
	    " model");
	for (size_t i = 0; i < sizeof(ccts) / sizeof(ccts[0]) && rc == 0; i++) {
		snprintf(cap, sizeof(cap), "色温 CCT %dK", ccts[i]);
		snprintf(val, sizeof(val), "%%CCT:%d", ccts[i]);
		rc = flow_cell(&f, cap, val, cause, clen);
	}
	flow_section(&f, "数量 Quantity", "扫型号后扫数量 / After the model");
	for (int q = 1; q <= 20 && rc == 0; q++) {
		snprintf(cap, sizeof(cap), "数量 Qty %d", q);
		snprintf(val, sizeof(val), "%%QTY:%d", q);
		rc = flow_cell(&f, cap, val, cause, clen);
	}
	flow_section(&f, "维修 Repaired: 故障原因 fault cause", "先扫工牌，再扫"
	    "案件标签，然后扫原因 / Badge, case label, then the cause");
	for (int i = 0; i < ncauses && rc == 0; i++) {
		snprintf(val, sizeof(val), "%%CAUSE:%s", causes[i].code);
		rc = flow_cell(&f, causes[i].name, val, cause, clen);
	}
	flow_section(&f, "无法修复 Beyond repair: 故障原因 fault cause", "先扫"
	    "工牌，再扫案件标签，然后扫原因 / Badge, case label, then the cause");
	for (int i = 0; i < ncauses && rc == 0; i++) {
		snprintf(cap, sizeof(cap), "无法修复 %s", causes[i].name);
		snprintf(val, sizeof(val), "%%BEYOND:%s", causes[i].code);
		rc = flow_cell(&f, cap, val, cause, clen);
	}
	flow_section(&f, "检验、财务、结案 Inspection, finance, closing", "先扫"
	    "工牌，再扫案件标签，然后扫命令 / Badge, case label, then the"
	    " command");
	CELLS(life);
	flow_section(&f, "抽检合格 Inspection pass, sample of N", "抽检 N 件"
	    "全部合格 / N units sampled, all passed");
	for (size_t i = 0; i < sizeof(samples) / sizeof(samples[0]) && rc == 0;
	    i++) {
		snprintf(cap, sizeof(cap), "抽检 %d 件合格 Pass, %d sampled",
		    samples[i], samples[i]);
		snprintf(val, sizeof(val), "%%INSPECT:PASS:%d", samples[i]);
		rc = flow_cell(&f, cap, val, cause, clen);
	}
#undef CELLS
	return flow_done(&f, info, rc, cause, clen);
}

int
sheet_models(const struct sheet_model *m, int n, int page,
    enum label_format fmt, struct buf *out, struct label_info *info,
    char *cause, size_t clen)
{
	struct page p;
	struct flow f;
	char cap[300], val[96];
	int rc = 0;

	if (flow_open(&f, &p, fmt, out, page, "型号目录 Model catalogue", cause, clen) == -1)
		return -1;
	flow_section(&f, "型号 Models", "扫快递单号后扫型号（无产品条码时）/ After"
	    " the waybill, the model of an item without a product barcode");
	for (int i = 0; i < n && rc == 0; i++) {
		snprintf(cap, sizeof(cap), "%s %s", m[i].name, m[i].spec ?
		    m[i].spec : "");
		snprintf(val, sizeof(val), "%%MODEL:%s", m[i].model);
		rc = flow_cell(&f, cap, val, cause, clen);
	}
	if (n == 0 && rc == 0)
		flow_section(&f, "目录为空 The catalogue is empty",
		    "stationctl product add MODEL --name NAME");
	return flow_done(&f, info, rc, cause, clen);
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
