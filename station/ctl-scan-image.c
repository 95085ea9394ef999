/*
 * stationctl scan-image FILE...: waybill photos that would not scan. The
 * printer side decodes them (zbar); here the waybill among the barcodes is
 * chosen and fed to the desk as a scan; the others are reported.
 */
#include <sys/stat.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../common/buf.h"
#include "../common/log.h"
#include "../common/msg.h"
#include "../db/db.h"
#include "../drivers/image.h"
#include "../drivers/imghdr.h"
#include "config.h"
#include "ctl.h"
#include "outbox.h"
#include "printd.h"
#include "scan.h"
#include "station.h"
#include "worker.h"

/* The photos of one request, decoded one after another. */
struct photos {
	struct ctl_req	*req;
	char		**files;
	int		 n, next;
	enum ctl_status	 worst;
};

static void	decode_next(struct photos *);

static int
is_product(void *arg, const char *code)
{
	struct db_product p;

	return db_product_by_barcode(arg, code, &p) == 1;
}

static void
worse(struct photos *ph, enum ctl_status st)
{
	if (st > ph->worst)
		ph->worst = st;
}

/* The barcodes of one photo: the waybill first, else the first thing the
 * desk understands. */
static void
decoded(struct outbox *ob, const struct msg *m, void *arg)
{
	struct photos *ph = arg;
	struct ctl_ctx *c = ctl_req_ctx(ph->req);
	const struct st_config *cf = c->st->cf;
	const char *path = ph->files[ph->next - 1];
	char key[32], cause[512];
	int n, pick = -1;

	(void)ob;
	if (m == NULL || msg_get(m, "err", NULL)) {
		buf_printf(c->err, "%s: %s\n", path, m ? msg_str(m, "err") :
		    "the printer side did not answer");
		worse(ph, m ? CTL_REFUSED : CTL_FAILED);
		decode_next(ph);
		return;
	}
	n = (int)msg_int(m, "n", 0);
	for (int pass = 0; pass < 2 && pick == -1; pass++)
		for (int i = 0; i < n && pick == -1; i++) {
			struct scan sc;
			const char *code, *why;

			snprintf(key, sizeof(key), "code.%d", i);
			code = msg_str(m, key);
			if (scan_validate(code, strlen(code), &why) == -1 ||
			    scan_classify(code, &cf->carriers, cf->case_prefix,
			    is_product, c->db, &sc, cause, sizeof(cause)) == -1)
				continue;
			if (pass == 1 || sc.cls == SCAN_WAYBILL)
				pick = i;
		}
	for (int i = 0; i < n; i++)
		if (i != pick) {
			char tk[32];

			snprintf(key, sizeof(key), "code.%d", i);
			snprintf(tk, sizeof(tk), "type.%d", i);
			buf_printf(c->out, "%s: also on the photo / 其他条码: %s %s"
			    " (not used)\n", path, msg_str(m, tk), msg_str(m, key));
		}
	if (n == 0) {
		buf_printf(c->err, "%s: no barcode found / 照片中未找到条码\n",
		    path);
		worse(ph, CTL_REFUSED);
	} else if (pick == -1) {
		buf_printf(c->err, "%s: no barcode on the photo is a waybill or"
		    " anything the desk knows / 无可用条码\n", path);
		worse(ph, CTL_REFUSED);
	} else {
		struct buf reply;
		int64_t event;
		enum st_result r;
		const char *code;
		char tk[32];

		snprintf(key, sizeof(key), "code.%d", pick);
		snprintf(tk, sizeof(tk), "type.%d", pick);
		code = msg_str(m, key);
		buf_init(&reply);
		r = intake_scan(&c->st->intake, code, strlen(code), &reply,
		    &event);
		buf_printf(r == ST_OK ? c->out : c->err, "%s: %s %s -> %s\n",
		    path, msg_str(m, tk), code, reply.data ? reply.data : "");
		worse(ph, ctl_status_of(r));
		buf_free(&reply);
	}
	decode_next(ph);
}

/* Reads a photo's bytes in a worker: a large file is not read on the
 * loop that acknowledges scans. */
struct reading {
	struct worker_job	 job;
	struct photos		*ph;
	const char		*path;		/* as the user named it */
	int			 fd;		/* opened by stationctl */
	struct buf		 fields;	/* the request: data */
	char			 why[256];	/* or why it could not be read */
};

static void
read_run(struct worker_job *j, struct db *ro)
{
	struct reading *r = (struct reading *)j;
	unsigned char *data = NULL;
	const char *fmt;
	struct stat sb;
	size_t len, got = 0;
	int w, h;

	(void)ro;
	/* a regular file, read whole; a FIFO or device would never end */
	if (fstat(r->fd, &sb) == -1 || !S_ISREG(sb.st_mode) ||
	    sb.st_size > IMAGE_MAX_BYTES) {
		snprintf(r->why, sizeof(r->why), "not a photo file (a JPEG or"
		    " PNG of at most %d MiB)", IMAGE_MAX_BYTES >> 20);
		return;
	}
	len = (size_t)sb.st_size;
	if ((data = malloc(len + 1)) == NULL) {
		snprintf(r->why, sizeof(r->why), "out of memory");
		return;
	}
	while (got < len) {
		ssize_t n = pread(r->fd, data + got, len - got, (off_t)got);

		if (n <= 0)
			break;
		got += (size_t)n;
	}
	/* its header, before any pixel is decoded */
	if (got != len)
		snprintf(r->why, sizeof(r->why), "cannot read it");
	else if (image_header(data, len, &fmt, &w, &h, r->why,
	    sizeof(r->why)) == 0)
		msg_put(&r->fields, "data", data, len);
	free(data);
}

static void
read_done(struct worker_job *j)
{
	struct reading *r = (struct reading *)j;
	struct photos *ph = r->ph;
	struct ctl_ctx *c = ctl_req_ctx(ph->req);

	if (j->cancelled) {
		buf_free(&r->fields);
		free(r);
		ctl_complete(ph->req, CTL_FAILED);
		free(ph);
		return;
	}
	if (r->why[0]) {
		buf_printf(c->err, "%s: %s\n", r->path, r->why);
		worse(ph, CTL_REFUSED);
	} else if (outbox_call(c->st->outbox, PD_DECODE, &r->fields, 60000,
	    decoded, ph) == 0) {
		buf_free(&r->fields);
		free(r);
		return;
	} else {
		buf_printf(c->err, "%s: the printer side is starting again: try"
		    " again in a moment\n", r->path);
		worse(ph, CTL_FAILED);
	}
	buf_free(&r->fields);
	free(r);
	decode_next(ph);
}

/* The next photo, or the answer after the last. */
static void
decode_next(struct photos *ph)
{
	struct ctl_ctx *c = ctl_req_ctx(ph->req);
	struct reading *r;

	if (ph->next == ph->n) {
		ctl_complete(ph->req, ph->worst);
		free(ph);
		return;
	}
	if ((r = calloc(1, sizeof(*r))) == NULL)
		fatal("calloc");
	r->job.run = read_run;
	r->job.done = read_done;
	r->ph = ph;
	r->fd = c->fds[ph->next];
	r->path = ph->files[ph->next++];
	buf_init(&r->fields);
	workers_submit(c->st->workers, &r->job);
}

static enum ctl_status
ctl_scan_image(struct ctl_ctx *c, const struct ctl_args *a)
{
	struct photos *ph;

	if (c->req == NULL) {
		buf_puts(c->err, "scan-image works through the control socket\n");
		return CTL_FAILED;
	}
	if (c->nfds != a->npos) {
		buf_puts(c->err, "the photos come open from stationctl: give their"
		    " paths to stationctl\n");
		return CTL_USAGE;
	}
	if ((ph = calloc(1, sizeof(*ph))) == NULL)
		return CTL_FAILED;
	ph->req = ctl_defer(c);
	ph->files = a->pos;	/* kept by the request */
	ph->n = a->npos;
	decode_next(ph);
	return CTL_DEFER;
}

const struct ctl_cmd ctl_cmd_scan_image = {
	.name = "scan-image", .args = "FILE...", .minpos = 1, .maxpos = 64,
	.help = "waybill photos (JPEG, PNG) decoded with zbar and taken as"
	    " scans",
	.exec = ctl_scan_image,
};
