/* The station's clocks (see clock.h). */
#define _GNU_SOURCE
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "clock.h"

/* Seconds added to the wall clock: tests move time forward with it. */
static long clock_offset;

uint64_t
clock_mono_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

void
clock_set_offset(long seconds)
{
	clock_offset = seconds;
}

time_t
clock_wall(void)
{
	return time(NULL) + clock_offset;
}

void
clock_now_iso(char *out, size_t len)
{
	struct timespec ts;
	struct tm tm;
	char s[32];

	clock_gettime(CLOCK_REALTIME, &ts);
	ts.tv_sec += clock_offset;
	gmtime_r(&ts.tv_sec, &tm);
	strftime(s, sizeof(s), "%Y-%m-%dT%H:%M:%S", &tm);
	snprintf(out, len, "%s.%03ldZ", s, ts.tv_nsec / 1000000);
}

void
clock_iso(time_t t, char *out, size_t len)
{
	struct tm tm;

	gmtime_r(&t, &tm);
	strftime(out, len, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

time_t
clock_parse_iso(const char *s)
{
	struct tm tm;

	memset(&tm, 0, sizeof(tm));
	if (s == NULL || strptime(s, "%Y-%m-%dT%H:%M:%S", &tm) == NULL)
		return -1;
	return timegm(&tm);
}

void
clock_local(const char *stored, int iso, char *out, size_t len)
{
	time_t t = clock_parse_iso(stored);
	struct tm tm;
	char z[8];
	size_t n;

	if (t == -1 || localtime_r(&t, &tm) == NULL) {
		snprintf(out, len, "%s", stored ? stored : "");
		return;
	}
	n = strftime(out, len, iso ? "%Y-%m-%dT%H:%M:%S" : "%Y-%m-%d %H:%M:%S",
	    &tm);
	strftime(z, sizeof(z), "%z", &tm);
	if (iso)	/* ISO 8601 writes the offset as +08:00 */
		snprintf(out + n, len - n, "%.3s:%.2s", z, z + 3);
	else
		snprintf(out + n, len - n, " %s", z);
}
