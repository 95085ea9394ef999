/* QC reviews (品质会审) with their corrective and preventive action, and the
 * calls to customers after their goods went back. */
#define _POSIX_C_SOURCE 200809L
#include "../common/clock.h"
#include "db-int.h"

static const char SQL_REVIEW_ADD[] = "INSERT INTO reviews (case_id, host_id,"
    " attendees, verdict, analysis, corrective, preventive, responsible,"
    " disposal, scrap, usable, cost_fen, recorded_by, at) VALUES (?1, ?2,"
    " coalesce(?3, ''), ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)";
static const char SQL_REVIEW_COUNT[] = "SELECT count(*) FROM reviews"
    " WHERE case_id = ?1";
static const char SQL_CALLBACK_ADD[] = "INSERT INTO callbacks (case_id,"
    " received, satisfaction, note, called_by, at)"
    " VALUES (?1, ?2, ?3, coalesce(?4, ''), ?5, ?6)";
static const char SQL_FAILED[] = "SELECT count(*) FROM inspections"
    " WHERE case_id = ?1 AND result = 'fail'";

int
db_review_add(struct db *db, int64_t case_id, const struct db_review *r,
    int64_t by)
{
	char now[32];

	clock_now_iso(now, sizeof(now));
	return db_write(db, "recording review", SQL_REVIEW_ADD,
	    "LLtTTTTTTiiLLT", case_id, r->host_id, r->attendees, r->verdict,
	    r->analysis, r->corrective, r->preventive, r->responsible,
	    r->disposal, r->scrap, r->usable, r->cost_fen, by, now);
}

int
db_review_count(struct db *db, int64_t case_id, int *n)
{
	return db_int(db, n, SQL_REVIEW_COUNT, "L", case_id);
}

int
db_callback_add(struct db *db, int64_t case_id, int received,
    int satisfaction, const char *note, int64_t by)
{
	char now[32];

	clock_now_iso(now, sizeof(now));
	return db_write(db, "recording call back", SQL_CALLBACK_ADD, "LintLT",
	    case_id, received != 0, satisfaction, note, by, now);
}

int
db_inspection_failed(struct db *db, int64_t case_id, int *n)
{
	return db_int(db, n, SQL_FAILED, "L", case_id);
}
