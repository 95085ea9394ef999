/*
 * The figures of a period, read once (every query of db/kpi.c runs one
 * time) and written for a terminal or as CSV; xlsx.c and the PDF read the
 * same struct.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../common/buf.h"
#include "../common/csv.h"
#include "../common/money.h"
#include "../common/width.h"
#include "../db/db.h"
#include "report.h"

#define MISSES_SHOWN	10

void
report_pct(int64_t n, int64_t base, char *out, size_t len)
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

static int
add_row(void *arg, const char *label, int64_t n)
{
	struct report_fig *f = arg;
	struct report_entry *r;

	if ((f->nrows & (f->nrows - 1)) == 0) {
		r = realloc(f->rows, (size_t)(f->nrows ? f->nrows * 2 : 8) *
		    sizeof(*r));
		if (r == NULL)
			return -1;
		f->rows = r;
	}
	if ((f->rows[f->nrows].label = strdup(label)) == NULL)
		return -1;
	f->rows[f->nrows++].n = n;
	f->total += n;
	return 0;
}

static int
add_miss(void *arg, const char *label, int64_t n)
{
	struct report_fig *f = arg;
	char **m;

	(void)n;
	if (f->nmisses == REPORT_MISSES_MAX) {
		f->more++;
		return 0;
	}
	if ((f->nmisses & (f->nmisses - 1)) == 0) {
		m = realloc(f->misses, (size_t)(f->nmisses ? f->nmisses * 2 :
		    8) * sizeof(*m));
		if (m == NULL)
			return -1;
		f->misses = m;
	}
	if ((f->misses[f->nmisses] = strdup(label)) == NULL)
		return -1;
	f->nmisses++;
	return 0;
}

int
report_gather(struct report_src *src, struct db_period *p,
    struct report_figs *r)
{
	r->p = p;
	r->n = 0;
	r->warn = NULL;
	r->nwarn = 0;
	if ((r->f = calloc((size_t)db_nkpis, sizeof(*r->f))) == NULL)
		return -1;
	for (int i = 0; i < db_nkpis; i++) {
		struct report_fig *f = &r->f[r->n++];

		f->k = &db_kpis[i];
		if (f->k->shape == DB_KPI_TOP || f->k->shape == DB_KPI_SERIES) {
			if (report_src_rows(src, f->k, 0, p, add_row, f) != 0)
				return -1;
			f->value = (double)f->total;
			continue;
		}
		if (report_src_value(src, f->k, p, &f->value, &f->base) == -1)
			return -1;
		if (f->k->misses && (int64_t)f->value < f->base &&
		    report_src_rows(src, f->k, 1, p, add_miss, f) != 0)
			return -1;
	}
	return 0;
}

void
report_figs_free(struct report_figs *r)
{
	for (int i = 0; i < r->n; i++) {
		for (int j = 0; j < r->f[i].nrows; j++)
			free(r->f[i].rows[j].label);
		for (int j = 0; j < r->f[i].nmisses; j++)
			free(r->f[i].misses[j]);
		free(r->f[i].rows);
		free(r->f[i].misses);
	}
	free(r->f);
	free(r->warn);
	r->f = NULL;
	r->warn = NULL;
	r->n = r->nwarn = 0;
}

const struct report_fig *
report_fig(const struct report_figs *r, const char *key)
{
	for (int i = 0; i < r->n; i++)
		if (strcmp(r->f[i].k->key, key) == 0)
			return &r->f[i];
	return NULL;
}

/* A top list's first entries with their share and Pareto share; a series
 * whole, with its counts only. */
static void
rows_text(const struct report_fig *f, struct buf *b)
{
	int64_t cum = 0;
	char share[16], c[16];

	for (int j = 0; j < f->nrows; j++) {
		const struct report_entry *e = &f->rows[j];

		if (f->k->shape == DB_KPI_TOP && j == REPORT_TOP_N)
			break;
		cum += e->n;
		buf_puts(b, "    ");
		width_pad(b, e->label[0] ? e->label : "-", 34);
		buf_printf(b, " %6lld", (long long)e->n);
		if (f->k->shape == DB_KPI_TOP) {
			report_pct(e->n, f->total, share, sizeof(share));
			report_pct(cum, f->total, c, sizeof(c));
			buf_printf(b, "  %6s  %6s", share, c);
		}
		buf_puts(b, "\n");
	}
}

void
report_figs_text(const struct report_figs *r, int en, struct buf *b)
{
	for (int i = 0; i < r->n; i++) {
		const struct report_fig *f = &r->f[i];
		char s[32];

		width_pad(b, en ? f->k->en : f->k->zh, 30);
		buf_puts(b, " ");
		switch (f->k->shape) {
		case DB_KPI_TOP:
		case DB_KPI_SERIES:
			buf_printf(b, "%lld\n", (long long)f->total);
			rows_text(f, b);
			continue;
		case DB_KPI_RATE:
			report_pct((int64_t)f->value, f->base, s, sizeof(s));
			buf_printf(b, "%s  (%lld / %lld)", s,
			    (long long)f->value, (long long)f->base);
			break;
		case DB_KPI_MEAN:
			if (f->base)
				buf_printf(b, "%.2f  (%s %lld)", f->value, en ?
				    "of" : "样本", (long long)f->base);
			else
				buf_puts(b, "-");
			break;
		case DB_KPI_MONEY:
			money_format((int64_t)f->value, s, sizeof(s));
			buf_puts(b, s);
			break;
		default:
			buf_printf(b, "%lld", (long long)f->value);
		}
		if (f->nmisses) {
			buf_puts(b, en ? "  missed:" : "  超时:");
			for (int j = 0; j < f->nmisses && j < MISSES_SHOWN; j++)
				buf_printf(b, " %s", f->misses[j]);
			if (f->nmisses + f->more > MISSES_SHOWN)
				buf_puts(b, " …");
		}
		buf_puts(b, "\n");
	}
	width_pad(b, en ? "Early warnings" : "预警", 30);
	buf_printf(b, " %d\n", r->nwarn);
	for (int i = 0; i < r->nwarn; i++) {
		buf_puts(b, "    ");
		report_warning_text(&r->warn[i], en, b);
		buf_puts(b, "\n");
	}
}

static void
csv_line(struct buf *b, const struct report_fig *f, int en, const char *item,
    const char *value, const char *base, const char *share, const char *cum)
{
	csv_cell(b, f->k->key, 0);
	csv_cell(b, en ? f->k->en : f->k->zh, 1);
	csv_cell(b, item, 1);
	csv_cell(b, value, 1);
	csv_cell(b, base, 1);
	csv_cell(b, share, 1);
	csv_cell(b, cum, 1);
	buf_puts(b, "\r\n");
}

void
report_figs_csv(const struct report_figs *r, int en, struct buf *b)
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
	for (int i = 0; i < r->n; i++) {
		const struct report_fig *f = &r->f[i];
		char v[32], base[24], share[16], cum[16];
		int64_t c = 0;

		if (f->k->shape == DB_KPI_TOP || f->k->shape == DB_KPI_SERIES) {
			/* every entry, not the first ten */
			for (int j = 0; j < f->nrows; j++) {
				int top = f->k->shape == DB_KPI_TOP;

				c += f->rows[j].n;
				snprintf(v, sizeof(v), "%lld",
				    (long long)f->rows[j].n);
				snprintf(base, sizeof(base), "%lld",
				    (long long)f->total);
				report_pct(f->rows[j].n, f->total, share,
				    sizeof(share));
				report_pct(c, f->total, cum, sizeof(cum));
				csv_line(b, f, en, f->rows[j].label, v, top ?
				    base : "", top ? share : "", top ? cum : "");
			}
			continue;
		}
		if (f->k->shape == DB_KPI_MONEY)
			money_format((int64_t)f->value, v, sizeof(v));
		else if (f->k->shape == DB_KPI_MEAN)
			snprintf(v, sizeof(v), f->base ? "%.2f" : "", f->value);
		else
			snprintf(v, sizeof(v), "%lld", (long long)f->value);
		snprintf(base, sizeof(base), f->k->shape == DB_KPI_RATE ||
		    f->k->shape == DB_KPI_MEAN ? "%lld" : "",
		    (long long)f->base);
		if (f->k->shape == DB_KPI_RATE)
			report_pct((int64_t)f->value, f->base, share,
			    sizeof(share));
		else
			share[0] = '\0';
		csv_line(b, f, en, "", v, base, share, "");
	}
	for (int i = 0; i < r->nwarn; i++) {
		const struct db_warning *w = &r->warn[i];
		struct buf t;
		char v[24], bl[24], sh[16];

		buf_init(&t);
		report_warning_text(w, en, &t);
		snprintf(v, sizeof(v), "%lld", (long long)w->n);
		snprintf(bl, sizeof(bl), "%.1f", w->cause[0] ? w->base_share *
		    100 : w->baseline);
		snprintf(sh, sizeof(sh), w->cause[0] ? "%.1f%%" : "",
		    w->share * 100);
		csv_cell(b, "warning", 0);
		csv_cell(b, en ? "Early warning" : "预警", 1);
		csv_cell(b, t.data, 1);
		csv_cell(b, v, 1);
		csv_cell(b, bl, 1);
		csv_cell(b, sh, 1);
		csv_cell(b, "", 1);
		buf_puts(b, "\r\n");
		buf_free(&t);
	}
}

/* The charts a report draws: each from one figure, or the on-time rates
 * from several. */
static const struct {
	const char	*name, *key, *type;
	const char	*zh, *en;
} charts[] = {
	{ "trend", "intake_by_day", "line", "每日收货", "Cases by day" },
	{ "share", "by_kind", "pie", "维修与退货占比", "Repairs and returns" },
	{ "causes", "top_causes", "bar", "实际检测原因", "Detected causes" },
	{ "complaints", "top_complaints", "bar", "客诉原因",
	    "Complaint reasons" },
	{ "ontime", NULL, "rate", "按时率", "On-time rates" },
	{ "satisfaction", "satisfaction_dist", "column", "满意度分布",
	    "Satisfaction scores" },
	{ "models", "by_model", "bar", "按型号", "Units by model" },
	{ "age", "open_by_age", "column", "未结案件账龄", "Open cases by age" },
};
static const char *const ontime_keys[] = { "noreason7_ontime",
    "repair_ontime", "callback_ontime", "sample_reached" };

const char *
report_chart_name(int i)
{
	return i >= 0 && (size_t)i < sizeof(charts) / sizeof(charts[0]) ?
	    charts[i].name : NULL;
}

/* A chart's label: no tabs or line ends, which would break the text. */
static void
chart_label(struct buf *b, const char *s)
{
	for (; *s; s++)
		buf_add(b, *s == '\t' || *s == '\n' || *s == '\r' ? " " : s, 1);
}

int
report_chart(const struct report_figs *r, const char *name, int en,
    struct buf *spec)
{
	for (size_t i = 0; i < sizeof(charts) / sizeof(charts[0]); i++) {
		const struct report_fig *f;

		if (strcmp(charts[i].name, name) != 0)
			continue;
		buf_printf(spec, "%s\n%s\n", charts[i].type, en ? charts[i].en :
		    charts[i].zh);
		if (charts[i].key == NULL) {
			for (size_t j = 0; j < sizeof(ontime_keys) /
			    sizeof(ontime_keys[0]); j++) {
				if ((f = report_fig(r, ontime_keys[j])) == NULL ||
				    f->base == 0)
					continue;
				chart_label(spec, en ? f->k->en : f->k->zh);
				buf_printf(spec, "\t%.4f\n", f->value /
				    (double)f->base);
			}
			return 0;
		}
		if ((f = report_fig(r, charts[i].key)) == NULL)
			return -1;
		for (int j = 0; j < f->nrows; j++) {
			if (f->k->shape == DB_KPI_TOP && j == REPORT_TOP_N)
				break;
			chart_label(spec, f->rows[j].label[0] ?
			    f->rows[j].label : "-");
			buf_printf(spec, "\t%lld\n", (long long)f->rows[j].n);
		}
		return 0;
	}
	return -1;
}

static int
add_warning(void *arg, const struct db_warning *w)
{
	struct report_figs *r = arg;
	struct db_warning *v;

	if ((v = realloc(r->warn, (size_t)(r->nwarn + 1) * sizeof(*v))) ==
	    NULL)
		return -1;
	r->warn = v;
	r->warn[r->nwarn++] = *w;
	return 0;
}

void
report_day_add(const char *day, int n, char out[11])
{
	struct tm tm;

	memset(&tm, 0, sizeof(tm));
	sscanf(day, "%4d-%2d-%2d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday);
	tm.tm_year -= 1900;
	tm.tm_mon--;
	tm.tm_mday += n;
	tm.tm_hour = 12;
	tm.tm_isdst = -1;
	mktime(&tm);
	strftime(out, 11, "%Y-%m-%d", &tm);
}

int
report_warn_period(const char *day, int weeks, struct db_warn_period *wp)
{
	struct db_period p;

	/* the seven days to day, and the weeks before them */
	memset(wp, 0, sizeof(*wp));
	if (!report_day_ok(day))
		return -1;
	snprintf(wp->last_day, sizeof(wp->last_day), "%s", day);
	report_day_add(day, -6, wp->first_day);
	report_day_add(day, -7, wp->base_last);
	report_day_add(day, -6 - 7 * weeks, wp->base_first);
	report_range(wp->first_day, wp->last_day, &p);
	memcpy(wp->from, p.from, sizeof(wp->from));
	memcpy(wp->to, p.to, sizeof(wp->to));
	report_range(wp->base_first, wp->base_last, &p);
	memcpy(wp->base_from, p.from, sizeof(wp->base_from));
	memcpy(wp->base_to, p.to, sizeof(wp->base_to));
	return 0;
}

int
report_warnings(struct report_src *src, const char *day, int weeks, int min,
    int rise, struct report_figs *r)
{
	struct db_warn_period wp;

	if (report_warn_period(day, weeks, &wp) == -1)
		return -1;
	return report_src_warnings(src, &wp, weeks, min, rise, add_warning, r);
}

void
report_warning_text(const struct db_warning *w, int en, struct buf *b)
{
	if (w->cause[0] == '\0')
		buf_printf(b, en ? "%s: %lld units came back this week, against"
		    " %.1f a week before" : "%s: 本周退回 %lld 件，此前每周 %.1f 件",
		    w->model, (long long)w->n, w->baseline);
	else
		buf_printf(b, en ? "%s, cause %s: %.1f%% of its repairs this week"
		    " (%lld), against %.1f%% before" : "%s 故障 %s: 占本周维修"
		    " %.1f%% (%lld 次)，此前 %.1f%%", w->model, w->cause,
		    w->share * 100, (long long)w->n, w->base_share * 100);
	buf_printf(b, en ? "; cases %s" : "；案件 %s", w->cases);
}
