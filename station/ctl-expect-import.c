/*
 * stationctl expect import FILE.csv [--skip-bad] [--dry-run]: expected
 * returns from customer service's spreadsheet. Headers in Chinese or
 * English, matched by name; one row an item, rows of one waybill one
 * return. All or nothing unless --skip-bad; every refused row is named.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "../common/buf.h"
#include "../common/csv.h"
#include "../common/json.h"
#include "../db/db.h"
#include "ctl.h"
#include "expect.h"
#include "role.h"
#include "station.h"

#define IMPORT_MAX_BYTES	(8 << 20)
#define IMPORT_MAX_ROWS		5000	/* one transaction on the desk's loop */

enum col { C_WAYBILL, C_CUSTOMER, C_CONTACT, C_PHONE, C_ADDRESS, C_REP,
    C_ORDER, C_COMPLAINT, C_MODEL, C_QTY, C_CCT, C_NCOLS };

/* The names a column goes by, lower case for English. */
static const char *const names[C_NCOLS][8] = {
	[C_WAYBILL] = { "waybill", "return waybill", "寄回单号", "退货单号",
	    "快递单号", "运单号", NULL },
	[C_CUSTOMER] = { "customer", "unit", "退货单位", "客户", "客户名称",
	    NULL },
	[C_CONTACT] = { "contact", "联系人", NULL },
	[C_PHONE] = { "phone", "客户电话", "电话", "联系电话", "手机", NULL },
	[C_ADDRESS] = { "address", "地址", "客户地址", NULL },
	[C_REP] = { "service rep", "service_rep", "客服", NULL },
	[C_ORDER] = { "order", "order no", "订单号", "售后单号", NULL },
	[C_COMPLAINT] = { "complaint", "reason", "客诉原因", "退货原因",
	    NULL },
	[C_MODEL] = { "model", "规格型号", "型号", "产品型号", NULL },
	[C_QTY] = { "quantity", "qty", "数量", NULL },
	[C_CCT] = { "cct", "colour temperature", "color temperature", "色温",
	    NULL },
};

struct group {
	struct expect_in e;
	char	 item[EXPECT_MAX_ITEMS][100];
	int	 line;		/* its first row */
};

struct imp {
	struct ctl_ctx	*c;
	int		 col[C_NCOLS];	/* field index, -1 absent */
	int		 header;
	int		 rows;
	struct group	*g;	/* returns, in file order */
	int		 ng, cap;
	char		**keep;	/* copies of fields, freed at the end */
	int		 nkeep, capkeep;
	char		 why[256];
};

static const char *
keep(struct imp *im, const char *v)
{
	char *p;

	if (v == NULL || *v == '\0')
		return NULL;
	if (im->nkeep == im->capkeep) {
		int cap = im->capkeep ? im->capkeep * 2 : 256;
		char **k = realloc(im->keep, (size_t)cap * sizeof(*k));

		if (k == NULL)
			return NULL;
		im->keep = k;
		im->capkeep = cap;
	}
	if ((p = strdup(v)) == NULL)
		return NULL;
	im->keep[im->nkeep++] = p;
	return p;
}

static int
header(struct imp *im, char **f, int n)
{
	for (int k = 0; k < C_NCOLS; k++)
		im->col[k] = -1;
	for (int i = 0; i < n; i++) {
		csv_trim(f[i]);
		for (int k = 0; k < C_NCOLS; k++)
			for (int w = 0; names[k][w]; w++)
				if (strcasecmp(f[i], names[k][w]) == 0 &&
				    im->col[k] < 0)
					im->col[k] = i;
	}
	if (im->col[C_WAYBILL] < 0 || im->col[C_CUSTOMER] < 0) {
		snprintf(im->why, sizeof(im->why), "the header names no %s"
		    " column (寄回单号 / waybill and 客户 / customer are needed)",
		    im->col[C_WAYBILL] < 0 ? "waybill" : "customer");
		return -1;
	}
	return 0;
}

static const char *
field(struct imp *im, char **f, int n, enum col k)
{
	int i = im->col[k];

	if (i < 0 || i >= n)
		return NULL;
	csv_trim(f[i]);
	return f[i][0] ? f[i] : NULL;
}

static int
row(void *arg, char **f, int n, int line)
{
	struct imp *im = arg;
	const char *wb, *model;
	struct group *g = NULL;

	if (!im->header) {
		im->header = 1;
		return header(im, f, n);
	}
	if (++im->rows > IMPORT_MAX_ROWS) {
		snprintf(im->why, sizeof(im->why), "more than %d rows: split the"
		    " file", IMPORT_MAX_ROWS);
		return -1;
	}
	wb = field(im, f, n, C_WAYBILL);
	for (int i = im->ng - 1; wb && i >= 0 && i >= im->ng - 64; i--)
		if (strcasecmp(im->g[i].e.waybill, wb) == 0)
			g = &im->g[i];
	if (g == NULL) {
		if (im->ng == im->cap) {
			int cap = im->cap ? im->cap * 2 : 64;
			struct group *v = realloc(im->g, (size_t)cap *
			    sizeof(*v));

			if (v == NULL)
				return -1;
			im->g = v;
			im->cap = cap;
		}
		g = &im->g[im->ng++];
		memset(g, 0, sizeof(*g));
		g->line = line;
		g->e.waybill = wb ? keep(im, wb) : "";
		if (g->e.waybill == NULL)
			g->e.waybill = "";
		g->e.cu.name = keep(im, field(im, f, n, C_CUSTOMER));
		g->e.cu.contact = keep(im, field(im, f, n, C_CONTACT));
		g->e.cu.phone = keep(im, field(im, f, n, C_PHONE));
		g->e.cu.address = keep(im, field(im, f, n, C_ADDRESS));
		g->e.cu.service_rep = keep(im, field(im, f, n, C_REP));
		g->e.cu.order_no = keep(im, field(im, f, n, C_ORDER));
		g->e.cu.complaint = keep(im, field(im, f, n, C_COMPLAINT));
	}
	if ((model = field(im, f, n, C_MODEL)) != NULL) {
		const char *q = field(im, f, n, C_QTY), *k = field(im, f, n,
		    C_CCT);
		int i = g->e.nitems;

		if (i == EXPECT_MAX_ITEMS) {
			g->e.nitems = EXPECT_MAX_ITEMS + 1;	/* refused */
			return 0;
		}
		snprintf(g->item[i], sizeof(g->item[i]), "%.64s:%.8s%s%.8s",
		    model, q ? q : "1", k ? ":" : "", k ? k : "");
		g->e.items[i] = g->item[i];
		g->e.nitems = i + 1;
	}
	return 0;
}

static void
imp_free(struct imp *im)
{
	for (int i = 0; i < im->nkeep; i++)
		free(im->keep[i]);
	free(im->keep);
	free(im->g);
}

static enum ctl_status
ctl_expect_import(struct ctl_ctx *c, const struct ctl_args *a)
{
	int skip = ctl_opt(a, "--skip-bad") != NULL;
	int dry = ctl_opt(a, "--dry-run") != NULL;
	struct buf raw, text, why, report;
	struct db_operator op;
	const char *enc = "";
	struct imp im;
	int stored = 0, refused = 0, rc = 0;

	if (c->nfds != 1) {
		buf_puts(c->err, "the file comes open from stationctl: give its"
		    " path to stationctl\n");
		return CTL_USAGE;
	}
	if (db_operator_get(c->db, c->operator, &op) != 1)
		return CTL_FAILED;
	memset(&im, 0, sizeof(im));
	im.c = c;
	buf_init(&raw);
	buf_init(&text);
	buf_init(&why);
	buf_init(&report);
	if (ctl_slurp(c->fds[0], &raw, IMPORT_MAX_BYTES, im.why, sizeof(im.why)) == -1 ||
	    csv_to_utf8(raw.data ? raw.data : "", raw.len, &text, &enc, im.why,
	    sizeof(im.why)) == -1 ||
	    csv_parse(text.data ? text.data : "", text.len, row, &im, im.why,
	    sizeof(im.why)) != 0) {
		buf_printf(c->err, "%s: nothing was imported / 未导入\n",
		    im.why[0] ? im.why : "the file could not be read");
		rc = CTL_REFUSED;
		goto out;
	}
	if (!im.header) {
		buf_puts(c->err, "the file is empty: nothing was imported\n");
		rc = CTL_REFUSED;
		goto out;
	}
	if (db_begin(c->db) == -1) {
		rc = CTL_FAILED;
		goto out;
	}
	for (int i = 0; i < im.ng; i++) {
		struct group *g = &im.g[i];
		int r;

		buf_reset(&why);
		if (g->e.cu.name == NULL) {
			buf_puts(&why, "no customer / 缺少客户");
			r = 0;
		} else
			r = expect_add(c->db, c->st->cf, &op, &g->e, &why);
		if (r == -1) {
			rc = ctl_import_abort(c);
			goto out;
		}
		if (r == 0) {
			refused++;
			buf_printf(&report, "line %d (%s): %s\n", g->line,
			    g->e.waybill[0] ? g->e.waybill : "no waybill",
			    why.data);
		} else
			stored++;
	}
	if (dry || (refused && !skip)) {
		db_rollback(c->db);
		buf_printf(refused && !dry ? c->err : c->out, "%s", report.data ?
		    report.data : "");
		if (dry)
			buf_printf(c->out, "dry run (%s): %d expected return%s"
			    " would be registered, %d refused; nothing was"
			    " stored / 试运行，未写入\n", enc, stored,
			    stored == 1 ? "" : "s", refused);
		else
			buf_printf(c->err, "%d row group%s refused: nothing was"
			    " imported (--skip-bad imports the rest) / 有错误，"
			    "未导入\n", refused, refused == 1 ? "" : "s");
		rc = refused && !dry ? CTL_REFUSED : CTL_OK;
		goto out;
	}
	{
		struct buf d;
		struct json j;

		buf_init(&d);
		json_init(&j, &d);
		json_open(&j, NULL);
		json_str(&j, "encoding", enc);
		json_int(&j, "stored", stored);
		json_int(&j, "refused", refused);
		json_close(&j);
		rc = ctl_import_commit(c, op.badge, "expected.import", "expected",
		    d.data) == -1 ? CTL_FAILED : CTL_OK;
		buf_free(&d);
		if (rc != CTL_OK)
			goto out;
	}
	buf_printf(c->out, "%s", report.data ? report.data : "");
	buf_printf(c->out, "imported (%s): %d expected return%s, %d refused"
	    " / 已导入\n", enc, stored, stored == 1 ? "" : "s", refused);
out:
	imp_free(&im);
	buf_free(&raw);
	buf_free(&text);
	buf_free(&why);
	buf_free(&report);
	return rc;
}

const struct ctl_cmd ctl_cmd_expect_import = {
	.name = "expect import", .args = "FILE.csv", .minpos = 1, .maxpos = 1,
	.opts = {
		{ "--skip-bad", NULL, 0, "import the good rows, report the"
		    " rest" },
		{ "--dry-run", NULL, 0, "check and report, store nothing" },
	},
	.roles = ROLE_SERVICE | ROLE_INTAKE | ROLE_SUPERVISOR,
	.help = "expected returns from a CSV (UTF-8 or GB18030; headers 寄回单号"
	    " 客户 联系人 电话 地址 客服 订单号 客诉原因 型号 数量 色温 or in"
	    " English); one row an item",
	.exec = ctl_expect_import,
};
