/*
 * The demo's virtual label printer: listens on 127.0.0.1 like a Zebra on
 * port 9100 and writes the bytes of each connection to a new file, so what
 * CUPS delivered can be read back.
 */
#define _GNU_SOURCE
#include <sys/socket.h>
#include <netinet/in.h>
#include <arpa/inet.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../common/buf.h"
#include "demo.h"
#include "../common/log.h"
#include "../common/loop.h"

#define VP_MAX_CONN	8
#define VP_MAX_JOB	(16 * 1024 * 1024)

struct vconn {
	int		 fd;
	struct buf	 data;
	struct vprinter	*vp;
};

struct vprinter {
	struct loop	*loop;
	int		 fd;
	char		*outdir;
	int		 seq;
	struct vconn	*conn[VP_MAX_CONN];
};

static void
vconn_close(struct vconn *c)
{
	for (int i = 0; i < VP_MAX_CONN; i++)
		if (c->vp->conn[i] == c)
			c->vp->conn[i] = NULL;
	loop_del_fd(c->vp->loop, c->fd);
	close(c->fd);
	buf_free(&c->data);
	free(c);
}

static void
vconn_save(struct vconn *c)
{
	struct vprinter *vp = c->vp;
	char tmp[4096], path[4096];
	int fd;

	if (c->data.len == 0)
		return;
	vp->seq++;
	snprintf(tmp, sizeof(tmp), "%s/.label-%06d.tmp", vp->outdir, vp->seq);
	/* named for what arrived: a PDF from a PDF queue, else printer language */
	snprintf(path, sizeof(path), "%s/label-%06d.%s", vp->outdir, vp->seq,
	    c->data.len >= 5 && !memcmp(c->data.data, "%PDF-", 5) ? "pdf" :
	    "zpl");
	if ((fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC,
	    0644)) == -1) {
		log_warn("virtual printer: %s", tmp);
		return;
	}
	if (write(fd, c->data.data, c->data.len) != (ssize_t)c->data.len ||
	    fsync(fd) == -1) {
		log_warn("virtual printer: writing %s", tmp);
		close(fd);
		unlink(tmp);
		return;
	}
	close(fd);
	if (rename(tmp, path) == -1)
		log_warn("virtual printer: rename %s", path);
	else
		log_info("virtual printer: printed %s (%zu bytes)", path,
		    c->data.len);
}

static void
vconn_read(struct loop *l, int fd, short revents, void *arg)
{
	struct vconn *c = arg;
	char tmp[16384];
	ssize_t n;

	(void)l;
	(void)revents;
	n = read(fd, tmp, sizeof(tmp));
	if (n == -1 && (errno == EAGAIN || errno == EINTR))
		return;
	if (n > 0) {
		if (c->data.len + (size_t)n > VP_MAX_JOB) {
			log_warnx("virtual printer: job over %d bytes dropped",
			    VP_MAX_JOB);
			vconn_close(c);
			return;
		}
		buf_add(&c->data, tmp, (size_t)n);
		return;
	}
	/* end of the job: the backend closed its side */
	vconn_save(c);
	vconn_close(c);
}

static void
vp_accept(struct loop *l, int fd, short revents, void *arg)
{
	struct vprinter *vp = arg;
	struct vconn *c;
	int cfd, slot = -1;

	(void)revents;
	if ((cfd = accept4(fd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC)) == -1)
		return;
	for (int i = 0; i < VP_MAX_CONN; i++)
		if (vp->conn[i] == NULL) {
			slot = i;
			break;
		}
	if (slot == -1) {
		close(cfd);
		return;
	}
	if ((c = calloc(1, sizeof(*c))) == NULL)
		fatal("calloc");
	c->fd = cfd;
	c->vp = vp;
	buf_init(&c->data);
	vp->conn[slot] = c;
	loop_add_fd(l, cfd, POLLIN, vconn_read, c);
}

/* Continues numbering after the files already in outdir. */
static int
last_seq(const char *dir)
{
	struct dirent *de;
	DIR *d;
	int max = 0, n;

	if ((d = opendir(dir)) == NULL)
		return 0;
	while ((de = readdir(d)) != NULL)
		if (sscanf(de->d_name, "label-%d.", &n) == 1 && n > max)
			max = n;
	closedir(d);
	return max;
}

struct vprinter *
vprinter_start(const char *outdir, struct loop *l, int *port, char *cause,
    size_t clen)
{
	struct sockaddr_in sin;
	socklen_t sl = sizeof(sin);
	struct vprinter *vp;
	int fd;

	if ((fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC,
	    0)) == -1) {
		snprintf(cause, clen, "virtual printer: socket: %s",
		    strerror(errno));
		return NULL;
	}
	memset(&sin, 0, sizeof(sin));
	sin.sin_family = AF_INET;
	sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (bind(fd, (struct sockaddr *)&sin, sizeof(sin)) == -1 ||
	    listen(fd, 8) == -1 ||
	    getsockname(fd, (struct sockaddr *)&sin, &sl) == -1) {
		snprintf(cause, clen, "virtual printer: %s", strerror(errno));
		close(fd);
		return NULL;
	}
	if ((vp = calloc(1, sizeof(*vp))) == NULL ||
	    (vp->outdir = strdup(outdir)) == NULL)
		fatal("calloc");
	vp->loop = l;
	vp->fd = fd;
	vp->seq = last_seq(outdir);
	*port = ntohs(sin.sin_port);
	loop_add_fd(l, fd, POLLIN, vp_accept, vp);
	return vp;
}

void
vprinter_stop(struct vprinter *vp)
{
	if (vp == NULL)
		return;
	for (int i = 0; i < VP_MAX_CONN; i++)
		if (vp->conn[i])
			vconn_close(vp->conn[i]);
	loop_del_fd(vp->loop, vp->fd);
	close(vp->fd);
	free(vp->outdir);
	free(vp);
}
