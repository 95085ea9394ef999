/* The catalogue: lamp models, their barcodes, and the fault causes. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <string.h>

#include "db-int.h"

static const char SQL_ADD[] = "INSERT INTO products (model, name, spec,"
    " default_cct, outsourced, potted, special)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";
static const char SQL_BARCODE_ADD[] = "INSERT INTO product_barcodes"
    " (barcode, product_id) VALUES (?1, ?2)";
#define PROD_COLS "SELECT p.id, p.model, p.name, p.spec, p.default_cct," \
    " p.outsourced, p.potted, p.special, p.active," \
    " (SELECT group_concat(barcode, ' ') FROM product_barcodes b" \
    "  WHERE b.product_id = p.id) FROM products p"
static const char SQL_BY_MODEL[] = PROD_COLS " WHERE p.model = ?1";
static const char SQL_BY_BARCODE[] = PROD_COLS " JOIN product_barcodes b"
    " ON b.product_id = p.id WHERE b.barcode = ?1";
static const char SQL_GET[] = PROD_COLS " WHERE p.id = ?1";
static const char SQL_ALL[] = PROD_COLS " WHERE p.model > ?1"
    " ORDER BY p.model LIMIT ?2";
static const char SQL_UPDATE[] = "UPDATE products SET name = ?2, spec = ?3,"
    " default_cct = ?4, outsourced = ?5, potted = ?6, special = ?7,"
    " active = ?8 WHERE id = ?1";
static const char SQL_CAUSE_GET[] = "SELECT code, name FROM fault_causes"
    " WHERE code = ?1 AND active";
static const char SQL_CAUSE_ALL[] = "SELECT code, name FROM fault_causes"
    " WHERE active ORDER BY rowid";
static const char SQL_CAUSE_ANY[] = "SELECT rowid, name, active"
    " FROM fault_causes WHERE code = ?1";
static const char SQL_CAUSE_ADD[] = "INSERT INTO fault_causes (code, name)"
    " VALUES (?1, ?2)";
static const char SQL_CAUSE_SET[] = "UPDATE fault_causes SET name = ?2,"
    " active = ?3 WHERE code = ?1";

int
db_product_add(struct db *db, const struct db_product *p, const char *barcode,
    int64_t *id)
{
	int64_t pid;

	if (db_write(db, "adding product", SQL_ADD, "TTTniii", p->model,
	    p->name, p->spec, p->default_cct, p->outsourced, p->potted,
	    p->special) == -1)
		return -1;
	pid = db_last_id(db);
	if (barcode && *barcode && db_write(db, "adding product barcode",
	    SQL_BARCODE_ADD, "TL", barcode, pid) == -1)
		return -1;
	if (id)
		*id = pid;
	return 0;
}

/* A row of PROD_COLS. */
static void
read_product(sqlite3_stmt *s, struct db_product *p)
{
	memset(p, 0, sizeof(*p));
	p->id = sqlite3_column_int64(s, 0);
	db_text(s, 1, p->model, sizeof(p->model));
	db_text(s, 2, p->name, sizeof(p->name));
	db_text(s, 3, p->spec, sizeof(p->spec));
	p->default_cct = sqlite3_column_int(s, 4);
	p->outsourced = sqlite3_column_int(s, 5);
	p->potted = sqlite3_column_int(s, 6);
	p->special = sqlite3_column_int(s, 7);
	p->active = sqlite3_column_int(s, 8);
	db_text(s, 9, p->barcodes, sizeof(p->barcodes));
}

int
db_product_update(struct db *db, const struct db_product *p)
{
	return db_write(db, "changing product", SQL_UPDATE, "LTTniiii", p->id,
	    p->name, p->spec, p->default_cct, p->outsourced, p->potted,
	    p->special, p->active);
}

int
db_product_barcode_add(struct db *db, int64_t id, const char *barcode)
{
	return db_write(db, "adding product barcode", SQL_BARCODE_ADD, "TL",
	    barcode, id);
}

static int
read_one(struct db *db, sqlite3_stmt *s, struct db_product *p)
{
	int rc = db_one(db, s, "reading product");

	if (rc != 1)
		return rc;
	read_product(s, p);
	sqlite3_reset(s);
	return 1;
}

int
db_product_by_model(struct db *db, const char *model, struct db_product *p)
{
	return read_one(db, db_prep(db, SQL_BY_MODEL, "T", model), p);
}

int
db_product_by_barcode(struct db *db, const char *code, struct db_product *p)
{
	return read_one(db, db_prep(db, SQL_BY_BARCODE, "T", code), p);
}

int
db_product_get(struct db *db, int64_t id, struct db_product *p)
{
	return read_one(db, db_prep(db, SQL_GET, "L", id), p);
}

static void
read_cause(sqlite3_stmt *s, struct db_cause *c)
{
	db_text(s, 0, c->code, sizeof(c->code));
	db_text(s, 1, c->name, sizeof(c->name));
}

int
db_cause_get(struct db *db, const char *code, struct db_cause *c)
{
	sqlite3_stmt *s = db_prep(db, SQL_CAUSE_GET, "T", code);
	int rc = db_one(db, s, "reading causes");

	if (rc == 1) {
		read_cause(s, c);
		sqlite3_reset(s);
	}
	return rc;
}

struct product_cb {
	int	(*fn)(void *, const struct db_product *);
	void	*arg;
};

static int
product_row(sqlite3_stmt *s, void *ctx)
{
	struct product_cb *cb = ctx;
	struct db_product p;

	read_product(s, &p);
	return cb->fn(cb->arg, &p);
}

int
db_product_page(struct db *db, const char *after, int limit,
    int (*fn)(void *, const struct db_product *), void *arg)
{
	struct product_cb cb = { fn, arg };

	return db_each(db, db_prep(db, SQL_ALL, "Ti", after ? after : "",
	    limit), "listing products", product_row, &cb);
}

struct cause_cb {
	int	(*fn)(void *, const struct db_cause *);
	void	*arg;
};

static int
cause_row(sqlite3_stmt *s, void *ctx)
{
	struct cause_cb *cb = ctx;
	struct db_cause c;

	read_cause(s, &c);
	return cb->fn(cb->arg, &c);
}

int
db_cause_foreach(struct db *db, int (*fn)(void *, const struct db_cause *),
    void *arg)
{
	struct cause_cb cb = { fn, arg };

	return db_each(db, db_prep(db, SQL_CAUSE_ALL, ""), "listing causes",
	    cause_row, &cb);
}

int
db_cause_find(struct db *db, const char *code, int64_t *id, char *name,
    size_t len, int *active)
{
	sqlite3_stmt *s = db_prep(db, SQL_CAUSE_ANY, "T", code);
	int rc = db_one(db, s, "reading causes");

	if (rc == 1) {
		*id = sqlite3_column_int64(s, 0);
		db_text(s, 1, name, len);
		*active = sqlite3_column_int(s, 2);
		sqlite3_reset(s);
	}
	return rc;
}

int
db_cause_add(struct db *db, const char *code, const char *name, int64_t *id)
{
	if (db_write(db, "adding cause", SQL_CAUSE_ADD, "TT", code, name) == -1)
		return -1;
	*id = db_last_id(db);
	return 0;
}

int
db_cause_set(struct db *db, const char *code, const char *name, int active)
{
	return db_write(db, "changing cause", SQL_CAUSE_SET, "TTi", code, name,
	    active);
}
