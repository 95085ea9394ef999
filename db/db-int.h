/* Internals shared by the files of db/. */
#ifndef ST_DB_INT_H
#define ST_DB_INT_H

#include <sqlite3.h>

#include "db.h"

enum db_stmt {
	S_BEGIN, S_COMMIT, S_ROLLBACK,
	S_OP_ADD, S_OP_ROLE_ADD, S_OP_GET, S_OP_BY_ID, S_OP_ALL,
	S_PROD_ADD, S_PROD_BARCODE_ADD, S_PROD_BY_MODEL, S_PROD_BY_BARCODE,
	S_PROD_GET,
	S_CASE_LAST_NO, S_CASE_ADD, S_CASE_GET, S_CASE_BY_NO, S_CASE_BY_WAYBILL,
	S_CASE_SET_KIND, S_CASE_SET_COND, S_CASE_SET_STATE, S_CASE_SET_FOREIGN,
	S_CASE_ALL, S_CASE_IN_STATE,
	S_ITEM_ADD, S_ITEM_GET, S_ITEM_SET_CCT, S_ITEM_SET_QTY, S_ITEM_SET_ACC,
	S_ITEMS_COMMIT, S_ITEMS_DISCARD, S_ITEMS_COUNT, S_ITEMS_OF_CASE,
	S_SESSION_LOAD, S_SESSION_SAVE,
	S_LABEL_ADD, S_LABEL_NEXT, S_LABEL_SET, S_LABEL_ALL, S_LABEL_IN_STATE,
	S_LABEL_COUNTS,
	S_AUDIT_LAST, S_AUDIT_ADD, S_AUDIT_ALL,
	/* life.c */
	S_CASE_SET_LIFE, S_CASE_REGISTERED, S_CASE_REJECT, S_CASE_QTY,
	S_CASE_OUTSOURCED, S_OP_ACTIVE,
	S_CAUSE_GET, S_CAUSE_ALL,
	S_REPAIR_ADD, S_REPAIR_PART_ADD, S_INSPECT_ADD, S_SIGNOFF_ADD,
	S_SIGNOFF_COUNT, S_SHIP_ADD, S_SUPPLIER_SEND, S_SUPPLIER_BACK,
	S_PHOTO_ADD, S_PHOTO_COUNT,
	S_BREACH_ADD, S_BREACH_RESOLVE, S_BREACH_OPEN, S_DUE_CASES,
	S_AUDIT_OF_CASE,
	S_COUNT
};

struct db {
	sqlite3		*h;
	sqlite3_stmt	*st[S_COUNT];
	int		 in_tx;
	int		 wal_pages;	/* frames in the WAL after the last commit */
	char		 err[512];
};

extern const char *const db_migrations[DB_SCHEMA_VERSION];

/* Returns the prepared (and reset) statement; NULL with db->err set. */
sqlite3_stmt *db_stmt(struct db *, enum db_stmt);
/* Records the SQLite error message for a failed step. */
int	db_fail(struct db *, const char *what);
/*
 * Binds arguments by a type string and runs a write: 'i' int, 'I' int64
 * (0 binds NULL), 't' text ("" or NULL binds NULL), 'T' text as is.
 */
int	db_exec(struct db *, enum db_stmt, const char *types, ...);
/* Runs a one-row query and returns column 0 as an integer in *out
 * (0 when there is no row). */
int	db_query_int(struct db *, enum db_stmt, int64_t *out,
	    const char *types, ...);
extern const char *const db_life_sql[];	/* life.c: statements from S_CASE_SET_LIFE */

#endif
