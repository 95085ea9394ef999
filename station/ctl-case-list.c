/* stationctl case list: cases, newest first. */
#include <stdlib.h>
#include <string.h>

#include "../common/buf.h"
#include "../common/json.h"
#include "../db/db.h"
#include "caseview.h"
#include "ctl.h"
#include "station.h"

/* Case ids with a time rule missed and not yet made good. */
struct overdue {
	int64_t	*ids;
	int	 n, cap;
};

struct list_ctx {
	struct db	*db;
	struct ctl_ctx	*c;
	struct buf	*b;
	struct json	 j;
	int		 json;
	int		 n;
	struct overdue	*od;
};

static int
list_one(void *arg, const struct db_case *cs)
{
	struct list_ctx *lc = arg;

	if (lc->json)
		caseview_json(lc->db, &lc->j, cs, 1);
	else
		buf_printf(lc->b, "%-16s %-10s %-20s %-10s %-9s %-8s %s\n",
		    cs->case_no, cs->received_date, cs->waybill,
		    cs->kind[0] ? cs->kind : "-", cs->condition, cs->state,
		    cs->area[0] ? cs->area : "-");
	lc->n++;
	return ctl_full(lc->c);	/* the rest would not be sent */
}

static int
overdue_add(void *arg, const struct db_breach *b)
{
	struct overdue *o = arg;

	if (!strcmp(b->rule, "large_batch"))
		return 0;	/* an alert, not a deadline */
	if (o->n == o->cap) {
		int cap = o->cap ? o->cap * 2 : 32;
		int64_t *v = realloc(o->ids, (size_t)cap * sizeof(*v));

		if (v == NULL)
			return 1;
		o->ids = v;
		o->cap = cap;
	}
	o->ids[o->n++] = b->case_id;
	return 0;
}

static int
list_overdue(void *arg, const struct db_case *cs)
{
	struct list_ctx *lc = arg;

	for (int i = 0; i < lc->od->n; i++)
		if (lc->od->ids[i] == cs->id)
			return list_one(lc, cs);
	return 0;
}

static enum ctl_status
ctl_case_list(struct ctl_ctx *c, const struct ctl_args *a)
{
	const char *state = ctl_opt(a, "--state");
	int overdue = ctl_opt(a, "--overdue") != NULL;
	struct overdue od = { NULL, 0, 0 };
	struct list_ctx lc;
	int rc;

	memset(&lc, 0, sizeof(lc));
	lc.od = &od;
	lc.db = c->db;
	lc.c = c;
	lc.b = c->out;
	lc.json = ctl_opt(a, "--json") != NULL;
	json_init(&lc.j, c->out);
	if (lc.json)
		json_open_array(&lc.j, NULL);
	else
		buf_printf(c->out, "%-16s %-10s %-20s %-10s %-9s %-8s %s\n",
		    "CASE", "DATE", "WAYBILL", "KIND", "CONDITION", "STATE",
		    "AREA");
	if (overdue && db_breach_foreach(lc.db, 1, overdue_add, &od) == -1)
		rc = -1;
	else
		rc = db_case_foreach(lc.db, state, overdue ? list_overdue :
		    list_one, &lc);
	free(od.ids);
	if (rc == -1) {
		buf_printf(c->err, "%s\n", db_error(lc.db));
		return CTL_FAILED;
	}
	if (lc.json) {
		json_close(&lc.j);
		buf_puts(c->out, "\n");
	}
	return CTL_OK;
}

const struct ctl_cmd ctl_cmd_case_list = {
	.name = "case list",
	.opts = {
		{ "--state", "STATE", 0, "only cases in this state" },
		{ "--overdue", NULL, 0, "only those that missed a time rule" },
		{ "--json", NULL, 0, "as JSON" },
	},
	.help = "cases, newest first",
	.worker = 1,
	.exec = ctl_case_list,
};
