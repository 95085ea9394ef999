/* stationctl expect add --waybill W --customer NAME ...: a return customer
 * service knows of before it arrives. */
#include <string.h>

#include "../common/buf.h"
#include "../db/db.h"
#include "ctl.h"
#include "expect.h"
#include "role.h"
#include "station.h"

static enum ctl_status
ctl_expect_add(struct ctl_ctx *c, const struct ctl_args *a)
{
	struct db_operator op;
	struct expect_in e;
	struct buf why;
	int rc;

	if (db_operator_get(c->db, c->operator, &op) != 1) {
		buf_printf(c->err, "%s\n", db_error(c->db));
		return CTL_FAILED;
	}
	memset(&e, 0, sizeof(e));
	e.waybill = ctl_opt(a, "--waybill");
	ctl_customer(a, "--customer", &e.cu);
	for (int i = 0; i < a->nmany && i < EXPECT_MAX_ITEMS; i++)
		e.items[e.nitems++] = a->many[i];
	buf_init(&why);
	if (db_begin(c->db) == -1)
		rc = -1;
	else
		rc = expect_add(c->db, c->st->cf, &op, &e, &why);
	if (rc == 1 && db_commit(c->db) == -1)
		rc = -1;
	if (rc != 1)
		db_rollback(c->db);
	if (rc == 1)
		buf_printf(c->out, "expected return registered / 已登记预期退货:"
		    " %s  %s, %d item%s\n", e.waybill, e.cu.name, e.nitems,
		    e.nitems == 1 ? "" : "s");
	else if (rc == 0)
		buf_printf(c->err, "%s\n", why.data);
	else
		buf_printf(c->err, "could not save, nothing was stored / 保存失败"
		    "，未记录: %s\n", db_error(c->db));
	buf_free(&why);
	return rc == 1 ? CTL_OK : rc == 0 ? CTL_REFUSED : CTL_FAILED;
}

const struct ctl_cmd ctl_cmd_expect_add = {
	.name = "expect add", .minpos = 0, .maxpos = 0,
	.opts = {
		{ "--waybill", "W", CTL_REQUIRED, "the return waybill" },
		{ "--customer", "NAME", CTL_REQUIRED, "the returning unit" },
		{ "--contact", "PERSON", 0, "who to speak to" },
		{ "--phone", "PHONE", 0, "the customer's phone" },
		{ "--address", "TEXT", 0, "the customer's address" },
		{ "--service-rep", "NAME", 0, "the customer-service rep (客服)" },
		{ "--order", "NO", 0, "the order it belongs to" },
		{ "--complaint", "TEXT", 0, "the complaint (客诉原因)" },
		{ "--item", "MODEL:QTY[:CCT]", CTL_MANY, "what should be in the"
		    " parcel" },
	},
	.roles = ROLE_SERVICE | ROLE_INTAKE | ROLE_SUPERVISOR,
	.help = "register a return before it arrives (客服); its waybill's case"
	    " takes the customer, and what came is checked against it",
	.exec = ctl_expect_add,
};
