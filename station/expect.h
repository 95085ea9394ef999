/*
 * Expected returns: customer service registers a parcel before it comes
 * (stationctl expect add, expect import). When its waybill is scanned the
 * new case takes the customer's data; when the case is registered what
 * came is compared with what was expected, and a mismatch is kept on it.
 */
#ifndef ST_EXPECT_H
#define ST_EXPECT_H

#include <stdint.h>

#include "../db/db.h"
#include "result.h"

struct buf;
struct db;
struct db_case;
struct db_operator;
struct st_config;

#define EXPECT_MAX_ITEMS 16

/* An expected return as typed or imported; every field is text. */
struct expect_in {
	const char	*waybill;
	struct db_customer cu;		/* cu.name: the customer */
	const char	*items[EXPECT_MAX_ITEMS];	/* "MODEL:QTY[:CCT]" */
	int		 nitems;
};

/*
 * Checks e and, when it is right, stores it with its audit event inside
 * the caller's transaction (db_begin()). Returns 1 stored, 0 refused (the
 * reason in why: nothing stored), -1 the store failed (db_error()).
 */
int	expect_add(struct db *, const struct st_config *,
	    const struct db_operator *by, const struct expect_in *e,
	    struct buf *why);
/*
 * A new case c for an expected waybill takes its customer (inside the
 * caller's transaction). Returns 1 matched, 0 nothing expected, -1.
 */
int	expect_match(struct db *, struct db_case *c);
/*
 * Compares the case's items with what was expected and stores the
 * mismatch on the case ("" when they agree), inside the caller's
 * transaction. Returns 0, or -1.
 */
int	expect_compare(struct db *, const struct db_case *c);

#endif
