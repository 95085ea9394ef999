/* Report tables (see report.h). */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "../common/buf.h"
#include "../common/clock.h"
#include "../common/csv.h"
#include "../common/width.h"
#include "../db/db.h"
#include "caseview.h"
#include "report.h"

/* The procedures' after-sales table, in its column order. */
const struct report_col report_daily_cols[] = {
	{ "received", "寄回日期", "Return date", 11 },
	{ "waybill", "寄回单号", "Return waybill", 16 },
	{ "customer", "客户", "Customer", 16 },
	{ "service_rep", "客服", "Service rep", 11 },
	{ "phone", "客户电话", "Phone", 13 },
	{ "model", "规格型号", "Model", 12 },
	{ "spec", "规格", "Spec", 10 },
	{ "cct", "色温", "CCT", 5 },
	{ "quantity", "数量", "Qty", 4 },
	{ "kind", "维修/退货", "Kind", 9 },
	{ "complaint", "客诉原因", "Complaint", 14 },
	{ "cause", "实际检测原因", "Detected cause", 14 },
	{ "parts", "更换配件", "Parts replaced", 14 },
	{ "missing", "缺件", "Missing", 8 },
	{ "condition", "外观", "Condition", 9 },
	{ "mismatch", "与登记不符", "Mismatch", 14 },
	{ "inspection", "检验", "Inspection", 10 },
	{ "approvals", "审批", "Approvals", 14 },
	{ "finance_at", "财务签字", "Finance", 16 },
	{ "out_waybill", "出货单号", "Outbound waybill", 16 },
	{ "shipped_at", "出货日期", "Ship date", 10 },
	{ "state", "状态", "State", 12 },
	{ "case_no", "案件", "Case", 16 },
};
const int report_daily_ncols = sizeof(report_daily_cols) /
    sizeof(report_daily_cols[0]);

static void
cell(struct report *r, int i, const char *v)
{
	if (r->out == REPORT_CSV)
		csv_cell(r->b, v, i > 0);
	else {
		if (i > 0)
			buf_puts(r->b, " ");
		/* the last column is not padded */
		if (i + 1 == r->ncols)
			buf_puts(r->b, v);
		else
			width_pad(r->b, v, r->cols[i].width);
	}
}

static void
end(struct report *r)
{
	buf_puts(r->b, r->out == REPORT_CSV ? "\r\n" : "\n");
}

void
report_head(struct report *r)
{
	if (r->bom)
		buf_puts(r->b, "\xef\xbb\xbf");	/* Excel reads UTF-8 by it */
	for (int i = 0; i < r->ncols; i++)
		cell(r, i, r->en ? r->cols[i].en : r->cols[i].zh);
	end(r);
}

static const char *
value(const struct db_row *row, const char *key)
{
	for (int i = 0; i < row->n; i++)
		if (strcmp(row->name[i], key) == 0)
			return row->value[i] ? row->value[i] : "";
	return "";
}

int
report_row(void *arg, const struct db_row *row)
{
	struct report *r = arg;
	char tmp[300];

	for (int i = 0; i < r->ncols; i++) {
		const char *k = r->cols[i].key, *v = value(row, k);
		size_t n = strlen(k);

		if (*v && n > 3 && !strcmp(k + n - 3, "_at")) {
			clock_local(v, 0, tmp, sizeof(tmp));
			/* a date column shows the day; others the minute */
			tmp[strcmp(k, "shipped_at") ? 16 : 10] = '\0';
			v = tmp;
		} else if (!strcmp(k, "phone")) {
			caseview_phone(v, r->roles, tmp, sizeof(tmp));
			v = tmp;
		}
		cell(r, i, v);
	}
	end(r);
	r->rows++;
	return 0;
}

/* tm (a local day at midnight) as the period's start or last day. */
static void
bound(struct tm *tm, char *iso, char *day)
{
	time_t t;

	tm->tm_hour = tm->tm_min = tm->tm_sec = 0;
	tm->tm_isdst = -1;
	t = mktime(tm);
	/* to the millisecond, as times are stored: "…:00Z" would sort after
	 * "…:00.500Z" and leave a day's first second to the day before */
	clock_iso(t, iso, 32);
	snprintf(iso + 19, 32 - 19, ".000Z");
	if (day)
		strftime(day, 11, "%Y-%m-%d", tm);
}

static int
parse_day(const char *s, struct tm *tm)
{
	char tail, back[16];

	memset(tm, 0, sizeof(*tm));
	if (s == NULL) {
		time_t now = clock_wall();

		localtime_r(&now, tm);
		return 0;
	}
	if (strlen(s) != 10 || sscanf(s, "%4d-%2d-%2d%c", &tm->tm_year,
	    &tm->tm_mon, &tm->tm_mday, &tail) != 3 || tm->tm_mon < 1 ||
	    tm->tm_mon > 12 || tm->tm_mday < 1 || tm->tm_mday > 31)
		return -1;
	tm->tm_year -= 1900;
	tm->tm_mon--;
	tm->tm_isdst = -1;
	mktime(tm);
	strftime(back, sizeof(back), "%Y-%m-%d", tm);
	return strcmp(back, s) == 0 ? 0 : -1;
}

/* The period [first, last] (local days, inclusive). */
static void
period(struct tm first, struct tm last, struct db_period *p)
{
	time_t now = clock_wall();
	char today[11];
	struct tm tm;

	bound(&first, p->from, p->first_day);
	bound(&last, p->to, p->last_day);
	last.tm_mday++;
	bound(&last, p->to, NULL);
	localtime_r(&now, &tm);
	strftime(today, sizeof(today), "%Y-%m-%d", &tm);
	snprintf(p->asof_day, sizeof(p->asof_day), "%s",
	    strcmp(today, p->last_day) < 0 ? today : p->last_day);
}

int
report_day_ok(const char *s)
{
	struct tm tm;

	return parse_day(s, &tm) == 0;
}

int
report_week(const char *day, struct db_period *p)
{
	struct tm first, last;

	if (parse_day(day, &first) == -1)
		return -1;
	/* Monday to Sunday */
	first.tm_mday -= (first.tm_wday + 6) % 7;
	first.tm_isdst = -1;
	mktime(&first);
	last = first;
	last.tm_mday += 6;
	mktime(&last);
	period(first, last, p);
	return 0;
}

int
report_month(const char *day, struct db_period *p)
{
	struct tm first, last;

	if (parse_day(day, &first) == -1)
		return -1;
	first.tm_mday = 1;
	first.tm_isdst = -1;
	mktime(&first);
	last = first;
	last.tm_mon++;
	last.tm_mday = 0;	/* the day before the next month's first */
	last.tm_isdst = -1;
	mktime(&last);
	period(first, last, p);
	return 0;
}

int
report_range(const char *from, const char *to, struct db_period *p)
{
	struct tm first, last;

	if ((from == NULL) != (to == NULL) || parse_day(from, &first) == -1 ||
	    parse_day(to, &last) == -1)
		return -1;
	if (from && strcmp(from, to) > 0)
		return -2;
	period(first, last, p);
	return 0;
}
