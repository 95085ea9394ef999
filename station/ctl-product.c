/* stationctl product add: the catalogue the scanner looks barcodes up in. */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../db/db.h"
#include "buf.h"
#include "config.h"
#include "ctl.h"
#include "scan.h"
#include "station.h"

static int
ctl_product_add(struct ctl_ctx *c, int argc, char **argv)
{
	struct ctl_opt opts[] = {
		{ "--name", 1, NULL }, { "--barcode", 1, NULL },
		{ "--cct", 1, NULL }, { "--spec", 1, NULL },
		{ "--outsourced", 0, NULL }, { "--potted", 0, NULL },
		{ "--special", 0, NULL }, { NULL, 0, NULL }
	};
	struct db *db = c->st->db;
	struct db_product p, other;
	char *pos[1];
	struct buf d;
	int64_t id;
	int rc;

	if (ctl_parse(c, &ctl_cmd_product_add, argc, argv, opts, pos, 1) != 1 ||
	    opts[0].value == NULL)
		return ctl_usage(c, &ctl_cmd_product_add);
	if ((rc = ctl_need_role(c, "admin,supervisor",
	    "adding a product")) != 0)
		return rc;
	memset(&p, 0, sizeof(p));
	if (!ctl_text_ok(c, "model", pos[0], MODEL_MAX) ||
	    !ctl_text_ok(c, "--name", opts[0].value, 128) ||
	    (opts[1].value && !ctl_text_ok(c, "--barcode", opts[1].value, 64)) ||
	    (opts[3].value && !ctl_text_ok(c, "--spec", opts[3].value, 128)))
		return 1;
	snprintf(p.model, sizeof(p.model), "%s", pos[0]);
	for (char *q = p.model; *q; q++) {
		if (*q == ' ' || *q == '%') {
			buf_puts(c->err, "model may not hold spaces or '%'"
			    " (it is scanned as %MODEL:<code>)\n");
			return 1;
		}
		*q = (char)toupper((unsigned char)*q);
	}
	snprintf(p.name, sizeof(p.name), "%s", opts[0].value);
	snprintf(p.spec, sizeof(p.spec), "%s", opts[3].value ? opts[3].value :
	    "");
	if (opts[2].value) {
		char *end;
		long k;

		errno = 0;
		k = strtol(opts[2].value, &end, 10);
		if (*end == 'K' || *end == 'k')
			end++;
		if (errno || end == opts[2].value || *end || k < CCT_MIN ||
		    k > CCT_MAX) {
			buf_printf(c->err, "--cct must be kelvin from %d to %d,"
			    " got '%s'\n", CCT_MIN, CCT_MAX, opts[2].value);
			return 1;
		}
		p.default_cct = (int)k;
	}
	p.outsourced = opts[4].value != NULL;
	p.potted = opts[5].value != NULL;
	p.special = opts[6].value != NULL;
	if ((rc = db_product_by_model(db, p.model, &other)) != 0) {
		buf_printf(c->err, rc == 1 ? "model %s is already in the"
		    " catalogue\n" : "%s\n", rc == 1 ? p.model : db_error(db));
		return 1;
	}
	if (opts[1].value && (rc = db_product_by_barcode(db, opts[1].value,
	    &other)) != 0) {
		buf_printf(c->err, rc == 1 ? "barcode %s already belongs to"
		    " %s\n" : "%s\n", rc == 1 ? opts[1].value : db_error(db),
		    other.model);
		return 1;
	}
	if (opts[1].value && scan_is_case_no(opts[1].value, c->st->cf->case_prefix)) {
		buf_printf(c->err, "barcode %s looks like a case number\n",
		    opts[1].value);
		return 1;
	}
	buf_init(&d);
	buf_puts(&d, "{\"model\":");
	buf_json_str(&d, p.model);
	buf_puts(&d, ",\"name\":");
	buf_json_str(&d, p.name);
	buf_puts(&d, ",\"barcode\":");
	buf_json_str(&d, opts[1].value ? opts[1].value : "");
	buf_printf(&d, ",\"cct\":%d,\"outsourced\":%d,\"potted\":%d,"
	    "\"special\":%d}", p.default_cct, p.outsourced, p.potted, p.special);
	rc = db_begin(db) == -1 ||
	    db_product_add(db, &p, opts[1].value, &id) == -1 ||
	    db_audit(db, c->operator ? c->operator : "stationctl",
	    "product.add", "product", id, d.data, NULL) == -1 ||
	    db_commit(db) == -1;
	buf_free(&d);
	if (rc) {
		buf_printf(c->err, "could not add product: %s\n", db_error(db));
		db_rollback(db);
		return 3;
	}
	buf_printf(c->out, "product %s %s added; scan %%MODEL:%s%s%s\n",
	    p.model, p.name, p.model, opts[1].value ? " or barcode " : "",
	    opts[1].value ? opts[1].value : "");
	return 0;
}

const struct ctl_cmd ctl_cmd_product_add = {
	"product add",
	"MODEL --name NAME [--barcode CODE] [--cct K] [--spec TEXT]"
	" [--outsourced] [--potted] [--special]",
	"add a lamp model to the catalogue", ctl_product_add
};
