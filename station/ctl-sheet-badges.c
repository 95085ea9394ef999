/* stationctl sheet badges: A4 sheets of the active operators' badges. */
#include <stdlib.h>
#include <string.h>

#include "../common/buf.h"
#include "../db/db.h"
#include "../labels/label.h"
#include "ctl.h"
#include "station.h"

struct badges {
	struct sheet_badge	*v;
	struct db_operator	*ops;
	int			 n, cap;
};

static int
add_badge(void *arg, const struct db_operator *op)
{
	struct badges *b = arg;

	if (!op->active)
		return 0;
	if (b->n == b->cap) {
		int cap = b->cap ? b->cap * 2 : 16;
		struct db_operator *o = realloc(b->ops, cap * sizeof(*o));

		if (o == NULL)
			return CTL_REFUSED;
		b->ops = o;
		b->cap = cap;
	}
	b->ops[b->n++] = *op;
	return 0;
}

static enum ctl_status
ctl_sheet_badges(struct ctl_ctx *c, const struct ctl_args *a)
{
	struct badges b;
	char cause[512];
	int fmt, rc;

	if ((fmt = ctl_output(c, a, 0)) == -1)
		return ctl_usage(c, a->cmd);
	memset(&b, 0, sizeof(b));
	if (db_operator_foreach(c->db, add_badge, &b) == -1) {
		buf_printf(c->err, "%s\n", db_error(c->db));
		free(b.ops);
		return CTL_FAILED;
	}
	if (b.n == 0) {
		buf_puts(c->err, "no active operators: add one with stationctl"
		    " operator add\n");
		free(b.ops);
		return CTL_REFUSED;
	}
	if ((b.v = calloc((size_t)b.n, sizeof(*b.v))) == NULL) {
		free(b.ops);
		return CTL_FAILED;
	}
	for (int i = 0; i < b.n; i++) {
		b.v[i].badge = b.ops[i].badge;
		b.v[i].name = b.ops[i].name;
		b.v[i].roles = b.ops[i].roles;
	}
	rc = sheet_badges(b.v, b.n, fmt, c->out, NULL, cause, sizeof(cause));
	if (rc == -1)
		buf_printf(c->err, "%s\n", cause);
	free(b.v);
	free(b.ops);
	return rc == -1 ? CTL_REFUSED : CTL_OK;
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
