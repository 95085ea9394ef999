/*
 * Roles: what an operator may do. The one place that reads an operator's
 * roles and says why an action is refused; the desk, stationctl and the case
 * state machine all ask here. Admin does not stand in for other roles.
 */
#ifndef ST_ROLE_H
#define ST_ROLE_H

#include <stddef.h>

struct buf;
struct db_operator;

enum role {
	ROLE_INTAKE	= 1 << 0,
	ROLE_TECHNICIAN	= 1 << 1,
	ROLE_INSPECTOR	= 1 << 2,
	ROLE_FINANCE	= 1 << 3,
	ROLE_SUPERVISOR	= 1 << 4,
	ROLE_ADMIN	= 1 << 5,
	ROLE_SERVICE	= 1 << 6,	/* customer service 客服 */
	ROLE_GM		= 1 << 7,	/* general manager 总经理 */
	ROLE_OFFICE	= 1 << 8,	/* general manager's office 总经办 */
};
#define ROLE_ALL	0x1ff
/* Who may see a customer's phone and address unmasked. */
#define ROLE_SEES_CONTACT (ROLE_SERVICE | ROLE_SUPERVISOR | ROLE_FINANCE | \
	    ROLE_ADMIN)

/* The role names, in bit order; NULL-terminated. */
extern const char *const role_names[];

/* The roles in a stored comma-separated list; unknown words are ignored. */
unsigned role_mask(const char *list);
/*
 * Parses a list given by a user ("intake,supervisor"). Returns 0 with the
 * mask, or -1 naming the unknown word in why.
 */
int	role_parse(const char *list, unsigned *mask, char *why, size_t wlen);
/* Writes the roles of mask as "intake,supervisor" (sep between names). */
void	role_list(unsigned mask, const char *sep, char *out, size_t len);
/*
 * May op do what (e.g. "approving a case"), which needs any of the roles in
 * need? Returns 1; or 0 with the reason, in Chinese and English, appended
 * to why (a disabled badge, a missing role).
 */
int	role_check(const struct db_operator *op, unsigned need, const char *what,
	    struct buf *why);

#endif
