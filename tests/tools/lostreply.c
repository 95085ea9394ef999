/*
 * lostreply.so: an LD_PRELOAD shim for the printer side that loses one
 * answer from the print system, the way a cupsd stopped or a link cut at
 * the wrong moment does: the request arrives whole and is acted on, and
 * its answer never comes back.
 *
 * While the file LOSTREPLY_ARM exists, the first answer (not an interim
 * "100 Continue") read on a connection whose request carried the text
 * LOSTREPLY_MARK is dropped and the read fails with ECONNRESET; the file
 * is removed (one answer lost per arming).
 */
#define _GNU_SOURCE
#include <sys/socket.h>
#include <sys/types.h>

#include <dlfcn.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define MAXFD 4096

static unsigned char marked[MAXFD];

static int
armed(void)
{
	const char *f = getenv("LOSTREPLY_ARM");

	return f && access(f, F_OK) == 0;
}

ssize_t
send(int fd, const void *p, size_t n, int flags)
{
	static __typeof__(send) *real;
	const char *mark = getenv("LOSTREPLY_MARK");

	if (real == NULL)
		real = (__typeof__(send) *)dlsym(RTLD_NEXT, "send");
	if (fd >= 0 && fd < MAXFD && mark && *mark && armed() &&
	    memmem(p, n, mark, strlen(mark)))
		marked[fd] = 1;
	return real(fd, p, n, flags);
}

ssize_t
recv(int fd, void *p, size_t n, int flags)
{
	static __typeof__(recv) *real;

	if (real == NULL)
		real = (__typeof__(recv) *)dlsym(RTLD_NEXT, "recv");
	if (fd >= 0 && fd < MAXFD && marked[fd] && armed()) {
		ssize_t r = real(fd, p, n, flags);

		/* an interim "100 Continue" passes; the answer itself is
		 * taken off the line and dropped */
		if (r <= 0 || (r >= 12 && !memcmp((char *)p + 8, " 100", 4)))
			return r;
		marked[fd] = 0;
		unlink(getenv("LOSTREPLY_ARM"));
		usleep(100000);
		while (real(fd, p, n, MSG_DONTWAIT) > 0)
			;
		errno = ECONNRESET;
		return -1;
	}
	return real(fd, p, n, flags);
}

int
close(int fd)
{
	static __typeof__(close) *real;

	if (real == NULL)
		real = (__typeof__(close) *)dlsym(RTLD_NEXT, "close");
	if (fd >= 0 && fd < MAXFD)
		marked[fd] = 0;
	return real(fd);
}
