/* The printer side (see printd.h). Blocking is allowed here: nobody waits
 * at a desk for this process. */
#define _GNU_SOURCE
#include <sys/prctl.h>

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../common/buf.h"
#include "../common/log.h"
#include "../common/msg.h"
#include "../drivers/image.h"
#include "../drivers/printer.h"
#include "../drivers/zbar_decode.h"
#include "../labels/label.h"
#include "config.h"
#include "printd.h"

struct pd {
	const struct st_config		*cf;
	const struct print_driver	*drv;
	void				*priv;
	struct buf			 out;	/* the reply being built */
	size_t				 start;
};

static void
fail(struct pd *p, const char *why)
{
	msg_put_str(&p->out, "err", why);
}

/* The label fields of a request as struct label_data (pointing into m). */
static void
label_fields(const struct msg *m, struct label_data *d)
{
	memset(d, 0, sizeof(*d));
	d->area = msg_str(m, "area");
	d->area_name = msg_str(m, "area_name");
	d->date = msg_str(m, "date");
	d->case_no = msg_str(m, "case_no");
	d->waybill = msg_str(m, "waybill");
	d->carrier = msg_str(m, "carrier");
	d->model = msg_str(m, "model");
	d->spec = msg_str(m, "spec");
	d->kind = msg_str(m, "kind");
	d->condition = msg_str(m, "condition");
	d->operator = msg_str(m, "operator");
	d->cct = (int)msg_int(m, "cct", 0);
	d->qty = (int)msg_int(m, "qty", 0);
	d->contents = msg_str(m, "contents");
	d->models = msg_str(m, "models");
	d->items = msg_str(m, "items");
}

static const struct label_tmpl *
tmpl_of(const struct pd *p, const struct msg *m)
{
	return strcmp(msg_str(m, "tmpl"), "case") == 0 ? p->cf->case_tmpl :
	    p->cf->area_tmpl;
}

/* Renders the label m describes; -1 with the reason in cause. */
static int
render_to(struct pd *p, const struct msg *m, int format, struct buf *b,
    char *cause, size_t clen)
{
	struct label_data d;

	label_fields(m, &d);
	return label_render(tmpl_of(p, m), &d, format, p->cf->label_dpi, b,
	    NULL, cause, clen);
}

/* Renders the label a request describes; -1 with the reason replied. */
static int
render(struct pd *p, const struct msg *m, int format, struct buf *b)
{
	char cause[512];

	if (render_to(p, m, format, b, cause, sizeof(cause)) == -1) {
		fail(p, cause);
		return -1;
	}
	return 0;
}

/* A job of many raw labels: each drawn (or its bytes as sent before), one
 * after another in one document. A label that cannot be drawn is left
 * out and said so (skip.I); the rest go. */
static int
batch_bytes(struct pd *p, const struct msg *m, int n, struct buf *b)
{
	struct buf one;
	int sent = 0;

	buf_init(&one);
	for (int i = 0; i < n; i++) {
		struct msg sub = { .type = m->type, .id = m->id };
		char key[32], cause[512];
		const char *raw;
		size_t rawlen;

		snprintf(key, sizeof(key), "label.%d", i);
		sub.data = msg_get(m, key, &sub.len);
		buf_reset(&one);
		if (sub.data == NULL) {
			snprintf(cause, sizeof(cause), "label %d of the batch is"
			    " missing", i);
			goto skip;
		}
		if ((raw = msg_get(&sub, "payload", &rawlen)) != NULL)
			buf_add(&one, raw, rawlen);
		else if (render_to(p, &sub, LABEL_ZPL, &one, cause,
		    sizeof(cause)) == -1)
			goto skip;
		buf_add(b, one.data, one.len);
		snprintf(key, sizeof(key), "data.%d", i);
		msg_put(&p->out, key, one.data, one.len);
		sent++;
		continue;
skip:
		snprintf(key, sizeof(key), "skip.%d", i);
		msg_put_str(&p->out, key, cause);
	}
	buf_free(&one);
	return sent;
}

static void
do_render(struct pd *p, const struct msg *m)
{
	struct buf b;

	buf_init(&b);
	if (render(p, m, (int)msg_int(m, "format", LABEL_ZPL), &b) == 0)
		msg_put(&p->out, "data", b.data ? b.data : "", b.len);
	buf_free(&b);
}

static void
do_submit(struct pd *p, const struct msg *m)
{
	const char *fmt = msg_str(m, "format"), *raw;
	char cause[256], media[80] = "";
	size_t rawlen;
	struct buf b;
	int job, rc, n;

	buf_init(&b);
	if ((n = (int)msg_int(m, "n", 1)) > 1) {
		if (strcmp(fmt, "zpl") != 0 || n > 1000) {
			fail(p, "only raw ZPL labels go many to a job");
			buf_free(&b);
			return;
		}
		if (batch_bytes(p, m, n, &b) == 0) {
			fail(p, "no label of the batch could be drawn");
			buf_free(&b);
			return;
		}
	} else if ((raw = msg_get(m, "payload", &rawlen)) != NULL)
		/* labels sent before carry the bytes that were drawn */
		buf_add(&b, raw, rawlen);
	else if (render(p, m, strcmp(fmt, "pdf") == 0 ? LABEL_PDF : LABEL_ZPL,
	    &b) == -1) {
		buf_free(&b);
		return;
	}
	if (strcmp(fmt, "pdf") == 0) {
		double w, h;

		label_tmpl_size(tmpl_of(p, m), &w, &h);
		snprintf(media, sizeof(media), "custom_%gx%gmm_%gx%gmm", w, h, w,
		    h);
	}
	rc = p->drv->submit(p->priv, msg_str(m, "queue"), msg_str(m, "title"),
	    fmt, media[0] ? media : NULL, b.data ? b.data : "", b.len, &job,
	    cause, sizeof(cause));
	if (rc < 0) {
		fail(p, cause);
		if (rc == -2)
			msg_put_int(&p->out, "unsure", 1);
	} else
		msg_put_int(&p->out, "job", job);
	if (n == 1)
		msg_put(&p->out, "data", b.data ? b.data : "", b.len);
	buf_free(&b);
}

static void
do_job_states(struct pd *p, const struct msg *m)
{
	const char *s = msg_str(m, "jobs");

	while (*s) {
		enum print_job_state js;
		char reason[256], key[32], val[300];
		int job = atoi(s);

		if (p->drv->job_state(p->priv, job, &js, reason,
		    sizeof(reason)) == -1) {
			fail(p, reason);
			return;
		}
		snprintf(key, sizeof(key), "job.%d", job);
		snprintf(val, sizeof(val), "%d %s", (int)js, reason);
		msg_put_str(&p->out, key, val);
		s += strcspn(s, ",");
		s += *s == ',';
	}
}

struct want {
	const char	*title;
	int64_t		 id;
};

/* The label's own title, or that of a batch it went in. */
static int
title_matches(const char *title, void *arg)
{
	const struct want *w = arg;

	return strcmp(title, w->title) == 0 ||
	    (w->id > 0 && title_has_label(title, w->id));
}

static void
do_find_job(struct pd *p, const struct msg *m)
{
	int job = 0, rc;

	struct want w = { msg_str(m, "title"), msg_int(m, "id", 0) };

	rc = p->drv->find_job(p->priv, msg_str(m, "queue"), title_matches, &w,
	    &job);
	if (rc == -1)
		fail(p, "cannot reach the print system");
	else {
		msg_put_int(&p->out, "found", rc);
		msg_put_int(&p->out, "job", job);
	}
}

static void
do_queue_status(struct pd *p, const struct msg *m)
{
	struct print_queue_status qs;
	char cause[256];

	if (p->drv->queue_status(p->priv, msg_str(m, "queue"), &qs, cause,
	    sizeof(cause)) == -1) {
		fail(p, cause);
		return;
	}
	msg_put_int(&p->out, "state", qs.state);
	msg_put_int(&p->out, "accepting", qs.accepting);
	msg_put_str(&p->out, "reasons", qs.reasons);
	msg_put_str(&p->out, "message", qs.message);
}

static void
do_dests(struct pd *p, const struct msg *m)
{
	const char *labels = msg_str(m, "queue");
	struct print_dest *d;
	char cause[256];
	struct buf b;
	int n;

	if (p->drv->destinations(p->priv, &d, &n, cause, sizeof(cause)) == -1) {
		fail(p, cause);
		return;
	}
	buf_init(&b);
	buf_printf(&b, "%-16s %-8s %-9s %-24s %s\n", "QUEUE", "STATE",
	    "ACCEPTING", "MAKE AND MODEL", "DEVICE");
	for (int i = 0; i < n; i++)
		buf_printf(&b, "%-16s %-8s %-9s %-24s %s%s%s\n", d[i].name,
		    d[i].state == 3 ? "idle" : d[i].state == 4 ? "printing" :
		    d[i].state == 5 ? "stopped" : "-", d[i].accepting ? "yes" :
		    "no", d[i].make, d[i].uri,
		    d[i].is_default ? "  (default)" : "",
		    !strcmp(d[i].name, labels) ? "  <- labels" : "");
	if (n == 0)
		buf_puts(&b, "(no queues: add one with lpadmin)\n");
	free(d);
	msg_put_str(&p->out, "text", b.data);
	buf_free(&b);
}

static void
do_document(struct pd *p, const struct msg *m)
{
	int n = (int)msg_int(m, "n", 0), pages = 0;
	struct doc_block *b;
	char cause[512], key[32];
	struct buf out;

	if (n < 0 || n > DOC_MAX_BLOCKS || (b = calloc((size_t)n + 1,
	    sizeof(*b))) == NULL) {
		fail(p, "a document of too many blocks");
		return;
	}
	for (int i = 0; i < n; i++) {
		snprintf(key, sizeof(key), "style.%d", i);
		b[i].style = (int)msg_int(m, key, DOC_TEXT);
		snprintf(key, sizeof(key), "text.%d", i);
		b[i].text = msg_str(m, key);
	}
	buf_init(&out);
	if (doc_render(b, n, msg_str(m, "footer"), &out, &pages, cause,
	    sizeof(cause)) == -1)
		fail(p, cause);
	else {
		msg_put_int(&p->out, "pages", pages);
		msg_put(&p->out, "data", out.data ? out.data : "", out.len);
	}
	buf_free(&out);
	free(b);
}

static void
do_chart(struct pd *p, const struct msg *m)
{
	int fmt = (int)msg_int(m, "format", LABEL_PNG);
	const char *spec = msg_str(m, "chart");
	char cause[256];
	struct buf out;

	if (spec == NULL || (fmt != LABEL_PNG && fmt != LABEL_SVG &&
	    fmt != LABEL_PDF)) {
		fail(p, "a chart is drawn as PNG, SVG or PDF");
		return;
	}
	buf_init(&out);
	if (chart_render(spec, (enum label_format)fmt, &out, cause,
	    sizeof(cause)) == -1)
		fail(p, cause);
	else
		msg_put(&p->out, "data", out.data ? out.data : "", out.len);
	buf_free(&out);
}

static void
do_sheet(struct pd *p, const struct msg *m)
{
	int n = (int)msg_int(m, "n", 0), fmt = (int)msg_int(m, "format", 0);
	char cause[512], key[32];
	struct buf b;
	int rc;

	if (n < 0 || n > SHEET_MODELS_MAX) {
		fail(p, "too many entries for one sheet");
		return;
	}
	buf_init(&b);
	if (m->type == PD_SHEET_COMMANDS) {
		struct sheet_cause c[n ? n : 1];

		for (int i = 0; i < n; i++) {
			snprintf(key, sizeof(key), "code.%d", i);
			c[i].code = msg_str(m, key);
			snprintf(key, sizeof(key), "name.%d", i);
			c[i].name = msg_str(m, key);
		}
		rc = sheet_commands(c, n, (int)msg_int(m, "page", 1), fmt, &b,
		    NULL, cause, sizeof(cause));
	} else if (m->type == PD_SHEET_MODELS) {
		struct sheet_model *md = calloc((size_t)n + 1, sizeof(*md));

		if (md == NULL) {
			fail(p, "out of memory");
			buf_free(&b);
			return;
		}
		for (int i = 0; i < n; i++) {
			snprintf(key, sizeof(key), "model.%d", i);
			md[i].model = msg_str(m, key);
			snprintf(key, sizeof(key), "name.%d", i);
			md[i].name = msg_str(m, key);
			snprintf(key, sizeof(key), "spec.%d", i);
			md[i].spec = msg_str(m, key);
		}
		rc = sheet_models(md, n, (int)msg_int(m, "page", 1), fmt, &b,
		    NULL, cause, sizeof(cause));
		free(md);
	} else {
		struct sheet_badge s[n ? n : 1];

		for (int i = 0; i < n; i++) {
			snprintf(key, sizeof(key), "badge.%d", i);
			s[i].badge = msg_str(m, key);
			snprintf(key, sizeof(key), "name.%d", i);
			s[i].name = msg_str(m, key);
			snprintf(key, sizeof(key), "roles.%d", i);
			s[i].roles = msg_str(m, key);
		}
		rc = sheet_badges(s, n, fmt, &b, NULL, cause, sizeof(cause));
	}
	if (rc == -1)
		fail(p, cause);
	else
		msg_put(&p->out, "data", b.data ? b.data : "", b.len);
	buf_free(&b);
}

/* A photo: decoded here, so that neither its size nor a crash in a
 * decoder reaches the daemon. */
static void
do_decode(struct pd *p, const struct msg *m)
{
	struct zbar_hit *hits;
	unsigned char *gray;
	const char *data;
	char cause[512], key[32];
	size_t len = 0;
	int w, h, n;

	data = msg_get(m, "data", &len);
	if (data == NULL || image_decode_gray(data, len, &gray, &w, &h, cause,
	    sizeof(cause)) == -1) {
		fail(p, data ? cause : "no photo");
		return;
	}
	n = zbar_decode_gray(gray, w, h, &hits);
	free(gray);
	if (n < 0) {
		fail(p, "the barcode reader failed");
		return;
	}
	msg_put_int(&p->out, "n", n);
	for (int i = 0; i < n; i++) {
		snprintf(key, sizeof(key), "type.%d", i);
		msg_put_str(&p->out, key, hits[i].type);
		snprintf(key, sizeof(key), "code.%d", i);
		msg_put_str(&p->out, key, hits[i].data);
	}
	zbar_hits_free(hits, n);
}

/* Renders one throwaway label so fonts are loaded before the first job. */
static void
warm(const struct pd *p)
{
	struct label_data d = { .area = "A", .area_name = "维修区",
	    .case_no = "R00000000-0000", .model = "M", .qty = 1 };
	char cause[256];
	struct buf b;

	buf_init(&b);
	if (label_render(p->cf->area_tmpl, &d, p->cf->label_format,
	    p->cf->label_dpi, &b, NULL, cause, sizeof(cause)) == -1)
		log_warnx("label template %s: %s",
		    label_tmpl_name(p->cf->area_tmpl), cause);
	buf_free(&b);
}

int
printd_main(int fd, const struct st_config *cf)
{
	struct pd p;
	struct buf in;
	struct msg m;
	size_t used = 0;
	int rc;

	/* the daemon's end: when it goes, so does this */
	prctl(PR_SET_PDEATHSIG, SIGTERM);
	if (getppid() == 1)
		return 0;
	signal(SIGPIPE, SIG_IGN);
	memset(&p, 0, sizeof(p));
	p.cf = cf;
	p.drv = &print_driver_cups;
	if ((p.priv = p.drv->open(cf->cups_server)) == NULL)
		fatalx("printer driver");
	warm(&p);
	buf_init(&in);
	buf_init(&p.out);
	while ((rc = msg_read_one(fd, &in, &used, &m)) == 1) {
		buf_reset(&p.out);
		p.start = msg_begin(&p.out, m.type, m.id);
		switch (m.type) {
		case PD_RENDER:
			do_render(&p, &m);
			break;
		case PD_SUBMIT:
			do_submit(&p, &m);
			break;
		case PD_JOB_STATES:
			do_job_states(&p, &m);
			break;
		case PD_FIND_JOB:
			do_find_job(&p, &m);
			break;
		case PD_QUEUE_STATUS:
			do_queue_status(&p, &m);
			break;
		case PD_DESTS:
			do_dests(&p, &m);
			break;
		case PD_SHEET_COMMANDS:
		case PD_SHEET_BADGES:
		case PD_SHEET_MODELS:
			do_sheet(&p, &m);
			break;
		case PD_DECODE:
			do_decode(&p, &m);
			break;
		case PD_DOCUMENT:
			do_document(&p, &m);
			break;
		case PD_CHART:
			do_chart(&p, &m);
			break;
		default:
			fail(&p, "unknown request");
		}
		msg_end(&p.out, p.start);
		if (msg_write_all(fd, &p.out) == -1)
			break;
	}
	if (rc == -1)
		log_warnx("printer side: the daemon's messages are corrupt");
	p.drv->close(p.priv);
	buf_free(&in);
	buf_free(&p.out);
	return rc == -1 ? 1 : 0;
}
