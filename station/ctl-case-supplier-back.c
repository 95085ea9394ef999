/* stationctl case supplier back CASE: outsourced goods are back. */
#include "ctl.h"

static enum ctl_status
ctl_case_supplier_back(struct ctl_ctx *c, const struct ctl_args *a)
{
	return ctl_case_act(c, a->pos[0], CA_SUPPLIER_BACK, NULL);
}

const struct ctl_cmd ctl_cmd_case_supplier_back = {
	.name = "case supplier back", .args = "CASE", .minpos = 1, .maxpos = 1,
	.help = "outsourced goods are back from their supplier",
	.exec = ctl_case_supplier_back,
};
