/* Label outbox entries (see labelq.h). */
#include <stdio.h>
#include <string.h>

#include "../common/buf.h"
#include "../common/json.h"
#include "../common/log.h"
#include "../db/db.h"
#include "../labels/label.h"
#include "config.h"
#include "labelq.h"

struct summary {
	char	model[80];
	char	spec[129];
	int	models;
	int	cct;
	int	qty;
};

static int
sum_item(void *arg, const struct db_item *it)
{
	struct summary *s = arg;

	if (s->models++ == 0) {
		snprintf(s->model, sizeof(s->model), "%s", it->model);
		snprintf(s->spec, sizeof(s->spec), "%s", it->spec);
		s->cct = it->cct;
	} else if (s->cct != it->cct)
		s->cct = 0;
	s->qty += it->quantity;
	return 0;
}

int
labelq_render(struct db *db, const struct st_config *cf,
    const struct db_case *c, const struct label_tmpl *t, int format,
    struct buf *out, struct label_info *info, char *cause, size_t clen)
{
	struct summary sum;
	struct label_data d;
	char model[96];

	memset(&sum, 0, sizeof(sum));
	if (db_item_foreach(db, c->id, sum_item, &sum) == -1) {
		snprintf(cause, clen, "%s", db_error(db));
		return -1;
	}
	if (sum.models > 1)
		snprintf(model, sizeof(model), "%s +%d", sum.model,
		    sum.models - 1);
	else
		snprintf(model, sizeof(model), "%s", sum.model);
	memset(&d, 0, sizeof(d));
	d.area = c->area;
	d.area_name = c->area_name;
	d.date = c->received_date;
	d.case_no = c->case_no;
	d.waybill = c->waybill;
	d.carrier = c->carrier;
	d.model = model;
	d.spec = sum.spec;
	d.kind = c->kind;
	d.condition = c->condition;
	d.operator = c->opened_by;
	d.cct = sum.cct;
	d.qty = sum.qty;
	return label_render(t ? t : cf->area_tmpl, &d, format, cf->label_dpi,
	    out, info, cause, clen);
}

int
labelq_add(struct db *db, const struct st_config *cf, const struct db_case *c,
    char *cause, size_t clen)
{
	struct buf out;
	int rc;

	buf_init(&out);
	if (labelq_render(db, cf, c, NULL, cf->label_format, &out, NULL, cause,
	    clen) == -1) {
		buf_free(&out);
		log_warnx("label for %s: %s", c->case_no, cause);
		return -1;
	}
	rc = db_label_add(db, c->id, label_tmpl_name(cf->area_tmpl),
	    cf->label_format == LABEL_PDF ? "pdf" : "zpl", cf->printer_queue,
	    out.data, out.len, NULL);
	buf_free(&out);
	if (rc == -1)
		snprintf(cause, clen, "%s", db_error(db));
	return rc;
}

enum st_result
labelq_reprint(struct db *db, const struct st_config *cf, const char *key,
    const char *actor, struct buf *reply)
{
	struct db_case c;
	char cause[512];
	struct buf d;
	struct json j;
	int rc;

	if ((rc = db_case_find(db, key, &c)) == -1) {
		buf_puts(reply, db_error(db));
		return ST_FAILED;
	}
	if (rc == 0) {
		buf_printf(reply, "no case or open waybill %s / 无此案件", key);
		return ST_REFUSED;
	}
	if (!strcmp(c.state, "draft") || !strcmp(c.state, "cancelled")) {
		buf_printf(reply, "case %s is %s: it has no label yet"
		    " / 案件尚未登记", c.case_no, c.state);
		return ST_REFUSED;
	}
	buf_init(&d);
	json_init(&j, &d);
	json_open(&j, NULL);
	json_str(&j, "case", c.case_no);
	json_close(&j);
	cause[0] = '\0';
	rc = db_begin(db) == -1 ||
	    labelq_add(db, cf, &c, cause, sizeof(cause)) == -1 ||
	    db_audit(db, actor, "label.reprint", "case", c.id, d.data,
	    NULL) == -1 || db_commit(db) == -1;
	buf_free(&d);
	if (rc) {
		buf_printf(reply, "could not queue the label: %s",
		    cause[0] ? cause : db_error(db));
		db_rollback(db);
		return ST_FAILED;
	}
	buf_printf(reply, "label for %s queued again / 标签已重新排队", c.case_no);
	return ST_OK;
}
