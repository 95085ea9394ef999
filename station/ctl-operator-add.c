/* stationctl operator add BADGE --name NAME --role ROLE[,ROLE...]. */
#include "../common/buf.h"
#include "ctl.h"
#include "role.h"
#include "staff.h"
#include "station.h"

static enum ctl_status
ctl_operator_add(struct ctl_ctx *c, const struct ctl_args *a)
{
	struct buf reply;
	enum ctl_status rc;

	buf_init(&reply);
	rc = ctl_reply(c, staff_add(c->db, c->operator ? c->operator :
	    "stationctl", a->pos[0], ctl_opt(a, "--name"), ctl_opt(a, "--role"),
	    &reply), &reply);
	buf_free(&reply);
	return rc;
}

const struct ctl_cmd ctl_cmd_operator_add = {
	.name = "operator add", .args = "BADGE", .minpos = 1, .maxpos = 1,
	.opts = {
		{ "--name", "NAME", CTL_REQUIRED, "the operator's name" },
		{ "--role", "ROLE[,ROLE...]", CTL_REQUIRED, "intake, technician,"
		    " inspector, finance, supervisor, admin, service (客服), gm"
		    " (总经理), office (总经办)" },
	},
	.roles = ROLE_ADMIN,
	.help = "register an operator and the badge they scan (admin; a new"
	    " station may add its first admin without --operator)",
	.pin = 1,
	.exec = ctl_operator_add,
};
