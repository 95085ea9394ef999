/* stationctl case close CASE: a supervisor closes a finished case. */
#include "ctl.h"

static enum ctl_status
ctl_case_close(struct ctl_ctx *c, const struct ctl_args *a)
{
	return ctl_case_act(c, a->pos[0], CA_CLOSE, NULL);
}

const struct ctl_cmd ctl_cmd_case_close = {
	.name = "case close", .args = "CASE", .minpos = 1, .maxpos = 1,
	.help = "supervisor closes a finished case",
	.pin = 1,
	.exec = ctl_case_close,
};
