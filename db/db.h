/*
 * The station's store: the only code that speaks SQL. SQLite in WAL mode with
 * synchronous=FULL, foreign keys on, numbered migrations on user_version.
 *
 * Writes happen between db_begin() and db_commit(); each write function
 * expects an open transaction, and the caller adds the audit event that
 * describes the change (db_audit()) in the same transaction. Functions return
 * 0 on success and -1 on failure with a message in the db's error buffer
 * (db_error()); lookups return 1 found, 0 not found, -1 error.
 */
#ifndef ST_DB_H
#define ST_DB_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

#define DB_SCHEMA_VERSION 3

struct db;

struct db_operator {
	int64_t	id;
	char	badge[65];
	char	name[129];
	char	roles[129];	/* comma-separated */
	int	active;
};

struct db_product {
	int64_t	id;
	char	model[65];
	char	name[129];
	char	spec[129];
	int	default_cct;	/* 0: none */
	int	outsourced;
	int	potted;
	int	special;	/* exempt from the repair time rule */
};

struct db_case {
	int64_t	id;
	char	case_no[32];
	char	waybill[257];
	char	carrier[32];
	char	received_at[32];	/* UTC, ISO 8601 */
	char	received_date[11];	/* local YYYY-MM-DD */
	char	kind[16];		/* "" until set */
	char	condition[16];
	char	state[24];
	char	area[16];
	char	area_name[64];
	int	not_our_product;
	char	opened_by[65];		/* badge */
	char	updated_at[32];
	char	customer[129];
	char	phone[33];
	char	service_rep[65];
	char	complaint[257];
};

struct db_item {
	int64_t	id;
	int64_t	case_id;
	int64_t	product_id;		/* 0: not in the catalogue */
	char	model[65];
	char	spec[129];
	int	cct;			/* 0: unknown */
	int	quantity;
	char	accessories_missing[257];
	char	note[257];
	int	draft;
};

/* What one intake desk is doing; survives a restart. */
struct db_session {
	char	desk[33];
	int64_t	operator_id;		/* 0: nobody signed in */
	int64_t	case_id;		/* 0: no case open */
	int64_t	item_id;		/* 0: no current item */
	int64_t	last_case_id;		/* for %REPRINT after %DONE */
	int	case_was_new;
	char	prev_kind[16];		/* to restore on %CANCEL of a reopen */
	char	prev_condition[16];
};

struct db_label {
	int64_t	id;
	int64_t	case_id;
	char	case_no[32];
	char	format[8];
	char	queue[128];
	char	state[16];
	int	job_id;
	int	attempts;
	char	error[256];
	char	created_at[32];
	char	updated_at[32];
	unsigned char *payload;		/* db_label_next(): caller frees */
	size_t	payload_len;
};

/* db.c */
/* Opens (creating if needed) and migrates. *created is set when the file
 * had no schema. Returns NULL with cause on failure. */
struct db *db_open(const char *path, int *created, char *cause, size_t clen);
/* Opens and migrates only up to version `upto` (tests of upgrades). */
struct db *db_open_upto(const char *path, int upto, char *cause, size_t clen);
void	db_close(struct db *);
const char *db_error(struct db *);
int	db_begin(struct db *);
int	db_commit(struct db *);
void	db_rollback(struct db *);
int	db_user_version(struct db *);
/* Frames written to the WAL since the last checkpoint. */
int	db_wal_pages(struct db *);
/* Copies the WAL back into the database file; run when the desk is idle. */
int	db_checkpoint(struct db *);
/* Current wall-clock time as stored: UTC ISO 8601 with milliseconds. */
void	db_now(char *out, size_t len);
/* The station's wall clock (what db_now records), in seconds. */
time_t	db_wall(void);
/* Moves the station's wall clock by seconds (tests of the time rules). */
void	db_clock_offset(long seconds);
/* Parses a stored timestamp; -1 if it is not one. */
time_t	db_parse_time(const char *);

/* operators, products */
int	db_operator_add(struct db *, const char *badge, const char *name,
	    const char *roles, int64_t *id);
int	db_operator_get(struct db *, const char *badge, struct db_operator *);
int	db_operator_by_id(struct db *, int64_t id, struct db_operator *);
int	db_operator_foreach(struct db *,
	    int (*fn)(void *, const struct db_operator *), void *arg);
int	db_product_add(struct db *, const struct db_product *,
	    const char *barcode, int64_t *id);
int	db_product_by_model(struct db *, const char *model, struct db_product *);
int	db_product_by_barcode(struct db *, const char *code, struct db_product *);
int	db_product_get(struct db *, int64_t id, struct db_product *);

/* cases and items */
int	db_case_create(struct db *, const char *prefix, const char *waybill,
	    const char *carrier, int64_t opened_by, struct db_case *out);
int	db_case_get(struct db *, int64_t id, struct db_case *);
int	db_case_by_no(struct db *, const char *case_no, struct db_case *);
/* The case for a waybill that is not closed or cancelled. */
int	db_case_by_waybill(struct db *, const char *waybill, struct db_case *);
/* A case by its number or by its open waybill, any letter case. */
int	db_case_find(struct db *, const char *key, struct db_case *);
int	db_case_set_kind(struct db *, int64_t id, const char *kind);
int	db_case_set_condition(struct db *, int64_t id, const char *cond);
int	db_case_set_state(struct db *, int64_t id, const char *state,
	    const char *area, const char *area_name);
int	db_case_set_foreign(struct db *, int64_t id, int not_ours);
/* Calls fn for each case, newest first; state may be NULL for all. */
int	db_case_foreach(struct db *, const char *state,
	    int (*fn)(void *, const struct db_case *), void *arg);

int	db_item_add(struct db *, const struct db_item *, int64_t *id);
int	db_item_get(struct db *, int64_t id, struct db_item *);
int	db_item_set_cct(struct db *, int64_t id, int cct);
int	db_item_set_qty(struct db *, int64_t id, int qty);
int	db_item_set_acc(struct db *, int64_t id, const char *missing);
int	db_items_commit(struct db *, int64_t case_id);
int	db_items_discard(struct db *, int64_t case_id);
int	db_items_count(struct db *, int64_t case_id, int *n);
int	db_item_foreach(struct db *, int64_t case_id,
	    int (*fn)(void *, const struct db_item *), void *arg);

/* intake sessions */
int	db_session_load(struct db *, const char *desk, struct db_session *);
int	db_session_save(struct db *, const struct db_session *);

/* label outbox */
int	db_label_add(struct db *, int64_t case_id, const char *tmpl,
	    const char *format, const char *queue, const void *payload,
	    size_t len, int64_t *id);
/* Oldest label in `state`; payload included (caller frees). */
int	db_label_next(struct db *, const char *state, struct db_label *);
int	db_label_set_state(struct db *, int64_t id, const char *state,
	    int job_id, const char *error);
int	db_label_foreach(struct db *, const char *state,
	    int (*fn)(void *, const struct db_label *), void *arg);
int	db_label_counts(struct db *, int *queued, int *submitted,
	    int *printed, int *failed);

/* audit.c */
/* Appends a hash-chained audit event; detail is free text (JSON). */
int	db_audit(struct db *, const char *actor, const char *action,
	    const char *entity, int64_t entity_id, const char *detail,
	    int64_t *id);
/* Walks the chain. Returns 0 if intact (*rows = count), 1 if broken
 * (*bad = first broken row id, cause says how), -1 on error. */
int	db_audit_verify(struct db *, int64_t *rows, int64_t *bad,
	    char *cause, size_t clen);

/* life.c: the rest of a case's life */
struct db_cause {
	char	code[33];
	char	name[129];
};

struct db_breach {
	int64_t	case_id;
	char	case_no[32];
	char	rule[24];
	char	due_at[32];
	char	noticed_at[32];
	char	resolved_at[32];
};

/* A case the time rules still watch. */
struct db_due {
	int64_t	id;
	char	case_no[32];
	char	kind[16];
	char	state[24];
	char	received_at[32];
	char	registered_at[32];
	int	exempt;		/* holds a potted or special product */
	int	qty;
};

int	db_case_set_life(struct db *, int64_t id, const char *state);
int	db_case_registered(struct db *, int64_t id);
int	db_case_reject(struct db *, int64_t id, const char *reason);
int	db_case_qty(struct db *, int64_t id, int *qty);
int	db_case_outsourced(struct db *, int64_t id, int *yes);
int	db_operator_set_active(struct db *, int64_t id, int active);
int	db_cause_get(struct db *, const char *code, struct db_cause *);
int	db_cause_foreach(struct db *,
	    int (*fn)(void *, const struct db_cause *), void *arg);
int	db_repair_add(struct db *, int64_t case_id, int64_t tech,
	    const char *cause, const char *result, const char *note,
	    int64_t *id);
int	db_repair_part_add(struct db *, int64_t repair_id, const char *part,
	    int qty);
int	db_inspection_add(struct db *, int64_t case_id, int64_t inspector,
	    const char *result, int sample, int qty, const char *note);
int	db_signoff_add(struct db *, int64_t case_id, int64_t finance);
int	db_signoff_count(struct db *, int64_t case_id, int *n);
int	db_shipment_add(struct db *, int64_t case_id, const char *waybill,
	    const char *carrier, const char *reason, int64_t by);
int	db_supplier_send(struct db *, int64_t case_id, const char *supplier);
int	db_supplier_back(struct db *, int64_t case_id);
int	db_photo_add(struct db *, int64_t case_id, const char *sha256,
	    const char *path, int64_t bytes, int64_t by);
int	db_photo_count(struct db *, int64_t case_id, int *n);
/* Records a breach once per case and rule; *added says if it is new. */
int	db_breach_add(struct db *, int64_t case_id, const char *rule,
	    const char *due_at, int *added);
int	db_breach_resolve(struct db *, int64_t case_id, const char *rule);
int	db_breach_foreach(struct db *, int open_only,
	    int (*fn)(void *, const struct db_breach *), void *arg);
int	db_due_foreach(struct db *, int (*fn)(void *, const struct db_due *),
	    void *arg);
/* The case's audit events, oldest first: when, who, what. */
int	db_case_history(struct db *, int64_t case_id,
	    int (*fn)(void *, const char *at, const char *actor,
	    const char *action), void *arg);

#endif
