/* stationctl case review CASE --approve|--reject [--note T]: one step of
 * the application's approval chain. */
#include <string.h>

#include "../common/buf.h"
#include "ctl.h"

static enum ctl_status
ctl_case_review(struct ctl_ctx *c, const struct ctl_args *a)
{
	struct case_args ca;
	int yes = ctl_opt(a, "--approve") != NULL;

	if (yes == (ctl_opt(a, "--reject") != NULL)) {
		buf_puts(c->err, "say --approve or --reject\n");
		return ctl_usage(c, a->cmd);
	}
	memset(&ca, 0, sizeof(ca));
	ca.reject = !yes;
	ca.note = ctl_opt(a, "--note");
	return ctl_case_act(c, a->pos[0], CA_REVIEW, &ca);
}

const struct ctl_cmd ctl_cmd_case_review = {
	.name = "case review", .args = "CASE", .minpos = 1, .maxpos = 1,
	.opts = {
		{ "--approve", NULL, 0, "sign this step" },
		{ "--reject", NULL, 0, "refuse the application" },
		{ "--note", "TEXT", 0, "what the signer says" },
	},
	.help = "sign the next step of the application's approval chain"
	    " (supervisor 部长, then gm 总经理 or office 总经办)",
	.pin = 1,
	.exec = ctl_case_review,
};
