/* stationctl cause list: the fault causes a technician chooses from. */
#include "../db/db.h"
#include "../common/buf.h"
#include "ctl.h"
#include "station.h"

static int
cause_line(void *arg, const struct db_cause *c)
{
	buf_printf(arg, "%-10s %s\n", c->code, c->name);
	return 0;
}

static enum ctl_status
ctl_cause_list(struct ctl_ctx *c, const struct ctl_args *a)
{
	(void)a;
	if (db_cause_foreach(c->db, cause_line, c->out) == -1) {
		buf_printf(c->err, "%s\n", db_error(c->db));
		return CTL_FAILED;
	}
	return CTL_OK;
}

const struct ctl_cmd ctl_cmd_cause_list = {
	.name = "cause list",
	.help = "the fault cause codes a technician chooses from",
	.worker = 1,
	.exec = ctl_cause_list,
};
