/* stationctl cause list: the fault causes a technician chooses from. */
#include "../db/db.h"
#include "buf.h"
#include "ctl.h"
#include "station.h"

static int
cause_line(void *arg, const struct db_cause *c)
{
	buf_printf(arg, "%-10s %s\n", c->code, c->name);
	return 0;
}

static int
ctl_cause_list(struct ctl_ctx *c, int argc, char **argv)
{
	(void)argv;
	if (argc != 0)
		return ctl_usage(c, &ctl_cmd_cause_list);
	if (db_cause_foreach(c->st->db, cause_line, c->out) == -1) {
		buf_printf(c->err, "%s\n", db_error(c->st->db));
		return 3;
	}
	return 0;
}

const struct ctl_cmd ctl_cmd_cause_list = {
	"cause list", "", "fault cause codes for case repair", ctl_cause_list
};
