/*
 * The label outbox: labels wait in the database until the print system has
 * confirmed them. queued -> submitting -> submitted (job id) -> printed, or
 * failed with the reason. A label marked submitting when the daemon died is
 * looked up by its job title before it is sent again, so it prints once.
 */
#ifndef ST_OUTBOX_H
#define ST_OUTBOX_H

struct buf;
struct station;

struct outbox *outbox_new(struct station *);
void	outbox_free(struct outbox *);
/* Schedules a pass now (a label was queued, or the config changed). */
void	outbox_kick(struct outbox *);
/* The print server changed (config reload): reconnect on the next pass. */
void	outbox_reconfigure(struct outbox *);
/* Lists the print system's queues (stationctl printer list). */
int	outbox_destinations(struct outbox *, struct buf *out, struct buf *err);
/* Appends the printer and outbox lines of `stationctl status`. */
void	outbox_status(struct outbox *, struct buf *);

#endif
