/*
 * libpq, loaded when this desk is given a central database ([sync] url):
 * a desk that works alone does not carry it, nor the TLS and Kerberos
 * libraries it brings, in its memory. Include this instead of
 * <libpq-fe.h>; calls keep libpq's names.
 */
#ifndef ST_PQLIB_H
#define ST_PQLIB_H

#include <stddef.h>

#include <libpq-fe.h>

#define PQLIB_CALLS(X) X(PQgetvalue) X(PQclear) X(PQntuples) X(PQexec) \
	X(PQresultStatus) X(PQresultErrorMessage) X(PQexecParams) \
	X(PQconninfoFree) X(PQputCopyEnd) X(PQgetResult) \
	X(PQtransactionStatus) X(PQsocket) X(PQsendQueryParams) \
	X(PQputCopyData) X(PQnfields) X(PQisBusy) X(PQgetlength) \
	X(PQgetisnull) X(PQgetCancel) X(PQfreemem) X(PQfreeCancel) \
	X(PQfname) X(PQconsumeInput) X(PQcancel) \
	X(PQconnectdbParams) X(PQconninfoParse) X(PQstatus) \
	X(PQerrorMessage) X(PQfinish)

struct pqlib {
#define PQLIB_SLOT(f) __typeof__(f) *f;
	PQLIB_CALLS(PQLIB_SLOT)
#undef PQLIB_SLOT
};
extern struct pqlib pqlib;

/* 0 once libpq is loaded (at most once a process), or -1 with why. */
int	 pqlib_load(char *why, size_t len);

/* The ways in: they load libpq first and fail as libpq would. */
PGconn	*pqlib_connectdb(const char *const *keys, const char *const *vals,
	    int expand);
PQconninfoOption *pqlib_conninfo(const char *url, char **err);
/* These accept a connection that never was, as libpq's own do. */
ConnStatusType pqlib_status(const PGconn *);
char	*pqlib_errmsg(const PGconn *);
void	 pqlib_finish(PGconn *);

#ifndef PQLIB_OWN_NAMES	/* (pqlib.c binds libpq's own) */
#define PQconnectdbParams	pqlib_connectdb
#define PQconninfoParse		pqlib_conninfo
#define PQstatus		pqlib_status
#define PQerrorMessage		pqlib_errmsg
#define PQfinish		pqlib_finish
#define PQgetvalue		(*pqlib.PQgetvalue)
#define PQclear			(*pqlib.PQclear)
#define PQntuples		(*pqlib.PQntuples)
#define PQexec			(*pqlib.PQexec)
#define PQresultStatus		(*pqlib.PQresultStatus)
#define PQresultErrorMessage	(*pqlib.PQresultErrorMessage)
#define PQexecParams		(*pqlib.PQexecParams)
#define PQconninfoFree		(*pqlib.PQconninfoFree)
#define PQputCopyEnd		(*pqlib.PQputCopyEnd)
#define PQgetResult		(*pqlib.PQgetResult)
#define PQtransactionStatus	(*pqlib.PQtransactionStatus)
#define PQsocket		(*pqlib.PQsocket)
#define PQsendQueryParams	(*pqlib.PQsendQueryParams)
#define PQputCopyData		(*pqlib.PQputCopyData)
#define PQnfields		(*pqlib.PQnfields)
#define PQisBusy		(*pqlib.PQisBusy)
#define PQgetlength		(*pqlib.PQgetlength)
#define PQgetisnull		(*pqlib.PQgetisnull)
#define PQgetCancel		(*pqlib.PQgetCancel)
#define PQfreemem		(*pqlib.PQfreemem)
#define PQfreeCancel		(*pqlib.PQfreeCancel)
#define PQfname			(*pqlib.PQfname)
#define PQconsumeInput		(*pqlib.PQconsumeInput)
#define PQcancel		(*pqlib.PQcancel)
#endif

#endif
