/* stationctl sheet badges: A4 sheets of the active operators' badges. */
#include <stdio.h>

#include "../common/buf.h"
#include "../common/msg.h"
#include "../db/db.h"
#include "ctl.h"
#include "printd.h"
#include "station.h"

struct badges {
	struct buf	*f;
	int		 n;
};

static int
add_badge(void *arg, const struct db_operator *op)
{
	struct badges *b = arg;
	char key[32];

	if (!op->active)
		return 0;
	snprintf(key, sizeof(key), "badge.%d", b->n);
	msg_put_str(b->f, key, op->badge);
	snprintf(key, sizeof(key), "name.%d", b->n);
	msg_put_str(b->f, key, op->name);
	snprintf(key, sizeof(key), "roles.%d", b->n);
	msg_put_str(b->f, key, op->roles);
	return ++b->n == 1000;
}

static enum ctl_status
ctl_sheet_badges(struct ctl_ctx *c, const struct ctl_args *a)
{
	struct badges b;
	struct buf f;
	enum ctl_status rc;
	int fmt;

	if ((fmt = ctl_output(c, a, 0)) == -1)
		return ctl_usage(c, a->cmd);
	buf_init(&f);
	b.f = &f;
	b.n = 0;
	if (db_operator_foreach(c->db, add_badge, &b) == -1) {
		buf_printf(c->err, "%s\n", db_error(c->db));
		buf_free(&f);
		return CTL_FAILED;
	}
	if (b.n == 0) {
		buf_puts(c->err, "no active operators: add one with stationctl"
		    " operator add\n");
		buf_free(&f);
		return CTL_REFUSED;
	}
	msg_put_int(&f, "n", b.n);
	msg_put_int(&f, "format", fmt);
	rc = ctl_ask_printer(c, PD_SHEET_BADGES, &f);
	buf_free(&f);
	return rc;
}

const struct ctl_cmd ctl_cmd_sheet_badges = {
	.name = "sheet badges",
	.opts = {
		{ "--pdf", "FILE", 0, "as a PDF" },
		{ "--png", "FILE", 0, "the first page as a PNG" },
	},
	.help = "A4 sheets of badges (%OP:<badge>) for the active operators",
	.exec = ctl_sheet_badges,
};
