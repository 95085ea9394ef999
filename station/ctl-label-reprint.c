/* stationctl label reprint CASE-OR-WAYBILL: the area label again. */
#include "../common/buf.h"
#include "ctl.h"
#include "labelq.h"
#include "outbox.h"
#include "station.h"

static enum ctl_status
ctl_label_reprint(struct ctl_ctx *c, const struct ctl_args *a)
{
	struct buf reply;
	enum st_result r;
	enum ctl_status rc;

	buf_init(&reply);
	r = labelq_reprint(c->db, c->st->cf, a->pos[0], "area", c->operator ?
	    c->operator : "stationctl", &reply);
	rc = ctl_reply(c, r, &reply);
	if (r == ST_OK)
		outbox_kick(c->st->outbox);
	buf_free(&reply);
	return rc;
}

const struct ctl_cmd ctl_cmd_label_reprint = {
	.name = "label reprint", .args = "CASE-OR-WAYBILL", .minpos = 1,
	.maxpos = 1,
	.help = "queue a case's area label again",
	.exec = ctl_label_reprint,
};
