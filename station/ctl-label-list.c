/* stationctl label list: the label outbox. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../common/buf.h"
#include "../common/json.h"
#include "../common/width.h"
#include "../db/db.h"
#include "ctl.h"
#include "station.h"

struct lctx {
	struct ctl_ctx	*c;
	struct buf	*b;
	struct json	 j;
	int		 json;
	int		 n;
	int64_t		 last;
};

/* One line of the table, padded by display width. */
static void
row(struct buf *b, const char *id, const char *case_no, const char *fmt,
    const char *queue, const char *state, const char *job, const char *note)
{
	static const int w[] = { 8, 16, 4, 12, 11, 8, 0 };
	const char *const v[] = { id, case_no, fmt, queue, state, job, note };

	width_row(b, v, w, 7);
}

static int
label_line(void *arg, const struct db_label *l)
{
	struct lctx *x = arg;

	if (x->json) {
		struct json *j = &x->j;

		json_open(j, NULL);
		json_int(j, "id", l->id);
		json_str(j, "case_no", l->case_no);
		json_str(j, "format", l->format);
		json_str(j, "queue", l->queue);
		json_str(j, "state", l->state);
		json_int0(j, "job_id", l->job_id);
		json_int(j, "attempts", l->attempts);
		json_str(j, "error", l->error);
		json_str(j, "created_at", l->created_at);
		json_str(j, "updated_at", l->updated_at);
		json_close(j);
	} else {
		char id[24], job[16];

		snprintf(id, sizeof(id), "%lld", (long long)l->id);
		snprintf(job, sizeof(job), "%d", l->job_id);
		row(x->b, id, l->case_no, l->format, l->queue, l->state, job,
		    l->error);
	}
	x->n++;
	x->last = l->id;
	return ctl_full(x->c);	/* the rest would not be sent */
}

static enum ctl_status
ctl_label_list(struct ctl_ctx *c, const struct ctl_args *a)
{
	const char *aft = ctl_opt(a, "--after");
	int64_t before = 0;
	int limit;
	struct lctx x;
	char *end;

	if ((limit = ctl_limit(c, a)) == -1)
		return CTL_USAGE;
	if (aft && ((before = strtoll(aft, &end, 10)) < 1 || *end)) {
		buf_printf(c->err, "--after takes a label id, got '%s'\n", aft);
		return CTL_USAGE;
	}

	memset(&x, 0, sizeof(x));
	x.c = c;
	x.b = c->out;
	x.json = ctl_opt(a, "--json") != NULL;
	json_init(&x.j, c->out);
	if (x.json)
		json_open_array(&x.j, NULL);
	else
		row(c->out, "编号 ID", "案件 CASE", "格式", "队列 QUEUE",
		    "状态 STATE", "作业 JOB", "说明 NOTE");
	if (db_label_page(c->db, ctl_opt(a, "--state"), before, limit,
	    label_line, &x) == -1) {
		buf_printf(c->err, "%s\n", db_error(c->db));
		return CTL_FAILED;
	}
	if (x.json) {
		json_close(&x.j);
		buf_puts(c->out, "\n");
	}
	if (x.n == limit)
		buf_printf(c->err, "more: stationctl label list --after %lld\n",
		    (long long)x.last);
	return CTL_OK;
}

const struct ctl_cmd ctl_cmd_label_list = {
	.name = "label list",
	.opts = {
		{ "--state", "STATE", 0, "queued, submitting, submitted, printed"
		    " or failed" },
		{ "--after", "ID", 0, "the page after this label (older ones)" },
		{ "--limit", "N", 0, "at most N labels (50; up to 1000)" },
		{ "--json", NULL, 0, "as JSON" },
	},
	.help = "the label outbox, newest first: queued, submitted (CUPS job"
	    " id; held, stopped or stuck with CUPS's reason), printed, failed",
	.worker = 1,
	.exec = ctl_label_list,
};
