/*
 * A connection to the central PostgreSQL ([sync] url) for the station's
 * readers: the reports ([reports] source = central) and the review list.
 * The upload keeps a connection of its own (upload.c).
 */
#ifndef ST_CENTRAL_H
#define ST_CENTRAL_H

#include <stddef.h>

#include "pqlib.h"

/*
 * Connects as app (the name the server shows), with the schema rs first
 * on the search path, times in UTC and no statement running longer than
 * five minutes; NULL with why (one line) when the server cannot be
 * reached.
 */
PGconn	*central_open(const char *url, const char *app, char *why,
	    size_t len);
/* The server's message about r (or the connection) as one line. */
void	 central_why(PGconn *, PGresult *r, const char *what, char *why,
	    size_t len);

#endif
