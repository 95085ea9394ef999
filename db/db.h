/*
 * The station's store: the only code that speaks SQL. SQLite in WAL mode with
 * synchronous=FULL, foreign keys on, numbered migrations on user_version.
 *
 * Writes happen between db_begin() and db_commit(); each write function
 * expects an open transaction, and the caller adds the audit event that
 * describes the change (db_audit()) in the same transaction.
 *
 * Unless a comment says otherwise: write functions return 0, or -1 with the
 * reason in db_error(); lookups (get, by_*, find) return 1 found (the struct
 * filled), 0 not found, -1 error; counts return 0 with *n set, or -1;
 * foreach functions call fn for each row until fn returns non-zero and
 * return 0, or -1. Structs are filled by value: nothing to free unless said.
 * Times are stored as UTC ISO 8601 text (common/clock.h).
 */
#ifndef ST_DB_H
#define ST_DB_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

#define DB_SCHEMA_VERSION 15

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
	int	active;		/* 0: disabled, no longer scanned in */
	char	barcodes[200];	/* its barcodes, space-separated */
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
	char	contact[65];
	char	address[257];
	char	order_no[65];
	char	mismatch[512];		/* expected vs received; "" none */
	char	reject_reason[257];
	char	owner[37];		/* the desk holding it; "" this one */
	char	owner_desk[64];		/* that desk's name */
};

/* The customer's side of a case or of an expected return. As arguments of
 * a write, a NULL field keeps what is stored and "" clears it. */
struct db_customer {
	const char	*name;
	const char	*contact;
	const char	*phone;
	const char	*address;
	const char	*service_rep;
	const char	*order_no;
	const char	*complaint;
};

/* A return customer service registered before the parcel arrived. */
struct db_expected {
	int64_t	id;
	char	waybill[65];
	char	customer[129];
	char	contact[65];
	char	phone[33];
	char	address[257];
	char	service_rep[65];
	char	order_no[65];
	char	complaint[257];
	char	created_by[65];		/* badge */
	char	created_at[32];
	int64_t	case_id;		/* 0: not arrived yet */
};

struct db_expected_item {
	int	line;
	char	model[65];
	int	quantity;
	int	cct;			/* 0: any */
};

/* A return application (客户退/换货申请) and where its chain stands. */
struct db_application {
	int64_t	id;
	int64_t	case_id;
	char	request[16];
	char	reason[1025];
	int64_t	total_fen;
	char	chain[129];		/* the roles that sign, in order */
	char	state[16];		/* pending, approved, rejected */
	char	applied_by[65];
	char	applied_at[32];
	char	rma_sent_at[32];	/* "" until the RMA report is sent */
	char	rma_due_at[32];
	char	rma_reply[24];		/* "" until answered */
	char	rma_reply_at[32];
};

/* A line of an application: an item at a unit price. */
struct db_app_line {
	int	line;
	int64_t	item_id;
	int	quantity;
	int64_t	unit_price_fen;
};

/* A QC review meeting (品质会审) with its CAPA. */
struct db_review {
	int64_t		 host_id;
	const char	*attendees;	/* badges, comma-separated */
	const char	*verdict;
	const char	*analysis;
	const char	*corrective;
	const char	*preventive;
	const char	*responsible;
	const char	*disposal;
	int		 scrap, usable;
	int64_t		 cost_fen;
};

/* One row of one of a case's records, for showing it: column names and
 * their values as text (NULL for none), valid during the call only. */
struct db_row {
	int		 n;
	const char	*name[32];
	const char	*value[32];
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
	char	tmpl[64];		/* template name */
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
	char	shipped_at[32];	/* the last shipment's time, "" none */
	int	called;		/* the customer was called back */
};

/* db.c: opening, transactions, checkpoints */
/* Opens (creating if needed) and migrates path. *created is set when the
 * file had no schema. Returns the handle (free with db_close()), or NULL
 * with cause. */
struct db *db_open(const char *path, int *created, char *cause, size_t clen);
/* Opens path read-only, for a worker thread (one connection a thread);
 * it must be at this schema version. NULL with cause. */
struct db *db_open_ro(const char *path, char *cause, size_t clen);
/* The same, migrating only up to version upto (tests of upgrades). */
struct db *db_open_upto(const char *path, int upto, char *cause, size_t clen);
/* Rolls back an open transaction and closes; NULL is ignored. */
void	db_close(struct db *);
/* The reason the last call failed; owned by the handle. */
const char *db_error(struct db *);
/* Opens one transaction for a whole request that reads first and may then
 * write: every read shares one snapshot and one lock (not one each), and a
 * db_begin() inside it writes in the same transaction. db_read_end()
 * closes what db_commit() or db_rollback() did not. Only the station's one
 * writing connection may use it (a write after a read cannot wait for
 * another writer). */
int	db_read_begin(struct db *);
void	db_read_end(struct db *);
/* Starts a write transaction (BEGIN IMMEDIATE). */
int	db_begin(struct db *);
/* Commits; on failure the transaction is rolled back. */
/* A part of the open transaction that can be undone alone: db_savepoint,
 * then db_savepoint_end keeping (keep != 0) or undoing what it wrote. */
int	db_savepoint(struct db *);
int	db_savepoint_end(struct db *, int keep);
int	db_commit(struct db *);
/* Rolls back the open transaction, if any. */
void	db_rollback(struct db *);
/* PRAGMA user_version, or -1. */
int	db_user_version(struct db *);
/* The last failure and its time (wall clock), or NULL if none. */
const char *db_trouble(struct db *, time_t *at);
/* How long a write waits for another program's lock before it fails. */
void	db_set_busy_timeout(struct db *, int ms);
/* Checkpoints the WAL now (PASSIVE: it never waits for readers or the
 * writer); for a connection of its own in a worker. Returns the frames
 * copied, or -1. */
int	db_checkpoint_now(struct db *);
/* Calls fn(arg, frames) after each commit that leaves at least pages
 * frames in the WAL (from inside the commit: fn only takes note). */
/* Calls fn after each commit of this connection (it must be quick: it runs
 * where the commit did). */
void	db_on_commit(struct db *, void (*fn)(void));
void	db_wal_notify(struct db *, int pages, void (*fn)(void *, int),
	    void *arg);
/* Frames written to the WAL since the last checkpoint. */
int	db_wal_pages(struct db *);
/* Copies the WAL back into the database file; run when the desk is idle. */
int	db_checkpoint(struct db *);

/* Copies the database of src into a new file path with SQLite's online
 * backup (the desk writes on meanwhile) and checks the copy: integrity
 * and the audit chain (*events its length). 0, or -1 with cause (the
 * caller removes the file). */
int	db_backup(struct db *src, const char *path, int64_t *events,
	    char *cause, size_t clen);

/* Opens path (migrating it), checks its integrity and its audit chain
 * (*events). 0, or -1 with cause. */
int	db_verify_file(const char *path, int64_t *events, char *cause,
	    size_t clen);

/* operators.c */
/* Adds an operator with roles ("intake,supervisor"); *id its id. */
int	db_operator_add(struct db *, const char *badge, const char *name,
	    const char *roles, int64_t *id);
/* The operator with this badge. */
int	db_operator_get(struct db *, const char *badge, struct db_operator *);
/* The operator with this id. */
int	db_operator_by_id(struct db *, int64_t id, struct db_operator *);
/* Every operator, by badge. */
int	db_operator_foreach(struct db *,
	    int (*fn)(void *, const struct db_operator *), void *arg);
/* Sets the operator's PIN hash (NULL clears it). */
int	db_operator_set_pin(struct db *, int64_t id, const char *hash);
/* The PIN hash of badge into hash ("" when it has none). */
int	db_operator_pin(struct db *, const char *badge, char *hash, size_t len);
/* Replaces the operator's roles with roles ("intake,supervisor"). */
int	db_operator_set_roles(struct db *, int64_t id, const char *roles);
/* Enables (1) or disables (0) an operator. */
int	db_operator_set_active(struct db *, int64_t id, int active);
/* Sets an operator's name. */
int	db_operator_set_name(struct db *, int64_t id, const char *name);

/* catalogue.c: lamp models and fault causes */
/* Adds a model, with its barcode when barcode is not NULL or "". */
int	db_product_add(struct db *, const struct db_product *,
	    const char *barcode, int64_t *id);
/* Writes p's name, spec, CCT, flags and active by its id. */
int	db_product_update(struct db *, const struct db_product *p);
/* Gives model id another barcode. */
int	db_product_barcode_add(struct db *, int64_t id, const char *barcode);
/* The model named model (any letter case). */
int	db_product_by_model(struct db *, const char *model, struct db_product *);
/* The model carrying product barcode code. */
int	db_product_by_barcode(struct db *, const char *code, struct db_product *);
/* The model with this id. */
int	db_product_get(struct db *, int64_t id, struct db_product *);
/* Models in order of their code, after `after` ("" from the first), at
 * most limit. */
int	db_product_page(struct db *, const char *after, int limit,
	    int (*fn)(void *, const struct db_product *), void *arg);
/* The active fault cause with this code. */
int	db_cause_get(struct db *, const char *code, struct db_cause *);
/* Every active fault cause, in the order they were added. */
int	db_cause_foreach(struct db *,
	    int (*fn)(void *, const struct db_cause *), void *arg);
/* The cause code, taken or not: 1 with its rowid, name and active. */
int	db_cause_find(struct db *, const char *code, int64_t *id, char *name,
	    size_t len, int *active);
/* Adds a cause (taken); *id its rowid. */
int	db_cause_add(struct db *, const char *code, const char *name,
	    int64_t *id);
/* Sets a cause's name and whether it is taken. */
int	db_cause_set(struct db *, const char *code, const char *name,
	    int active);

/* cases.c */
/* Creates a case in state (the state machine's first) for waybill with
 * the next number of the local day; *out the new row. */
int	db_case_create(struct db *, const char *prefix, const char *waybill,
	    const char *carrier, int64_t opened_by, const char *state,
	    struct db_case *out);
/* ... a case that arrived at UTC time at, on local day date (YYYY-MM-DD),
 * numbered for that day. */
int	db_case_create_at(struct db *, const char *prefix, const char *waybill,
	    const char *carrier, int64_t opened_by, const char *state,
	    const char *at, const char *date, struct db_case *out);
/* The case with this id. */
int	db_case_get(struct db *, int64_t id, struct db_case *);
/* The case with this number. */
int	db_case_by_no(struct db *, const char *case_no, struct db_case *);
/* The case for a waybill that is not closed or cancelled. */
int	db_case_by_waybill(struct db *, const char *waybill, struct db_case *);
/* A case by its number or its waybill, any letter case: the open case of
 * a waybill, else its newest (closed or cancelled). */
int	db_case_find(struct db *, const char *key, struct db_case *);
/* Sets the kind ("repair", ...; "" for none). */
int	db_case_set_kind(struct db *, int64_t id, const char *kind);
/* Sets the parcel's condition. */
int	db_case_set_condition(struct db *, int64_t id, const char *cond);
/* Marks the case as holding goods that are not ours (1) or ours (0). */
int	db_case_set_foreign(struct db *, int64_t id, int not_ours);
/* The one writer of a case's state (station/case.c calls it): from -> to,
 * and the area when area is not NULL. Fails, changing nothing, when the
 * case is no longer in state from. */
int	db_case_move(struct db *, int64_t id, const char *from, const char *to,
	    const char *area, const char *area_name);
/* Stamps the time of first registration (kept on later ones). */
int	db_case_registered(struct db *, int64_t id);
/* Sets the customer's fields that are not NULL (db_customer). */
int	db_case_set_customer(struct db *, int64_t id, const struct db_customer *);
/* Notes what came back against what was expected (NULL: it matched). */
int	db_case_set_mismatch(struct db *, int64_t id, const char *text);
/* Records why the case was rejected. */
int	db_case_set_reject_reason(struct db *, int64_t id, const char *reason);
/* The desk (station id) that now holds the case's goods; NULL: this one. */
int	db_case_set_owner(struct db *, int64_t id, const char *owner);
/* The other desks, as the central database names them. */
int	db_desk_by_name(struct db *, const char *name, char uid[37]);
int	db_desk_put(struct db *, const char *uid, const char *name);
/* Units in the case (sum of item quantities). */
int	db_case_qty(struct db *, int64_t id, int *qty);
/* Items of outsourced models in the case. */
int	db_case_outsourced(struct db *, int64_t id, int *n);
/* Which cases a page of a listing holds. */
struct db_case_query {
	const char	*state;		/* NULL: any */
	int64_t		 before;	/* only ids below this; 0: the newest */
	const char	*from, *to;	/* received dates, YYYY-MM-DD; NULL */
	int		 overdue;	/* only those with a time rule missed */
	const char	*find;		/* case no., waybill, phone, model or
					 * customer: see db_case_page */
	int		 oldest;	/* oldest first; before is then "after" */
	int		 limit;		/* at most this many */
	int		 offset;	/* past this many (a page number's) */
};
/* A page of cases, newest first (oldest first). A search finds the case
 * numbers and waybills equal to its text, as typed or in capitals (from 8
 * characters, starting with it), the phone equal to it, the model in any
 * letter case, and the customers whose name holds it. */
int	db_case_page(struct db *, const struct db_case_query *,
	    int (*fn)(void *, const struct db_case *), void *arg);
/* An audit event of a case: strings valid during the call only. */
struct db_event {
	const char	*at;		/* UTC */
	const char	*actor;		/* badge, or "station" */
	const char	*name;		/* the operator's name, or "" */
	const char	*action;	/* "case.register" */
	const char	*detail;	/* JSON object */
};
/* The case's audit events, oldest first. */
int	db_case_history(struct db *, int64_t case_id,
	    int (*fn)(void *, const struct db_event *), void *arg);

/* items.c */
/* Adds a draft item; *id its id. */
int	db_item_add(struct db *, const struct db_item *, int64_t *id);
/* The item with this id. */
int	db_item_get(struct db *, int64_t id, struct db_item *);
/* The case's newest draft item of model (any letter case) with colour
 * temperature cct (0: none): the line a second unit joins. */
int	db_item_same(struct db *, int64_t case_id, const char *model, int cct,
	    struct db_item *);
/* Sets the colour temperature (0: unknown). */
int	db_item_set_cct(struct db *, int64_t id, int cct);
/* Sets the quantity (1..9999). */
int	db_item_set_qty(struct db *, int64_t id, int qty);
/* Sets the missing accessories text. */
int	db_item_set_acc(struct db *, int64_t id, const char *missing);
/* Makes the case's draft items final (registration). */
int	db_items_commit(struct db *, int64_t case_id);
/* Deletes the case's draft items (cancel). */
int	db_items_discard(struct db *, int64_t case_id);
/* Items in the case, drafts included. */
int	db_items_count(struct db *, int64_t case_id, int *n);
/* The case's items, in the order they were scanned. */
int	db_item_foreach(struct db *, int64_t case_id,
	    int (*fn)(void *, const struct db_item *), void *arg);

/* sessions.c */
/* The desk's stored session (all zero and 0 returned for a new desk). */
int	db_session_load(struct db *, const char *desk, struct db_session *);
/* Stores the desk's session. */
int	db_session_save(struct db *, const struct db_session *);

/* outbox.c: the label outbox */
/* Queues a label to be drawn from fields (a JSON object of its text);
 * *id its id. */
int	db_label_add(struct db *, int64_t case_id, const char *tmpl,
	    const char *format, const char *queue, const char *fields,
	    int64_t *id);
/* Keeps the bytes drawn for label id (what is sent). */
int	db_label_set_payload(struct db *, int64_t id, const void *data,
	    size_t len);
/* Calls fn with each field of label id (strings valid during the call). */
int	db_label_fields(struct db *, int64_t id,
	    int (*fn)(void *, const char *key, const char *value), void *arg);
/* The oldest label in state, payload included (empty until sent): the
 * caller frees l->payload. */
int	db_label_next(struct db *, const char *state, struct db_label *);
/* Reads l->id's payload into l->payload (freed first; caller frees). */
int	db_label_payload(struct db *, struct db_label *);
/* Moves a label; job_id 0 keeps the one it has; error NULL clears it.
 * A label sent again counts an attempt (and so gets a job title of its
 * own); one whose fate is unknown (submitting) keeps the title it went
 * out with, so that it can be asked for by that title. */
int	db_label_set_state(struct db *, int64_t id, const char *state,
	    int job_id, const char *error);
/* Labels in state (NULL: all), oldest first, without payloads. */
int	db_label_foreach(struct db *, const char *state,
	    int (*fn)(void *, const struct db_label *), void *arg);
/* A page of labels in state (NULL: all), newest first, with ids below
 * before (0: from the newest), at most limit. */
int	db_label_page(struct db *, const char *state, int64_t before,
	    int limit, int (*fn)(void *, const struct db_label *), void *arg);
/* Labels in state with ids above after, oldest first, at most limit. */
int	db_label_after(struct db *, const char *state, int64_t after,
	    int limit, int (*fn)(void *, const struct db_label *), void *arg);
/* How many labels are in state (an index lookup). */
int	db_label_count_state(struct db *, const char *state, int *n);
/* CUPS jobs the submitted labels are in (a batch is one). */
int	db_label_jobs_at_printer(struct db *, int *n);
/* How many labels are in each state. */
int	db_label_counts(struct db *, int *queued, int *submitted,
	    int *printed, int *failed);

/* photos.c */
/* Records a stored photo of a case. */
int	db_photo_add(struct db *, int64_t case_id, const char *sha256,
	    const char *path, int64_t bytes, int64_t by);
/* The stored path (under the data dir) of the case's photo with this
 * hash: 1, 0 when it has none, -1. */
int	db_photo_path(struct db *, int64_t case_id, const char *sha256,
	    char *out, size_t len);
/* *yes is 1 when the case already has the photo with this hash. */
int	db_photo_has(struct db *, int64_t case_id, const char *sha256,
	    int *yes);
/* Photos of the case. */
int	db_photo_count(struct db *, int64_t case_id, int *n);

/* repairs.c */
/* Records a repair (result "repaired" or "beyond_repair"); *id its id. */
int	db_repair_add(struct db *, int64_t case_id, int64_t tech,
	    const char *cause, const char *result, const char *note,
	    int64_t *id);
/* Records a part replaced in repair repair_id. */
int	db_repair_part_add(struct db *, int64_t repair_id, const char *part,
	    int qty);
/* Records that the case went to supplier. */
int	db_supplier_send(struct db *, int64_t case_id, const char *supplier);
/* Records that it came back. */
int	db_supplier_back(struct db *, int64_t case_id);

/* signoffs.c: inspections, finance sign-offs, shipments */
/* Records a QC verdict ("pass" or "fail"); sample 0 for none. */
int	db_inspection_add(struct db *, int64_t case_id, int64_t inspector,
	    const char *result, int sample, int qty, const char *note);
/* Records finance's sign-off. */
int	db_signoff_add(struct db *, int64_t case_id, int64_t finance);
/* Finance sign-offs on the case. */
int	db_signoff_count(struct db *, int64_t case_id, int *n);
/* Records an outbound shipment; reason may be NULL. */
int	db_shipment_add(struct db *, int64_t case_id, const char *waybill,
	    const char *carrier, const char *reason, int64_t by);

/* breaches.c: the time rules' records */
/* Records a breach once per case and rule; *added says if it is new. */
int	db_breach_add(struct db *, int64_t case_id, const char *rule,
	    const char *due_at, int *added);
/* *yes is 1 when the case was ever charged with rule. */
int	db_breach_known(struct db *, int64_t case_id, const char *rule,
	    int *yes);
/* Marks the case's open breach of rule as made good. */
int	db_breach_resolve(struct db *, int64_t case_id, const char *rule);
/* Breaches, oldest first; open_only leaves out those made good. */
int	db_breach_foreach(struct db *, int open_only,
	    int (*fn)(void *, const struct db_breach *), void *arg);
/* Open breaches: how many of each rule. */
int	db_breach_counts(struct db *, int (*fn)(void *, const char *rule, int n),
	    void *arg);
/* The limit newest open breaches, newest first. */
int	db_breach_recent(struct db *, int limit,
	    int (*fn)(void *, const struct db_breach *), void *arg);
/* Cases the time rules still watch. */
int	db_due_foreach(struct db *, int (*fn)(void *, const struct db_due *),
	    void *arg);

/* expected.c: returns registered before they arrive */
/* Registers an expected return with its items; *id its id. Fails on a
 * waybill already expected and not arrived. */
int	db_expected_add(struct db *, const char *waybill,
	    const struct db_customer *, const struct db_expected_item *items,
	    int nitems, int64_t by, int64_t *id);
/* The expected return of waybill that has not arrived. */
int	db_expected_open(struct db *, const char *waybill, struct db_expected *);
/* The expected return a case was matched with. */
int	db_expected_of_case(struct db *, int64_t case_id, struct db_expected *);
/* Ties expected return id to the case that arrived. */
int	db_expected_match(struct db *, int64_t id, int64_t case_id);
/* Drops the expected return with this id if it has not arrived here (it
 * arrived at another desk): 1 dropped, 0 none, -1. */
int	db_expected_drop(struct db *, const char *uid);
/* The expected return's items, by line. */
int	db_expected_items(struct db *, int64_t id,
	    int (*fn)(void *, const struct db_expected_item *), void *arg);

/* applications.c: return applications, their lines and approvals */
/* Files an application (state pending) for app->case_id, with its lines;
 * *id its id. */
int	db_application_add(struct db *, const struct db_application *app,
	    const struct db_app_line *lines, int nlines, int64_t by,
	    int64_t *id);
/* The case's newest application. */
int	db_application_last(struct db *, int64_t case_id,
	    struct db_application *);
/* The application with this id. */
int	db_application_by_id(struct db *, int64_t id, struct db_application *);
/* Sets an application's state. */
int	db_application_set_state(struct db *, int64_t id, const char *state);
/* Records one step's decision ("approve" or "reject"). */
int	db_approval_add(struct db *, int64_t app_id, const char *step,
	    const char *decision, int64_t by, const char *note);
/* Steps of application id approved so far (rejections end a chain). */
int	db_approval_count(struct db *, int64_t app_id, int *n);
/* Records that the RMA report went out (now) and its reply deadline. */
int	db_rma_sent(struct db *, int64_t app_id, const char *due_at);
/* Records the customer's answer ("accepted", "disputed", or
 * "accepted_no_reply" when the deadline passed). */
int	db_rma_reply(struct db *, int64_t app_id, const char *reply,
	    const char *note);
/* Applications whose RMA reply was due before now (UTC ISO), at most
 * limit, oldest deadline first: fn(arg, application id, case id). */
int	db_rma_overdue(struct db *, const char *now, int limit,
	    int (*fn)(void *, int64_t app_id, int64_t case_id), void *arg);
/* The earliest RMA reply deadline still open, "" for none. */
int	db_rma_next_due(struct db *, char *due, size_t len);

/* reviews.c: QC reviews and customer call backs */
/* Records a review of a case. */
int	db_review_add(struct db *, int64_t case_id, const struct db_review *,
	    int64_t by);
/* Reviews of the case. */
int	db_review_count(struct db *, int64_t case_id, int *n);
/* Records a call back (satisfaction 0: not asked). */
int	db_callback_add(struct db *, int64_t case_id, int received,
	    int satisfaction, const char *note, int64_t by);
/* Failed inspections of the case. */
int	db_inspection_failed(struct db *, int64_t case_id, int *n);

/* records.c: a case's records, to show */
/*
 * Calls fn with each row of the case's records of one section: "expected",
 * "expected_items", "repairs", "parts", "supplier_trips", "inspections",
 * "applications", "lines", "approvals", "reviews", "signoffs",
 * "shipments", "callbacks", "photos", "breaches"; oldest first. Operators
 * are named "badge name". Columns whose names end in _at are UTC times,
 * in _fen money. Returns 0, or -1 (also for an unknown section).
 */
int	db_case_records(struct db *, const char *section, int64_t case_id,
	    int (*fn)(void *, const struct db_row *), void *arg);

/* history.c: past cases from the desk's hand-kept table */
#define DB_HISTORY_PARTS	16
struct db_history_item {
	char	 model[65], spec[129], note[257];
	int	 cct, quantity;
};
struct db_history {
	char	 waybill[65], carrier[16];
	char	 received_at[32], received_date[11];	/* UTC; local day */
	char	 state[24], kind[16];
	char	 customer[129], phone[33], service_rep[65], complaint[513];
	char	 cause[257];		/* a code, or words */
	struct { char part[65]; int quantity; } parts[DB_HISTORY_PARTS];
	int	 nparts;
	char	 out_waybill[65], out_carrier[16], shipped_at[32];
	struct db_history_item *items;
	int	 nitems;
};
/* 1 when a case of waybill arrived on day already; else 0, with
 * open_case the number of a case of that waybill still open ("" if none). */
int	db_history_known(struct db *, const char *waybill, const char *day,
	    char *open_case, size_t len);
/* Stores a past case (with its items, repair, parts and shipment) as
 * imported by operator op. */
int	db_history_add(struct db *, const struct db_history *, int64_t op,
	    struct db_case *out);

/* The station's timed work (job "reports" or "backup"): the local day of
 * its last good run into day ("" if none), and its last run's outcome. */
struct db_run {
	char	day[11], at[32];
	int	ok;
	char	message[512];
};
int	db_run_get(struct db *, const char *job, struct db_run *);
/* Records a run of job for day (kept only when ok, else the last good
 * day stays) with its outcome. */
int	db_run_put(struct db *, const char *job, const char *day, int ok,
	    const char *message);

/* warn.c: early warning */
struct db_warn_period {
	char	first_day[11], last_day[11];	/* the week, local days */
	char	from[32], to[32];		/* ... as UTC times */
	char	base_first[11], base_last[11];	/* the weeks before it */
	char	base_from[32], base_to[32];
};
struct db_warning {
	char	model[65];
	char	cause[300];	/* "" for the model's returns as a whole */
	int64_t	n;		/* units (or repairs of the cause) this week */
	double	baseline;	/* ... a week in the baseline */
	double	share, base_share;	/* a cause's share of the repairs */
	char	cases[600];	/* the case numbers behind n */
};
/* Its two queries (the benchmark runs them in the sqlite3 shell too), and
 * the same for the central database. */
extern const char db_warn_units_sql[], db_warn_causes_sql[];
extern const char db_warn_units_pg[], db_warn_causes_pg[];
/* A list of case numbers ("a,b,…", any order) sorted into out: whole
 * numbers only, as many as fit. */
void	db_warn_cases(const char *list, char *out, size_t len);
/* The models and causes that rose more than rise % above their baseline
 * of weeks weeks, with at least min units or repairs. */
int	db_warnings(struct db *, const struct db_warn_period *, int weeks,
	    int min, int rise, int (*fn)(void *, const struct db_warning *),
	    void *arg);

/* reports.c */
/* The daily after-sales table: a row an item of each case with an event
 * in [from, to) (UTC) or received on local day (YYYY-MM-DD), at most
 * limit rows, as named columns. */
int	db_report_daily(struct db *, const char *from, const char *to,
	    const char *day, int limit, int (*fn)(void *, const struct db_row *),
	    void *arg);
/* The same for the central database: $1..$4 as from, to, day, limit. */
extern const char db_report_daily_pg[];

/* kpi.c: the reports' figures, each defined once */
enum db_kpi_shape { DB_KPI_COUNT, DB_KPI_RATE, DB_KPI_MEAN, DB_KPI_TOP,
    DB_KPI_MONEY, DB_KPI_SERIES };
struct db_kpi {
	const char	*key;
	const char	*zh, *en;	/* its name */
	int		 shape;		/* enum db_kpi_shape */
	const char	*what;		/* what it counts, in words */
	const char	*sql;		/* (value, base), or (label, n) rows */
	const char	*misses;	/* a rate's misses: case numbers */
	const char	*pg, *pg_misses; /* the same for PostgreSQL */
};
extern const struct db_kpi db_kpis[];
extern const int db_nkpis;
/* A period: UTC times [from, to) and the same local days, inclusive. */
struct db_period {
	char	from[32], to[32];
	char	first_day[11], last_day[11];
	char	asof_day[11];	/* the last day, or today if earlier */
};
/* A count, rate or mean: *value, and *base (a rate's or mean's). */
int	db_kpi_value(struct db *, const struct db_kpi *,
	    const struct db_period *, double *value, int64_t *base);
/* The rows of sql (a top list or a rate's misses) over the period. */
int	db_kpi_rows(struct db *, const char *sql, const struct db_period *,
	    int (*fn)(void *, const char *label, int64_t n), void *arg);

/* carriers.c: carriers kept centrally, besides [carriers] */
struct db_carrier {
	int64_t	id;
	char	name[32];
	char	pattern[256];	/* POSIX ERE */
	int	active;
};
/* Adds or changes (by name) a carrier; *id its row. */
int	db_carrier_put(struct db *, const char *name, const char *pattern,
	    int active, int64_t *id);
/* 1 found, 0 none, -1 error. */
int	db_carrier_get(struct db *, const char *name, struct db_carrier *);
/* Every carrier, by name, active or not. */
int	db_carrier_foreach(struct db *,
	    int (*fn)(void *, const struct db_carrier *), void *arg);

/* sync.c: this station's id and its last event, for the upload */
struct db_sync_state {
	char	station[37];	/* this station's id */
	int64_t	head;		/* the last event written */
};
int	db_sync_state(struct db *, struct db_sync_state *);
/* The last central change applied here (0: none) and when (UTC). */
int	db_sync_pulled(struct db *, int64_t *cseq, char at[32]);
int	db_sync_pulled_set(struct db *, int64_t cseq);
/* Gives a row that came from the central database its id there (a row
 * written now, before any id of its own). */
int	db_sync_adopt(struct db *, const char *table, int64_t rowid,
	    const char *uid);
/* The rows written so far in this transaction came from the central
 * database: the next audit event does not send them back. */
void	db_sync_local(struct db *);
/* Writes a record pulled from the central database into table (a JSON
 * object as rs.pull gives it): by its id, updated if it is here, else
 * added; references by id, operators by badge through ops ({id: badge})
 * when their id is not known here; a case held by self is held here.
 * 0, 1 when it names what is not here (nothing written), -1. */
struct jr;
int	db_sync_put(struct db *, const char *table, const struct jr *r,
	    const struct jr *ops, const char *self);
/* Drops the rows of table child that belong to the parent with this id,
 * before the pulled ones are written. */
int	db_sync_clear_kids(struct db *, const char *child,
	    const char *parent_uid);
/* ... and the rows it deleted are not sent as gone. */
int	db_sync_gone_clear(struct db *);
/*
 * Sends the next max records written before any event carried them
 * (schema 14): one audit event "sync.baseline" carries them. 1 with *left
 * the rows still to go (about: gaps count), 0 when all are sent, -1.
 */
int	db_sync_baseline(struct db *, int max, int64_t *left);
int	db_sync_baseline_left(struct db *, int64_t *left);
/* An audit event as uploaded; strings valid during the call only. */
struct db_up_event {
	int64_t		 seq;
	const char	*uid, *station, *at, *actor, *action, *entity;
	int64_t		 entity_id;
	int		 has_entity_id;
	const char	*entity_uid, *detail, *fields;
	int		 hv;
	const char	*prev_hash, *hash;
};
/* The events after seq in order, at most limit of them and about
 * max_bytes of fields (at least one); fn returning non-zero stops. */
int	db_sync_events(struct db *, int64_t after, int limit, size_t max_bytes,
	    int (*fn)(void *, const struct db_up_event *), void *arg);

/* audit.c */
/* Appends a hash-chained audit event; detail is JSON (common/json.h).
 * *id (may be NULL) the event's id. */
int	db_audit(struct db *, const char *actor, const char *action,
	    const char *entity, int64_t entity_id, const char *detail,
	    int64_t *id);
/* The head of the log: the last event's id (0 for none) and hash. */
int	db_audit_head(struct db *, int64_t *count, char hash[65]);
/* The hash of event id. */
int	db_audit_hash_at(struct db *, int64_t id, char hash[65]);
/* Walks the chain. Returns 0 if intact (*rows = count), 1 if broken
 * (*bad = first broken row id, cause says how), -1 on error. */
int	db_audit_verify(struct db *, int64_t *rows, int64_t *bad,
	    char *cause, size_t clen);

#endif
