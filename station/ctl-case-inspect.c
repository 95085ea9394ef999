/* stationctl case inspect CASE --pass|--fail: the inspector's verdict. */
#include <stdlib.h>
#include <string.h>

#include "../common/buf.h"
#include "ctl.h"

static enum ctl_status
ctl_case_inspect(struct ctl_ctx *c, const struct ctl_args *a)
{
	const char *pass = ctl_opt(a, "--pass"), *sample = ctl_opt(a, "--sample");
	struct case_args ca;
	char *end;

	if ((pass != NULL) == (ctl_opt(a, "--fail") != NULL)) {
		buf_puts(c->err, "give --pass or --fail\n");
		return ctl_usage(c, a->cmd);
	}
	memset(&ca, 0, sizeof(ca));
	ca.note = ctl_opt(a, "--note");
	if (sample) {
		long n = strtol(sample, &end, 10);

		if (*end || end == sample || n < 1 || n > 100000) {
			buf_printf(c->err, "--sample must be a number of units,"
			    " got '%s'\n", sample);
			return CTL_USAGE;
		}
		ca.sample = (int)n;
	}
	return ctl_case_act(c, a->pos[0], pass ? CA_INSPECT_PASS :
	    CA_INSPECT_FAIL, &ca);
}

const struct ctl_cmd ctl_cmd_case_inspect = {
	.name = "case inspect", .args = "CASE", .minpos = 1, .maxpos = 1,
	.opts = {
		{ "--pass", NULL, 0, "the goods pass" },
		{ "--fail", NULL, 0, "they fail (a repair goes back to the"
		    " bench)" },
		{ "--sample", "N", 0, "units sampled; a batch return needs at"
		    " least 10 %" },
		{ "--note", "TEXT", 0, "what the inspector saw" },
	},
	.help = "quality inspection: pass or fail, with the sample size",
	.pin = 1,
	.exec = ctl_case_inspect,
};
