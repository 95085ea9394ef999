/* stationctl operator list: operators and their roles. */
#include "../common/buf.h"
#include "../common/width.h"
#include "../db/db.h"
#include "ctl.h"
#include "station.h"

static int
op_line(void *arg, const struct db_operator *op)
{
	struct buf *b = arg;

	width_pad(b, op->badge, 8);
	buf_puts(b, " ");
	width_pad(b, op->name, 22);
	buf_puts(b, " ");
	width_pad(b, op->roles, 32);
	buf_printf(b, " %s\n", op->active ? "active 在用" : "disabled 停用");
	return 0;
}

static enum ctl_status
ctl_operator_list(struct ctl_ctx *c, const struct ctl_args *a)
{
	(void)a;
	width_pad(c->out, "工牌 BADGE", 8);
	buf_puts(c->out, " ");
	width_pad(c->out, "姓名 NAME", 22);
	buf_puts(c->out, " ");
	width_pad(c->out, "角色 ROLES", 32);
	buf_puts(c->out, " 状态 STATE\n");
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
