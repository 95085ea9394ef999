/* Roles (see role.h). */
#include <stdio.h>
#include <string.h>

#include "../common/buf.h"
#include "../db/db.h"
#include "role.h"

const char *const role_names[] = {
	"intake", "technician", "inspector", "finance", "supervisor", "admin",
	"service", "gm", "office", NULL
};

static int
role_bit(const char *w, size_t n)
{
	for (int i = 0; role_names[i]; i++)
		if (strlen(role_names[i]) == n && strncmp(role_names[i], w, n) == 0)
			return 1 << i;
	return 0;
}

unsigned
role_mask(const char *list)
{
	unsigned m = 0;

	for (const char *p = list; p && *p; ) {
		size_t n = strcspn(p, ",");

		m |= (unsigned)role_bit(p, n);
		p += n + (p[n] == ',');
	}
	return m;
}

int
role_parse(const char *list, unsigned *mask, char *why, size_t wlen)
{
	*mask = 0;
	for (const char *p = list; p && *p; ) {
		size_t n = strcspn(p, ",");
		int b = role_bit(p, n);

		if (n == 0) {
			p++;
			continue;
		}
		if (b == 0) {
			snprintf(why, wlen, "unknown role '%.*s': use intake,"
			    " technician, inspector, finance, supervisor, admin,"
			    " service, gm or office",
			    (int)(n > 32 ? 32 : n), p);
			return -1;
		}
		*mask |= (unsigned)b;
		p += n + (p[n] == ',');
	}
	if (*mask == 0) {
		snprintf(why, wlen, "give one or more of intake, technician,"
		    " inspector, finance, supervisor, admin");
		return -1;
	}
	return 0;
}

void
role_list(unsigned mask, const char *sep, char *out, size_t len)
{
	size_t used = 0;

	out[0] = '\0';
	for (int i = 0; role_names[i] && used < len; i++)
		if (mask & (1u << i)) {
			int n = snprintf(out + used, len - used, "%s%s",
			    used ? sep : "", role_names[i]);

			if (n < 0)
				break;
			used += (size_t)n;
		}
}

int
role_check(const struct db_operator *op, unsigned need, const char *what,
    struct buf *why)
{
	char names[96];

	if (!op->active) {
		buf_printf(why, "badge %s is disabled / 工牌已停用", op->badge);
		return 0;
	}
	if (role_mask(op->roles) & need)
		return 1;
	role_list(need, " or ", names, sizeof(names));
	buf_printf(why, "%s needs the %s role; %s has %s / 权限不足", what, names,
	    op->name, op->roles[0] ? op->roles : "none");
	return 0;
}
