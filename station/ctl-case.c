/* stationctl case show / case list. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../db/db.h"
#include "buf.h"
#include "ctl.h"
#include "scan.h"
#include "station.h"

static int
item_json(void *arg, const struct db_item *it)
{
	struct buf *b = arg;

	if (b->data[b->len - 1] != '[')
		buf_puts(b, ",");
	buf_puts(b, "{\"model\":");
	buf_json_str(b, it->model);
	buf_puts(b, ",\"spec\":");
	buf_json_str(b, it->spec);
	if (it->cct)
		buf_printf(b, ",\"cct\":%d", it->cct);
	else
		buf_puts(b, ",\"cct\":null");
	buf_printf(b, ",\"quantity\":%d,\"accessories_missing\":", it->quantity);
	buf_json_str(b, it->accessories_missing);
	buf_printf(b, ",\"draft\":%s}", it->draft ? "true" : "false");
	return 0;
}

static int
history_json(void *arg, const char *at, const char *actor, const char *action)
{
	struct buf *b = arg;

	if (b->data[b->len - 1] != '[')
		buf_puts(b, ",");
	buf_puts(b, "{\"at\":");
	buf_json_str(b, at);
	buf_puts(b, ",\"by\":");
	buf_json_str(b, actor);
	buf_puts(b, ",\"action\":");
	buf_json_str(b, action);
	buf_puts(b, "}");
	return 0;
}

static int
history_text(void *arg, const char *at, const char *actor, const char *action)
{
	buf_printf(arg, "  %s  %-22s %s\n", at, action, actor);
	return 0;
}

static void
case_json(struct db *db, struct buf *b, const struct db_case *cs, int items)
{
#define F(k, v) do { buf_puts(b, ",\"" k "\":"); buf_json_str(b, v); } while (0)
	buf_puts(b, "{\"case_no\":");
	buf_json_str(b, cs->case_no);
	F("waybill", cs->waybill);
	F("carrier", cs->carrier);
	F("received_at", cs->received_at);
	F("received_date", cs->received_date);
	if (cs->kind[0])
		F("kind", cs->kind);
	else
		buf_puts(b, ",\"kind\":null");
	F("condition", cs->condition);
	F("state", cs->state);
	F("area", cs->area);
	F("area_name", cs->area_name);
	buf_printf(b, ",\"not_our_product\":%s", cs->not_our_product ?
	    "true" : "false");
	F("opened_by", cs->opened_by);
	F("updated_at", cs->updated_at);
	if (items) {
		buf_puts(b, ",\"items\":[");
		db_item_foreach(db, cs->id, item_json, b);
		buf_puts(b, "],\"history\":[");
		db_case_history(db, cs->id, history_json, b);
		buf_puts(b, "]");
	}
	buf_puts(b, "}");
#undef F
}

static int
item_text(void *arg, const struct db_item *it)
{
	struct buf *b = arg;

	buf_printf(b, "  - %s", it->model);
	if (it->spec[0])
		buf_printf(b, " (%s)", it->spec);
	if (it->cct)
		buf_printf(b, " %dK", it->cct);
	buf_printf(b, " x%d", it->quantity);
	if (it->accessories_missing[0])
		buf_printf(b, "  missing / 缺件: %s", it->accessories_missing);
	if (it->draft)
		buf_puts(b, "  [not yet committed]");
	buf_puts(b, "\n");
	return 0;
}

static int
ctl_case_show(struct ctl_ctx *c, int argc, char **argv)
{
	struct ctl_opt opts[] = { { "--json", 0, NULL }, { NULL, 0, NULL } };
	struct db *db = c->st->db;
	struct db_case cs;
	char *pos[1];
	int rc;

	if (ctl_parse(c, &ctl_cmd_case_show, argc, argv, opts, pos, 1) != 1)
		return ctl_usage(c, &ctl_cmd_case_show);
	rc = db_case_find(db, pos[0], &cs);
	if (rc == -1) {
		buf_printf(c->err, "%s\n", db_error(db));
		return 3;
	}
	if (rc == 0) {
		buf_printf(c->err, "no case or open waybill %s / 无此案件\n", pos[0]);
		return 1;
	}
	if (opts[0].value) {
		case_json(db, c->out, &cs, 1);
		buf_puts(c->out, "\n");
		return 0;
	}
	buf_printf(c->out, "case %s  [%s]\n", cs.case_no, cs.state);
	buf_printf(c->out, "waybill: %s (%s)\n", cs.waybill, cs.carrier);
	buf_printf(c->out, "received: %s (%s) by %s\n", cs.received_date,
	    cs.received_at, cs.opened_by[0] ? cs.opened_by : "-");
	buf_printf(c->out, "kind: %s  condition: %s%s\n",
	    cs.kind[0] ? cs.kind : "-", cs.condition,
	    cs.not_our_product ? "  (not our product)" : "");
	if (cs.area[0])
		buf_printf(c->out, "area: %s %s\n", cs.area, cs.area_name);
	buf_puts(c->out, "items:\n");
	db_item_foreach(db, cs.id, item_text, c->out);
	buf_puts(c->out, "history:\n");
	db_case_history(db, cs.id, history_text, c->out);
	return 0;
}

/* Case ids with a time rule missed and not yet made good. */
struct overdue {
	int64_t	*ids;
	int	 n, cap;
};

struct list_ctx {
	struct db	*db;
	struct buf	*b;
	int		 json;
	int		 n;
	struct overdue	*od;
};

static int
list_one(void *arg, const struct db_case *cs)
{
	struct list_ctx *lc = arg;

	if (lc->json) {
		if (lc->n)
			buf_puts(lc->b, ",\n");
		case_json(lc->db, lc->b, cs, 1);
	} else
		buf_printf(lc->b, "%-16s %-10s %-20s %-10s %-9s %-8s %s\n",
		    cs->case_no, cs->received_date, cs->waybill,
		    cs->kind[0] ? cs->kind : "-", cs->condition, cs->state,
		    cs->area[0] ? cs->area : "-");
	lc->n++;
	return 0;
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

static int
ctl_case_list(struct ctl_ctx *c, int argc, char **argv)
{
	struct ctl_opt opts[] = { { "--json", 0, NULL }, { "--state", 1, NULL },
	    { "--overdue", 0, NULL }, { NULL, 0, NULL } };
	struct overdue od = { NULL, 0, 0 };
	struct list_ctx lc;
	int rc;

	if (ctl_parse(c, &ctl_cmd_case_list, argc, argv, opts, NULL, 0) != 0)
		return 2;
	memset(&lc, 0, sizeof(lc));
	lc.od = &od;
	lc.db = c->st->db;
	lc.b = c->out;
	lc.json = opts[0].value != NULL;
	if (lc.json)
		buf_puts(c->out, "[");
	else
		buf_printf(c->out, "%-16s %-10s %-20s %-10s %-9s %-8s %s\n",
		    "CASE", "DATE", "WAYBILL", "KIND", "CONDITION", "STATE",
		    "AREA");
	if (opts[2].value && db_breach_foreach(lc.db, 1, overdue_add,
	    &od) == -1)
		rc = -1;
	else
		rc = db_case_foreach(lc.db, opts[1].value, opts[2].value ?
		    list_overdue : list_one, &lc);
	free(od.ids);
	if (rc == -1) {
		buf_printf(c->err, "%s\n", db_error(lc.db));
		return 3;
	}
	if (lc.json)
		buf_puts(c->out, "]\n");
	return 0;
}

const struct ctl_cmd ctl_cmd_case_show = {
	"case show", "CASE-OR-WAYBILL [--json]", "show one case", ctl_case_show
};
const struct ctl_cmd ctl_cmd_case_list = {
	"case list", "[--state STATE] [--overdue] [--json]",
	"list cases, newest first",
	ctl_case_list
};
