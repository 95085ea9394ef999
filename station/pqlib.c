/* libpq loaded on first use (pqlib.h). */
#include <stdio.h>

#include "../common/dl.h"

#define PQLIB_OWN_NAMES
#include "pqlib.h"

struct pqlib pqlib;
static const struct dl_sym syms[] = {
#define PQLIB_SYM(f) { #f, &pqlib.f },
	PQLIB_CALLS(PQLIB_SYM)
#undef PQLIB_SYM
};
static struct dl_lib lib = DL_LIB("libpq.so.5", syms);

int
pqlib_load(char *why, size_t len)
{
	char cause[200];

	if (dl_load(&lib, cause, sizeof(cause)) == 0)
		return 0;
	snprintf(why, len, "the PostgreSQL client library cannot be loaded"
	    " (is libpq5 installed?) / 无法加载 PostgreSQL 客户端库: %s", cause);
	return -1;
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

/* (a connection there is was made by a loaded libpq) */
ConnStatusType
pqlib_status(const PGconn *pg)
{
	return pg ? pqlib.PQstatus(pg) : CONNECTION_BAD;
}

char *
pqlib_errmsg(const PGconn *pg)
{
	char why[300];

	if (pg == NULL && pqlib_load(why, sizeof(why)) == -1)
		return lib.cause;	/* written once, before it was tried */
	return pqlib.PQerrorMessage(pg);
}

void
pqlib_finish(PGconn *pg)
{
	if (pg)
		pqlib.PQfinish(pg);
}
