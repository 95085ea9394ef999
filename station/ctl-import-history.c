/*
 * stationctl --operator B import history FILE.csv [--map FILE] [--dry-run]
 * [--skip-bad]: the desk's hand-kept after-sales table as past cases.
 * UTF-8 (with or without BOM) or GB18030; headers in Chinese or English,
 * matched by name, or renamed by a --map file of "their name = ours"
 * lines. A row an item; rows of one waybill and return date are one case.
 * All or nothing unless --skip-bad; a case already there (same waybill,
 * same day) is left as it is, so a second import changes nothing.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "../common/buf.h"
#include "../common/csv.h"
#include "../common/json.h"
#include "../db/db.h"
#include "config.h"
#include "ctl.h"
#include "report.h"
#include "role.h"
#include "scan.h"
#include "station.h"

#define HIST_MAX_BYTES	(16 << 20)
#define HIST_MAX_ROWS	20000	/* one transaction on the desk's loop */
#define MAP_MAX		64
#define ITEMS_MAX	200	/* in one case */

enum col { H_DATE, H_WAYBILL, H_NAME, H_MODEL, H_CCT, H_QTY, H_KIND,
    H_CUSTOMER, H_REP, H_PHONE, H_COMPLAINT, H_CAUSE, H_PARTS, H_OUT,
    H_SHIPPED, H_NOTE, H_NCOLS };

/* The names a column goes by (English compared without case); the first
 * is the procedures' own. */
static const char *const names[H_NCOLS][8] = {
	[H_DATE] = { "寄回日期", "return date", "received", "收货日期",
	    "退货日期", NULL },
	[H_WAYBILL] = { "寄回单号", "return waybill", "waybill", "退货单号",
	    "快递单号", NULL },
	[H_NAME] = { "灯具名称", "lamp name", "name", "产品名称", NULL },
	[H_MODEL] = { "规格型号", "spec/model", "model", "型号", "spec", NULL },
	[H_CCT] = { "色温", "cct", NULL },
	[H_QTY] = { "数量", "quantity", "qty", NULL },
	[H_KIND] = { "维修/退货", "repair or return", "kind", "类型", NULL },
	[H_CUSTOMER] = { "客户", "customer", "退货单位", NULL },
	[H_REP] = { "客服", "service rep", NULL },
	[H_PHONE] = { "客户电话", "phone", "电话", NULL },
	[H_COMPLAINT] = { "客诉原因", "complaint reason", "complaint", NULL },
	[H_CAUSE] = { "实际检测原因", "detected cause", "cause", NULL },
	[H_PARTS] = { "更换配件", "parts replaced", "parts", NULL },
	[H_OUT] = { "出货单号", "outbound waybill", NULL },
	[H_SHIPPED] = { "出货日期", "ship date", NULL },
	[H_NOTE] = { "备注", "note", NULL },
};

struct group {
	struct db_history h;
	int	 line;		/* its first row */
	char	 why[300];	/* "" while good */
	unsigned long *rowsum;	/* an item's row, to know a repeated one */
	int	 cap;
};

struct imp {
	struct ctl_ctx	*c;
	const struct st_config *cf;
	char		 map[MAP_MAX][2][100];	/* their name -> ours */
	int		 nmap;
	int		 col[H_NCOLS];
	int		 header;
	int		 rows, repeats;
	struct buf	 notes;		/* unknown columns, repeated rows */
	struct group	*g;
	int		 ng, cap;
	char		 why[300];
};

static int
name_is(const char *s, enum col k)
{
	for (int w = 0; names[k][w]; w++)
		if (strcasecmp(s, names[k][w]) == 0)
			return 1;
	return 0;
}

static int
header(struct imp *im, char **f, int n)
{
	for (int k = 0; k < H_NCOLS; k++)
		im->col[k] = -1;
	for (int i = 0; i < n; i++) {
		const char *h = f[i];
		int known = 0;

		csv_trim(f[i]);
		for (int m = 0; m < im->nmap; m++)
			if (strcasecmp(h, im->map[m][0]) == 0)
				h = im->map[m][1];
		for (int k = 0; k < H_NCOLS; k++)
			if (name_is(h, k) && im->col[k] < 0) {
				im->col[k] = i;
				known = 1;
			}
		if (!known && f[i][0])
			buf_printf(&im->notes, "column '%s' is not one the"
			    " station keeps: ignored / 未识别的列已忽略\n", f[i]);
	}
	if (im->col[H_DATE] < 0 || im->col[H_WAYBILL] < 0 ||
	    (im->col[H_MODEL] < 0 && im->col[H_NAME] < 0)) {
		snprintf(im->why, sizeof(im->why), "the header names no %s column"
		    " (寄回日期 return date, 寄回单号 return waybill and 规格型号"
		    " model or 灯具名称 lamp name are needed; --map renames)",
		    im->col[H_DATE] < 0 ? "return date" : im->col[H_WAYBILL] < 0 ?
		    "return waybill" : "model");
		return -1;
	}
	return 0;
}

static const char *
field(struct imp *im, char **f, int n, enum col k)
{
	int i = im->col[k];

	if (i < 0 || i >= n)
		return "";
	csv_trim(f[i]);
	return f[i];
}

/* A day as the table writes it: 2026-11-24, 2026/11/24, 2026.11.24,
 * 2026年11月24日 or 20261124. */
static int
day(const char *s, char out[11])
{
	int y, m, d;
	char tail[8] = "";

	if (sscanf(s, "%4d-%2d-%2d%7s", &y, &m, &d, tail) < 3 &&
	    sscanf(s, "%4d/%2d/%2d%7s", &y, &m, &d, tail) < 3 &&
	    sscanf(s, "%4d.%2d.%2d%7s", &y, &m, &d, tail) < 3 &&
	    sscanf(s, "%4d年%2d月%2d%7s", &y, &m, &d, tail) < 3 &&
	    (strlen(s) != 8 || strspn(s, "0123456789") != 8 ||
	    sscanf(s, "%4d%2d%2d", &y, &m, &d) != 3))
		return -1;
	if (tail[0] && strcmp(tail, "日"))
		return -1;
	snprintf(out, 11, "%04d-%02d-%02d", y, m, d);
	return y >= 1990 && y <= 2100 && report_day_ok(out) ? 0 : -1;
}

/* A local day's midnight in UTC. */
static void
midnight(const char *d, char *out, size_t len)
{
	struct db_period p;

	report_range(d, d, &p);
	snprintf(out, len, "%s", p.from);
}

static const char *
kind_of(const char *s)
{
	static const struct { const char *w, *kind; } k[] = {
		{ "维修", "repair" }, { "repair", "repair" },
		{ "退货", "return" }, { "return", "return" },
		{ "换货", "exchange" }, { "exchange", "exchange" },
		{ "7天无理由", "noreason7" }, { "七天无理由", "noreason7" },
		{ "7天无理由退货", "noreason7" }, { "noreason7", "noreason7" },
	};

	for (size_t i = 0; i < sizeof(k) / sizeof(k[0]); i++)
		if (strcasecmp(s, k[i].w) == 0)
			return k[i].kind;
	return NULL;
}

static int
bad(struct group *g, const char *fmt, const char *v)
{
	if (g->why[0] == '\0')
		snprintf(g->why, sizeof(g->why), fmt, v);
	return 0;
}

/* Text of at most max bytes, valid UTF-8, no control characters. */
static int
text(struct group *g, const char *what, const char *v, char *out, size_t max)
{
	struct buf why;
	int ok;

	if (*v == '\0') {
		out[0] = '\0';
		return 1;
	}
	buf_init(&why);
	ok = strlen(v) < max && scan_text_ok(what, v, max - 1, &why);
	if (!ok)
		bad(g, "%s", why.len ? why.data : "a field is too long");
	else
		snprintf(out, max, "%s", v);
	buf_free(&why);
	return ok;
}

/* "DRV-60W x2; 灯珠、透镜*3": parts and how many of each. */
static void
parts(struct group *g, const char *v)
{
	char buf[600], *save = NULL, *p;

	snprintf(buf, sizeof(buf), "%s", v);
	/* the table's separators, ASCII and full-width, as one */
	for (const char *sep[] = { "；", "，", "、", NULL }, **s = sep; *s;
	    s++)
		for (char *q; (q = strstr(buf, *s)) != NULL; )
			memcpy(q, ";;;", 3);
	for (p = strtok_r(buf, ";,/", &save); p; p = strtok_r(NULL, ";,/",
	    &save)) {
		char *x;
		int q = 1;

		csv_trim(p);
		if (*p == '\0')
			continue;
		if (g->h.nparts == DB_HISTORY_PARTS) {
			bad(g, "more than %s parts in one row", "16");
			return;
		}
		/* a count at the end: "x2", "*2", "×2" */
		if (((x = strrchr(p, 'x')) || (x = strrchr(p, 'X')) ||
		    (x = strrchr(p, '*'))) && x > p && x[1] &&
		    strspn(x + 1, "0123456789") == strlen(x + 1)) {
			q = atoi(x + 1);
			*x = '\0';
		} else if ((x = strstr(p, "×")) && x > p && x[2] &&
		    strspn(x + 2, "0123456789") == strlen(x + 2)) {
			q = atoi(x + 2);
			*x = '\0';
		}
		csv_trim(p);
		if (q < 1 || q > 9999 || *p == '\0' || strlen(p) > 64) {
			bad(g, "a part '%s' is not NAME or NAME x COUNT", p);
			return;
		}
		snprintf(g->h.parts[g->h.nparts].part,
		    sizeof(g->h.parts[0].part), "%s", p);
		g->h.parts[g->h.nparts++].quantity = q;
	}
}

static unsigned long
rowsum(char **f, int n)
{
	unsigned long h = 5381;

	for (int i = 0; i < n; i++) {
		for (const char *p = f[i]; *p; p++)
			h = h * 33 + (unsigned char)*p;
		h = h * 33 + 0x1f;
	}
	return h;
}

/* The case-level fields of a case's first row. */
static void
case_fields(struct imp *im, struct group *g, char **f, int n)
{
	struct db_history *h = &g->h;
	const char *v;
	struct scan sc;
	char cause[160];

	v = field(im, f, n, H_WAYBILL);
	if (*v == '\0')
		bad(g, "no return waybill%s", "");
	else if (text(g, "return waybill", v, h->waybill, sizeof(h->waybill))) {
		for (char *p = h->waybill; *p; p++)
			*p = (char)toupper((unsigned char)*p);
		if (scan_classify(h->waybill, &im->cf->carriers,
		    im->cf->case_prefix, NULL, NULL, &sc, cause,
		    sizeof(cause)) == 0 && sc.cls == SCAN_WAYBILL)
			snprintf(h->carrier, sizeof(h->carrier), "%s", sc.carrier);
		else
			snprintf(h->carrier, sizeof(h->carrier), "-");
	}
	v = field(im, f, n, H_KIND);
	if (*v && kind_of(v) == NULL)
		bad(g, "'%s' is no kind: 维修 repair, 退货 return, 换货 exchange"
		    " or 7天无理由", v);
	else if (*v)
		snprintf(h->kind, sizeof(h->kind), "%s", kind_of(v));
	text(g, "customer", field(im, f, n, H_CUSTOMER), h->customer,
	    sizeof(h->customer));
	text(g, "service rep", field(im, f, n, H_REP), h->service_rep,
	    sizeof(h->service_rep));
	text(g, "phone", field(im, f, n, H_PHONE), h->phone, sizeof(h->phone));
	text(g, "complaint", field(im, f, n, H_COMPLAINT), h->complaint,
	    sizeof(h->complaint));
	text(g, "detected cause", field(im, f, n, H_CAUSE), h->cause,
	    sizeof(h->cause));
	if (*(v = field(im, f, n, H_PARTS)))
		parts(g, v);
	text(g, "outbound waybill", field(im, f, n, H_OUT), h->out_waybill,
	    sizeof(h->out_waybill));
	if (h->out_waybill[0]) {
		for (char *p = h->out_waybill; *p; p++)
			*p = (char)toupper((unsigned char)*p);
		if (scan_classify(h->out_waybill, &im->cf->carriers,
		    im->cf->case_prefix, NULL, NULL, &sc, cause,
		    sizeof(cause)) == 0 && sc.cls == SCAN_WAYBILL)
			snprintf(h->out_carrier, sizeof(h->out_carrier), "%s",
			    sc.carrier);
		else
			snprintf(h->out_carrier, sizeof(h->out_carrier), "-");
	}
	if (*(v = field(im, f, n, H_SHIPPED))) {
		char d[11];

		if (day(v, d) == -1)
			bad(g, "'%s' is no ship date (YYYY-MM-DD)", v);
		else if (strcmp(d, h->received_date) < 0)
			bad(g, "shipped on %s, before it came back", d);
		else if (h->out_waybill[0] == '\0')
			bad(g, "a ship date without an outbound waybill%s", "");
		else
			midnight(d, h->shipped_at, sizeof(h->shipped_at));
	} else if (h->out_waybill[0])
		bad(g, "an outbound waybill without a ship date%s", "");
	/* past work is done work; a repair not yet shipped is still open */
	snprintf(h->state, sizeof(h->state), "%s", h->shipped_at[0] ||
	    !strcmp(h->kind, "return") || !strcmp(h->kind, "noreason7") ?
	    "closed" : "registered");
}

static int
row(void *arg, char **f, int n, int line)
{
	struct imp *im = arg;
	char d[11], key[80];
	const char *date, *wb, *v;
	struct group *g = NULL;
	struct db_history_item *it;
	unsigned long sum;
	char *end;
	long q;

	if (!im->header) {
		im->header = 1;
		return header(im, f, n);
	}
	if (++im->rows > HIST_MAX_ROWS) {
		snprintf(im->why, sizeof(im->why), "more than %d rows: split the"
		    " file", HIST_MAX_ROWS);
		return -1;
	}
	date = field(im, f, n, H_DATE);
	wb = field(im, f, n, H_WAYBILL);
	if (day(date, d) == -1)
		snprintf(d, sizeof(d), "?");
	snprintf(key, sizeof(key), "%.64s", wb);
	for (char *p = key; *p; p++)
		*p = (char)toupper((unsigned char)*p);
	/* rows of one waybill and day are one case, wherever they are */
	for (int i = im->ng - 1; *wb && d[0] != '?' && i >= 0; i--)
		if (!strcmp(im->g[i].h.waybill, key) &&
		    !strcmp(im->g[i].h.received_date, d)) {
			g = &im->g[i];
			break;
		}
	if (g == NULL) {
		if (im->ng == im->cap) {
			int cap = im->cap ? im->cap * 2 : 64;
			struct group *nv = realloc(im->g, (size_t)cap *
			    sizeof(*nv));

			if (nv == NULL)
				return -1;
			im->g = nv;
			im->cap = cap;
		}
		g = &im->g[im->ng++];
		memset(g, 0, sizeof(*g));
		g->line = line;
		if (d[0] == '?')
			bad(g, *date ? "'%s' is no return date (YYYY-MM-DD)" :
			    "no return date%s", date);
		else {
			snprintf(g->h.received_date, sizeof(g->h.received_date),
			    "%s", d);
			midnight(d, g->h.received_at, sizeof(g->h.received_at));
		}
		case_fields(im, g, f, n);
	}
	sum = rowsum(f, n);
	for (int i = 0; i < g->h.nitems; i++)
		if (g->rowsum[i] == sum) {
			buf_printf(&im->notes, "line %d repeats an earlier row of"
			    " %s: skipped / 重复行已跳过\n", line, key);
			im->repeats++;
			return 0;
		}
	if (g->h.nitems == ITEMS_MAX) {
		bad(g, "more than %s items in one case", "200");
		return 0;
	}
	if (g->h.nitems == g->cap) {
		int cap = g->cap ? g->cap * 2 : 2;
		struct db_history_item *nv = realloc(g->h.items, (size_t)cap *
		    sizeof(*nv));
		unsigned long *ns;

		if (nv == NULL)
			return -1;
		g->h.items = nv;
		if ((ns = realloc(g->rowsum, (size_t)cap * sizeof(*ns))) == NULL)
			return -1;
		g->rowsum = ns;
		g->cap = cap;
	}
	it = &g->h.items[g->h.nitems];
	memset(it, 0, sizeof(*it));
	g->rowsum[g->h.nitems++] = sum;
	v = field(im, f, n, H_MODEL);
	if (*v == '\0')
		v = field(im, f, n, H_NAME);
	if (*v == '\0')
		bad(g, "line without a model or lamp name%s", "");
	else
		text(g, "model", v, it->model, sizeof(it->model));
	if (*field(im, f, n, H_MODEL))
		text(g, "lamp name", field(im, f, n, H_NAME), it->spec,
		    sizeof(it->spec));
	text(g, "note", field(im, f, n, H_NOTE), it->note, sizeof(it->note));
	v = field(im, f, n, H_QTY);
	q = *v ? strtol(v, &end, 10) : 1;
	if (*v && (*end || q < 1 || q > 9999))
		bad(g, "'%s' is no quantity (1 to 9999)", v);
	it->quantity = (int)q;
	v = field(im, f, n, H_CCT);
	if (*v) {
		q = strtol(v, &end, 10);
		if ((*end && strcasecmp(end, "k")) || q < 1000 || q > 20000)
			bad(g, "'%s' is no colour temperature (e.g. 4000K)", v);
		it->cct = (int)q;
	}
	return 0;
}

/* "their name = ours" lines; # starts a comment. */
static int
read_map(struct imp *im, const char *text, char *why, size_t wlen)
{
	char line[300];
	int no = 0;

	for (const char *p = text, *nl; *p; p = *nl ? nl + 1 : nl) {
		char *eq, *a, *b;
		int known = 0;

		if ((nl = strchr(p, '\n')) == NULL)
			nl = p + strlen(p);
		no++;
		snprintf(line, sizeof(line), "%.*s", (int)(nl - p), p);
		if ((eq = strchr(line, '#')) != NULL)
			*eq = '\0';
		csv_trim(line);
		if (line[0] == '\0')
			continue;
		if ((eq = strchr(line, '=')) == NULL) {
			snprintf(why, wlen, "--map line %d: write THEIR NAME ="
			    " OUR NAME", no);
			return -1;
		}
		*eq = '\0';
		a = line;
		b = eq + 1;
		csv_trim(a);
		csv_trim(b);
		for (int k = 0; k < H_NCOLS; k++)
			known |= name_is(b, k);
		if (!known || *a == '\0' || strlen(a) >= 100 ||
		    im->nmap == MAP_MAX) {
			snprintf(why, wlen, "--map line %d: '%s' is not a column"
			    " the station keeps (寄回日期, 寄回单号, 灯具名称, 规格"
			    "型号, 色温, 数量, 维修/退货, 客户, 客服, 客户电话, 客诉"
			    "原因, 实际检测原因, 更换配件, 出货单号, 出货日期, 备注)",
			    no, b);
			return -1;
		}
		snprintf(im->map[im->nmap][0], sizeof(im->map[0][0]), "%s", a);
		snprintf(im->map[im->nmap][1], sizeof(im->map[0][1]), "%s", b);
		im->nmap++;
	}
	return 0;
}

static enum ctl_status
ctl_import_history(struct ctl_ctx *c, const struct ctl_args *a)
{
	int skip = ctl_opt(a, "--skip-bad") != NULL;
	int dry = ctl_opt(a, "--dry-run") != NULL;
	int want = ctl_opt(a, "--map") ? 2 : 1;
	int added = 0, known = 0, refused = 0, items = 0, rc = CTL_OK;
	struct buf raw, text, report;
	struct db_operator op;
	const char *enc = "";
	struct imp im;

	if (c->nfds != want || (want == 2 && strcmp(ctl_opt(a, "--map"),
	    "-"))) {
		buf_puts(c->err, "the files come open from stationctl: give"
		    " their paths to stationctl\n");
		return CTL_USAGE;
	}
	if (db_operator_get(c->db, c->operator, &op) != 1)
		return CTL_FAILED;
	memset(&im, 0, sizeof(im));
	im.c = c;
	im.cf = c->st->cf;
	buf_init(&raw);
	buf_init(&text);
	buf_init(&report);
	buf_init(&im.notes);
	if (want == 2 && (ctl_slurp(c->fds[1], &raw, 64 << 10, im.why,
	    sizeof(im.why)) == -1 || csv_to_utf8(raw.data ? raw.data : "",
	    raw.len, &text, &enc, im.why, sizeof(im.why)) == -1 ||
	    read_map(&im, text.data ? text.data : "", im.why,
	    sizeof(im.why)) == -1))
		goto refuse;
	buf_reset(&raw);
	buf_reset(&text);
	if (ctl_slurp(c->fds[0], &raw, HIST_MAX_BYTES, im.why,
	    sizeof(im.why)) == -1 || csv_to_utf8(raw.data ? raw.data : "",
	    raw.len, &text, &enc, im.why, sizeof(im.why)) == -1 ||
	    csv_parse(text.data ? text.data : "", text.len, row, &im, im.why,
	    sizeof(im.why)) != 0)
		goto refuse;
	if (!im.header) {
		snprintf(im.why, sizeof(im.why), "the file is empty");
		goto refuse;
	}
	if (db_begin(c->db) == -1) {
		rc = CTL_FAILED;
		goto out;
	}
	for (int i = 0; i < im.ng; i++) {
		struct group *g = &im.g[i];
		char open_case[40];
		struct db_case cs;
		int r = 0;

		if (g->why[0] == '\0' && (r = db_history_known(c->db,
		    g->h.waybill, g->h.received_date, open_case,
		    sizeof(open_case))) == 0 && open_case[0] &&
		    !strcmp(g->h.state, "registered"))
			snprintf(g->why, sizeof(g->why), "waybill %s is open at the"
			    " desk as case %s", g->h.waybill, open_case);
		if (r == -1 || (g->why[0] == '\0' && r == 0 &&
		    db_history_add(c->db, &g->h, op.id, &cs) == -1)) {
			rc = ctl_import_abort(c);
			goto out;
		}
		if (g->why[0]) {
			refused++;
			buf_printf(&report, "line %d (%s): %s\n", g->line,
			    g->h.waybill[0] ? g->h.waybill : "no waybill", g->why);
		} else if (r == 1)
			known++;
		else {
			added++;
			items += g->h.nitems;
		}
	}
	if (dry || (refused && !skip) || added == 0) {
		/* nothing new (a second import of the same table): no trace */
		db_rollback(c->db);
		buf_printf(refused && !dry && !skip ? c->err : c->out, "%s%s",
		    im.notes.data ? im.notes.data : "", report.data ?
		    report.data : "");
		if (dry)
			buf_printf(c->out, "dry run (%s): %d case%s with %d item%s"
			    " would be imported, %d already there, %d refused;"
			    " nothing was stored / 试运行，未写入\n", enc, added,
			    added == 1 ? "" : "s", items, items == 1 ? "" : "s",
			    known, refused);
		else if (refused && !skip)
			buf_printf(c->err, "%d case%s refused: nothing was"
			    " imported (--skip-bad imports the rest) / 有错误，"
			    "未导入\n", refused, refused == 1 ? "" : "s");
		else
			buf_printf(c->out, "imported (%s): 0 cases, %d already"
			    " there, %d refused; nothing changed / 无新案件\n",
			    enc, known, refused);
		rc = refused && !dry && !skip ? CTL_REFUSED : CTL_OK;
		goto out;
	}
	{
		struct buf d;
		struct json j;

		buf_init(&d);
		json_init(&j, &d);
		json_open(&j, NULL);
		json_str(&j, "encoding", enc);
		json_int(&j, "cases", added);
		json_int(&j, "items", items);
		json_int(&j, "already", known);
		json_int(&j, "refused", refused);
		json_close(&j);
		rc = ctl_import_commit(c, op.badge, "history.import", "import",
		    d.data) == -1 ? CTL_FAILED : CTL_OK;
		buf_free(&d);
		if (rc != CTL_OK)
			goto out;
	}
	buf_printf(c->out, "%s%s", im.notes.data ? im.notes.data : "",
	    report.data ? report.data : "");
	buf_printf(c->out, "imported (%s): %d case%s with %d item%s, %d already"
	    " there, %d refused / 已导入\n", enc, added, added == 1 ? "" : "s",
	    items, items == 1 ? "" : "s", known, refused);
	goto out;
refuse:
	buf_printf(c->err, "%s: nothing was imported / 未导入\n", im.why[0] ?
	    im.why : "the file could not be read");
	rc = CTL_REFUSED;
out:
	for (int i = 0; i < im.ng; i++) {
		free(im.g[i].h.items);
		free(im.g[i].rowsum);
	}
	free(im.g);
	buf_free(&im.notes);
	buf_free(&raw);
	buf_free(&text);
	buf_free(&report);
	return rc;
}

const struct ctl_cmd ctl_cmd_import_history = {
	.name = "import history", .args = "FILE.csv", .minpos = 1, .maxpos = 1,
	.opts = {
		{ "--map", "FILE", 0, "lines of THEIR HEADER = OUR HEADER for"
		    " a table whose headers differ" },
		{ "--dry-run", NULL, 0, "check and report, store nothing" },
		{ "--skip-bad", NULL, 0, "import the good cases, report the"
		    " rest" },
	},
	.roles = ROLE_SUPERVISOR | ROLE_ADMIN | ROLE_OFFICE,
	.help = "past cases from the desk's hand-kept after-sales table (CSV,"
	    " UTF-8 or GB18030): 寄回日期 寄回单号 灯具名称 规格型号 色温 数量"
	    " 维修/退货 客户 客服 客户电话 客诉原因 实际检测原因 更换配件 出货单号"
	    " 出货日期 备注, or in English; marked as imported, and a second"
	    " import of the same table changes nothing",
	.exec = ctl_import_history,
};
