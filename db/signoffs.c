/* Sign-offs: QC inspections, finance approvals, and the shipments they allow. */
#define _POSIX_C_SOURCE 200809L
#include "../common/clock.h"
#include "db-int.h"

static const char SQL_INSPECT_ADD[] = "INSERT INTO inspections (case_id,"
    " inspector_id, result, sample_size, returned_qty, note, at)"
    " VALUES (?1, ?2, ?3, ?4, ?5, coalesce(?6, ''), ?7)";
static const char SQL_SIGNOFF_ADD[] = "INSERT INTO signoffs (case_id,"
    " finance_id, at) VALUES (?1, ?2, ?3)";
static const char SQL_SIGNOFF_COUNT[] = "SELECT count(*) FROM signoffs"
    " WHERE case_id = ?1";
static const char SQL_SHIP_ADD[] = "INSERT INTO shipments (case_id, waybill,"
    " carrier, reason, shipped_by, at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)";

int
db_inspection_add(struct db *db, int64_t case_id, int64_t inspector,
    const char *result, int sample, int qty, const char *note)
{
	char now[32];

	clock_now_iso(now, sizeof(now));
	return db_write(db, "adding inspection", SQL_INSPECT_ADD, "LLTnitT",
	    case_id, inspector, result, sample, qty, note, now);
}

int
db_signoff_add(struct db *db, int64_t case_id, int64_t finance)
{
	char now[32];

	clock_now_iso(now, sizeof(now));
	return db_write(db, "adding sign-off", SQL_SIGNOFF_ADD, "LLT", case_id,
	    finance, now);
}

int
db_signoff_count(struct db *db, int64_t case_id, int *n)
{
	return db_int(db, n, SQL_SIGNOFF_COUNT, "L", case_id);
}

int
db_shipment_add(struct db *db, int64_t case_id, const char *waybill,
    const char *carrier, const char *reason, int64_t by)
{
	char now[32];

	clock_now_iso(now, sizeof(now));
	return db_write(db, "adding shipment", SQL_SHIP_ADD, "LTTtLT", case_id,
	    waybill, carrier, reason, by, now);
}
