/* A digest of every row of every table of a SQLite file, read through a
 * second handle: a refusal must leave it as it was. */
#ifndef T_SNAPSHOT_H
#define T_SNAPSHOT_H

#include <sqlite3.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <nettle/sha2.h>

/* SHA-256 over every row of every table, read through a second handle. */
static void
snapshot(const char *path, char out[65])
{
	sqlite3 *h;
	sqlite3_stmt *t, *s;
	struct sha256_ctx md;
	uint8_t dig[SHA256_DIGEST_SIZE];
	char sql[128];

	sha256_init(&md);
	sqlite3_open_v2(path, &h, SQLITE_OPEN_READONLY, NULL);
	sqlite3_prepare_v2(h, "SELECT name FROM sqlite_master WHERE type ="
	    " 'table' ORDER BY name", -1, &t, NULL);
	while (sqlite3_step(t) == SQLITE_ROW) {
		snprintf(sql, sizeof(sql), "SELECT * FROM \"%s\"",
		    (const char *)sqlite3_column_text(t, 0));
		if (sqlite3_prepare_v2(h, sql, -1, &s, NULL) != SQLITE_OK)
			continue;
		while (sqlite3_step(s) == SQLITE_ROW)
			for (int i = 0; i < sqlite3_column_count(s); i++) {
				const unsigned char *v = sqlite3_column_text(s, i);

				sha256_update(&md, v ? strlen((const char *)v) + 1 :
				    1, v ? v : (const unsigned char *)"");
			}
		sqlite3_finalize(s);
	}
	sqlite3_finalize(t);
	sqlite3_close(h);
	sha256_digest(&md, sizeof(dig), dig);
	for (int i = 0; i < SHA256_DIGEST_SIZE; i++)
		snprintf(out + 2 * i, 3, "%02x", dig[i]);
}

#endif
