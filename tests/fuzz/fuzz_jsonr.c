/* libFuzzer: any bytes as the JSON the office page reads; every string
 * the tree holds lies in its own buffer and ends. */
#include <stdint.h>
#include <string.h>

#include "../../common/jsonr.h"

static size_t
walk(const struct jr *v, int depth)
{
	size_t n = 1;

	if (depth > 70 || v->s == NULL)
		__builtin_trap();
	(void)strlen(v->s);
	for (const struct jr *m = v->kid; m; m = m->next) {
		if ((v->type == JR_OBJ) != (m->key != NULL))
			__builtin_trap();	/* keys only in objects */
		n += walk(m, depth + 1);
	}
	return n;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct jr *t = jr_parse((const char *)data, size);

	if (t) {
		walk(t, 0);
		(void)jr_str(t, "case_no");
		jr_free(t);
	}
	return 0;
}
