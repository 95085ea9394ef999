/* libpq loaded on first use (pqlib.h). */
#include <pthread.h>
#include <stdio.h>

#include "../common/dl.h"

#define PQLIB_OWN_NAMES
#include "pqlib.h"

struct pqlib pqlib;
static pthread_once_t once = PTHREAD_ONCE_INIT;
static int loaded;
static char cause[200];

static void
load(void)
{
	static const struct dl_sym syms[] = {
#define PQLIB_SYM(f) { #f, &pqlib.f },
		PQLIB_CALLS(PQLIB_SYM)
#undef PQLIB_SYM
	};

	loaded = dl_bind("libpq.so.5", syms, sizeof(syms) / sizeof(syms[0]),
	    cause, sizeof(cause)) == 0;
}

int
pqlib_load(char *why, size_t len)
{
	pthread_once(&once, load);
	if (!loaded)
		snprintf(why, len, "the PostgreSQL client library cannot be"
		    " loaded (is libpq5 installed?) / 无法加载 PostgreSQL 客户端"
		    "库: %s", cause);
	return loaded ? 0 : -1;
}

PGconn *
pqlib_connectdb(const char *const *keys, const char *const *vals,
    int expand)
{
	char why[300];

	if (pqlib_load(why, sizeof(why)) == -1)
		return NULL;
	return pqlib.PQconnectdbParams(keys, vals, expand);
}

PQconninfoOption *
pqlib_conninfo(const char *url, char **err)
{
	char why[300];

	if (err)
		*err = NULL;
	if (pqlib_load(why, sizeof(why)) == -1)
		return NULL;
	return pqlib.PQconninfoParse(url, err);
}

ConnStatusType
pqlib_status(const PGconn *pg)
{
	return pg && loaded ? pqlib.PQstatus(pg) : CONNECTION_BAD;
}

char *
pqlib_errmsg(const PGconn *pg)
{
	static char none[] = "out of memory, or libpq not loaded\n";

	if (!loaded) {
		/* the cause is written once, before loaded could be set */
		return cause[0] ? cause : none;
	}
	return pqlib.PQerrorMessage(pg);
}

void
pqlib_finish(PGconn *pg)
{
	if (pg && loaded)
		pqlib.PQfinish(pg);
}
