/*
 * stationctl scan-image FILE...: waybill photos that would not scan. The
 * printer side decodes them (zbar); here the waybill among the barcodes is
 * chosen and fed to the desk as a scan; the others are reported.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../common/buf.h"
#include "../common/msg.h"
#include "../db/db.h"
#include "../drivers/image.h"
#include "config.h"
#include "ctl.h"
#include "outbox.h"
#include "printd.h"
#include "scan.h"
#include "station.h"

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

/* Reads the next photo and hands it to the printer side; answers the
 * request after the last. */
static void
decode_next(struct photos *ph)
{
	struct ctl_ctx *c = ctl_req_ctx(ph->req);

	while (ph->next < ph->n) {
		const char *path = ph->files[ph->next++];
		char cause[512];
		struct buf f;
		FILE *fp;
		long len;
		int rc;

		if ((fp = fopen(path, "rb")) == NULL || fseek(fp, 0, SEEK_END) ||
		    (len = ftell(fp)) < 0 || len > IMAGE_MAX_BYTES ||
		    fseek(fp, 0, SEEK_SET)) {
			snprintf(cause, sizeof(cause), "cannot read it, or it is"
			    " larger than %d MiB", IMAGE_MAX_BYTES >> 20);
			buf_printf(c->err, "%s: %s\n", path, cause);
			if (fp)
				fclose(fp);
			worse(ph, CTL_REFUSED);
			continue;
		}
		buf_init(&f);
		{
			char *data = malloc((size_t)len + 1);

			if (data == NULL || fread(data, 1, (size_t)len, fp) !=
			    (size_t)len) {
				free(data);
				fclose(fp);
				buf_printf(c->err, "%s: cannot read\n", path);
				worse(ph, CTL_REFUSED);
				continue;
			}
			msg_put(&f, "data", data, (size_t)len);
			free(data);
		}
		fclose(fp);
		rc = outbox_call(c->st->outbox, PD_DECODE, &f, 60000, decoded,
		    ph);
		buf_free(&f);
		if (rc == 0)
			return;
		buf_printf(c->err, "%s: the printer side is starting again: try"
		    " again in a moment\n", path);
		worse(ph, CTL_FAILED);
	}
	ctl_complete(ph->req, ph->worst);
	free(ph);
}

static enum ctl_status
ctl_scan_image(struct ctl_ctx *c, const struct ctl_args *a)
{
	struct photos *ph;

	if (c->req == NULL) {
		buf_puts(c->err, "scan-image works through the control socket\n");
		return CTL_FAILED;
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
