/*
 * stationctl scan-image FILE...: waybill photos that would not scan,
 * decoded with zbar in the daemon and fed to the desk as scans. Of several
 * barcodes on one photo the waybill is taken and the others reported.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../db/db.h"
#include "../drivers/image.h"
#include "../drivers/zbar_decode.h"
#include "../common/buf.h"
#include "config.h"
#include "ctl.h"
#include "scan.h"
#include "station.h"

static int
is_product(void *arg, const char *code)
{
	struct db_product p;

	return db_product_by_barcode(arg, code, &p) == 1;
}

static enum ctl_status
one_photo(struct ctl_ctx *c, const char *path)
{
	const struct st_config *cf = c->st->cf;
	struct zbar_hit *hits;
	unsigned char *gray;
	char cause[512];
	enum ctl_status rc;
	int w, h, n, pick = -1;

	if (image_load_gray(path, &gray, &w, &h, cause, sizeof(cause)) == -1) {
		buf_printf(c->err, "%s\n", cause);
		return CTL_REFUSED;
	}
	n = zbar_decode_gray(gray, w, h, &hits);
	free(gray);
	if (n <= 0) {
		buf_printf(c->err, "%s: no barcode found / 照片中未找到条码\n",
		    path);
		if (n == 0)
			zbar_hits_free(hits, 0);
		return CTL_REFUSED;
	}
	/* the waybill first; else the first thing the desk understands */
	for (int pass = 0; pass < 2 && pick == -1; pass++)
		for (int i = 0; i < n && pick == -1; i++) {
			struct scan sc;
			const char *why;

			if (scan_validate(hits[i].data, strlen(hits[i].data),
			    &why) == -1 ||
			    scan_classify(hits[i].data, &cf->carriers,
			    cf->case_prefix, is_product, c->db, &sc, cause,
			    sizeof(cause)) == -1)
				continue;
			if (pass == 1 || sc.cls == SCAN_WAYBILL)
				pick = i;
		}
	for (int i = 0; i < n; i++)
		if (i != pick)
			buf_printf(c->out, "%s: also on the photo / 其他条码: %s %s"
			    " (not used)\n", path, hits[i].type, hits[i].data);
	if (pick == -1) {
		buf_printf(c->err, "%s: no barcode on the photo is a waybill or"
		    " anything the desk knows / 无可用条码\n", path);
		zbar_hits_free(hits, n);
		return CTL_REFUSED;
	}
	{
		struct buf reply;
		int64_t event;
		enum st_result r;

		buf_init(&reply);
		r = intake_scan(&c->st->intake, hits[pick].data,
		    strlen(hits[pick].data), &reply, &event);
		buf_printf(r == ST_OK ? c->out : c->err, "%s: %s %s -> %s\n",
		    path, hits[pick].type, hits[pick].data,
		    reply.data ? reply.data : "");
		rc = ctl_status_of(r);
		buf_free(&reply);
	}
	zbar_hits_free(hits, n);
	return rc;
}

static enum ctl_status
ctl_scan_image(struct ctl_ctx *c, const struct ctl_args *a)
{
	enum ctl_status worst = CTL_OK;

	for (int i = 0; i < a->npos; i++) {
		enum ctl_status rc = one_photo(c, a->pos[i]);

		if (rc > worst)
			worst = rc;
	}
	return worst;
}

const struct ctl_cmd ctl_cmd_scan_image = {
	.name = "scan-image", .args = "FILE...", .minpos = 1, .maxpos = 64,
	.help = "waybill photos (JPEG, PNG) decoded with zbar and taken as"
	    " scans",
	.exec = ctl_scan_image,
};
