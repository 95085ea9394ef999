/* Tells systemd about the daemon's state ("READY=1", "STOPPING=1", ...).
 * Returns 1 if sent, 0 when not started by systemd, -1 on error. */
#ifndef ST_NOTIFY_H
#define ST_NOTIFY_H

int	st_notify(const char *state);

#endif
