/*
 * stationctl operator roles BADGE --role ROLE[,ROLE...] and operator
 * enable BADGE (admin): a badge's roles changed, a disabled one taken
 * back; each audited, in effect at once.
 */
#include "../common/buf.h"
#include "ctl.h"
#include "role.h"
#include "staff.h"
#include "station.h"

static enum ctl_status
ctl_operator_roles(struct ctl_ctx *c, const struct ctl_args *a)
{
	struct buf reply;
	enum ctl_status rc;

	buf_init(&reply);
	rc = ctl_reply(c, staff_set_roles(c->db, c->operator ? c->operator :
	    "stationctl", a->pos[0], ctl_opt(a, "--role"), &reply), &reply);
	buf_free(&reply);
	return rc;
}

static enum ctl_status
ctl_operator_enable(struct ctl_ctx *c, const struct ctl_args *a)
{
	struct buf reply;
	enum ctl_status rc;

	buf_init(&reply);
	rc = ctl_reply(c, staff_enable(c->db, c->operator ? c->operator :
	    "stationctl", a->pos[0], &reply), &reply);
	buf_free(&reply);
	return rc;
}

const struct ctl_cmd ctl_cmd_operator_roles = {
	.name = "operator roles", .args = "BADGE", .minpos = 1, .maxpos = 1,
	.opts = {
		{ "--role", "ROLE[,ROLE...]", CTL_REQUIRED, "the badge's roles"
		    " from now on: intake, technician, inspector, finance,"
		    " supervisor, admin, service (客服), gm (总经理), office"
		    " (总经办)" },
	},
	.roles = ROLE_ADMIN,
	.help = "change an operator's roles (admin)",
	.pin = 1,
	.exec = ctl_operator_roles,
};

const struct ctl_cmd ctl_cmd_operator_enable = {
	.name = "operator enable", .args = "BADGE", .minpos = 1, .maxpos = 1,
	.roles = ROLE_ADMIN,
	.help = "take a disabled badge back (admin)",
	.pin = 1,
	.exec = ctl_operator_enable,
};
