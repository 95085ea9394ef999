/* Report tables (see report.h). */
#include <stdio.h>
#include <string.h>

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
