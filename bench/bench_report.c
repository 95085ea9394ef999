/*
 * The reports' benchmark helper.
 *   bench_report sql DAY WEEKS MIN RISE: the monthly report's queries (every
 *	figure of db/kpi.c and the early warning's two) for the month of DAY
 *	as a sqlite3 shell script, each with its parameters bound, so that
 *	the shell runs exactly what the station runs.
 *   bench_report xlsx DB FILE: the daily table of every item in DB as an
 *	XLSX (constant-memory mode); prints the rows and the peak RSS.
 */
#include <sys/resource.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../common/buf.h"
#include "../db/db.h"
#include "../station/report.h"

/* A shell literal: quotes doubled. */
static void
lit(const char *name, const char *v)
{
	printf(".parameter set %s \"'", name);
	for (; *v; v++)
		printf(*v == '\'' ? "''" : "%c", *v);
	printf("'\"\n");
}

static void
query(const char *sql)
{
	printf("%s;\n", sql);
}

int
main(int argc, char *argv[])
{
	if (argc == 6 && !strcmp(argv[1], "sql")) {
		struct db_period p;

		if (report_month(argv[2], &p) == -1)
			return 2;
		printf(".parameter init\n");
		lit("?1", p.from);
		lit("?2", p.to);
		lit("?3", p.first_day);
		lit("?4", p.last_day);
		lit("?5", p.asof_day);
		for (int i = 0; i < db_nkpis; i++) {
			query(db_kpis[i].sql);
			if (db_kpis[i].misses)
				query(db_kpis[i].misses);
		}
		/* the warnings: the seven days to the month's end, and the
		 * weeks before */
		{
			int weeks = atoi(argv[3]);
			struct db_warn_period wp;

			if (report_warn_period(p.asof_day, weeks, &wp) == -1)
				return 2;
			printf(".parameter init\n");
			lit("?1", wp.first_day);
			lit("?2", wp.last_day);
			lit("?3", wp.base_first);
			lit("?4", wp.base_last);
			printf(".parameter set ?5 %d\n", weeks);
			printf(".parameter set ?6 %d\n", atoi(argv[4]));
			printf(".parameter set ?7 %d\n", atoi(argv[5]));
			lit("?8", wp.from);
			lit("?9", wp.to);
			lit("?10", wp.base_from);
			lit("?11", wp.base_to);
			query(db_warn_units_sql);
			query(db_warn_causes_sql);
		}
		return 0;
	}
	if (argc == 4 && !strcmp(argv[1], "xlsx")) {
		char cause[256];
		struct db_period p;
		struct rusage ru;
		struct db *db;
		struct report_src src;
		int rows;

		if ((db = db_open(argv[2], NULL, cause, sizeof(cause))) == NULL) {
			fprintf(stderr, "bench_report: %s\n", cause);
			return 1;
		}
		/* every case ever touched: the whole audit, all time */
		memset(&p, 0, sizeof(p));
		snprintf(p.from, sizeof(p.from), "0000");
		snprintf(p.to, sizeof(p.to), "9999");
		snprintf(p.first_day, sizeof(p.first_day), "0000-00-00");
		report_src_open(&src, db, NULL);
		if (report_xlsx_daily(&src, &p, 0, 0, 100000000, argv[3], "/tmp",
		    &rows, cause, sizeof(cause)) == -1) {
			fprintf(stderr, "bench_report: %s\n", cause);
			return 1;
		}
		getrusage(RUSAGE_SELF, &ru);
		printf("rows=%d rss_kb=%ld\n", rows, ru.ru_maxrss);
		db_close(db);
		return 0;
	}
	fprintf(stderr, "usage: bench_report sql DAY WEEKS MIN RISE |"
	    " xlsx DB FILE\n");
	return 2;
}
