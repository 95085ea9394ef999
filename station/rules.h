/*
 * The time rules of the after-sales procedures ([rules] in the config):
 * checked on a timer, and the large-batch alert at registration.
 */
#ifndef ST_RULES_H
#define ST_RULES_H

#include <stdint.h>
#include <time.h>

struct db;
struct db_case;
struct st_config;

/* The configured limits, copied for a worker thread. */
struct rules_limits {
	int	noreason7_inspect_hours;
	int	repair_ship_hours;
	int	callback_days;
};

/* A breach found and not yet recorded. */
struct rules_breach {
	int64_t	case_id;
	char	case_no[32];
	char	rule[24];
	time_t	due;
};

struct rules_found {
	struct rules_breach *v;		/* freed by rules_found_free() */
	int	 n, cap;
	int64_t	*rma;			/* applications whose RMA reply is
					   overdue: closed as accepted */
	int	 nrma;
	time_t	 next;			/* the next deadline, 0 if none */
	int	 failed;
	int	 more;			/* more than RULES_BATCH found */
};

/* New breaches recorded at most in one go, so that a backlog (a desk that
 * was off for weeks, an imported year) is charged a batch at a time and
 * never holds up the loop that acknowledges scans for long. */
#define RULES_BATCH	500

void	rules_limits(const struct st_config *, struct rules_limits *);
/*
 * Reads (only) which cases missed a rule as of now and are not charged
 * with it yet, and the next deadline; for a worker's read-only connection.
 * Returns 0, or -1.
 */
int	rules_scan(struct db *, const struct rules_limits *, time_t now,
	    struct rules_found *);
/* Records what rules_scan() found, in one transaction with the audit
 * events. Returns how many were new, or -1. */
int	rules_record(struct db *, const struct rules_found *);
void	rules_found_free(struct rules_found *);
/*
 * Both, in one go (tests). Records breaches of the time rules as of now (wall clock) and returns in
 * *next the wall-clock time of the next deadline (0 if none). Returns the
 * number of new breaches, or -1.
 */
int	rules_check(struct db *, const struct st_config *, time_t now,
	    time_t *next);
/* Large-batch alert at registration; inside the caller's transaction. */
int	rules_large_batch(struct db *, const struct st_config *,
	    const struct db_case *, int qty);

#endif
