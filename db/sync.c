/*
 * What the central database needs of each audit event. SQLite's update hook
 * notes every row of a synced table that a transaction writes; the audit
 * event that ends the transaction carries those rows, as they are after the
 * change, in its fields (db_audit). Rows are written by their UUIDv7 ("id"),
 * references to other records by theirs, operators included; a record's
 * dependent rows (an application's lines, a repair's parts) travel inside it.
 * Rows deleted are noted by triggers in sync_gone and travel as "gone".
 *
 *	{"rows": [{"t": "cases", "r": {"id": "0190…", "state": …},
 *	           "c": {"items": …}}, …],
 *	 "gone": [{"t": "items", "id": "0190…"}]}
 */
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../common/buf.h"
#include "../common/clock.h"
#include "../common/json.h"
#include "../common/jsonr.h"
#include "../common/uuid.h"
#include "db-int.h"

/* The synced tables; a child (parent set) travels inside its parent. */
static const struct {
	const char	*name;
	const char	*parent;
	const char	*entity;	/* the audit entity naming its rows */
} tabs[] = {
	{ "operators", NULL, "operator" },
	{ "products", NULL, "product" },
	{ "fault_causes", NULL, "cause" },
	{ "cases", NULL, "case" },
	{ "items", NULL, NULL },
	{ "repairs", NULL, NULL },
	{ "inspections", NULL, NULL },
	{ "signoffs", NULL, NULL },
	{ "shipments", NULL, NULL },
	{ "supplier_trips", NULL, NULL },
	{ "photos", NULL, NULL },
	{ "breaches", NULL, NULL },
	{ "expected_returns", NULL, "expected" },
	{ "applications", NULL, NULL },
	{ "approvals", NULL, NULL },
	{ "reviews", NULL, NULL },
	{ "callbacks", NULL, NULL },
	{ "label_outbox", NULL, "label" },
	{ "carriers", NULL, "carrier" },
	{ "operator_roles", "operators", NULL },
	{ "product_barcodes", "products", NULL },
	{ "repair_parts", "repairs", NULL },
	{ "expected_items", "expected_returns", NULL },
	{ "application_lines", "applications", NULL },
};
#define NTABS	((int)(sizeof(tabs) / sizeof(tabs[0])))
#define GONE	NTABS		/* sync_gone's index in the hook */

#define MAX_FK	6

struct sync_tab {
	sqlite3_stmt	*row;		/* SELECT * … WHERE rowid = ?1 */
	sqlite3_stmt	*by_uid;	/* SELECT rowid … WHERE uid = ?1 */
	sqlite3_stmt	*set_uid;	/* UPDATE … SET uid WHERE rowid */
	sqlite3_stmt	*kids;		/* a child's rows of a parent rowid */
	sqlite3_stmt	*up;		/* a child's parent rowid */
	int		 has_uid;
	int		 parent;	/* index, or -1 */
	int		 last_kid;	/* index + 1 of its last child; 0 */
	int		 nfk;
	struct {
		char	 col[64];
		int	 ref;		/* index of a table with uids */
	}		 fk[MAX_FK];
};

struct sync_meta {
	struct sync_tab	 t[NTABS];
	sqlite3_stmt	*gone_get, *gone_del, *uid_of[NTABS];
};

static int
tab_index(const char *name)
{
	for (int i = 0; i < NTABS; i++)
		if (!strcmp(tabs[i].name, name))
			return i;
	return !strcmp(name, "sync_gone") ? GONE : -1;
}

static void
hook(void *arg, int op, const char *dbname, const char *table,
    sqlite3_int64 rowid)
{
	struct db *db = arg;
	int t;

	(void)dbname;
	if (db->sync_quiet || op == SQLITE_DELETE ||
	    (t = tab_index(table)) < 0)
		return;
	for (size_t i = db->ntouch; i > 0 && i + 8 > db->ntouch; i--)
		if (db->touch[i - 1].tab == t && db->touch[i - 1].rowid == rowid)
			return;		/* the same row again, just now */
	if (db->ntouch == db->touch_cap) {
		size_t cap = db->touch_cap ? db->touch_cap * 2 : 32;
		void *p = realloc(db->touch, cap * sizeof(*db->touch));

		if (p == NULL) {
			db->touch_lost = 1;
			return;
		}
		db->touch = p;
		db->touch_cap = cap;
	}
	db->touch[db->ntouch].tab = t;
	db->touch[db->ntouch].rowid = rowid;
	db->ntouch++;
}

void
db_sync_hook(struct db *db)
{
	sqlite3_update_hook(db->h, hook, db);
}

void
db_sync_forget(struct db *db)
{
	db->ntouch = 0;
	db->touch_lost = 0;
}

static int
prep(struct db *db, sqlite3_stmt **s, const char *fmt, ...)
{
	char sql[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(sql, sizeof(sql), fmt, ap);
	va_end(ap);
	if (sqlite3_prepare_v3(db->h, sql, -1, SQLITE_PREPARE_PERSISTENT, s,
	    NULL) != SQLITE_OK)
		return db_fail(db, "preparing the sync statements");
	return 0;
}

void
db_sync_free(struct db *db)
{
	struct sync_meta *m = db->sync;

	free(db->touch);
	db->touch = NULL;
	db->touch_cap = db->ntouch = 0;
	if (m == NULL)
		return;
	for (int i = 0; i < NTABS; i++) {
		sqlite3_finalize(m->t[i].row);
		sqlite3_finalize(m->t[i].by_uid);
		sqlite3_finalize(m->t[i].set_uid);
		sqlite3_finalize(m->t[i].kids);
		sqlite3_finalize(m->t[i].up);
		sqlite3_finalize(m->uid_of[i]);
	}
	sqlite3_finalize(m->gone_get);
	sqlite3_finalize(m->gone_del);
	free(m);
	db->sync = NULL;
}

/* The tables' columns and references, read from the schema itself. */
static int
meta_load(struct db *db)
{
	struct sync_meta *m;
	char sql[160];

	if (db->sync)
		return 0;
	if ((m = calloc(1, sizeof(*m))) == NULL) {
		snprintf(db->err, sizeof(db->err), "out of memory");
		return -1;
	}
	db->sync = m;
	for (int i = 0; i < NTABS; i++) {
		struct sync_tab *t = &m->t[i];

		t->parent = tabs[i].parent ? tab_index(tabs[i].parent) : -1;
		if (t->parent >= 0)
			m->t[t->parent].last_kid = i + 1;
		if (t->parent >= 0)
			continue;	/* read with its parent */
		if (prep(db, &t->row, "SELECT * FROM %s WHERE rowid = ?1",
		    tabs[i].name) == -1)
			return -1;
		for (int c = 0; c < sqlite3_column_count(t->row); c++)
			if (!strcmp(sqlite3_column_name(t->row, c), "uid"))
				t->has_uid = 1;
	}
	for (int i = 0; i < NTABS; i++) {
		struct sync_tab *t = &m->t[i];
		const char *pcol = NULL;
		sqlite3_stmt *s;

		snprintf(sql, sizeof(sql), "PRAGMA foreign_key_list(%s)",
		    tabs[i].name);
		if (sqlite3_prepare_v2(db->h, sql, -1, &s, NULL) != SQLITE_OK)
			return db_fail(db, "reading the schema");
		while (sqlite3_step(s) == SQLITE_ROW) {
			const char *ref = (const char *)sqlite3_column_text(s, 2);
			const char *from = (const char *)sqlite3_column_text(s, 3);
			int r = ref ? tab_index(ref) : -1;

			if (r < 0 || r == GONE || !m->t[r].has_uid ||
			    t->nfk == MAX_FK || from == NULL)
				continue;
			snprintf(t->fk[t->nfk].col, sizeof(t->fk[0].col), "%s",
			    from);
			t->fk[t->nfk++].ref = r;
			if (r == t->parent)
				pcol = t->fk[t->nfk - 1].col;
		}
		sqlite3_finalize(s);
		if (t->has_uid && (prep(db, &t->set_uid, "UPDATE %s SET uid ="
		    " ?1 WHERE rowid = ?2 AND uid IS NULL", tabs[i].name) ==
		    -1 || prep(db, &m->uid_of[i], "SELECT uid FROM %s WHERE"
		    " rowid = ?1", tabs[i].name) == -1))
			return -1;
		if (t->parent >= 0) {
			if (pcol == NULL) {
				snprintf(db->err, sizeof(db->err), "sync: %s has"
				    " no reference to %s", tabs[i].name,
				    tabs[i].parent);
				return -1;
			}
			if (prep(db, &t->kids, "SELECT * FROM %s WHERE %s = ?1",
			    tabs[i].name, pcol) == -1)
				return -1;
			if (strcmp(tabs[i].name, "operator_roles") &&
			    strcmp(tabs[i].name, "expected_items") &&
			    strcmp(tabs[i].name, "application_lines") &&
			    prep(db, &t->up, "SELECT %s FROM %s WHERE rowid = ?1",
			    pcol, tabs[i].name) == -1)
				return -1;
		}
	}
	if (prep(db, &m->gone_get, "SELECT tab, uid FROM sync_gone WHERE"
	    " id = ?1") == -1 || prep(db, &m->gone_del, "DELETE FROM"
	    " sync_gone WHERE id = ?1") == -1)
		return -1;
	return 0;
}

/* Gives row rowid of table t the id uid, if it has none yet. The hook
 * does not count the station's own id writes as changes. */
static int
set_uid(struct db *db, int t, int64_t rowid, const char *uid)
{
	sqlite3_stmt *s = db->sync->t[t].set_uid;
	int rc;

	sqlite3_bind_text(s, 1, uid, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(s, 2, rowid);
	db->sync_quiet = 1;
	rc = sqlite3_step(s);
	db->sync_quiet = 0;
	sqlite3_reset(s);
	return rc == SQLITE_DONE ? 0 : db_fail(db, "giving a record its id");
}

/* The uid of row rowid of table t, given one now if it has none. */
static int
uid_of(struct db *db, int t, int64_t rowid, char out[UUID_LEN + 1])
{
	struct sync_meta *m = db->sync;
	sqlite3_stmt *s = m->uid_of[t];
	int rc;

	out[0] = '\0';
	sqlite3_bind_int64(s, 1, rowid);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW && sqlite3_column_type(s, 0) != SQLITE_NULL)
		db_text(s, 0, out, UUID_LEN + 1);
	sqlite3_reset(s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return db_fail(db, "reading a record's id");
	if (rc == SQLITE_DONE || out[0])
		return 0;
	if (uuid7(out) == -1) {
		snprintf(db->err, sizeof(db->err), "no randomness for an id");
		return -1;
	}
	return set_uid(db, t, rowid, out);
}

/* The current row of s (a SELECT * of table t) as a JSON object. */
static int
row_json(struct db *db, int t, sqlite3_stmt *s, struct json *j,
    const char *key)
{
	struct sync_tab *st = &db->sync->t[t];
	char u[UUID_LEN + 1];

	json_open(j, key);
	for (int c = 0; c < sqlite3_column_count(s); c++) {
		const char *name = sqlite3_column_name(s, c);
		int ty = sqlite3_column_type(s, c), fk = -1;

		if (!strcmp(name, "uid"))
			continue;
		if (st->has_uid && !strcmp(name, "id")) {
			if (uid_of(db, t, sqlite3_column_int64(s, c), u) == -1)
				return -1;
			json_str(j, "id", u);
			continue;
		}
		for (int f = 0; f < st->nfk; f++)
			if (!strcmp(st->fk[f].col, name))
				fk = st->fk[f].ref;
		if (fk >= 0 && ty == SQLITE_INTEGER) {
			if (uid_of(db, fk, sqlite3_column_int64(s, c), u) == -1)
				return -1;
			json_str0(j, name, u);
		} else if (ty == SQLITE_INTEGER)
			json_int(j, name, sqlite3_column_int64(s, c));
		else if (ty == SQLITE_TEXT)
			json_str(j, name, (const char *)sqlite3_column_text(s, c));
		else if (ty == SQLITE_NULL)
			json_null(j, name);
		else if (ty == SQLITE_FLOAT) {
			char num[40];

			snprintf(num, sizeof(num), "%.17g",
			    sqlite3_column_double(s, c));
			json_raw(j, name, num);
		}
		/* blobs (a label's bytes) stay at the station */
	}
	json_close(j);
	return 0;
}

/* Row rowid of table t, with its dependent rows, as an element of "rows";
 * nothing if it is gone. */
static int
row_out(struct db *db, int t, int64_t rowid, struct json *j)
{
	struct sync_meta *m = db->sync;
	sqlite3_stmt *s = m->t[t].row;
	int rc;

	sqlite3_bind_int64(s, 1, rowid);
	if ((rc = sqlite3_step(s)) != SQLITE_ROW) {
		sqlite3_reset(s);
		return rc == SQLITE_DONE ? 0 : db_fail(db, "reading a record");
	}
	json_open(j, NULL);
	json_str(j, "t", tabs[t].name);
	rc = row_json(db, t, s, j, "r");
	sqlite3_reset(s);
	if (rc == -1)
		return -1;
	/* every dependent table is listed, empty or not, so that the
	 * central side replaces what went */
	for (int c = 0, any = 0; c < NTABS; c++) {
		sqlite3_stmt *k = m->t[c].kids;

		if (m->t[c].parent != t || k == NULL)
			continue;
		if (!any++)
			json_open(j, "c");
		json_open_array(j, tabs[c].name);
		sqlite3_bind_int64(k, 1, rowid);
		while ((rc = sqlite3_step(k)) == SQLITE_ROW)
			if (row_json(db, c, k, j, NULL) == -1) {
				sqlite3_reset(k);
				return -1;
			}
		sqlite3_reset(k);
		if (rc != SQLITE_DONE)
			return db_fail(db, "reading a record's rows");
		json_close(j);
		if (c + 1 == m->t[t].last_kid)
			json_close(j);
	}
	json_close(j);
	return 0;
}

static int
cmp_touch(const void *a, const void *b)
{
	const struct db_touch *x = a, *y = b;

	if (x->tab != y->tab)
		return x->tab < y->tab ? -1 : 1;
	return x->rowid < y->rowid ? -1 : x->rowid > y->rowid;
}

static int
entity_tab(const char *entity)
{
	for (int i = 0; i < NTABS; i++)
		if (tabs[i].entity && !strcmp(tabs[i].entity, entity))
			return i;
	return -1;
}

int
db_sync_fields(struct db *db, const char *entity, int64_t entity_id,
    struct buf *out, char entity_uid[UUID_LEN + 1])
{
	struct sync_meta *m;
	struct json j;
	int et = entity_tab(entity), rc = 0, gone = 0;
	size_t n;

	entity_uid[0] = '\0';
	if (meta_load(db) == -1)
		return -1;
	m = db->sync;
	if (db->touch_lost) {
		snprintf(db->err, sizeof(db->err), "out of memory noting the"
		    " rows changed");
		return -1;
	}
	if (et >= 0 && entity_id > 0) {
		if (m->t[et].has_uid && uid_of(db, et, entity_id,
		    entity_uid) == -1)
			return -1;
		hook(db, SQLITE_UPDATE, "main", tabs[et].name, entity_id);
	}
	/* a dependent row stands for its parent */
	for (size_t i = 0; i < db->ntouch; i++) {
		int t = db->touch[i].tab, p;
		sqlite3_stmt *s;

		if (t == GONE || (p = m->t[t].parent) < 0)
			continue;
		if ((s = m->t[t].up) == NULL)
			continue;
		sqlite3_bind_int64(s, 1, db->touch[i].rowid);
		if (sqlite3_step(s) == SQLITE_ROW) {
			db->touch[i].tab = p;
			db->touch[i].rowid = sqlite3_column_int64(s, 0);
		} else
			db->touch[i].tab = -1;
		sqlite3_reset(s);
	}
	if (db->ntouch > 1)
		qsort(db->touch, db->ntouch, sizeof(*db->touch), cmp_touch);
	json_init(&j, out);
	json_open(&j, NULL);
	json_open_array(&j, "rows");
	for (size_t i = 0; i < db->ntouch && rc == 0; i++) {
		struct db_touch *x = &db->touch[i];

		if (x->tab < 0 || x->tab == GONE || (i > 0 &&
		    x->tab == x[-1].tab && x->rowid == x[-1].rowid))
			continue;
		if (m->t[x->tab].parent >= 0)
			continue;	/* a dependent row with no rowid way up */
		rc = row_out(db, x->tab, x->rowid, &j);
	}
	json_close(&j);
	n = db->ntouch;
	for (size_t i = 0; i < n && rc == 0; i++) {
		struct db_touch *x = &db->touch[i];
		sqlite3_stmt *s = m->gone_get;

		if (x->tab != GONE)
			continue;
		sqlite3_bind_int64(s, 1, x->rowid);
		if (sqlite3_step(s) == SQLITE_ROW) {
			if (!gone++)
				json_open_array(&j, "gone");
			json_open(&j, NULL);
			json_str(&j, "t", (const char *)sqlite3_column_text(s, 0));
			json_str(&j, "id", (const char *)sqlite3_column_text(s, 1));
			json_close(&j);
		}
		sqlite3_reset(s);
		s = m->gone_del;
		sqlite3_bind_int64(s, 1, x->rowid);
		db->sync_quiet = 1;
		if (sqlite3_step(s) != SQLITE_DONE)
			rc = db_fail(db, "clearing the rows gone");
		db->sync_quiet = 0;
		sqlite3_reset(s);
	}
	if (gone)
		json_close(&j);
	json_close(&j);
	db->ntouch = 0;
	return rc;
}

static const char SQL_STATE[] = "SELECT (SELECT uid FROM station),"
    " (SELECT coalesce(max(id), 0) FROM audit)";
static const char SQL_EVENTS[] = "SELECT id, uid, station, at, actor, action,"
    " entity, entity_id, entity_uid, detail, fields, hv, prev_hash, hash"
    " FROM audit WHERE id > ?1 ORDER BY id LIMIT ?2";

int
db_sync_state(struct db *db, struct db_sync_state *st)
{
	sqlite3_stmt *s = db_prep(db, SQL_STATE, "");
	int rc;

	memset(st, 0, sizeof(*st));
	if ((rc = db_one(db, s, "reading the events")) != 1) {
		if (rc == 0)
			snprintf(db->err, sizeof(db->err), "no events");
		return -1;
	}
	db_text(s, 0, st->station, sizeof(st->station));
	st->head = sqlite3_column_int64(s, 1);
	sqlite3_reset(s);
	return 0;
}

int
db_sync_events(struct db *db, int64_t after, int limit, size_t max_bytes,
    int (*fn)(void *, const struct db_up_event *), void *arg)
{
	sqlite3_stmt *s = db_prep(db, SQL_EVENTS, "Li", after, limit);
	size_t bytes = 0;
	int rc;

	if (s == NULL)
		return -1;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
#define T(i) ((const char *)sqlite3_column_text(s, (i)))
		struct db_up_event e = {
			.seq = sqlite3_column_int64(s, 0),
			.uid = T(1), .station = T(2), .at = T(3),
			.actor = T(4), .action = T(5), .entity = T(6),
			.entity_id = sqlite3_column_int64(s, 7),
			.has_entity_id = sqlite3_column_type(s, 7) !=
			    SQLITE_NULL,
			.entity_uid = T(8), .detail = T(9), .fields = T(10),
			.hv = sqlite3_column_int(s, 11),
			.prev_hash = T(12), .hash = T(13),
		};
#undef T
		if (fn(arg, &e) != 0)
			break;
		bytes += (size_t)sqlite3_column_bytes(s, 10) +
		    (size_t)sqlite3_column_bytes(s, 9);
		if (bytes >= max_bytes)
			break;
	}
	sqlite3_reset(s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return db_fail(db, "reading events to upload");
	return 0;
}

static const char SQL_PULLED[] = "SELECT cseq, coalesce(at, '') FROM"
    " sync_pulled";
static const char SQL_PULLED_SET[] = "UPDATE sync_pulled SET cseq = ?1,"
    " at = ?2";

int
db_sync_pulled(struct db *db, int64_t *cseq, char at[32])
{
	sqlite3_stmt *s = db_prep(db, SQL_PULLED, "");
	int rc;

	*cseq = 0;
	at[0] = '\0';
	if ((rc = db_one(db, s, "reading what was pulled")) != 1)
		return rc == 0 ? 0 : -1;
	*cseq = sqlite3_column_int64(s, 0);
	db_text(s, 1, at, 32);
	sqlite3_reset(s);
	return 0;
}

int
db_sync_pulled_set(struct db *db, int64_t cseq)
{
	char now[32];

	clock_now_iso(now, sizeof(now));
	return db_write(db, "noting what was pulled", SQL_PULLED_SET, "LT",
	    cseq, now);
}

int
db_sync_adopt(struct db *db, const char *table, int64_t rowid,
    const char *uid)
{
	int t = tab_index(table);

	if (t < 0 || t == GONE || !uuid_valid(uid)) {
		snprintf(db->err, sizeof(db->err), "sync: cannot give %s %" PRId64
		    " the id '%s'", table, rowid, uid ? uid : "");
		return -1;
	}
	if (meta_load(db) == -1)
		return -1;
	return db->sync->t[t].has_uid ? set_uid(db, t, rowid, uid) : 0;
}

void
db_sync_local(struct db *db)
{
	db_sync_forget(db);
}

static const char SQL_GONE_CLEAR[] = "DELETE FROM sync_gone";

int
db_sync_gone_clear(struct db *db)
{
	int rc;

	db->sync_quiet = 1;
	rc = db_write(db, "clearing the rows gone", SQL_GONE_CLEAR, "");
	db->sync_quiet = 0;
	return rc;
}

/* The local rowid of the row of table t with this id, or 0. */
static int64_t
rowid_of(struct db *db, int t, const char *uid)
{
	char sql[128];
	sqlite3_stmt *s;
	int64_t id = 0;

	snprintf(sql, sizeof(sql), "SELECT rowid FROM %s WHERE uid = ?1",
	    tabs[t].name);
	if (sqlite3_prepare_v2(db->h, sql, -1, &s, NULL) != SQLITE_OK)
		return -1;
	sqlite3_bind_text(s, 1, uid, -1, SQLITE_TRANSIENT);
	if (sqlite3_step(s) == SQLITE_ROW)
		id = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	return id;
}

#define MAX_COLS 48

/* A time column, stored as "YYYY-MM-DDTHH:MM:SS.mmmZ". */
static int
is_time(const char *col)
{
	size_t n = strlen(col);

	return !strcmp(col, "at") || (n > 3 && !strcmp(col + n - 3, "_at"));
}

/* PostgreSQL's UTC text of a timestamptz ("2026-11-24T23:28:06.12+00:00",
 * fraction optional) as the station stores it. */
static int
stamp(const char *pg, char out[32])
{
	int y, mo, d, h, mi, s, ms = 0;
	const char *p;

	if (sscanf(pg, "%4d-%2d-%2dT%2d:%2d:%2d", &y, &mo, &d, &h, &mi, &s) != 6)
		return -1;
	p = pg + 19;
	if (*p == '.') {
		int digits = 0;

		for (p++; *p >= '0' && *p <= '9'; p++, digits++)
			if (digits < 3)
				ms = ms * 10 + (*p - '0');
		for (; digits < 3; digits++)
			ms *= 10;
	}
	if (strcmp(p, "+00:00") && strcmp(p, "Z"))
		return -1;
	snprintf(out, 32, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", y, mo, d, h,
	    mi, s, ms);
	return 0;
}

int
db_sync_put(struct db *db, const char *table, const struct jr *r,
    const struct jr *ops, const char *self)
{
	int t = tab_index(table), n = 0, rc;
	const char *uid = jr_str(r, "id");
	struct sync_tab *st;
	sqlite3_stmt *cols, *s;
	struct {
		const char	*col;
		int		 type;	/* 0 null, 1 int, 2 text */
		int64_t		 i;
		const char	*txt;
		char		 buf[32];
	} v[MAX_COLS];
	struct buf sql;
	int64_t have = 0;

	if (t < 0 || t == GONE || r == NULL || r->type != JR_OBJ) {
		snprintf(db->err, sizeof(db->err), "sync: no table %s", table);
		return -1;
	}
	if (meta_load(db) == -1)
		return -1;
	st = &db->sync->t[t];
	cols = st->parent >= 0 ? st->kids : st->row;
	if (st->has_uid) {
		if (!uuid_valid(uid))
			return 1;
		if ((have = rowid_of(db, t, uid)) < 0)
			return db_fail(db, "finding a record");
	}
	for (int c = 0; c < sqlite3_column_count(cols) && n < MAX_COLS; c++) {
		const char *name = sqlite3_column_name(cols, c);
		const struct jr *x = jr_get(r, name);
		int fk = -1;

		if (!strcmp(name, "uid") || (st->has_uid && !strcmp(name, "id")) ||
		    x == NULL)
			continue;
		for (int f = 0; f < st->nfk; f++)
			if (!strcmp(st->fk[f].col, name))
				fk = st->fk[f].ref;
		v[n].col = name;
		v[n].type = 0;
		if (x->type == JR_NULL)
			;
		else if (!strcmp(table, "cases") && !strcmp(name, "owner")) {
			/* held here: no owner */
			if (x->type == JR_STR && strcmp(x->s, self)) {
				v[n].type = 2;
				v[n].txt = x->s;
			}
		} else if (fk >= 0) {
			int64_t id = x->type == JR_STR ? rowid_of(db, fk, x->s) : 0;

			if (id == 0 && !strcmp(tabs[fk].name, "operators") &&
			    ops && x->type == JR_STR && jr_get(ops, x->s)) {
				struct db_operator op;

				if (db_operator_get(db, jr_str(ops, x->s), &op) == 1)
					id = op.id;
			}
			/* an item names its model in words as well */
			if (id <= 0 && !strcmp(tabs[fk].name, "products"))
				;
			else if (id <= 0)
				return 1;	/* names what is not here */
			else {
				v[n].type = 1;
				v[n].i = id;
			}
		} else if (x->type == JR_NUM || x->type == JR_BOOL) {
			v[n].type = 1;
			v[n].i = x->type == JR_BOOL ? !strcmp(x->s, "true") :
			    strtoll(x->s, NULL, 10);
		} else if (x->type == JR_STR) {
			v[n].type = 2;
			v[n].txt = x->s;
			if (is_time(name) && stamp(x->s, v[n].buf) == 0)
				v[n].txt = v[n].buf;
		} else
			return 1;
		n++;
	}
	buf_init(&sql);
	if (have) {
		buf_printf(&sql, "UPDATE %s SET ", table);
		for (int i = 0; i < n; i++)
			buf_printf(&sql, "%s%s = ?%d", i ? ", " : "", v[i].col,
			    i + 1);
		buf_printf(&sql, " WHERE rowid = ?%d", n + 1);
	} else {
		buf_printf(&sql, "INSERT INTO %s (", table);
		for (int i = 0; i < n; i++)
			buf_printf(&sql, "%s%s", i ? ", " : "", v[i].col);
		if (st->has_uid)
			buf_printf(&sql, "%suid", n ? ", " : "");
		buf_puts(&sql, ") VALUES (");
		for (int i = 0; i < n + st->has_uid; i++)
			buf_printf(&sql, "%s?%d", i ? ", " : "", i + 1);
		buf_puts(&sql, ")");
	}
	rc = sqlite3_prepare_v2(db->h, sql.data, -1, &s, NULL);
	buf_free(&sql);
	if (rc != SQLITE_OK)
		return db_fail(db, "writing a pulled record");
	for (int i = 0; i < n; i++) {
		if (v[i].type == 1)
			sqlite3_bind_int64(s, i + 1, v[i].i);
		else if (v[i].type == 2)
			sqlite3_bind_text(s, i + 1, v[i].txt, -1,
			    SQLITE_TRANSIENT);
	}
	if (have)
		sqlite3_bind_int64(s, n + 1, have);
	else if (st->has_uid)
		sqlite3_bind_text(s, n + 1, uid, -1, SQLITE_TRANSIENT);
	rc = sqlite3_step(s);
	sqlite3_finalize(s);
	return rc == SQLITE_DONE ? 0 : db_fail(db, "writing a pulled record");
}

int
db_sync_clear_kids(struct db *db, const char *child, const char *parent_uid)
{
	int t = tab_index(child), p;
	char sql[160];
	sqlite3_stmt *s;
	int64_t pid;
	const char *col = NULL;
	int rc;

	if (t < 0 || t == GONE || meta_load(db) == -1 ||
	    (p = db->sync->t[t].parent) < 0)
		return -1;
	if ((pid = rowid_of(db, p, parent_uid)) <= 0)
		return pid < 0 ? -1 : 0;
	for (int f = 0; f < db->sync->t[t].nfk; f++)
		if (db->sync->t[t].fk[f].ref == p)
			col = db->sync->t[t].fk[f].col;
	if (col == NULL)
		return -1;
	snprintf(sql, sizeof(sql), "DELETE FROM %s WHERE %s = ?1", child, col);
	if (sqlite3_prepare_v2(db->h, sql, -1, &s, NULL) != SQLITE_OK)
		return db_fail(db, "replacing pulled rows");
	sqlite3_bind_int64(s, 1, pid);
	rc = sqlite3_step(s);
	sqlite3_finalize(s);
	return rc == SQLITE_DONE ? 0 : db_fail(db, "replacing pulled rows");
}

static const char SQL_BASE_NEXT[] = "SELECT tab, upto, done FROM sync_baseline"
    " WHERE done < upto ORDER BY ord LIMIT 1";
static const char SQL_BASE_SET[] = "UPDATE sync_baseline SET done = ?2"
    " WHERE tab = ?1";
static const char SQL_BASE_LEFT[] = "SELECT coalesce(sum(upto - done), 0)"
    " FROM sync_baseline";

int
db_sync_baseline(struct db *db, int max, int64_t *left)
{
	char tab[64], sql[160], detail[128];
	sqlite3_stmt *s, *q = NULL;
	int64_t upto, done, last;
	int t, rc, n = 0;

	*left = 0;
	if (db_begin(db) == -1)
		return -1;
	s = db_prep(db, SQL_BASE_NEXT, "");
	if ((rc = db_one(db, s, "reading the baseline")) != 1) {
		db_rollback(db);
		return rc;
	}
	db_text(s, 0, tab, sizeof(tab));
	upto = sqlite3_column_int64(s, 1);
	done = sqlite3_column_int64(s, 2);
	sqlite3_reset(s);
	last = upto;
	if ((t = tab_index(tab)) >= 0 && t != GONE && tabs[t].parent == NULL) {
		/* the name is one of tabs[], never from outside */
		snprintf(sql, sizeof(sql), "SELECT rowid FROM %s WHERE rowid > ?1"
		    " AND rowid <= ?2 ORDER BY rowid LIMIT ?3", tabs[t].name);
		if (sqlite3_prepare_v2(db->h, sql, -1, &q, NULL) != SQLITE_OK) {
			db_fail(db, "reading the baseline");
			db_rollback(db);
			return -1;
		}
		sqlite3_bind_int64(q, 1, done);
		sqlite3_bind_int64(q, 2, upto);
		sqlite3_bind_int(q, 3, max);
		while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
			last = sqlite3_column_int64(q, 0);
			hook(db, SQLITE_UPDATE, "main", tabs[t].name, last);
			n++;
		}
		sqlite3_finalize(q);
		if (rc != SQLITE_DONE) {
			db_fail(db, "reading the baseline");
			db_rollback(db);
			return -1;
		}
		if (n < max)
			last = upto;	/* nothing more in the range */
	}
	snprintf(detail, sizeof(detail), "{\"table\":\"%s\",\"rows\":%d}", tab,
	    n);
	if (db_write(db, "noting the baseline", SQL_BASE_SET, "TL", tab,
	    last) == -1 || (n > 0 && db_audit(db, "station", "sync.baseline",
	    "sync", 0, detail, NULL) == -1) || db_commit(db) == -1) {
		db_sync_forget(db);
		db_rollback(db);
		return -1;
	}
	s = db_prep(db, SQL_BASE_LEFT, "");
	if (db_one(db, s, "reading the baseline") == 1) {
		*left = sqlite3_column_int64(s, 0);
		sqlite3_reset(s);
	}
	return 1;
}

int
db_sync_baseline_left(struct db *db, int64_t *left)
{
	sqlite3_stmt *s = db_prep(db, SQL_BASE_LEFT, "");
	int rc = db_one(db, s, "reading the baseline");

	*left = 0;
	if (rc == 1) {
		*left = sqlite3_column_int64(s, 0);
		sqlite3_reset(s);
	}
	return rc == -1 ? -1 : 0;
}
