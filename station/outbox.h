/*
 * The label outbox: labels wait in the database until the print system has
 * confirmed them. queued -> submitting -> submitted (job id) -> printed, or
 * failed with the reason. A label marked submitting when the daemon or the
 * printer side died is looked up by its job title before it is sent again,
 * so it prints once. Drawing and CUPS are the printer side's (printd.h);
 * this side never waits for them.
 */
#ifndef ST_OUTBOX_H
#define ST_OUTBOX_H

#include <stdint.h>
#include <sys/types.h>

struct buf;
struct msg;
struct outbox;
struct station;

/* An answer from the printer side; m is NULL when none came (it died, or
 * the time ran out). */
typedef void (*outbox_cb)(struct outbox *, const struct msg *m, void *arg);

/* Starts the printer side and the pump. */
struct outbox *outbox_new(struct station *);
/* Stops the printer side; callers waiting hear that nothing came. */
void	outbox_free(struct outbox *);
/* Schedules a pass now (a label was queued, or the config changed). */
void	outbox_kick(struct outbox *);
/* The configuration changed: a new printer side reads it. */
void	outbox_reconfigure(struct outbox *);
/* A child exited (SIGCHLD): the printer side is started again if it was. */
void	outbox_reaped(struct outbox *, pid_t pid, int status);
/*
 * Asks the printer side (enum printd_req type with fields built by
 * msg_put*()); cb runs with the answer, or with NULL after timeout_ms.
 * Returns 0, or -1 when the printer side is not there right now.
 */
int	outbox_call(struct outbox *, uint32_t type, const struct buf *fields,
	    uint64_t timeout_ms, outbox_cb cb, void *arg);
/* Asks how the label queue is; done(arg) runs when the answer (or a
 * short time-out) came. -1 (done not called) when there is nothing to ask. */
int	outbox_refresh(struct outbox *, void (*done)(void *), void *arg);
/* Appends the printer and outbox lines of `stationctl status`. */
void	outbox_status(struct outbox *, struct buf *);

#endif
