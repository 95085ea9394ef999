/*
 * faultfs.so: an LD_PRELOAD shim that makes storage fail on purpose, for
 * tests of what the station does when its disk is full or failing.
 *
 * Only descriptors of files whose path starts with FAULT_PATH count. While
 * the file FAULT_ARM exists, every open for writing, write, pwrite, writev,
 * fsync, fdatasync and ftruncate on them is numbered. FAULT_ARM holds
 * "GENERATION AT MODE ERRNO": the AT'th call fails with ERRNO (EIO or
 * ENOSPC), and with MODE "from" every one after it too (a disk that stays
 * full); a new generation numbers from 1 again, so one daemon can meet
 * many faults. The number reached is kept in the file FAULT_COUNT, so a run
 * with AT 0 tells how many calls a piece of work makes.
 */
#define _GNU_SOURCE
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/uio.h>

#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define MAXFD 4096

typedef int open_fn(const char *, int, ...);
typedef ssize_t write_fn(int, const void *, size_t);
typedef ssize_t read_fn(int, void *, size_t);
typedef int close_fn(int);

static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static const char *fpath, *farm, *fcount;
static unsigned char tracked[MAXFD];
static long gen = -1, counter;

static void
init(void)
{
	static int ready;

	if (ready)
		return;
	fpath = getenv("FAULT_PATH");
	farm = getenv("FAULT_ARM");
	fcount = getenv("FAULT_COUNT");
	ready = 1;
}

/* the arm file's "GEN AT MODE ERRNO", read with libc's own calls */
static int
read_arm(long *g, long *at, int *from, int *err)
{
	open_fn *o = (open_fn *)dlsym(RTLD_NEXT, "open");
	read_fn *r = (read_fn *)dlsym(RTLD_NEXT, "read");
	close_fn *c = (close_fn *)dlsym(RTLD_NEXT, "close");
	char b[128], mode[16] = "", e[16] = "";
	ssize_t n;
	int fd;

	if (farm == NULL || (fd = o(farm, O_RDONLY | O_CLOEXEC)) == -1)
		return 0;
	n = r(fd, b, sizeof(b) - 1);
	c(fd);
	if (n <= 0)
		return 0;
	b[n] = '\0';
	if (sscanf(b, "%ld %ld %15s %15s", g, at, mode, e) != 4)
		return 0;
	*from = !strcmp(mode, "from");
	*err = !strcmp(e, "ENOSPC") ? ENOSPC : EIO;
	return 1;
}

static void
note_count(long n)
{
	open_fn *o = (open_fn *)dlsym(RTLD_NEXT, "open");
	write_fn *w = (write_fn *)dlsym(RTLD_NEXT, "write");
	close_fn *c = (close_fn *)dlsym(RTLD_NEXT, "close");
	char b[32];
	int fd, len;

	if (fcount == NULL)
		return;
	len = snprintf(b, sizeof(b), "%ld\n", n);
	if ((fd = o(fcount, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC,
	    0644)) == -1)
		return;
	(void)w(fd, b, (size_t)len);
	c(fd);
}

/* Whether this call is to fail: numbers it while armed. */
static int
fault(void)
{
	long g, at, n;
	int from, err, fail;

	init();
	if (!read_arm(&g, &at, &from, &err))
		return 0;
	pthread_mutex_lock(&mu);
	if (g != gen) {
		gen = g;
		counter = 0;
	}
	n = ++counter;
	note_count(n);
	pthread_mutex_unlock(&mu);
	fail = at > 0 && (n == at || (from && n > at));
	if (fail)
		errno = err;
	return fail;
}

static int
is_tracked(int fd)
{
	return fd >= 0 && fd < MAXFD && tracked[fd];
}

static int
match(const char *path)
{
	init();
	return fpath && path && !strncmp(path, fpath, strlen(fpath));
}

static int
opened(int fd, const char *path)
{
	if (fd >= 0 && fd < MAXFD)
		tracked[fd] = (unsigned char)match(path);
	return fd;
}

/* the next definition of fn (libc's), looked up once */
#define REAL(fn) \
	static __typeof__(fn) *real; \
	if (real == NULL) \
		real = (__typeof__(fn) *)dlsym(RTLD_NEXT, #fn)

typedef int openat_fn(int, const char *, int, ...);

static int
do_open(const char *name, int at, int dirfd, const char *path, int flags,
    mode_t mode)
{
	if ((flags & (O_WRONLY | O_RDWR)) && match(path) && fault())
		return -1;
	if (!at) {
		open_fn *real = (open_fn *)dlsym(RTLD_NEXT, name);

		return opened(real(path, flags, mode), path);
	} else {
		openat_fn *real = (openat_fn *)dlsym(RTLD_NEXT, name);

		return opened(real(dirfd, path, flags, mode), path);
	}
}

static mode_t
mode_arg(int flags, va_list ap)
{
	return (flags & (O_CREAT | O_TMPFILE)) ? (mode_t)va_arg(ap, int) : 0;
}

int
open(const char *path, int flags, ...)
{
	va_list ap;
	mode_t m;

	va_start(ap, flags);
	m = mode_arg(flags, ap);
	va_end(ap);
	return do_open("open", 0, -1, path, flags, m);
}

int
open64(const char *path, int flags, ...)
{
	va_list ap;
	mode_t m;

	va_start(ap, flags);
	m = mode_arg(flags, ap);
	va_end(ap);
	return do_open("open64", 0, -1, path, flags, m);
}

int
openat(int dirfd, const char *path, int flags, ...)
{
	va_list ap;
	mode_t m;

	va_start(ap, flags);
	m = mode_arg(flags, ap);
	va_end(ap);
	return do_open("openat", 1, dirfd, path, flags, m);
}

int
openat64(int dirfd, const char *path, int flags, ...)
{
	va_list ap;
	mode_t m;

	va_start(ap, flags);
	m = mode_arg(flags, ap);
	va_end(ap);
	return do_open("openat64", 1, dirfd, path, flags, m);
}

int
close(int fd)
{
	REAL(close);
	if (fd >= 0 && fd < MAXFD)
		tracked[fd] = 0;
	return real(fd);
}

ssize_t
write(int fd, const void *p, size_t n)
{
	REAL(write);
	if (is_tracked(fd) && fault())
		return -1;
	return real(fd, p, n);
}

ssize_t
pwrite(int fd, const void *p, size_t n, off_t off)
{
	REAL(pwrite);
	if (is_tracked(fd) && fault())
		return -1;
	return real(fd, p, n, off);
}

ssize_t
pwrite64(int fd, const void *p, size_t n, off64_t off)
{
	REAL(pwrite64);
	if (is_tracked(fd) && fault())
		return -1;
	return real(fd, p, n, off);
}

ssize_t
writev(int fd, const struct iovec *v, int n)
{
	REAL(writev);
	if (is_tracked(fd) && fault())
		return -1;
	return real(fd, v, n);
}

int
fsync(int fd)
{
	REAL(fsync);
	if (is_tracked(fd) && fault())
		return -1;
	return real(fd);
}

int
fdatasync(int fd)
{
	REAL(fdatasync);
	if (is_tracked(fd) && fault())
		return -1;
	return real(fd);
}

int
ftruncate(int fd, off_t len)
{
	REAL(ftruncate);
	if (is_tracked(fd) && fault())
		return -1;
	return real(fd, len);
}

int
ftruncate64(int fd, off64_t len)
{
	REAL(ftruncate64);
	if (is_tracked(fd) && fault())
		return -1;
	return real(fd, len);
}
