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

enum st_result
catalogue_add(struct db *db, const struct st_config *cf, const char *actor,
    const struct catalogue_entry *e, struct buf *reply)
{
	struct db_product p, other;
	struct buf d;
	struct json j;
	int64_t id;
	int rc;

	memset(&p, 0, sizeof(p));
	if (!scan_text_ok("model", e->model, MODEL_MAX, reply) ||
	    !scan_text_ok("--name", e->name, 128, reply) ||
	    (e->barcode && !scan_text_ok("--barcode", e->barcode, 64, reply)) ||
	    (e->spec && !scan_text_ok("--spec", e->spec, 128, reply)))
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
	snprintf(p.name, sizeof(p.name), "%s", e->name);
	snprintf(p.spec, sizeof(p.spec), "%s", e->spec ? e->spec :
	    "");
	if (e->cct) {
		char *end;
		long k;

		errno = 0;
		k = strtol(e->cct, &end, 10);
		if (*end == 'K' || *end == 'k')
			end++;
		if (errno || end == e->cct || *end || k < CCT_MIN ||
		    k > CCT_MAX) {
			buf_printf(reply, "--cct must be kelvin from %d to %d,"
			    " got '%s'", CCT_MIN, CCT_MAX, e->cct);
			return ST_REFUSED;
		}
		p.default_cct = (int)k;
	}
	p.outsourced = e->outsourced;
	p.potted = e->potted;
	p.special = e->special;
	if ((rc = db_product_by_model(db, p.model, &other)) != 0) {
		buf_printf(reply, rc == 1 ? "model %s is already in the"
		    " catalogue" : "%s", rc == 1 ? p.model : db_error(db));
		return ST_REFUSED;
	}
	if (e->barcode && (rc = db_product_by_barcode(db, e->barcode,
	    &other)) != 0) {
		buf_printf(reply, rc == 1 ? "barcode %s already belongs to"
		    " %s" : "%s", rc == 1 ? e->barcode : db_error(db),
		    other.model);
		return ST_REFUSED;
	}
	if (e->barcode && scan_is_case_no(e->barcode, cf->case_prefix)) {
		buf_printf(reply, "barcode %s looks like a case number",
		    e->barcode);
		return ST_REFUSED;
	}
	buf_init(&d);
	json_init(&j, &d);
	json_open(&j, NULL);
	json_str(&j, "model", p.model);
	json_str(&j, "name", p.name);
	json_str(&j, "barcode", e->barcode ? e->barcode : "");
	json_int(&j, "cct", p.default_cct);
	json_int(&j, "outsourced", p.outsourced);
	json_int(&j, "potted", p.potted);
	json_int(&j, "special", p.special);
	json_close(&j);
	rc = db_begin(db) == -1 ||
	    db_product_add(db, &p, e->barcode, &id) == -1 ||
	    db_audit(db, actor,
	    "product.add", "product", id, d.data, NULL) == -1 ||
	    db_commit(db) == -1;
	buf_free(&d);
	if (rc) {
		buf_printf(reply, "could not add product: %s", db_error(db));
		db_rollback(db);
		return ST_FAILED;
	}
	buf_printf(reply, "product %s %s added; scan %%MODEL:%s%s%s",
	    p.model, p.name, p.model, e->barcode ? " or barcode " : "",
	    e->barcode ? e->barcode : "");
	return ST_OK;
}

