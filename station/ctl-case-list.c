/* stationctl case list: cases, newest first. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../common/buf.h"
#include "../common/json.h"
#include "../common/width.h"
#include "../db/db.h"
#include "caseview.h"
#include "ctl.h"
#include "station.h"

/* a page number goes this deep at most: each page skipped is read */
#define CASE_SKIP_MAX 100000

struct list_ctx {
	struct db	*db;
	struct ctl_ctx	*c;
	struct buf	*b;
	struct json	 j;
	int		 json;
	unsigned	 roles;		/* the viewer's */
	int		 n;
	int64_t		 last_id;
	char		 last_no[32];
};

/* One line of the table, padded by display width. */
static void
row(struct buf *b, const char *no, const char *date, const char *waybill,
    const char *kind, const char *cond, const char *state, const char *area,
    const char *customer)
{
	static const int w[] = { 16, 10, 18, 9, 9, 20, 10, 0 };
	const char *const v[] = { no, date, waybill, kind, cond, state, area,
	    customer };

	width_row(b, v, w, 8);
}

static int
list_one(void *arg, const struct db_case *cs)
{
	struct list_ctx *lc = arg;

	if (lc->json)
		caseview_json(lc->db, &lc->j, cs, 0, lc->roles);
	else
		row(lc->b, cs->case_no, cs->received_date, cs->waybill,
		    cs->kind[0] ? cs->kind : "-", cs->condition, cs->state,
		    cs->area[0] ? cs->area : "-", cs->customer[0] ?
		    cs->customer : "-");
	lc->n++;
	lc->last_id = cs->id;
	snprintf(lc->last_no, sizeof(lc->last_no), "%s", cs->case_no);
	return ctl_full(lc->c);	/* the rest would not be sent */
}

/* A date as the listing takes it: YYYY-MM-DD. */
static int
date_ok(const char *s)
{
	int y, m, d;
	char tail;

	return s == NULL || (strlen(s) == 10 && sscanf(s, "%4d-%2d-%2d%c", &y,
	    &m, &d, &tail) == 3 && m >= 1 && m <= 12 && d >= 1 && d <= 31);
}

static enum ctl_status
ctl_case_list(struct ctl_ctx *c, const struct ctl_args *a)
{
	const char *after = ctl_opt(a, "--after"), *skip = ctl_opt(a, "--skip");
	struct db_case_query q;
	struct list_ctx lc;
	struct db_case at;
	int rc;

	memset(&q, 0, sizeof(q));
	q.state = ctl_opt(a, "--state");
	q.overdue = ctl_opt(a, "--overdue") != NULL;
	q.from = ctl_opt(a, "--from");
	q.to = ctl_opt(a, "--to");
	q.find = ctl_opt(a, "--find");
	q.oldest = ctl_opt(a, "--oldest") != NULL;
	if (q.find && (*q.find == '\0' || strlen(q.find) > 64)) {
		buf_puts(c->err, "--find takes 1 to 64 bytes of text\n");
		return CTL_USAGE;
	}
	if (skip) {
		char *end;
		long n = strtol(skip, &end, 10);

		if (*end || end == skip || n < 0 || n > CASE_SKIP_MAX) {
			buf_printf(c->err, "--skip is 0 to %d, got '%s'\n",
			    CASE_SKIP_MAX, skip);
			return CTL_USAGE;
		}
		q.offset = (int)n;
	}
	if ((q.limit = ctl_limit(c, a)) == -1)
		return CTL_USAGE;
	if (!date_ok(q.from) || !date_ok(q.to)) {
		buf_puts(c->err, "--from and --to take a date, YYYY-MM-DD\n");
		return CTL_USAGE;
	}
	if (after) {
		if ((rc = db_case_find(c->db, after, &at)) != 1) {
			buf_printf(c->err, rc == 0 ? "no case %s to list after\n" :
			    "%s\n", rc == 0 ? after : db_error(c->db));
			return rc == 0 ? CTL_REFUSED : CTL_FAILED;
		}
		q.before = at.id;
	}
	memset(&lc, 0, sizeof(lc));
	lc.db = c->db;
	lc.c = c;
	lc.b = c->out;
	lc.json = ctl_opt(a, "--json") != NULL;
	lc.roles = ctl_viewer_roles(c);
	json_init(&lc.j, c->out);
	if (lc.json)
		json_open_array(&lc.j, NULL);
	else
		row(c->out, "案件 CASE", "日期 DATE", "运单 WAYBILL", "类型 KIND",
		    "状况 COND", "状态 STATE", "区域 AREA", "客户 CUSTOMER");
	if (db_case_page(lc.db, &q, list_one, &lc) == -1) {
		buf_printf(c->err, "%s\n", db_error(lc.db));
		return CTL_FAILED;
	}
	if (lc.json) {
		json_close(&lc.j);
		buf_puts(c->out, "\n");
	}
	/* the next page, said where a script does not read it */
	if (lc.n == q.limit)
		buf_printf(c->err, "more: stationctl case list --after %s%s\n",
		    lc.last_no, q.oldest ? " --oldest" : "");
	return CTL_OK;
}

const struct ctl_cmd ctl_cmd_case_list = {
	.name = "case list",
	.opts = {
		{ "--state", "STATE", 0, "only cases in this state" },
		{ "--overdue", NULL, 0, "only those that missed a time rule" },
		{ "--from", "YYYY-MM-DD", 0, "received on or after this day" },
		{ "--to", "YYYY-MM-DD", 0, "received on or before this day" },
		{ "--find", "TEXT", 0, "case no. or waybill (from 8 characters: starting"
		    " with TEXT), the phone, the model, or a customer's name"
		    " holding it" },
		{ "--oldest", NULL, 0, "oldest first" },
		{ "--after", "CASE", 0, "the page after this case (older ones;"
		    " newer with --oldest)" },
		{ "--skip", "N", 0, "past the first N of the listing (a page"
		    " number's; up to 100000)" },
		{ "--limit", "N", 0, "at most N cases (50; up to 1000)" },
		{ "--json", NULL, 0, "as JSON" },
	},
	.help = "cases, newest first, a page at a time",
	.worker = 1,
	.exec = ctl_case_list,
};
