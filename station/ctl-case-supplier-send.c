/* stationctl case supplier send CASE --supplier NAME: outsourced goods out. */
#include <string.h>

#include "ctl.h"

static enum ctl_status
ctl_case_supplier_send(struct ctl_ctx *c, const struct ctl_args *a)
{
	struct case_args ca;

	memset(&ca, 0, sizeof(ca));
	ca.supplier = ctl_opt(a, "--supplier");
	return ctl_case_act(c, a->pos[0], CA_SUPPLIER_SEND, &ca);
}

const struct ctl_cmd ctl_cmd_case_supplier_send = {
	.name = "case supplier send", .args = "CASE", .minpos = 1, .maxpos = 1,
	.opts = {
		{ "--supplier", "NAME", CTL_REQUIRED, "who makes the product" },
	},
	.help = "outsourced goods go back to their supplier",
	.exec = ctl_case_supplier_send,
};
