/*
 * stationctl report weekly|monthly [DATE] and report kpi --from DATE --to
 * DATE: the head's summary of a period, every figure as db/kpi.c defines
 * it: counts, shares to one decimal, top lists with their Pareto share,
 * on-time rates with the cases that missed.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "../common/buf.h"
#include "../common/clock.h"
#include "../common/csv.h"
#include "../common/money.h"
#include "../common/msg.h"
#include "../labels/label.h"
#include "config.h"
#include "printd.h"
#include "../db/db.h"
#include "ctl.h"
#include "report.h"
#include "station.h"

static enum ctl_status
run(struct ctl_ctx *c, const struct ctl_args *a, const char *title,
    struct db_period *p)
{
	const char *lang = ctl_opt(a, "--lang"), *chart = ctl_opt(a, "--chart");
	int en = lang && !strcmp(lang, "en"), kind;
	struct report_figs r;
	struct report_src src;
	enum ctl_status rc = CTL_OK;
	char path[512], cause[256];
	struct buf f;

	if ((kind = report_options(c, a)) == -1)
		return CTL_USAGE;
	if (chart) {
		int known = 0;

		for (int i = 0; report_chart_name(i); i++)
			known |= !strcmp(report_chart_name(i), chart);
		if (!known) {
			buf_printf(c->err, "no chart '%s'; the charts are:",
			    chart);
			for (int i = 0; report_chart_name(i); i++)
				buf_printf(c->err, " %s", report_chart_name(i));
			buf_puts(c->err, "\n");
			return CTL_USAGE;
		}
	}
	if (report_src_open(&src, c->db, c->st->cf) == -1) {
		buf_printf(c->err, "%s\n", report_src_error(&src));
		return CTL_FAILED;
	}
	if (report_gather(&src, p, &r) == -1 ||
	    report_warnings(&src, p->asof_day, c->st->cf->warn_weeks,
	    c->st->cf->warn_min, c->st->cf->warn_rise, &r) == -1) {
		buf_printf(c->err, "%s\n", report_src_error(&src));
		report_figs_free(&r);
		report_src_close(&src);
		return CTL_FAILED;
	}
	report_src_close(&src);
	buf_init(&f);
	switch (kind) {
	case REPORT_FILE_TEXT:
		buf_printf(c->out, "%s %s .. %s%s\n", title, p->first_day,
		    p->last_day, src.central ? en ? " (central: all desks)" :
		    " (中心库: 全部站点)" : "");
		report_figs_text(&r, en, c->out);
		break;
	case REPORT_FILE_CSV:
		report_figs_csv(&r, en, c->out);
		break;
	case REPORT_FILE_XLSX:
		if (ctl_tmpfile(c, path, sizeof(path)) == -1) {
			rc = CTL_FAILED;
			break;
		}
		if (report_xlsx_figs(&r, en, title, path, c->st->cf->data_dir,
		    cause, sizeof(cause)) == -1) {
			buf_printf(c->err, "%s\n", cause);
			unlink(path);
			rc = CTL_FAILED;
			break;
		}
		rc = ctl_send_file(c, path);
		break;
	case REPORT_FILE_PDF:
		report_doc(&r, title, en, &f);
		rc = ctl_then_printer(c, PD_DOCUMENT, &f);
		break;
	default:
		msg_put_int(&f, "format", kind == REPORT_FILE_PNG ? LABEL_PNG :
		    LABEL_SVG);
		{
			struct buf spec;

			buf_init(&spec);
			report_chart(&r, chart, en, &spec);
			msg_put_str(&f, "chart", spec.data ? spec.data : "");
			buf_free(&spec);
		}
		rc = ctl_then_printer(c, PD_CHART, &f);
	}
	buf_free(&f);
	report_figs_free(&r);
	return rc;
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
	    " a top list's entry" }, \
	{ "--xlsx", "FILE", 0, "as an Excel workbook: a sheet a table, with" \
	    " charts" }, \
	{ "--pdf", "FILE", 0, "as a document to hand on, with its charts" }, \
	{ "--chart", "NAME", 0, "one chart: trend, share, causes, complaints," \
	    " ontime, satisfaction, models, age" }, \
	{ "--png", "FILE", 0, "the --chart as a picture" }, \
	{ "--svg", "FILE", 0, "the --chart as SVG" }

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
