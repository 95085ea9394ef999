/* stationctl case accept CASE: a supervisor accepts a held case. */
#include "ctl.h"

static enum ctl_status
ctl_case_accept(struct ctl_ctx *c, const struct ctl_args *a)
{
	return ctl_case_act(c, a->pos[0], CA_ACCEPT, NULL);
}

const struct ctl_cmd ctl_cmd_case_accept = {
	.name = "case accept", .args = "CASE", .minpos = 1, .maxpos = 1,
	.help = "supervisor accepts a held (severely damaged) case; it needs"
	    " a photo",
	.pin = 1,
	.exec = ctl_case_accept,
};
