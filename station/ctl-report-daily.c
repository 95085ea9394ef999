/*
 * stationctl report daily [DATE] [--lang en] [--csv FILE [--encoding
 * gb18030] | --xlsx FILE]: the after-sales table of a day, a row an item
 * of every case received or moved that day.
 */
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "../common/buf.h"
#include "../common/clock.h"
#include "../common/csv.h"
#include "../db/db.h"
#include "config.h"
#include "ctl.h"
#include "report.h"
#include "station.h"

#define DAILY_MAX_ROWS	20000

static enum ctl_status
daily(struct ctl_ctx *c, const struct ctl_args *a, struct report_src *src,
    const struct db_period *pp, int kind)
{
	const char *lang = ctl_opt(a, "--lang"), *csv = ctl_opt(a, "--csv");
	const char *enc = ctl_opt(a, "--encoding");
	struct db_period p = *pp;
	struct report r;
	struct buf out;
	char why[160];

	if (kind == REPORT_FILE_XLSX) {
		char path[512], cause[256];
		int rows;

		if (ctl_tmpfile(c, path, sizeof(path)) == -1)
			return CTL_FAILED;
		if (report_xlsx_daily(src, &p, ctl_viewer_roles(c), lang &&
		    !strcmp(lang, "en"), DAILY_MAX_ROWS, path,
		    c->st->cf->data_dir, &rows, cause, sizeof(cause)) == -1) {
			buf_printf(c->err, "%s\n", cause);
			unlink(path);
			return CTL_FAILED;
		}
		if (rows == DAILY_MAX_ROWS)
			buf_printf(c->err, "the table stops at %d rows\n",
			    DAILY_MAX_ROWS);
		return ctl_send_file(c, path);
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
		buf_printf(c->out, "%s %s%s\n", r.en ? "After-sales table" :
		    "售后日报", p.first_day, src->central ? r.en ?
		    " (central: all desks)" : " (中心库: 全部站点)" : "");
	r.bom = csv && !enc;	/* GB18030 has no byte-order mark */
	report_head(&r);
	if (report_daily(src, &p, DAILY_MAX_ROWS, report_row, &r) == -1) {
		buf_printf(c->err, "%s\n", report_src_error(src));
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

static enum ctl_status
ctl_report_daily(struct ctl_ctx *c, const struct ctl_args *a)
{
	const char *csv = ctl_opt(a, "--csv");
	const char *enc = ctl_opt(a, "--encoding");
	struct db_period p;
	struct report_src src;
	int kind;
	enum ctl_status rc;

	if (report_range(a->npos ? a->pos[0] : NULL, a->npos ? a->pos[0] :
	    NULL, &p) != 0) {
		buf_printf(c->err, "DATE is a day, YYYY-MM-DD, got '%s'\n",
		    a->pos[0]);
		return CTL_USAGE;
	}
	if ((kind = report_options(c, a)) == -1)
		return CTL_USAGE;
	if (enc && (csv == NULL || strcasecmp(enc, "gb18030"))) {
		buf_puts(c->err, "--encoding gb18030 goes with --csv\n");
		return CTL_USAGE;
	}
	if (report_src_open(&src, c->db, c->st->cf) == -1) {
		buf_printf(c->err, "%s\n", report_src_error(&src));
		return CTL_FAILED;
	}
	rc = daily(c, a, &src, &p, kind);
	report_src_close(&src);
	return rc;
}

const struct ctl_cmd ctl_cmd_report_daily = {
	.name = "report daily", .args = "[DATE]", .minpos = 0, .maxpos = 1,
	.opts = {
		{ "--lang", "en|zh", 0, "headings in English (Chinese by"
		    " default)" },
		{ "--csv", "FILE", 0, "as CSV: UTF-8 with BOM, RFC 4180" },
		{ "--encoding", "gb18030", 0, "the CSV in GB18030 instead" },
		{ "--xlsx", "FILE", 0, "as an Excel workbook: dates as dates,"
		    " quantities as numbers, a frozen header" },
	},
	.help = "the day's after-sales table (售后日报): a row an item of each"
	    " case received or moved that day; phones masked by role",
	.worker = 1,
	.exec = ctl_report_daily,
};
