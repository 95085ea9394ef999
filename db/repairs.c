/* The bench: repairs with their parts, and trips to the supplier. */
#define _POSIX_C_SOURCE 200809L
#include "../common/clock.h"
#include "db-int.h"

static const char SQL_ADD[] = "INSERT INTO repairs (case_id, technician_id,"
    " cause, result, note, at) VALUES (?1, ?2, ?3, ?4, coalesce(?5, ''), ?6)";
static const char SQL_PART_ADD[] = "INSERT INTO repair_parts (repair_id,"
    " part, quantity) VALUES (?1, ?2, ?3)";
static const char SQL_SUPPLIER_SEND[] = "INSERT INTO supplier_trips"
    " (case_id, supplier, sent_at) VALUES (?1, ?2, ?3)";
static const char SQL_SUPPLIER_BACK[] = "UPDATE supplier_trips"
    " SET back_at = ?2 WHERE case_id = ?1 AND back_at IS NULL";

int
db_repair_add(struct db *db, int64_t case_id, int64_t tech, const char *cause,
    const char *result, const char *note, int64_t *id)
{
	char now[32];

	clock_now_iso(now, sizeof(now));
	if (db_write(db, "adding repair", SQL_ADD, "LLTTtT", case_id, tech,
	    cause, result, note, now) == -1)
		return -1;
	*id = db_last_id(db);
	return 0;
}

int
db_repair_part_add(struct db *db, int64_t repair_id, const char *part, int qty)
{
	return db_write(db, "adding repair part", SQL_PART_ADD, "LTi",
	    repair_id, part, qty);
}

int
db_supplier_send(struct db *db, int64_t case_id, const char *supplier)
{
	char now[32];

	clock_now_iso(now, sizeof(now));
	return db_write(db, "sending to supplier", SQL_SUPPLIER_SEND, "LTT",
	    case_id, supplier, now);
}

int
db_supplier_back(struct db *db, int64_t case_id)
{
	char now[32];

	clock_now_iso(now, sizeof(now));
	return db_write(db, "back from supplier", SQL_SUPPLIER_BACK, "LT",
	    case_id, now);
}
