/*
 * Where the reports read: the station's own SQLite, or with [reports]
 * source = central the central PostgreSQL, every desk's records. Each
 * query is written for both engines (db/kpi.c, db/reports.c, db/warn.c);
 * here they are run and their rows handed on alike.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../db/db.h"
#include "central.h"
#include "config.h"
#include "report.h"

int
report_src_open(struct report_src *s, struct db *db,
    const struct st_config *cf)
{
	memset(s, 0, sizeof(*s));
	s->db = db;
	if (cf == NULL || !cf->reports_central)
		return 0;
	s->central = 1;
	/* a reload may name the source before [sync] url takes effect */
	s->pg = central_open(cf->sync_url, "stationd reports", s->why,
	    sizeof(s->why));
	return s->pg ? 0 : -1;
}

void
report_src_close(struct report_src *s)
{
	if (s->pg)
		PQfinish(s->pg);
	s->pg = NULL;
}

const char *
report_src_error(const struct report_src *s)
{
	return s->central ? s->why : db_error(s->db);
}

static PGresult *
run(struct report_src *s, const char *sql, int n, const char *const *v,
    const char *what)
{
	/* every parameter as text, cast where used: a query need not use
	 * them all */
	static const Oid text[16] = { 25, 25, 25, 25, 25, 25, 25, 25, 25, 25,
	    25, 25, 25, 25, 25, 25 };
	PGresult *r = PQexecParams(s->pg, sql, n, text, v, NULL, NULL, 0);

	if (PQresultStatus(r) != PGRES_TUPLES_OK) {
		central_why(s->pg, r, what, s->why, sizeof(s->why));
		PQclear(r);
		return NULL;
	}
	return r;
}

#define PERIOD(p) { (p)->from, (p)->to, (p)->first_day, (p)->last_day, \
	(p)->asof_day }

int
report_src_value(struct report_src *s, const struct db_kpi *k,
    const struct db_period *p, double *value, int64_t *base)
{
	const char *v[] = PERIOD(p);
	PGresult *r;

	if (!s->central)
		return db_kpi_value(s->db, k, p, value, base);
	*value = 0;
	*base = 0;
	if ((r = run(s, k->pg, 5, v, k->key)) == NULL)
		return -1;
	if (PQntuples(r) > 0) {
		*value = strtod(PQgetvalue(r, 0, 0), NULL);
		*base = strtoll(PQgetvalue(r, 0, 1), NULL, 10);
	}
	PQclear(r);
	return 0;
}

int
report_src_rows(struct report_src *s, const struct db_kpi *k, int misses,
    const struct db_period *p, int (*fn)(void *, const char *, int64_t),
    void *arg)
{
	const char *v[] = PERIOD(p);
	PGresult *r;
	int rc = 0;

	if (!s->central)
		return db_kpi_rows(s->db, misses ? k->misses : k->sql, p, fn,
		    arg);
	if ((r = run(s, misses ? k->pg_misses : k->pg, 5, v, k->key)) == NULL)
		return -1;
	for (int i = 0; i < PQntuples(r) && rc == 0; i++)
		rc = fn(arg, PQgetvalue(r, i, 0), strtoll(PQgetvalue(r, i, 1),
		    NULL, 10));
	PQclear(r);
	return rc;
}

int
report_daily(struct report_src *s, const struct db_period *p, int limit,
    int (*fn)(void *, const struct db_row *), void *arg)
{
	char lim[16];
	const char *v[] = { p->from, p->to, p->first_day, lim };
	struct db_row row;
	PGresult *r;
	int rc = 0;

	if (!s->central)
		return db_report_daily(s->db, p->from, p->to, p->first_day,
		    limit, fn, arg);
	snprintf(lim, sizeof(lim), "%d", limit);
	if ((r = run(s, db_report_daily_pg, 4, v, "the daily table")) == NULL)
		return -1;
	row.n = PQnfields(r);
	if (row.n > (int)(sizeof(row.name) / sizeof(row.name[0])))
		row.n = (int)(sizeof(row.name) / sizeof(row.name[0]));
	for (int j = 0; j < row.n; j++)
		row.name[j] = PQfname(r, j);
	for (int i = 0; i < PQntuples(r) && rc == 0; i++) {
		for (int j = 0; j < row.n; j++)
			row.value[j] = PQgetisnull(r, i, j) ? NULL :
			    PQgetvalue(r, i, j);
		rc = fn(arg, &row);
	}
	PQclear(r);
	return rc;
}

static int
warn_rows(struct report_src *s, const char *sql, int n, const char **v,
    int (*fn)(void *, const struct db_warning *), void *arg)
{
	struct db_warning w;
	PGresult *r;
	int rc = 0;

	if ((r = run(s, sql, n, v, "early warning")) == NULL)
		return -1;
	for (int i = 0; i < PQntuples(r) && rc == 0; i++) {
		memset(&w, 0, sizeof(w));
		snprintf(w.model, sizeof(w.model), "%s", PQgetvalue(r, i, 0));
		snprintf(w.cause, sizeof(w.cause), "%s", PQgetvalue(r, i, 1));
		w.n = strtoll(PQgetvalue(r, i, 2), NULL, 10);
		w.baseline = strtod(PQgetvalue(r, i, 3), NULL);
		w.share = strtod(PQgetvalue(r, i, 4), NULL);
		w.base_share = strtod(PQgetvalue(r, i, 5), NULL);
		db_warn_cases(PQgetvalue(r, i, 6), w.cases, sizeof(w.cases));
		rc = fn(arg, &w);
	}
	PQclear(r);
	return rc;
}

int
report_src_warnings(struct report_src *s, const struct db_warn_period *p,
    int weeks, int min, int rise, int (*fn)(void *,
    const struct db_warning *), void *arg)
{
	char nw[16], nm[16], nr[16];
	const char *v[] = { p->first_day, p->last_day, p->base_first,
	    p->base_last, nw, nm, nr, p->from, p->to, p->base_from,
	    p->base_to };

	if (!s->central)
		return db_warnings(s->db, p, weeks, min, rise, fn, arg);
	snprintf(nw, sizeof(nw), "%d", weeks);
	snprintf(nm, sizeof(nm), "%d", min);
	snprintf(nr, sizeof(nr), "%d", rise);
	if (warn_rows(s, db_warn_units_pg, 7, v, fn, arg) != 0)
		return -1;
	return warn_rows(s, db_warn_causes_pg, 11, v, fn, arg);
}
