/* Control protocol framing (see proto.h). */
#define _POSIX_C_SOURCE 200809L
#include <sys/socket.h>
#include <sys/un.h>
#include <arpa/inet.h>

#include <errno.h>
#include <poll.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "../common/buf.h"
#include "proto.h"

static void
put32(struct buf *b, uint32_t v)
{
	uint32_t n = htonl(v);

	buf_add(b, &n, 4);
}

static uint32_t
get32(const unsigned char *p)
{
	uint32_t n;

	memcpy(&n, p, 4);
	return ntohl(n);
}

void
proto_put_hdr(struct buf *b, uint32_t type, uint32_t len)
{
	put32(b, PROTO_MAGIC);
	put32(b, PROTO_VERSION);
	put32(b, type);
	put32(b, len);
}

int
proto_get_hdr(const unsigned char *p, struct proto_hdr *h, uint32_t maxlen,
    const char **cause)
{
	h->magic = get32(p);
	h->version = get32(p + 4);
	h->type = get32(p + 8);
	h->len = get32(p + 12);
	if (h->magic != PROTO_MAGIC) {
		*cause = "not a station control message (bad magic)";
		return -1;
	}
	if (h->len > maxlen) {
		*cause = "message too long";
		return -1;
	}
	return 0;
}

void
proto_request(struct buf *b, int argc, char *const argv[])
{
	size_t len = 0;

	for (int i = 0; i < argc; i++)
		len += strlen(argv[i]) + 1;
	proto_put_hdr(b, PROTO_REQUEST, (uint32_t)len);
	for (int i = 0; i < argc; i++)
		buf_add(b, argv[i], strlen(argv[i]) + 1);
}

int
proto_parse_request(char *p, size_t len, char *argv[], int max,
    const char **cause)
{
	int argc = 0;
	size_t i = 0;

	if (len == 0) {
		*cause = "empty request";
		return -1;
	}
	if (p[len - 1] != '\0') {
		*cause = "request is not NUL-terminated";
		return -1;
	}
	while (i < len) {
		if (argc == max) {
			*cause = "too many arguments";
			return -1;
		}
		argv[argc++] = p + i;
		i += strlen(p + i) + 1;
	}
	return argc;
}

void
proto_reply(struct buf *b, int status, const char *out, size_t outlen,
    const char *err, size_t errlen)
{
	proto_put_hdr(b, PROTO_REPLY, (uint32_t)(12 + outlen + errlen));
	put32(b, (uint32_t)status);
	put32(b, (uint32_t)outlen);
	buf_add(b, out, outlen);
	put32(b, (uint32_t)errlen);
	buf_add(b, err, errlen);
}

int
proto_parse_reply(const unsigned char *p, size_t len, int *status,
    const char **out, size_t *outlen, const char **err, size_t *errlen)
{
	uint32_t ol, el;

	if (len < 12)
		return -1;
	*status = (int)get32(p);
	ol = get32(p + 4);
	if (ol > len - 12)
		return -1;
	el = get32(p + 8 + ol);
	if ((size_t)ol + el + 12 != len)
		return -1;
	*out = (const char *)p + 8;
	*outlen = ol;
	*err = (const char *)p + 12 + ol;
	*errlen = el;
	return 0;
}

void	(*proto_waiting)(unsigned seconds, size_t got, size_t len);

/* The caller's waiting hook, once a second while a reply is slow. */
static int
wait_readable(int fd, size_t got, size_t len)
{
	static struct timespec t0;
	struct pollfd p = { fd, POLLIN, 0 };
	struct timespec now;
	int r;

	if (proto_waiting == NULL)
		return 0;
	if (t0.tv_sec == 0)
		clock_gettime(CLOCK_MONOTONIC, &t0);
	while ((r = poll(&p, 1, 1000)) == 0 || (r == -1 && errno == EINTR)) {
		clock_gettime(CLOCK_MONOTONIC, &now);
		proto_waiting((unsigned)(now.tv_sec - t0.tv_sec), got, len);
	}
	return 0;
}

static int
read_full(int fd, void *p, size_t n)
{
	size_t got = 0;

	while (got < n) {
		ssize_t r;

		wait_readable(fd, got, n);
		r = read(fd, (char *)p + got, n - got);

		if (r == -1 && errno == EINTR)
			continue;
		if (r <= 0)
			return -1;
		got += (size_t)r;
	}
	return 0;
}

static int
write_full(int fd, const void *p, size_t n)
{
	size_t put = 0;

	while (put < n) {
		ssize_t r = write(fd, (const char *)p + put, n - put);

		if (r == -1 && errno == EINTR)
			continue;
		if (r <= 0)
			return -1;
		put += (size_t)r;
	}
	return 0;
}

/* Sends the first bytes of a request with the descriptors beside them. */
static int
send_fds(int fd, const void *p, size_t n, const int *fds, int nfds)
{
	union {
		char	buf[CMSG_SPACE(sizeof(int) * PROTO_MAX_FDS)];
		struct cmsghdr align;
	} u;
	struct iovec iov = { (void *)(uintptr_t)p, n };
	struct msghdr mh;
	struct cmsghdr *cm;
	ssize_t w;

	memset(&mh, 0, sizeof(mh));
	memset(&u, 0, sizeof(u));
	mh.msg_iov = &iov;
	mh.msg_iovlen = 1;
	mh.msg_control = u.buf;
	mh.msg_controllen = CMSG_SPACE(sizeof(int) * (size_t)nfds);
	cm = CMSG_FIRSTHDR(&mh);
	cm->cmsg_level = SOL_SOCKET;
	cm->cmsg_type = SCM_RIGHTS;
	cm->cmsg_len = CMSG_LEN(sizeof(int) * (size_t)nfds);
	memcpy(CMSG_DATA(cm), fds, sizeof(int) * (size_t)nfds);
	while ((w = sendmsg(fd, &mh, MSG_NOSIGNAL)) == -1 && errno == EINTR)
		;
	if (w <= 0)
		return -1;
	return write_full(fd, (const char *)p + w, n - (size_t)w);
}

int
proto_call(const char *path, int argc, char *const argv[], int *status,
    struct buf *out, struct buf *err, char *cause, size_t clen)
{
	return proto_call_fds(path, argc, argv, NULL, 0, status, out, err,
	    cause, clen);
}

int
proto_call_fds(const char *path, int argc, char *const argv[], const int *fds,
    int nfds, int *status, struct buf *out, struct buf *err, char *cause,
    size_t clen)
{
	struct sockaddr_un sun;
	unsigned char hdr[PROTO_HDR_LEN], *payload = NULL;
	struct proto_hdr h;
	struct buf req;
	const char *why, *o, *e;
	size_t ol, el;
	int fd, rc = -1;

	memset(&sun, 0, sizeof(sun));
	sun.sun_family = AF_UNIX;
	if (strlen(path) >= sizeof(sun.sun_path)) {
		snprintf(cause, clen, "socket path too long: %s", path);
		return -1;
	}
	strcpy(sun.sun_path, path);
	if ((fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0)) == -1) {
		snprintf(cause, clen, "socket: %s", strerror(errno));
		return -1;
	}
	if (connect(fd, (struct sockaddr *)&sun, sizeof(sun)) == -1) {
		snprintf(cause, clen, "cannot reach stationd at %s: %s"
		    " (is it running? set -s or STATION_SOCKET)", path,
		    strerror(errno));
		close(fd);
		return -1;
	}
	buf_init(&req);
	proto_request(&req, argc, argv);
	if (req.len - PROTO_HDR_LEN > PROTO_MAX_REQ) {
		snprintf(cause, clen, "request too long (at most %u bytes)",
		    PROTO_MAX_REQ);
		goto done;
	}
	if (nfds > PROTO_MAX_FDS) {
		snprintf(cause, clen, "at most %d files at a time", PROTO_MAX_FDS);
		goto done;
	}
	if ((nfds > 0 ? send_fds(fd, req.data, req.len, fds, nfds) :
	    write_full(fd, req.data, req.len)) == -1) {
		snprintf(cause, clen, errno == EPIPE || errno == ECONNRESET ?
		    "stationd closed the connection without a reply" :
		    "sending request: %s", strerror(errno));
		goto done;
	}
	if (read_full(fd, hdr, sizeof(hdr)) == -1) {
		snprintf(cause, clen, "stationd closed the connection"
		    " without a reply");
		goto done;
	}
	if (proto_get_hdr(hdr, &h, PROTO_MAX_REPLY, &why) == -1) {
		snprintf(cause, clen, "bad reply: %s", why);
		goto done;
	}
	if ((payload = malloc(h.len ? h.len : 1)) == NULL ||
	    read_full(fd, payload, h.len) == -1) {
		snprintf(cause, clen, "reading reply: short read");
		goto done;
	}
	if (h.version != PROTO_VERSION) {
		snprintf(cause, clen, "stationd speaks control protocol %u,"
		    " this stationctl speaks %u: use matching versions",
		    h.version, PROTO_VERSION);
		goto done;
	}
	if (h.type != PROTO_REPLY || proto_parse_reply(payload, h.len,
	    status, &o, &ol, &e, &el) == -1) {
		snprintf(cause, clen, "malformed reply from stationd");
		goto done;
	}
	buf_add(out, o, ol);
	buf_add(err, e, el);
	rc = 0;
done:
	free(payload);
	buf_free(&req);
	close(fd);
	return rc;
}
