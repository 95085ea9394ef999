/*
 * The station's clocks. Timers and timeouts use the monotonic clock; what is
 * recorded uses the wall clock, stored as UTC ISO 8601 and shown in local
 * time. Tests may move the wall clock (clock_set_offset) to try time rules.
 */
#ifndef ST_CLOCK_H
#define ST_CLOCK_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

/* Monotonic milliseconds, for timers and deadlines. */
uint64_t clock_mono_ms(void);
/* The station's wall clock in seconds (time(NULL) plus the test offset). */
time_t	clock_wall(void);
/* Writes the wall clock as stored: "YYYY-MM-DDTHH:MM:SS.mmmZ" (UTC). */
void	clock_now_iso(char *out, size_t len);
/* Writes t as stored, without milliseconds. */
void	clock_iso(time_t t, char *out, size_t len);
/* Moves the station's wall clock by seconds (tests of the time rules). */
void	clock_set_offset(long seconds);
/*
 * Writes a stored UTC timestamp in the station's local time with its
 * offset: "2026-11-24 21:36:22 +0800", or for JSON (iso != 0)
 * "2026-11-24T21:36:22+08:00". Text that is no timestamp is copied.
 */
void	clock_local(const char *stored, int iso, char *out, size_t len);
/* Parses a stored UTC timestamp; -1 if it is not one. */
time_t	clock_parse_iso(const char *);

#endif
