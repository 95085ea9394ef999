/*
 * Scan latency through the real path: control socket -> classifier ->
 * state machine -> SQLite commit, one stationctl-style connection per scan.
 * usage: bench_scan SOCKET N [FIRST]   (FIRST: the first waybill's number)
 * Prints: scans=N p50_us=.. p99_us=.. max_us=.. mean_us=..
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../common/buf.h"
#include "bench.h"
#include "../station/proto.h"

/* The i-th scan of a desk registering parcels of five scans each. */
static long first = 2000000;

static void
scan_for(int i, char *s, size_t len)
{
	int c = i / 5;

	switch (i % 5) {
	case 0: snprintf(s, len, "SF%013ld", first + c); break;
	case 1: snprintf(s, len, "%%KIND:REPAIR"); break;
	case 2: snprintf(s, len, "%%MODEL:LX-FL100"); break;
	case 3: snprintf(s, len, "%%QTY:%d", c % 9 + 1); break;
	default: snprintf(s, len, "%%DONE");
	}
}

static int
send_scan(const char *sock, const char *s)
{
	char *argv[2] = { "scan", (char *)s };
	struct buf out, err;
	char cause[256];
	int st;

	buf_init(&out);
	buf_init(&err);
	if (proto_call(sock, 2, argv, &st, &out, &err, cause,
	    sizeof(cause)) == -1 || st != 0) {
		fprintf(stderr, "bench_scan: %s refused: %s%s\n", s,
		    err.data ? err.data : "", st ? "" : cause);
		st = -1;
	}
	buf_free(&out);
	buf_free(&err);
	return st;
}

int
main(int argc, char *argv[])
{
	double *lat, sum = 0;
	char s[64];
	int n;

	if ((argc != 3 && argc != 4) || (n = atoi(argv[2])) <= 0) {
		fprintf(stderr, "usage: bench_scan SOCKET N [FIRST]\n");
		return 2;
	}
	if (argc == 4)
		first = atol(argv[3]);
	if ((lat = calloc((size_t)n, sizeof(*lat))) == NULL)
		return 1;
	if (send_scan(argv[1], "%OP:1001") != 0)
		return 1;
	for (int i = 0; i < n; i++) {
		double t0;

		scan_for(i, s, sizeof(s));
		t0 = now_us();
		if (send_scan(argv[1], s) != 0)
			return 1;
		lat[i] = now_us() - t0;
		sum += lat[i];
	}
	qsort(lat, (size_t)n, sizeof(*lat), cmpd);
	printf("scans=%d p50_us=%.0f p99_us=%.0f max_us=%.0f mean_us=%.1f\n", n,
	    lat[n / 2], lat[(int)ceil(n * 0.99) - 1], lat[n - 1], sum / n);
	free(lat);
	return 0;
}
