/* Operators and their roles. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <string.h>

#include "../common/clock.h"
#include "db-int.h"

static const char SQL_ADD[] = "INSERT INTO operators (badge, name,"
    " created_at) VALUES (?1, ?2, ?3)";
static const char SQL_ROLE_ADD[] = "INSERT OR IGNORE INTO operator_roles"
    " (operator_id, role) VALUES (?1, ?2)";
#define OP_COLS "SELECT o.id, o.badge, o.name, o.active," \
    " (SELECT group_concat(role, ',') FROM operator_roles r" \
    "  WHERE r.operator_id = o.id) FROM operators o"
static const char SQL_GET[] = OP_COLS " WHERE o.badge = ?1";
static const char SQL_BY_ID[] = OP_COLS " WHERE o.id = ?1";
static const char SQL_ALL[] = OP_COLS " ORDER BY o.badge";
static const char SQL_SET_PIN[] = "UPDATE operators SET pin_hash = ?2"
    " WHERE id = ?1";
static const char SQL_PIN[] = "SELECT coalesce(pin_hash, '') FROM operators"
    " WHERE badge = ?1";
static const char SQL_ROLES_CLEAR[] = "DELETE FROM operator_roles"
    " WHERE operator_id = ?1";
static const char SQL_ACTIVE[] = "UPDATE operators SET active = ?2"
    " WHERE id = ?1";
static const char SQL_NAME[] = "UPDATE operators SET name = ?2 WHERE id = ?1";

int
db_operator_add(struct db *db, const char *badge, const char *name,
    const char *roles, int64_t *id)
{
	char now[32];
	int64_t oid;

	clock_now_iso(now, sizeof(now));
	if (db_write(db, "adding operator", SQL_ADD, "TTT", badge, name,
	    now) == -1)
		return -1;
	oid = db_last_id(db);
	if (db_operator_set_roles(db, oid, roles) == -1)
		return -1;
	if (id)
		*id = oid;
	return 0;
}

static void
read_row(sqlite3_stmt *s, struct db_operator *op)
{
	memset(op, 0, sizeof(*op));
	op->id = sqlite3_column_int64(s, 0);
	db_text(s, 1, op->badge, sizeof(op->badge));
	db_text(s, 2, op->name, sizeof(op->name));
	op->active = sqlite3_column_int(s, 3);
	db_text(s, 4, op->roles, sizeof(op->roles));
}

static int
read_one(struct db *db, sqlite3_stmt *s, struct db_operator *op)
{
	int rc = db_one(db, s, "reading operator");

	if (rc == 1) {
		read_row(s, op);
		sqlite3_reset(s);
	}
	return rc;
}

int
db_operator_get(struct db *db, const char *badge, struct db_operator *op)
{
	return read_one(db, db_prep(db, SQL_GET, "T", badge), op);
}

int
db_operator_by_id(struct db *db, int64_t id, struct db_operator *op)
{
	return read_one(db, db_prep(db, SQL_BY_ID, "L", id), op);
}

struct op_cb {
	int	(*fn)(void *, const struct db_operator *);
	void	*arg;
};

static int
op_row(sqlite3_stmt *s, void *ctx)
{
	struct op_cb *cb = ctx;
	struct db_operator op;

	read_row(s, &op);
	return cb->fn(cb->arg, &op);
}

int
db_operator_foreach(struct db *db, int (*fn)(void *,
    const struct db_operator *), void *arg)
{
	struct op_cb cb = { fn, arg };

	return db_each(db, db_prep(db, SQL_ALL, ""), "listing operators",
	    op_row, &cb);
}

int
db_operator_set_active(struct db *db, int64_t id, int active)
{
	return db_write(db, "changing operator", SQL_ACTIVE, "Li", id, active);
}

int
db_operator_set_pin(struct db *db, int64_t id, const char *hash)
{
	return db_write(db, "setting PIN", SQL_SET_PIN, "Lt", id, hash);
}

int
db_operator_pin(struct db *db, const char *badge, char *hash, size_t len)
{
	sqlite3_stmt *s = db_prep(db, SQL_PIN, "T", badge);
	int rc = db_one(db, s, "reading PIN");

	if (rc == 1) {
		db_text(s, 0, hash, len);
		sqlite3_reset(s);
	}
	return rc;
}

int
db_operator_set_roles(struct db *db, int64_t id, const char *roles)
{
	if (db_write(db, "clearing roles", SQL_ROLES_CLEAR, "L", id) == -1)
		return -1;
	for (const char *p = roles; *p; ) {
		size_t n = strcspn(p, ",");
		char role[32];

		snprintf(role, sizeof(role), "%.*s", (int)n, p);
		if (n && db_write(db, "adding operator role", SQL_ROLE_ADD,
		    "LT", id, role) == -1)
			return -1;
		p += n + (p[n] == ',');
	}
	return 0;
}

int
db_operator_set_name(struct db *db, int64_t id, const char *name)
{
	return db_write(db, "renaming operator", SQL_NAME, "LT", id, name);
}
