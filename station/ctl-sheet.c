/* stationctl sheet commands / sheet badges: A4 sheets of barcodes. */
#include <stdlib.h>
#include <string.h>

#include "../db/db.h"
#include "../labels/label.h"
#include "buf.h"
#include "ctl.h"
#include "station.h"

static int
sheet_output(struct ctl_ctx *c, const struct ctl_cmd *cmd, int argc,
    char **argv, int *page)
{
	struct ctl_opt opts[] = { { "--png", 1, NULL }, { "--pdf", 1, NULL },
	    { "--page", 1, NULL }, { NULL, 0, NULL } };

	if (ctl_parse(c, cmd, argc, argv, opts, NULL, 0) != 0)
		return -1;
	*page = opts[2].value ? atoi(opts[2].value) : 1;
	return ctl_output(c, &opts[0], &opts[1], NULL);
}

struct causes {
	struct db_cause		 v[64];
	struct sheet_cause	 s[64];
	int			 n;
};

static int
add_cause(void *arg, const struct db_cause *dc)
{
	struct causes *cs = arg;

	cs->v[cs->n] = *dc;
	cs->s[cs->n].code = cs->v[cs->n].code;
	cs->s[cs->n].name = cs->v[cs->n].name;
	return ++cs->n == 64;
}

static int
ctl_sheet_commands(struct ctl_ctx *c, int argc, char **argv)
{
	struct causes *cs;
	char cause[512];
	int fmt, page, rc;

	if ((fmt = sheet_output(c, &ctl_cmd_sheet_commands, argc, argv,
	    &page)) == -1)
		return ctl_usage(c, &ctl_cmd_sheet_commands);
	if ((cs = calloc(1, sizeof(*cs))) == NULL)
		return 3;
	if (db_cause_foreach(c->st->db, add_cause, cs) == -1) {
		buf_printf(c->err, "%s\n", db_error(c->st->db));
		free(cs);
		return 3;
	}
	rc = sheet_commands(cs->s, cs->n, page, fmt, c->out, NULL, cause,
	    sizeof(cause));
	free(cs);
	if (rc == -1) {
		buf_printf(c->err, "%s\n", cause);
		return 1;
	}
	return 0;
}

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
			return 1;
		b->ops = o;
		b->cap = cap;
	}
	b->ops[b->n++] = *op;
	return 0;
}

static int
ctl_sheet_badges(struct ctl_ctx *c, int argc, char **argv)
{
	struct badges b;
	char cause[512];
	int fmt, rc, page;

	if ((fmt = sheet_output(c, &ctl_cmd_sheet_badges, argc, argv,
	    &page)) == -1)
		return ctl_usage(c, &ctl_cmd_sheet_badges);
	memset(&b, 0, sizeof(b));
	if (db_operator_foreach(c->st->db, add_badge, &b) == -1) {
		buf_printf(c->err, "%s\n", db_error(c->st->db));
		free(b.ops);
		return 3;
	}
	if (b.n == 0) {
		buf_puts(c->err, "no active operators: add one with stationctl"
		    " operator add\n");
		free(b.ops);
		return 1;
	}
	if ((b.v = calloc((size_t)b.n, sizeof(*b.v))) == NULL) {
		free(b.ops);
		return 3;
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
	return rc == -1 ? 1 : 0;
}

const struct ctl_cmd ctl_cmd_sheet_commands = {
	"sheet commands", "--pdf FILE | --png FILE [--page 1|2]",
	"A4 sheet of every command barcode", ctl_sheet_commands
};
const struct ctl_cmd ctl_cmd_sheet_badges = {
	"sheet badges", "--pdf FILE | --png FILE",
	"A4 sheets of operator badges", ctl_sheet_badges
};
