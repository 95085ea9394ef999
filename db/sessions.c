/* Intake desk sessions: what each desk is doing, kept across restarts. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <string.h>

#include "../common/clock.h"
#include "db-int.h"

static const char SQL_LOAD[] = "SELECT desk, operator_id, case_id, item_id,"
    " last_case_id, case_was_new, prev_kind, prev_condition"
    " FROM intake_sessions WHERE desk = ?1";
static const char SQL_SAVE[] = "INSERT INTO intake_sessions (desk,"
    " operator_id, case_id, item_id, last_case_id, case_was_new, prev_kind,"
    " prev_condition, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)"
    " ON CONFLICT (desk) DO UPDATE SET operator_id = ?2, case_id = ?3,"
    " item_id = ?4, last_case_id = ?5, case_was_new = ?6, prev_kind = ?7,"
    " prev_condition = ?8, updated_at = ?9";

int
db_session_load(struct db *db, const char *desk, struct db_session *ss)
{
	sqlite3_stmt *s = db_prep(db, SQL_LOAD, "T", desk);
	int rc;

	memset(ss, 0, sizeof(*ss));
	snprintf(ss->desk, sizeof(ss->desk), "%s", desk);
	if ((rc = db_one(db, s, "loading intake session")) != 1)
		return rc;
	ss->operator_id = sqlite3_column_int64(s, 1);
	ss->case_id = sqlite3_column_int64(s, 2);
	ss->item_id = sqlite3_column_int64(s, 3);
	ss->last_case_id = sqlite3_column_int64(s, 4);
	ss->case_was_new = sqlite3_column_int(s, 5);
	db_text(s, 6, ss->prev_kind, sizeof(ss->prev_kind));
	db_text(s, 7, ss->prev_condition, sizeof(ss->prev_condition));
	sqlite3_reset(s);
	return 1;
}

int
db_session_save(struct db *db, const struct db_session *ss)
{
	char now[32];

	clock_now_iso(now, sizeof(now));
	return db_write(db, "saving intake session", SQL_SAVE, "TIIIIittT",
	    ss->desk, ss->operator_id, ss->case_id, ss->item_id,
	    ss->last_case_id, ss->case_was_new, ss->prev_kind,
	    ss->prev_condition, now);
}
