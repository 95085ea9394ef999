/* stationctl scan TEXT...: each text as if scanned at the desk, in order. */
#include <string.h>

#include "buf.h"
#include "ctl.h"
#include "outbox.h"
#include "station.h"

static int
ctl_scan(struct ctl_ctx *c, int argc, char **argv)
{
	if (argc == 0)
		return ctl_usage(c, &ctl_cmd_scan);
	for (int i = 0; i < argc; i++) {
		struct buf reply;
		int64_t event;
		enum intake_result r;

		buf_init(&reply);
		r = intake_scan(&c->st->intake, argv[i], strlen(argv[i]), &reply,
		    &event);
		if (r != INTAKE_OK) {
			buf_printf(c->err, "rejected / 已拒绝: %s\n",
			    reply.data ? reply.data : "");
			buf_free(&reply);
			return r == INTAKE_REJECT ? 1 : 3;
		}
		if (event)
			buf_printf(c->out, "%s  (event %lld)\n", reply.data,
			    (long long)event);
		else
			buf_printf(c->out, "%s\n", reply.data);
		buf_free(&reply);
	}
	return 0;
}

const struct ctl_cmd ctl_cmd_scan = {
	"scan", "TEXT...", "handle each TEXT as a scan at the desk", ctl_scan
};
