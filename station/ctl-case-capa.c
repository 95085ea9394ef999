/* stationctl case capa CASE --host BADGE ...: QC's review meeting (会审). */
#include <string.h>

#include "ctl.h"

static enum ctl_status
ctl_case_capa(struct ctl_ctx *c, const struct ctl_args *a)
{
	struct case_args ca;

	memset(&ca, 0, sizeof(ca));
	ca.host = ctl_opt(a, "--host");
	for (int i = 0; i < a->nmany && i < CASE_MAX_LINES; i++)
		ca.attendees[ca.nattendees++] = a->many[i];
	ca.verdict = ctl_opt(a, "--verdict");
	ca.analysis = ctl_opt(a, "--analysis");
	ca.corrective = ctl_opt(a, "--corrective");
	ca.preventive = ctl_opt(a, "--preventive");
	ca.responsible = ctl_opt(a, "--responsible");
	ca.disposal = ctl_opt(a, "--disposal");
	ca.scrap = ctl_opt(a, "--scrap");
	ca.usable = ctl_opt(a, "--usable");
	ca.cost = ctl_opt(a, "--cost");
	return ctl_case_act(c, a->pos[0], CA_CAPA, &ca);
}

const struct ctl_cmd ctl_cmd_case_capa = {
	.name = "case capa", .args = "CASE", .minpos = 1, .maxpos = 1,
	.opts = {
		{ "--host", "BADGE", CTL_REQUIRED, "who held the review" },
		{ "--attendee", "BADGE", CTL_MANY, "who took part" },
		{ "--verdict", "return|exchange|claim|other", CTL_REQUIRED,
		    "the review's judgement" },
		{ "--analysis", "TEXT", CTL_REQUIRED, "cause analysis" },
		{ "--corrective", "TEXT", CTL_REQUIRED, "corrective action" },
		{ "--preventive", "TEXT", CTL_REQUIRED, "preventive action" },
		{ "--responsible",
		    "customer|sales|shipping|production|supplier|carrier",
		    CTL_REQUIRED, "whose fault it was" },
		{ "--disposal", "repair|scrap|other", CTL_REQUIRED,
		    "what becomes of the returned goods" },
		{ "--scrap", "N", 0, "units scrapped" },
		{ "--usable", "N", 0, "units usable; scrap + usable = units"
		    " returned" },
		{ "--cost", "YUAN", 0, "what the return cost" },
	},
	.help = "record QC's review (会审) with its corrective and preventive"
	    " action; needed before finance signs a failed or large batch",
	.pin = 1,
	.exec = ctl_case_capa,
};
