/*
 * The audit log: append-only (triggers refuse UPDATE and DELETE) and hash
 * chained: each row's hash covers the previous row's hash and every field
 * of its own, so an edited, inserted or removed row breaks the chain at
 * that row.
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include <nettle/sha2.h>

#include "../common/clock.h"
#include "db-int.h"

static const char SQL_LAST[] = "SELECT id, hash FROM audit ORDER BY id DESC"
    " LIMIT 1";
static const char SQL_ADD[] = "INSERT INTO audit (id, at, actor, action,"
    " entity, entity_id, detail, prev_hash, hash)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)";
static const char SQL_HASH_AT[] = "SELECT hash FROM audit WHERE id = ?1";
static const char SQL_ALL[] = "SELECT id, at, actor, action, entity,"
    " entity_id, detail, prev_hash, hash FROM audit ORDER BY id";

#define GENESIS "0000000000000000000000000000000000000000000000000000000000000000"

/* Length-prefixed fields, so that no two rows hash the same text. */
static void
hash_field(struct sha256_ctx *md, const char *s)
{
	char len[24];

	if (s == NULL)
		s = "";
	snprintf(len, sizeof(len), "%zu:", strlen(s));
	sha256_update(md, strlen(len), (const uint8_t *)len);
	sha256_update(md, strlen(s), (const uint8_t *)s);
}

static int
audit_hash(const char *prev, int64_t id, const char *at, const char *actor,
    const char *action, const char *entity, int64_t entity_id,
    const char *detail, char out[65])
{
	uint8_t dig[SHA256_DIGEST_SIZE];
	char num[2][24];
	struct sha256_ctx md;

	snprintf(num[0], sizeof(num[0]), "%" PRId64, id);
	snprintf(num[1], sizeof(num[1]), "%" PRId64, entity_id);
	sha256_init(&md);
	hash_field(&md, prev);
	hash_field(&md, num[0]);
	hash_field(&md, at);
	hash_field(&md, actor);
	hash_field(&md, action);
	hash_field(&md, entity);
	hash_field(&md, num[1]);
	hash_field(&md, detail);
	sha256_digest(&md, sizeof(dig), dig);
	for (unsigned int i = 0; i < SHA256_DIGEST_SIZE; i++)
		snprintf(out + 2 * i, 3, "%02x", dig[i]);
	out[64] = '\0';
	return 0;
}

int
db_audit(struct db *db, const char *actor, const char *action,
    const char *entity, int64_t entity_id, const char *detail, int64_t *idp)
{
	sqlite3_stmt *s;
	char prev[65] = GENESIS, hash[65], now[32];
	int64_t id = 1;
	int rc;

	s = db_prep(db, SQL_LAST, "");
	if ((rc = db_one(db, s, "reading audit log")) == -1)
		return -1;
	if (rc == 1) {
		const unsigned char *h = sqlite3_column_text(s, 1);

		id = sqlite3_column_int64(s, 0) + 1;
		snprintf(prev, sizeof(prev), "%s", h ? (const char *)h : "");
		sqlite3_reset(s);
	}
	clock_now_iso(now, sizeof(now));
	if (audit_hash(prev, id, now, actor, action, entity, entity_id, detail,
	    hash) == -1) {
		snprintf(db->err, sizeof(db->err), "audit: hashing failed");
		return -1;
	}
	if (db_write(db, "writing audit event", SQL_ADD, "LTTTTLTTT", id, now,
	    actor, action, entity, entity_id, detail, prev, hash) == -1)
		return -1;
	if (idp)
		*idp = id;
	return 0;
}

int
db_audit_verify(struct db *db, int64_t *rows, int64_t *bad, char *cause,
    size_t clen)
{
	sqlite3_stmt *s = db_prep(db, SQL_ALL, "");
	char prev[65] = GENESIS, hash[65];
	int64_t n = 0, expect = 1;
	int rc;

	*rows = 0;
	*bad = 0;
	if (s == NULL)
		return -1;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
#define T(i) ((const char *)sqlite3_column_text(s, (i)))
		int64_t id = sqlite3_column_int64(s, 0);

		if (id != expect) {
			*bad = expect;
			snprintf(cause, clen, "row %" PRId64 " is missing"
			    " (next row is %" PRId64 ")", expect, id);
			goto broken;
		}
		if (T(7) == NULL || strcmp(T(7), prev) != 0) {
			*bad = id;
			snprintf(cause, clen, "row %" PRId64 " does not follow"
			    " the row before it (previous hash differs)", id);
			goto broken;
		}
		if (audit_hash(prev, id, T(1), T(2), T(3), T(4),
		    sqlite3_column_int64(s, 5), T(6), hash) == -1) {
			sqlite3_reset(s);
			snprintf(cause, clen, "hashing failed");
			return -1;
		}
		if (T(8) == NULL || strcmp(T(8), hash) != 0) {
			*bad = id;
			snprintf(cause, clen, "row %" PRId64 " was changed after"
			    " it was written (hash differs)", id);
			goto broken;
		}
		memcpy(prev, hash, sizeof(prev));
#undef T
		n++;
		expect++;
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		return db_fail(db, "reading audit log");
	*rows = n;
	return 0;
broken:
	sqlite3_reset(s);
	*rows = n;
	return 1;
}

int
db_audit_head(struct db *db, int64_t *count, char hash[65])
{
	sqlite3_stmt *s = db_prep(db, SQL_LAST, "");
	int rc;

	*count = 0;
	hash[0] = '\0';
	if ((rc = db_one(db, s, "reading audit log")) != 1)
		return rc == 0 ? 0 : -1;
	*count = sqlite3_column_int64(s, 0);
	db_text(s, 1, hash, 65);
	sqlite3_reset(s);
	return 0;
}

int
db_audit_hash_at(struct db *db, int64_t id, char hash[65])
{
	sqlite3_stmt *s = db_prep(db, SQL_HASH_AT, "L", id);
	int rc = db_one(db, s, "reading audit log");

	if (rc == 1) {
		db_text(s, 0, hash, 65);
		sqlite3_reset(s);
	}
	return rc;
}
