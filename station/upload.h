/*
 * Upload to the central PostgreSQL ([sync] url): a thread of its own, with
 * its own database connection, sends the audit log in order, in batches,
 * each applied centrally in one transaction (rs.stage, rs.apply; while the
 * desk is quiet, the next batches are staged on more connections as one
 * applies), and marks events sent only after that commit. A dead server, a slow network or a
 * full central disk stop only this thread; scans are acknowledged as ever.
 */
#ifndef ST_UPLOAD_H
#define ST_UPLOAD_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

struct db;
struct st_config;
struct uplink;

/* What the thread last saw, for stationctl sync status. */
struct upload_status {
	int	 connected;
	int64_t	 central;	/* the central high-water mark; -1 unknown */
	int64_t	 uploaded;	/* events sent since stationd started */
	time_t	 last_ok;	/* the last batch applied; 0 none */
	time_t	 last_try;
	time_t	 error_at;	/* 0: the last try worked */
	char	 error[400];	/* the last error, in words */
	int64_t	 pulled;	/* the last central change applied here */
	int64_t	 pull_head;	/* the last there is; -1 unknown */
	int64_t	 pulled_rows;	/* taken since stationd started */
	time_t	 last_pull;
	int64_t	 baseline;	/* records from before events carried
				   them, still to put in events */
};

/* Starts the thread; NULL with cause on error. */
struct uplink *upload_start(const struct st_config *, char *cause,
	    size_t clen);
void	upload_stop(struct uplink *);
/* Central changes pulled by the thread are applied on db by loop l;
 * taken(arg) runs after some were taken. */
struct loop;
void	upload_attach(struct uplink *, struct loop *l, struct db *db,
	    void (*taken)(void *), void *arg);
void	upload_status(struct uplink *, struct upload_status *);
/* The events after seq after, at most limit and about max_bytes, as
 * rs.inbox's COPY text (what an upload sends); the number, *last the last
 * one's seq; -1 on error. */
struct buf;
int	upload_copy_text(struct db *, int64_t after, int limit,
	    size_t max_bytes, struct buf *out, int64_t *last);
/* The last event the central database was known to hold and when (UTC);
 * 0 and "" before the first upload. 0, or -1 if the note is unreadable. */
int	upload_mark_read(const char *database, int64_t *seq, char at[32]);

#endif
