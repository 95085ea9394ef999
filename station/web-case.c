/*
 * The office page's cases: the search and list, one case whole, and the
 * actions on it. Every figure comes from the station's own commands (their
 * --json); the forms are drawn from the commands' declarations, and shown
 * only where the case state machine's table lets the user's roles act
 * (case_can). The command decides and says why when it refuses.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "../common/buf.h"
#include "../common/jsonr.h"
#include "case.h"
#include "caseview.h"
#include "ctl.h"
#include "role.h"
#include "web-int.h"

#define PAGE_ROWS	50
#define PAGE_MAX	2000	/* 100 000 cases deep, as case list --skip */

/* The actions the page offers, each a command of the station. */
static const struct web_action {
	const char	*cmd;
	enum case_action act[2];
	int		 nact;
	const char	*zh, *en;
} actions[] = {
	{ "case accept", { CA_ACCEPT }, 1, "接收暂扣件", "Accept a held parcel" },
	{ "case customer", { CA_CUSTOMER }, 1, "客户资料", "Customer data" },
	{ "case apply", { CA_APPLY }, 1, "退换货申请", "Return application" },
	{ "case review", { CA_REVIEW }, 1, "审批", "Approval" },
	{ "case repair", { CA_REPAIR }, 1, "维修记录", "Repair log" },
	{ "case supplier send", { CA_SUPPLIER_SEND }, 1, "送外协",
	    "To the supplier" },
	{ "case supplier back", { CA_SUPPLIER_BACK }, 1, "外协返回",
	    "Back from the supplier" },
	{ "case inspect", { CA_INSPECT_PASS, CA_INSPECT_FAIL }, 2, "品质检验",
	    "Inspection" },
	{ "case capa", { CA_CAPA }, 1, "品质会审", "QC review meeting" },
	{ "case rma-sent", { CA_RMA_SENT }, 1, "RMA报告已发", "RMA report sent" },
	{ "case rma-reply", { CA_RMA_REPLY }, 1, "客户答复", "Customer's answer" },
	{ "case approve", { CA_APPROVE }, 1, "财务签字", "Finance sign-off" },
	{ "case reject", { CA_REJECT }, 1, "拒收", "Reject" },
	{ "case ship", { CA_SHIP }, 1, "发货", "Ship" },
	{ "case callback", { CA_CALLBACK }, 1, "回访", "Call back" },
	{ "case close", { CA_CLOSE }, 1, "结案", "Close" },
};
#define NACTIONS (sizeof(actions) / sizeof(actions[0]))

static const struct {
	const char *key, *zh, *en;
} fields[] = {
	{ "waybill", "运单号", "Waybill" },
	{ "carrier", "快递", "Carrier" },
	{ "received_at", "收货时间", "Received" },
	{ "kind", "类型", "Kind" },
	{ "condition", "外观", "Condition" },
	{ "area", "区域", "Area" },
	{ "area_name", "区域名", "Area name" },
	{ "opened_by", "收货人", "Opened by" },
	{ "updated_at", "更新", "Updated" },
	{ "mismatch", "不符", "Mismatch" },
	{ "reject_reason", "拒收原因", "Rejected for" },
};

static const struct {
	const char *key, *zh, *en;
} customer_fields[] = {
	{ "name", "退货单位", "Customer" },
	{ "contact", "联系人", "Contact" },
	{ "phone", "电话", "Phone" },
	{ "address", "地址", "Address" },
	{ "service_rep", "客服", "Service rep" },
	{ "order", "订单", "Order" },
	{ "complaint", "客诉原因", "Complaint" },
};

/* A link to a case, its number shown. */
static void
case_link(struct buf *b, const char *no)
{
	buf_puts(b, "<a href=\"/case?key=");
	web_urlenc(b, no);
	buf_puts(b, "\">");
	web_esc(b, no);
	buf_puts(b, "</a>");
}

/* The words for a stored state, kind or condition, in the page's
 * language; the stored word itself when it is none of them. */
static const struct {
	const char *word, *zh, *en;
} words[] = {
	{ "draft", "草稿", "draft" },
	{ "held", "暂扣", "held" },
	{ "registered", "已登记", "registered" },
	{ "in_repair", "维修中", "in repair" },
	{ "repaired", "已维修", "repaired" },
	{ "at_supplier", "外协中", "at the supplier" },
	{ "back_from_supplier", "外协返回", "back from the supplier" },
	{ "inspected", "已检验", "inspected" },
	{ "finance_approved", "财务已签", "finance signed" },
	{ "shipped", "已发货", "shipped" },
	{ "rejected", "拒收", "rejected" },
	{ "returned_to_customer", "已退回客户", "returned to the customer" },
	{ "closed", "已结案", "closed" },
	{ "cancelled", "已取消", "cancelled" },
	{ "repair", "维修", "repair" },
	{ "return", "退货", "return" },
	{ "exchange", "换货", "exchange" },
	{ "noreason7", "七天无理由", "7-day return" },
	{ "intact", "完好", "intact" },
	{ "damaged", "破损", "damaged" },
	{ "severe", "严重破损", "severely damaged" },
	{ "deformed", "变形", "deformed" },
	{ "foreign", "非本公司产品", "not our product" },
};

static const char *
word(const struct page *p, const char *w)
{
	for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++)
		if (!strcmp(words[i].word, w))
			return L(p, words[i].zh, words[i].en);
	return w;
}

static void
say_err(struct page *p, const struct buf *err)
{
	if (err->len) {
		buf_puts(&p->b, "<p class=\"err\">");
		web_esc(&p->b, err->data);
		buf_puts(&p->b, "</p>");
	}
}

/* A listing's cases as a table. */
static void
case_table(struct page *p, const struct jr *list)
{
	struct buf *b = &p->b;

	buf_printf(b, "<div class=\"wrap\"><table class=\"cases\"><thead><tr>"
	    "<th>%s</th><th>%s</th><th>%s</th><th>%s</th><th>%s</th><th>%s"
	    "</th><th>%s</th><th>%s</th></tr></thead><tbody>",
	    L(p, "案件号", "Case"), L(p, "日期", "Date"), L(p, "运单号",
	    "Waybill"), L(p, "类型", "Kind"), L(p, "外观", "Condition"),
	    L(p, "状态", "State"), L(p, "区域", "Area"), L(p, "客户",
	    "Customer"));
	for (const struct jr *c = list->kid; c; c = c->next) {
		static const char *const cols[] = { "received_date", "waybill",
		    "kind", "condition" };

		buf_puts(b, "<tr><td>");
		case_link(b, jr_str(c, "case_no"));
		buf_puts(b, "</td>");
		for (size_t i = 0; i < 4; i++) {
			buf_puts(b, "<td>");
			web_esc(b, i < 2 ? jr_str(c, cols[i]) :
			    word(p, jr_str(c, cols[i])));
			buf_puts(b, "</td>");
		}
		buf_puts(b, "<td><span class=\"state\" data-state=\"");
		web_esc(b, jr_str(c, "state"));
		buf_puts(b, "\">");
		web_esc(b, word(p, jr_str(c, "state")));
		buf_puts(b, "</span></td><td>");
		web_esc(b, jr_str(c, "area"));
		buf_puts(b, "</td><td>");
		web_esc(b, jr_str(jr_get(c, "customer"), "name"));
		buf_puts(b, "</td></tr>");
	}
	buf_puts(b, "</tbody></table></div>");
}

/* Runs a listing command and parses its JSON; NULL with err said. */
static struct jr *
listing(struct page *p, int argc, const char *const *argv, struct buf *err)
{
	struct buf out;
	struct jr *t = NULL;
	int st;

	buf_init(&out);
	st = web_call(p, NULL, argc, argv, &out, err);
	if (st == 0 && (t = jr_parse(out.data ? out.data : "", out.len)) ==
	    NULL)
		buf_puts(err, "the station's answer could not be read\n");
	if (t && t->type != JR_ARR) {
		jr_free(t);
		t = NULL;
	}
	buf_free(&out);
	return t;
}

/* A query argument that is a short plain value, else NULL. */
static const char *
arg(struct page *p, const char *name, size_t max)
{
	const char *v = web_arg(p, name);

	return v && *v && strlen(v) <= max ? v : NULL;
}

/* The list's own address with one more argument (page or sort). */
static void
list_href(struct buf *b, const char *const *keys, const char *const *vals,
    size_t n, const char *key, const char *val)
{
	int first = 1;

	buf_puts(b, "/cases");
	for (size_t i = 0; i < n; i++) {
		if (vals[i] == NULL || !strcmp(keys[i], key))
			continue;
		buf_puts(b, first ? "?" : "&amp;");
		first = 0;
		buf_printf(b, "%s=", keys[i]);
		web_urlenc(b, vals[i]);
	}
	buf_printf(b, "%s%s=", first ? "?" : "&amp;", key);
	web_urlenc(b, val);
}

enum MHD_Result
web_cases(struct page *p)
{
	static const char *const keys[] = { "find", "state", "from", "to",
	    "overdue", "sort", "page" };
	const char *vals[7], *argv[20];
	struct buf *b = &p->b, err;
	char skip[16], pg[16];
	struct jr *list;
	long page = 1;
	int n = 0, rows = 0;

	vals[0] = arg(p, "find", 64);
	vals[1] = arg(p, "state", 32);
	vals[2] = arg(p, "from", 10);
	vals[3] = arg(p, "to", 10);
	vals[4] = arg(p, "overdue", 2);
	vals[5] = arg(p, "sort", 3);
	vals[6] = arg(p, "page", 6);
	if (vals[6] && ((page = strtol(vals[6], NULL, 10)) < 1 ||
	    page > PAGE_MAX))
		page = 1;
	snprintf(skip, sizeof(skip), "%ld", (page - 1) * PAGE_ROWS);
	argv[n++] = "case";
	argv[n++] = "list";
	argv[n++] = "--json";
	argv[n++] = "--limit";
	argv[n++] = "50";
	argv[n++] = "--skip";
	argv[n++] = skip;
	if (vals[0]) {
		argv[n++] = "--find";
		argv[n++] = vals[0];
	}
	if (vals[1]) {
		argv[n++] = "--state";
		argv[n++] = vals[1];
	}
	if (vals[2]) {
		argv[n++] = "--from";
		argv[n++] = vals[2];
	}
	if (vals[3]) {
		argv[n++] = "--to";
		argv[n++] = vals[3];
	}
	if (vals[4])
		argv[n++] = "--overdue";
	if (vals[5] && !strcmp(vals[5], "old"))
		argv[n++] = "--oldest";

	web_head(p, L(p, "案件", "Cases"));
	buf_printf(b, "<h2>%s</h2><form class=\"filters\" action=\"/cases\""
	    " method=\"get\"><label>%s<input name=\"find\" maxlength=\"64\""
	    " value=\"", L(p, "案件查询", "Find cases"), L(p, "案件号/运单号/"
	    "电话/型号/客户", "Case, waybill, phone, model, customer"));
	web_esc(b, vals[0] ? vals[0] : "");
	buf_printf(b, "\"></label><label>%s<select name=\"state\"><option"
	    " value=\"\">%s</option>", L(p, "状态", "State"), L(p, "全部",
	    "any"));
	for (int s = 0; s < CS_COUNT; s++)
		buf_printf(b, "<option value=\"%s\"%s>%s</option>",
		    case_state_names[s], vals[1] && !strcmp(vals[1],
		    case_state_names[s]) ? " selected" : "",
		    word(p, case_state_names[s]));
	buf_printf(b, "</select></label><label>%s<input type=\"date\""
	    " name=\"from\" value=\"", L(p, "从", "From"));
	web_esc(b, vals[2] ? vals[2] : "");
	buf_printf(b, "\"></label><label>%s<input type=\"date\" name=\"to\""
	    " value=\"", L(p, "到", "To"));
	web_esc(b, vals[3] ? vals[3] : "");
	buf_printf(b, "\"></label><label>%s<select name=\"sort\"><option"
	    " value=\"new\">%s</option><option value=\"old\"%s>%s</option>"
	    "</select></label><label><span><input type=\"checkbox\""
	    " name=\"overdue\" value=\"1\"%s> %s</span></label><button>%s"
	    "</button></form>", L(p, "排序", "Order"), L(p, "最新在前",
	    "newest first"), vals[5] && !strcmp(vals[5], "old") ? " selected" :
	    "", L(p, "最早在前", "oldest first"), vals[4] ? " checked" : "",
	    L(p, "仅超时", "overdue only"), L(p, "查询", "Search"));

	buf_init(&err);
	list = listing(p, n, argv, &err);
	if (list) {
		rows = (int)list->n;
		if (rows == 0)
			buf_printf(b, "<p>%s</p>", L(p, "没有符合条件的案件",
			    "No case matches."));
		else
			case_table(p, list);
		jr_free(list);
	} else
		say_err(p, &err);
	buf_free(&err);
	buf_puts(b, "<nav class=\"pager\">");
	if (page > 1) {
		snprintf(pg, sizeof(pg), "%ld", page - 1);
		buf_puts(b, "<a rel=\"prev\" href=\"");
		list_href(b, keys, vals, 7, "page", pg);
		buf_printf(b, "\">&larr; %s</a>", L(p, "上一页", "previous"));
	}
	buf_printf(b, "<span>%s %ld</span>", L(p, "第", "page"), page);
	if (rows == PAGE_ROWS && page < PAGE_MAX) {
		snprintf(pg, sizeof(pg), "%ld", page + 1);
		buf_puts(b, "<a rel=\"next\" href=\"");
		list_href(b, keys, vals, 7, "page", pg);
		buf_printf(b, "\">%s &rarr;</a>", L(p, "下一页", "next"));
	}
	buf_puts(b, "</nav>");
	web_end(p);
	return web_send(p, MHD_HTTP_OK);
}

/* A JSON value as text: scalars as they are, an object as k=v pairs. */
static void
value_text(struct buf *b, const struct jr *v)
{
	if (v->type == JR_OBJ || v->type == JR_ARR) {
		int first = 1;

		for (const struct jr *m = v->kid; m; m = m->next) {
			if (!first)
				buf_puts(b, v->type == JR_OBJ ? " " : ", ");
			first = 0;
			if (m->key) {
				web_esc(b, m->key);
				buf_puts(b, "=");
			}
			value_text(b, m);
		}
		return;
	}
	web_time(b, v->s);
}

/* An array of records as a table, its columns the first one's keys. */
static void
records(struct page *p, const struct jr *arr, const char *title)
{
	struct buf *b = &p->b;

	if (arr == NULL || arr->type != JR_ARR || arr->n == 0 ||
	    arr->kid->type != JR_OBJ)
		return;
	buf_puts(b, "<section class=\"box\"><h3>");
	web_esc(b, title);
	buf_puts(b, "</h3><div class=\"wrap\"><table><thead><tr>");
	for (const struct jr *k = arr->kid->kid; k; k = k->next) {
		buf_puts(b, "<th>");
		web_esc(b, k->key);
		buf_puts(b, "</th>");
	}
	buf_puts(b, "</tr></thead><tbody>");
	for (const struct jr *r = arr->kid; r; r = r->next) {
		buf_puts(b, "<tr>");
		for (const struct jr *k = arr->kid->kid; k; k = k->next) {
			const struct jr *v = jr_get(r, k->key);

			buf_puts(b, "<td>");
			if (v)
				value_text(b, v);
			buf_puts(b, "</td>");
		}
		buf_puts(b, "</tr>");
	}
	buf_puts(b, "</tbody></table></div></section>");
}

static int
kind_bit(const char *kind)
{
	return (int)case_kind_bit(kind);
}

/* Does the table let these roles take this action on the case now? */
static int
offered(const struct web_action *a, int state, unsigned kind, unsigned roles)
{
	for (int i = 0; i < a->nact; i++)
		if (case_can(state, a->act[i], kind, roles, NULL))
			return 1;
	return 0;
}

const struct ctl_cmd *
web_command(const char *name)
{
	for (size_t i = 0; i < ctl_ncmds; i++)
		if (!strcmp(ctl_cmds[i]->name, name))
			return ctl_cmds[i];
	return NULL;
}

/* The fault causes the station takes, as a choice (cause list). */
static void
cause_select(struct page *p, const char *name, int req)
{
	static const char *const argv[] = { "cause", "list" };
	struct buf out, err, *b = &p->b;

	buf_init(&out);
	buf_init(&err);
	web_call(p, NULL, NARGS(argv), argv, &out, &err);
	buf_printf(b, "<select name=\"%s\"%s><option value=\"\"></option>",
	    name, req ? " required" : "");
	for (char *line = out.data, *nl; line && *line; line = nl) {
		size_t k;

		if ((nl = strchr(line, '\n')) != NULL)
			*nl++ = '\0';
		k = strcspn(line, " ");
		if (k == 0 || k > 32 || line[k] != ' ')
			continue;
		buf_puts(b, "<option value=\"");
		web_esc(b, (line[k] = '\0', line));
		buf_puts(b, "\">");
		web_esc(b, line);
		buf_puts(b, " ");
		web_esc(b, line + k + 1 + strspn(line + k + 1, " "));
		buf_puts(b, "</option>");
	}
	buf_puts(b, "</select></label>");
	buf_free(&out);
	buf_free(&err);
}

/* An option's choices "a|b|c" as a select; else a field. */
static void
option_field(struct page *p, const struct ctl_optdef *o)
{
	struct buf *b = &p->b;
	const char *arg = o->arg;
	int req = o->flags & CTL_REQUIRED;

	buf_puts(b, "<label>");
	if (arg == NULL) {
		buf_puts(b, "<input type=\"checkbox\" name=\"");
		web_esc(b, o->name);
		buf_puts(b, "\" value=\"1\"> ");
		web_esc(b, o->name + 2);
		buf_puts(b, " — ");
		web_esc(b, o->help);
		buf_puts(b, "</label>");
		return;
	}
	web_esc(b, o->name + 2);
	buf_printf(b, "%s — ", req ? " *" : "");
	web_esc(b, o->help);
	if (!strcmp(o->name, "--cause")) {
		cause_select(p, o->name, req);
		return;
	}
	/* "yes|no" is a choice; "K|none" a value or a word */
	if (strchr(arg, '|') && strspn(arg, "abcdefghijklmnopqrstuvwxyz"
	    "0123456789_-|") == strlen(arg)) {
		const char *s = arg;

		buf_puts(b, "<select name=\"");
		web_esc(b, o->name);
		buf_printf(b, "\"%s>", req ? " required" : "");
		if (!req)
			buf_puts(b, "<option value=\"\"></option>");
		while (*s) {
			size_t n = strcspn(s, "|");
			char v[64];

			snprintf(v, sizeof(v), "%.*s", (int)n, s);
			buf_puts(b, "<option>");
			web_esc(b, v);
			buf_puts(b, "</option>");
			s += n + (s[n] == '|');
		}
		buf_puts(b, "</select></label>");
		return;
	}
	if (o->flags & CTL_MANY) {
		buf_printf(b, "<textarea name=\"%s\" rows=\"3\"%s placeholder=\"",
		    o->name, req ? " required" : "");
		web_esc(b, arg);
		buf_printf(b, " (%s)\"></textarea></label>", L(p, "每行一个",
		    "one a line"));
		return;
	}
	buf_printf(b, "<input type=\"text\" name=\"%s\" maxlength=\"1000\"%s"
	    " placeholder=\"", o->name, req ? " required" : "");
	web_esc(b, arg);
	buf_puts(b, "\"></label>");
}

void
web_cmd_form(struct page *p, const struct ctl_cmd *cmd, const char *title,
    const char *key)
{
	struct buf *b = &p->b;

	buf_printf(b, "<form class=\"act\" action=\"/act\""
	    " method=\"post\"><fieldset><legend>%s</legend>"
	    "<input type=\"hidden\" name=\"csrf\" value=\"%s\">"
	    "<input type=\"hidden\" name=\"cmd\" value=\"%s\">", title,
	    p->s.csrf, cmd->name);
	if (key) {
		buf_puts(b, "<input type=\"hidden\" name=\"case\" value=\"");
		web_esc(b, key);
		buf_puts(b, "\">");
	} else {
		/* the positional arguments, named by the declaration */
		const char *w = cmd->args ? cmd->args : "";

		for (int i = 0; *w && i < cmd->maxpos && i < 4; i++) {
			size_t n = strcspn(w, " ");
			char word[64];

			snprintf(word, sizeof(word), "%.*s", (int)n, w);
			buf_printf(b, "<label>");
			web_esc(b, word);
			buf_printf(b, "%s<input type=\"text\" name=\"pos%d\""
			    " maxlength=\"128\"%s></label>", i < cmd->minpos ?
			    " *" : "", i, i < cmd->minpos ? " required" : "");
			w += n;
			w += strspn(w, " ");
		}
	}
	for (int k = 0; k < CTL_MAX_OPTS && cmd->opts[k].name; k++)
		option_field(p, &cmd->opts[k]);
	if (cmd->pin)
		buf_printf(b, "<label>%s *<input type=\"password\""
		    " name=\"pin\" required inputmode=\"numeric\""
		    " pattern=\"[0-9]{4,8}\" maxlength=\"8\""
		    " autocomplete=\"off\"></label>", L(p, "签字需再次输入PIN",
		    "Signing asks for your PIN again"));
	buf_printf(b, "<button>%s</button></fieldset></form>", title);
}

/* The forms of the actions these roles may take on the case. */
static void
action_forms(struct page *p, const char *case_no, int state, unsigned kind)
{
	unsigned roles = role_mask(p->s.roles);
	struct buf *b = &p->b;
	int shown = 0;

	for (size_t i = 0; i < NACTIONS; i++) {
		const struct ctl_cmd *cmd = web_command(actions[i].cmd);

		if (cmd == NULL || !offered(&actions[i], state, kind, roles))
			continue;
		if (shown++ == 0)
			buf_printf(b, "<h2>%s</h2><div class=\"grid\">",
			    L(p, "我可以做的", "What I can do"));
		web_cmd_form(p, cmd, L(p, actions[i].zh, actions[i].en), case_no);
	}
	if (shown)
		buf_puts(b, "</div>");
}

/* The case's photos, small (each opens whole), its label as the printer
 * draws it, and a form to send more photos, from a file or the camera. */
static void
pictures(struct page *p, const char *case_no, const struct jr *photos)
{
	struct buf *b = &p->b;

	buf_printf(b, "<div class=\"grid\"><section class=\"box\"><h3>%s"
	    " (%zu)</h3><div class=\"photos\">", L(p, "照片", "Photos"),
	    photos ? photos->n : 0);
	for (const struct jr *ph = photos ? photos->kid : NULL; ph;
	    ph = ph->next) {
		const char *sha = jr_str(ph, "sha256");

		if (strlen(sha) != 64)
			continue;
		buf_puts(b, "<a href=\"/photo?case=");
		web_urlenc(b, case_no);
		buf_printf(b, "&amp;sha=%s\"><img class=\"thumb\" loading=\"lazy\""
		    " alt=\"%.12s\" src=\"/photo?case=", sha, sha);
		web_urlenc(b, case_no);
		buf_printf(b, "&amp;sha=%s\"></a>", sha);
	}
	buf_printf(b, "</div><form action=\"/photo\" method=\"post\""
	    " enctype=\"multipart/form-data\"><input type=\"hidden\""
	    " name=\"csrf\" value=\"%s\"><input type=\"hidden\" name=\"case\""
	    " value=\"", p->s.csrf);
	web_esc(b, case_no);
	buf_printf(b, "\"><label>%s<input type=\"file\" name=\"photo\""
	    " accept=\"image/jpeg,image/png\" capture=\"environment\""
	    " multiple required></label> <button>%s</button></form>"
	    "</section><section class=\"box\"><h3>%s</h3>"
	    "<img class=\"label\" alt=\"label\" src=\"/label.png?case=",
	    L(p, "拍照或选择照片(JPEG/PNG，最多4张)", "Take or choose photos"
	    " (JPEG/PNG, 4 at most)"), L(p, "上传", "Send"), L(p, "区域标签",
	    "Area label"));
	web_urlenc(b, case_no);
	buf_puts(b, "\"></section></div>");
}

enum MHD_Result
web_case(struct page *p)
{
	const char *key = arg(p, "key", 64), *argv[4];
	struct buf *b = &p->b, out, err;
	struct jr *cs = NULL;
	int st;

	if (key == NULL)
		return web_redirect(p->c, "/cases", NULL);
	argv[0] = "case";
	argv[1] = "show";
	argv[2] = key;
	argv[3] = "--json";
	buf_init(&out);
	buf_init(&err);
	st = web_call(p, NULL, 4, argv, &out, &err);
	if (st == 0)
		cs = jr_parse(out.data ? out.data : "", out.len);
	web_head(p, key);
	if (cs == NULL || cs->type != JR_OBJ) {
		buf_puts(b, "<h2>");
		web_esc(b, key);
		buf_puts(b, "</h2>");
		if (st == 0)
			buf_puts(&err, "the station's answer could not be read\n");
		say_err(p, &err);
		goto out;
	}
	buf_puts(b, "<h2>");
	web_esc(b, jr_str(cs, "case_no"));
	buf_puts(b, " <span class=\"state\" id=\"state\" data-state=\"");
	web_esc(b, jr_str(cs, "state"));
	buf_puts(b, "\">");
	web_esc(b, word(p, jr_str(cs, "state")));
	buf_puts(b, "</span></h2><div class=\"grid\"><section class=\"box\">"
	    "<h3>");
	buf_puts(b, L(p, "包裹", "Parcel"));
	buf_puts(b, "</h3><dl>");
	for (size_t i = 0; i < sizeof(fields) / sizeof(fields[0]); i++) {
		const char *v = jr_str(cs, fields[i].key);

		if (*v == '\0')
			continue;
		buf_printf(b, "<dt>%s</dt><dd>", L(p, fields[i].zh,
		    fields[i].en));
		web_time(b, word(p, v));
		buf_puts(b, "</dd>");
	}
	buf_printf(b, "</dl></section><section class=\"box\"><h3>%s</h3><dl>",
	    L(p, "客户", "Customer"));
	for (size_t i = 0; i < sizeof(customer_fields) /
	    sizeof(customer_fields[0]); i++) {
		const char *v = jr_str(jr_get(cs, "customer"),
		    customer_fields[i].key);

		buf_printf(b, "<dt>%s</dt><dd class=\"c-%s\">",
		    L(p, customer_fields[i].zh, customer_fields[i].en),
		    customer_fields[i].key);
		web_esc(b, *v ? v : "-");
		buf_puts(b, "</dd>");
	}
	buf_puts(b, "</dl></section></div>");
	records(p, jr_get(cs, "items"), L(p, "物品", "Items"));
	for (const struct jr *m = cs->kid; m; m = m->next)
		if (m->type == JR_ARR && strcmp(m->key, "items") &&
		    strcmp(m->key, "history") && strcmp(m->key, "photos"))
			records(p, m, caseview_title(m->key));
	pictures(p, jr_str(cs, "case_no"), jr_get(cs, "photos"));
	action_forms(p, jr_str(cs, "case_no"),
	    case_state_parse(jr_str(cs, "state")),
	    (unsigned)kind_bit(jr_str(cs, "kind")));
	records(p, jr_get(cs, "history"), L(p, "历史", "History"));
out:
	jr_free(cs);
	buf_free(&out);
	buf_free(&err);
	web_end(p);
	return web_send(p, MHD_HTTP_OK);
}

enum MHD_Result
web_act(struct page *p, const char *body)
{
	char name[64], key[129], pin[16];
	const char *argv[WEB_ARGS], *back;
	const struct ctl_cmd *cmd = NULL;
	struct buf out, err, vals, to;
	size_t offs[WEB_ARGS];
	int n = 0, isval[WEB_ARGS], st, is_case = 0;
	enum MHD_Result rc;

	web_form(body, "cmd", name, sizeof(name));
	web_form(body, "case", key, sizeof(key));
	for (size_t i = 0; i < NACTIONS; i++)
		if (!strcmp(actions[i].cmd, name))
			is_case = 1;
	/* only the commands the page offers: a case's actions, admin work */
	if (is_case ? key[0] != '\0' : web_admin_offers(name))
		cmd = web_command(name);
	if (cmd == NULL)
		return web_plain(p->c, MHD_HTTP_BAD_REQUEST, "no such action /"
		    " 无此操作\n");
	back = is_case ? "/case?key=" : "/admin";
	pin[0] = '\0';
	if (cmd->pin) {
		web_form(body, "pin", pin, sizeof(pin));
		if (strlen(pin) < 4 || strlen(pin) > 8 ||
		    strspn(pin, "0123456789") != strlen(pin)) {
			web_flash(p, L(p, "签字需要4到8位数字PIN", "Signing needs"
			    " your PIN of 4 to 8 digits"), 1);
			goto back;
		}
	}
	/* the words, the positional arguments, then each declared option
	 * the form filled; values are kept in one buffer and pointed at
	 * once it stops growing */
	buf_init(&vals);
	for (const char *w = cmd->name; *w && n < WEB_ARGS; ) {
		size_t k = strcspn(w, " ");

		offs[n] = vals.len;
		isval[n++] = 1;
		buf_add(&vals, w, k);
		buf_add(&vals, "", 1);
		w += k + (w[k] == ' ');
	}
	for (int i = 0; i < (is_case ? 1 : cmd->maxpos) && i < 4; i++) {
		char f[8], v[129];

		snprintf(f, sizeof(f), "pos%d", i);
		if (is_case)
			snprintf(v, sizeof(v), "%s", key);
		else if (!web_form(body, f, v, sizeof(v)) || v[0] == '\0')
			break;
		offs[n] = vals.len;
		isval[n++] = 1;
		buf_add(&vals, v, strlen(v) + 1);
	}
	for (int k = 0; k < CTL_MAX_OPTS && cmd->opts[k].name; k++) {
		const struct ctl_optdef *o = &cmd->opts[k];
		char v[1024];

		if (!web_form(body, o->name, v, sizeof(v)) || v[0] == '\0')
			continue;
		if (o->arg == NULL) {
			argv[n] = o->name;
			isval[n++] = 0;
			continue;
		}
		/* a repeatable option: a value a line */
		for (char *line = v, *nl; line && n + 2 <= WEB_ARGS;
		    line = nl) {
			nl = NULL;
			if ((o->flags & CTL_MANY) &&
			    (nl = strchr(line, '\n')) != NULL)
				*nl++ = '\0';
			line[strcspn(line, "\r")] = '\0';
			if (*line == '\0')
				continue;
			argv[n] = o->name;
			isval[n++] = 0;
			offs[n] = vals.len;
			isval[n++] = 1;
			buf_add(&vals, line, strlen(line) + 1);
		}
	}
	for (int i = 0; i < n; i++)
		if (isval[i])
			argv[i] = vals.data + offs[i];
	buf_init(&out);
	buf_init(&err);
	st = web_call(p, cmd->pin ? pin : NULL, n, argv, &out, &err);
	buf_free(&vals);
	if (st == 0)
		web_flash(p, out.len ? out.data : L(p, "已完成", "Done"), 0);
	else
		web_flash(p, err.len ? err.data : L(p, "操作失败", "Not done"), 1);
	buf_free(&out);
	buf_free(&err);
back:
	sodium_memzero(pin, sizeof(pin));
	buf_init(&to);
	buf_puts(&to, back);
	if (is_case)
		web_urlenc(&to, key);
	rc = web_redirect(p->c, to.data, NULL);
	buf_free(&to);
	return rc;
}

void
web_list(struct page *p, const char *title, int argc, const char *const *argv)
{
	struct buf err;
	struct jr *list;

	buf_init(&err);
	list = listing(p, argc, argv, &err);
	buf_puts(&p->b, "<h2>");
	web_esc(&p->b, title);
	/* a full page says there are more */
	buf_printf(&p->b, " (%zu%s)</h2>", list ? list->n : 0, list &&
	    argc >= 2 && !strcmp(argv[argc - 2], "--limit") &&
	    list->n == (size_t)atoi(argv[argc - 1]) ? "+" : "");
	if (list && list->n)
		case_table(p, list);
	else if (list == NULL)
		say_err(p, &err);
	jr_free(list);
	buf_free(&err);
}

/* The states these roles move cases out of (a move, not a record), with
 * their newest cases; states with none are left out. */
void
web_waiting(struct page *p)
{
	unsigned roles = role_mask(p->s.roles);
	static const unsigned kinds[] = { 0, CK_REPAIR, CK_RETURN, CK_EXCHANGE,
	    CK_NOREASON7 };
	struct buf *b = &p->b;
	int shown = 0;

	buf_printf(b, "<h2>%s</h2>", L(p, "等我处理", "Waiting for me"));
	for (int s = 0; s < CS_COUNT; s++) {
		const char *argv[] = { "case", "list", "--json", "--state",
		    case_state_names[s], "--limit", "10" };
		struct buf err;
		struct jr *list;
		int mine = 0;

		for (size_t i = 0; i < NACTIONS; i++)
			for (size_t k = 0; k < 5; k++)
				for (int j = 0; j < actions[i].nact; j++) {
					int to;

					if (case_can(s, actions[i].act[j],
					    kinds[k], roles, &to) && to != s)
						mine = 1;
				}
		if (!mine)
			continue;
		buf_init(&err);
		list = listing(p, NARGS(argv), argv, &err);
		if (list == NULL)
			say_err(p, &err);
		else if (list->n) {
			shown++;
			buf_printf(b, "<h3><a href=\"/cases?state=%s\">%s</a>"
			    " (%s%zu)</h3>", case_state_names[s],
			    word(p, case_state_names[s]), list->n == 10 ? "≥" :
			    "", list->n);
			case_table(p, list);
		}
		jr_free(list);
		buf_free(&err);
	}
	if (shown == 0)
		buf_printf(b, "<p>%s</p>", L(p, "暂无等您处理的案件",
		    "Nothing waits for you."));
}
