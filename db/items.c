/* Items: what a parcel holds. Draft until the case is registered. */
#define _POSIX_C_SOURCE 200809L
#include <string.h>

#include "db-int.h"

static const char SQL_ADD[] = "INSERT INTO items (case_id, product_id, model,"
    " spec, cct, quantity) VALUES (?1, ?2, ?3, ?4, ?5, ?6)";
#define ITEM_COLS "SELECT id, case_id, product_id, model, spec, cct," \
    " quantity, accessories_missing, note, draft FROM items"
static const char SQL_GET[] = ITEM_COLS " WHERE id = ?1";
static const char SQL_OF_CASE[] = ITEM_COLS " WHERE case_id = ?1 ORDER BY id";
/* the newest draft line of the same model and colour temperature */
static const char SQL_SAME[] = ITEM_COLS " WHERE case_id = ?1 AND draft = 1"
    " AND model = ?2 COLLATE NOCASE AND coalesce(cct, 0) = ?3"
    " ORDER BY id DESC LIMIT 1";
static const char SQL_SET_CCT[] = "UPDATE items SET cct = ?2 WHERE id = ?1";
static const char SQL_SET_QTY[] = "UPDATE items SET quantity = ?2"
    " WHERE id = ?1";
static const char SQL_SET_ACC[] = "UPDATE items SET accessories_missing = ?2"
    " WHERE id = ?1";
static const char SQL_COMMIT[] = "UPDATE items SET draft = 0"
    " WHERE case_id = ?1 AND draft = 1";
static const char SQL_DISCARD[] = "DELETE FROM items WHERE case_id = ?1"
    " AND draft = 1";
static const char SQL_COUNT[] = "SELECT count(*) FROM items WHERE case_id = ?1";

int
db_item_add(struct db *db, const struct db_item *it, int64_t *id)
{
	if (db_write(db, "adding item", SQL_ADD, "LITTni", it->case_id,
	    it->product_id, it->model, it->spec, it->cct, it->quantity) == -1)
		return -1;
	if (id)
		*id = db_last_id(db);
	return 0;
}

static void
read_row(sqlite3_stmt *s, struct db_item *it)
{
	memset(it, 0, sizeof(*it));
	it->id = sqlite3_column_int64(s, 0);
	it->case_id = sqlite3_column_int64(s, 1);
	it->product_id = sqlite3_column_int64(s, 2);
	db_text(s, 3, it->model, sizeof(it->model));
	db_text(s, 4, it->spec, sizeof(it->spec));
	it->cct = sqlite3_column_int(s, 5);
	it->quantity = sqlite3_column_int(s, 6);
	db_text(s, 7, it->accessories_missing,
	    sizeof(it->accessories_missing));
	db_text(s, 8, it->note, sizeof(it->note));
	it->draft = sqlite3_column_int(s, 9);
}

int
db_item_get(struct db *db, int64_t id, struct db_item *it)
{
	sqlite3_stmt *s = db_prep(db, SQL_GET, "L", id);
	int rc = db_one(db, s, "reading item");

	if (rc == 1) {
		read_row(s, it);
		sqlite3_reset(s);
	}
	return rc;
}

int
db_item_same(struct db *db, int64_t case_id, const char *model, int cct,
    struct db_item *it)
{
	sqlite3_stmt *s = db_prep(db, SQL_SAME, "LTi", case_id, model, cct);
	int rc = db_one(db, s, "reading item");

	if (rc == 1) {
		read_row(s, it);
		sqlite3_reset(s);
	}
	return rc;
}

int
db_item_set_cct(struct db *db, int64_t id, int cct)
{
	return db_write(db, "updating item", SQL_SET_CCT, "Ln", id, cct);
}

int
db_item_set_qty(struct db *db, int64_t id, int qty)
{
	return db_write(db, "updating item", SQL_SET_QTY, "Li", id, qty);
}

int
db_item_set_acc(struct db *db, int64_t id, const char *missing)
{
	return db_write(db, "updating item", SQL_SET_ACC, "LT", id, missing);
}

int
db_items_commit(struct db *db, int64_t case_id)
{
	return db_write(db, "committing items", SQL_COMMIT, "L", case_id);
}

int
db_items_discard(struct db *db, int64_t case_id)
{
	return db_write(db, "discarding items", SQL_DISCARD, "L", case_id);
}

int
db_items_count(struct db *db, int64_t case_id, int *n)
{
	return db_int(db, n, SQL_COUNT, "L", case_id);
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

	read_row(s, &it);
	return cb->fn(cb->arg, &it);
}

int
db_item_foreach(struct db *db, int64_t case_id,
    int (*fn)(void *, const struct db_item *), void *arg)
{
	struct item_cb cb = { fn, arg };

	return db_each(db, db_prep(db, SQL_OF_CASE, "L", case_id),
	    "listing items", item_row, &cb);
}
