/*
 * The serial scan source over a pseudo-terminal: framing, split reads,
 * overlong lines, the device going away and coming back.
 */
#define _GNU_SOURCE
#include <poll.h>
#include <pty.h>
#include <unistd.h>

#include "../t.h"
#include "../../drivers/scanner.h"

static char dir[] = "/tmp/station-test-serial-XXXXXX";
static char link_path[256];

struct rig {
	struct scan_source	 s;
	int			 fd;		/* watched by the source */
	char			 scans[16][64];
	int			 over[16];
	int			 n;
};

static void
deliver(void *o, struct scan_source *s, const char *t, size_t len, int over)
{
	struct rig *r = o;

	(void)s;
	if (r->n < 16) {
		snprintf(r->scans[r->n], sizeof(r->scans[0]), "%.*s",
		    (int)(len > 63 ? 63 : len), t);
		r->over[r->n] = over;
		r->n++;
	}
}

static void
watch(void *o, struct scan_source *s, int fd, short ev)
{
	(void)s;
	(void)ev;
	((struct rig *)o)->fd = fd;
}

static void
unwatch(void *o, struct scan_source *s, int fd)
{
	(void)s;
	(void)fd;
	((struct rig *)o)->fd = -1;
}

/* Runs the source until want scans arrived or it lost the device. */
static void
pump(struct rig *r, int want, int ms)
{
	for (int t = 0; t < ms / 10 && r->n < want; t++) {
		struct pollfd p = { r->fd, POLLIN, 0 };

		if (r->fd == -1)
			break;
		if (poll(&p, 1, 10) > 0)
			r->s.drv->io(&r->s, r->fd, p.revents);
	}
}

/* A new pty behind the stable path the source was configured with. */
static int
plug(int *master)
{
	char name[128];
	int slave;

	if (openpty(master, &slave, name, NULL, NULL) == -1)
		return -1;
	close(slave);
	unlink(link_path);
	return symlink(name, link_path);
}

static void
test_serial(void)
{
	static struct rig r;
	char spec[300], cause[256], big[5000];
	int m;

	memset(&r, 0, sizeof(r));
	r.fd = -1;
	r.s.deliver = deliver;
	r.s.watch = watch;
	r.s.unwatch = unwatch;
	r.s.owner = &r;
	CHECK(plug(&m) == 0);
	snprintf(spec, sizeof(spec), "serial:%s@115200", link_path);
	CHECK(scan_source_parse(&r.s, "serial:/dev/ttyACM0@1234", cause,
	    sizeof(cause)) == -1);
	CHECK_CONTAINS(cause, "1234");
	CHECK(scan_source_parse(&r.s, spec, cause, sizeof(cause)) == 0);
	CHECK(r.s.drv->open(&r.s) == 0);
	CHECK(r.s.state == SRC_CONNECTED && r.fd != -1);
	/* a scan in pieces, CRLF, then two in one write */
	CHECK(write(m, "SF12345", 7) == 7);
	pump(&r, 1, 100);
	CHECK(r.n == 0);
	CHECK(write(m, "67890123\r\n", 10) == 10);
	CHECK(write(m, "%KIND:REPAIR\r%QTY:2\n", 20) == 20);
	pump(&r, 3, 2000);
	CHECK(r.n == 3);
	CHECK_STR(r.scans[0], "SF1234567890123");
	CHECK_STR(r.scans[1], "%KIND:REPAIR");
	CHECK_STR(r.scans[2], "%QTY:2");
	/* an overlong line is one scan, marked, not a flood of them */
	memset(big, 'A', sizeof(big));
	for (size_t off = 0; off < sizeof(big); off += 1000)
		CHECK(write(m, big + off, 1000) == 1000);
	CHECK(write(m, "\nJDVA12345678901\n", 17) == 17);
	pump(&r, 5, 2000);
	CHECK(r.n == 5);
	CHECK(r.over[3] == 1);
	CHECK_STR(r.scans[4], "JDVA12345678901");
	/* unplugged mid-scan: the partial scan is dropped */
	CHECK(write(m, "SF999", 5) == 5);
	pump(&r, 6, 200);
	close(m);
	pump(&r, 6, 500);
	CHECK(r.fd == -1);
	CHECK(r.s.state == SRC_WAITING);
	/* back: the source reopens on its own within a second or so */
	CHECK(plug(&m) == 0);
	for (int t = 0; t < 30 && r.s.state != SRC_CONNECTED; t++) {
		usleep(100000);
		r.s.drv->tick(&r.s);
	}
	CHECK(r.s.state == SRC_CONNECTED);
	CHECK(write(m, "YT1234567890123\n", 16) == 16);
	pump(&r, 6, 2000);
	CHECK(r.n == 6);
	CHECK_STR(r.scans[5], "YT1234567890123");
	r.s.drv->close(&r.s);
	close(m);
	free(r.s.priv);
}

static void
test_bad_specs(void)
{
	struct scan_source s;
	char cause[256];

	memset(&s, 0, sizeof(s));
	CHECK(scan_source_parse(&s, "parallel:/dev/lp0", cause,
	    sizeof(cause)) == -1);
	CHECK_CONTAINS(cause, "unknown scanner source");
	CHECK(scan_source_parse(&s, "serial:ttyACM0", cause, sizeof(cause)) == -1);
	CHECK(scan_source_parse(&s, "evdev:/tmp/x", cause, sizeof(cause)) == -1);
	CHECK(scan_source_parse(&s, "usb:0c2e", cause, sizeof(cause)) == -1);
	CHECK(scan_source_parse(&s, "usb:0c2e:0b61x", cause, sizeof(cause)) == -1);
	CHECK(scan_source_parse(&s, "stdin:x", cause, sizeof(cause)) == -1);
}

int
main(void)
{
	if (mkdtemp(dir) == NULL)
		return 1;
	snprintf(link_path, sizeof(link_path), "%s/ttySCAN", dir);
	RUN(test_serial);
	RUN(test_bad_specs);
	return t_finish(dir);
}
