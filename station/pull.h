/* Applying what was pulled from the central database (pull.c). */
#ifndef ST_PULL_H
#define ST_PULL_H

#include <stddef.h>
#include <stdint.h>

struct db;

/* Applies a batch from rs.pull ({"rows": [...], "upto": N}) in one
 * transaction; *last the change number to ask after next. The rows taken,
 * or -1 with cause. */
int	pull_apply(struct db *, const char *json, size_t len, int64_t *last,
	    char *cause, size_t clen);

#endif
