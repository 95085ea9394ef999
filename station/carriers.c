/*
 * The carriers kept centrally (the table carriers, pulled from the central
 * database or added here), matched after the station's own [carriers]:
 * the configuration's set points at a compiled set of them. A new set is
 * made whenever they change; the ones before stay until the station
 * stops, as a worker classifying a waybill may hold one.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../common/buf.h"
#include "../common/log.h"
#include "../db/db.h"
#include "carriers.h"
#include "config.h"
#include "scan.h"
#include "station.h"

struct carrier_sets {
	struct carrier_set	**v;
	size_t			  n;
	struct buf		  sig;	/* what the last one was made of */
};

/* what a set is made of: the active carriers, NUL-separated */
static int
add(void *arg, const struct db_carrier *c)
{
	struct buf *b = arg;

	if (c->active) {
		buf_add(b, c->name, strlen(c->name) + 1);
		buf_add(b, c->pattern, strlen(c->pattern) + 1);
	}
	return 0;
}

static int
add_to(void *arg, const struct db_carrier *c)
{
	struct carrier_set *cs = arg;

	if (!c->active)
		return 0;
	return carrier_set_add(cs, c->name, c->pattern) == -1 ? -1 : 0;
}

int
carriers_refresh(struct station *st)
{
	struct carrier_sets *all = st->carriers;
	struct carrier_set *cs, **v;
	struct buf sig;
	char cause[300];

	if (all == NULL) {
		if ((all = calloc(1, sizeof(*all))) == NULL)
			return -1;
		buf_init(&all->sig);
		st->carriers = all;
	}
	/* a pull of anything runs this: a set is made only when the
	 * carriers changed, so the sets kept stay few */
	buf_init(&sig);
	if (db_carrier_foreach(st->db, add, &sig) == -1) {
		log_warnx("carriers: %s", db_error(st->db));
		buf_free(&sig);
		return -1;
	}
	if (all->n && sig.len == all->sig.len && (sig.len == 0 ||
	    memcmp(sig.data, all->sig.data, sig.len) == 0)) {
		buf_free(&sig);
		return 0;
	}
	if ((cs = calloc(1, sizeof(*cs))) == NULL) {
		buf_free(&sig);
		return -1;
	}
	if (db_carrier_foreach(st->db, add_to, cs) == -1) {
		log_warnx("carriers: %s", db_error(st->db));
		carrier_set_free(cs);
		free(cs);
		buf_free(&sig);
		return -1;
	}
	/* a pattern here was checked when it was written; one that no
	 * longer compiles leaves the set before in use */
	if (carrier_set_compile(cs, cause, sizeof(cause)) == -1) {
		log_warnx("carriers kept centrally: %s", cause);
		free(cs);
		buf_free(&sig);
		return -1;
	}
	if ((v = realloc(all->v, (all->n + 1) * sizeof(*v))) == NULL) {
		carrier_set_free(cs);
		free(cs);
		buf_free(&sig);
		return -1;
	}
	all->v = v;
	all->v[all->n++] = cs;
	buf_free(&all->sig);
	all->sig = sig;
	carriers_attach(st);
	return 0;
}

void
carriers_attach(struct station *st)
{
	struct carrier_sets *all = st->carriers;

	if (all && all->n)
		atomic_store(&st->cf->carriers.more, all->v[all->n - 1]);
}

void
carriers_free(struct station *st)
{
	struct carrier_sets *all = st->carriers;

	if (all == NULL)
		return;
	if (st->cf)
		atomic_store(&st->cf->carriers.more, NULL);
	for (size_t i = 0; i < all->n; i++) {
		carrier_set_free(all->v[i]);
		free(all->v[i]);
	}
	free(all->v);
	buf_free(&all->sig);
	free(all);
	st->carriers = NULL;
}

int
carriers_check(const char *name, const char *pattern, char *cause,
    size_t clen)
{
	struct carrier_set cs;

	memset(&cs, 0, sizeof(cs));
	if (name[0] == '\0' || strlen(name) > CARRIER_NAME_MAX ||
	    strspn(name, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
	    "0123456789_&-") != strlen(name)) {
		snprintf(cause, clen, "a carrier's name is 1 to %d letters,"
		    " digits, '-', '_' or '&' / 承运商名称无效", CARRIER_NAME_MAX);
		return -1;
	}
	if (pattern[0] == '\0' || strlen(pattern) > 255) {
		snprintf(cause, clen, "a pattern is 1 to 255 characters / 格式"
		    "无效");
		return -1;
	}
	if (carrier_set_add(&cs, name, pattern) == -1 ||
	    carrier_set_compile(&cs, cause, clen) == -1)
		return -1;
	carrier_set_free(&cs);
	return 0;
}
