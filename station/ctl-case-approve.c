/* stationctl case approve CASE: finance signs off. */
#include "ctl.h"

static enum ctl_status
ctl_case_approve(struct ctl_ctx *c, const struct ctl_args *a)
{
	return ctl_case_act(c, a->pos[0], CA_APPROVE, NULL);
}

const struct ctl_cmd ctl_cmd_case_approve = {
	.name = "case approve", .args = "CASE", .minpos = 1, .maxpos = 1,
	.help = "finance signs off; nothing ships without it",
	.pin = 1,
	.exec = ctl_case_approve,
};
