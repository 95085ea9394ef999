/* Serial scanners (CDC-ACM or RS-232): a tty in raw mode at a set rate,
 * reopened after the device disappears and comes back. */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "../common/clock.h"
#include "scanner.h"

struct serial {
	char		path[128];
	speed_t		speed;
	int		baud;
	int		fd;
	uint64_t	next_try;
};

static const struct { int baud; speed_t speed; } rates[] = {
	{ 1200, B1200 }, { 2400, B2400 }, { 4800, B4800 }, { 9600, B9600 },
	{ 19200, B19200 }, { 38400, B38400 }, { 57600, B57600 },
	{ 115200, B115200 },
};

static int
serial_check(const char *arg, char *cause, size_t clen)
{
	const char *at = strchr(arg, '@');
	size_t n = at ? (size_t)(at - arg) : strlen(arg);
	char *end;
	long baud = 9600;

	if (n == 0 || n >= 128 || arg[0] != '/') {
		snprintf(cause, clen, "serial source needs a device path:"
		    " serial:/dev/ttyACM0[@9600]");
		return -1;
	}
	if (at) {
		baud = strtol(at + 1, &end, 10);
		if (*end != '\0' || end == at + 1)
			baud = -1;
	}
	for (size_t i = 0; i < sizeof(rates) / sizeof(rates[0]); i++)
		if (rates[i].baud == baud)
			return 0;
	snprintf(cause, clen, "serial source: '%s' is no baud rate: use 1200,"
	    " 2400, 4800, 9600, 19200, 38400, 57600 or 115200", at ? at + 1 :
	    "");
	return -1;
}

static int
serial_parse(struct scan_source *s, const char *arg, char *cause, size_t clen)
{
	struct serial *p;
	const char *at = strchr(arg, '@');
	size_t n = at ? (size_t)(at - arg) : strlen(arg);
	int baud = 9600;

	if (n == 0 || n >= sizeof(p->path) || arg[0] != '/') {
		snprintf(cause, clen, "serial source needs a device path:"
		    " serial:/dev/ttyACM0[@9600]");
		return -1;
	}
	if (at) {
		char *end;

		baud = (int)strtol(at + 1, &end, 10);
		if (*end != '\0')
			baud = -1;
	}
	for (size_t i = 0; i < sizeof(rates) / sizeof(rates[0]); i++)
		if (rates[i].baud == baud) {
			/* freed by the source's owner with the source */
			if ((p = calloc(1, sizeof(*p))) == NULL) {
				snprintf(cause, clen, "out of memory");
				return -1;
			}
			memcpy(p->path, arg, n);
			p->path[n] = '\0';
			p->baud = baud;
			p->speed = rates[i].speed;
			p->fd = -1;
			s->priv = p;
			return 0;
		}
	snprintf(cause, clen, "serial rate '%s' is not one of 1200, 2400, 4800,"
	    " 9600, 19200, 38400, 57600, 115200", at ? at + 1 : "");
	return -1;
}

static int
serial_open(struct scan_source *s)
{
	struct serial *p = s->priv;
	struct termios t;

	p->next_try = clock_mono_ms() + 1000;
	if ((p->fd = open(p->path, O_RDWR | O_NOCTTY | O_NONBLOCK |
	    O_CLOEXEC)) == -1) {
		snprintf(s->error, sizeof(s->error), "%s: %s", p->path,
		    strerror(errno));
		return -1;
	}
	if (tcgetattr(p->fd, &t) == -1) {
		snprintf(s->error, sizeof(s->error), "%s is not a serial port:"
		    " %s", p->path, strerror(errno));
		close(p->fd);
		p->fd = -1;
		s->state = SRC_ERROR;
		return -1;
	}
	cfmakeraw(&t);
	cfsetispeed(&t, p->speed);
	cfsetospeed(&t, p->speed);
	t.c_cflag |= CLOCAL | CREAD;
	t.c_cc[VMIN] = 1;
	t.c_cc[VTIME] = 0;
	tcsetattr(p->fd, TCSANOW, &t);
	tcflush(p->fd, TCIFLUSH);
	s->state = SRC_CONNECTED;
	s->error[0] = '\0';
	s->watch(s->owner, s, p->fd, POLLIN);
	return 0;
}

static void
serial_close(struct scan_source *s)
{
	struct serial *p = s->priv;

	if (p->fd != -1) {
		s->unwatch(s->owner, s, p->fd);
		close(p->fd);
		p->fd = -1;
	}
}

static void
serial_io(struct scan_source *s, int fd, short revents)
{
	int err;

	(void)revents;
	if (scan_source_read(s, fd) == 0)
		return;
	err = errno;
	/* unplugged (EIO, or the other end hung up): try again later */
	serial_close(s);
	scan_source_lost(s, err ? strerror(err) : "device closed");
}

static void
serial_tick(struct scan_source *s)
{
	struct serial *p = s->priv;

	if (p->fd == -1 && s->state != SRC_ERROR &&
	    clock_mono_ms() >= p->next_try)
		serial_open(s);
}

const struct scan_driver scan_driver_serial = {
	.prefix = "serial",
	.name = "serial port (CDC-ACM, RS-232)",
	.check = serial_check,
	.parse = serial_parse,
	.open = serial_open,
	.close = serial_close,
	.io = serial_io,
	.tick = serial_tick,
};

void
scan_list_serial(void (*fn)(void *, const char *), void *arg)
{
	static const char *const pats[] = { "/dev/ttyACM", "/dev/ttyUSB" };
	char path[64], line[128];

	for (size_t k = 0; k < sizeof(pats) / sizeof(pats[0]); k++)
		for (int i = 0; i < 32; i++) {
			snprintf(path, sizeof(path), "%s%d", pats[k], i);
			if (access(path, F_OK) != 0)
				continue;
			snprintf(line, sizeof(line), "serial:%s@9600  %s", path,
			    k == 0 ? "USB CDC-ACM" : "USB serial adapter");
			fn(arg, line);
		}
}
