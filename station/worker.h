/*
 * Worker threads for the slow reads: listings, audit verification, the
 * time-rule sweep, photo decoding. Each thread has its own read-only SQLite
 * connection (WAL lets it read beside the writer), so nothing it does holds
 * up the loop that acknowledges scans. A job runs in a worker, then its
 * done() runs back on the loop.
 */
#ifndef ST_WORKER_H
#define ST_WORKER_H

#include <stddef.h>

struct db;
struct loop;

struct worker_job {
	/* In a worker thread, with that thread's read-only connection. */
	void	(*run)(struct worker_job *, struct db *ro);
	/* Back on the loop; owns and frees the job. */
	void	(*done)(struct worker_job *);
	int	cancelled;	/* done() without run(): the station is stopping */
	struct worker_job *next;	/* private */
};

/* Starts n threads on the database at path, at idle priority if idle.
 * NULL with cause on failure. */
struct workers *workers_start(struct loop *, const char *path, int n,
	    int idle, char *cause, size_t clen);
/* Queues job; the caller keeps it alive until done() runs. */
void	workers_submit(struct workers *, struct worker_job *);
/* Jobs queued or running. */
int	workers_busy(const struct workers *);
/* Lets running jobs finish, cancels queued ones (done() runs for every
 * job, with cancelled set for those that never ran), stops the threads. */
void	workers_stop(struct workers *);

#endif
