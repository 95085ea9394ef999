/*
 * The report periods and figures at their edges, in Shanghai time: a case
 * received at 23:30 on a month's last day and one at 00:30 the next
 * morning (both on the same UTC day), a week that spans two months, an
 * empty period; counts and shares against known answers.
 */
#define _XOPEN_SOURCE 700
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#include "../t.h"
#include "../../common/buf.h"
#include "../../common/clock.h"
#include "../../db/db.h"
#include "../../station/report.h"

static char dir[64];
static struct db *db;
static struct report_src src;	/* the station's own records */

static const struct db_kpi *
kpi(const char *key)
{
	for (int i = 0; i < db_nkpis; i++)
		if (!strcmp(db_kpis[i].key, key))
			return &db_kpis[i];
	return NULL;
}

static double
value(const char *key, const struct db_period *p, int64_t *base)
{
	double v = -1;
	int64_t b;

	if (db_kpi_value(db, kpi(key), p, &v, &b) == -1)
		return -1;
	if (base)
		*base = b;
	return v;
}

static int64_t received_model(const char *when, const char *kind,
	    const char *model, int qty);

/* A case of kind with qty units of LX-A, received at local time when. */
static void
received(const char *when, const char *kind, int qty)
{
	received_model(when, kind, "LX-A", qty);
}

/* ... of model; its id. */
static int64_t
received_model(const char *when, const char *kind, const char *model, int qty)
{
	static int seq;
	struct tm tm;
	struct db_case c;
	struct db_item it;
	char wb[32];

	memset(&tm, 0, sizeof(tm));
	strptime(when, "%Y-%m-%d %H:%M", &tm);
	tm.tm_isdst = -1;
	clock_set_offset((long)(mktime(&tm) - time(NULL)));
	snprintf(wb, sizeof(wb), "SF%013d", ++seq);
	db_begin(db);
	db_case_create(db, "R", wb, "SF", 0, "registered", &c);
	db_case_set_kind(db, c.id, kind);
	memset(&it, 0, sizeof(it));
	it.case_id = c.id;
	it.quantity = qty;
	snprintf(it.model, sizeof(it.model), "%s", model);
	db_item_add(db, &it, NULL);
	db_items_commit(db, c.id);
	db_commit(db);
	clock_set_offset(0);
	return c.id;
}

/* A repair of case id with cause, done at local time when. */
static void
repaired(int64_t id, const char *when, const char *cause)
{
	static int64_t tech;
	int64_t rid;
	struct tm tm;

	if (tech == 0) {
		db_begin(db);
		db_operator_add(db, "9901", "技术员", "technician", &tech);
		db_commit(db);
	}
	memset(&tm, 0, sizeof(tm));
	strptime(when, "%Y-%m-%d %H:%M", &tm);
	tm.tm_isdst = -1;
	clock_set_offset((long)(mktime(&tm) - time(NULL)));
	db_begin(db);
	CHECK(db_repair_add(db, id, tech, cause, "repaired", "", &rid) == 0);
	db_commit(db);
	clock_set_offset(0);
}

/*
 * Early warning against known answers: the week of 9 to 15 June 2025 and
 * the eight weeks before. LX-W came back a unit a week and six units now:
 * a warning. LX-B came back five a week and six now (not 50 % more): none
 * for its returns, but its repairs were all LED before and five DRIVER
 * now: a warning for the cause. LX-N, new, three units: too few.
 */
static void
test_warnings(void)
{
	struct report_figs r;
	char day[24];

	for (int w = 0; w < 8; w++) {
		/* Mondays from 14 April */
		struct tm tm = { .tm_year = 125, .tm_mon = 3, .tm_mday = 14 +
		    7 * w, .tm_hour = 10, .tm_isdst = -1 };

		mktime(&tm);
		strftime(day, sizeof(day), "%Y-%m-%d %H:%M", &tm);
		received_model(day, "repair", "LX-W", 1);
		repaired(received_model(day, "repair", "LX-B", 5), day, "LED");
	}
	received_model("2025-06-10 09:00", "repair", "LX-W", 4);
	received_model("2025-06-15 23:00", "repair", "LX-W", 2);
	received_model("2025-06-16 00:30", "repair", "LX-W", 9);  /* after */
	for (int i = 0; i < 5; i++)
		repaired(received_model("2025-06-11 09:00", "repair", "LX-B", 1),
		    "2025-06-12 09:00", "DRIVER");
	received_model("2025-06-12 09:00", "return", "LX-N", 3);

	memset(&r, 0, sizeof(r));
	CHECK(report_warnings(&src, "2025-06-15", 8, 5, 50, &r) == 0);
	CHECK(r.nwarn == 2);
	if (r.nwarn == 2) {
		CHECK_STR(r.warn[0].model, "LX-W");
		CHECK_STR(r.warn[0].cause, "");
		CHECK(r.warn[0].n == 6);
		CHECK(r.warn[0].baseline > 0.99 && r.warn[0].baseline < 1.01);
		CHECK(strchr(r.warn[0].cases, ',') != NULL);
		CHECK_STR(r.warn[1].model, "LX-B");
		CHECK(strncmp(r.warn[1].cause, "DRIVER ", 7) == 0);
		CHECK(r.warn[1].n == 5);
		CHECK(r.warn[1].share > 0.99 && r.warn[1].base_share == 0);
	}
	report_figs_free(&r);
	/* a higher least count: the cause's five repairs are too few */
	CHECK(report_warnings(&src, "2025-06-15", 8, 6, 50, &r) == 0);
	CHECK(r.nwarn == 1 && !strcmp(r.warn[0].model, "LX-W"));
	report_figs_free(&r);
	/* six units against one a week is not a rise of more than 600 % */
	CHECK(report_warnings(&src, "2025-06-15", 8, 6, 600, &r) == 0);
	CHECK(r.nwarn == 0);
	report_figs_free(&r);
	/* a week earlier nothing had risen */
	CHECK(report_warnings(&src, "2025-06-08", 8, 5, 50, &r) == 0);
	CHECK(r.nwarn == 0);
	report_figs_free(&r);
}

static void
test_periods(void)
{
	struct db_period p;

	CHECK(report_month("2026-10-15", &p) == 0);
	CHECK_STR(p.first_day, "2026-10-01");
	CHECK_STR(p.last_day, "2026-10-31");
	/* local midnight is 16:00 UTC the day before */
	CHECK_STR(p.from, "2026-09-30T16:00:00.000Z");
	CHECK_STR(p.to, "2026-10-31T16:00:00.000Z");
	CHECK(report_week("2026-11-01", &p) == 0);	/* a Sunday */
	CHECK_STR(p.first_day, "2026-10-26");
	CHECK_STR(p.last_day, "2026-11-01");
	CHECK(report_month("2026-02-10", &p) == 0);
	CHECK_STR(p.last_day, "2026-02-28");
	CHECK(report_month("2028-02-10", &p) == 0);
	CHECK_STR(p.last_day, "2028-02-29");
	CHECK(report_range("2026-01-01", "2026-12-31", &p) == 0);
	CHECK(report_range("2026-02-01", "2026-01-01", &p) == -2);
	CHECK(report_range("2026-02-30", "2026-03-01", &p) == -1);
	CHECK(report_month("2026-13-01", &p) == -1);
	CHECK(report_month("yesterday", &p) == -1);
}

static void
test_edges(void)
{
	struct db_period oct, nov, week, empty;
	int64_t base;

	received("2026-10-31 23:30", "repair", 2);
	received("2026-11-01 00:30", "return", 5);
	received("2026-11-02 09:00", "repair", 1);
	received("2026-11-03 10:00", "noreason7", 3);
	CHECK(report_month("2026-10-01", &oct) == 0);
	CHECK(report_month("2026-11-30", &nov) == 0);
	CHECK(report_week("2026-10-28", &week) == 0);
	CHECK(report_range("2025-01-01", "2025-01-31", &empty) == 0);
	/* 23:30 local belongs to October, 00:30 to November */
	CHECK(value("intake_cases", &oct, NULL) == 1);
	CHECK(value("intake_units", &oct, NULL) == 2);
	CHECK(value("intake_cases", &nov, NULL) == 3);
	CHECK(value("intake_units", &nov, NULL) == 9);
	/* the week of Oct 26 to Nov 1 takes both */
	CHECK(value("intake_cases", &week, NULL) == 2);
	CHECK(value("repair_share", &nov, &base) == 1 && base == 3);
	CHECK(value("return_share", &nov, &base) == 2 && base == 3);
	CHECK(value("intake_cases", &empty, NULL) == 0);
	CHECK(value("repair_share", &empty, &base) == 0 && base == 0);
}

/* A repair in the first second of a day (stored to the millisecond)
 * belongs to that day, not the one before. */
static void
test_midnight(void)
{
	struct db_period day, before;
	struct report_figs r;
	const struct report_fig *f;

	repaired(received_model("2026-09-04 10:00", "repair", "LX-M", 1),
	    "2026-09-05 00:00", "DRIVER");
	CHECK(report_range("2026-09-05", "2026-09-05", &day) == 0);
	CHECK(report_range("2026-09-04", "2026-09-04", &before) == 0);
	CHECK(report_gather(&src, &day, &r) == 0);
	f = report_fig(&r, "top_causes");
	CHECK(f != NULL && f->total == 1);
	report_figs_free(&r);
	CHECK(report_gather(&src, &before, &r) == 0);
	f = report_fig(&r, "top_causes");
	CHECK(f != NULL && f->total == 0);
	report_figs_free(&r);
}

/*
 * March 2025, against known answers: a top list's order with a tie (by
 * name), its shares and Pareto shares to one decimal; an on-time rate
 * whose miss is named; the text a person reads.
 */
static void
test_figures(void)
{
	struct db_period p;
	struct report_figs r;
	const struct report_fig *f;
	struct db_case late;
	struct buf b;
	int64_t id;
	int added;

	received_model("2025-03-03 10:00", "repair", "LX-C", 2);
	received_model("2025-03-04 10:00", "repair", "LX-B", 3);
	id = received_model("2025-03-05 10:00", "repair", "LX-A", 2);
	db_begin(db);
	CHECK(db_breach_add(db, id, "repair_ship", "2025-03-07T02:00:00Z",
	    &added) == 0);
	db_commit(db);
	CHECK(db_case_get(db, id, &late) == 1);
	CHECK(report_month("2025-03-15", &p) == 0);
	memset(&r, 0, sizeof(r));
	CHECK(report_gather(&src, &p, &r) == 0);
	CHECK((f = report_fig(&r, "by_model")) != NULL);
	if (f && f->nrows == 3) {
		/* 3 first; then the tie of two, by name */
		CHECK_STR(f->rows[0].label, "LX-B");
		CHECK_STR(f->rows[1].label, "LX-A");
		CHECK_STR(f->rows[2].label, "LX-C");
		CHECK(f->total == 7);
	} else
		CHECK(!"three models");
	CHECK((f = report_fig(&r, "repair_ontime")) != NULL);
	if (f) {
		CHECK(f->value == 2 && f->base == 3);
		CHECK(f->nmisses == 1 && !strcmp(f->misses[0], late.case_no));
	}
	buf_init(&b);
	report_figs_text(&r, 1, &b);
	CHECK(strstr(b.data, "LX-B                                    3"
	    "   42.9%   42.9%") != NULL);
	CHECK(strstr(b.data, "LX-A                                    2"
	    "   28.6%   71.4%") != NULL);
	CHECK(strstr(b.data, "LX-C                                    2"
	    "   28.6%  100.0%") != NULL);
	CHECK(strstr(b.data, "66.7%  (2 / 3)  missed: ") != NULL);
	CHECK(strstr(b.data, late.case_no) != NULL);
	buf_free(&b);
	report_figs_free(&r);
}

int
main(void)
{
	char cause[256], path[128];

	setenv("TZ", "Asia/Shanghai", 1);
	tzset();
	snprintf(dir, sizeof(dir), "%s/station-test-report-XXXXXX",
	    access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp");
	if (mkdtemp(dir) == NULL)
		return 1;
	snprintf(path, sizeof(path), "%s/r.db", dir);
	if ((db = db_open(path, NULL, cause, sizeof(cause))) == NULL) {
		printf("# %s\n", cause);
		return 1;
	}
	report_src_open(&src, db, NULL);
	RUN(test_periods);
	RUN(test_edges);
	RUN(test_midnight);
	RUN(test_warnings);
	RUN(test_figures);
	db_close(db);
	return t_finish(dir);
}
