/*
 * The station's timed work: the reports written at [reports] daily_at and
 * the backup taken at [backup] at, each caught up at the next start when
 * the PC was off; a failed run is an alert in status.
 */
#ifndef ST_SCHEDULE_H
#define ST_SCHEDULE_H

struct buf;
struct station;

/* Arms the timer (nothing when neither directory is configured). */
void	schedule_start(struct station *);
/* The last runs, and an ALERT line for a failed one. */
void	schedule_status(struct station *, struct buf *);

#endif
