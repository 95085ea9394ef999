/* Photos of a case, stored under their SHA-256. */
#define _POSIX_C_SOURCE 200809L
#include "../common/clock.h"
#include "db-int.h"

static const char SQL_ADD[] = "INSERT INTO photos (case_id, sha256, path,"
    " bytes, added_by, at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)";
static const char SQL_HAS[] = "SELECT count(*) FROM photos WHERE case_id = ?1"
    " AND sha256 = ?2";
static const char SQL_PATH[] = "SELECT path FROM photos WHERE case_id = ?1"
    " AND sha256 = ?2";
static const char SQL_COUNT[] = "SELECT count(*) FROM photos"
    " WHERE case_id = ?1";

int
db_photo_add(struct db *db, int64_t case_id, const char *sha256,
    const char *path, int64_t bytes, int64_t by)
{
	char now[32];

	clock_now_iso(now, sizeof(now));
	return db_write(db, "adding photo", SQL_ADD, "LTTLIT", case_id, sha256,
	    path, bytes, by, now);
}

int
db_photo_has(struct db *db, int64_t case_id, const char *sha256, int *yes)
{
	return db_int(db, yes, SQL_HAS, "LT", case_id, sha256);
}

int
db_photo_count(struct db *db, int64_t case_id, int *n)
{
	return db_int(db, n, SQL_COUNT, "L", case_id);
}

int
db_photo_path(struct db *db, int64_t case_id, const char *sha256, char *out,
    size_t len)
{
	sqlite3_stmt *s = db_prep(db, SQL_PATH, "LT", case_id, sha256);
	int rc;

	if (s == NULL)
		return -1;
	if ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		db_text(s, 0, out, len);
		rc = 1;
	} else if (rc == SQLITE_DONE)
		rc = 0;
	else
		rc = db_fail(db, "finding photo");
	sqlite3_reset(s);
	return rc;
}
