/*
 * The floor for a scan: SQLite alone writing the same rows a scan writes,
 * one transaction per scan at the same durability (WAL, synchronous=FULL),
 * each transaction timed.
 * usage: bench_floor DB SQLFILE   (transactions end at lines "COMMIT;";
 *        the first one sets up)
 * Prints: scans=N p50_us=.. p99_us=.. mean_us=..
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "bench.h"

int
main(int argc, char *argv[])
{
	char *sql = NULL, *p, *end;
	double *lat = NULL, sum = 0;
	size_t len = 0, cap = 0;
	int n = 0, ncap = 0;
	sqlite3 *h;
	FILE *f;

	if (argc != 3 || (f = fopen(argv[2], "r")) == NULL) {
		fprintf(stderr, "usage: bench_floor DB SQLFILE\n");
		return 2;
	}
	for (;;) {
		if (len + 65536 > cap && (sql = realloc(sql, cap = cap * 2 +
		    65536)) == NULL)
			return 1;
		size_t got = fread(sql + len, 1, cap - len - 1, f);

		if (got == 0)
			break;
		len += got;
	}
	fclose(f);
	sql[len] = '\0';
	if (sqlite3_open(argv[1], &h) != SQLITE_OK ||
	    sqlite3_exec(h, "PRAGMA journal_mode = WAL; PRAGMA synchronous ="
	    " FULL; PRAGMA foreign_keys = ON;", NULL, NULL, NULL) != SQLITE_OK) {
		fprintf(stderr, "bench_floor: %s\n", sqlite3_errmsg(h));
		return 1;
	}
	/* the first transaction is the set-up, not a scan */
	for (p = sql; (end = strstr(p, "COMMIT;\n")) != NULL; p = end + 8) {
		int setup = p == sql;
		double t0;
		char c;

		c = end[7];
		end[7] = '\0';
		t0 = now_us();
		if (sqlite3_exec(h, p, NULL, NULL, NULL) != SQLITE_OK) {
			fprintf(stderr, "bench_floor: %s\n", sqlite3_errmsg(h));
			return 1;
		}
		end[7] = c;
		if (setup)
			continue;
		if (n == ncap && (lat = realloc(lat, (size_t)(ncap = ncap * 2 +
		    1024) * sizeof(*lat))) == NULL)
			return 1;
		lat[n] = now_us() - t0;
		sum += lat[n++];
	}
	sqlite3_close(h);
	if (n == 0)
		return 1;
	qsort(lat, (size_t)n, sizeof(*lat), cmpd);
	printf("scans=%d p50_us=%.0f p99_us=%.0f mean_us=%.1f\n", n, lat[n / 2],
	    lat[(int)ceil(n * 0.99) - 1], sum / n);
	free(lat);
	free(sql);
	return 0;
}
