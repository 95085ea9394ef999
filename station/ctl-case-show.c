/* stationctl case show CASE-OR-WAYBILL [--json]: one case, whole. */
#include "../common/buf.h"
#include "../common/json.h"
#include "../db/db.h"
#include "caseview.h"
#include "ctl.h"
#include "station.h"

static enum ctl_status
ctl_case_show(struct ctl_ctx *c, const struct ctl_args *a)
{
	struct db *db = c->db;
	struct db_case cs;
	int rc;

	rc = db_case_find(db, a->pos[0], &cs);
	if (rc == -1) {
		buf_printf(c->err, "%s\n", db_error(db));
		return CTL_FAILED;
	}
	if (rc == 0) {
		buf_printf(c->err, "no case or waybill %s / 无此案件\n", a->pos[0]);
		return CTL_REFUSED;
	}
	if (ctl_opt(a, "--json")) {
		struct json j;

		json_init(&j, c->out);
		caseview_json(db, &j, &cs, 1, ctl_viewer_roles(c));
		buf_puts(c->out, "\n");
		return CTL_OK;
	}
	caseview_text(db, c->out, &cs, ctl_viewer_roles(c));
	return CTL_OK;
}

const struct ctl_cmd ctl_cmd_case_show = {
	.name = "case show", .args = "CASE-OR-WAYBILL", .minpos = 1,
	.maxpos = 1,
	.opts = {
		{ "--json", NULL, 0, "as JSON" },
	},
	.help = "one case, whole: customer, items, records and history; the"
	    " phone and address show to service, supervisor, finance and admin"
	    " (--operator, with --pin where PINs are required)",
	.worker = 1,
	.exec = ctl_case_show,
};
