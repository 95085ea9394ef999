/* stationctl label preview CASE (--png|--pdf|--zpl FILE): a label drawn. */
#include <string.h>

#include "../common/buf.h"
#include "../common/msg.h"
#include "../db/db.h"
#include "config.h"
#include "ctl.h"
#include "labelq.h"
#include "printd.h"
#include "station.h"

static enum ctl_status
ctl_label_preview(struct ctl_ctx *c, const struct ctl_args *a)
{
	const struct st_config *cf = c->st->cf;
	const char *tname = ctl_opt(a, "--template");
	const struct label_tmpl *t = cf->area_tmpl;
	struct db_case cs;
	struct labelq q;
	struct buf f;
	int fmt, rc;

	if ((fmt = ctl_output(c, a, 1)) == -1)
		return CTL_USAGE;
	if (tname && !strcmp(tname, "case"))
		t = cf->case_tmpl;
	else if (tname && strcmp(tname, "area")) {
		buf_puts(c->err, "--template is area or case\n");
		return CTL_USAGE;
	}
	if ((rc = db_case_find(c->db, a->pos[0], &cs)) != 1) {
		if (rc == -1) {
			buf_printf(c->err, "%s\n", db_error(c->db));
			return CTL_FAILED;
		}
		buf_printf(c->err, "no case or waybill %s / 无此案件\n",
		    a->pos[0]);
		return CTL_REFUSED;
	}
	if (labelq_data(c->db, &cs, &q) == -1) {
		buf_printf(c->err, "%s\n", db_error(c->db));
		return CTL_FAILED;
	}
	buf_init(&f);
	msg_put_str(&f, "tmpl", t == cf->case_tmpl ? "case" : "area");
	msg_put_int(&f, "format", fmt);
	labelq_put_fields(&q.d, &f);
	labelq_free(&q);
	rc = ctl_ask_printer(c, PD_RENDER, &f);
	buf_free(&f);
	return rc;
}

const struct ctl_cmd ctl_cmd_label_preview = {
	.name = "label preview", .args = "CASE-OR-WAYBILL", .minpos = 1,
	.maxpos = 1,
	.opts = {
		{ "--png", "FILE", 0, "a PNG at the printer's resolution" },
		{ "--pdf", "FILE", 0, "a PDF at the label's size" },
		{ "--zpl", "FILE", 0, "the ZPL a Zebra-class printer receives" },
		{ "--template", "area|case", 0, "which label (default area)" },
	},
	.help = "render a case's label to a file (give one of --png, --pdf,"
	    " --zpl)",
	.exec = ctl_label_preview,
};
