/* A case's records, section by section, as named columns of text: what
 * case show and the office's case page print. One statement a section,
 * each walking an index by case. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <string.h>

#include "db-int.h"

#define WHO(o) "coalesce(" o ".badge || ' ' || " o ".name, '')"

static const struct section {
	const char	*name;
	const char	*sql;
} sections[] = {
	{ "expected", "SELECT e.waybill, e.customer, e.contact, e.phone,"
	    " e.address, e.service_rep, e.order_no, e.complaint, "
	    WHO("o") " AS registered_by, e.created_at AS registered_at"
	    " FROM expected_returns e LEFT JOIN operators o"
	    " ON o.id = e.created_by WHERE e.case_id = ?1 ORDER BY e.id" },
	{ "expected_items", "SELECT i.line, i.model, i.quantity, i.cct"
	    " FROM expected_returns e JOIN expected_items i"
	    " ON i.expected_id = e.id WHERE e.case_id = ?1"
	    " ORDER BY e.id, i.line" },
	{ "repairs", "SELECT r.id AS repair, r.cause, f.name AS cause_name,"
	    " r.result, r.note, " WHO("o") " AS technician,"
	    " r.at AS repaired_at FROM repairs r"
	    " LEFT JOIN fault_causes f ON f.code = r.cause"
	    " LEFT JOIN operators o ON o.id = r.technician_id"
	    " WHERE r.case_id = ?1 ORDER BY r.id" },
	{ "parts", "SELECT p.repair_id AS repair, p.part, p.quantity"
	    " FROM repairs r JOIN repair_parts p ON p.repair_id = r.id"
	    " WHERE r.case_id = ?1 ORDER BY r.id, p.rowid" },
	{ "supplier_trips", "SELECT supplier, sent_at, back_at"
	    " FROM supplier_trips WHERE case_id = ?1 ORDER BY id" },
	{ "inspections", "SELECT i.result, i.sample_size AS sample,"
	    " i.returned_qty AS returned, i.note, " WHO("o") " AS inspector,"
	    " i.at AS inspected_at FROM inspections i"
	    " LEFT JOIN operators o ON o.id = i.inspector_id"
	    " WHERE i.case_id = ?1 ORDER BY i.id" },
	{ "applications", "SELECT a.id AS application, a.request, a.reason,"
	    " a.total_fen, a.chain, a.state, " WHO("o") " AS applied_by,"
	    " a.applied_at, a.rma_sent_at, a.rma_due_at, a.rma_reply,"
	    " a.rma_reply_at, a.rma_note FROM applications a"
	    " LEFT JOIN operators o ON o.id = a.applied_by"
	    " WHERE a.case_id = ?1 ORDER BY a.id" },
	{ "lines", "SELECT a.id AS application, l.line, i.model, i.spec,"
	    " i.cct, l.quantity, l.unit_price_fen, l.amount_fen"
	    " FROM applications a JOIN application_lines l"
	    " ON l.application_id = a.id JOIN items i ON i.id = l.item_id"
	    " WHERE a.case_id = ?1 ORDER BY a.id, l.line" },
	{ "approvals", "SELECT p.application_id AS application, p.step,"
	    " p.decision, " WHO("o") " AS signed_by, p.note,"
	    " p.at AS signed_at FROM applications a JOIN approvals p"
	    " ON p.application_id = a.id LEFT JOIN operators o"
	    " ON o.id = p.operator_id WHERE a.case_id = ?1"
	    " ORDER BY a.id, p.id" },
	{ "reviews", "SELECT " WHO("h") " AS host, r.attendees, r.verdict,"
	    " r.analysis, r.corrective, r.preventive, r.responsible,"
	    " r.disposal, r.scrap, r.usable, r.cost_fen, "
	    WHO("o") " AS recorded_by, r.at AS reviewed_at FROM reviews r"
	    " LEFT JOIN operators h ON h.id = r.host_id"
	    " LEFT JOIN operators o ON o.id = r.recorded_by"
	    " WHERE r.case_id = ?1 ORDER BY r.id" },
	{ "signoffs", "SELECT " WHO("o") " AS finance, s.at AS signed_at"
	    " FROM signoffs s LEFT JOIN operators o ON o.id = s.finance_id"
	    " WHERE s.case_id = ?1 ORDER BY s.id" },
	{ "shipments", "SELECT s.waybill, s.carrier, s.reason, "
	    WHO("o") " AS shipped_by, s.at AS shipped_at FROM shipments s"
	    " LEFT JOIN operators o ON o.id = s.shipped_by"
	    " WHERE s.case_id = ?1 ORDER BY s.id" },
	{ "callbacks", "SELECT CASE c.received WHEN 1 THEN 'yes' ELSE 'no' END"
	    " AS received, c.satisfaction, c.note, " WHO("o") " AS called_by,"
	    " c.at AS called_at FROM callbacks c"
	    " LEFT JOIN operators o ON o.id = c.called_by"
	    " WHERE c.case_id = ?1 ORDER BY c.id" },
	{ "photos", "SELECT p.path, p.bytes, p.sha256, " WHO("o")
	    " AS added_by, p.at AS added_at FROM photos p"
	    " LEFT JOIN operators o ON o.id = p.added_by"
	    " WHERE p.case_id = ?1 ORDER BY p.id" },
	{ "breaches", "SELECT rule, due_at, noticed_at, resolved_at"
	    " FROM breaches WHERE case_id = ?1 ORDER BY id" },
};
#define NSECTIONS (sizeof(sections) / sizeof(sections[0]))

struct rec_cb {
	int	(*fn)(void *, const struct db_row *);
	void	*arg;
};

static int
rec_row(sqlite3_stmt *s, void *ctx)
{
	struct rec_cb *cb = ctx;
	struct db_row r;

	r.n = sqlite3_column_count(s);
	if (r.n > 32)
		r.n = 32;
	for (int i = 0; i < r.n; i++) {
		r.name[i] = sqlite3_column_name(s, i);
		r.value[i] = (const char *)sqlite3_column_text(s, i);
	}
	return cb->fn(cb->arg, &r);
}

int
db_rows(struct db *db, sqlite3_stmt *s, const char *what,
    int (*fn)(void *, const struct db_row *), void *arg)
{
	struct rec_cb cb = { fn, arg };

	return db_each(db, s, what, rec_row, &cb);
}

int
db_case_records(struct db *db, const char *section, int64_t case_id,
    int (*fn)(void *, const struct db_row *), void *arg)
{
	for (size_t i = 0; i < NSECTIONS; i++)
		if (strcmp(sections[i].name, section) == 0)
			return db_rows(db, db_prep(db, sections[i].sql, "L",
			    case_id), "reading case records", fn, arg);
	snprintf(db->err, sizeof(db->err), "no section %s", section);
	return -1;
}
