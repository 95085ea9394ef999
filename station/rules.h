/*
 * The time rules of the after-sales procedures ([rules] in the config):
 * checked on a timer, and the large-batch alert at registration.
 */
#ifndef ST_RULES_H
#define ST_RULES_H

#include <time.h>

struct db;
struct db_case;
struct st_config;

/*
 * Records breaches of the time rules as of now (wall clock) and returns in
 * *next the wall-clock time of the next deadline (0 if none). Returns the
 * number of new breaches, or -1.
 */
int	rules_check(struct db *, const struct st_config *, time_t now,
	    time_t *next);
/* Large-batch alert at registration; inside the caller's transaction. */
int	rules_large_batch(struct db *, const struct st_config *,
	    const struct db_case *, int qty);

#endif
