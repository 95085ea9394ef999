/*
 * Past cases from the desk's hand-kept after-sales table: a case with its
 * dates, customer, items, the cause found and parts replaced, and its
 * shipment, marked as imported. A case is known by its waybill and the
 * day it came back, so loading the same table twice changes nothing.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <string.h>

#include "db-int.h"

static const char SQL_KNOWN[] = "SELECT id FROM cases WHERE waybill = ?1"
    " AND received_date = ?2 LIMIT 1";
static const char SQL_OPEN[] = "SELECT case_no FROM cases WHERE waybill = ?1"
    " AND state NOT IN ('closed', 'cancelled') LIMIT 1";
static const char SQL_CASE[] = "UPDATE cases SET kind = ?2, customer = ?3,"
    " phone = ?4, service_rep = ?5, complaint = ?6, imported = 1"
    " WHERE id = ?1";
static const char SQL_ITEM[] = "INSERT INTO items (case_id, model, spec, cct,"
    " quantity, note, draft) VALUES (?1, ?2, ?3, ?4, ?5, ?6, 0)";
static const char SQL_CAUSE[] = "SELECT code FROM fault_causes"
    " WHERE upper(code) = upper(?1) OR (length(?1) >= 2 AND"
    " instr(name, ?1) > 0) ORDER BY code = 'OTHER' LIMIT 1";
static const char SQL_REPAIR[] = "INSERT INTO repairs (case_id,"
    " technician_id, cause, result, note, at) VALUES (?1, ?2, ?3,"
    " 'repaired', ?4, ?5)";
static const char SQL_PART[] = "INSERT INTO repair_parts (repair_id, part,"
    " quantity) VALUES (?1, ?2, ?3)";
static const char SQL_SHIP[] = "INSERT INTO shipments (case_id, waybill,"
    " carrier, reason, shipped_by, at) VALUES (?1, ?2, ?3, NULL, ?4, ?5)";

int
db_history_known(struct db *db, const char *waybill, const char *day,
    char *open_case, size_t len)
{
	sqlite3_stmt *s = db_prep(db, SQL_KNOWN, "TT", waybill, day);
	int rc = db_one(db, s, "finding the case");

	if (rc != 0) {
		if (rc == 1)
			sqlite3_reset(s);
		return rc;
	}
	open_case[0] = '\0';
	s = db_prep(db, SQL_OPEN, "T", waybill);
	if ((rc = db_one(db, s, "finding an open case")) == 1) {
		db_text(s, 0, open_case, len);
		sqlite3_reset(s);
	}
	return rc == -1 ? -1 : 0;
}

int
db_history_add(struct db *db, const struct db_history *h, int64_t op,
    struct db_case *out)
{
	int64_t id, repair = 0;
	char code[40];
	int rc;

	if (db_case_create_at(db, "H", h->waybill, h->carrier, op, h->state,
	    h->received_at, h->received_date, out) == -1)
		return -1;
	id = out->id;
	if (db_write(db, "importing a case", SQL_CASE, "Lttttt", id, h->kind,
	    h->customer, h->phone, h->service_rep, h->complaint) == -1)
		return -1;
	for (int i = 0; i < h->nitems; i++) {
		const struct db_history_item *it = &h->items[i];

		if (db_write(db, "importing an item", SQL_ITEM, "LTTniT", id,
		    it->model, it->spec, it->cct, it->quantity, it->note) == -1)
			return -1;
	}
	if (h->cause[0] || h->nparts) {
		sqlite3_stmt *s = db_prep(db, SQL_CAUSE, "T", h->cause[0] ?
		    h->cause : "OTHER");

		snprintf(code, sizeof(code), "OTHER");
		if ((rc = db_one(db, s, "matching the cause")) == -1)
			return -1;
		if (rc == 1) {
			db_text(s, 0, code, sizeof(code));
			sqlite3_reset(s);
		}
		/* a cause in words keeps them; a matched code needs none */
		if (db_write(db, "importing the repair", SQL_REPAIR, "LLTTT", id,
		    op, code, strcmp(code, "OTHER") ? "" : h->cause,
		    h->shipped_at[0] ? h->shipped_at : h->received_at) == -1)
			return -1;
		repair = db_last_id(db);
		for (int i = 0; i < h->nparts; i++)
			if (db_write(db, "importing a part", SQL_PART, "LTi",
			    repair, h->parts[i].part, h->parts[i].quantity) == -1)
				return -1;
	}
	if (h->out_waybill[0] && db_write(db, "importing the shipment",
	    SQL_SHIP, "LTTLT", id, h->out_waybill, h->out_carrier, op,
	    h->shipped_at) == -1)
		return -1;
	return 0;
}
