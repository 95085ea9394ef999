/*
 * The audit log's anchor: its head (how many events, the last one's hash)
 * kept outside the database, in a file beside it. The hash chain shows an
 * edited or removed row; the anchor shows rows cut off the end, which a
 * chain alone cannot (a shorter chain is still a chain).
 */
#ifndef ST_ANCHOR_H
#define ST_ANCHOR_H

#include <stddef.h>
#include <stdint.h>

struct db;

/* path for the anchor of the database at dbpath (dbpath + ".anchor"). */
void	anchor_path(const char *dbpath, char *path, size_t len);
/* Writes count and hash to path durably (a new file renamed over the old).
 * Returns 0, or -1 with cause. */
int	anchor_write(const char *path, int64_t count, const char *hash,
	    char *cause, size_t clen);
/* Reads the anchor: 1 read, 0 there is none yet, -1 with cause when it
 * cannot be read or makes no sense. */
int	anchor_read(const char *path, int64_t *count, char hash[65],
	    char *cause, size_t clen);
/*
 * Compares the log in db against the anchor at path: 0 it holds (or there
 * is none), 1 rows were cut off or changed (cause says how), -1 error.
 */
int	anchor_check(struct db *, const char *path, int64_t rows, char *cause,
	    size_t clen);
/*
 * The same against an anchor already read (rc as anchor_read gave it).
 * A reader that walks the log on a connection of its own reads the anchor
 * first: the anchor is written after its events are committed, so one read
 * before the walk is never ahead of what the walk sees.
 */
int	anchor_compare(struct db *, int rc, int64_t count, const char *hash,
	    const char *why, int64_t rows, char *cause, size_t clen);

#endif
