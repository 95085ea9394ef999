/* stationctl product edit MODEL ... and product disable MODEL. */
#include <string.h>

#include "../common/buf.h"
#include "catalogue.h"
#include "ctl.h"
#include "role.h"
#include "station.h"

/* yes or no for a flag; -1 when not given, -2 when neither. */
static int
yes_no(const char *v)
{
	if (v == NULL)
		return -1;
	return !strcmp(v, "yes") ? 1 : !strcmp(v, "no") ? 0 : -2;
}

static enum ctl_status
edit(struct ctl_ctx *c, const char *model, struct catalogue_entry *e)
{
	struct buf reply;
	enum ctl_status rc;

	e->model = model;
	buf_init(&reply);
	rc = ctl_reply(c, catalogue_edit(c->db, c->st->cf, c->operator ?
	    c->operator : "stationctl", e, &reply), &reply);
	buf_free(&reply);
	return rc;
}

static enum ctl_status
ctl_product_edit(struct ctl_ctx *c, const struct ctl_args *a)
{
	struct catalogue_entry e;
	const char *act = ctl_opt(a, "--active");

	memset(&e, 0, sizeof(e));
	e.name = ctl_opt(a, "--name");
	e.spec = ctl_opt(a, "--spec");
	e.cct = ctl_opt(a, "--cct");
	e.barcode = ctl_opt(a, "--barcode");
	e.outsourced = yes_no(ctl_opt(a, "--outsourced"));
	e.potted = yes_no(ctl_opt(a, "--potted"));
	e.special = yes_no(ctl_opt(a, "--special"));
	e.active = yes_no(act);
	if (e.outsourced == -2 || e.potted == -2 || e.special == -2 ||
	    e.active == -2) {
		buf_puts(c->err, "--outsourced, --potted, --special and --active"
		    " take yes or no\n");
		return CTL_USAGE;
	}
	if (!e.name && !e.spec && !e.cct && !e.barcode && e.outsourced < 0 &&
	    e.potted < 0 && e.special < 0 && e.active < 0) {
		buf_puts(c->err, "say what to change\n");
		return ctl_usage(c, a->cmd);
	}
	return edit(c, a->pos[0], &e);
}

const struct ctl_cmd ctl_cmd_product_edit = {
	.name = "product edit", .args = "MODEL", .minpos = 1, .maxpos = 1,
	.opts = {
		{ "--name", "NAME", 0, "what the lamp is called" },
		{ "--spec", "TEXT", 0, "specification" },
		{ "--cct", "K|none", 0, "default colour temperature" },
		{ "--barcode", "CODE", 0, "one more barcode (EAN/UPC check"
		    " digits are verified)" },
		{ "--outsourced", "yes|no", 0, "made by a supplier" },
		{ "--potted", "yes|no", 0, "potted (灌胶)" },
		{ "--special", "yes|no", 0, "special product" },
		{ "--active", "yes|no", 0, "taken at the desk again (yes)" },
	},
	.roles = ROLE_ADMIN | ROLE_SUPERVISOR,
	.help = "change a model of the catalogue (admin or supervisor)",
	.pin = 1,
	.exec = ctl_product_edit,
};

static enum ctl_status
ctl_product_disable(struct ctl_ctx *c, const struct ctl_args *a)
{
	struct catalogue_entry e;

	memset(&e, 0, sizeof(e));
	e.outsourced = e.potted = e.special = -1;
	e.active = 0;
	return edit(c, a->pos[0], &e);
}

const struct ctl_cmd ctl_cmd_product_disable = {
	.name = "product disable", .args = "MODEL", .minpos = 1, .maxpos = 1,
	.roles = ROLE_ADMIN | ROLE_SUPERVISOR,
	.help = "stop taking a model at the desk; its cases keep it",
	.pin = 1,
	.exec = ctl_product_disable,
};
