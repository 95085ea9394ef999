/* Keyboard-wedge scanners read straight from their input device with
 * libevdev, grabbed so that keystrokes do not also reach the desktop. */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libevdev/libevdev.h>

#include "../common/clock.h"
#include "scanner.h"

struct evdev {
	char		 path[128];
	int		 fd;
	struct libevdev	*dev;
	uint64_t	 next_try;
};

static int
evdev_check(const char *arg, char *cause, size_t clen)
{
	if (strncmp(arg, "/dev/input/", 11) != 0 || strlen(arg) >= 128 ||
	    arg[11] == '\0') {
		snprintf(cause, clen, "evdev source needs an input device:"
		    " evdev:/dev/input/eventN (see stationd --list-scanners)");
		return -1;
	}
	return 0;
}

static int
evdev_parse(struct scan_source *s, const char *arg, char *cause, size_t clen)
{
	struct evdev *p;

	if ((p = calloc(1, sizeof(*p))) == NULL) {
		snprintf(cause, clen, "out of memory");
		return -1;
	}
	snprintf(p->path, sizeof(p->path), "%s", arg);
	p->fd = -1;
	s->priv = p;
	return 0;
}

static void
evdev_close(struct scan_source *s)
{
	struct evdev *p = s->priv;

	if (p->dev) {
		libevdev_grab(p->dev, LIBEVDEV_UNGRAB);
		libevdev_free(p->dev);
		p->dev = NULL;
	}
	if (p->fd != -1) {
		s->unwatch(s->owner, s, p->fd);
		close(p->fd);
		p->fd = -1;
	}
}

static int
evdev_open(struct scan_source *s)
{
	struct evdev *p = s->priv;
	int rc;

	p->next_try = clock_mono_ms() + 1000;
	if ((p->fd = open(p->path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)) == -1) {
		snprintf(s->error, sizeof(s->error), "%s: %s", p->path,
		    strerror(errno));
		return -1;
	}
	if ((rc = libevdev_new_from_fd(p->fd, &p->dev)) < 0) {
		snprintf(s->error, sizeof(s->error), "%s: not an input device:"
		    " %s", p->path, strerror(-rc));
		close(p->fd);
		p->fd = -1;
		return -1;
	}
	if (!libevdev_has_event_type(p->dev, EV_KEY)) {
		snprintf(s->error, sizeof(s->error), "%s (%s) has no keys",
		    p->path, libevdev_get_name(p->dev));
		libevdev_free(p->dev);
		p->dev = NULL;
		close(p->fd);
		p->fd = -1;
		s->state = SRC_ERROR;
		return -1;
	}
	/* the scanner's keystrokes are the station's alone */
	if ((rc = libevdev_grab(p->dev, LIBEVDEV_GRAB)) < 0)
		snprintf(s->error, sizeof(s->error), "could not grab %s: %s;"
		    " its keys also reach the desktop", p->path, strerror(-rc));
	else
		s->error[0] = '\0';
	s->state = SRC_CONNECTED;
	s->watch(s->owner, s, p->fd, POLLIN);
	return 0;
}

static void
evdev_io(struct scan_source *s, int fd, short revents)
{
	struct evdev *p = s->priv;
	struct input_event ev;
	char text[256];
	size_t n = 0;
	int rc;

	(void)fd;
	(void)revents;
	for (;;) {
		rc = libevdev_next_event(p->dev, LIBEVDEV_READ_FLAG_NORMAL, &ev);
		if (rc == LIBEVDEV_READ_STATUS_SYNC) {
			/* events were dropped: what was half typed is lost */
			while (libevdev_next_event(p->dev,
			    LIBEVDEV_READ_FLAG_SYNC, &ev) ==
			    LIBEVDEV_READ_STATUS_SYNC)
				;
			linebuf_reset(&s->lb);
			continue;
		}
		if (rc != LIBEVDEV_READ_STATUS_SUCCESS)
			break;
		char c = hid_evdev_event(&s->kbd, ev.type, ev.code, ev.value);

		if (c && n < sizeof(text))
			text[n++] = c;
	}
	if (n)
		scan_source_bytes(s, text, n);
	if (rc != -EAGAIN) {
		evdev_close(s);
		scan_source_lost(s, rc == -ENODEV ? "unplugged" :
		    strerror(-rc));
	}
}

static void
evdev_tick(struct scan_source *s)
{
	struct evdev *p = s->priv;

	if (p->fd == -1 && s->state != SRC_ERROR &&
	    clock_mono_ms() >= p->next_try)
		evdev_open(s);
}

const struct scan_driver scan_driver_evdev = {
	.prefix = "evdev",
	.name = "input device (keyboard-mode scanner)",
	.check = evdev_check,
	.parse = evdev_parse,
	.open = evdev_open,
	.close = evdev_close,
	.io = evdev_io,
	.tick = evdev_tick,
};

void
scan_list_evdev(void (*fn)(void *, const char *), void *arg)
{
	char path[64], line[256];

	for (int i = 0; i < 64; i++) {
		struct libevdev *d;
		int fd;

		snprintf(path, sizeof(path), "/dev/input/event%d", i);
		if ((fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)) == -1)
			continue;
		if (libevdev_new_from_fd(fd, &d) == 0) {
			/* things that type: a scanner in keyboard mode, or a
			 * keyboard (never grabbed unless chosen) */
			if (libevdev_has_event_code(d, EV_KEY, KEY_A) &&
			    libevdev_has_event_code(d, EV_KEY, KEY_ENTER)) {
				snprintf(line, sizeof(line), "evdev:%s  %04x:%04x"
				    "  %s", path, libevdev_get_id_vendor(d),
				    libevdev_get_id_product(d),
				    libevdev_get_name(d));
				fn(arg, line);
			}
			libevdev_free(d);
		}
		close(fd);
	}
}
