/*
 * Reports as Excel workbooks (libxlsxwriter): typed cells (numbers as
 * numbers, days as dates, money with two decimals, shares as percentages),
 * a frozen header, column widths, one sheet a table, and native charts.
 * The daily table is written in constant-memory mode, a row at a time, so
 * a year of items costs no more memory than a day.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <xlsxwriter.h>

#include "../common/buf.h"
#include "../common/clock.h"
#include "../db/db.h"
#include "caseview.h"
#include "report.h"

struct book {
	lxw_workbook	*wb;
	lxw_format	*head, *date, *stamp, *pct, *money, *mean;
	int		 en;
	char		 names[64][32];	/* sheet names used */
	int		 nnames;
};

static int
book_open(struct book *bk, const char *path, const char *tmpdir, int en)
{
	lxw_workbook_options o = { .constant_memory = LXW_TRUE,
	    .tmpdir = (char *)tmpdir, .use_zip64 = LXW_TRUE };

	memset(bk, 0, sizeof(*bk));
	bk->en = en;
	if ((bk->wb = workbook_new_opt(path, &o)) == NULL)
		return -1;
	bk->head = workbook_add_format(bk->wb);
	format_set_bold(bk->head);
	format_set_bg_color(bk->head, 0xDDEBF7);
	format_set_bottom(bk->head, LXW_BORDER_THIN);
	bk->date = workbook_add_format(bk->wb);
	format_set_num_format(bk->date, "yyyy-mm-dd");
	bk->stamp = workbook_add_format(bk->wb);
	format_set_num_format(bk->stamp, "yyyy-mm-dd hh:mm");
	bk->pct = workbook_add_format(bk->wb);
	format_set_num_format(bk->pct, "0.0%");
	bk->money = workbook_add_format(bk->wb);
	format_set_num_format(bk->money, "#,##0.00");
	bk->mean = workbook_add_format(bk->wb);
	format_set_num_format(bk->mean, "0.00");
	return 0;
}

static int
book_close(struct book *bk, char *cause, size_t clen)
{
	lxw_error e = workbook_close(bk->wb);

	bk->wb = NULL;
	if (e != LXW_NO_ERROR) {
		snprintf(cause, clen, "writing the workbook: %s",
		    lxw_strerror(e));
		return -1;
	}
	return 0;
}

/* A sheet named name, cut to Excel's 31 characters (whole UTF-8
 * characters), without the characters Excel refuses, and unique. */
static lxw_worksheet *
sheet(struct book *bk, const char *name)
{
	char n[32];
	size_t len = 0;

	for (const char *p = name; *p && len < 31; ) {
		size_t cl = (*p & 0x80) == 0 ? 1 : (*p & 0xe0) == 0xc0 ? 2 :
		    (*p & 0xf0) == 0xe0 ? 3 : 4;

		if (len + cl > 31)
			break;
		if (strchr("[]:*?/\\'", *p))
			n[len++] = ' ', p++;
		else
			while (cl-- && *p)
				n[len++] = *p++;
	}
	n[len] = '\0';
	for (int i = 0; i < bk->nnames; i++)
		if (strcmp(bk->names[i], n) == 0 && len < 29) {
			snprintf(n + len, sizeof(n) - len, " %d", bk->nnames);
			break;
		}
	if (bk->nnames < 64)
		snprintf(bk->names[bk->nnames++], sizeof(bk->names[0]), "%s", n);
	return workbook_add_worksheet(bk->wb, n);
}

/* "2026-11-24" (or a longer local time) as an Excel date. */
static int
to_date(const char *s, lxw_datetime *d)
{
	memset(d, 0, sizeof(*d));
	if (sscanf(s, "%4d-%2d-%2d %2d:%2d", &d->year, &d->month, &d->day,
	    &d->hour, &d->min) < 3 || d->year < 1900 || d->month < 1 ||
	    d->month > 12 || d->day < 1 || d->day > 31)
		return -1;
	return 0;
}

static void
head(struct book *bk, lxw_worksheet *ws, const char *const *names,
    const int *widths, int n)
{
	for (int i = 0; i < n; i++) {
		worksheet_set_column(ws, (lxw_col_t)i, (lxw_col_t)i, widths[i],
		    NULL);
		worksheet_write_string(ws, 0, (lxw_col_t)i, names[i], bk->head);
	}
	worksheet_freeze_panes(ws, 1, 0);
}

/* The daily table: a row an item. */
struct daily {
	struct book	*bk;
	lxw_worksheet	*ws;
	unsigned	 roles;
	lxw_row_t	 row;
};

static int
daily_row(void *arg, const struct db_row *r)
{
	struct daily *d = arg;

	d->row++;
	for (int i = 0; i < report_daily_ncols; i++) {
		const char *k = report_daily_cols[i].key, *v = "";
		size_t kl = strlen(k);
		lxw_col_t col = (lxw_col_t)i;
		char tmp[300];
		lxw_datetime dt;

		for (int j = 0; j < r->n; j++)
			if (strcmp(r->name[j], k) == 0 && r->value[j])
				v = r->value[j];
		if (*v == '\0')
			continue;
		if (kl > 3 && !strcmp(k + kl - 3, "_at")) {
			clock_local(v, 0, tmp, sizeof(tmp));
			if (to_date(tmp, &dt) == 0) {
				worksheet_write_datetime(d->ws, d->row, col, &dt,
				    strcmp(k, "shipped_at") ? d->bk->stamp :
				    d->bk->date);
				continue;
			}
		} else if (!strcmp(k, "received") && to_date(v, &dt) == 0) {
			worksheet_write_datetime(d->ws, d->row, col, &dt,
			    d->bk->date);
			continue;
		} else if (!strcmp(k, "quantity")) {
			worksheet_write_number(d->ws, d->row, col, atof(v), NULL);
			continue;
		} else if (!strcmp(k, "phone")) {
			caseview_phone(v, d->roles, tmp, sizeof(tmp));
			v = tmp;
		}
		worksheet_write_string(d->ws, d->row, col, v, NULL);
	}
	return 0;
}

int
report_xlsx_daily(struct report_src *src, const struct db_period *p,
    unsigned roles, int en, int limit, const char *path, const char *tmpdir,
    int *rows, char *cause, size_t clen)
{
	const char *names[64];
	int widths[64];
	struct book bk;
	struct daily d;

	if (book_open(&bk, path, tmpdir, en) == -1) {
		snprintf(cause, clen, "cannot start a workbook");
		return -1;
	}
	memset(&d, 0, sizeof(d));
	d.bk = &bk;
	d.roles = roles;
	d.ws = sheet(&bk, en ? "After-sales table" : "售后日报");
	for (int i = 0; i < report_daily_ncols && i < 64; i++) {
		names[i] = en ? report_daily_cols[i].en : report_daily_cols[i].zh;
		widths[i] = report_daily_cols[i].width + 2;
	}
	head(&bk, d.ws, names, widths, report_daily_ncols);
	worksheet_autofilter(d.ws, 0, 0, 0, (lxw_col_t)(report_daily_ncols -
	    1));
	if (report_daily(src, p, limit, daily_row, &d) == -1) {
		snprintf(cause, clen, "%s", report_src_error(src));
		workbook_close(bk.wb);
		return -1;
	}
	*rows = (int)d.row;
	return book_close(&bk, cause, clen);
}

/* A chart of rows 1..n of a sheet's columns 0 (labels) and col. */
static void
chart(struct book *bk, lxw_worksheet *ws, const char *sheetname, uint8_t type,
    const char *title, int n, int col, int pct, lxw_row_t at)
{
	lxw_chart *ch;
	lxw_chart_series *s;

	if (n <= 0)
		return;
	ch = workbook_add_chart(bk->wb, type);
	s = chart_add_series(ch, NULL, NULL);
	chart_series_set_categories(s, sheetname, 1, 0, (lxw_row_t)n, 0);
	chart_series_set_values(s, sheetname, 1, (lxw_col_t)col,
	    (lxw_row_t)n, (lxw_col_t)col);
	chart_series_set_name(s, title);
	chart_title_set_name(ch, title);
	if (type == LXW_CHART_PIE)
		chart_series_set_labels_percentage(s);
	else {
		chart_legend_set_position(ch, LXW_CHART_LEGEND_NONE);
		chart_series_set_labels(s);
		if (pct) {
			chart_axis_set_num_format(ch->y_axis, "0%");
			chart_axis_set_max(ch->y_axis, 1);
			chart_axis_set_min(ch->y_axis, 0);
		}
	}
	worksheet_insert_chart(ws, at, 6, ch);
}

static const char *
fig_name(const struct book *bk, const struct report_fig *f)
{
	return bk->en ? f->k->en : f->k->zh;
}

static double
ratio(int64_t n, int64_t base)
{
	return base > 0 ? (double)n / (double)base : 0;
}

/* A top list or series on a sheet of its own, with its chart. */
static void
rows_sheet(struct book *bk, const struct report_fig *f)
{
	static const char *const zh[] = { "项目", "数量", "占比", "累计" };
	static const char *const en[] = { "Item", "Count", "Share",
	    "Cumulative" };
	static const char *const dz[] = { "日期", "数量" };
	static const char *const de[] = { "Day", "Count" };
	static const int w[] = { 36, 10, 10, 12 };
	lxw_worksheet *ws = sheet(bk, fig_name(bk, f));
	const char *name = bk->names[bk->nnames - 1];
	int series = f->k->shape == DB_KPI_SERIES;
	int64_t cum = 0;

	head(bk, ws, series ? (bk->en ? de : dz) : bk->en ? en : zh, w,
	    series ? 2 : 4);
	for (int j = 0; j < f->nrows; j++) {
		lxw_row_t row = (lxw_row_t)j + 1;
		lxw_datetime dt;

		cum += f->rows[j].n;
		if (series && to_date(f->rows[j].label, &dt) == 0)
			worksheet_write_datetime(ws, row, 0, &dt, bk->date);
		else
			worksheet_write_string(ws, row, 0, f->rows[j].label[0] ?
			    f->rows[j].label : "-", NULL);
		worksheet_write_number(ws, row, 1, (double)f->rows[j].n, NULL);
		if (series)
			continue;
		worksheet_write_number(ws, row, 2, ratio(f->rows[j].n,
		    f->total), bk->pct);
		worksheet_write_number(ws, row, 3, ratio(cum, f->total), bk->pct);
	}
	if (!strcmp(f->k->key, "top_causes") ||
	    !strcmp(f->k->key, "top_complaints"))
		chart(bk, ws, name, LXW_CHART_BAR, fig_name(bk, f),
		    f->nrows < REPORT_TOP_N ? f->nrows : REPORT_TOP_N, 1, 0, 1);
	else if (!strcmp(f->k->key, "intake_by_day"))
		chart(bk, ws, name, LXW_CHART_LINE, fig_name(bk, f), f->nrows,
		    1, 0, 1);
	else if (!strcmp(f->k->key, "by_kind"))
		chart(bk, ws, name, LXW_CHART_PIE, bk->en ? "Repairs and returns"
		    : "维修与退货占比", f->nrows, 1, 0, 1);
	else if (!strcmp(f->k->key, "satisfaction_dist"))
		chart(bk, ws, name, LXW_CHART_COLUMN, fig_name(bk, f), f->nrows,
		    1, 0, 1);
}

/* The rates that say whether the desk kept its time rules. */
static const char *const ontime[] = { "noreason7_ontime", "repair_ontime",
    "callback_ontime", "sample_reached" };

int
report_xlsx_figs(const struct report_figs *r, int en, const char *title,
    const char *path, const char *tmpdir, char *cause, size_t clen)
{
	static const char *const zh[] = { "指标", "名称", "数值", "基数",
	    "占比" };
	static const char *const eh[] = { "Figure", "Name", "Value", "Base",
	    "Share" };
	static const int w[] = { 20, 34, 14, 10, 10 };
	struct book bk;
	lxw_worksheet *ws, *ot, *ms;
	lxw_row_t row = 0, mrow = 0;
	char period[64];

	if (book_open(&bk, path, tmpdir, en) == -1) {
		snprintf(cause, clen, "cannot start a workbook");
		return -1;
	}
	snprintf(period, sizeof(period), "%s .. %s", r->p->first_day,
	    r->p->last_day);
	workbook_set_properties(bk.wb, &(lxw_doc_properties){ .title =
	    (char *)title, .subject = period });
	ws = sheet(&bk, en ? "Figures" : "指标");
	head(&bk, ws, en ? eh : zh, w, 5);
	for (int i = 0; i < r->n; i++) {
		const struct report_fig *f = &r->f[i];

		if (f->k->shape == DB_KPI_TOP || f->k->shape == DB_KPI_SERIES)
			continue;
		row++;
		worksheet_write_string(ws, row, 0, f->k->key, NULL);
		worksheet_write_string(ws, row, 1, fig_name(&bk, f), NULL);
		switch (f->k->shape) {
		case DB_KPI_MONEY:
			worksheet_write_number(ws, row, 2, f->value / 100,
			    bk.money);
			break;
		case DB_KPI_MEAN:
			if (f->base)
				worksheet_write_number(ws, row, 2, f->value,
				    bk.mean);
			worksheet_write_number(ws, row, 3, (double)f->base,
			    NULL);
			break;
		case DB_KPI_RATE:
			worksheet_write_number(ws, row, 2, f->value, NULL);
			worksheet_write_number(ws, row, 3, (double)f->base,
			    NULL);
			if (f->base)
				worksheet_write_number(ws, row, 4,
				    ratio((int64_t)f->value, f->base), bk.pct);
			break;
		default:
			worksheet_write_number(ws, row, 2, f->value, NULL);
		}
	}
	worksheet_write_string(ws, row + 2, 0, en ? "Period" : "期间", bk.head);
	worksheet_write_string(ws, row + 2, 1, period, NULL);

	ot = sheet(&bk, en ? "On time" : "按时率");
	head(&bk, ot, en ? eh + 1 : zh + 1, w + 1, 4);
	row = 0;
	for (size_t i = 0; i < sizeof(ontime) / sizeof(ontime[0]); i++) {
		const struct report_fig *f = report_fig(r, ontime[i]);

		if (f == NULL)
			continue;
		row++;
		worksheet_write_string(ot, row, 0, fig_name(&bk, f), NULL);
		worksheet_write_number(ot, row, 1, f->value, NULL);
		worksheet_write_number(ot, row, 2, (double)f->base, NULL);
		if (f->base)
			worksheet_write_number(ot, row, 3,
			    ratio((int64_t)f->value, f->base), bk.pct);
	}
	chart(&bk, ot, bk.names[bk.nnames - 1], LXW_CHART_COLUMN, en ?
	    "On-time rates" : "按时率", (int)row, 3, 1, 1);

	for (int i = 0; i < r->n; i++)
		if (r->f[i].k->shape == DB_KPI_TOP ||
		    r->f[i].k->shape == DB_KPI_SERIES)
			rows_sheet(&bk, &r->f[i]);

	{
		static const char *const wz[] = { "型号", "故障原因", "本周",
		    "此前每周", "占维修", "此前占比", "案件" };
		static const char *const we[] = { "Model", "Cause", "This week",
		    "Week before", "Share", "Share before", "Cases" };
		static const int ww[] = { 16, 30, 10, 12, 10, 12, 60 };
		lxw_worksheet *wn = sheet(&bk, en ? "Early warnings" : "预警");

		head(&bk, wn, en ? we : wz, ww, 7);
		for (int i = 0; i < r->nwarn; i++) {
			const struct db_warning *wg = &r->warn[i];
			lxw_row_t wr = (lxw_row_t)i + 1;

			worksheet_write_string(wn, wr, 0, wg->model, NULL);
			worksheet_write_string(wn, wr, 1, wg->cause, NULL);
			worksheet_write_number(wn, wr, 2, (double)wg->n, NULL);
			if (wg->cause[0]) {
				worksheet_write_number(wn, wr, 4, wg->share,
				    bk.pct);
				worksheet_write_number(wn, wr, 5, wg->base_share,
				    bk.pct);
			} else
				worksheet_write_number(wn, wr, 3, wg->baseline,
				    bk.mean);
			worksheet_write_string(wn, wr, 6, wg->cases, NULL);
		}
	}
	ms = sheet(&bk, en ? "Missed" : "超时");
	{
		static const char *const mz[] = { "指标", "案件" };
		static const char *const me[] = { "Figure", "Case" };
		static const int mw[] = { 34, 20 };

		head(&bk, ms, en ? me : mz, mw, 2);
	}
	for (int i = 0; i < r->n; i++)
		for (int j = 0; j < r->f[i].nmisses; j++) {
			mrow++;
			worksheet_write_string(ms, mrow, 0, fig_name(&bk,
			    &r->f[i]), NULL);
			worksheet_write_string(ms, mrow, 1, r->f[i].misses[j],
			    NULL);
		}
	return book_close(&bk, cause, clen);
}
