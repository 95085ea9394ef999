/* stationctl --operator A operator pin BADGE --pin NNNN: a PIN for BADGE. */
#include <string.h>

#include "../common/buf.h"
#include "../db/db.h"
#include "ctl.h"
#include "role.h"
#include "staff.h"
#include "station.h"

static enum ctl_status
ctl_operator_pin(struct ctl_ctx *c, const struct ctl_args *a)
{
	struct buf reply;
	enum ctl_status rc;

	/* an operator sets their own; an admin anyone's */
	if (c->operator == NULL || strcmp(c->operator, a->pos[0]) != 0) {
		if ((rc = ctl_need_role(c, ROLE_ADMIN,
		    "setting another operator's PIN")) != CTL_OK)
			return rc;
	}
	buf_init(&reply);
	rc = ctl_reply(c, staff_set_pin(c->db, c->operator ? c->operator :
	    "stationctl", a->pos[0], ctl_opt(a, "--pin"), &reply), &reply);
	buf_free(&reply);
	return rc;
}

const struct ctl_cmd ctl_cmd_operator_pin = {
	.name = "operator pin", .args = "BADGE", .minpos = 1, .maxpos = 1,
	.opts = {
		{ "--pin", "NNNN", CTL_REQUIRED, "the new PIN, 4 to 12 digits" },
	},
	.pin = 1,
	.help = "set the PIN an operator gives for sign-offs, approvals and"
	    " admin work (their own, or anyone's as admin)",
	.exec = ctl_operator_pin,
};
