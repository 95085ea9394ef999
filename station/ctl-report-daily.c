/*
 * stationctl report daily [DATE] [--lang en] [--csv FILE [--encoding
 * gb18030]]: the after-sales table of a day, a row an item of every case
 * received or moved that day.
 */
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "../common/buf.h"
#include "../common/clock.h"
#include "../common/csv.h"
#include "../db/db.h"
#include "ctl.h"
#include "report.h"
#include "station.h"

#define DAILY_MAX_ROWS	20000

/* The local day named (YYYY-MM-DD, default today) as its UTC bounds. */
static int
day_range(const char *arg, char *day, char *from, char *to)
{
	struct tm tm;
	time_t t0, t1;
	char tail;

	memset(&tm, 0, sizeof(tm));
	if (arg == NULL) {
		time_t now = clock_wall();

		localtime_r(&now, &tm);
		tm.tm_hour = tm.tm_min = tm.tm_sec = 0;
	} else if (strlen(arg) != 10 || sscanf(arg, "%4d-%2d-%2d%c",
	    &tm.tm_year, &tm.tm_mon, &tm.tm_mday, &tail) != 3 ||
	    tm.tm_mon < 1 || tm.tm_mon > 12 || tm.tm_mday < 1 ||
	    tm.tm_mday > 31) {
		return -1;
	} else {
		tm.tm_year -= 1900;
		tm.tm_mon -= 1;
	}
	tm.tm_isdst = -1;
	if ((t0 = mktime(&tm)) == -1)
		return -1;
	strftime(day, 11, "%Y-%m-%d", &tm);
	if (arg && strcmp(day, arg) != 0)	/* 2026-02-30 */
		return -1;
	tm.tm_mday++;
	tm.tm_isdst = -1;
	t1 = mktime(&tm);
	clock_iso(t0, from, 32);
	clock_iso(t1, to, 32);
	return 0;
}

static enum ctl_status
ctl_report_daily(struct ctl_ctx *c, const struct ctl_args *a)
{
	const char *lang = ctl_opt(a, "--lang"), *csv = ctl_opt(a, "--csv");
	const char *enc = ctl_opt(a, "--encoding");
	char day[16], from[32], to[32], why[160];
	struct report r;
	struct buf out;

	if (day_range(a->npos ? a->pos[0] : NULL, day, from, to) == -1) {
		buf_printf(c->err, "DATE is a day, YYYY-MM-DD, got '%s'\n",
		    a->pos[0]);
		return CTL_USAGE;
	}
	if (lang && strcmp(lang, "en") && strcmp(lang, "zh")) {
		buf_puts(c->err, "--lang is en or zh\n");
		return CTL_USAGE;
	}
	if (csv && strcmp(csv, "-")) {
		buf_puts(c->err, "the file is written by stationctl: give a path"
		    " there\n");
		return CTL_USAGE;
	}
	if (enc && (csv == NULL || strcasecmp(enc, "gb18030"))) {
		buf_puts(c->err, "--encoding gb18030 goes with --csv\n");
		return CTL_USAGE;
	}
	buf_init(&out);
	memset(&r, 0, sizeof(r));
	r.cols = report_daily_cols;
	r.ncols = report_daily_ncols;
	r.out = csv ? REPORT_CSV : REPORT_TEXT;
	r.en = lang && !strcmp(lang, "en");
	r.roles = ctl_viewer_roles(c);
	r.b = enc ? &out : c->out;
	if (enc == NULL && !csv)
		buf_printf(c->out, "%s %s\n", r.en ? "After-sales table" :
		    "售后日报", day);
	r.bom = csv && !enc;	/* GB18030 has no byte-order mark */
	report_head(&r);
	if (db_report_daily(c->db, from, to, day, DAILY_MAX_ROWS, report_row,
	    &r) == -1) {
		buf_printf(c->err, "%s\n", db_error(c->db));
		buf_free(&out);
		return CTL_FAILED;
	}
	if (r.rows == DAILY_MAX_ROWS)
		buf_printf(c->err, "the table stops at %d rows\n",
		    DAILY_MAX_ROWS);
	if (enc && csv_from_utf8(out.data ? out.data : "", out.len, "GB18030",
	    c->out, why, sizeof(why)) == -1) {
		buf_printf(c->err, "%s\n", why);
		buf_free(&out);
		return CTL_FAILED;
	}
	buf_free(&out);
	if (!csv)
		buf_printf(c->out, "%d row%s\n", r.rows, r.rows == 1 ? "" : "s");
	return CTL_OK;
}

const struct ctl_cmd ctl_cmd_report_daily = {
	.name = "report daily", .args = "[DATE]", .minpos = 0, .maxpos = 1,
	.opts = {
		{ "--lang", "en|zh", 0, "headings in English (Chinese by"
		    " default)" },
		{ "--csv", "FILE", 0, "as CSV: UTF-8 with BOM, RFC 4180" },
		{ "--encoding", "gb18030", 0, "the CSV in GB18030 instead" },
	},
	.help = "the day's after-sales table (售后日报): a row an item of each"
	    " case received or moved that day; phones masked by role",
	.worker = 1,
	.exec = ctl_report_daily,
};
