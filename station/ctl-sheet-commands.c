/* stationctl sheet commands: the A4 sheet of every command barcode. */
#include <stdio.h>
#include <stdlib.h>

#include "../common/buf.h"
#include "../common/msg.h"
#include "../db/db.h"
#include "ctl.h"
#include "printd.h"
#include "station.h"

struct causes {
	struct buf	*f;
	int		 n;
};

static int
add_cause(void *arg, const struct db_cause *dc)
{
	struct causes *cs = arg;
	char key[32];

	snprintf(key, sizeof(key), "code.%d", cs->n);
	msg_put_str(cs->f, key, dc->code);
	snprintf(key, sizeof(key), "name.%d", cs->n);
	msg_put_str(cs->f, key, dc->name);
	return ++cs->n == 64;
}

static enum ctl_status
ctl_sheet_commands(struct ctl_ctx *c, const struct ctl_args *a)
{
	const char *pg = ctl_opt(a, "--page");
	struct causes cs;
	struct buf f;
	enum ctl_status rc;
	int fmt;

	if ((fmt = ctl_output(c, a, 0)) == -1)
		return ctl_usage(c, a->cmd);
	buf_init(&f);
	cs.f = &f;
	cs.n = 0;
	if (db_cause_foreach(c->db, add_cause, &cs) == -1) {
		buf_printf(c->err, "%s\n", db_error(c->db));
		buf_free(&f);
		return CTL_FAILED;
	}
	msg_put_int(&f, "n", cs.n);
	msg_put_int(&f, "format", fmt);
	msg_put_int(&f, "page", pg ? atoi(pg) : 1);
	rc = ctl_ask_printer(c, PD_SHEET_COMMANDS, &f);
	buf_free(&f);
	return rc;
}

const struct ctl_cmd ctl_cmd_sheet_commands = {
	.name = "sheet commands",
	.opts = {
		{ "--pdf", "FILE", 0, "every page as a PDF" },
		{ "--png", "FILE", 0, "one page as a PNG" },
		{ "--page", "N", 0, "which page for --png (1)" },
	},
	.help = "A4 sheets of every scan command (kinds, conditions, missing"
	    " accessories, CCT, quantity, causes, inspection with sample sizes,"
	    " finance), captions in Chinese and English",
	.exec = ctl_sheet_commands,
};
