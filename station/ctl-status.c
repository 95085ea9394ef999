/* stationctl status: what the station is doing. */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "../common/clock.h"
#include "../db/db.h"
#include "../common/buf.h"
#include "config.h"
#include "ctl.h"
#include "../common/loop.h"
#include "outbox.h"
#include "sources.h"
#include "schedule.h"
#include "station.h"

static const struct { const char *rule, *text; } texts[] = {
		{ "noreason7_register", "7-day return not registered the day it"
		    " arrived / 七天无理由未当天登记" },
		{ "noreason7_inspect", "7-day return not inspected in time"
		    " / 七天无理由未按时检验" },
		{ "repair_ship", "repair not shipped in time / 维修未按时发货" },
		{ "large_batch", "large batch: supervisors and QC alerted"
		    " / 大批量退货" },
		{ "callback", "shipped, customer not called back in time"
		    " / 发货后未按时回访" },
};

static const char *
rule_text(const char *rule)
{
	for (size_t i = 0; i < sizeof(texts) / sizeof(texts[0]); i++)
		if (!strcmp(texts[i].rule, rule))
			return texts[i].text;
	return rule;
}

static int
breach_line(void *arg, const struct db_breach *b)
{
	char due[40];

	clock_local(b->due_at, 0, due, sizeof(due));
	buf_printf(arg, "ALERT %s: %s%s%s\n", b->case_no, rule_text(b->rule),
	    b->due_at[0] ? ", due " : "", b->due_at[0] ? due : "");
	return 0;
}

/* Alerts are counted, with the newest few named: a year of them is no
 * status. */
static int
breach_count(void *arg, const char *rule, int n)
{
	buf_printf(arg, "alerts: %d %s\n", n, rule_text(rule));
	return 0;
}

static void
status_text(struct ctl_ctx *c)
{
	struct station *st = c->st;
	struct intake *in = &st->intake;
	uint64_t up = (clock_mono_ms() - st->started_ms) / 1000;

	buf_printf(c->out, "stationd %s, up %llud %02lluh%02llum%02llus\n",
	    STATION_VERSION, (unsigned long long)(up / 86400),
	    (unsigned long long)(up / 3600 % 24),
	    (unsigned long long)(up / 60 % 60), (unsigned long long)(up % 60));
	buf_printf(c->out, "config: %s\n", st->cf->path ? st->cf->path :
	    "(built-in defaults)");
	buf_printf(c->out, "database: %s (schema %d)\n", st->cf->database,
	    db_user_version(st->db));
	{
		time_t at;
		const char *t = db_trouble(st->db, &at);

		/* a locked, full or failing database is said, for a while */
		if (t && time(NULL) - at < 600)
			buf_printf(c->out, "database trouble: %s (%lld s ago)\n",
			    t, (long long)(time(NULL) - at));
	}
	intake_describe(in, c->out);
	buf_puts(c->out, "\n");
	buf_printf(c->out, "scans: %llu accepted, %llu rejected, last %s\n",
	    (unsigned long long)in->scans_ok,
	    (unsigned long long)in->scans_rejected,
	    in->last_scan_at[0] ? in->last_scan_at : "never");
	sources_status(st->sources, c->out);
	outbox_status(st->outbox, c->out);
	schedule_status(st, c->out);
	if (st->warnings)
		buf_puts(c->out, st->warnings);
	if (db_breach_counts(st->db, breach_count, c->out) == -1 ||
	    db_breach_recent(st->db, 5, breach_line, c->out) == -1)
		buf_printf(c->err, "%s\n", db_error(st->db));
}

/* The label queue has been looked at: the whole status now. */
static void
status_fresh(void *arg)
{
	struct ctl_req *r = arg;

	status_text(ctl_req_ctx(r));
	ctl_complete(r, CTL_OK);
}

static enum ctl_status
ctl_status(struct ctl_ctx *c, const struct ctl_args *a)
{
	(void)a;
	if (c->req && outbox_refresh(c->st->outbox, status_fresh, c->req) == 0)
		return CTL_DEFER;
	status_text(c);
	return CTL_OK;
}

const struct ctl_cmd ctl_cmd_status = {
	.name = "status",
	.help = "desk state, operator, open case, scan counts, scanners,"
	    " outbox, printer and alerts",
	.exec = ctl_status,
};
