/*
 * stationctl case rma-report CASE --pdf FILE: QC's answer to the customer
 * (顾客退换货答复报告): the customer, the items and their prices, what was
 * found, the cause, corrective and preventive action, the disposal and the
 * approvals. Gathered here, drawn by the printer side.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../common/buf.h"
#include "../common/clock.h"
#include "../common/money.h"
#include "../common/msg.h"
#include "../db/db.h"
#include "../labels/label.h"
#include "config.h"
#include "ctl.h"
#include "docmsg.h"
#include "printd.h"
#include "station.h"

/* A column of a record row by name; "" when absent or NULL. */
static const char *
col(const struct db_row *r, const char *name)
{
	for (int i = 0; i < r->n; i++)
		if (strcmp(r->name[i], name) == 0)
			return r->value[i] ? r->value[i] : "";
	return "";
}

static const char *
yuan(const char *fen, char *out, size_t len)
{
	money_format(strtoll(fen, NULL, 10), out, len);
	return out;
}

static const char *
local(const char *at, char *out, size_t len)
{
	clock_local(at, 0, out, len);
	return out;
}

static int
line_row(void *arg, const struct db_row *r)
{
	struct docmsg *d = arg;
	char p[32], a[32];

	if (d->rows++ == 0)
		docmsg_add(d, DOC_HEAD_ROW, "行 Line\t型号 Model\t规格 Spec\t数量 Qty\t"
		    "单价 Price\t金额 Amount");
	docmsg_addf(d, DOC_ROW, "%s\t%s\t%s\t%s\t%s\t%s", col(r, "line"),
	    col(r, "model"), col(r, "spec"), col(r, "quantity"),
	    yuan(col(r, "unit_price_fen"), p, sizeof(p)),
	    yuan(col(r, "amount_fen"), a, sizeof(a)));
	return 0;
}

static int
inspection_row(void *arg, const struct db_row *r)
{
	char at[40];

	docmsg_addf(arg, DOC_FIELD, "品质检验 Inspection: %s, %s%s%s  (%s, %s)",
	    !strcmp(col(r, "result"), "pass") ? "合格 pass" : "不合格 fail",
	    *col(r, "sample") ? "抽检 sample " : "", col(r, "sample"),
	    *col(r, "note") ? col(r, "note") : "", col(r, "inspector"),
	    local(col(r, "inspected_at"), at, sizeof(at)));
	return 0;
}

static int
repair_row(void *arg, const struct db_row *r)
{
	docmsg_addf(arg, DOC_FIELD, "检测原因 Cause found: %s %s%s%s", col(r, "cause"),
	    col(r, "cause_name"), *col(r, "note") ? " — " : "",
	    col(r, "note"));
	return 0;
}

static int
review_row(void *arg, const struct db_row *r)
{
	struct docmsg *d = arg;
	char cost[32];

	if (d->rows++ == 0)
		docmsg_add(d, DOC_HEADING, "原因分析 Cause analysis");
	docmsg_add(d, DOC_TEXT, col(r, "analysis"));
	docmsg_addf(d, DOC_FIELD, "责任 Responsibility: %s", col(r, "responsible"));
	docmsg_add(d, DOC_HEADING, "纠正措施 Corrective action");
	docmsg_add(d, DOC_TEXT, col(r, "corrective"));
	docmsg_add(d, DOC_HEADING, "预防措施 Preventive action");
	docmsg_add(d, DOC_TEXT, col(r, "preventive"));
	docmsg_add(d, DOC_HEADING, "处置 Disposal");
	docmsg_addf(d, DOC_FIELD, "结论 Verdict: %s    处置 Disposal: %s", col(r,
	    "verdict"), col(r, "disposal"));
	docmsg_addf(d, DOC_FIELD, "报废 Scrapped: %s    可用 Usable: %s    费用 Cost:"
	    " %s 元", col(r, "scrap"), col(r, "usable"), yuan(col(r,
	    "cost_fen"), cost, sizeof(cost)));
	docmsg_addf(d, DOC_FIELD, "会审 Review: %s; %s", col(r, "host"),
	    col(r, "attendees"));
	return 0;
}

static int
application_row(void *arg, const struct db_row *r)
{
	char total[32];

	docmsg_addf(arg, DOC_FIELD, "申请 Request: %s — %s    合计 Total: %s 元",
	    col(r, "request"), col(r, "reason"), yuan(col(r, "total_fen"),
	    total, sizeof(total)));
	return 0;
}

static int
approval_row(void *arg, const struct db_row *r)
{
	struct docmsg *d = arg;
	char at[40];

	if (d->rows++ == 0)
		docmsg_add(d, DOC_HEAD_ROW, "步骤 Step\t决定 Decision\t签字 Signed by\t"
		    "时间 Time");
	docmsg_addf(d, DOC_ROW, "%s\t%s\t%s\t%s", col(r, "step"), col(r, "decision"),
	    col(r, "signed_by"), local(col(r, "signed_at"), at, sizeof(at)));
	return 0;
}

static void
section(struct db *db, struct docmsg *d, const char *name, const char *title,
    int (*fn)(void *, const struct db_row *), int64_t id)
{
	d->rows = 0;
	if (title)
		docmsg_add(d, DOC_HEADING, title);
	db_case_records(db, name, id, fn, d);
}

static enum ctl_status
ctl_case_rma_report(struct ctl_ctx *c, const struct ctl_args *a)
{
	struct db_application app;
	struct db_case cs;
	struct buf f;
	struct docmsg d;
	char at[40], now[40], now_iso[32], footer[96];
	enum ctl_status rc;
	int found;

	if (ctl_output(c, a, 0) != LABEL_PDF)
		return ctl_usage(c, a->cmd);
	if ((found = db_case_find(c->db, a->pos[0], &cs)) != 1) {
		buf_printf(c->err, "no case or waybill %s / 无此案件\n",
		    a->pos[0]);
		return found == -1 ? CTL_FAILED : CTL_REFUSED;
	}
	if ((found = db_application_last(c->db, cs.id, &app)) != 1) {
		buf_printf(c->err, "case %s has no return application to answer"
		    " (case apply) / 尚无退换货申请\n", cs.case_no);
		return found == -1 ? CTL_FAILED : CTL_REFUSED;
	}
	buf_init(&f);
	memset(&d, 0, sizeof(d));
	d.f = &f;
	clock_now_iso(now_iso, sizeof(now_iso));
	docmsg_add(&d, DOC_TITLE, "顾客退换货答复报告  RMA report");
	docmsg_addf(&d, DOC_SUBTITLE, "案件 Case %s    寄回单号 Waybill %s %s    日期 Date"
	    " %s", cs.case_no, cs.carrier, cs.waybill, local(now_iso, now,
	    sizeof(now)));
	docmsg_add(&d, DOC_HEADING, "客户 Customer");
	docmsg_addf(&d, DOC_FIELD, "退货单位 Customer: %s", cs.customer[0] ?
	    cs.customer : "-");
	if (cs.contact[0])
		docmsg_addf(&d, DOC_FIELD, "联系人 Contact: %s", cs.contact);
	if (cs.order_no[0])
		docmsg_addf(&d, DOC_FIELD, "订单 Order: %s", cs.order_no);
	if (cs.complaint[0])
		docmsg_addf(&d, DOC_FIELD, "客诉原因 Complaint: %s", cs.complaint);
	docmsg_addf(&d, DOC_FIELD, "收货 Received: %s", local(cs.received_at, at,
	    sizeof(at)));
	docmsg_add(&d, DOC_HEADING, "退货明细 Items");
	section(c->db, &d, "applications", NULL, application_row, cs.id);
	section(c->db, &d, "lines", NULL, line_row, cs.id);
	docmsg_add(&d, DOC_HEADING, "检测结果 Findings");
	if (cs.mismatch[0])
		docmsg_addf(&d, DOC_FIELD, "与登记不符 Not as registered: %s",
		    cs.mismatch);
	section(c->db, &d, "inspections", NULL, inspection_row, cs.id);
	section(c->db, &d, "repairs", NULL, repair_row, cs.id);
	section(c->db, &d, "reviews", NULL, review_row, cs.id);
	section(c->db, &d, "approvals", "审批 Approvals", approval_row, cs.id);
	docmsg_addf(&d, DOC_TEXT, "请于收到本报告后 %d 日内答复；逾期未答复视为接受。"
	    " Please answer within %d days of receiving this report; without"
	    " an answer it is taken as accepted.", c->st->cf->rma_reply_days,
	    c->st->cf->rma_reply_days);
	snprintf(footer, sizeof(footer), "Return Station · %s", cs.case_no);
	docmsg_end(&d, footer);
	rc = ctl_ask_printer(c, PD_DOCUMENT, &f);
	buf_free(&f);
	return rc;
}

const struct ctl_cmd ctl_cmd_case_rma_report = {
	.name = "case rma-report", .args = "CASE", .minpos = 1, .maxpos = 1,
	.opts = {
		{ "--pdf", "FILE", CTL_REQUIRED, "where to write the report" },
	},
	.help = "the RMA report to the customer (顾客退换货答复报告) as a PDF",
	.exec = ctl_case_rma_report,
};
