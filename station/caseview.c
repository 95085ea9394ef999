/* A case as stationctl and the office see it: text and JSON. */
#include <stdio.h>

#include "../common/buf.h"
#include "../common/json.h"
#include "../db/db.h"
#include "caseview.h"

static int
item_json(void *arg, const struct db_item *it)
{
	struct json *j = arg;

	json_open(j, NULL);
	json_str(j, "model", it->model);
	json_str(j, "spec", it->spec);
	json_int0(j, "cct", it->cct);
	json_int(j, "quantity", it->quantity);
	json_str(j, "accessories_missing", it->accessories_missing);
	json_bool(j, "draft", it->draft);
	json_close(j);
	return 0;
}

static int
history_json(void *arg, const char *at, const char *actor, const char *action)
{
	struct json *j = arg;

	json_open(j, NULL);
	json_str(j, "at", at);
	json_str(j, "by", actor);
	json_str(j, "action", action);
	json_close(j);
	return 0;
}

static int
history_text(void *arg, const char *at, const char *actor, const char *action)
{
	buf_printf(arg, "  %s  %-22s %s\n", at, action, actor);
	return 0;
}

void
caseview_json(struct db *db, struct json *j, const struct db_case *cs, int items)
{
	json_open(j, NULL);
	json_str(j, "case_no", cs->case_no);
	json_str(j, "waybill", cs->waybill);
	json_str(j, "carrier", cs->carrier);
	json_str(j, "received_at", cs->received_at);
	json_str(j, "received_date", cs->received_date);
	json_str0(j, "kind", cs->kind);
	json_str(j, "condition", cs->condition);
	json_str(j, "state", cs->state);
	json_str(j, "area", cs->area);
	json_str(j, "area_name", cs->area_name);
	json_bool(j, "not_our_product", cs->not_our_product);
	json_str(j, "opened_by", cs->opened_by);
	json_str(j, "updated_at", cs->updated_at);
	if (items) {
		json_open_array(j, "items");
		db_item_foreach(db, cs->id, item_json, j);
		json_close(j);
		json_open_array(j, "history");
		db_case_history(db, cs->id, history_json, j);
		json_close(j);
	}
	json_close(j);
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

void
caseview_text(struct db *db, struct buf *b, const struct db_case *cs)
{
	buf_printf(b, "case %s  [%s]\n", cs->case_no, cs->state);
	buf_printf(b, "waybill: %s (%s)\n", cs->waybill, cs->carrier);
	buf_printf(b, "received: %s (%s) by %s\n", cs->received_date,
	    cs->received_at, cs->opened_by[0] ? cs->opened_by : "-");
	buf_printf(b, "kind: %s  condition: %s%s\n",
	    cs->kind[0] ? cs->kind : "-", cs->condition,
	    cs->not_our_product ? "  (not our product)" : "");
	if (cs->area[0])
		buf_printf(b, "area: %s %s\n", cs->area, cs->area_name);
	buf_puts(b, "items:\n");
	db_item_foreach(db, cs->id, item_text, b);
	buf_puts(b, "history:\n");
	db_case_history(db, cs->id, history_text, b);
}
