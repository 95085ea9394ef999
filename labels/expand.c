/* Record fields and {field} expansion for templates. */
#include <stdio.h>
#include <string.h>

#include "../common/buf.h"
#include "label-int.h"

static const char *const fields[] = {
	"area", "area_name", "date", "case_no", "waybill", "carrier", "model",
	"spec", "cct", "qty", "kind", "condition", "operator", "contents",
	"models", NULL
};

/* {item1}..{item9} and {item1+}..{item9+}: n, and whether it ends in '+' */
static int
item_field(const char *name, size_t len, int *plus)
{
	if (len < 5 || len > 6 || strncmp(name, "item", 4) != 0 ||
	    name[4] < '1' || name[4] > '9' || (len == 6 && name[5] != '+'))
		return 0;
	*plus = len == 6;
	return name[4] - '0';
}

int
label_field_known(const char *name, size_t len)
{
	int plus;

	for (int i = 0; fields[i]; i++)
		if (strlen(fields[i]) == len && strncmp(fields[i], name, len) == 0)
			return 1;
	return item_field(name, len, &plus) > 0;
}

/* Line n (from 1) of the items, or with plus "+K more" when more than one
 * line is left from n on. */
static const char *
item_line(const char *items, int n, int plus, char *tmp, size_t tmplen)
{
	const char *p = items ? items : "";
	int count = *p ? 1 : 0;
	size_t len;

	for (const char *q = p; *q; q++)
		count += *q == '\n';
	if (n > count)
		return "";
	if (plus && count > n) {
		snprintf(tmp, tmplen, "+%d more 另%d项", count - n + 1,
		    count - n + 1);
		return tmp;
	}
	for (int i = 1; i < n; i++)
		p = strchr(p, '\n') + 1;
	len = strcspn(p, "\n");
	snprintf(tmp, tmplen, "%.*s", (int)len, p);
	return tmp;
}

const char *
label_field(const struct label_data *d, const char *name, char *tmp,
    size_t tmplen)
{
#define S(f) (d->f ? d->f : "")
	if (!strcmp(name, "area")) return S(area);
	if (!strcmp(name, "area_name")) return S(area_name);
	if (!strcmp(name, "date")) return S(date);
	if (!strcmp(name, "case_no")) return S(case_no);
	if (!strcmp(name, "waybill")) return S(waybill);
	if (!strcmp(name, "carrier")) return S(carrier);
	if (!strcmp(name, "model")) return S(model);
	if (!strcmp(name, "spec")) return S(spec);
	if (!strcmp(name, "kind")) return S(kind);
	if (!strcmp(name, "condition")) return S(condition);
	if (!strcmp(name, "operator")) return S(operator);
	if (!strcmp(name, "contents")) {
		/* labels queued before contents were kept: the old line */
		if (d->contents && *d->contents)
			return d->contents;
		if (d->model == NULL || *d->model == '\0')
			return "";
		if (d->cct > 0)
			snprintf(tmp, tmplen, "%s  %dK  x%d", d->model, d->cct,
			    d->qty);
		else
			snprintf(tmp, tmplen, "%s  x%d", d->model, d->qty);
		return tmp;
	}
	if (!strcmp(name, "models")) return S(models);
	{
		int plus, n = item_field(name, strlen(name), &plus);

		if (n > 0)
			return item_line(d->items, n, plus, tmp, tmplen);
	}
	if (!strcmp(name, "cct")) {
		if (d->cct > 0)
			snprintf(tmp, tmplen, "%dK", d->cct);
		else
			tmp[0] = '\0';
		return tmp;
	}
	if (!strcmp(name, "qty")) {
		snprintf(tmp, tmplen, "%d", d->qty);
		return tmp;
	}
	return NULL;
#undef S
}

int
label_expand(const char *v, const struct label_data *d, struct buf *out)
{
	while (*v) {
		const char *open = strchr(v, '{'), *close;
		char name[32], tmp[256];
		const char *val;
		size_t n;

		if (open == NULL) {
			buf_puts(out, v);
			break;
		}
		buf_add(out, v, (size_t)(open - v));
		if ((close = strchr(open, '}')) == NULL)
			return -1;
		n = (size_t)(close - open - 1);
		if (n == 0 || n >= sizeof(name))
			return -1;
		memcpy(name, open + 1, n);
		name[n] = '\0';
		if ((val = label_field(d, name, tmp, sizeof(tmp))) == NULL)
			return -1;
		buf_puts(out, val);
		v = close + 1;
	}
	if (out->data == NULL)
		buf_puts(out, "");
	return 0;
}

int
label_elem_value(const struct label_tmpl *t, const struct elem *e,
    const struct label_data *d, struct buf *v, char *cause, size_t clen)
{
	buf_reset(v);
	if (e->value && label_expand(e->value, d, v) == -1) {
		snprintf(cause, clen, "%s:%d: bad field reference", t->name,
		    e->line);
		return -1;
	}
	if (v->data == NULL)
		buf_puts(v, "");
	return 0;
}
