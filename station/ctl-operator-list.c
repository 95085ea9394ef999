/* stationctl operator list: operators and their roles. */
#include "../common/buf.h"
#include "../db/db.h"
#include "ctl.h"
#include "station.h"

static int
op_line(void *arg, const struct db_operator *op)
{
	struct buf *b = arg;

	buf_printf(b, "%-12s %-20s %-30s %s\n", op->badge, op->name,
	    op->roles, op->active ? "active" : "disabled");
	return 0;
}

static enum ctl_status
ctl_operator_list(struct ctl_ctx *c, const struct ctl_args *a)
{
	(void)a;
	buf_printf(c->out, "%-12s %-20s %-30s %s\n", "BADGE", "NAME", "ROLES",
	    "STATE");
	if (db_operator_foreach(c->db, op_line, c->out) == -1) {
		buf_printf(c->err, "%s\n", db_error(c->db));
		return CTL_FAILED;
	}
	return CTL_OK;
}

const struct ctl_cmd ctl_cmd_operator_list = {
	.name = "operator list",
	.help = "operators, their roles, active or disabled",
	.worker = 1,
	.exec = ctl_operator_list,
};
