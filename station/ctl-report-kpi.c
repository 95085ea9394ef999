/*
 * stationctl report weekly|monthly [DATE] and report kpi --from DATE --to
 * DATE: the head's summary of a period, every figure as db/kpi.c defines
 * it: counts, shares to one decimal, top lists with their Pareto share,
 * on-time rates with the cases that missed.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "../common/buf.h"
#include "../common/clock.h"
#include "../common/csv.h"
#include "../common/money.h"
#include "../common/width.h"
#include "../db/db.h"
#include "ctl.h"
#include "report.h"
#include "station.h"

#define TOP_N		10
#define MISSES_N	10

/* n of base as a percentage to one decimal, in integers. */
static void
pct(int64_t n, int64_t base, char *out, size_t len)
{
	int64_t t;

	if (base <= 0) {
		snprintf(out, len, "-");
		return;
	}
	t = (n * 1000 + base / 2) / base;
	snprintf(out, len, "%lld.%lld%%", (long long)(t / 10),
	    (long long)(t % 10));
}

struct top {
	struct buf	*b;
	int64_t		 total;	/* of all rows */
	int64_t		 cum;
	int		 n;
	int		 pass;	/* 0: summing, 1: printing */
};

static int
top_row(void *arg, const char *label, int64_t n)
{
	struct top *t = arg;
	char share[16], cum[16];

	if (t->pass == 0) {
		t->total += n;
		return 0;
	}
	if (t->n++ == TOP_N)
		return 1;
	t->cum += n;
	pct(n, t->total, share, sizeof(share));
	pct(t->cum, t->total, cum, sizeof(cum));
	buf_puts(t->b, "    ");
	width_pad(t->b, label[0] ? label : "-", 34);
	buf_printf(t->b, " %6lld  %6s  %6s\n", (long long)n, share, cum);
	return 0;
}

static int
miss_row(void *arg, const char *label, int64_t n)
{
	struct top *t = arg;

	(void)n;
	if (t->n++ == MISSES_N) {
		buf_puts(t->b, " …");
		return 1;
	}
	buf_printf(t->b, " %s", label);
	return 0;
}

/* Every figure of the period, as a table for a person. */
static int
kpis(struct db *db, const struct db_period *p, int en, struct buf *b)
{
	for (int i = 0; i < db_nkpis; i++) {
		const struct db_kpi *k = &db_kpis[i];
		struct top t;
		double v;
		int64_t base;
		char s[32];

		width_pad(b, en ? k->en : k->zh, 30);
		buf_puts(b, " ");
		memset(&t, 0, sizeof(t));
		t.b = b;
		if (k->shape == DB_KPI_TOP) {
			if (db_kpi_rows(db, k->sql, p, top_row, &t) == -1)
				return -1;
			buf_printf(b, "%lld\n", (long long)t.total);
			t.pass = 1;
			if (db_kpi_rows(db, k->sql, p, top_row, &t) == -1)
				return -1;
			continue;
		}
		if (db_kpi_value(db, k, p, &v, &base) == -1)
			return -1;
		switch (k->shape) {
		case DB_KPI_RATE:
			pct((int64_t)v, base, s, sizeof(s));
			buf_printf(b, "%s  (%lld / %lld)", s, (long long)v,
			    (long long)base);
			break;
		case DB_KPI_MEAN:
			if (base)
				buf_printf(b, "%.2f  (%s %lld)", v, en ? "of" :
				    "样本", (long long)base);
			else
				buf_puts(b, "-");
			break;
		case DB_KPI_MONEY:
			money_format((int64_t)v, s, sizeof(s));
			buf_puts(b, s);
			break;
		default:
			buf_printf(b, "%lld", (long long)v);
		}
		if (k->misses && (int64_t)v < base) {
			buf_puts(b, en ? "  missed:" : "  超时:");
			if (db_kpi_rows(db, k->misses, p, miss_row, &t) == -1)
				return -1;
		}
		buf_puts(b, "\n");
	}
	return 0;
}

/* The CSV of the figures: one line a figure, and one a top list's entry,
 * every entry (not the first ten). */
struct csvrow {
	struct buf		*b;
	const struct db_kpi	*k;
	int			 en;
	int64_t			 total, cum;
	int			 pass;
};

static void
csv_line(struct csvrow *r, const char *item, const char *value,
    const char *base, const char *share, const char *cum)
{
	csv_cell(r->b, r->k->key, 0);
	csv_cell(r->b, r->en ? r->k->en : r->k->zh, 1);
	csv_cell(r->b, item, 1);
	csv_cell(r->b, value, 1);
	csv_cell(r->b, base, 1);
	csv_cell(r->b, share, 1);
	csv_cell(r->b, cum, 1);
	buf_puts(r->b, "\r\n");
}

static int
csv_top(void *arg, const char *label, int64_t n)
{
	struct csvrow *r = arg;
	char v[24], tot[24], share[16], cum[16];

	if (r->pass == 0) {
		r->total += n;
		return 0;
	}
	r->cum += n;
	snprintf(v, sizeof(v), "%lld", (long long)n);
	snprintf(tot, sizeof(tot), "%lld", (long long)r->total);
	pct(n, r->total, share, sizeof(share));
	pct(r->cum, r->total, cum, sizeof(cum));
	csv_line(r, label, v, tot, share, cum);
	return 0;
}

static int
kpis_csv(struct db *db, const struct db_period *p, int en, struct buf *b)
{
	static const char *const head[2][7] = {
		{ "指标", "名称", "项目", "数值", "基数", "占比", "累计" },
		{ "figure", "name", "item", "value", "base", "share",
		    "cumulative" },
	};

	buf_puts(b, "\xef\xbb\xbf");
	for (int i = 0; i < 7; i++)
		csv_cell(b, head[en][i], i > 0);
	buf_puts(b, "\r\n");
	for (int i = 0; i < db_nkpis; i++) {
		struct csvrow r = { b, &db_kpis[i], en, 0, 0, 0 };
		char v[32], base[24], share[16];
		double val;
		int64_t n;

		if (r.k->shape == DB_KPI_TOP) {
			if (db_kpi_rows(db, r.k->sql, p, csv_top, &r) == -1)
				return -1;
			r.pass = 1;
			if (db_kpi_rows(db, r.k->sql, p, csv_top, &r) == -1)
				return -1;
			continue;
		}
		if (db_kpi_value(db, r.k, p, &val, &n) == -1)
			return -1;
		if (r.k->shape == DB_KPI_MONEY)
			money_format((int64_t)val, v, sizeof(v));
		else if (r.k->shape == DB_KPI_MEAN)
			snprintf(v, sizeof(v), n ? "%.2f" : "", val);
		else
			snprintf(v, sizeof(v), "%lld", (long long)val);
		snprintf(base, sizeof(base), r.k->shape == DB_KPI_RATE ||
		    r.k->shape == DB_KPI_MEAN ? "%lld" : "", (long long)n);
		if (r.k->shape == DB_KPI_RATE)
			pct((int64_t)val, n, share, sizeof(share));
		else
			share[0] = '\0';
		csv_line(&r, "", v, base, share, "");
	}
	return 0;
}

static enum ctl_status
run(struct ctl_ctx *c, const struct ctl_args *a, const char *title,
    const struct db_period *p)
{
	const char *lang = ctl_opt(a, "--lang"), *csv = ctl_opt(a, "--csv");
	int en = lang && !strcmp(lang, "en");

	if (report_options(c, lang, csv) == -1)
		return CTL_USAGE;
	if (csv == NULL)
		buf_printf(c->out, "%s %s .. %s\n", title, p->first_day,
		    p->last_day);
	if ((csv ? kpis_csv(c->db, p, en, c->out) : kpis(c->db, p, en,
	    c->out)) == -1) {
		buf_printf(c->err, "%s\n", db_error(c->db));
		return CTL_FAILED;
	}
	return CTL_OK;
}

static enum ctl_status
bad_day(struct ctl_ctx *c, const char *s)
{
	buf_printf(c->err, "DATE is a day, YYYY-MM-DD, got '%s'\n", s);
	return CTL_USAGE;
}

static enum ctl_status
ctl_report_weekly(struct ctl_ctx *c, const struct ctl_args *a)
{
	struct db_period p;

	if (report_week(a->npos ? a->pos[0] : NULL, &p) == -1)
		return bad_day(c, a->pos[0]);
	return run(c, a, ctl_opt(a, "--lang") ? "Weekly summary" : "售后周报",
	    &p);
}

static enum ctl_status
ctl_report_monthly(struct ctl_ctx *c, const struct ctl_args *a)
{
	struct db_period p;

	if (report_month(a->npos ? a->pos[0] : NULL, &p) == -1)
		return bad_day(c, a->pos[0]);
	return run(c, a, ctl_opt(a, "--lang") ? "Monthly report" : "售后月报",
	    &p);
}

static enum ctl_status
ctl_report_kpi(struct ctl_ctx *c, const struct ctl_args *a)
{
	const char *f = ctl_opt(a, "--from"), *t = ctl_opt(a, "--to");
	struct db_period p;
	int rc;

	if (ctl_opt(a, "--definitions")) {
		for (int i = 0; i < db_nkpis; i++)
			buf_printf(c->out, "%s (%s / %s): %s\n", db_kpis[i].key,
			    db_kpis[i].zh, db_kpis[i].en, db_kpis[i].what);
		return CTL_OK;
	}
	if (f == NULL || t == NULL) {
		buf_puts(c->err, "--from and --to are needed\n");
		return ctl_usage(c, a->cmd);
	}
	if ((rc = report_range(f, t, &p)) == -1)
		return bad_day(c, report_day_ok(f) ? t : f);
	if (rc == -2) {
		buf_puts(c->err, "--to is before --from\n");
		return CTL_USAGE;
	}
	return run(c, a, ctl_opt(a, "--lang") ? "Figures" : "指标", &p);
}

#define LANG { "--lang", "en|zh", 0, "English names (Chinese by default)" }, \
	{ "--csv", "FILE", 0, "as CSV (UTF-8 with BOM): a line a figure and" \
	    " a top list's entry" }

const struct ctl_cmd ctl_cmd_report_weekly = {
	.name = "report weekly", .args = "[DATE]", .minpos = 0, .maxpos = 1,
	.opts = { LANG },
	.help = "the week's summary (Monday to Sunday, of DATE or today)",
	.worker = 1,
	.exec = ctl_report_weekly,
};

const struct ctl_cmd ctl_cmd_report_monthly = {
	.name = "report monthly", .args = "[DATE]", .minpos = 0, .maxpos = 1,
	.opts = { LANG },
	.help = "the month's report: totals, shares, reasons and causes,"
	    " on-time rates, QC, finance, satisfaction, open cases",
	.worker = 1,
	.exec = ctl_report_monthly,
};

const struct ctl_cmd ctl_cmd_report_kpi = {
	.name = "report kpi",
	.opts = {
		{ "--from", "DATE", 0, "the first day" },
		{ "--to", "DATE", 0, "the last day" },
		{ "--definitions", NULL, 0, "what each figure counts" },
		LANG,
	},
	.help = "every figure of the reports for any range of days",
	.worker = 1,
	.exec = ctl_report_kpi,
};
