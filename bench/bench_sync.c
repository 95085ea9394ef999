/*
 * The upload benchmark's helper: writes a station's events after seq 0 as
 * the COPY text an upload sends (station/upload.c), for the floor that
 * psql's \copy loads into the same table; and waits for a station's
 * upload to end, asking over one connection at a time rather than a
 * stationctl and a grep every poll (processes the upload would share the
 * two cores with).
 * usage: bench_sync copy DB FILE | bench_sync wait SOCKET
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "../common/buf.h"
#include "../db/db.h"
#include "../station/proto.h"
#include "../station/upload.h"

/* until the station's sync status says nothing is pending */
static int
wait_sent(const char *sock)
{
	char *argv[2] = { "sync", "status" };
	struct timespec ts = { 0, 20 * 1000000 };
	char cause[256];
	int st, done = 0;

	while (!done) {
		struct buf out, err;

		buf_init(&out);
		buf_init(&err);
		if (proto_call(sock, 2, argv, &st, &out, &err, cause,
		    sizeof(cause)) == -1 || st != 0) {
			fprintf(stderr, "bench_sync: sync status: %s%s\n",
			    err.data ? err.data : "", st ? "" : cause);
			buf_free(&out);
			buf_free(&err);
			return 1;
		}
		done = out.data && (strncmp(out.data, "pending: 0 ", 11) == 0 ||
		    strstr(out.data, "\npending: 0 ") != NULL);
		buf_free(&out);
		buf_free(&err);
		if (!done)
			nanosleep(&ts, NULL);
	}
	return 0;
}

int
main(int argc, char *argv[])
{
	char cause[256];
	struct db *db;
	struct buf b;
	int64_t after = 0, last;
	FILE *f;
	int n;

	if (argc == 3 && strcmp(argv[1], "wait") == 0)
		return wait_sent(argv[2]);
	if (argc != 4 || strcmp(argv[1], "copy")) {
		fprintf(stderr, "usage: bench_sync copy DB FILE | "
		    "bench_sync wait SOCKET\n");
		return 2;
	}
	if ((db = db_open_ro(argv[2], cause, sizeof(cause))) == NULL) {
		fprintf(stderr, "bench_sync: %s\n", cause);
		return 1;
	}
	if ((f = fopen(argv[3], "w")) == NULL) {
		perror(argv[3]);
		return 1;
	}
	buf_init(&b);
	while ((n = upload_copy_text(db, after, 10000, 64u << 20, &b,
	    &last)) > 0) {
		fwrite(b.data, 1, b.len, f);
		buf_reset(&b);
		after = last;
	}
	if (n == -1 || fclose(f) != 0) {
		fprintf(stderr, "bench_sync: %s\n", db_error(db));
		return 1;
	}
	buf_free(&b);
	db_close(db);
	return 0;
}
