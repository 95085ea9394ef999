/* stationctl case customer CASE [--name N] ...: whose parcel it is. */
#include <string.h>

#include "../db/db.h"
#include "ctl.h"

static enum ctl_status
ctl_case_customer(struct ctl_ctx *c, const struct ctl_args *a)
{
	struct db_customer cu;
	struct case_args ca;

	ctl_customer(a, "--name", &cu);
	memset(&ca, 0, sizeof(ca));
	ca.customer = &cu;
	return ctl_case_act(c, a->pos[0], CA_CUSTOMER, &ca);
}

const struct ctl_cmd ctl_cmd_case_customer = {
	.name = "case customer", .args = "CASE", .minpos = 1, .maxpos = 1,
	.opts = {
		{ "--name", "NAME", 0, "the returning unit (退货单位)" },
		{ "--contact", "PERSON", 0, "who to speak to" },
		{ "--phone", "PHONE", 0, "the customer's phone" },
		{ "--address", "TEXT", 0, "where goods go back to" },
		{ "--service-rep", "NAME", 0, "the customer-service rep (客服)" },
		{ "--order", "NO", 0, "the sales or after-sales order" },
		{ "--complaint", "TEXT", 0, "the customer's complaint (客诉原因)" },
	},
	.help = "set the customer's data on a case (service, intake,"
	    " supervisor); \"\" clears a field",
	.exec = ctl_case_customer,
};
