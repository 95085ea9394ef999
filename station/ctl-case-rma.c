/* stationctl case rma-sent CASE and case rma-reply CASE --accept|--dispute:
 * the RMA report's 45-day clock. */
#include <string.h>

#include "../common/buf.h"
#include "ctl.h"

static enum ctl_status
ctl_case_rma_sent(struct ctl_ctx *c, const struct ctl_args *a)
{
	return ctl_case_act(c, a->pos[0], CA_RMA_SENT, NULL);
}

const struct ctl_cmd ctl_cmd_case_rma_sent = {
	.name = "case rma-sent", .args = "CASE", .minpos = 1, .maxpos = 1,
	.help = "the RMA report went to the customer: without an answer in"
	    " [rules] rma_reply_days it is closed as accepted",
	.exec = ctl_case_rma_sent,
};

static enum ctl_status
ctl_case_rma_reply(struct ctl_ctx *c, const struct ctl_args *a)
{
	struct case_args ca;
	int yes = ctl_opt(a, "--accept") != NULL;

	if (yes == (ctl_opt(a, "--dispute") != NULL)) {
		buf_puts(c->err, "say --accept or --dispute\n");
		return ctl_usage(c, a->cmd);
	}
	memset(&ca, 0, sizeof(ca));
	ca.answer = yes ? "accept" : "dispute";
	ca.note = ctl_opt(a, "--note");
	return ctl_case_act(c, a->pos[0], CA_RMA_REPLY, &ca);
}

const struct ctl_cmd ctl_cmd_case_rma_reply = {
	.name = "case rma-reply", .args = "CASE", .minpos = 1, .maxpos = 1,
	.opts = {
		{ "--accept", NULL, 0, "the customer accepts the answer" },
		{ "--dispute", NULL, 0, "the customer disputes it" },
		{ "--note", "TEXT", 0, "what the customer said" },
	},
	.help = "record the customer's answer to the RMA report",
	.exec = ctl_case_rma_reply,
};
