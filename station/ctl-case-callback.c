/* stationctl case callback CASE --received yes|no ...: the call after the
 * goods went back. */
#include <string.h>

#include "ctl.h"

static enum ctl_status
ctl_case_callback(struct ctl_ctx *c, const struct ctl_args *a)
{
	struct case_args ca;

	memset(&ca, 0, sizeof(ca));
	ca.received = ctl_opt(a, "--received");
	ca.satisfaction = ctl_opt(a, "--satisfaction");
	ca.note = ctl_opt(a, "--note");
	return ctl_case_act(c, a->pos[0], CA_CALLBACK, &ca);
}

const struct ctl_cmd ctl_cmd_case_callback = {
	.name = "case callback", .args = "CASE", .minpos = 1, .maxpos = 1,
	.opts = {
		{ "--received", "yes|no", CTL_REQUIRED,
		    "the customer has the goods" },
		{ "--satisfaction", "1-5", 0, "how satisfied (5 best)" },
		{ "--note", "TEXT", 0, "what the customer said" },
	},
	.help = "record the call to the customer after shipping (service,"
	    " supervisor)",
	.exec = ctl_case_callback,
};
