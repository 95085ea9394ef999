/* stationctl case apply CASE --request R --reason T [--price LINE=YUAN]...:
 * the return application (客户退/换货申请) and the chain it takes. */
#include <string.h>

#include "ctl.h"

static enum ctl_status
ctl_case_apply(struct ctl_ctx *c, const struct ctl_args *a)
{
	struct case_args ca;

	memset(&ca, 0, sizeof(ca));
	ca.request = ctl_opt(a, "--request");
	ca.reason = ctl_opt(a, "--reason");
	for (int i = 0; i < a->nmany && i < CASE_MAX_LINES; i++)
		ca.prices[ca.nprices++] = a->many[i];
	return ctl_case_act(c, a->pos[0], CA_APPLY, &ca);
}

const struct ctl_cmd ctl_cmd_case_apply = {
	.name = "case apply", .args = "CASE", .minpos = 1, .maxpos = 1,
	.opts = {
		{ "--request", "return|exchange|claim|repair|other",
		    CTL_REQUIRED, "what the customer asks for" },
		{ "--reason", "TEXT", CTL_REQUIRED, "why" },
		{ "--price", "LINE=YUAN", CTL_MANY, "the unit price of the item"
		    " on LINE of case show; amount = quantity x price" },
	},
	.help = "file the return application; its total picks the approval"
	    " chain ([rules] approval_chain, gm_amount)",
	.exec = ctl_case_apply,
};
