/* stationctl label list / label reprint. */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "../db/db.h"
#include "../labels/label.h"
#include "config.h"
#include "buf.h"
#include "ctl.h"
#include "outbox.h"
#include "scan.h"
#include "station.h"

struct lctx {
	struct buf	*b;
	int		 json;
	int		 n;
};

static int
label_line(void *arg, const struct db_label *l)
{
	struct lctx *x = arg;

	if (x->json) {
		buf_printf(x->b, "%s{\"id\":%lld,\"case_no\":", x->n ? ",\n" : "",
		    (long long)l->id);
		buf_json_str(x->b, l->case_no);
		buf_puts(x->b, ",\"format\":");
		buf_json_str(x->b, l->format);
		buf_puts(x->b, ",\"queue\":");
		buf_json_str(x->b, l->queue);
		buf_puts(x->b, ",\"state\":");
		buf_json_str(x->b, l->state);
		if (l->job_id)
			buf_printf(x->b, ",\"job_id\":%d", l->job_id);
		else
			buf_puts(x->b, ",\"job_id\":null");
		buf_printf(x->b, ",\"attempts\":%d,\"error\":", l->attempts);
		buf_json_str(x->b, l->error);
		buf_puts(x->b, ",\"created_at\":");
		buf_json_str(x->b, l->created_at);
		buf_puts(x->b, ",\"updated_at\":");
		buf_json_str(x->b, l->updated_at);
		buf_puts(x->b, "}");
	} else
		buf_printf(x->b, "%-6lld %-16s %-4s %-10s %-10s %6d  %s\n",
		    (long long)l->id, l->case_no, l->format, l->queue, l->state,
		    l->job_id, l->error);
	x->n++;
	return 0;
}

static int
ctl_label_list(struct ctl_ctx *c, int argc, char **argv)
{
	struct ctl_opt opts[] = { { "--json", 0, NULL }, { "--state", 1, NULL },
	    { NULL, 0, NULL } };
	struct lctx x = { c->out, 0, 0 };

	if (ctl_parse(c, &ctl_cmd_label_list, argc, argv, opts, NULL, 0) != 0)
		return 2;
	x.json = opts[0].value != NULL;
	if (x.json)
		buf_puts(c->out, "[");
	else
		buf_printf(c->out, "%-6s %-16s %-4s %-10s %-10s %6s  %s\n", "ID",
		    "CASE", "FMT", "QUEUE", "STATE", "JOB", "ERROR");
	if (db_label_foreach(c->st->db, opts[1].value, label_line, &x) == -1) {
		buf_printf(c->err, "%s\n", db_error(c->st->db));
		return 3;
	}
	if (x.json)
		buf_puts(c->out, "]\n");
	return 0;
}

static int
ctl_label_reprint(struct ctl_ctx *c, int argc, char **argv)
{
	char *pos[1];
	struct buf reply;
	int rc;

	if (ctl_parse(c, &ctl_cmd_label_reprint, argc, argv, NULL, pos, 1) != 1)
		return ctl_usage(c, &ctl_cmd_label_reprint);
	buf_init(&reply);
	rc = intake_reprint(&c->st->intake, pos[0], c->operator ? c->operator :
	    "stationctl", &reply);
	buf_printf(rc == INTAKE_OK ? c->out : c->err, "%s\n",
	    reply.data ? reply.data : "");
	buf_free(&reply);
	return rc == INTAKE_OK ? 0 : rc == INTAKE_REJECT ? 1 : 3;
}

/* Which output a command asked for: --png/--pdf/--zpl with "-" (the bytes
 * travel back in the reply; stationctl writes them to the user's file). */
int
ctl_output(struct ctl_ctx *c, struct ctl_opt *png, struct ctl_opt *pdf,
    struct ctl_opt *zpl)
{
	int n = (png->value != NULL) + (pdf->value != NULL) +
	    (zpl && zpl->value != NULL);

	if (n != 1) {
		buf_puts(c->err, "name one output: --png FILE or --pdf FILE\n");
		return -1;
	}
	if ((png->value && strcmp(png->value, "-")) ||
	    (pdf->value && strcmp(pdf->value, "-")) ||
	    (zpl && zpl->value && strcmp(zpl->value, "-"))) {
		buf_puts(c->err, "the file is written by stationctl: give a path"
		    " there, or - over the raw protocol\n");
		return -1;
	}
	return png->value ? LABEL_PNG : pdf->value ? LABEL_PDF : LABEL_ZPL;
}

static int
ctl_label_preview(struct ctl_ctx *c, int argc, char **argv)
{
	struct ctl_opt opts[] = { { "--png", 1, NULL }, { "--pdf", 1, NULL },
	    { "--zpl", 1, NULL }, { "--template", 1, NULL }, { NULL, 0, NULL } };
	const struct st_config *cf = c->st->cf;
	const struct label_tmpl *t = cf->area_tmpl;
	struct db_case cs;
	char *pos[1], cause[512];
	int fmt, rc;

	if (ctl_parse(c, &ctl_cmd_label_preview, argc, argv, opts, pos, 1) != 1)
		return ctl_usage(c, &ctl_cmd_label_preview);
	if ((fmt = ctl_output(c, &opts[0], &opts[1], &opts[2])) == -1)
		return 2;
	if (opts[3].value && !strcmp(opts[3].value, "case"))
		t = cf->case_tmpl;
	else if (opts[3].value && strcmp(opts[3].value, "area")) {
		buf_puts(c->err, "--template is area or case\n");
		return 2;
	}
	rc = db_case_find(c->st->db, pos[0], &cs);
	if (rc != 1) {
		buf_printf(c->err, "no case or open waybill %s / 无此案件\n",
		    pos[0]);
		return 1;
	}
	if (intake_render_label(&c->st->intake, &cs, t, fmt, c->out, NULL,
	    cause, sizeof(cause)) == -1) {
		buf_printf(c->err, "%s\n", cause);
		return 1;
	}
	return 0;
}

const struct ctl_cmd ctl_cmd_label_preview = {
	"label preview",
	"CASE-OR-WAYBILL (--png FILE | --pdf FILE | --zpl FILE)"
	" [--template area|case]",
	"render a case's label to a file", ctl_label_preview
};
const struct ctl_cmd ctl_cmd_label_list = {
	"label list", "[--state STATE] [--json]", "show the label outbox",
	ctl_label_list
};
const struct ctl_cmd ctl_cmd_label_reprint = {
	"label reprint", "CASE-OR-WAYBILL", "print a case's area label again",
	ctl_label_reprint
};
