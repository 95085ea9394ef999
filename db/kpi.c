/*
 * The figures of the weekly and monthly reports, each defined once: its
 * name, what it means, and the SQL that counts it. A period is given as
 * ?1..?2, UTC times [from, to), and ?3..?4, the same local days inclusive
 * (cases are counted by the local day they arrived); ?5 is the day
 * figures "as of now" are taken on. The README lists
 * these definitions; `stationctl report kpi --definitions` prints them.
 *
 * Each figure is written twice: for the station's SQLite and for the
 * central PostgreSQL ([reports] source = central; the same parameters as
 * $1..$5, tables under the schema rs). Both give the same answers: ties
 * go by the label's bytes, means are a sum of whole units over a count,
 * lists of cases go by arrival (tests/integration/test_sync.sh compares
 * every figure of both).
 *
 * Shapes: a count is one number; a rate is n of base; a mean is a value
 * over base items; a top list is (label, n) rows, largest first; a series
 * is (label, n) rows in their own order (days), none left out.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <string.h>

#include "db-int.h"

/* cases that arrived in the period (drafts and cancellations are not) */
#define INTAKE "SELECT * FROM cases WHERE received_date BETWEEN ?3 AND ?4" \
    " AND state NOT IN ('draft', 'cancelled')"
#define INTAKE_ITEMS "SELECT i.* FROM items i JOIN (" INTAKE ") c" \
    " ON c.id = i.case_id WHERE i.draft = 0"
#define PG_INTAKE "SELECT * FROM cases WHERE received_date BETWEEN" \
    " $3::date AND $4::date AND state NOT IN ('draft', 'cancelled')"
#define PG_INTAKE_ITEMS "SELECT i.* FROM items i JOIN (" PG_INTAKE ") c" \
    " ON c.id = i.case_id WHERE i.draft = 0"
#define PG_PERIOD(t) t " >= $1::timestamptz AND " t " < $2::timestamptz"
/* a top list's (label, n) rows, most first, ties by the label's bytes */
#define PG_TOP(q) "SELECT label, n FROM (" q ") t ORDER BY n DESC," \
    " label COLLATE \"C\""

/* labels both engines write alike */
#define KIND_LABEL "CASE kind WHEN 'repair' THEN '维修 repair'" \
    " WHEN 'return' THEN '退货 return' WHEN 'exchange' THEN" \
    " '换货 exchange' WHEN 'noreason7' THEN '7天无理由 7-day return'" \
    " ELSE '-' END"
#define CAUSE_LABEL "CASE WHEN r.cause = 'OTHER' AND r.note != ''" \
    " THEN r.note ELSE r.cause || ' ' || coalesce(f.name, '') END"
#define AGE_LABEL "CASE WHEN d <= 2 THEN '0-2 d' WHEN d <= 7 THEN" \
    " '3-7 d' WHEN d <= 30 THEN '8-30 d' ELSE '> 30 d' END"
#define OPEN_NOT "('draft', 'closed', 'cancelled', 'returned_to_customer')"

const struct db_kpi db_kpis[] = {
	{ "intake_cases", "收货案件", "Cases received", DB_KPI_COUNT,
	    "parcels received in the period (by local day of arrival)",
	    "SELECT count(*), 0 FROM (" INTAKE ")", NULL,
	    "SELECT count(*), 0 FROM (" PG_INTAKE ") c", NULL },
	{ "intake_units", "收货数量", "Units received", DB_KPI_COUNT,
	    "the units in them",
	    "SELECT coalesce(sum(quantity), 0), 0 FROM (" INTAKE_ITEMS ")",
	    NULL,
	    "SELECT coalesce(sum(quantity), 0), 0 FROM (" PG_INTAKE_ITEMS
	    ") i", NULL },
	{ "by_kind", "按类型", "Cases by kind", DB_KPI_TOP,
	    "the period's cases by kind: repair, return, exchange, 7-day"
	    " return",
	    "SELECT " KIND_LABEL ", count(*) FROM (" INTAKE ") GROUP BY 1"
	    " ORDER BY 2 DESC, 1", NULL,
	    PG_TOP("SELECT " KIND_LABEL " AS label, count(*) AS n FROM ("
	    PG_INTAKE ") c GROUP BY 1"), NULL },
	{ "intake_by_day", "每日收货", "Cases by day", DB_KPI_SERIES,
	    "cases received on each day of the period (to today), days without"
	    " any too",
	    "WITH RECURSIVE d(day) AS (SELECT ?3 UNION ALL"
	    " SELECT date(day, '+1 day') FROM d WHERE day < ?5)"
	    " SELECT day, (SELECT count(*) FROM cases WHERE received_date ="
	    " d.day AND state NOT IN ('draft', 'cancelled')) FROM d", NULL,
	    "SELECT to_char(d, 'YYYY-MM-DD'), (SELECT count(*) FROM cases"
	    " WHERE received_date = d::date AND state NOT IN ('draft',"
	    " 'cancelled')) FROM generate_series($3::date, greatest($3::date,"
	    " $5::date), interval '1 day') d ORDER BY d", NULL },
	{ "repair_share", "维修占比", "Repairs", DB_KPI_RATE,
	    "repair cases of the period's cases",
	    "SELECT coalesce(sum(kind = 'repair'), 0), count(*) FROM ("
	    INTAKE ")", NULL,
	    "SELECT count(*) FILTER (WHERE kind = 'repair'), count(*) FROM ("
	    PG_INTAKE ") c", NULL },
	{ "return_share", "退货占比", "Returns", DB_KPI_RATE,
	    "return and 7-day no-reason return cases of the period's cases",
	    "SELECT coalesce(sum(kind IN ('return', 'noreason7')), 0),"
	    " count(*) FROM (" INTAKE ")", NULL,
	    "SELECT count(*) FILTER (WHERE kind IN ('return', 'noreason7')),"
	    " count(*) FROM (" PG_INTAKE ") c", NULL },
	{ "top_complaints", "客诉原因", "Complaint reasons", DB_KPI_TOP,
	    "the customers' complaints of the period's cases, most first,"
	    " with their cumulative (Pareto) share",
	    "SELECT complaint, count(*) FROM (" INTAKE ") WHERE complaint"
	    " IS NOT NULL AND complaint != '' GROUP BY 1 ORDER BY 2 DESC, 1",
	    NULL,
	    PG_TOP("SELECT complaint AS label, count(*) AS n FROM (" PG_INTAKE
	    ") c WHERE complaint IS NOT NULL AND complaint != '' GROUP BY 1"),
	    NULL },
	{ "top_causes", "实际检测原因", "Detected causes", DB_KPI_TOP,
	    "the fault causes technicians found in the period's repairs, most"
	    " first, with their Pareto share (a cause noted in words, as the"
	    " hand-kept table has them, counts by its words)",
	    "SELECT " CAUSE_LABEL " AS label,"
	    " count(*) FROM repairs r LEFT JOIN fault_causes f"
	    " ON f.code = r.cause WHERE r.at >= ?1 AND r.at < ?2"
	    " GROUP BY label ORDER BY 2 DESC, 1", NULL,
	    PG_TOP("SELECT " CAUSE_LABEL " AS label, count(*) AS n FROM"
	    " repairs r LEFT JOIN fault_causes f ON f.code = r.cause WHERE "
	    PG_PERIOD("r.at") " GROUP BY 1"), NULL },
	{ "by_model", "按型号", "Units by model", DB_KPI_TOP,
	    "units received by model",
	    "SELECT model, sum(quantity) FROM (" INTAKE_ITEMS ")"
	    " GROUP BY model ORDER BY 2 DESC, 1", NULL,
	    PG_TOP("SELECT model AS label, sum(quantity) AS n FROM ("
	    PG_INTAKE_ITEMS ") i GROUP BY 1"), NULL },
	{ "by_customer", "按客户", "Cases by customer", DB_KPI_TOP,
	    "cases received by customer (where known)",
	    "SELECT customer, count(*) FROM (" INTAKE ") WHERE customer"
	    " IS NOT NULL AND customer != '' GROUP BY 1 ORDER BY 2 DESC, 1",
	    NULL,
	    PG_TOP("SELECT customer AS label, count(*) AS n FROM (" PG_INTAKE
	    ") c WHERE customer IS NOT NULL AND customer != '' GROUP BY 1"),
	    NULL },
	{ "responsibility", "责任", "Responsibility", DB_KPI_TOP,
	    "whose fault the QC reviews of the period found",
	    "SELECT responsible, count(*) FROM reviews WHERE at >= ?1"
	    " AND at < ?2 GROUP BY 1 ORDER BY 2 DESC, 1", NULL,
	    PG_TOP("SELECT responsible AS label, count(*) AS n FROM reviews"
	    " WHERE " PG_PERIOD("at") " GROUP BY 1"), NULL },
	{ "noreason7_ontime", "七天无理由24小时内检验", "7-day returns"
	    " inspected in time", DB_KPI_RATE,
	    "7-day returns of the period not charged with a late inspection",
	    "SELECT count(*) - count(b.id), count(*) FROM (" INTAKE ") c"
	    " LEFT JOIN breaches b ON b.case_id = c.id"
	    " AND b.rule = 'noreason7_inspect' WHERE c.kind = 'noreason7'",
	    "SELECT c.case_no, 0 FROM (" INTAKE ") c JOIN breaches b"
	    " ON b.case_id = c.id AND b.rule = 'noreason7_inspect'"
	    " ORDER BY c.received_at, c.case_no",
	    "SELECT count(*) - count(b.id), count(*) FROM (" PG_INTAKE ") c"
	    " LEFT JOIN breaches b ON b.case_id = c.id"
	    " AND b.rule = 'noreason7_inspect' WHERE c.kind = 'noreason7'",
	    "SELECT c.case_no, 0 FROM (" PG_INTAKE ") c JOIN breaches b"
	    " ON b.case_id = c.id AND b.rule = 'noreason7_inspect'"
	    " ORDER BY c.received_at, c.case_no COLLATE \"C\"" },
	{ "repair_ontime", "维修2天内发货", "Repairs shipped in time",
	    DB_KPI_RATE,
	    "repairs of the period not charged with a late shipment (potted"
	    " and special products are exempt and count as in time)",
	    "SELECT count(*) - count(b.id), count(*) FROM (" INTAKE ") c"
	    " LEFT JOIN breaches b ON b.case_id = c.id"
	    " AND b.rule = 'repair_ship' WHERE c.kind = 'repair'",
	    "SELECT c.case_no, 0 FROM (" INTAKE ") c JOIN breaches b"
	    " ON b.case_id = c.id AND b.rule = 'repair_ship'"
	    " ORDER BY c.received_at, c.case_no",
	    "SELECT count(*) - count(b.id), count(*) FROM (" PG_INTAKE ") c"
	    " LEFT JOIN breaches b ON b.case_id = c.id"
	    " AND b.rule = 'repair_ship' WHERE c.kind = 'repair'",
	    "SELECT c.case_no, 0 FROM (" PG_INTAKE ") c JOIN breaches b"
	    " ON b.case_id = c.id AND b.rule = 'repair_ship'"
	    " ORDER BY c.received_at, c.case_no COLLATE \"C\"" },
	{ "callback_ontime", "按时回访", "Call backs in time", DB_KPI_RATE,
	    "cases shipped in the period not charged with a late call back",
	    "SELECT count(*) - count(b.id), count(*) FROM (SELECT DISTINCT"
	    " case_id FROM shipments WHERE at >= ?1 AND at < ?2) s"
	    " LEFT JOIN breaches b ON b.case_id = s.case_id"
	    " AND b.rule = 'callback'",
	    "SELECT c.case_no, 0 FROM (SELECT DISTINCT case_id FROM shipments"
	    " WHERE at >= ?1 AND at < ?2) s JOIN breaches b"
	    " ON b.case_id = s.case_id AND b.rule = 'callback'"
	    " JOIN cases c ON c.id = s.case_id"
	    " ORDER BY c.received_at, c.case_no",
	    "SELECT count(*) - count(b.id), count(*) FROM (SELECT DISTINCT"
	    " case_id FROM shipments WHERE " PG_PERIOD("at") ") s"
	    " LEFT JOIN breaches b ON b.case_id = s.case_id"
	    " AND b.rule = 'callback'",
	    "SELECT c.case_no, 0 FROM (SELECT DISTINCT case_id FROM shipments"
	    " WHERE " PG_PERIOD("at") ") s JOIN breaches b"
	    " ON b.case_id = s.case_id AND b.rule = 'callback'"
	    " JOIN cases c ON c.id = s.case_id"
	    " ORDER BY c.received_at, c.case_no COLLATE \"C\"" },
	{ "large_batches", "大批量退货", "Large batches", DB_KPI_COUNT,
	    "cases of the period with more units than [rules] large_batch",
	    "SELECT count(*), 0 FROM (" INTAKE ") c JOIN breaches b"
	    " ON b.case_id = c.id AND b.rule = 'large_batch'", NULL,
	    "SELECT count(*), 0 FROM (" PG_INTAKE ") c JOIN breaches b"
	    " ON b.case_id = c.id AND b.rule = 'large_batch'", NULL },
	{ "sample_reached", "抽检达10%", "Batch samples of 10 %",
	    DB_KPI_RATE,
	    "inspections of the period of more than one unit whose sample was"
	    " at least 10 % of the units",
	    "SELECT coalesce(sum(sample_size * 10 >= returned_qty), 0),"
	    " count(*) FROM inspections WHERE at >= ?1 AND at < ?2"
	    " AND returned_qty > 1", NULL,
	    "SELECT count(*) FILTER (WHERE sample_size * 10 >= returned_qty),"
	    " count(*) FROM inspections WHERE " PG_PERIOD("at")
	    " AND returned_qty > 1", NULL },
	{ "qc_fail_rate", "检验不合格率", "Inspections failed", DB_KPI_RATE,
	    "inspections of the period that failed",
	    "SELECT coalesce(sum(result = 'fail'), 0), count(*) FROM"
	    " inspections WHERE at >= ?1 AND at < ?2", NULL,
	    "SELECT count(*) FILTER (WHERE result = 'fail'), count(*) FROM"
	    " inspections WHERE " PG_PERIOD("at"), NULL },
	/* whole milliseconds summed, so that both engines divide the same
	 * numbers */
	{ "finance_hours", "财务签字用时(小时)", "Finance lead time (hours)",
	    DB_KPI_MEAN,
	    "hours from a case's last inspection to finance's sign-off, for"
	    " the sign-offs of the period",
	    "SELECT coalesce(sum(CAST(round((julianday(s.at)"
	    " - julianday(i.at)) * 86400000) AS INTEGER)) / 3600000.0"
	    " / count(i.at), 0), count(i.at) FROM signoffs s"
	    " LEFT JOIN inspections i ON i.id = (SELECT max(id) FROM"
	    " inspections WHERE case_id = s.case_id)"
	    " WHERE s.at >= ?1 AND s.at < ?2", NULL,
	    "SELECT coalesce(sum(round(extract(epoch FROM s.at - i.at) * 1000)"
	    "::bigint)::float8 / 3600000.0::float8 / nullif(count(i.at), 0),"
	    " 0), count(i.at) FROM signoffs s LEFT JOIN inspections i"
	    " ON i.id = (SELECT id FROM inspections WHERE case_id = s.case_id"
	    " ORDER BY id DESC LIMIT 1) WHERE " PG_PERIOD("s.at"), NULL },
	{ "satisfaction", "满意度", "Satisfaction (1-5)", DB_KPI_MEAN,
	    "the mean score of the period's call backs that asked it",
	    "SELECT coalesce(sum(satisfaction) * 1.0 / count(*), 0), count(*)"
	    " FROM callbacks WHERE at >= ?1 AND at < ?2"
	    " AND satisfaction IS NOT NULL", NULL,
	    "SELECT coalesce(sum(satisfaction)::float8 / nullif(count(*), 0),"
	    " 0), count(*) FROM callbacks WHERE " PG_PERIOD("at")
	    " AND satisfaction IS NOT NULL", NULL },
	{ "satisfaction_dist", "满意度分布", "Satisfaction scores", DB_KPI_TOP,
	    "how many call backs gave each score",
	    "SELECT satisfaction, count(*) FROM callbacks WHERE at >= ?1"
	    " AND at < ?2 AND satisfaction IS NOT NULL GROUP BY 1"
	    " ORDER BY 1 DESC", NULL,
	    "SELECT satisfaction::text, count(*) FROM callbacks WHERE "
	    PG_PERIOD("at") " AND satisfaction IS NOT NULL"
	    " GROUP BY satisfaction ORDER BY satisfaction DESC", NULL },
	{ "open_by_age", "未结案件账龄", "Open cases by age", DB_KPI_TOP,
	    "cases not closed or cancelled, by days since arrival, as of the"
	    " period's end or today, whichever is earlier",
	    "SELECT " AGE_LABEL ", count(*) FROM"
	    " (SELECT julianday(?5) - julianday(received_date) AS d FROM cases"
	    " WHERE received_date <= ?5 AND state NOT IN " OPEN_NOT ")"
	    " GROUP BY 1 ORDER BY min(d)", NULL,
	    "SELECT " AGE_LABEL ", count(*) FROM"
	    " (SELECT $5::date - received_date AS d FROM cases"
	    " WHERE received_date <= $5::date AND state NOT IN " OPEN_NOT ") o"
	    " GROUP BY 1 ORDER BY min(d)", NULL },
	{ "scrap_units", "报废数量", "Units scrapped", DB_KPI_COUNT,
	    "units the period's QC reviews scrapped",
	    "SELECT coalesce(sum(scrap), 0), 0 FROM reviews WHERE at >= ?1"
	    " AND at < ?2", NULL,
	    "SELECT coalesce(sum(scrap), 0), 0 FROM reviews WHERE "
	    PG_PERIOD("at"), NULL },
	{ "usable_units", "可用数量", "Units usable", DB_KPI_COUNT,
	    "units the period's QC reviews found usable",
	    "SELECT coalesce(sum(usable), 0), 0 FROM reviews WHERE at >= ?1"
	    " AND at < ?2", NULL,
	    "SELECT coalesce(sum(usable), 0), 0 FROM reviews WHERE "
	    PG_PERIOD("at"), NULL },
	{ "review_cost", "退货费用(元)", "Cost of returns (yuan)",
	    DB_KPI_MONEY,
	    "the cost the period's QC reviews recorded",
	    "SELECT coalesce(sum(cost_fen), 0), 0 FROM reviews WHERE"
	    " at >= ?1 AND at < ?2", NULL,
	    "SELECT coalesce(sum(cost_fen), 0), 0 FROM reviews WHERE "
	    PG_PERIOD("at"), NULL },
};
const int db_nkpis = sizeof(db_kpis) / sizeof(db_kpis[0]);

struct kpi_cb {
	int	(*fn)(void *, const char *, int64_t);
	void	*arg;
};

static int
kpi_row(sqlite3_stmt *s, void *ctx)
{
	struct kpi_cb *cb = ctx;
	const char *label = (const char *)sqlite3_column_text(s, 0);

	return cb->fn(cb->arg, label ? label : "", sqlite3_column_int64(s, 1));
}

int
db_kpi_value(struct db *db, const struct db_kpi *k,
    const struct db_period *p, double *value, int64_t *base)
{
	sqlite3_stmt *s = db_prep(db, k->sql, "TTTTT", p->from, p->to,
	    p->first_day, p->last_day, p->asof_day);
	int rc = db_one(db, s, k->key);

	*value = 0;
	*base = 0;
	if (rc == 1) {
		*value = sqlite3_column_double(s, 0);
		*base = sqlite3_column_int64(s, 1);
		sqlite3_reset(s);
	}
	return rc == -1 ? -1 : 0;
}

int
db_kpi_rows(struct db *db, const char *sql, const struct db_period *p,
    int (*fn)(void *, const char *label, int64_t n), void *arg)
{
	struct kpi_cb cb = { fn, arg };

	return db_each(db, db_prep(db, sql, "TTTTT", p->from, p->to,
	    p->first_day, p->last_day, p->asof_day), "counting", kpi_row, &cb);
}
