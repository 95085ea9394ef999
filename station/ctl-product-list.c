/* stationctl product list [--after MODEL] [--limit N]: the catalogue. */
#include <stdio.h>

#include "../common/buf.h"
#include "../common/width.h"
#include "../db/db.h"
#include "ctl.h"
#include "station.h"

struct plist {
	struct ctl_ctx	*c;
	int		 n;
	char		 last[65];
};

static void
row(struct buf *b, const char *model, const char *name, const char *spec,
    const char *cct, const char *flags, const char *codes)
{
	static const int w[] = { 14, 28, 12, 6, 22, 0 };
	const char *const v[] = { model, name, spec, cct, flags, codes };

	width_row(b, v, w, 6);
}

static int
one(void *arg, const struct db_product *p)
{
	struct plist *l = arg;
	char cct[16], flags[64];

	snprintf(cct, sizeof(cct), p->default_cct ? "%dK" : "-",
	    p->default_cct);
	snprintf(flags, sizeof(flags), "%s%s%s%s", p->active ? "" :
	    "disabled停用 ", p->outsourced ? "outsourced外协 " : "", p->potted ?
	    "potted灌胶 " : "", p->special ? "special特殊" : "");
	row(l->c->out, p->model, p->name, p->spec[0] ? p->spec : "-", cct,
	    flags[0] ? flags : "-", p->barcodes[0] ? p->barcodes : "-");
	snprintf(l->last, sizeof(l->last), "%s", p->model);
	l->n++;
	return ctl_full(l->c);
}

static enum ctl_status
ctl_product_list(struct ctl_ctx *c, const struct ctl_args *a)
{
	struct plist l = { c, 0, "" };
	int limit = ctl_limit(c, a);

	if (limit == -1)
		return CTL_USAGE;
	row(c->out, "型号 MODEL", "名称 NAME", "规格 SPEC", "色温", "标记 FLAGS",
	    "条码 BARCODES");
	if (db_product_page(c->db, ctl_opt(a, "--after"), limit, one,
	    &l) == -1) {
		buf_printf(c->err, "%s\n", db_error(c->db));
		return CTL_FAILED;
	}
	if (l.n == limit)
		buf_printf(c->err, "more: stationctl product list --after '%s'\n",
		    l.last);
	return CTL_OK;
}

const struct ctl_cmd ctl_cmd_product_list = {
	.name = "product list",
	.opts = {
		{ "--after", "MODEL", 0, "the page after this model" },
		{ "--limit", "N", 0, "models a page (50)" },
	},
	.help = "the catalogue by model, a page at a time",
	.worker = 1,
	.exec = ctl_product_list,
};
