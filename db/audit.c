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

#include "../common/buf.h"
#include "../common/clock.h"
#include "../common/uuid.h"
#include "db-int.h"

static const char SQL_LAST[] = "SELECT id, hash FROM audit ORDER BY id DESC"
    " LIMIT 1";
static const char SQL_ADD[] = "INSERT INTO audit (id, at, actor, action,"
    " entity, entity_id, detail, prev_hash, hash, hv, uid, station,"
    " entity_uid, fields)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, 2, ?10, ?11, ?12, ?13)";
static const char SQL_ADD_V1[] = "INSERT INTO audit (id, at, actor,"
    " action, entity, entity_id, detail, prev_hash, hash)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)";
static const char SQL_STATION[] = "SELECT uid FROM station";
static const char SQL_HASH_AT[] = "SELECT hash FROM audit WHERE id = ?1";
static const char SQL_ALL[] = "SELECT id, at, actor, action, entity,"
    " entity_id, detail, prev_hash, hash, hv, uid, station, entity_uid,"
    " fields FROM audit ORDER BY id";

#define GENESIS "0000000000000000000000000000000000000000000000000000000000000000"

/* What version 2 adds: the identities and the fields the central side
 * applies. */
struct audit_ext {
	const char	*uid, *station, *entity_uid, *fields;
};

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
    const char *detail, const struct audit_ext *x, char out[65])
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
	if (x) {
		hash_field(&md, "v2");
		hash_field(&md, x->uid);
		hash_field(&md, x->station);
		hash_field(&md, x->entity_uid);
		hash_field(&md, x->fields);
	}
	sha256_digest(&md, sizeof(dig), dig);
	for (unsigned int i = 0; i < SHA256_DIGEST_SIZE; i++)
		snprintf(out + 2 * i, 3, "%02x", dig[i]);
	out[64] = '\0';
	return 0;
}

/* The last event's id and hash, or the chain's start. */
static int
audit_last(struct db *db, int64_t *id, char prev[65])
{
	sqlite3_stmt *s = db_prep(db, SQL_LAST, "");
	int rc;

	*id = 1;
	snprintf(prev, 65, "%s", GENESIS);
	if ((rc = db_one(db, s, "reading audit log")) == -1)
		return -1;
	if (rc == 1) {
		*id = sqlite3_column_int64(s, 0) + 1;
		db_text(s, 1, prev, 65);
		sqlite3_reset(s);
	}
	return 0;
}

/* An event of a database opened at a version before 13 (its upgrade). */
static int
audit_v1(struct db *db, const char *actor, const char *action,
    const char *entity, int64_t entity_id, const char *detail, int64_t *idp)
{
	char prev[65], hash[65], now[32];
	int64_t id;

	if (audit_last(db, &id, prev) == -1)
		return -1;
	clock_now_iso(now, sizeof(now));
	audit_hash(prev, id, now, actor, action, entity, entity_id, detail,
	    NULL, hash);
	if (db_write(db, "writing audit event", SQL_ADD_V1, "LTTTTLTTT", id,
	    now, actor, action, entity, entity_id, detail, prev, hash) == -1)
		return -1;
	if (idp)
		*idp = id;
	return 0;
}

int
db_audit(struct db *db, const char *actor, const char *action,
    const char *entity, int64_t entity_id, const char *detail, int64_t *idp)
{
	sqlite3_stmt *s;
	char prev[65], hash[65], now[32], uid[UUID_LEN + 1],
	    euid[UUID_LEN + 1];
	struct audit_ext x;
	struct buf fields;
	int64_t id;
	int rc;

	if (db->schema && db->schema < 13)
		return audit_v1(db, actor, action, entity, entity_id, detail,
		    idp);
	if (!db->station[0]) {
		s = db_prep(db, SQL_STATION, "");
		if ((rc = db_one(db, s, "reading the station's id")) != 1) {
			if (rc == 0)
				snprintf(db->err, sizeof(db->err), "the station"
				    " has no id");
			return -1;
		}
		db_text(s, 0, db->station, sizeof(db->station));
		sqlite3_reset(s);
	}
	if (uuid7(uid) == -1) {
		snprintf(db->err, sizeof(db->err), "no randomness for an id");
		return -1;
	}
	buf_init(&fields);
	if (db_sync_fields(db, entity, entity_id, &fields, euid) == -1) {
		buf_free(&fields);
		return -1;
	}
	x.uid = uid;
	x.station = db->station;
	x.entity_uid = euid;
	x.fields = fields.data;
	if (audit_last(db, &id, prev) == -1) {
		buf_free(&fields);
		return -1;
	}
	clock_now_iso(now, sizeof(now));
	audit_hash(prev, id, now, actor, action, entity, entity_id, detail, &x,
	    hash);
	rc = db_write(db, "writing audit event", SQL_ADD, "LTTTTLTTTTTtT", id,
	    now, actor, action, entity, entity_id, detail, prev, hash, uid,
	    db->station, euid, fields.data);
	buf_free(&fields);
	if (rc == -1)
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
		struct audit_ext x = { T(10), T(11), T(12), T(13) };

		audit_hash(prev, id, T(1), T(2), T(3), T(4),
		    sqlite3_column_int64(s, 5), T(6),
		    sqlite3_column_int(s, 9) >= 2 ? &x : NULL, hash);
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
