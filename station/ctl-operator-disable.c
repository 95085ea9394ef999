/* stationctl operator disable BADGE: takes effect at once. */
#include "../common/buf.h"
#include "ctl.h"
#include "role.h"
#include "staff.h"
#include "station.h"

static enum ctl_status
ctl_operator_disable(struct ctl_ctx *c, const struct ctl_args *a)
{
	struct buf reply;
	enum ctl_status rc;

	buf_init(&reply);
	rc = ctl_reply(c, staff_disable(c->db, c->operator ? c->operator :
	    "stationctl", a->pos[0], &reply), &reply);
	buf_free(&reply);
	return rc;
}

const struct ctl_cmd ctl_cmd_operator_disable = {
	.name = "operator disable", .args = "BADGE", .minpos = 1, .maxpos = 1,
	.roles = ROLE_ADMIN,
	.help = "disable an operator's badge (admin)",
	.pin = 1,
	.exec = ctl_operator_disable,
};
