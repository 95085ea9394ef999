/* Scan source plumbing shared by the drivers (see scanner.h). */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "../common/clock.h"
#include "scanner.h"

extern const struct scan_driver scan_driver_usb;
extern const struct scan_driver scan_driver_serial;
extern const struct scan_driver scan_driver_evdev;
extern const struct scan_driver scan_driver_stdin;

const struct scan_driver *const scan_drivers[] = {
	&scan_driver_usb,
	&scan_driver_serial,
	&scan_driver_evdev,
	&scan_driver_stdin,
	NULL
};

static const struct scan_driver *
driver_of(const char *spec, const char **arg)
{
	for (size_t i = 0; scan_drivers[i]; i++) {
		const struct scan_driver *d = scan_drivers[i];
		size_t n = strlen(d->prefix);

		if (strncmp(spec, d->prefix, n) != 0 ||
		    (spec[n] != ':' && spec[n] != '\0'))
			continue;
		*arg = spec[n] == ':' ? spec + n + 1 : "";
		return d;
	}
	return NULL;
}

int
scan_source_check(const char *spec, char *cause, size_t clen)
{
	const struct scan_driver *d;
	const char *arg;

	if ((d = driver_of(spec, &arg)) == NULL) {
		snprintf(cause, clen, "unknown scanner source '%s': use"
		    " usb:VVVV:PPPP, serial:/dev/ttyACM0[@9600],"
		    " evdev:/dev/input/eventN or stdin", spec);
		return -1;
	}
	return d->check(arg, cause, clen);
}

int
scan_source_parse(struct scan_source *s, const char *spec, char *cause,
    size_t clen)
{
	for (int i = 0; scan_drivers[i]; i++) {
		const struct scan_driver *d = scan_drivers[i];
		size_t n = strlen(d->prefix);

		if (strncmp(spec, d->prefix, n) != 0 ||
		    (spec[n] != ':' && spec[n] != '\0'))
			continue;
		s->drv = d;
		snprintf(s->spec, sizeof(s->spec), "%s", spec);
		s->state = SRC_WAITING;
		linebuf_init(&s->lb);
		hid_kbd_init(&s->kbd);
		if (d->check(spec[n] == ':' ? spec + n + 1 : "", cause,
		    clen) == -1)
			return -1;
		return d->parse(s, spec[n] == ':' ? spec + n + 1 : "", cause,
		    clen);
	}
	snprintf(cause, clen, "unknown scanner source '%s': use usb:VVVV:PPPP,"
	    " serial:/dev/ttyACM0[@9600], evdev:/dev/input/eventN or stdin",
	    spec);
	return -1;
}

static void
framed(void *arg, const char *line, size_t len, int overflow)
{
	struct scan_source *s = arg;

	s->scans++;
	s->deliver(s->owner, s, line, overflow ? LINEBUF_MAX + 1 : len,
	    overflow);
}

void
scan_source_bytes(struct scan_source *s, const char *p, size_t n)
{
	s->last_byte_ms = clock_mono_ms();
	if (!s->tab_ends) {
		linebuf_feed(&s->lb, p, n, framed, s);
		return;
	}
	/* a scanner set to end scans with Tab */
	for (size_t i = 0; i < n; i++)
		linebuf_feed(&s->lb, p[i] == '\t' ? "\n" : p + i, 1, framed, s);
}

int
scan_source_read(struct scan_source *s, int fd)
{
	char buf[1024];
	ssize_t n = read(fd, buf, sizeof(buf));

	if (n > 0) {
		scan_source_bytes(s, buf, (size_t)n);
		return 0;
	}
	if (n == -1 && (errno == EAGAIN || errno == EINTR))
		return 0;
	if (n == 0)
		errno = 0;
	return -1;
}

void
scan_source_lost(struct scan_source *s, const char *why)
{
	linebuf_reset(&s->lb);
	hid_kbd_init(&s->kbd);
	s->state = SRC_WAITING;
	snprintf(s->error, sizeof(s->error), "%s", why);
}

const char *
scan_source_state(const struct scan_source *s)
{
	static const char *const names[] = { "waiting", "connected", "error" };

	return names[s->state];
}
