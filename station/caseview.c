/* A case as stationctl and the office see it: text and JSON. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../common/buf.h"
#include "../common/clock.h"
#include "../common/json.h"
#include "../common/money.h"
#include "../common/utf8.h"
#include "../db/db.h"
#include "caseview.h"
#include "role.h"

/* The sections of a case's records, with their headings. */
static const struct {
	const char	*name;
	const char	*title;
} sections[] = {
	{ "expected", "expected return / 预期退货" },
	{ "expected_items", "expected items / 预期物品" },
	{ "repairs", "repairs / 维修记录" },
	{ "parts", "parts replaced / 更换配件" },
	{ "supplier_trips", "supplier / 外协" },
	{ "inspections", "inspections / 品质检验" },
	{ "applications", "application / 退换货申请" },
	{ "lines", "priced lines / 申请明细" },
	{ "approvals", "approvals / 审批" },
	{ "reviews", "QC review / 品质会审" },
	{ "signoffs", "finance / 财务签字" },
	{ "shipments", "shipping / 发货" },
	{ "callbacks", "call backs / 回访" },
	{ "photos", "photos / 照片" },
	{ "breaches", "time rules missed / 超时" },
};
#define NSECTIONS (sizeof(sections) / sizeof(sections[0]))

const char *
caseview_title(const char *name)
{
	for (size_t i = 0; i < NSECTIONS; i++)
		if (!strcmp(sections[i].name, name))
			return sections[i].title;
	return name;
}

void
caseview_phone(const char *phone, unsigned roles, char *out, size_t len)
{
	size_t n = strlen(phone), keep_head, keep_tail;

	if ((roles & ROLE_SEES_CONTACT) || n == 0) {
		snprintf(out, len, "%s", phone);
		return;
	}
	keep_head = n >= 11 ? 3 : 0;
	keep_tail = n >= 7 ? 4 : n >= 3 ? 2 : 0;
	snprintf(out, len, "%.*s****%s", (int)keep_head, phone,
	    phone + n - keep_tail);
}

void
caseview_address(const char *addr, unsigned roles, char *out, size_t len)
{
	const char *p = addr;

	if ((roles & ROLE_SEES_CONTACT) || *addr == '\0') {
		snprintf(out, len, "%s", addr);
		return;
	}
	/* the province and city: the first six characters */
	for (int i = 0; i < 6 && *p; i++) {
		unsigned int cp;

		p += utf8_next(p, &cp);
	}
	snprintf(out, len, "%.*s****", (int)(p - addr), addr);
}

static int
ends(const char *s, const char *tail)
{
	size_t n = strlen(s), m = strlen(tail);

	return n >= m && strcmp(s + n - m, tail) == 0;
}

/* A column's value as shown: local times, yuan, masked contacts. */
static const char *
shown(const char *name, const char *v, unsigned roles, int iso, char *tmp,
    size_t len)
{
	if (ends(name, "_at")) {
		clock_local(v, iso, tmp, len);
		return tmp;
	}
	if (ends(name, "_fen") && !iso) {
		money_format(strtoll(v, NULL, 10), tmp, len);
		return tmp;
	}
	if (!strcmp(name, "phone")) {
		caseview_phone(v, roles, tmp, len);
		return tmp;
	}
	if (!strcmp(name, "address")) {
		caseview_address(v, roles, tmp, len);
		return tmp;
	}
	return v;
}

struct rec {
	struct json	*j;
	struct buf	*b;
	unsigned	 roles;
	int		 n;
	const char	*title;
};

static int
rec_json(void *arg, const struct db_row *r)
{
	struct rec *k = arg;
	char tmp[64];

	json_open(k->j, NULL);
	for (int i = 0; i < r->n; i++) {
		if (r->value[i] == NULL)
			json_null(k->j, r->name[i]);
		else if (ends(r->name[i], "_fen") || !strcmp(r->name[i],
		    "quantity") || !strcmp(r->name[i], "line"))
			json_int(k->j, r->name[i], strtoll(r->value[i], NULL,
			    10));
		else
			json_str(k->j, r->name[i], shown(r->name[i],
			    r->value[i], k->roles, 1, tmp, sizeof(tmp)));
	}
	json_close(k->j);
	return 0;
}

static int
rec_text(void *arg, const struct db_row *r)
{
	struct rec *k = arg;
	char tmp[64];
	int col = 0;

	if (k->n++ == 0)
		buf_printf(k->b, "%s:\n", k->title);
	buf_puts(k->b, "  -");
	for (int i = 0; i < r->n; i++) {
		const char *v = r->value[i];

		if (v == NULL || *v == '\0')
			continue;
		v = shown(r->name[i], v, k->roles, 0, tmp, sizeof(tmp));
		if (col > 0 && col % 4 == 0)
			buf_puts(k->b, "\n   ");
		buf_printf(k->b, " %.*s%s: %s",
		    ends(r->name[i], "_fen") ? (int)strlen(r->name[i]) - 4 :
		    (int)strlen(r->name[i]), r->name[i],
		    ends(r->name[i], "_fen") ? " (yuan)" : "", v);
		col++;
	}
	buf_puts(k->b, "\n");
	return 0;
}

static int
item_json(void *arg, const struct db_item *it)
{
	struct json *j = arg;

	json_open(j, NULL);
	json_str(j, "model", it->model);
	json_str(j, "spec", it->spec);
	json_int0(j, "cct", it->cct);
	json_int(j, "quantity", it->quantity);
	json_str(j, "accessories_missing", it->accessories_missing);
	json_str(j, "note", it->note);
	json_bool(j, "draft", it->draft);
	json_close(j);
	return 0;
}

static int
history_json(void *arg, const struct db_event *e)
{
	struct json *j = arg;
	char at[40];

	clock_local(e->at, 1, at, sizeof(at));
	json_open(j, NULL);
	json_str(j, "at", at);
	json_str(j, "by", e->actor);
	json_str(j, "name", e->name);
	json_str(j, "action", e->action);
	if (e->detail && e->detail[0] == '{')
		json_raw(j, "detail", e->detail);
	json_close(j);
	return 0;
}

/* An audit detail {"case":"R..","from":"a","to":"b"} as from=a to=b:
 * the case itself left out. */
static void
detail_text(struct buf *b, const char *d)
{
	int in = 0, key = 1, esc = 0;

	if (d == NULL || *d != '{')
		return;
	if (strncmp(d, "{\"case\":\"", 9) == 0) {
		const char *q = strchr(d + 9, '"');

		if (q == NULL)
			return;
		d = q + 1;
		if (*d == ',')
			d++;
	} else
		d++;
	buf_puts(b, "  ");
	for (; *d; d++) {
		if (in) {
			if (esc)
				esc = 0;
			else if (*d == '\\')
				esc = 1;
			else if (*d == '"') {
				in = 0;
				continue;
			}
			if (!esc)
				buf_add(b, d, 1);
			continue;
		}
		if (*d == '"')
			in = 1;
		else if (*d == ':' && key) {
			buf_puts(b, "=");
			key = 0;
		} else if (*d == ',') {
			buf_puts(b, " ");
			key = 1;
		} else if (*d != '}' && *d != '{')
			buf_add(b, d, 1);
	}
}

static int
history_text(void *arg, const struct db_event *e)
{
	struct buf *b = arg;
	char at[40];

	clock_local(e->at, 0, at, sizeof(at));
	buf_printf(b, "  %s  %-20s %s%s%s", at, e->action, e->actor,
	    e->name && e->name[0] ? " " : "", e->name ? e->name : "");
	detail_text(b, e->detail);
	buf_puts(b, "\n");
	return 0;
}

static void
customer_json(struct json *j, const struct db_case *cs, unsigned roles)
{
	char phone[40], addr[280];

	caseview_phone(cs->phone, roles, phone, sizeof(phone));
	caseview_address(cs->address, roles, addr, sizeof(addr));
	json_open(j, "customer");
	json_str(j, "name", cs->customer);
	json_str(j, "contact", cs->contact);
	json_str(j, "phone", phone);
	json_str(j, "address", addr);
	json_str(j, "service_rep", cs->service_rep);
	json_str(j, "order", cs->order_no);
	json_str(j, "complaint", cs->complaint);
	json_close(j);
}

void
caseview_json(struct db *db, struct json *j, const struct db_case *cs,
    int whole, unsigned roles)
{
	char at[40], up[40];

	clock_local(cs->received_at, 1, at, sizeof(at));
	clock_local(cs->updated_at, 1, up, sizeof(up));
	json_open(j, NULL);
	json_str(j, "case_no", cs->case_no);
	json_str(j, "waybill", cs->waybill);
	json_str(j, "carrier", cs->carrier);
	json_str(j, "received_at", at);
	json_str(j, "received_date", cs->received_date);
	json_str0(j, "kind", cs->kind);
	json_str(j, "condition", cs->condition);
	json_str(j, "state", cs->state);
	json_str(j, "area", cs->area);
	json_str(j, "area_name", cs->area_name);
	json_bool(j, "not_our_product", cs->not_our_product);
	json_str(j, "opened_by", cs->opened_by);
	json_str(j, "updated_at", up);
	customer_json(j, cs, roles);
	json_str0(j, "mismatch", cs->mismatch);
	json_str0(j, "reject_reason", cs->reject_reason);
	if (whole) {
		json_open_array(j, "items");
		db_item_foreach(db, cs->id, item_json, j);
		json_close(j);
		for (size_t i = 0; i < NSECTIONS; i++) {
			struct rec k = { j, NULL, roles, 0, NULL };

			json_open_array(j, sections[i].name);
			db_case_records(db, sections[i].name, cs->id, rec_json,
			    &k);
			json_close(j);
		}
		json_open_array(j, "history");
		db_case_history(db, cs->id, history_json, j);
		json_close(j);
	}
	json_close(j);
}

struct items_text {
	struct buf	*b;
	int		 line;
};

static int
item_text(void *arg, const struct db_item *it)
{
	struct items_text *k = arg;
	struct buf *b = k->b;

	buf_printf(b, "  %d. %s", ++k->line, it->model);
	if (it->spec[0])
		buf_printf(b, " (%s)", it->spec);
	if (it->cct)
		buf_printf(b, " %dK", it->cct);
	buf_printf(b, " x%d", it->quantity);
	if (it->accessories_missing[0])
		buf_printf(b, "  missing / 缺件: %s", it->accessories_missing);
	if (it->note[0])
		buf_printf(b, "  note: %s", it->note);
	if (it->draft)
		buf_puts(b, "  [not yet committed]");
	buf_puts(b, "\n");
	return 0;
}

static void
line(struct buf *b, const char *label, const char *v)
{
	if (v && *v)
		buf_printf(b, "%s: %s\n", label, v);
}

void
caseview_text(struct db *db, struct buf *b, const struct db_case *cs,
    unsigned roles)
{
	struct items_text it = { b, 0 };
	char at[40], phone[40], addr[280];

	clock_local(cs->received_at, 0, at, sizeof(at));
	caseview_phone(cs->phone, roles, phone, sizeof(phone));
	caseview_address(cs->address, roles, addr, sizeof(addr));
	buf_printf(b, "case %s  [%s]\n", cs->case_no, cs->state);
	buf_printf(b, "waybill / 寄回单号: %s (%s)\n", cs->waybill, cs->carrier);
	buf_printf(b, "received / 收货: %s by %s\n", at,
	    cs->opened_by[0] ? cs->opened_by : "-");
	buf_printf(b, "kind / 类型: %s  condition / 状况: %s%s\n",
	    cs->kind[0] ? cs->kind : "-", cs->condition,
	    cs->not_our_product ? "  (not our product / 非本公司产品)" : "");
	if (cs->area[0])
		buf_printf(b, "area / 区域: %s %s\n", cs->area, cs->area_name);
	line(b, "customer / 客户", cs->customer);
	line(b, "contact / 联系人", cs->contact);
	line(b, "phone / 电话", phone);
	line(b, "address / 地址", addr);
	line(b, "service rep / 客服", cs->service_rep);
	line(b, "order / 订单", cs->order_no);
	line(b, "complaint / 客诉原因", cs->complaint);
	line(b, "MISMATCH / 与登记不符", cs->mismatch);
	line(b, "reject reason / 拒收原因", cs->reject_reason);
	buf_puts(b, "items / 物品:\n");
	db_item_foreach(db, cs->id, item_text, &it);
	for (size_t i = 0; i < NSECTIONS; i++) {
		struct rec k = { NULL, b, roles, 0, sections[i].title };

		db_case_records(db, sections[i].name, cs->id, rec_text, &k);
	}
	buf_puts(b, "history / 历史:\n");
	db_case_history(db, cs->id, history_text, b);
}
