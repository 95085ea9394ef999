/*
 * The office page's reports: the daily table, the week, the month and the
 * figures of any range, as the station's report commands write them; the
 * charts drawn by the station as SVG; the same reports to download as CSV,
 * XLSX or PDF. Nothing is reckoned here.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../common/buf.h"
#include "report.h"
#include "web-int.h"

static const struct period {
	const char	*name, *zh, *en;
	int		 charts;	/* draws charts, has a PDF */
} periods[] = {
	{ "daily", "日报", "Daily table", 0 },
	{ "weekly", "周报", "Week", 1 },
	{ "monthly", "月报", "Month", 1 },
	{ "kpi", "指标", "Figures", 1 },
};

static const struct period *
period(const char *name)
{
	for (size_t i = 0; i < sizeof(periods) / sizeof(periods[0]); i++)
		if (name && !strcmp(periods[i].name, name))
			return &periods[i];
	return NULL;
}

/* A day as the report commands take it, else NULL. */
static const char *
day(struct page *p, const char *name)
{
	const char *v = web_arg(p, name);
	int y, m, d;
	char tail;

	return v && strlen(v) == 10 && sscanf(v, "%4d-%2d-%2d%c", &y, &m, &d,
	    &tail) == 3 ? v : NULL;
}

/* The report command for the request: its words into argv (the
 * output option is added by the caller); the count. */
static int
report_args(struct page *p, const struct period *pd, const char **argv)
{
	const char *date = day(p, "date"), *from = day(p, "from"),
	    *to = day(p, "to");
	int n = 0;

	argv[n++] = "report";
	argv[n++] = pd->name;
	if (strcmp(pd->name, "kpi")) {
		if (date)
			argv[n++] = date;
	} else {
		if (from) {
			argv[n++] = "--from";
			argv[n++] = from;
		}
		if (to) {
			argv[n++] = "--to";
			argv[n++] = to;
		}
	}
	if (p->en) {
		argv[n++] = "--lang";
		argv[n++] = "en";
	}
	return n;
}

/* The request's own arguments again, for a link. */
static void
same_args(struct page *p, struct buf *b, const struct period *pd)
{
	static const char *const keys[] = { "date", "from", "to" };

	buf_printf(b, "period=%s", pd->name);
	for (size_t i = 0; i < 3; i++)
		if (day(p, keys[i]))
			buf_printf(b, "&amp;%s=%s", keys[i], day(p, keys[i]));
}

static enum MHD_Result
send_bytes(struct page *p, const char *type, const char *file,
    struct buf *data)
{
	struct MHD_Response *r = MHD_create_response_from_buffer(data->len,
	    data->data ? data->data : (void *)"", MHD_RESPMEM_MUST_COPY);
	char disp[160];
	enum MHD_Result rc;

	MHD_add_response_header(r, "Content-Type", type);
	MHD_add_response_header(r, "Content-Security-Policy", "default-src"
	    " 'none'; style-src 'unsafe-inline'; sandbox");
	MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
	MHD_add_response_header(r, "Cache-Control", "no-store");
	if (file) {
		snprintf(disp, sizeof(disp), "attachment; filename=\"%s\"", file);
		MHD_add_response_header(r, "Content-Disposition", disp);
	}
	rc = MHD_queue_response(p->c, MHD_HTTP_OK, r);
	MHD_destroy_response(r);
	return rc;
}

/* GET /report.svg?period=..&chart=..: one chart, drawn by the station. */
enum MHD_Result
web_chart(struct page *p)
{
	const struct period *pd = period(web_arg(p, "period"));
	const char *chart = web_arg(p, "chart"), *argv[16];
	struct buf out, err;
	enum MHD_Result rc;
	int n, known = 0;

	for (int i = 0; chart && report_chart_name(i); i++)
		known |= !strcmp(report_chart_name(i), chart);
	if (pd == NULL || !pd->charts || !known)
		return web_plain(p->c, MHD_HTTP_NOT_FOUND, "no such chart\n");
	n = report_args(p, pd, argv);
	argv[n++] = "--chart";
	argv[n++] = chart;
	argv[n++] = "--svg";
	argv[n++] = "-";
	buf_init(&out);
	buf_init(&err);
	if (web_call(p, NULL, n, argv, &out, &err) != 0)
		rc = web_plain(p->c, MHD_HTTP_UNPROCESSABLE_CONTENT, err.len ?
		    err.data : "no chart\n");
	else
		rc = send_bytes(p, "image/svg+xml", NULL, &out);
	buf_free(&out);
	buf_free(&err);
	buf_free(&p->b);
	return rc;
}

/* GET /report.file?period=..&as=csv|xlsx|pdf: the report to keep. */
enum MHD_Result
web_report_file(struct page *p)
{
	static const struct {
		const char *as, *opt, *type;
	} kinds[] = {
		{ "csv", "--csv", "text/csv; charset=utf-8" },
		{ "xlsx", "--xlsx", "application/vnd.openxmlformats-officedocument"
		    ".spreadsheetml.sheet" },
		{ "pdf", "--pdf", "application/pdf" },
	};
	const struct period *pd = period(web_arg(p, "period"));
	const char *as = web_arg(p, "as"), *argv[16], *date;
	struct buf out, err;
	char file[96];
	enum MHD_Result rc;
	int n, k = -1;

	for (int i = 0; as && i < 3; i++)
		if (!strcmp(kinds[i].as, as))
			k = i;
	if (pd == NULL || k < 0 || (k == 2 && !pd->charts))
		return web_plain(p->c, MHD_HTTP_NOT_FOUND, "no such report\n");
	n = report_args(p, pd, argv);
	argv[n++] = kinds[k].opt;
	argv[n++] = "-";
	buf_init(&out);
	buf_init(&err);
	date = day(p, "date") ? day(p, "date") : day(p, "from");
	snprintf(file, sizeof(file), "%s%s%s.%s", pd->name, date ? "-" : "",
	    date ? date : "", kinds[k].as);
	if (web_call(p, NULL, n, argv, &out, &err) != 0)
		rc = web_plain(p->c, MHD_HTTP_UNPROCESSABLE_CONTENT, err.len ?
		    err.data : "no report\n");
	else
		rc = send_bytes(p, kinds[k].type, file, &out);
	buf_free(&out);
	buf_free(&err);
	buf_free(&p->b);
	return rc;
}

/* GET /reports?period=..&date=.. (&from=..&to=.. for the figures). */
enum MHD_Result
web_reports(struct page *p)
{
	const struct period *pd = period(web_arg(p, "period"));
	const char *argv[16], *v;
	struct buf *b = &p->b, out, err;
	int n;

	if (pd == NULL)
		pd = &periods[2];
	web_head(p, L(p, "报表", "Reports"));
	buf_printf(b, "<h2>%s</h2><nav class=\"pager\">", L(p, "报表",
	    "Reports"));
	for (size_t i = 0; i < sizeof(periods) / sizeof(periods[0]); i++)
		buf_printf(b, "<a href=\"/reports?period=%s\"%s>%s</a>",
		    periods[i].name, &periods[i] == pd ? " aria-current=\"page\"" :
		    "", L(p, periods[i].zh, periods[i].en));
	buf_printf(b, "</nav><form class=\"filters\" action=\"/reports\""
	    " method=\"get\"><input type=\"hidden\" name=\"period\""
	    " value=\"%s\">", pd->name);
	if (strcmp(pd->name, "kpi")) {
		buf_printf(b, "<label>%s<input type=\"date\" name=\"date\""
		    " value=\"%s\"></label>", L(p, "日期", "Day"),
		    (v = day(p, "date")) ? v : "");
	} else {
		buf_printf(b, "<label>%s<input type=\"date\" name=\"from\""
		    " value=\"%s\"></label>", L(p, "从", "From"),
		    (v = day(p, "from")) ? v : "");
		buf_printf(b, "<label>%s<input type=\"date\" name=\"to\""
		    " value=\"%s\"></label>", L(p, "到", "To"),
		    (v = day(p, "to")) ? v : "");
	}
	buf_printf(b, "<button>%s</button></form><p class=\"downloads\">%s:",
	    L(p, "查看", "Show"), L(p, "下载", "Download"));
	for (int k = 0; k < 3; k++) {
		static const char *const as[] = { "csv", "xlsx", "pdf" };

		if (k == 2 && !pd->charts)
			continue;
		buf_puts(b, " <a href=\"/report.file?");
		same_args(p, b, pd);
		buf_printf(b, "&amp;as=%s\">%s</a>", as[k], k == 0 ? "CSV" :
		    k == 1 ? "XLSX" : "PDF");
	}
	buf_puts(b, "</p>");
	if (pd->charts) {
		buf_puts(b, "<div class=\"charts\">");
		for (int i = 0; report_chart_name(i); i++) {
			buf_puts(b, "<img class=\"chart\" loading=\"lazy\" alt=\"");
			web_esc(b, report_chart_name(i));
			buf_puts(b, "\" src=\"/report.svg?");
			same_args(p, b, pd);
			buf_printf(b, "&amp;chart=%s\">", report_chart_name(i));
		}
		buf_puts(b, "</div>");
	}
	n = report_args(p, pd, argv);
	buf_init(&out);
	buf_init(&err);
	web_call(p, NULL, n, argv, &out, &err);
	buf_puts(b, "<div class=\"report\">");
	web_output(p, &out, &err);
	buf_puts(b, "</div>");
	buf_free(&out);
	buf_free(&err);
	web_end(p);
	return web_send(p, MHD_HTTP_OK);
}
