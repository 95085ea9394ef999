/* stationctl scan TEXT...: each text as if scanned at the desk, in order. */
#include <string.h>

#include "../common/buf.h"
#include "ctl.h"
#include "station.h"

static enum ctl_status
ctl_scan(struct ctl_ctx *c, const struct ctl_args *a)
{
	for (int i = 0; i < a->npos; i++) {
		struct buf reply;
		int64_t event;
		enum st_result r;

		buf_init(&reply);
		r = intake_scan_as(&c->st->intake, c->operator, a->pos[i],
		    strlen(a->pos[i]), &reply, &event);
		if (r != ST_OK) {
			buf_printf(c->err, "rejected / 已拒绝: %s\n",
			    reply.data ? reply.data : "");
			buf_free(&reply);
			return ctl_status_of(r);
		}
		if (event)
			buf_printf(c->out, "%s  (event %lld)\n", reply.data,
			    (long long)event);
		else
			buf_printf(c->out, "%s\n", reply.data);
		buf_free(&reply);
	}
	return CTL_OK;
}

const struct ctl_cmd ctl_cmd_scan = {
	.name = "scan", .args = "TEXT...", .minpos = 1, .maxpos = 1 << 16,
	.raw = 1,
	.help = "handle each TEXT as a scan at the desk; stops at the first"
	    " refused. With --operator it acts only for that badge, signed in"
	    " at the desk",
	.exec = ctl_scan,
};
