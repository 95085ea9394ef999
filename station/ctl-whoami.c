/*
 * stationctl --operator BADGE --pin NNNN whoami: checks the badge's PIN
 * (the same check and lockout as a sign-off) and says who it is: badge,
 * name and roles, tab-separated. The office page logs in with it.
 */
#include "../common/buf.h"
#include "../db/db.h"
#include "ctl.h"
#include "station.h"

static enum ctl_status
ctl_whoami(struct ctl_ctx *c, const struct ctl_args *a)
{
	struct db_operator op;
	int rc;

	(void)a;
	if (c->operator == NULL) {
		buf_puts(c->err, "whoami needs --operator BADGE and its PIN\n");
		return CTL_USAGE;
	}
	if ((rc = db_operator_get(c->db, c->operator, &op)) != 1 ||
	    !op.active) {
		if (rc == -1)
			return CTL_FAILED;
		buf_printf(c->err, "no active operator with badge %s / 无此工牌\n",
		    c->operator);
		return CTL_REFUSED;
	}
	buf_printf(c->out, "%s\t%s\t%s\n", op.badge, op.name, op.roles);
	return CTL_OK;
}

const struct ctl_cmd ctl_cmd_whoami = {
	.name = "whoami",
	.help = "with --operator BADGE --pin NNNN: checks the PIN and prints"
	    " the badge, name and roles",
	.pin = 1,
	.exec = ctl_whoami,
};
