/* stationctl case ship CASE --waybill W: the goods go back out. */
#include <string.h>

#include "ctl.h"

static enum ctl_status
ctl_case_ship(struct ctl_ctx *c, const struct ctl_args *a)
{
	struct case_args ca;

	memset(&ca, 0, sizeof(ca));
	ca.waybill = ctl_opt(a, "--waybill");
	ca.carrier = ctl_opt(a, "--carrier");
	ca.reason = ctl_opt(a, "--reason");
	return ctl_case_act(c, a->pos[0], CA_SHIP, &ca);
}

const struct ctl_cmd ctl_cmd_case_ship = {
	.name = "case ship", .args = "CASE", .minpos = 1, .maxpos = 1,
	.opts = {
		{ "--waybill", "W", CTL_REQUIRED, "the outbound waybill" },
		{ "--carrier", "C", 0, "the carrier, if its pattern does not"
		    " say" },
		{ "--reason", "customer|sales|shipping", 0,
		    "why an exchange is sent" },
	},
	.help = "ship the repaired item or the replacement (after finance)",
	.exec = ctl_case_ship,
};
