/* stationctl sheet models: the catalogue as %MODEL: codes, for items
 * without a product barcode. */
#include <stdio.h>
#include <stdlib.h>

#include "../common/buf.h"
#include "../common/msg.h"
#include "../db/db.h"
#include "ctl.h"
#include "printd.h"
#include "station.h"

struct models {
	struct buf	*f;
	int		 n;
	char		 last[65];
};

static int
add_model(void *arg, const struct db_product *p)
{
	struct models *m = arg;
	char key[32];

	snprintf(key, sizeof(key), "model.%d", m->n);
	msg_put_str(m->f, key, p->model);
	snprintf(key, sizeof(key), "name.%d", m->n);
	msg_put_str(m->f, key, p->name);
	snprintf(key, sizeof(key), "spec.%d", m->n);
	msg_put_str(m->f, key, p->spec);
	snprintf(m->last, sizeof(m->last), "%s", p->model);
	m->n++;
	return 0;
}

static enum ctl_status
ctl_sheet_models(struct ctl_ctx *c, const struct ctl_args *a)
{
	const char *pg = ctl_opt(a, "--page"), *after = ctl_opt(a, "--after");
	struct models m;
	struct buf f;
	enum ctl_status rc;
	char *end;
	long page = 1;
	int fmt;

	if ((fmt = ctl_output(c, a, 0)) == -1)
		return ctl_usage(c, a->cmd);
	if (pg && ((page = strtol(pg, &end, 10)) < 1 || *end || page > 10000)) {
		buf_printf(c->err, "--page takes a page number from 1, got"
		    " '%s'\n", pg);
		return CTL_USAGE;
	}
	buf_init(&f);
	m.f = &f;
	m.n = 0;
	m.last[0] = '\0';
	if (db_product_page(c->db, after, SHEET_MODELS_MAX, add_model,
	    &m) == -1) {
		buf_printf(c->err, "%s\n", db_error(c->db));
		buf_free(&f);
		return CTL_FAILED;
	}
	msg_put_int(&f, "n", m.n);
	msg_put_int(&f, "format", fmt);
	msg_put_int(&f, "page", page);
	rc = ctl_ask_printer(c, PD_SHEET_MODELS, &f);
	buf_free(&f);
	if (rc == CTL_OK && m.n == SHEET_MODELS_MAX)
		buf_printf(c->err, "more: stationctl sheet models --after '%s'\n",
		    m.last);
	return rc;
}

const struct ctl_cmd ctl_cmd_sheet_models = {
	.name = "sheet models",
	.opts = {
		{ "--pdf", "FILE", 0, "every page as a PDF" },
		{ "--png", "FILE", 0, "one page as a PNG" },
		{ "--page", "N", 0, "which page for --png (1)" },
		{ "--after", "MODEL", 0, "the models after this one" },
	},
	.help = "A4 catalogue sheets: a %MODEL: code for every model, with its"
	    " name and spec (QR where Code 128 cannot carry the code)",
	.exec = ctl_sheet_models,
};
