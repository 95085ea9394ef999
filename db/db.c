/*
 * The store's core: opening and migrating the database, transactions, WAL
 * checkpoints, and the statement cache and binding every table file uses.
 */
#define _POSIX_C_SOURCE 200809L
#include <assert.h>
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "db-int.h"

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
	snprintf(db->trouble, sizeof(db->trouble), "%s", db->err);
	db->trouble_at = time(NULL);
	return -1;
}

const char *
db_trouble(struct db *db, time_t *at)
{
	*at = db->trouble_at;
	return db->trouble_at ? db->trouble : NULL;
}

void
db_set_busy_timeout(struct db *db, int ms)
{
	sqlite3_busy_timeout(db->h, ms);
}

int
db_checkpoint_now(struct db *db)
{
	int log = 0, done = 0;

	if (sqlite3_wal_checkpoint_v2(db->h, NULL, SQLITE_CHECKPOINT_PASSIVE,
	    &log, &done) != SQLITE_OK)
		return db_fail(db, "checkpoint");
	return done;
}

/* The cached statement for sql, prepared on first use. */
static sqlite3_stmt *
cached(struct db *db, const char *sql)
{
	size_t h = ((uintptr_t)sql >> 3) % DB_STMT_SLOTS;

	for (size_t n = 0; n < DB_STMT_SLOTS; n++, h = (h + 1) % DB_STMT_SLOTS) {
		if (db->cache[h].sql == sql) {
			sqlite3_reset(db->cache[h].st);
			sqlite3_clear_bindings(db->cache[h].st);
			return db->cache[h].st;
		}
		if (db->cache[h].sql == NULL) {
			if (sqlite3_prepare_v3(db->h, sql, -1,
			    SQLITE_PREPARE_PERSISTENT, &db->cache[h].st,
			    NULL) != SQLITE_OK) {
				db_fail(db, "prepare");
				return NULL;
			}
			db->cache[h].sql = sql;
			return db->cache[h].st;
		}
	}
	snprintf(db->err, sizeof(db->err), "statement cache full");
	return NULL;
}

static void
bind_va(sqlite3_stmt *s, const char *types, va_list ap)
{
	for (int i = 0, p = 1; types[i]; i++, p++) {
		switch (types[i]) {
		case 'i':
			sqlite3_bind_int(s, p, va_arg(ap, int));
			break;
		case 'n': {
			int v = va_arg(ap, int);

			if (v)
				sqlite3_bind_int(s, p, v);
			else
				sqlite3_bind_null(s, p);
			break;
		}
		case 'L':
			sqlite3_bind_int64(s, p, va_arg(ap, int64_t));
			break;
		case 'I': {
			int64_t v = va_arg(ap, int64_t);

			if (v)
				sqlite3_bind_int64(s, p, v);
			else
				sqlite3_bind_null(s, p);
			break;
		}
		case 't': {
			const char *t = va_arg(ap, const char *);

			if (t && *t)
				sqlite3_bind_text(s, p, t, -1, SQLITE_TRANSIENT);
			else
				sqlite3_bind_null(s, p);
			break;
		}
		case 'T':
			sqlite3_bind_text(s, p, va_arg(ap, const char *), -1,
			    SQLITE_TRANSIENT);
			break;
		case 'B': {
			const void *b = va_arg(ap, const void *);
			size_t n = va_arg(ap, size_t);

			sqlite3_bind_blob64(s, p, b, n, SQLITE_TRANSIENT);
			break;
		}
		default:
			assert(!"unknown bind type");
		}
	}
}

static sqlite3_stmt *
prep_va(struct db *db, const char *sql, const char *types, va_list ap)
{
	sqlite3_stmt *s = cached(db, sql);

	if (s != NULL)
		bind_va(s, types, ap);
	return s;
}

sqlite3_stmt *
db_prep(struct db *db, const char *sql, const char *types, ...)
{
	sqlite3_stmt *s;
	va_list ap;

	va_start(ap, types);
	s = prep_va(db, sql, types, ap);
	va_end(ap);
	return s;
}

int
db_write(struct db *db, const char *what, const char *sql, const char *types,
    ...)
{
	sqlite3_stmt *s;
	va_list ap;
	int rc;

	assert(db->in_tx);
	va_start(ap, types);
	s = prep_va(db, sql, types, ap);
	va_end(ap);
	if (s == NULL)
		return -1;
	rc = sqlite3_step(s);
	if (rc != SQLITE_DONE)
		db_fail(db, what);
	sqlite3_reset(s);
	return rc == SQLITE_DONE ? 0 : -1;
}

int
db_changes(struct db *db)
{
	return sqlite3_changes(db->h);
}

int64_t
db_last_id(struct db *db)
{
	return sqlite3_last_insert_rowid(db->h);
}

int
db_one(struct db *db, sqlite3_stmt *s, const char *what)
{
	int rc;

	if (s == NULL)
		return -1;
	if ((rc = sqlite3_step(s)) == SQLITE_ROW)
		return 1;
	if (rc != SQLITE_DONE)
		db_fail(db, what);
	sqlite3_reset(s);
	return rc == SQLITE_DONE ? 0 : -1;
}

int
db_each(struct db *db, sqlite3_stmt *s, const char *what,
    int (*row)(sqlite3_stmt *, void *), void *ctx)
{
	int rc;

	if (s == NULL)
		return -1;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW)
		if (row(s, ctx) != 0) {
			rc = SQLITE_DONE;
			break;
		}
	if (rc != SQLITE_DONE)
		db_fail(db, what);
	sqlite3_reset(s);
	return rc == SQLITE_DONE ? 0 : -1;
}

int
db_int(struct db *db, int *out, const char *sql, const char *types, ...)
{
	sqlite3_stmt *s;
	va_list ap;
	int rc;

	*out = 0;
	va_start(ap, types);
	s = prep_va(db, sql, types, ap);
	va_end(ap);
	if ((rc = db_one(db, s, "reading")) != 1)
		return rc;
	*out = sqlite3_column_int(s, 0);
	sqlite3_reset(s);
	return 0;
}

void
db_text(sqlite3_stmt *s, int i, char *dst, size_t len)
{
	const unsigned char *t = sqlite3_column_text(s, i);

	snprintf(dst, len, "%s", t ? (const char *)t : "");
}

static int
exec_simple(struct db *db, const char *sql)
{
	sqlite3_stmt *s = cached(db, sql);
	int rc;

	if (s == NULL)
		return -1;
	rc = sqlite3_step(s);
	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		return db_fail(db, sql);
	return 0;
}

static const char SQL_BEGIN[] = "BEGIN IMMEDIATE";
static const char SQL_SAVEPOINT[] = "SAVEPOINT part";
static const char SQL_RELEASE[] = "RELEASE part";
static const char SQL_ROLLBACK_TO[] = "ROLLBACK TO part";
static const char SQL_BEGIN_READ[] = "BEGIN";
static const char SQL_COMMIT[] = "COMMIT";
static const char SQL_ROLLBACK[] = "ROLLBACK";

int
db_read_begin(struct db *db)
{
	assert(!db->in_tx && !db->read_tx);
	if (exec_simple(db, SQL_BEGIN_READ) == -1)
		return -1;
	db->read_tx = 1;
	return 0;
}

void
db_read_end(struct db *db)
{
	if (db->read_tx && !db->in_tx && !sqlite3_get_autocommit(db->h))
		exec_simple(db, SQL_COMMIT);
	db->read_tx = 0;
}

int
db_begin(struct db *db)
{
	assert(!db->in_tx);
	/* inside db_read_begin(): the first write takes the write lock */
	if (db->read_tx) {
		db->in_tx = 1;
		return 0;
	}
	if (exec_simple(db, SQL_BEGIN) == -1)
		return -1;
	db->in_tx = 1;
	return 0;
}

int
db_savepoint(struct db *db)
{
	assert(db->in_tx);
	return exec_simple(db, SQL_SAVEPOINT);
}

int
db_savepoint_end(struct db *db, int keep)
{
	assert(db->in_tx);
	if (!keep && exec_simple(db, SQL_ROLLBACK_TO) == -1)
		return -1;
	return exec_simple(db, SQL_RELEASE);
}

int
db_commit(struct db *db)
{
	assert(db->in_tx);
	if (exec_simple(db, SQL_COMMIT) == -1) {
		db_rollback(db);
		return -1;
	}
	db->in_tx = 0;
	db->read_tx = 0;
	db_sync_forget(db);
	if (db->on_commit)
		db->on_commit();
	return 0;
}

void
db_on_commit(struct db *db, void (*fn)(void))
{
	db->on_commit = fn;
}

void
db_rollback(struct db *db)
{
	if (!db->in_tx && !db->read_tx)
		return;
	/* a failed statement may already have ended the transaction */
	if (!sqlite3_get_autocommit(db->h))
		exec_simple(db, SQL_ROLLBACK);
	db_sync_forget(db);
	db->in_tx = 0;
	db->read_tx = 0;
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

/* the last resort, inside a commit: the daemon checkpoints long before,
 * when idle and, under non-stop scanning, by size in a worker */
#define WAL_FORCE_PAGES	16384

static int
wal_hook(void *arg, sqlite3 *h, const char *name, int pages)
{
	struct db *db = arg;

	db->wal_pages = pages;
	if (db->wal_notify && pages >= db->wal_notify_pages)
		db->wal_notify(db->wal_notify_arg, pages);
	if (pages >= WAL_FORCE_PAGES) {
		sqlite3_wal_checkpoint_v2(h, name, SQLITE_CHECKPOINT_PASSIVE,
		    NULL, NULL);
		db->wal_pages = 0;
	}
	return SQLITE_OK;
}

void
db_wal_notify(struct db *db, int pages, void (*fn)(void *, int), void *arg)
{
	db->wal_notify_pages = pages;
	db->wal_notify = fn;
	db->wal_notify_arg = arg;
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

/*
 * The database and its -wal and -shm files, where they exist, must be ours
 * to write: SQLite would open a foreign -shm read-only and refuse every
 * write later (or fault on a short mapping), so the owner hears it now.
 */
static int
files_writable(const char *path, char *cause, size_t clen)
{
	static const char *const sfx[] = { "", "-wal", "-shm" };
	char f[4096];

	if (!strcmp(path, ":memory:") || !strncmp(path, "file:", 5))
		return 0;
	for (size_t i = 0; i < sizeof(sfx) / sizeof(sfx[0]); i++) {
		if (snprintf(f, sizeof(f), "%s%s", path, sfx[i]) >= (int)sizeof(f)) {
			snprintf(cause, clen, "%s: path too long", path);
			return -1;
		}
		/* access(), not open(): closing a descriptor of the file would
		 * drop the locks of this process's other connections */
		if (access(f, F_OK) == -1 && errno == ENOENT)
			continue;
		if (access(f, R_OK | W_OK) == -1) {
			snprintf(cause, clen, "%s: not writable by this user"
			    " (uid %ld): %s; give it to the station's user, or"
			    " remove it while stationd is stopped (-wal and -shm)",
			    f, (long)geteuid(), strerror(errno));
			return -1;
		}
	}
	return 0;
}

static struct db *
open_db(const char *path, int upto, int *created, char *cause, size_t clen)
{
	static const char *const pragmas =
	    "PRAGMA journal_mode = WAL;"
	    "PRAGMA synchronous = FULL;"
	    "PRAGMA foreign_keys = ON;"
	    "PRAGMA busy_timeout = 1000;"
	    "PRAGMA journal_size_limit = 16777216;"
	    "PRAGMA cache_size = -512;";
	struct db *db;

	if (files_writable(path, cause, clen) == -1)
		return NULL;
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
	db->schema = upto;
	if (upto == DB_SCHEMA_VERSION)
		db_sync_hook(db);
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
db_open_ro(const char *path, char *cause, size_t clen)
{
	static const char *const pragmas =
	    "PRAGMA query_only = ON;"
	    "PRAGMA busy_timeout = 5000;"
	    "PRAGMA cache_size = -512;";
	struct db *db;
	int v;

	if ((db = calloc(1, sizeof(*db))) == NULL) {
		snprintf(cause, clen, "out of memory");
		return NULL;
	}
	if (sqlite3_open_v2(path, &db->h, SQLITE_OPEN_READONLY |
	    SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK ||
	    sqlite3_exec(db->h, pragmas, NULL, NULL, NULL) != SQLITE_OK) {
		snprintf(cause, clen, "%s: %s", path,
		    db->h ? sqlite3_errmsg(db->h) : "cannot open");
		sqlite3_close(db->h);
		free(db);
		return NULL;
	}
	if ((v = db_user_version(db)) != DB_SCHEMA_VERSION) {
		snprintf(cause, clen, "%s: schema version %d, expected %d", path,
		    v, DB_SCHEMA_VERSION);
		sqlite3_close(db->h);
		free(db);
		return NULL;
	}
	return db;
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
	for (int i = 0; i < DB_STMT_SLOTS; i++)
		sqlite3_finalize(db->cache[i].st);
	db_sync_free(db);
	sqlite3_close(db->h);
	free(db);
}


int
db_backup(struct db *src, const char *path, int64_t *events, char *cause,
    size_t clen)
{
	struct db *dst;
	sqlite3_backup *b;
	sqlite3_stmt *s;
	int64_t bad;
	int rc, ok = 0;

	if ((dst = calloc(1, sizeof(*dst))) == NULL) {
		snprintf(cause, clen, "out of memory");
		return -1;
	}
	if (sqlite3_open_v2(path, &dst->h, SQLITE_OPEN_READWRITE |
	    SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK) {
		snprintf(cause, clen, "%s: %s", path, sqlite3_errmsg(dst->h));
		goto out;
	}
	/* one pass while the desk writes on: WAL readers never block it */
	if ((b = sqlite3_backup_init(dst->h, "main", src->h, "main")) == NULL) {
		snprintf(cause, clen, "backup: %s", sqlite3_errmsg(dst->h));
		goto out;
	}
	rc = sqlite3_backup_step(b, -1);
	sqlite3_backup_finish(b);
	if (rc != SQLITE_DONE) {
		snprintf(cause, clen, "backup: %s", sqlite3_errstr(rc));
		goto out;
	}
	/* a copy is one file: no WAL beside it */
	if (sqlite3_exec(dst->h, "PRAGMA journal_mode = DELETE", NULL, NULL,
	    NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(dst->h, "PRAGMA integrity_check", -1, &s,
	    NULL) != SQLITE_OK) {
		snprintf(cause, clen, "checking the copy: %s",
		    sqlite3_errmsg(dst->h));
		goto out;
	}
	rc = sqlite3_step(s);
	if (rc != SQLITE_ROW || strcmp((const char *)sqlite3_column_text(s,
	    0), "ok") != 0) {
		snprintf(cause, clen, "the copy fails its integrity check: %s",
		    rc == SQLITE_ROW ? (const char *)sqlite3_column_text(s, 0) :
		    sqlite3_errmsg(dst->h));
		sqlite3_finalize(s);
		goto out;
	}
	sqlite3_finalize(s);
	if (db_audit_verify(dst, events, &bad, cause, clen) != 0) {
		if (cause[0] == '\0')
			snprintf(cause, clen, "the copy's audit chain breaks at"
			    " event %lld", (long long)bad);
		goto out;
	}
	ok = 1;
out:
	for (int i = 0; i < DB_STMT_SLOTS; i++)
		if (dst->cache[i].st)
			sqlite3_finalize(dst->cache[i].st);
	sqlite3_close(dst->h);
	free(dst);
	return ok ? 0 : -1;
}

int
db_verify_file(const char *path, int64_t *events, char *cause, size_t clen)
{
	struct db *db;
	sqlite3_stmt *s;
	int64_t bad;
	int ok = 0;

	if ((db = db_open(path, NULL, cause, clen)) == NULL)
		return -1;
	if (sqlite3_prepare_v2(db->h, "PRAGMA integrity_check", -1, &s,
	    NULL) == SQLITE_OK) {
		ok = sqlite3_step(s) == SQLITE_ROW && strcmp((const char *)
		    sqlite3_column_text(s, 0), "ok") == 0;
		sqlite3_finalize(s);
	}
	if (!ok)
		snprintf(cause, clen, "%s fails its integrity check", path);
	else if (db_audit_verify(db, events, &bad, cause, clen) != 0) {
		if (cause[0] == '\0')
			snprintf(cause, clen, "%s: the audit chain breaks at"
			    " event %lld", path, (long long)bad);
		ok = 0;
	}
	/* one file again, as the backup was */
	sqlite3_exec(db->h, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL);
	db_close(db);
	return ok ? 0 : -1;
}
