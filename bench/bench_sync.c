/*
 * The upload benchmark's helper: writes a station's events after seq 0 as
 * the COPY text an upload sends (station/upload.c), for the floor that
 * psql's \copy loads into the same table.
 * usage: bench_sync copy DB FILE
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "../common/buf.h"
#include "../db/db.h"
#include "../station/upload.h"

int
main(int argc, char *argv[])
{
	char cause[256];
	struct db *db;
	struct buf b;
	int64_t after = 0, last;
	FILE *f;
	int n;

	if (argc != 4 || strcmp(argv[1], "copy")) {
		fprintf(stderr, "usage: bench_sync copy DB FILE\n");
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
