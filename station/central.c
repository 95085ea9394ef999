/* Readers' connections to the central database (see central.h). */
#include <stdio.h>
#include <string.h>

#include "central.h"

/* the first line of a server's message */
static void
first_line(const char *what, const char *msg, char *why, size_t len)
{
	size_t n;

	snprintf(why, len, "%s: %s", what, msg && *msg ? msg :
	    "no answer");
	n = strcspn(why, "\n");
	why[n] = '\0';
}

PGconn *
central_open(const char *url, const char *app, char *why, size_t len)
{
	const char *keys[] = { "dbname", "connect_timeout", "application_name",
	    "options", "keepalives", "keepalives_idle", NULL };
	const char *vals[] = { url, "10", app, "-c search_path=rs,pg_catalog"
	    " -c statement_timeout=300s -c TimeZone=UTC"
	    " -c client_min_messages=warning", "1", "30", NULL };
	PGconn *pg;

	if (url == NULL || url[0] == '\0') {
		snprintf(why, len, "this station has no central database"
		    " ([sync] url) / 未配置中心数据库");
		return NULL;
	}
	pg = PQconnectdbParams(keys, vals, 1);
	if (PQstatus(pg) != CONNECTION_OK) {
		first_line("cannot reach the central database / 无法连接中心"
		    "数据库", PQerrorMessage(pg), why, len);
		PQfinish(pg);
		return NULL;
	}
	return pg;
}

void
central_why(PGconn *pg, PGresult *r, const char *what, char *why,
    size_t len)
{
	const char *m = r ? PQresultErrorMessage(r) : NULL;

	if (m == NULL || *m == '\0')
		m = PQerrorMessage(pg);
	first_line(what, m, why, len);
}
