/* stationctl case reject CASE --reason T: not eligible, not our product. */
#include <string.h>

#include "ctl.h"

static enum ctl_status
ctl_case_reject(struct ctl_ctx *c, const struct ctl_args *a)
{
	struct case_args ca;

	memset(&ca, 0, sizeof(ca));
	ca.reason = ctl_opt(a, "--reason");
	return ctl_case_act(c, a->pos[0], CA_REJECT, &ca);
}

const struct ctl_cmd ctl_cmd_case_reject = {
	.name = "case reject", .args = "CASE", .minpos = 1, .maxpos = 1,
	.opts = {
		{ "--reason", "TEXT", CTL_REQUIRED, "why it is refused" },
	},
	.help = "not eligible or not our product; it goes back to the customer",
	.pin = 1,
	.exec = ctl_case_reject,
};
