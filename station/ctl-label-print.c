/* stationctl label print CASE-OR-WAYBILL [--template area|case]: a case's
 * label through the outbox, as printed at registration (the area label) or
 * the case label for the box it travels in. */
#include <string.h>

#include "../common/buf.h"
#include "ctl.h"
#include "labelq.h"
#include "outbox.h"
#include "station.h"

enum ctl_status
ctl_label_queue(struct ctl_ctx *c, const struct ctl_args *a)
{
	const char *t = ctl_opt(a, "--template");
	struct buf reply;
	enum st_result r;
	enum ctl_status rc;

	if (t == NULL)
		t = "area";
	if (strcmp(t, "area") && strcmp(t, "case")) {
		buf_puts(c->err, "--template is area or case\n");
		return CTL_USAGE;
	}
	buf_init(&reply);
	r = labelq_reprint(c->db, c->st->cf, a->pos[0], t, c->operator ?
	    c->operator : "stationctl", &reply);
	rc = ctl_reply(c, r, &reply);
	if (r == ST_OK)
		outbox_kick(c->st->outbox);
	buf_free(&reply);
	return rc;
}

const struct ctl_cmd ctl_cmd_label_print = {
	.name = "label print", .args = "CASE-OR-WAYBILL", .minpos = 1,
	.maxpos = 1,
	.opts = {
		{ "--template", "area|case", 0, "which label (area by default)" },
	},
	.help = "print a case's area label, or its case label for the box",
	.exec = ctl_label_queue,
};
