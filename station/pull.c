/*
 * What the station pulls down from the central database (operators with
 * their roles and PINs, the catalogue, fault causes, expected returns),
 * applied by the desk's own connection in one transaction a batch: the
 * upload thread only fetches (upload.c). Rows are matched by what names
 * them at every desk: a badge, a model, a cause's code, an expected
 * return's id. A row this station cannot take is skipped and said in the
 * log; it never stops the rows after it. What came down is written as a
 * "sync.pull" event that sends nothing back.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../common/buf.h"
#include "../common/json.h"
#include "../common/jsonr.h"
#include "../common/log.h"
#include "../common/uuid.h"
#include "../db/db.h"
#include "carriers.h"
#include "pull.h"
#include "role.h"

static int
num(const struct jr *r, const char *key)
{
	return atoi(jr_str(r, key));
}

/* s, or NULL for JSON null / missing */
static const char *
str0(const struct jr *r, const char *key)
{
	const struct jr *v = jr_get(r, key);

	return v && v->type != JR_NULL ? v->s : NULL;
}

static int
operator(struct db *db, const struct jr *r, const struct jr *c)
{
	const struct jr *roles = c ? jr_get(c, "operator_roles") : NULL;
	const char *badge = jr_str(r, "badge"), *pin = str0(r, "pin_hash");
	struct db_operator op;
	struct buf list;
	int64_t id;
	int rc;

	buf_init(&list);
	buf_puts(&list, "");
	for (const struct jr *x = roles ? roles->kid : NULL; x; x = x->next) {
		unsigned m;
		char why[128];

		/* a role this station does not know stays out */
		if (x->type != JR_STR || role_parse(x->s, &m, why,
		    sizeof(why)) == -1)
			continue;
		buf_printf(&list, "%s%s", list.len ? "," : "", x->s);
	}
	if ((rc = db_operator_get(db, badge, &op)) == -1)
		goto out;
	if (rc == 0) {
		rc = db_operator_add(db, badge, jr_str(r, "name"), list.data,
		    &id) == -1 || db_sync_adopt(db, "operators", id,
		    jr_str(r, "id")) == -1 ? -1 : 0;
	} else {
		id = op.id;
		rc = db_operator_set_name(db, id, jr_str(r, "name")) == -1 ||
		    db_operator_set_roles(db, id, list.data) == -1 ? -1 : 0;
	}
	if (rc == 0 && pin && strncmp(pin, "$argon2id$", 10) == 0)
		rc = db_operator_set_pin(db, id, pin);
	if (rc == 0)
		rc = db_operator_set_active(db, id, num(r, "active") != 0);
out:
	buf_free(&list);
	return rc;
}

static int
product(struct db *db, const struct jr *r, const struct jr *c)
{
	const struct jr *codes = c ? jr_get(c, "product_barcodes") : NULL;
	struct db_product p, have;
	int rc;

	memset(&p, 0, sizeof(p));
	snprintf(p.model, sizeof(p.model), "%s", jr_str(r, "model"));
	snprintf(p.name, sizeof(p.name), "%s", jr_str(r, "name"));
	snprintf(p.spec, sizeof(p.spec), "%s", jr_str(r, "spec"));
	p.default_cct = num(r, "default_cct");
	p.outsourced = num(r, "outsourced") != 0;
	p.potted = num(r, "potted") != 0;
	p.special = num(r, "special") != 0;
	p.active = num(r, "active") != 0;
	if ((rc = db_product_by_model(db, p.model, &have)) == -1)
		return -1;
	if (rc == 1) {
		p.id = have.id;
		if (db_product_update(db, &p) == -1)
			return -1;
	} else if (db_product_add(db, &p, NULL, &p.id) == -1 ||
	    db_sync_adopt(db, "products", p.id, jr_str(r, "id")) == -1)
		return -1;
	for (const struct jr *x = codes ? codes->kid : NULL; x; x = x->next) {
		if (x->type != JR_STR)
			continue;
		/* a barcode another model has here stays with it */
		if ((rc = db_product_by_barcode(db, x->s, &have)) == -1)
			return -1;
		if (rc == 0 && db_product_barcode_add(db, p.id, x->s) == -1)
			return -1;
	}
	return 0;
}

static int
cause(struct db *db, const struct jr *r)
{
	const char *code = jr_str(r, "code");
	struct db_cause have;
	int64_t id;
	int rc;

	if ((rc = db_cause_get(db, code, &have)) == -1)
		return -1;
	if (rc == 0 && db_cause_add(db, code, jr_str(r, "name"), &id) == -1)
		return -1;
	return db_cause_set(db, code, jr_str(r, "name"), num(r, "active") != 0);
}

/* a carrier kept centrally; one whose pattern this station cannot take
 * is passed over, not stored */
static int
carrier(struct db *db, const struct jr *r)
{
	char cause[300];
	int64_t id;

	if (carriers_check(jr_str(r, "name"), jr_str(r, "pattern"), cause,
	    sizeof(cause)) == -1) {
		log_warnx("pull: carrier %s: %s", jr_str(r, "name"), cause);
		return 1;
	}
	return db_carrier_put(db, jr_str(r, "name"), jr_str(r, "pattern"),
	    num(r, "active") != 0, &id);
}

#define MAX_LINES 64

static int
expected(struct db *db, const struct jr *r, const struct jr *c)
{
	const struct jr *lines = c ? jr_get(c, "expected_items") : NULL;
	struct db_expected_item it[MAX_LINES];
	struct db_customer cu;
	struct db_expected have;
	struct db_operator by;
	int n = 0, rc = 0;
	int64_t id;

	/* one that arrived at another desk is not awaited here any more */
	if (str0(r, "case_id"))
		return db_expected_drop(db, jr_str(r, "id")) == -1 ? -1 : 0;
	/* one awaited here already stays as it is */
	if ((rc = db_expected_open(db, jr_str(r, "waybill"), &have)) == 1)
		return 0;
	if (rc == -1)
		return -1;
	if ((rc = db_operator_get(db, jr_str(r, "created_by_badge"), &by)) != 1)
		return rc == 0 ? 1 : -1;
	for (const struct jr *x = lines ? lines->kid : NULL; x && n < MAX_LINES;
	    x = x->next, n++) {
		memset(&it[n], 0, sizeof(it[n]));
		it[n].line = n + 1;
		snprintf(it[n].model, sizeof(it[n].model), "%s",
		    jr_str(x, "model"));
		it[n].quantity = num(x, "quantity");
		it[n].cct = num(x, "cct");
	}
	memset(&cu, 0, sizeof(cu));
	cu.name = jr_str(r, "customer");
	cu.contact = str0(r, "contact");
	cu.phone = str0(r, "phone");
	cu.address = str0(r, "address");
	cu.service_rep = str0(r, "service_rep");
	cu.order_no = str0(r, "order_no");
	cu.complaint = str0(r, "complaint");
	if (db_expected_add(db, jr_str(r, "waybill"), &cu, it, n, by.id,
	    &id) == -1 || db_sync_adopt(db, "expected_returns", id,
	    jr_str(r, "id")) == -1)
		return -1;
	return 0;
}

/* A case another desk wrote, with its items and records, in the order
 * their references need. */
static int
take_case(struct db *db, const struct jr *r, const struct jr *c,
    const struct jr *ops, const char *self)
{
	static const char *const order[] = { "items", "repairs", "repair_parts",
	    "inspections", "signoffs", "shipments", "supplier_trips",
	    "applications", "application_lines", "approvals", "reviews",
	    "callbacks" };
	int rc;

	if ((rc = db_sync_put(db, "cases", r, ops, self)) != 0)
		return rc;
	for (size_t i = 0; i < sizeof(order) / sizeof(order[0]); i++) {
		const struct jr *rows = c ? jr_get(c, order[i]) : NULL;
		const char *kid_of = !strcmp(order[i], "repair_parts") ?
		    "repair_id" : !strcmp(order[i], "application_lines") ?
		    "application_id" : NULL;

		if (rows == NULL || rows->type != JR_ARR)
			continue;
		/* dependent rows are replaced whole, per parent */
		if (kid_of)
			for (const struct jr *x = rows->kid; x; x = x->next)
				if (db_sync_clear_kids(db, order[i],
				    jr_str(x, kid_of)) == -1)
					return -1;
		for (const struct jr *x = rows->kid; x; x = x->next)
			if (db_sync_put(db, order[i], x, ops, self) == -1)
				return -1;
	}
	return 0;
}

int
pull_apply(struct db *db, const char *json, size_t len, int64_t *last,
    char *cause_out, size_t clen)
{
	struct jr *top = jr_parse(json, len);
	const struct jr *rows = top ? jr_get(top, "rows") : NULL;
	const struct jr *desks = top ? jr_get(top, "desks") : NULL;
	const struct jr *ops = top ? jr_get(top, "ops") : NULL;
	struct db_sync_state self;
	int64_t hi = 0;
	int took = 0, skipped = 0;
	struct buf d;
	struct json j;

	if (rows == NULL || rows->type != JR_ARR) {
		snprintf(cause_out, clen, "the central database sent no list");
		jr_free(top);
		return -1;
	}
	if (db_sync_state(db, &self) == -1 || db_begin(db) == -1) {
		snprintf(cause_out, clen, "%s", db_error(db));
		jr_free(top);
		return -1;
	}
	/* the desks a case may be handed to */
	for (const struct jr *x = desks ? desks->kid : NULL; x; x = x->next)
		if (x->type == JR_STR && strcmp(x->key, self.station) &&
		    db_desk_put(db, x->key, x->s) == -1) {
			snprintf(cause_out, clen, "%s", db_error(db));
			db_rollback(db);
			jr_free(top);
			return -1;
		}
	for (const struct jr *x = rows->kid; x; x = x->next) {
		const struct jr *r = jr_get(x, "r"), *c = jr_get(x, "c");
		const char *t = jr_str(x, "t");
		int64_t n = strtoll(jr_str(x, "n"), NULL, 10);
		int rc;

		if (n > hi)
			hi = n;
		/* a row is taken whole or not at all */
		if (db_savepoint(db) == -1) {
			snprintf(cause_out, clen, "%s", db_error(db));
			db_rollback(db);
			jr_free(top);
			return -1;
		}
		if (r == NULL)
			rc = 1;
		else if (!strcmp(t, "operators"))
			rc = operator(db, r, c);
		else if (!strcmp(t, "products"))
			rc = product(db, r, c);
		else if (!strcmp(t, "fault_causes"))
			rc = cause(db, r);
		else if (!strcmp(t, "carriers"))
			rc = carrier(db, r);
		else if (!strcmp(t, "expected_returns"))
			rc = expected(db, r, c);
		else if (!strcmp(t, "cases"))
			rc = take_case(db, r, c, ops, self.station);
		else
			rc = 1;
		if (db_savepoint_end(db, rc == 0) == -1) {
			snprintf(cause_out, clen, "%s", db_error(db));
			db_rollback(db);
			jr_free(top);
			return -1;
		}
		if (rc == 0)
			took++;
		else {
			skipped++;
			log_warnx("pull: central change %" PRId64 " (%s) not"
			    " taken: %s", n, t, rc == -1 ? db_error(db) :
			    "nothing here it can name");
		}
	}
	/* past the changes this station sent itself */
	if (strtoll(jr_str(top, "upto"), NULL, 10) > hi)
		hi = strtoll(jr_str(top, "upto"), NULL, 10);
	buf_init(&d);
	json_init(&j, &d);
	json_open(&j, NULL);
	json_int(&j, "to", hi);
	json_int(&j, "taken", took);
	json_int(&j, "skipped", skipped);
	json_close(&j);
	db_sync_local(db);
	/* only the mark moved (past changes this station sent): no event */
	if (db_sync_gone_clear(db) == -1 || db_sync_pulled_set(db, hi) == -1 ||
	    ((took || skipped) && db_audit(db, "central", "sync.pull", "sync",
	    0, d.data, NULL) == -1) || db_commit(db) == -1) {
		snprintf(cause_out, clen, "%s", db_error(db));
		db_rollback(db);
		buf_free(&d);
		jr_free(top);
		return -1;
	}
	buf_free(&d);
	jr_free(top);
	*last = hi;
	return took;
}
