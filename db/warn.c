/*
 * Early warning: a model whose returns in a week rose above its own
 * baseline (its weekly mean over the weeks before), and a fault cause whose
 * share of a model's repairs rose above its share in the baseline. A
 * least count keeps one parcel from being a trend.
 *
 * ?1..?2 the week (local days), ?3..?4 the baseline's days, ?5 the weeks
 * in it, ?6 the least count, ?7 the rise in per cent; repairs by UTC time:
 * ?8..?9 the week, ?10..?11 the baseline.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <string.h>

#include "db-int.h"

#define UNITS(from, to) "SELECT i.model, sum(i.quantity) AS n," \
    " group_concat(DISTINCT c.case_no) AS cases FROM cases c" \
    " JOIN items i ON i.case_id = c.id AND i.draft = 0" \
    " WHERE c.received_date BETWEEN " from " AND " to \
    " AND c.state NOT IN ('draft', 'cancelled') GROUP BY i.model"

const char db_warn_units_sql[] = "SELECT w.model, NULL, w.n, b.n * 1.0 / ?5,"
    " 0, 0, w.cases FROM (" UNITS("?1", "?2") ") w"
    " LEFT JOIN (" UNITS("?3", "?4") ") b ON b.model = w.model"
    " WHERE w.n >= ?6 AND w.n > coalesce(b.n * 1.0 / ?5, 0) * (100 + ?7)"
    " / 100.0 ORDER BY w.n - coalesce(b.n * 1.0 / ?5, 0) DESC, w.model"
    " LIMIT 50";

/* a repair's cause counts once for each model of its case; each part is
 * read once (a CTE used twice is materialised) */
#define CAUSES(from, to) "SELECT i.model, r.cause," \
    " count(DISTINCT r.id) AS n, group_concat(DISTINCT c.case_no) AS cases" \
    " FROM repairs r JOIN cases c ON c.id = r.case_id" \
    " JOIN items i ON i.case_id = r.case_id AND i.draft = 0" \
    " WHERE r.at >= " from " AND r.at < " to " GROUP BY i.model, r.cause"

const char db_warn_causes_sql[] = "WITH w AS (" CAUSES("?8", "?9") "),"
    " b AS (" CAUSES("?10", "?11") "),"
    " wt AS (SELECT model, sum(n) AS t FROM w GROUP BY model),"
    " bt AS (SELECT model, sum(n) AS t FROM b GROUP BY model)"
    " SELECT w.model, w.cause || ' ' ||"
    " coalesce((SELECT name FROM fault_causes WHERE code = w.cause), ''),"
    " w.n, coalesce(b.n, 0) * 1.0 / ?5, w.n * 1.0 / wt.t,"
    " coalesce(b.n * 1.0 / bt.t, 0), w.cases"
    " FROM w JOIN wt ON wt.model = w.model"
    " LEFT JOIN b ON b.model = w.model AND b.cause = w.cause"
    " LEFT JOIN bt ON bt.model = w.model"
    " WHERE w.n >= ?6 AND w.n * 1.0 / wt.t > coalesce(b.n * 1.0 / bt.t, 0)"
    " * (100 + ?7) / 100.0 ORDER BY w.n * 1.0 / wt.t"
    " - coalesce(b.n * 1.0 / bt.t, 0) DESC, w.model LIMIT 50";

struct warn_cb {
	int	(*fn)(void *, const struct db_warning *);
	void	*arg;
};

static int
warn_row(sqlite3_stmt *s, void *ctx)
{
	struct warn_cb *cb = ctx;
	struct db_warning w;

	memset(&w, 0, sizeof(w));
	db_text(s, 0, w.model, sizeof(w.model));
	db_text(s, 1, w.cause, sizeof(w.cause));
	w.n = sqlite3_column_int64(s, 2);
	w.baseline = sqlite3_column_double(s, 3);
	w.share = sqlite3_column_double(s, 4);
	w.base_share = sqlite3_column_double(s, 5);
	db_text(s, 6, w.cases, sizeof(w.cases));
	return cb->fn(cb->arg, &w);
}

int
db_warnings(struct db *db, const struct db_warn_period *p, int weeks,
    int min, int rise, int (*fn)(void *, const struct db_warning *),
    void *arg)
{
	struct warn_cb cb = { fn, arg };

	if (db_each(db, db_prep(db, db_warn_units_sql, "TTTTiii", p->first_day,
	    p->last_day, p->base_first, p->base_last, weeks, min, rise),
	    "early warning", warn_row, &cb) == -1)
		return -1;
	return db_each(db, db_prep(db, db_warn_causes_sql, "TTTTiiiTTTT", p->first_day,
	    p->last_day, p->base_first, p->base_last, weeks, min, rise, p->from,
	    p->to, p->base_from, p->base_to), "early warning", warn_row, &cb);
}
