/*
 * stationctl restore FILE [-c CONFIG]: declared here for help and the man
 * page; stationctl runs it itself (stationd --restore), since a restore
 * wants stationd stopped. Asked of a running stationd, it says so.
 */
#include "../common/buf.h"
#include "ctl.h"

static enum ctl_status
ctl_restore(struct ctl_ctx *c, const struct ctl_args *a)
{
	(void)a;
	buf_puts(c->err, "stationd is running: stop it, then stationctl"
	    " restore FILE / 请先停止 stationd\n");
	return CTL_REFUSED;
}

const struct ctl_cmd ctl_cmd_restore = {
	.name = "restore", .args = "FILE", .minpos = 1, .maxpos = 1,
	.opts = {
		{ "-c", "CONFIG", 0, "the station's config (default"
		    " /etc/station/station.conf)" },
	},
	.help = "with stationd stopped: put a backup in place of the database,"
	    " checked (integrity, audit chain); the one replaced is kept as"
	    " *.before-restore",
	.exec = ctl_restore,
};
