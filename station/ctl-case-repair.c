/* stationctl case repair CASE --cause CODE ...: the technician's record. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../common/buf.h"
#include "ctl.h"

static enum ctl_status
ctl_case_repair(struct ctl_ctx *c, const struct ctl_args *a)
{
	const char *result = ctl_opt(a, "--result");
	struct case_args ca;

	memset(&ca, 0, sizeof(ca));
	ca.cause = ctl_opt(a, "--cause");
	ca.note = ctl_opt(a, "--note");
	if (result && strcmp(result, "repaired") &&
	    strcmp(result, "beyond_repair")) {
		buf_puts(c->err, "--result is repaired or beyond_repair\n");
		return CTL_REFUSED;
	}
	ca.beyond = result && !strcmp(result, "beyond_repair");
	for (int i = 0; i < a->nmany; i++) {
		const char *v = a->many[i], *colon = strrchr(v, ':');
		char *end;
		long q = 1;

		if (colon) {
			q = strtol(colon + 1, &end, 10);
			if (*end || end == colon + 1) {
				buf_printf(c->err, "--part %s: give CODE or"
				    " CODE:QTY\n", v);
				return CTL_USAGE;
			}
		}
		snprintf(ca.parts[i].code, sizeof(ca.parts[i].code), "%.*s",
		    colon ? (int)(colon - v) : (int)strlen(v), v);
		ca.parts[i].qty = (int)(q < 0 || q > 100000 ? -1 : q);
	}
	ca.nparts = a->nmany;
	return ctl_case_act(c, a->pos[0], CA_REPAIR, &ca);
}

const struct ctl_cmd ctl_cmd_case_repair = {
	.name = "case repair", .args = "CASE", .minpos = 1, .maxpos = 1,
	.opts = {
		{ "--cause", "CODE", CTL_REQUIRED,
		    "the fault cause found (stationctl cause list)" },
		{ "--part", "CODE:QTY", CTL_MANY,
		    "a part replaced, with how many" },
		{ "--note", "TEXT", 0, "what the technician saw" },
		{ "--result", "repaired|beyond_repair", 0,
		    "beyond_repair when it cannot be mended" },
	},
	.help = "technician logs the repair: cause, parts, result",
	.exec = ctl_case_repair,
};
