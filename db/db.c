/* SQLite store: open, migrate, prepared statements, records. */
#define _POSIX_C_SOURCE 200809L
#include <assert.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "db-int.h"

static const char *const stmt_sql[S_COUNT] = {
	[S_BEGIN] = "BEGIN IMMEDIATE",
	[S_COMMIT] = "COMMIT",
	[S_ROLLBACK] = "ROLLBACK",
	[S_OP_ADD] = "INSERT INTO operators (badge, name, created_at)"
	    " VALUES (?1, ?2, ?3)",
	[S_OP_ROLE_ADD] = "INSERT INTO operator_roles (operator_id, role)"
	    " VALUES (?1, ?2)",
	[S_OP_GET] = "SELECT o.id, o.badge, o.name, o.active,"
	    " (SELECT group_concat(role, ',') FROM operator_roles r"
	    "  WHERE r.operator_id = o.id)"
	    " FROM operators o WHERE o.badge = ?1",
	[S_OP_BY_ID] = "SELECT o.id, o.badge, o.name, o.active,"
	    " (SELECT group_concat(role, ',') FROM operator_roles r"
	    "  WHERE r.operator_id = o.id)"
	    " FROM operators o WHERE o.id = ?1",
	[S_OP_ALL] = "SELECT o.id, o.badge, o.name, o.active,"
	    " (SELECT group_concat(role, ',') FROM operator_roles r"
	    "  WHERE r.operator_id = o.id)"
	    " FROM operators o ORDER BY o.badge",
	[S_PROD_ADD] = "INSERT INTO products (model, name, spec, default_cct,"
	    " outsourced, potted, special) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
	[S_PROD_BARCODE_ADD] = "INSERT INTO product_barcodes (barcode,"
	    " product_id) VALUES (?1, ?2)",
	[S_PROD_BY_MODEL] = "SELECT id, model, name, spec, default_cct,"
	    " outsourced, potted, special FROM products WHERE model = ?1",
	[S_PROD_BY_BARCODE] = "SELECT p.id, p.model, p.name, p.spec,"
	    " p.default_cct, p.outsourced, p.potted, p.special FROM products p"
	    " JOIN product_barcodes b ON b.product_id = p.id"
	    " WHERE b.barcode = ?1",
	[S_PROD_GET] = "SELECT id, model, name, spec, default_cct,"
	    " outsourced, potted, special FROM products WHERE id = ?1",
	[S_CASE_LAST_NO] = "SELECT case_no FROM cases WHERE case_no >= ?1"
	    " AND case_no < ?2 ORDER BY case_no DESC LIMIT 1",
	[S_CASE_ADD] = "INSERT INTO cases (case_no, waybill, carrier,"
	    " received_at, received_date, state, opened_by, updated_at)"
	    " VALUES (?1, ?2, ?3, ?4, ?5, 'draft', ?6, ?4)",
#define CASE_COLS "c.id, c.case_no, c.waybill, c.carrier, c.received_at," \
	" c.received_date, c.kind, c.condition, c.state, c.area, c.area_name," \
	" c.not_our_product, o.badge, c.updated_at, c.customer, c.phone," \
	" c.service_rep, c.complaint" \
	" FROM cases c LEFT JOIN operators o ON o.id = c.opened_by"
	[S_CASE_GET] = "SELECT " CASE_COLS " WHERE c.id = ?1",
	[S_CASE_BY_NO] = "SELECT " CASE_COLS " WHERE c.case_no = ?1",
	[S_CASE_BY_WAYBILL] = "SELECT " CASE_COLS " WHERE c.waybill = ?1"
	    " AND c.state NOT IN ('closed', 'cancelled')",
	[S_CASE_SET_KIND] = "UPDATE cases SET kind = ?2, updated_at = ?3"
	    " WHERE id = ?1",
	[S_CASE_SET_COND] = "UPDATE cases SET condition = ?2, updated_at = ?3"
	    " WHERE id = ?1",
	[S_CASE_SET_STATE] = "UPDATE cases SET state = ?2, area = ?3,"
	    " area_name = ?4, updated_at = ?5 WHERE id = ?1",
	[S_CASE_SET_FOREIGN] = "UPDATE cases SET not_our_product = ?2,"
	    " updated_at = ?3 WHERE id = ?1",
	[S_CASE_ALL] = "SELECT " CASE_COLS " ORDER BY c.id DESC",
	[S_CASE_IN_STATE] = "SELECT " CASE_COLS " WHERE c.state = ?1"
	    " ORDER BY c.id DESC",
#undef CASE_COLS
	[S_ITEM_ADD] = "INSERT INTO items (case_id, product_id, model, spec,"
	    " cct, quantity) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
#define ITEM_COLS "id, case_id, product_id, model, spec, cct, quantity," \
	" accessories_missing, note, draft FROM items"
	[S_ITEM_GET] = "SELECT " ITEM_COLS " WHERE id = ?1",
	[S_ITEMS_OF_CASE] = "SELECT " ITEM_COLS " WHERE case_id = ?1"
	    " ORDER BY id",
#undef ITEM_COLS
	[S_ITEM_SET_CCT] = "UPDATE items SET cct = ?2 WHERE id = ?1",
	[S_ITEM_SET_QTY] = "UPDATE items SET quantity = ?2 WHERE id = ?1",
	[S_ITEM_SET_ACC] = "UPDATE items SET accessories_missing = ?2"
	    " WHERE id = ?1",
	[S_ITEMS_COMMIT] = "UPDATE items SET draft = 0 WHERE case_id = ?1"
	    " AND draft = 1",
	[S_ITEMS_DISCARD] = "DELETE FROM items WHERE case_id = ?1 AND draft = 1",
	[S_ITEMS_COUNT] = "SELECT count(*) FROM items WHERE case_id = ?1",
	[S_SESSION_LOAD] = "SELECT desk, operator_id, case_id, item_id,"
	    " last_case_id, case_was_new, prev_kind, prev_condition"
	    " FROM intake_sessions WHERE desk = ?1",
	[S_SESSION_SAVE] = "INSERT INTO intake_sessions (desk, operator_id,"
	    " case_id, item_id, last_case_id, case_was_new, prev_kind,"
	    " prev_condition, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7,"
	    " ?8, ?9) ON CONFLICT (desk) DO UPDATE SET"
	    " operator_id = ?2, case_id = ?3, item_id = ?4, last_case_id = ?5,"
	    " case_was_new = ?6, prev_kind = ?7, prev_condition = ?8,"
	    " updated_at = ?9",
	[S_LABEL_ADD] = "INSERT INTO label_outbox (case_id, template, format,"
	    " queue, payload, created_at, updated_at)"
	    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)",
#define LABEL_COLS "l.id, l.case_id, c.case_no, l.format, l.queue," \
	" l.state, l.job_id, l.attempts, l.error, l.created_at, l.updated_at"
	[S_LABEL_NEXT] = "SELECT " LABEL_COLS ", l.payload FROM label_outbox l"
	    " JOIN cases c ON c.id = l.case_id WHERE l.state = ?1"
	    " ORDER BY l.id LIMIT 1",
	[S_LABEL_ALL] = "SELECT " LABEL_COLS " FROM label_outbox l"
	    " JOIN cases c ON c.id = l.case_id ORDER BY l.id",
	[S_LABEL_IN_STATE] = "SELECT " LABEL_COLS " FROM label_outbox l"
	    " JOIN cases c ON c.id = l.case_id WHERE l.state = ?1"
	    " ORDER BY l.id",
#undef LABEL_COLS
	[S_LABEL_SET] = "UPDATE label_outbox SET state = ?2,"
	    " job_id = coalesce(?3, job_id), error = ?4, updated_at = ?5,"
	    " attempts = attempts + (?2 = 'submitted' OR ?4 IS NOT NULL)"
	    " WHERE id = ?1",
	[S_LABEL_COUNTS] = "SELECT"
	    " coalesce(sum(state = 'queued'), 0),"
	    " coalesce(sum(state = 'submitted'), 0),"
	    " coalesce(sum(state = 'printed'), 0),"
	    " coalesce(sum(state = 'failed'), 0) FROM label_outbox",
	[S_AUDIT_LAST] = "SELECT id, hash FROM audit ORDER BY id DESC LIMIT 1",
	[S_AUDIT_ADD] = "INSERT INTO audit (id, at, actor, action, entity,"
	    " entity_id, detail, prev_hash, hash)"
	    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
	[S_AUDIT_ALL] = "SELECT id, at, actor, action, entity, entity_id,"
	    " detail, prev_hash, hash FROM audit ORDER BY id",
};

/* Seconds added to the wall clock: tests move time forward with it. */
static long clock_offset;

void
db_clock_offset(long seconds)
{
	clock_offset = seconds;
}

time_t
db_wall(void)
{
	return time(NULL) + clock_offset;
}

void
db_now(char *out, size_t len)
{
	struct timespec ts;
	struct tm tm;
	char s[32];

	clock_gettime(CLOCK_REALTIME, &ts);
	ts.tv_sec += clock_offset;
	gmtime_r(&ts.tv_sec, &tm);
	strftime(s, sizeof(s), "%Y-%m-%dT%H:%M:%S", &tm);
	snprintf(out, len, "%s.%03ldZ", s, ts.tv_nsec / 1000000);
}

const char *
db_error(struct db *db)
{
	return db->err;
}

int
db_fail(struct db *db, const char *what)
{
	snprintf(db->err, sizeof(db->err), "%s: %s", what,
	    sqlite3_errmsg(db->h));
	return -1;
}

static const char *
sql_of(enum db_stmt id)
{
	return id >= S_CASE_SET_LIFE ? db_life_sql[id - S_CASE_SET_LIFE] :
	    stmt_sql[id];
}

sqlite3_stmt *
db_stmt(struct db *db, enum db_stmt id)
{
	sqlite3_stmt *s = db->st[id];

	if (s == NULL) {
		if (sqlite3_prepare_v3(db->h, sql_of(id), -1,
		    SQLITE_PREPARE_PERSISTENT, &db->st[id], NULL) != SQLITE_OK) {
			db_fail(db, "prepare");
			return NULL;
		}
		return db->st[id];
	}
	sqlite3_reset(s);
	sqlite3_clear_bindings(s);
	return s;
}

static int
exec_simple(struct db *db, enum db_stmt id)
{
	sqlite3_stmt *s = db_stmt(db, id);
	int rc;

	if (s == NULL)
		return -1;
	rc = sqlite3_step(s);
	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		return db_fail(db, sql_of(id));
	return 0;
}

static void
bind_va(sqlite3_stmt *s, const char *types, va_list ap)
{
	for (int i = 0; types[i]; i++) {
		switch (types[i]) {
		case 'i':
			sqlite3_bind_int(s, i + 1, va_arg(ap, int));
			break;
		case 'I': {
			int64_t v = va_arg(ap, int64_t);

			if (v)
				sqlite3_bind_int64(s, i + 1, v);
			else
				sqlite3_bind_null(s, i + 1);
			break;
		}
		case 't': {
			const char *t = va_arg(ap, const char *);

			if (t && *t)
				sqlite3_bind_text(s, i + 1, t, -1,
				    SQLITE_TRANSIENT);
			else
				sqlite3_bind_null(s, i + 1);
			break;
		}
		default:
			sqlite3_bind_text(s, i + 1, va_arg(ap, const char *), -1,
			    SQLITE_TRANSIENT);
		}
	}
}

int
db_exec(struct db *db, enum db_stmt id, const char *types, ...)
{
	sqlite3_stmt *s = db_stmt(db, id);
	va_list ap;
	int rc;

	if (s == NULL)
		return -1;
	assert(db->in_tx);
	va_start(ap, types);
	bind_va(s, types, ap);
	va_end(ap);
	rc = sqlite3_step(s);
	sqlite3_reset(s);
	return rc == SQLITE_DONE ? 0 : db_fail(db, "writing");
}

int
db_query_int(struct db *db, enum db_stmt id, int64_t *out, const char *types,
    ...)
{
	sqlite3_stmt *s = db_stmt(db, id);
	va_list ap;
	int rc;

	*out = 0;
	if (s == NULL)
		return -1;
	va_start(ap, types);
	bind_va(s, types, ap);
	va_end(ap);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		*out = sqlite3_column_int64(s, 0);
	sqlite3_reset(s);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 :
	    db_fail(db, "reading");
}

int
db_begin(struct db *db)
{
	assert(!db->in_tx);
	if (exec_simple(db, S_BEGIN) == -1)
		return -1;
	db->in_tx = 1;
	return 0;
}

int
db_commit(struct db *db)
{
	assert(db->in_tx);
	if (exec_simple(db, S_COMMIT) == -1) {
		db_rollback(db);
		return -1;
	}
	db->in_tx = 0;
	return 0;
}

void
db_rollback(struct db *db)
{
	if (!db->in_tx)
		return;
	/* a failed statement may already have ended the transaction */
	if (!sqlite3_get_autocommit(db->h))
		exec_simple(db, S_ROLLBACK);
	db->in_tx = 0;
}

int
db_user_version(struct db *db)
{
	sqlite3_stmt *s;
	int v = -1;

	if (sqlite3_prepare_v2(db->h, "PRAGMA user_version", -1, &s,
	    NULL) != SQLITE_OK)
		return -1;
	if (sqlite3_step(s) == SQLITE_ROW)
		v = sqlite3_column_int(s, 0);
	sqlite3_finalize(s);
	return v;
}

static int
migrate(struct db *db, int upto, int *created)
{
	int v = db_user_version(db);
	char sql[64];

	if (v < 0)
		return db_fail(db, "reading schema version");
	if (v > DB_SCHEMA_VERSION) {
		snprintf(db->err, sizeof(db->err), "database schema version %d is"
		    " newer than this stationd understands (%d): upgrade stationd",
		    v, DB_SCHEMA_VERSION);
		return -1;
	}
	if (created)
		*created = (v == 0);
	for (; v < upto; v++) {
		if (sqlite3_exec(db->h, "BEGIN IMMEDIATE", NULL, NULL,
		    NULL) != SQLITE_OK)
			return db_fail(db, "migration");
		snprintf(sql, sizeof(sql), "PRAGMA user_version = %d", v + 1);
		if (sqlite3_exec(db->h, db_migrations[v], NULL, NULL,
		    NULL) != SQLITE_OK ||
		    sqlite3_exec(db->h, sql, NULL, NULL, NULL) != SQLITE_OK) {
			char what[64];

			snprintf(what, sizeof(what), "migration %d", v + 1);
			db_fail(db, what);
			sqlite3_exec(db->h, "ROLLBACK", NULL, NULL, NULL);
			return -1;
		}
		if (sqlite3_exec(db->h, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
			return db_fail(db, "migration commit");
	}
	return 0;
}

#define WAL_FORCE_PAGES	8192	/* checkpoint even when never idle */

static int
wal_hook(void *arg, sqlite3 *h, const char *name, int pages)
{
	struct db *db = arg;

	db->wal_pages = pages;
	if (pages >= WAL_FORCE_PAGES) {
		sqlite3_wal_checkpoint_v2(h, name, SQLITE_CHECKPOINT_PASSIVE,
		    NULL, NULL);
		db->wal_pages = 0;
	}
	return SQLITE_OK;
}

int
db_wal_pages(struct db *db)
{
	return db->wal_pages;
}

int
db_checkpoint(struct db *db)
{
	int log = 0, done = 0;

	if (db->wal_pages == 0 || db->in_tx)
		return 0;
	if (sqlite3_wal_checkpoint_v2(db->h, NULL, SQLITE_CHECKPOINT_PASSIVE,
	    &log, &done) != SQLITE_OK)
		return db_fail(db, "checkpoint");
	db->wal_pages = 0;
	return 0;
}

static struct db *
open_db(const char *path, int upto, int *created, char *cause, size_t clen)
{
	static const char *const pragmas =
	    "PRAGMA journal_mode = WAL;"
	    "PRAGMA synchronous = FULL;"
	    "PRAGMA foreign_keys = ON;"
	    "PRAGMA busy_timeout = 5000;"
	    "PRAGMA cache_size = -512;";
	struct db *db;

	if ((db = calloc(1, sizeof(*db))) == NULL) {
		snprintf(cause, clen, "out of memory");
		return NULL;
	}
	if (sqlite3_open_v2(path, &db->h, SQLITE_OPEN_READWRITE |
	    SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK) {
		snprintf(cause, clen, "%s: %s", path,
		    db->h ? sqlite3_errmsg(db->h) : "cannot open");
		goto fail;
	}
	sqlite3_extended_result_codes(db->h, 1);
	if (sqlite3_exec(db->h, pragmas, NULL, NULL, NULL) != SQLITE_OK) {
		snprintf(cause, clen, "%s: %s", path, sqlite3_errmsg(db->h));
		goto fail;
	}
	/* checkpoints run when the desk is idle (db_checkpoint), not inside
	 * a scan's commit; the hook replaces SQLite's auto-checkpoint */
	sqlite3_wal_hook(db->h, wal_hook, db);
	if (migrate(db, upto, created) == -1) {
		snprintf(cause, clen, "%s: %s", path, db->err);
		goto fail;
	}
	return db;
fail:
	sqlite3_close(db->h);
	free(db);
	return NULL;
}

struct db *
db_open(const char *path, int *created, char *cause, size_t clen)
{
	return open_db(path, DB_SCHEMA_VERSION, created, cause, clen);
}

struct db *
db_open_upto(const char *path, int upto, char *cause, size_t clen)
{
	return open_db(path, upto, NULL, cause, clen);
}

void
db_close(struct db *db)
{
	if (db == NULL)
		return;
	db_rollback(db);
	for (int i = 0; i < S_COUNT; i++)
		sqlite3_finalize(db->st[i]);
	sqlite3_close(db->h);
	free(db);
}

/* --- helpers --- */

static void
col_text(sqlite3_stmt *s, int i, char *dst, size_t len)
{
	const unsigned char *t = sqlite3_column_text(s, i);

	snprintf(dst, len, "%s", t ? (const char *)t : "");
}

static void
bind_text_or_null(sqlite3_stmt *s, int i, const char *t)
{
	if (t && *t)
		sqlite3_bind_text(s, i, t, -1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_null(s, i);
}

static void
bind_id_or_null(sqlite3_stmt *s, int i, int64_t id)
{
	if (id > 0)
		sqlite3_bind_int64(s, i, id);
	else
		sqlite3_bind_null(s, i);
}

/* Runs a write statement to completion. */
static int
step_done(struct db *db, sqlite3_stmt *s, const char *what)
{
	int rc;

	assert(db->in_tx);
	rc = sqlite3_step(s);
	if (rc != SQLITE_DONE) {
		db_fail(db, what);
		sqlite3_reset(s);
		return -1;
	}
	sqlite3_reset(s);
	return 0;
}

/* Steps a lookup; 1 row, 0 none, -1 error. Leaves the row readable. */
static int
step_row(struct db *db, sqlite3_stmt *s, const char *what)
{
	int rc = sqlite3_step(s);

	if (rc == SQLITE_ROW)
		return 1;
	sqlite3_reset(s);
	if (rc == SQLITE_DONE)
		return 0;
	return db_fail(db, what);
}

/* Steps s to its end, handing each row to row(); a non-zero return stops. */
static int
each_row(struct db *db, sqlite3_stmt *s, const char *what,
    int (*row)(sqlite3_stmt *, void *), void *ctx)
{
	int rc;

	while ((rc = sqlite3_step(s)) == SQLITE_ROW)
		if (row(s, ctx) != 0) {
			rc = SQLITE_DONE;
			break;
		}
	if (rc != SQLITE_DONE) {
		db_fail(db, what);
		sqlite3_reset(s);
		return -1;
	}
	sqlite3_reset(s);
	return 0;
}

/* --- operators --- */

int
db_operator_add(struct db *db, const char *badge, const char *name,
    const char *roles, int64_t *id)
{
	sqlite3_stmt *s;
	char now[32], rbuf[256], *role, *save;
	int64_t oid;

	db_now(now, sizeof(now));
	if ((s = db_stmt(db, S_OP_ADD)) == NULL)
		return -1;
	sqlite3_bind_text(s, 1, badge, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 2, name, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 3, now, -1, SQLITE_TRANSIENT);
	if (step_done(db, s, "adding operator") == -1)
		return -1;
	oid = sqlite3_last_insert_rowid(db->h);
	snprintf(rbuf, sizeof(rbuf), "%s", roles);
	for (role = strtok_r(rbuf, ",", &save); role;
	    role = strtok_r(NULL, ",", &save)) {
		if ((s = db_stmt(db, S_OP_ROLE_ADD)) == NULL)
			return -1;
		sqlite3_bind_int64(s, 1, oid);
		sqlite3_bind_text(s, 2, role, -1, SQLITE_TRANSIENT);
		if (step_done(db, s, "adding operator role") == -1)
			return -1;
	}
	if (id)
		*id = oid;
	return 0;
}

static void
read_operator_row(sqlite3_stmt *s, struct db_operator *op)
{
	memset(op, 0, sizeof(*op));
	op->id = sqlite3_column_int64(s, 0);
	col_text(s, 1, op->badge, sizeof(op->badge));
	col_text(s, 2, op->name, sizeof(op->name));
	op->active = sqlite3_column_int(s, 3);
	col_text(s, 4, op->roles, sizeof(op->roles));
}

static int
read_operator(struct db *db, sqlite3_stmt *s, struct db_operator *op)
{
	int rc = step_row(db, s, "reading operator");

	if (rc != 1)
		return rc;
	read_operator_row(s, op);
	sqlite3_reset(s);
	return 1;
}

int
db_operator_get(struct db *db, const char *badge, struct db_operator *op)
{
	sqlite3_stmt *s = db_stmt(db, S_OP_GET);

	if (s == NULL)
		return -1;
	sqlite3_bind_text(s, 1, badge, -1, SQLITE_TRANSIENT);
	return read_operator(db, s, op);
}

int
db_operator_by_id(struct db *db, int64_t id, struct db_operator *op)
{
	sqlite3_stmt *s = db_stmt(db, S_OP_BY_ID);

	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, id);
	return read_operator(db, s, op);
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

	read_operator_row(s, &op);
	return cb->fn(cb->arg, &op);
}

int
db_operator_foreach(struct db *db, int (*fn)(void *,
    const struct db_operator *), void *arg)
{
	sqlite3_stmt *s = db_stmt(db, S_OP_ALL);
	struct op_cb cb = { fn, arg };

	if (s == NULL)
		return -1;
	return each_row(db, s, "listing operators", op_row, &cb);
}

/* --- products --- */

int
db_product_add(struct db *db, const struct db_product *p, const char *barcode,
    int64_t *id)
{
	sqlite3_stmt *s;
	int64_t pid;

	if ((s = db_stmt(db, S_PROD_ADD)) == NULL)
		return -1;
	sqlite3_bind_text(s, 1, p->model, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 2, p->name, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 3, p->spec, -1, SQLITE_TRANSIENT);
	if (p->default_cct)
		sqlite3_bind_int(s, 4, p->default_cct);
	else
		sqlite3_bind_null(s, 4);
	sqlite3_bind_int(s, 5, p->outsourced);
	sqlite3_bind_int(s, 6, p->potted);
	sqlite3_bind_int(s, 7, p->special);
	if (step_done(db, s, "adding product") == -1)
		return -1;
	pid = sqlite3_last_insert_rowid(db->h);
	if (barcode && *barcode) {
		if ((s = db_stmt(db, S_PROD_BARCODE_ADD)) == NULL)
			return -1;
		sqlite3_bind_text(s, 1, barcode, -1, SQLITE_TRANSIENT);
		sqlite3_bind_int64(s, 2, pid);
		if (step_done(db, s, "adding product barcode") == -1)
			return -1;
	}
	if (id)
		*id = pid;
	return 0;
}

static int
read_product(struct db *db, sqlite3_stmt *s, struct db_product *p)
{
	int rc = step_row(db, s, "reading product");

	if (rc != 1)
		return rc;
	p->id = sqlite3_column_int64(s, 0);
	col_text(s, 1, p->model, sizeof(p->model));
	col_text(s, 2, p->name, sizeof(p->name));
	col_text(s, 3, p->spec, sizeof(p->spec));
	p->default_cct = sqlite3_column_int(s, 4);
	p->outsourced = sqlite3_column_int(s, 5);
	p->potted = sqlite3_column_int(s, 6);
	p->special = sqlite3_column_int(s, 7);
	sqlite3_reset(s);
	return 1;
}

int
db_product_by_model(struct db *db, const char *model, struct db_product *p)
{
	sqlite3_stmt *s = db_stmt(db, S_PROD_BY_MODEL);

	if (s == NULL)
		return -1;
	sqlite3_bind_text(s, 1, model, -1, SQLITE_TRANSIENT);
	return read_product(db, s, p);
}

int
db_product_by_barcode(struct db *db, const char *code, struct db_product *p)
{
	sqlite3_stmt *s = db_stmt(db, S_PROD_BY_BARCODE);

	if (s == NULL)
		return -1;
	sqlite3_bind_text(s, 1, code, -1, SQLITE_TRANSIENT);
	return read_product(db, s, p);
}

int
db_product_get(struct db *db, int64_t id, struct db_product *p)
{
	sqlite3_stmt *s = db_stmt(db, S_PROD_GET);

	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, id);
	return read_product(db, s, p);
}

/* --- cases --- */

static void
read_case_row(sqlite3_stmt *s, struct db_case *c)
{
	memset(c, 0, sizeof(*c));
	c->id = sqlite3_column_int64(s, 0);
	col_text(s, 1, c->case_no, sizeof(c->case_no));
	col_text(s, 2, c->waybill, sizeof(c->waybill));
	col_text(s, 3, c->carrier, sizeof(c->carrier));
	col_text(s, 4, c->received_at, sizeof(c->received_at));
	col_text(s, 5, c->received_date, sizeof(c->received_date));
	col_text(s, 6, c->kind, sizeof(c->kind));
	col_text(s, 7, c->condition, sizeof(c->condition));
	col_text(s, 8, c->state, sizeof(c->state));
	col_text(s, 9, c->area, sizeof(c->area));
	col_text(s, 10, c->area_name, sizeof(c->area_name));
	c->not_our_product = sqlite3_column_int(s, 11);
	col_text(s, 12, c->opened_by, sizeof(c->opened_by));
	col_text(s, 13, c->updated_at, sizeof(c->updated_at));
	col_text(s, 14, c->customer, sizeof(c->customer));
	col_text(s, 15, c->phone, sizeof(c->phone));
	col_text(s, 16, c->service_rep, sizeof(c->service_rep));
	col_text(s, 17, c->complaint, sizeof(c->complaint));
}

static int
read_case(struct db *db, sqlite3_stmt *s, struct db_case *c)
{
	int rc = step_row(db, s, "reading case");

	if (rc != 1)
		return rc;
	read_case_row(s, c);
	sqlite3_reset(s);
	return 1;
}

int
db_case_create(struct db *db, const char *prefix, const char *waybill,
    const char *carrier, int64_t opened_by, struct db_case *out)
{
	sqlite3_stmt *s;
	char now[32], date[16], lo[24], hi[24], case_no[40];
	struct timespec ts;
	struct tm tm;
	int seq = 1, rc;

	/* the case number carries the local date of arrival */
	ts.tv_sec = db_wall();
	localtime_r(&ts.tv_sec, &tm);
	strftime(date, sizeof(date), "%Y%m%d", &tm);
	snprintf(lo, sizeof(lo), "%.7s%.8s-", prefix, date);
	snprintf(hi, sizeof(hi), "%.7s%.8s.", prefix, date);
	if ((s = db_stmt(db, S_CASE_LAST_NO)) == NULL)
		return -1;
	sqlite3_bind_text(s, 1, lo, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 2, hi, -1, SQLITE_TRANSIENT);
	if ((rc = step_row(db, s, "numbering case")) == -1)
		return -1;
	if (rc == 1) {
		const char *last = (const char *)sqlite3_column_text(s, 0);

		seq = atoi(last + strlen(lo)) + 1;
		sqlite3_reset(s);
	}
	if (seq > 999999) {
		snprintf(db->err, sizeof(db->err), "more than 999999 cases today");
		return -1;
	}
	snprintf(case_no, sizeof(case_no), "%s%04d", lo, seq);
	db_now(now, sizeof(now));
	strftime(date, sizeof(date), "%Y-%m-%d", &tm);
	if ((s = db_stmt(db, S_CASE_ADD)) == NULL)
		return -1;
	sqlite3_bind_text(s, 1, case_no, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 2, waybill, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 3, carrier, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 4, now, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 5, date, -1, SQLITE_TRANSIENT);
	bind_id_or_null(s, 6, opened_by);
	if (step_done(db, s, "creating case") == -1)
		return -1;
	return db_case_get(db, sqlite3_last_insert_rowid(db->h), out) == 1 ?
	    0 : -1;
}

int
db_case_get(struct db *db, int64_t id, struct db_case *c)
{
	sqlite3_stmt *s = db_stmt(db, S_CASE_GET);

	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, id);
	return read_case(db, s, c);
}

int
db_case_by_no(struct db *db, const char *case_no, struct db_case *c)
{
	sqlite3_stmt *s = db_stmt(db, S_CASE_BY_NO);

	if (s == NULL)
		return -1;
	sqlite3_bind_text(s, 1, case_no, -1, SQLITE_TRANSIENT);
	return read_case(db, s, c);
}

int
db_case_by_waybill(struct db *db, const char *waybill, struct db_case *c)
{
	sqlite3_stmt *s = db_stmt(db, S_CASE_BY_WAYBILL);

	if (s == NULL)
		return -1;
	sqlite3_bind_text(s, 1, waybill, -1, SQLITE_TRANSIENT);
	return read_case(db, s, c);
}

static int
case_set_text(struct db *db, enum db_stmt id, int64_t cid, const char *v,
    const char *what)
{
	sqlite3_stmt *s = db_stmt(db, id);
	char now[32];

	if (s == NULL)
		return -1;
	db_now(now, sizeof(now));
	sqlite3_bind_int64(s, 1, cid);
	bind_text_or_null(s, 2, v);
	sqlite3_bind_text(s, 3, now, -1, SQLITE_TRANSIENT);
	return step_done(db, s, what);
}

int
db_case_find(struct db *db, const char *key, struct db_case *c)
{
	char k[257];
	int rc;

	/* scanned and typed keys alike: numbers and waybills are upper-case */
	snprintf(k, sizeof(k), "%s", key);
	for (char *p = k; *p; p++)
		if (*p >= 'a' && *p <= 'z')
			*p = (char)(*p - 'a' + 'A');
	if ((rc = db_case_by_no(db, k, c)) == 0)
		rc = db_case_by_waybill(db, k, c);
	return rc;
}

int
db_case_set_kind(struct db *db, int64_t id, const char *kind)
{
	return case_set_text(db, S_CASE_SET_KIND, id, kind, "setting kind");
}

int
db_case_set_condition(struct db *db, int64_t id, const char *cond)
{
	return case_set_text(db, S_CASE_SET_COND, id, cond,
	    "setting condition");
}

int
db_case_set_state(struct db *db, int64_t id, const char *state,
    const char *area, const char *area_name)
{
	sqlite3_stmt *s = db_stmt(db, S_CASE_SET_STATE);
	char now[32];

	if (s == NULL)
		return -1;
	db_now(now, sizeof(now));
	sqlite3_bind_int64(s, 1, id);
	sqlite3_bind_text(s, 2, state, -1, SQLITE_TRANSIENT);
	bind_text_or_null(s, 3, area);
	bind_text_or_null(s, 4, area_name);
	sqlite3_bind_text(s, 5, now, -1, SQLITE_TRANSIENT);
	return step_done(db, s, "setting case state");
}

int
db_case_set_foreign(struct db *db, int64_t id, int not_ours)
{
	sqlite3_stmt *s = db_stmt(db, S_CASE_SET_FOREIGN);
	char now[32];

	if (s == NULL)
		return -1;
	db_now(now, sizeof(now));
	sqlite3_bind_int64(s, 1, id);
	sqlite3_bind_int(s, 2, not_ours != 0);
	sqlite3_bind_text(s, 3, now, -1, SQLITE_TRANSIENT);
	return step_done(db, s, "marking case");
}

struct case_cb {
	int	(*fn)(void *, const struct db_case *);
	void	*arg;
};

static int
case_row(sqlite3_stmt *s, void *ctx)
{
	struct case_cb *cb = ctx;
	struct db_case c;

	read_case_row(s, &c);
	return cb->fn(cb->arg, &c);
}

int
db_case_foreach(struct db *db, const char *state,
    int (*fn)(void *, const struct db_case *), void *arg)
{
	sqlite3_stmt *s = db_stmt(db, state ? S_CASE_IN_STATE : S_CASE_ALL);
	struct case_cb cb = { fn, arg };

	if (s == NULL)
		return -1;
	if (state)
		sqlite3_bind_text(s, 1, state, -1, SQLITE_TRANSIENT);
	return each_row(db, s, "listing cases", case_row, &cb);
}

/* --- items --- */

int
db_item_add(struct db *db, const struct db_item *it, int64_t *id)
{
	sqlite3_stmt *s = db_stmt(db, S_ITEM_ADD);

	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, it->case_id);
	bind_id_or_null(s, 2, it->product_id);
	sqlite3_bind_text(s, 3, it->model, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 4, it->spec, -1, SQLITE_TRANSIENT);
	if (it->cct)
		sqlite3_bind_int(s, 5, it->cct);
	else
		sqlite3_bind_null(s, 5);
	sqlite3_bind_int(s, 6, it->quantity);
	if (step_done(db, s, "adding item") == -1)
		return -1;
	if (id)
		*id = sqlite3_last_insert_rowid(db->h);
	return 0;
}

static void
read_item_row(sqlite3_stmt *s, struct db_item *it)
{
	memset(it, 0, sizeof(*it));
	it->id = sqlite3_column_int64(s, 0);
	it->case_id = sqlite3_column_int64(s, 1);
	it->product_id = sqlite3_column_int64(s, 2);
	col_text(s, 3, it->model, sizeof(it->model));
	col_text(s, 4, it->spec, sizeof(it->spec));
	it->cct = sqlite3_column_int(s, 5);
	it->quantity = sqlite3_column_int(s, 6);
	col_text(s, 7, it->accessories_missing,
	    sizeof(it->accessories_missing));
	col_text(s, 8, it->note, sizeof(it->note));
	it->draft = sqlite3_column_int(s, 9);
}

int
db_item_get(struct db *db, int64_t id, struct db_item *it)
{
	sqlite3_stmt *s = db_stmt(db, S_ITEM_GET);
	int rc;

	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, id);
	if ((rc = step_row(db, s, "reading item")) != 1)
		return rc;
	read_item_row(s, it);
	sqlite3_reset(s);
	return 1;
}

static int
item_set(struct db *db, enum db_stmt id, int64_t iid, int iv, const char *tv)
{
	sqlite3_stmt *s = db_stmt(db, id);

	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, iid);
	if (tv)
		sqlite3_bind_text(s, 2, tv, -1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_int(s, 2, iv);
	return step_done(db, s, "updating item");
}

int
db_item_set_cct(struct db *db, int64_t id, int cct)
{
	return item_set(db, S_ITEM_SET_CCT, id, cct, NULL);
}

int
db_item_set_qty(struct db *db, int64_t id, int qty)
{
	return item_set(db, S_ITEM_SET_QTY, id, qty, NULL);
}

int
db_item_set_acc(struct db *db, int64_t id, const char *missing)
{
	return item_set(db, S_ITEM_SET_ACC, id, 0, missing);
}

static int
items_by_case(struct db *db, enum db_stmt id, int64_t case_id,
    const char *what)
{
	sqlite3_stmt *s = db_stmt(db, id);

	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, case_id);
	return step_done(db, s, what);
}

int
db_items_commit(struct db *db, int64_t case_id)
{
	return items_by_case(db, S_ITEMS_COMMIT, case_id, "committing items");
}

int
db_items_discard(struct db *db, int64_t case_id)
{
	return items_by_case(db, S_ITEMS_DISCARD, case_id, "discarding items");
}

int
db_items_count(struct db *db, int64_t case_id, int *n)
{
	sqlite3_stmt *s = db_stmt(db, S_ITEMS_COUNT);

	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, case_id);
	if (step_row(db, s, "counting items") != 1)
		return -1;
	*n = sqlite3_column_int(s, 0);
	sqlite3_reset(s);
	return 0;
}

struct item_cb {
	int	(*fn)(void *, const struct db_item *);
	void	*arg;
};

static int
item_row(sqlite3_stmt *s, void *ctx)
{
	struct item_cb *cb = ctx;
	struct db_item it;

	read_item_row(s, &it);
	return cb->fn(cb->arg, &it);
}

int
db_item_foreach(struct db *db, int64_t case_id,
    int (*fn)(void *, const struct db_item *), void *arg)
{
	sqlite3_stmt *s = db_stmt(db, S_ITEMS_OF_CASE);
	struct item_cb cb = { fn, arg };

	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, case_id);
	return each_row(db, s, "listing items", item_row, &cb);
}

/* --- intake sessions --- */

int
db_session_load(struct db *db, const char *desk, struct db_session *ss)
{
	sqlite3_stmt *s = db_stmt(db, S_SESSION_LOAD);
	int rc;

	memset(ss, 0, sizeof(*ss));
	snprintf(ss->desk, sizeof(ss->desk), "%s", desk);
	if (s == NULL)
		return -1;
	sqlite3_bind_text(s, 1, desk, -1, SQLITE_TRANSIENT);
	if ((rc = step_row(db, s, "loading intake session")) != 1)
		return rc;
	ss->operator_id = sqlite3_column_int64(s, 1);
	ss->case_id = sqlite3_column_int64(s, 2);
	ss->item_id = sqlite3_column_int64(s, 3);
	ss->last_case_id = sqlite3_column_int64(s, 4);
	ss->case_was_new = sqlite3_column_int(s, 5);
	col_text(s, 6, ss->prev_kind, sizeof(ss->prev_kind));
	col_text(s, 7, ss->prev_condition, sizeof(ss->prev_condition));
	sqlite3_reset(s);
	return 1;
}

int
db_session_save(struct db *db, const struct db_session *ss)
{
	sqlite3_stmt *s = db_stmt(db, S_SESSION_SAVE);
	char now[32];

	if (s == NULL)
		return -1;
	db_now(now, sizeof(now));
	sqlite3_bind_text(s, 1, ss->desk, -1, SQLITE_TRANSIENT);
	bind_id_or_null(s, 2, ss->operator_id);
	bind_id_or_null(s, 3, ss->case_id);
	bind_id_or_null(s, 4, ss->item_id);
	bind_id_or_null(s, 5, ss->last_case_id);
	sqlite3_bind_int(s, 6, ss->case_was_new);
	bind_text_or_null(s, 7, ss->prev_kind);
	bind_text_or_null(s, 8, ss->prev_condition);
	sqlite3_bind_text(s, 9, now, -1, SQLITE_TRANSIENT);
	return step_done(db, s, "saving intake session");
}

/* --- label outbox --- */

int
db_label_add(struct db *db, int64_t case_id, const char *tmpl,
    const char *format, const char *queue, const void *payload, size_t len,
    int64_t *id)
{
	sqlite3_stmt *s = db_stmt(db, S_LABEL_ADD);
	char now[32];

	if (s == NULL)
		return -1;
	db_now(now, sizeof(now));
	sqlite3_bind_int64(s, 1, case_id);
	sqlite3_bind_text(s, 2, tmpl, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 3, format, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 4, queue, -1, SQLITE_TRANSIENT);
	sqlite3_bind_blob(s, 5, payload, (int)len, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 6, now, -1, SQLITE_TRANSIENT);
	if (step_done(db, s, "queueing label") == -1)
		return -1;
	if (id)
		*id = sqlite3_last_insert_rowid(db->h);
	return 0;
}

static void
read_label_row(sqlite3_stmt *s, struct db_label *l)
{
	memset(l, 0, sizeof(*l));
	l->id = sqlite3_column_int64(s, 0);
	l->case_id = sqlite3_column_int64(s, 1);
	col_text(s, 2, l->case_no, sizeof(l->case_no));
	col_text(s, 3, l->format, sizeof(l->format));
	col_text(s, 4, l->queue, sizeof(l->queue));
	col_text(s, 5, l->state, sizeof(l->state));
	l->job_id = sqlite3_column_int(s, 6);
	l->attempts = sqlite3_column_int(s, 7);
	col_text(s, 8, l->error, sizeof(l->error));
	col_text(s, 9, l->created_at, sizeof(l->created_at));
	col_text(s, 10, l->updated_at, sizeof(l->updated_at));
}

int
db_label_next(struct db *db, const char *state, struct db_label *l)
{
	sqlite3_stmt *s = db_stmt(db, S_LABEL_NEXT);
	const void *p;
	int rc, n;

	if (s == NULL)
		return -1;
	sqlite3_bind_text(s, 1, state, -1, SQLITE_TRANSIENT);
	if ((rc = step_row(db, s, "reading outbox")) != 1)
		return rc;
	read_label_row(s, l);
	p = sqlite3_column_blob(s, 11);
	n = sqlite3_column_bytes(s, 11);
	if ((l->payload = malloc((size_t)n + 1)) == NULL) {
		sqlite3_reset(s);
		snprintf(db->err, sizeof(db->err), "out of memory");
		return -1;
	}
	if (n)
		memcpy(l->payload, p, (size_t)n);
	l->payload_len = (size_t)n;
	sqlite3_reset(s);
	return 1;
}

int
db_label_set_state(struct db *db, int64_t id, const char *state, int job_id,
    const char *error)
{
	sqlite3_stmt *s = db_stmt(db, S_LABEL_SET);
	char now[32];

	if (s == NULL)
		return -1;
	db_now(now, sizeof(now));
	sqlite3_bind_int64(s, 1, id);
	sqlite3_bind_text(s, 2, state, -1, SQLITE_TRANSIENT);
	if (job_id > 0)
		sqlite3_bind_int(s, 3, job_id);
	else
		sqlite3_bind_null(s, 3);
	bind_text_or_null(s, 4, error);
	sqlite3_bind_text(s, 5, now, -1, SQLITE_TRANSIENT);
	return step_done(db, s, "updating outbox");
}

struct label_cb {
	int	(*fn)(void *, const struct db_label *);
	void	*arg;
};

static int
label_row(sqlite3_stmt *s, void *ctx)
{
	struct label_cb *cb = ctx;
	struct db_label l;

	read_label_row(s, &l);
	return cb->fn(cb->arg, &l);
}

int
db_label_foreach(struct db *db, const char *state,
    int (*fn)(void *, const struct db_label *), void *arg)
{
	sqlite3_stmt *s = db_stmt(db, state ? S_LABEL_IN_STATE : S_LABEL_ALL);
	struct label_cb cb = { fn, arg };

	if (s == NULL)
		return -1;
	if (state)
		sqlite3_bind_text(s, 1, state, -1, SQLITE_TRANSIENT);
	return each_row(db, s, "listing outbox", label_row, &cb);
}

int
db_label_counts(struct db *db, int *queued, int *submitted, int *printed,
    int *failed)
{
	sqlite3_stmt *s = db_stmt(db, S_LABEL_COUNTS);

	if (s == NULL || step_row(db, s, "counting outbox") != 1)
		return -1;
	*queued = sqlite3_column_int(s, 0);
	*submitted = sqlite3_column_int(s, 1);
	*printed = sqlite3_column_int(s, 2);
	*failed = sqlite3_column_int(s, 3);
	sqlite3_reset(s);
	return 0;
}
