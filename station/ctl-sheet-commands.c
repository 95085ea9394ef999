/* stationctl sheet commands: the A4 sheet of every command barcode. */
#include <stdlib.h>
#include <string.h>

#include "../common/buf.h"
#include "../db/db.h"
#include "../labels/label.h"
#include "ctl.h"
#include "station.h"

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

static enum ctl_status
ctl_sheet_commands(struct ctl_ctx *c, const struct ctl_args *a)
{
	const char *pg = ctl_opt(a, "--page");
	struct causes *cs;
	char cause[512];
	int fmt, page = pg ? atoi(pg) : 1, rc;

	if ((fmt = ctl_output(c, a, 0)) == -1)
		return ctl_usage(c, a->cmd);
	if ((cs = calloc(1, sizeof(*cs))) == NULL)
		return CTL_FAILED;
	if (db_cause_foreach(c->db, add_cause, cs) == -1) {
		buf_printf(c->err, "%s\n", db_error(c->db));
		free(cs);
		return CTL_FAILED;
	}
	rc = sheet_commands(cs->s, cs->n, page, fmt, c->out, NULL, cause,
	    sizeof(cause));
	free(cs);
	if (rc == -1) {
		buf_printf(c->err, "%s\n", cause);
		return CTL_REFUSED;
	}
	return CTL_OK;
}

const struct ctl_cmd ctl_cmd_sheet_commands = {
	.name = "sheet commands",
	.opts = {
		{ "--pdf", "FILE", 0, "both pages as a PDF" },
		{ "--png", "FILE", 0, "one page as a PNG" },
		{ "--page", "1|2", 0, "which page for --png" },
	},
	.help = "A4 sheet of every command barcode, captions in Chinese and"
	    " English",
	.exec = ctl_sheet_commands,
};
