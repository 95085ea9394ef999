/* Control socket server and command dispatch (see ctl.h, proto.h). */
#define _GNU_SOURCE
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../db/db.h"
#include "buf.h"
#include "ctl.h"
#include "life.h"
#include "log.h"
#include "loop.h"
#include "proto.h"
#include "scan.h"
#include "station.h"

#define CTL_MAX_CLIENTS	32
#define CTL_TIMEOUT_MS	10000

static const struct ctl_cmd *const ctl_cmds[] = {
	&ctl_cmd_scan,
	&ctl_cmd_status,
	&ctl_cmd_case_show,
	&ctl_cmd_case_list,
	&ctl_cmd_audit_verify,
	&ctl_cmd_operator_add,
	&ctl_cmd_operator_list,
	&ctl_cmd_product_add,
	&ctl_cmd_label_list,
	&ctl_cmd_label_reprint,
	&ctl_cmd_label_preview,
	&ctl_cmd_sheet_commands,
	&ctl_cmd_sheet_badges,
	&ctl_cmd_printer_list,
	&ctl_cmd_case_accept,
	&ctl_cmd_case_repair,
	&ctl_cmd_case_supplier,
	&ctl_cmd_case_inspect,
	&ctl_cmd_case_approve,
	&ctl_cmd_case_ship,
	&ctl_cmd_case_reject,
	&ctl_cmd_case_close,
	&ctl_cmd_case_photo,
	&ctl_cmd_cause_list,
	&ctl_cmd_operator_disable,
	&ctl_cmd_scan_image,
};
#define NCMDS (sizeof(ctl_cmds) / sizeof(ctl_cmds[0]))

struct client {
	int		 fd;
	struct buf	 in;
	struct buf	 out;
	size_t		 sent;
	uint64_t	 deadline;
	struct ctl	*ctl;
};

struct ctl {
	struct station	*st;
	int		 fd;
	char		*path;
	struct client	*clients[CTL_MAX_CLIENTS];
};

static void	ctl_sweep(struct loop *, void *);

static void
client_free(struct client *c)
{
	struct ctl *ctl = c->ctl;

	for (int i = 0; i < CTL_MAX_CLIENTS; i++)
		if (ctl->clients[i] == c)
			ctl->clients[i] = NULL;
	loop_del_fd(ctl->st->loop, c->fd);
	close(c->fd);
	buf_free(&c->in);
	buf_free(&c->out);
	free(c);
}

static void
usage_all(struct buf *b)
{
	buf_puts(b, "commands:\n");
	for (size_t i = 0; i < NCMDS; i++)
		buf_printf(b, "  stationctl %s %s\n", ctl_cmds[i]->name,
		    ctl_cmds[i]->usage);
}

int
ctl_usage(struct ctl_ctx *c, const struct ctl_cmd *cmd)
{
	buf_printf(c->err, "usage: stationctl %s %s\n", cmd->name, cmd->usage);
	return 2;
}

int
ctl_text_ok(struct ctl_ctx *c, const char *what, const char *s, size_t max)
{
	const char *why;
	size_t n = strlen(s);

	if (n == 0 || n > max) {
		buf_printf(c->err, "%s must be 1 to %zu bytes\n", what, max);
		return 0;
	}
	if (scan_validate(s, n, &why) == -1) {
		buf_printf(c->err, "%s: %s\n", what, why);
		return 0;
	}
	return 1;
}

static int
find_admin(void *arg, const struct db_operator *op)
{
	if (op->active && life_has_role(op->roles, "admin"))
		*(int *)arg = 1;
	return 0;
}

int
ctl_need_role(struct ctl_ctx *c, const char *roles, const char *what)
{
	struct db_operator op;
	int admins = 0, rc;
	char one[32];

	if (db_operator_foreach(c->st->db, find_admin, &admins) == -1) {
		buf_printf(c->err, "%s\n", db_error(c->st->db));
		return 3;
	}
	/* a new station has nobody to vouch for the first admin */
	if (!admins && c->operator == NULL)
		return 0;
	if (c->operator == NULL) {
		buf_printf(c->err, "%s needs the %s role: say who you are with"
		    " stationctl --operator BADGE / 请提供工牌号\n", what, roles);
		return 1;
	}
	if ((rc = db_operator_get(c->st->db, c->operator, &op)) != 1 ||
	    !op.active) {
		buf_printf(c->err, "%s badge %s / 工牌无效\n", rc == 1 ?
		    "disabled" : "unknown", c->operator);
		return 1;
	}
	for (const char *p = roles; *p; ) {
		size_t n = strcspn(p, ",");

		snprintf(one, sizeof(one), "%.*s", (int)n, p);
		if (life_has_role(op.roles, one))
			return 0;
		p += n + (p[n] == ',');
	}
	buf_printf(c->err, "%s needs the %s role; %s has %s / 权限不足\n", what,
	    roles, op.name, op.roles);
	return 1;
}

int
ctl_parse(struct ctl_ctx *c, const struct ctl_cmd *cmd, int argc, char **argv,
    struct ctl_opt *opts, char **pos, int maxpos)
{
	int npos = 0;

	for (int i = 0; i < argc; i++) {
		struct ctl_opt *o = NULL;

		if (strncmp(argv[i], "--", 2) == 0 && argv[i][2] != '\0') {
			for (o = opts; o && o->name; o++)
				if (strcmp(o->name, argv[i]) == 0)
					break;
			if (o == NULL || o->name == NULL) {
				buf_printf(c->err, "unknown option %s\n", argv[i]);
				return ctl_usage(c, cmd), -1;
			}
			if (!o->has_arg) {
				o->value = "1";
				continue;
			}
			if (i + 1 >= argc) {
				buf_printf(c->err, "option %s needs a value\n",
				    argv[i]);
				return ctl_usage(c, cmd), -1;
			}
			o->value = argv[++i];
			continue;
		}
		if (npos == maxpos) {
			buf_printf(c->err, "too many arguments\n");
			return ctl_usage(c, cmd), -1;
		}
		pos[npos++] = argv[i];
	}
	return npos;
}

int
ctl_dispatch(struct ctl_ctx *c, int argc, char **argv)
{
	const struct ctl_cmd *cmd = NULL;
	int used = 0;

	while (argc > 0 && strcmp(argv[0], "--operator") == 0) {
		if (argc < 2) {
			buf_puts(c->err, "--operator needs a badge\n");
			return 2;
		}
		c->operator = argv[1];
		argc -= 2;
		argv += 2;
	}
	if (argc == 0 || strcmp(argv[0], "help") == 0) {
		usage_all(argc == 0 ? c->err : c->out);
		return argc == 0 ? 2 : 0;
	}
	for (size_t i = 0; i < NCMDS && cmd == NULL; i++) {
		const char *n = ctl_cmds[i]->name, *sp = strchr(n, ' ');

		if (sp == NULL && strcmp(n, argv[0]) == 0) {
			cmd = ctl_cmds[i];
			used = 1;
		} else if (sp && argc >= 2 &&
		    strncmp(n, argv[0], (size_t)(sp - n)) == 0 &&
		    argv[0][sp - n] == '\0' && strcmp(sp + 1, argv[1]) == 0) {
			cmd = ctl_cmds[i];
			used = 2;
		}
	}
	if (cmd == NULL) {
		buf_printf(c->err, "unknown command '%s%s%s'\n", argv[0],
		    argc > 1 ? " " : "", argc > 1 ? argv[1] : "");
		usage_all(c->err);
		return 2;
	}
	return cmd->exec(c, argc - used, argv + used);
}

static void
client_reply(struct client *cl, int status, const char *out, size_t ol,
    const char *err, size_t el)
{
	buf_reset(&cl->out);
	proto_reply(&cl->out, status, out, ol, err, el);
	cl->sent = 0;
	loop_set_events(cl->ctl->st->loop, cl->fd, POLLOUT);
}

static void
client_run(struct client *cl, const struct proto_hdr *h)
{
	char *argv[PROTO_MAX_ARGS];
	struct buf out, err;
	struct ctl_ctx c;
	const char *why;
	int argc, status;

	if (h->version != PROTO_VERSION) {
		char msg[160];

		snprintf(msg, sizeof(msg), "stationd speaks control protocol %d,"
		    " stationctl speaks %u: use matching versions\n",
		    PROTO_VERSION, h->version);
		client_reply(cl, 2, "", 0, msg, strlen(msg));
		return;
	}
	argc = proto_parse_request(cl->in.data + PROTO_HDR_LEN, h->len, argv,
	    PROTO_MAX_ARGS, &why);
	if (h->type != PROTO_REQUEST || argc < 0) {
		char msg[160];

		snprintf(msg, sizeof(msg), "bad request: %s\n",
		    h->type != PROTO_REQUEST ? "not a request" : why);
		client_reply(cl, 2, "", 0, msg, strlen(msg));
		return;
	}
	buf_init(&out);
	buf_init(&err);
	memset(&c, 0, sizeof(c));
	c.st = cl->ctl->st;
	c.out = &out;
	c.err = &err;
	status = ctl_dispatch(&c, argc, argv);
	if (out.len + err.len + 12 > PROTO_MAX_REPLY) {
		const char *msg = "reply too long: narrow the request\n";

		client_reply(cl, 1, "", 0, msg, strlen(msg));
	} else
		client_reply(cl, status, out.data ? out.data : "", out.len,
		    err.data ? err.data : "", err.len);
	buf_free(&out);
	buf_free(&err);
}

static void
client_io(struct loop *l, int fd, short revents, void *arg)
{
	struct client *cl = arg;
	struct proto_hdr h;
	const char *why;
	char tmp[8192];
	ssize_t n;

	(void)l;
	(void)fd;
	if (cl->out.len > 0) {
		if (revents & (POLLERR | POLLHUP | POLLNVAL)) {
			client_free(cl);
			return;
		}
		n = write(cl->fd, cl->out.data + cl->sent, cl->out.len - cl->sent);
		if (n == -1 && (errno == EAGAIN || errno == EINTR))
			return;
		if (n <= 0) {
			client_free(cl);
			return;
		}
		cl->sent += (size_t)n;
		if (cl->sent == cl->out.len)
			client_free(cl);
		return;
	}
	n = read(cl->fd, tmp, sizeof(tmp));
	if (n == -1 && (errno == EAGAIN || errno == EINTR))
		return;
	if (n <= 0) {
		client_free(cl);
		return;
	}
	buf_add(&cl->in, tmp, (size_t)n);
	if (cl->in.len < PROTO_HDR_LEN)
		return;
	if (proto_get_hdr((unsigned char *)cl->in.data, &h, PROTO_MAX_REQ,
	    &why) == -1) {
		char msg[160];

		snprintf(msg, sizeof(msg), "bad request: %s (requests are at"
		    " most %u bytes)\n", why, PROTO_MAX_REQ);
		client_reply(cl, 2, "", 0, msg, strlen(msg));
		return;
	}
	if (cl->in.len < PROTO_HDR_LEN + h.len)
		return;
	if (cl->in.len > PROTO_HDR_LEN + h.len) {
		const char *msg = "bad request: bytes after the message\n";

		client_reply(cl, 2, "", 0, msg, strlen(msg));
		return;
	}
	client_run(cl, &h);
}

static void
ctl_accept(struct loop *l, int fd, short revents, void *arg)
{
	struct ctl *ctl = arg;
	struct client *cl;
	int cfd, slot = -1;

	(void)revents;
	if ((cfd = accept4(fd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC)) == -1) {
		if (errno != EAGAIN && errno != EINTR)
			log_warn("control: accept");
		return;
	}
	for (int i = 0; i < CTL_MAX_CLIENTS; i++)
		if (ctl->clients[i] == NULL) {
			slot = i;
			break;
		}
	if (slot == -1) {
		log_warnx("control: too many clients, refusing one");
		close(cfd);
		return;
	}
	if ((cl = calloc(1, sizeof(*cl))) == NULL)
		fatal("calloc");
	cl->fd = cfd;
	cl->ctl = ctl;
	buf_init(&cl->in);
	buf_init(&cl->out);
	cl->deadline = loop_now_ms() + CTL_TIMEOUT_MS;
	if (loop_add_fd(l, cfd, POLLIN, client_io, cl) == -1) {
		close(cfd);
		free(cl);
		return;
	}
	ctl->clients[slot] = cl;
	loop_timer(l, 1000, ctl_sweep, ctl);
}

/* Drops clients that hold a connection open without finishing a request. */
static void
ctl_sweep(struct loop *l, void *arg)
{
	struct ctl *ctl = arg;
	uint64_t now = loop_now_ms();
	int left = 0;

	for (int i = 0; i < CTL_MAX_CLIENTS; i++) {
		struct client *cl = ctl->clients[i];

		if (cl == NULL)
			continue;
		if (now >= cl->deadline)
			client_free(cl);
		else
			left++;
	}
	if (left)
		loop_timer(l, 1000, ctl_sweep, ctl);
}

struct ctl *
ctl_listen(struct station *st, const char *path, char *cause, size_t clen)
{
	struct sockaddr_un sun;
	struct ctl *ctl;
	mode_t old;
	int fd;

	memset(&sun, 0, sizeof(sun));
	sun.sun_family = AF_UNIX;
	if (strlen(path) >= sizeof(sun.sun_path)) {
		snprintf(cause, clen, "control socket path too long: %s", path);
		return NULL;
	}
	strcpy(sun.sun_path, path);
	if ((fd = socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC,
	    0)) == -1) {
		snprintf(cause, clen, "socket: %s", strerror(errno));
		return NULL;
	}
	/* a live daemon on the same socket must not be stolen from */
	if (connect(fd, (struct sockaddr *)&sun, sizeof(sun)) == 0) {
		snprintf(cause, clen, "another stationd is listening on %s", path);
		close(fd);
		return NULL;
	}
	if (unlink(path) == -1 && errno != ENOENT) {
		snprintf(cause, clen, "unlink %s: %s", path, strerror(errno));
		close(fd);
		return NULL;
	}
	old = umask(S_IXUSR | S_IXGRP | S_IRWXO);
	if (bind(fd, (struct sockaddr *)&sun, sizeof(sun)) == -1) {
		snprintf(cause, clen, "bind %s: %s", path, strerror(errno));
		umask(old);
		close(fd);
		return NULL;
	}
	umask(old);
	if (chmod(path, 0660) == -1 || listen(fd, 16) == -1) {
		snprintf(cause, clen, "%s: %s", path, strerror(errno));
		close(fd);
		return NULL;
	}
	if ((ctl = calloc(1, sizeof(*ctl))) == NULL)
		fatal("calloc");
	ctl->st = st;
	ctl->fd = fd;
	if ((ctl->path = strdup(path)) == NULL)
		fatal("strdup");
	loop_add_fd(st->loop, fd, POLLIN, ctl_accept, ctl);
	return ctl;
}

void
ctl_close(struct ctl *ctl)
{
	if (ctl == NULL)
		return;
	for (int i = 0; i < CTL_MAX_CLIENTS; i++)
		if (ctl->clients[i])
			client_free(ctl->clients[i]);
	loop_del_fd(ctl->st->loop, ctl->fd);
	loop_timer_cancel(ctl->st->loop, ctl_sweep, ctl);
	close(ctl->fd);
	unlink(ctl->path);
	free(ctl->path);
	free(ctl);
}
