/* The lamp catalogue the scanner looks barcodes up in (see catalogue.h). */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../common/buf.h"
#include "../common/json.h"
#include "../db/db.h"
#include "catalogue.h"
#include "config.h"
#include "scan.h"

int
catalogue_check_digit_ok(const char *code)
{
	size_t n = strlen(code);
	int sum = 0;

	for (size_t i = 0; i < n; i++)
		if (code[i] < '0' || code[i] > '9')
			return 1;	/* not an EAN/UPC: nothing to check */
	if (n != 8 && n != 12 && n != 13)
		return 1;
	/* weights 3 and 1 from the digit left of the check digit */
	for (size_t i = 0; i + 1 < n; i++)
		sum += (code[n - 2 - i] - '0') * (i % 2 == 0 ? 3 : 1);
	return (10 - sum % 10) % 10 == code[n - 1] - '0';
}

/* A barcode a model may carry: free, not a case number, and with a right
 * check digit when it is an EAN-13, EAN-8 or UPC-A. */
static enum st_result
barcode_ok(struct db *db, const struct st_config *cf, const char *code,
    struct buf *reply)
{
	struct db_product other;
	int rc;

	if (!scan_text_ok("--barcode", code, 64, reply))
		return ST_REFUSED;
	if (!catalogue_check_digit_ok(code)) {
		buf_printf(reply, "barcode %s has a wrong check digit (EAN-13,"
		    " EAN-8 or UPC-A): mistyped? / 条码校验位错误", code);
		return ST_REFUSED;
	}
	if ((rc = db_product_by_barcode(db, code, &other)) != 0) {
		buf_printf(reply, rc == 1 ? "barcode %s already belongs to"
		    " %s" : "%s", rc == 1 ? code : db_error(db), other.model);
		return rc == 1 ? ST_REFUSED : ST_FAILED;
	}
	if (scan_is_case_no(code, cf->case_prefix)) {
		buf_printf(reply, "barcode %s looks like a case number", code);
		return ST_REFUSED;
	}
	return ST_OK;
}

/* The fields e gives, checked, into p (others are left as they are). */
static int
fields_ok(const struct catalogue_entry *e, struct db_product *p,
    struct buf *reply)
{
	if ((e->name && !scan_text_ok("--name", e->name, 128, reply)) ||
	    (e->spec && *e->spec && !scan_text_ok("--spec", e->spec, 128,
	    reply)))
		return 0;
	if (e->name)
		snprintf(p->name, sizeof(p->name), "%s", e->name);
	if (e->spec)
		snprintf(p->spec, sizeof(p->spec), "%s", e->spec);
	if (e->cct) {
		char *end;
		long k;

		errno = 0;
		k = strtol(e->cct, &end, 10);
		if (*end == 'K' || *end == 'k')
			end++;
		if (!strcmp(e->cct, "none"))
			k = 0;
		else if (errno || end == e->cct || *end || k < CCT_MIN ||
		    k > CCT_MAX) {
			buf_printf(reply, "--cct must be kelvin from %d to %d,"
			    " got '%s'", CCT_MIN, CCT_MAX, e->cct);
			return 0;
		}
		p->default_cct = (int)k;
	}
	if (e->outsourced >= 0)
		p->outsourced = e->outsourced;
	if (e->potted >= 0)
		p->potted = e->potted;
	if (e->special >= 0)
		p->special = e->special;
	return 1;
}

static void
product_json(struct json *j, const struct db_product *p, const char *barcode)
{
	json_open(j, NULL);
	json_str(j, "model", p->model);
	json_str(j, "name", p->name);
	json_str(j, "spec", p->spec);
	if (barcode)
		json_str(j, "barcode", barcode);
	json_int(j, "cct", p->default_cct);
	json_int(j, "outsourced", p->outsourced);
	json_int(j, "potted", p->potted);
	json_int(j, "special", p->special);
	json_int(j, "active", p->active);
	json_close(j);
}

/* Writes and audits p (new when add), with barcode when not NULL. */
static enum st_result
store(struct db *db, const char *actor, const char *action,
    struct db_product *p, const char *barcode, int add, struct buf *reply)
{
	struct buf d;
	struct json j;
	int64_t id = p->id;
	int rc;

	buf_init(&d);
	json_init(&j, &d);
	product_json(&j, p, barcode);
	if (db_begin(db) == -1)
		rc = -1;
	else if (add)
		rc = db_product_add(db, p, barcode, &id);
	else
		rc = db_product_update(db, p) == -1 || (barcode &&
		    db_product_barcode_add(db, p->id, barcode) == -1) ? -1 : 0;
	rc = rc == -1 || db_audit(db, actor, action, "product", id, d.data,
	    NULL) == -1 || db_commit(db) == -1;
	buf_free(&d);
	if (rc) {
		buf_printf(reply, "could not save the product: %s", db_error(db));
		db_rollback(db);
		return ST_FAILED;
	}
	return ST_OK;
}

enum st_result
catalogue_add(struct db *db, const struct st_config *cf, const char *actor,
    const struct catalogue_entry *e, struct buf *reply)
{
	struct db_product p, other;
	enum st_result r;
	int rc;

	memset(&p, 0, sizeof(p));
	p.active = 1;
	if (!scan_text_ok("model", e->model, MODEL_MAX, reply) ||
	    !scan_text_ok("--name", e->name, 128, reply))
		return ST_REFUSED;
	snprintf(p.model, sizeof(p.model), "%s", e->model);
	for (char *q = p.model; *q; q++) {
		if (*q == ' ' || *q == '%') {
			buf_puts(reply, "model may not hold spaces or '%'"
			    " (it is scanned as %MODEL:<code>)");
			return ST_REFUSED;
		}
		*q = (char)toupper((unsigned char)*q);
	}
	if (!fields_ok(e, &p, reply))
		return ST_REFUSED;
	if ((rc = db_product_by_model(db, p.model, &other)) != 0) {
		buf_printf(reply, rc == 1 ? "model %s is already in the"
		    " catalogue" : "%s", rc == 1 ? p.model : db_error(db));
		return ST_REFUSED;
	}
	if (e->barcode && (r = barcode_ok(db, cf, e->barcode, reply)) != ST_OK)
		return r;
	if ((r = store(db, actor, "product.add", &p, e->barcode, 1, reply)) !=
	    ST_OK)
		return r;
	buf_printf(reply, "product %s %s added; scan %%MODEL:%s%s%s",
	    p.model, p.name, p.model, e->barcode ? " or barcode " : "",
	    e->barcode ? e->barcode : "");
	return ST_OK;
}

enum st_result
catalogue_edit(struct db *db, const struct st_config *cf, const char *actor,
    const struct catalogue_entry *e, struct buf *reply)
{
	struct db_product p;
	enum st_result r;
	int rc;

	if ((rc = db_product_by_model(db, e->model, &p)) != 1) {
		buf_printf(reply, rc == 0 ? "no model %s in the catalogue"
		    " (stationctl product list) / 无此型号" : "%s", rc == 0 ?
		    e->model : db_error(db));
		return rc == 0 ? ST_REFUSED : ST_FAILED;
	}
	if (e->active >= 0 && e->name == NULL && e->spec == NULL &&
	    e->cct == NULL && e->barcode == NULL && e->outsourced < 0 &&
	    e->potted < 0 && e->special < 0 && p.active == e->active) {
		buf_printf(reply, "model %s is %s already", p.model, p.active ?
		    "active" : "disabled");
		return ST_REFUSED;
	}
	if (!fields_ok(e, &p, reply))
		return ST_REFUSED;
	if (e->active >= 0)
		p.active = e->active;
	if (e->barcode && (r = barcode_ok(db, cf, e->barcode, reply)) != ST_OK)
		return r;
	if ((r = store(db, actor, e->active == 0 ? "product.disable" :
	    "product.edit", &p, e->barcode, 0, reply)) != ST_OK)
		return r;
	buf_printf(reply, "product %s %s%s / 已更新", p.model, p.name,
	    p.active ? "" : ": disabled, no longer taken at the desk");
	return ST_OK;
}
