/* Record fields and {field} expansion for templates. */
#include <stdio.h>
#include <string.h>

#include "../common/buf.h"
#include "label-int.h"

static const char *const fields[] = {
	"area", "area_name", "date", "case_no", "waybill", "carrier", "model",
	"spec", "cct", "qty", "kind", "condition", "operator", NULL
};

int
label_field_known(const char *name, size_t len)
{
	for (int i = 0; fields[i]; i++)
		if (strlen(fields[i]) == len && strncmp(fields[i], name, len) == 0)
			return 1;
	return 0;
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
		char name[32], tmp[32];
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
