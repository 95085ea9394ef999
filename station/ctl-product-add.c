/* stationctl product add MODEL --name NAME ...: a lamp model. */
#include <string.h>

#include "../common/buf.h"
#include "catalogue.h"
#include "ctl.h"
#include "role.h"
#include "station.h"

static enum ctl_status
ctl_product_add(struct ctl_ctx *c, const struct ctl_args *a)
{
	struct catalogue_entry e;
	struct buf reply;
	enum ctl_status rc;

	memset(&e, 0, sizeof(e));
	e.model = a->pos[0];
	e.name = ctl_opt(a, "--name");
	e.barcode = ctl_opt(a, "--barcode");
	e.cct = ctl_opt(a, "--cct");
	e.spec = ctl_opt(a, "--spec");
	e.outsourced = ctl_opt(a, "--outsourced") != NULL;
	e.potted = ctl_opt(a, "--potted") != NULL;
	e.special = ctl_opt(a, "--special") != NULL;
	buf_init(&reply);
	rc = ctl_reply(c, catalogue_add(c->db, c->st->cf, c->operator ?
	    c->operator : "stationctl", &e, &reply), &reply);
	buf_free(&reply);
	return rc;
}

const struct ctl_cmd ctl_cmd_product_add = {
	.name = "product add", .args = "MODEL", .minpos = 1, .maxpos = 1,
	.opts = {
		{ "--name", "NAME", CTL_REQUIRED, "what the lamp is called" },
		{ "--barcode", "CODE", 0, "the barcode on the product (EAN/UPC"
		    " check digits are verified)" },
		{ "--cct", "K", 0, "default colour temperature" },
		{ "--spec", "TEXT", 0, "specification, e.g. 100W" },
		{ "--outsourced", NULL, 0, "made by a supplier: repairs go"
		    " there first" },
		{ "--potted", NULL, 0, "potted: exempt from the repair time"
		    " rule" },
		{ "--special", NULL, 0, "special: exempt from the repair time"
		    " rule" },
	},
	.roles = ROLE_ADMIN | ROLE_SUPERVISOR,
	.help = "add a lamp model to the catalogue (admin or supervisor)",
	.pin = 1,
	.exec = ctl_product_add,
};
