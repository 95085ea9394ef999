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
#include <stdlib.h>
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

/* The same for the central database ($1..$11, as text). */
#define PG_UNITS(from, to) "SELECT i.model, sum(i.quantity) AS n," \
    " string_agg(DISTINCT c.case_no, ',') AS cases FROM cases c" \
    " JOIN items i ON i.case_id = c.id AND i.draft = 0" \
    " WHERE c.received_date BETWEEN " from "::date AND " to "::date" \
    " AND c.state NOT IN ('draft', 'cancelled') GROUP BY i.model"
#define PG_BASE(n) "coalesce(" n "::float8 / $5::integer, 0)"

const char db_warn_units_pg[] = "SELECT w.model, NULL, w.n,"
    " b.n::float8 / $5::integer, 0, 0, w.cases"
    " FROM (" PG_UNITS("$1", "$2") ") w"
    " LEFT JOIN (" PG_UNITS("$3", "$4") ") b ON b.model = w.model"
    " WHERE w.n >= $6::integer AND w.n > " PG_BASE("b.n")
    " * (100 + $7::integer) / 100.0::float8"
    " ORDER BY w.n - " PG_BASE("b.n") " DESC, w.model COLLATE \"C\""
    " LIMIT 50";

#define PG_CAUSES(from, to) "SELECT i.model, r.cause," \
    " count(DISTINCT r.id) AS n, string_agg(DISTINCT c.case_no, ',')" \
    " AS cases FROM repairs r JOIN cases c ON c.id = r.case_id" \
    " JOIN items i ON i.case_id = r.case_id AND i.draft = 0" \
    " WHERE r.at >= " from "::timestamptz AND r.at < " to "::timestamptz" \
    " GROUP BY i.model, r.cause"
#define PG_SHARE(n, t) "coalesce(" n "::float8 / " t "::float8, 0)"

const char db_warn_causes_pg[] = "WITH w AS (" PG_CAUSES("$8", "$9") "),"
    " b AS (" PG_CAUSES("$10", "$11") "),"
    " wt AS (SELECT model, sum(n) AS t FROM w GROUP BY model),"
    " bt AS (SELECT model, sum(n) AS t FROM b GROUP BY model)"
    " SELECT w.model, w.cause || ' ' ||"
    " coalesce((SELECT name FROM fault_causes WHERE code = w.cause), ''),"
    " w.n, coalesce(b.n, 0)::float8 / $5::integer,"
    " " PG_SHARE("w.n", "wt.t") ", " PG_SHARE("b.n", "bt.t") ", w.cases"
    " FROM w JOIN wt ON wt.model = w.model"
    " LEFT JOIN b ON b.model = w.model AND b.cause = w.cause"
    " LEFT JOIN bt ON bt.model = w.model"
    " WHERE w.n >= $6::integer AND " PG_SHARE("w.n", "wt.t") " > "
    PG_SHARE("b.n", "bt.t") " * (100 + $7::integer) / 100.0::float8"
    " ORDER BY " PG_SHARE("w.n", "wt.t") " - " PG_SHARE("b.n", "bt.t")
    " DESC, w.model COLLATE \"C\" LIMIT 50";

/* Compares two strings for qsort. */
static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

void
db_warn_cases(const char *list, char *out, size_t len)
{
	char *copy, **v = NULL, *p, *save = NULL;
	size_t n = 0, cap = 0, used = 0;

	out[0] = '\0';
	if (list == NULL || (copy = strdup(list)) == NULL)
		return;
	for (p = strtok_r(copy, ",", &save); p; p = strtok_r(NULL, ",", &save)) {
		if (n == cap) {
			char **w = realloc(v, (cap = cap ? cap * 2 : 16) *
			    sizeof(*v));

			if (w == NULL)
				break;
			v = w;
		}
		v[n++] = p;
	}
	qsort(v, n, sizeof(*v), cmp_str);
	/* whole case numbers only, as many as fit */
	for (size_t i = 0; i < n; i++) {
		size_t l = strlen(v[i]);

		if (used + (used > 0) + l + 1 > len)
			break;
		used += (size_t)snprintf(out + used, len - used, "%s%s",
		    used ? "," : "", v[i]);
	}
	free(v);
	free(copy);
}

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
	db_warn_cases((const char *)sqlite3_column_text(s, 6), w.cases,
	    sizeof(w.cases));
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
