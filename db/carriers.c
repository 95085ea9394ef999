/* Carriers kept centrally: a name and its waybill pattern. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <string.h>

#include "db-int.h"

static const char SQL_PUT[] = "INSERT INTO carriers (name, pattern, active)"
    " VALUES (?1, ?2, ?3) ON CONFLICT (name) DO UPDATE SET"
    " pattern = excluded.pattern, active = excluded.active";
static const char SQL_GET[] = "SELECT rowid, name, pattern, active FROM carriers"
    " WHERE name = ?1";
static const char SQL_ALL[] = "SELECT rowid, name, pattern, active FROM carriers"
    " ORDER BY name";

int
db_carrier_put(struct db *db, const char *name, const char *pattern,
    int active, int64_t *id)
{
	sqlite3_stmt *s;
	int rc;

	if (db_write(db, "writing a carrier", SQL_PUT, "TTi", name, pattern,
	    active) == -1)
		return -1;
	s = db_prep(db, SQL_GET, "T", name);
	if ((rc = db_one(db, s, "reading a carrier")) != 1)
		return -1;
	*id = sqlite3_column_int64(s, 0);
	sqlite3_reset(s);
	return 0;
}

static void
read_carrier(sqlite3_stmt *s, struct db_carrier *c)
{
	memset(c, 0, sizeof(*c));
	c->id = sqlite3_column_int64(s, 0);
	db_text(s, 1, c->name, sizeof(c->name));
	db_text(s, 2, c->pattern, sizeof(c->pattern));
	c->active = sqlite3_column_int(s, 3);
}

int
db_carrier_get(struct db *db, const char *name, struct db_carrier *c)
{
	sqlite3_stmt *s = db_prep(db, SQL_GET, "T", name);
	int rc = db_one(db, s, "reading a carrier");

	if (rc == 1) {
		read_carrier(s, c);
		sqlite3_reset(s);
	}
	return rc;
}

struct carrier_cb {
	int	(*fn)(void *, const struct db_carrier *);
	void	*arg;
};

static int
carrier_row(sqlite3_stmt *s, void *ctx)
{
	struct carrier_cb *cb = ctx;
	struct db_carrier c;

	read_carrier(s, &c);
	return cb->fn(cb->arg, &c);
}

int
db_carrier_foreach(struct db *db, int (*fn)(void *,
    const struct db_carrier *), void *arg)
{
	struct carrier_cb cb = { fn, arg };

	return db_each(db, db_prep(db, SQL_ALL, ""), "reading carriers",
	    carrier_row, &cb);
}
