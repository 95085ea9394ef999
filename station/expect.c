/* Expected returns (see expect.h). */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../common/buf.h"
#include "../common/json.h"
#include "../db/db.h"
#include "case.h"
#include "config.h"
#include "expect.h"
#include "scan.h"

static int
refuse(struct buf *why, const char *msg, const char *v)
{
	buf_printf(why, msg, v);
	return 0;
}

/* "MODEL:QTY[:CCT]" against the catalogue. */
static int
parse_item(struct db *db, const char *v, struct db_expected_item *it,
    struct buf *why)
{
	struct db_product p;
	char model[65], *end;
	const char *c1 = strchr(v, ':'), *c2;
	long q, k = 0;
	int rc;

	memset(it, 0, sizeof(*it));
	if (c1 == NULL || c1 == v || (size_t)(c1 - v) >= sizeof(model))
		return refuse(why, "item '%.80s' is MODEL:QTY or MODEL:QTY:CCT"
		    " / 物品格式错误", v);
	snprintf(model, sizeof(model), "%.*s", (int)(c1 - v), v);
	q = strtol(c1 + 1, &end, 10);
	c2 = end;
	if (end == c1 + 1 || (*end && *end != ':') || q < 1 || q > 9999)
		return refuse(why, "item '%.80s': the quantity is 1 to 9999"
		    " / 数量错误", v);
	if (*c2 == ':') {
		k = strtol(c2 + 1, &end, 10);
		if (*end == 'K' || *end == 'k')
			end++;
		if (end == c2 + 1 || *end || k < CCT_MIN || k > CCT_MAX)
			return refuse(why, "item '%.80s': the colour temperature"
			    " is kelvin from 1000 to 20000 / 色温错误", v);
	}
	if ((rc = db_product_by_model(db, model, &p)) != 1)
		return rc == -1 ? -1 : refuse(why, "item '%.80s': no such model"
		    " in the catalogue (stationctl product list) / 型号不在产品目录"
		    "中", v);
	if (!p.active)
		return refuse(why, "item '%.80s': the model is disabled in the"
		    " catalogue / 型号已停用", v);
	snprintf(it->model, sizeof(it->model), "%s", p.model);
	it->quantity = (int)q;
	it->cct = (int)k;
	return 1;
}

static int
opt_text(const char *what, const char *v, size_t max, struct buf *why)
{
	return v == NULL || *v == '\0' || scan_text_ok(what, v, max, why);
}

int
expect_add(struct db *db, const struct st_config *cf,
    const struct db_operator *by, const struct expect_in *e, struct buf *why)
{
	struct db_expected_item items[EXPECT_MAX_ITEMS];
	struct db_expected old;
	struct db_case c;
	struct buf d;
	struct json j;
	char wb[65];
	int64_t id;
	int rc;

	if (!scan_text_ok("waybill", e->waybill, 64, why) ||
	    !scan_text_ok("customer", e->cu.name, 128, why) ||
	    !opt_text("contact", e->cu.contact, 64, why) ||
	    !opt_text("address", e->cu.address, 256, why) ||
	    !opt_text("service rep", e->cu.service_rep, 64, why) ||
	    !opt_text("order", e->cu.order_no, 64, why) ||
	    !opt_text("complaint", e->cu.complaint, 256, why))
		return 0;
	if (e->cu.phone && *e->cu.phone && !case_phone_ok(e->cu.phone, why))
		return 0;
	snprintf(wb, sizeof(wb), "%s", e->waybill);
	for (char *p = wb; *p; p++)
		*p = (char)toupper((unsigned char)*p);
	if (carrier_match(&cf->carriers, wb) == NULL)
		return refuse(why, "%s is no waybill of a known carrier (see"
		    " [carriers]) / 运单号格式不符", wb);
	if ((rc = db_expected_open(db, wb, &old)) != 0)
		return rc == -1 ? -1 : refuse(why, "waybill %s is expected"
		    " already / 该运单已登记", wb);
	if ((rc = db_case_by_waybill(db, wb, &c)) != 0)
		return rc == -1 ? -1 : refuse(why, "waybill %s has arrived"
		    " already: set its customer with case customer / 包裹已到",
		    wb);
	if (e->nitems > EXPECT_MAX_ITEMS)
		return refuse(why, "%s", "at most 16 items / 物品过多");
	for (int i = 0; i < e->nitems; i++)
		if ((rc = parse_item(db, e->items[i], &items[i], why)) != 1)
			return rc;
	if (db_expected_add(db, wb, &e->cu, items, e->nitems, by->id,
	    &id) == -1)
		return -1;
	buf_init(&d);
	json_init(&j, &d);
	json_open(&j, NULL);
	json_str(&j, "waybill", wb);
	json_str(&j, "customer", e->cu.name);
	json_int(&j, "items", e->nitems);
	json_close(&j);
	rc = db_audit(db, by->badge, "expected.add", "expected", id, d.data,
	    NULL);
	buf_free(&d);
	return rc == -1 ? -1 : 1;
}

int
expect_match(struct db *db, struct db_case *c)
{
	struct db_expected e;
	struct db_customer cu;
	int rc;

	if ((rc = db_expected_open(db, c->waybill, &e)) != 1)
		return rc;
	memset(&cu, 0, sizeof(cu));
	cu.name = e.customer;
	cu.contact = e.contact;
	cu.phone = e.phone;
	cu.address = e.address;
	cu.service_rep = e.service_rep;
	cu.order_no = e.order_no;
	cu.complaint = e.complaint;
	if (db_expected_match(db, e.id, c->id) == -1 ||
	    db_case_set_customer(db, c->id, &cu) == -1 ||
	    db_case_get(db, c->id, c) != 1)
		return -1;
	return 1;
}

/* What came: each model's units, and its CCTs. */
struct got {
	struct {
		char	model[65];
		int	qty;
		int	cct[8];
		int	ncct;
		int	matched;
	}	v[64];
	int	n;
};

static int
got_item(void *arg, const struct db_item *it)
{
	struct got *g = arg;
	int i;

	for (i = 0; i < g->n; i++)
		if (strcasecmp(g->v[i].model, it->model) == 0)
			break;
	if (i == g->n) {
		if (g->n == 64)
			return 0;
		memset(&g->v[i], 0, sizeof(g->v[i]));
		snprintf(g->v[i].model, sizeof(g->v[i].model), "%s", it->model);
		g->n++;
	}
	g->v[i].qty += it->quantity;
	if (it->cct && g->v[i].ncct < 8)
		g->v[i].cct[g->v[i].ncct++] = it->cct;
	return 0;
}

struct cmp {
	struct got	*got;
	struct buf	*out;
};

static void
sep(struct buf *b)
{
	if (b->len)
		buf_puts(b, "; ");
}

static int
want_item(void *arg, const struct db_expected_item *w)
{
	struct cmp *k = arg;
	struct got *g = k->got;
	int i, cct_ok;

	for (i = 0; i < g->n; i++)
		if (strcasecmp(g->v[i].model, w->model) == 0)
			break;
	if (i == g->n) {
		sep(k->out);
		buf_printf(k->out, "%s x%d expected, not received / 未收到",
		    w->model, w->quantity);
		return 0;
	}
	g->v[i].matched = 1;
	if (g->v[i].qty != w->quantity) {
		sep(k->out);
		buf_printf(k->out, "%s quantity %d expected, %d received"
		    " / 数量不符", w->model, w->quantity, g->v[i].qty);
	}
	cct_ok = w->cct == 0;
	for (int c = 0; c < g->v[i].ncct && !cct_ok; c++)
		cct_ok = g->v[i].cct[c] == w->cct;
	if (!cct_ok) {
		sep(k->out);
		if (g->v[i].ncct)
			buf_printf(k->out, "%s %dK expected, %dK received"
			    " / 色温不符", w->model, w->cct, g->v[i].cct[0]);
		else
			buf_printf(k->out, "%s %dK expected, no colour"
			    " temperature received / 色温不符", w->model, w->cct);
	}
	return 0;
}

int
expect_compare(struct db *db, const struct db_case *c)
{
	struct db_expected e;
	struct got *g;
	struct buf out;
	struct cmp k;
	int rc;

	if ((rc = db_expected_of_case(db, c->id, &e)) != 1)
		return rc;
	if ((g = calloc(1, sizeof(*g))) == NULL)
		return -1;
	buf_init(&out);
	k.got = g;
	k.out = &out;
	rc = db_item_foreach(db, c->id, got_item, g) == -1 ||
	    db_expected_items(db, e.id, want_item, &k) == -1 ? -1 : 0;
	for (int i = 0; rc == 0 && i < g->n; i++)
		if (!g->v[i].matched) {
			sep(&out);
			buf_printf(&out, "%s x%d received, not expected / 未登记",
			    g->v[i].model, g->v[i].qty);
		}
	if (rc == 0)
		rc = db_case_set_mismatch(db, c->id, out.len ? out.data : "");
	buf_free(&out);
	free(g);
	return rc;
}
