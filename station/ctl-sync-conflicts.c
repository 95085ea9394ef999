/* stationctl sync conflicts: the central review list, moves that arrived
 * at the central database and were not applied (a case moved by a desk
 * that does not hold it). Asked of the central database itself. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pqlib.h"

#include "../common/buf.h"
#include "../common/clock.h"
#include "config.h"
#include "ctl.h"
#include "station.h"

#define PAGE	50

static enum ctl_status
ctl_sync_conflicts(struct ctl_ctx *c, const struct ctl_args *a)
{
	const char *keys[] = { "dbname", "connect_timeout", "application_name",
	    NULL };
	const char *vals[] = { c->st->cf->sync_url, "5", "stationctl", NULL };
	const char *p[3];
	char skip[24], limit[24];
	PGconn *pg;
	PGresult *r;
	long n = a->val[1] ? strtol(a->val[1], NULL, 10) : 0;

	if (!c->st->cf->sync_url[0]) {
		buf_puts(c->err, "this station has no central database ([sync]"
		    " url) / 未配置中心数据库\n");
		return CTL_REFUSED;
	}
	if (n < 0 || n > 100000000) {
		buf_puts(c->err, "--skip is a number of conflicts\n");
		return CTL_USAGE;
	}
	pg = PQconnectdbParams(keys, vals, 1);
	if (PQstatus(pg) != CONNECTION_OK) {
		char line[300];

		snprintf(line, sizeof(line), "%s", PQerrorMessage(pg));
		line[strcspn(line, "\n")] = '\0';
		buf_printf(c->err, "cannot reach the central database / 无法连接"
		    "中心数据库: %s\n", line);
		PQfinish(pg);
		return CTL_FAILED;
	}
	snprintf(skip, sizeof(skip), "%ld", n);
	snprintf(limit, sizeof(limit), "%d", PAGE + 1);
	p[0] = a->val[0] ? "true" : "false";
	p[1] = limit;
	p[2] = skip;
	r = PQexecParams(pg, "SELECT id, to_char(noticed_at AT TIME ZONE 'UTC',"
	    " 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'), coalesce(case_no, ''), from_desk,"
	    " coalesce(owner_desk, ''), action, actor,"
	    " coalesce(central_state, ''), coalesce(arrived_state, ''), reason,"
	    " resolved_at IS NOT NULL FROM rs.conflict_list($1::boolean,"
	    " $2::integer, $3::integer)", 3, NULL, p, NULL, NULL, 0);
	if (PQresultStatus(r) != PGRES_TUPLES_OK) {
		char line[300];

		snprintf(line, sizeof(line), "%s", PQresultErrorMessage(r));
		line[strcspn(line, "\n")] = '\0';
		buf_printf(c->err, "the central database refused: %s\n", line);
		PQclear(r);
		PQfinish(pg);
		return CTL_FAILED;
	}
	if (PQntuples(r) == 0)
		buf_printf(c->out, "no %sconflicts / 无待审冲突\n",
		    a->val[0] ? "" : "open ");
	for (int i = 0; i < PQntuples(r) && i < PAGE; i++) {
		char when[48];

		clock_local(PQgetvalue(r, i, 1), 0, when, sizeof(when));
		buf_printf(c->out, "#%s %s case %s: %s by %s at %s; central: %s,"
		    " arrived: %s; held by %s: %s%s\n", PQgetvalue(r, i, 0),
		    when, PQgetvalue(r, i, 2), PQgetvalue(r, i, 5),
		    PQgetvalue(r, i, 6), PQgetvalue(r, i, 3),
		    PQgetvalue(r, i, 7), PQgetvalue(r, i, 8),
		    PQgetvalue(r, i, 4), PQgetvalue(r, i, 9),
		    PQgetvalue(r, i, 10)[0] == 't' ? " (resolved)" : "");
	}
	if (PQntuples(r) > PAGE)
		buf_printf(c->out, "more: stationctl sync conflicts --skip %ld\n",
		    n + PAGE);
	PQclear(r);
	PQfinish(pg);
	return CTL_OK;
}

const struct ctl_cmd ctl_cmd_sync_conflicts = {
	.name = "sync conflicts",
	.opts = {
		{ "--all", NULL, 0, "resolved ones too" },
		{ "--skip", "N", 0, "the page after the first N" },
	},
	.help = "the central review list: moves that arrived late or from a"
	    " desk that does not hold the case, not applied there",
	.worker = 1,
	.exec = ctl_sync_conflicts,
};
