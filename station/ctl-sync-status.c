/* stationctl sync status: how far the central database has this station's
 * events, and why not further. */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "pqlib.h"

#include "../common/buf.h"
#include "../common/clock.h"
#include "../db/db.h"
#include "config.h"
#include "ctl.h"
#include "station.h"
#include "upload.h"

/* The central database named without its password. */
static void
central_name(struct buf *out, const char *url)
{
	PQconninfoOption *o = PQconninfoParse(url, NULL);
	const char *host = "", *port = "", *db = "", *user = "";

	if (o == NULL) {
		buf_puts(out, "?");
		return;
	}
	for (PQconninfoOption *p = o; p->keyword; p++) {
		if (p->val == NULL)
			continue;
		if (!strcmp(p->keyword, "host"))
			host = p->val;
		else if (!strcmp(p->keyword, "port"))
			port = p->val;
		else if (!strcmp(p->keyword, "dbname"))
			db = p->val;
		else if (!strcmp(p->keyword, "user"))
			user = p->val;
	}
	buf_printf(out, "%s%s%s%s%s/%s", user, *user ? "@" : "",
	    *host ? host : "(local socket)", *port ? ":" : "", port, db);
	PQconninfoFree(o);
}

static void
when(struct buf *out, time_t t)
{
	char iso[32], local[48];

	clock_iso(t, iso, sizeof(iso));
	clock_local(iso, 0, local, sizeof(local));
	buf_puts(out, local);
}

static enum ctl_status
ctl_sync_status(struct ctl_ctx *c, const struct ctl_args *a)
{
	struct db_sync_state s;
	struct upload_status u;
	struct buf *o = c->out;
	int64_t sent, old;
	char sent_at[32];

	(void)a;
	if (db_sync_state(c->db, &s) == -1) {
		buf_printf(c->err, "%s\n", db_error(c->db));
		return CTL_FAILED;
	}
	if (upload_mark_read(c->st->cf->database, &sent, sent_at) == -1) {
		buf_printf(c->err, "%s-sync: unreadable\n", c->st->cf->database);
		return CTL_FAILED;
	}
	buf_printf(o, "station: %s (%s)\n", s.station, c->st->cf->desk);
	if (!c->st->cf->sync_url[0]) {
		buf_printf(o, "central: none ([sync] url is not set): this"
		    " station works alone / 未配置中心数据库\n");
		buf_printf(o, "events: %" PRId64 " written\n", s.head);
		return CTL_OK;
	}
	if (c->st->upload == NULL) {
		buf_printf(c->err, "the upload did not start: see the station's"
		    " log\n");
		return CTL_FAILED;
	}
	upload_status(c->st->upload, &u);
	buf_puts(o, "central: ");
	central_name(o, c->st->cf->sync_url);
	buf_printf(o, " (%s)\n", u.connected ? "connected / 已连接" :
	    "not connected / 未连接");
	buf_printf(o, "pending: %" PRId64 " events waiting / 待上传\n",
	    s.head - sent);
	buf_printf(o, "events: %" PRId64 " written, %" PRId64 " uploaded\n",
	    s.head, sent);
	if (db_sync_baseline_left(c->db, &old) == 0 && old > 0)
		buf_printf(o, "earlier records: about %" PRId64 " still to put"
		    " in events / 旧记录待发送\n", old);
	buf_puts(o, "last success: ");
	if (sent_at[0]) {
		char local[48];

		clock_local(sent_at, 0, local, sizeof(local));
		buf_puts(o, local);
	} else
		buf_puts(o, "never / 从未");
	buf_puts(o, "\n");
	buf_puts(o, "pulled: ");
	if (u.pull_head >= 0)
		buf_printf(o, "central change %" PRId64 " of %" PRId64
		    " (operators, catalogue, causes, expected returns) / 已同步",
		    u.pulled, u.pull_head);
	else
		buf_puts(o, "not yet / 尚未");
	buf_puts(o, "\n");
	if (u.error_at) {
		buf_puts(o, "last error: ");
		when(o, u.error_at);
		buf_printf(o, ": %s\n", u.error);
	} else
		buf_puts(o, "last error: none / 无\n");
	return CTL_OK;
}

const struct ctl_cmd ctl_cmd_sync_status = {
	.name = "sync status",
	.help = "what the central database has of this station's events:"
	    " pending events, the last success, the last error in words",
	.exec = ctl_sync_status,
};
