/*
 * Internals shared by the files of db/. Each file owns the SQL of its
 * table as static strings; a statement is prepared once, cached by the
 * address of its SQL, and bound in one way: a type string, one letter per
 * parameter ?1, ?2, ...
 *
 *   'i' int          'n' int, 0 binds NULL
 *   'L' int64        'I' int64, 0 binds NULL (ids)
 *   'T' text         't' text, NULL or "" binds NULL
 *   'B' blob: two arguments, const void * and size_t
 */
#ifndef ST_DB_INT_H
#define ST_DB_INT_H

#include <sqlite3.h>
#include <time.h>

#include "db.h"

#define DB_STMT_SLOTS	128

/* A row written in the open transaction (db/sync.c). */
struct db_touch {
	int	tab;
	int64_t	rowid;
};

struct db {
	sqlite3		*h;
	struct {
		const char	*sql;
		sqlite3_stmt	*st;
	}		 cache[DB_STMT_SLOTS];
	int		 in_tx;
	int		 read_tx;	/* db_read_begin() is open */
	int		 wal_pages;	/* frames in the WAL after the last commit */
	int		 wal_notify_pages;
	void		(*wal_notify)(void *, int);
	void		*wal_notify_arg;
	void		(*on_commit)(void);	/* after each commit */
	struct db_touch	*touch;		/* rows written, for the audit event */
	size_t		 ntouch, touch_cap;
	int		 touch_lost;	/* out of memory noting one */
	int		 sync_quiet;	/* the station's own id writes */
	struct sync_meta *sync;		/* the synced tables' statements */
	int		 schema;	/* the version opened at */
	char		 station[37];	/* this station's id, once read */
	char		 err[512];
	char		 trouble[512];	/* the last failure, for status */
	time_t		 trouble_at;	/* when; 0: none */
};

extern const char *const db_migrations[DB_SCHEMA_VERSION];

/* Records the SQLite error for what failed; returns -1. */
int	db_fail(struct db *, const char *what);
/*
 * The statement for sql (a string with static storage), reset and with the
 * arguments bound per types. NULL with db_error() set.
 */
sqlite3_stmt *db_prep(struct db *, const char *sql, const char *types, ...);
/* Runs a write inside the open transaction. Returns 0, or -1. */
int	db_write(struct db *, const char *what, const char *sql,
	    const char *types, ...);
/* Rows changed by the last write. */
int	db_changes(struct db *);
/* Id of the last row inserted. */
int64_t	db_last_id(struct db *);
/*
 * Steps s to its first row: 1 (the row is readable; the caller reads it
 * and calls sqlite3_reset), 0 no row (reset), -1 error (reset).
 */
int	db_one(struct db *, sqlite3_stmt *s, const char *what);
/* Steps s to its end, handing each row to row(); non-zero stops. */
int	db_each(struct db *, sqlite3_stmt *s, const char *what,
	    int (*row)(sqlite3_stmt *, void *), void *ctx);
/* Steps s to its end, handing each row to fn as named text columns
 * (struct db_row). */
int	db_rows(struct db *, sqlite3_stmt *s, const char *what,
	    int (*fn)(void *, const struct db_row *), void *arg);
/* A one-row query's first column as an int (0 when there is no row). */
int	db_int(struct db *, int *out, const char *sql, const char *types, ...);
/* Copies text column i into dst ("" for NULL). */
void	db_text(sqlite3_stmt *, int i, char *dst, size_t len);

/* sync.c: rows written are noted for the audit event that ends the
 * transaction */
void	db_sync_hook(struct db *);
void	db_sync_forget(struct db *);
void	db_sync_free(struct db *);
/* The rows this transaction wrote (and the entity's own), as the event's
 * fields; *entity_uid the entity's id ("" for none). Forgets the rows. */
struct buf;
int	db_sync_fields(struct db *, const char *entity, int64_t entity_id,
	    struct buf *out, char entity_uid[37]);

#endif
