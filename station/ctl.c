/* Control socket server and command dispatch (see ctl.h, proto.h). */
#define _GNU_SOURCE
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/uio.h>

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../common/clock.h"
#include "../db/db.h"
#include "config.h"
#include "../labels/label.h"
#include "../common/msg.h"
#include "../common/buf.h"
#include "ctl.h"
#include "../common/pin.h"
#include "role.h"
#include "../common/log.h"
#include "../common/loop.h"
#include "outbox.h"
#include "proto.h"
#include "scan.h"
#include "station.h"
#include "worker.h"

#define CTL_MAX_CLIENTS	256
#define CTL_PER_PEER	32	/* connections of one user still sending */
#define CTL_REQUEST_MS	2000	/* to send a whole request */
#define CTL_REPLY_MS	30000	/* to take the reply */

struct client {
	int		 fd;
	struct buf	 in;
	struct buf	 out;
	size_t		 sent;
	uint64_t	 born;		/* monotonic ms */
	uint64_t	 deadline;	/* to send the request, then to read */
	uid_t		 uid;		/* the peer (SO_PEERCRED) */
	int		 self;		/* the peer is this process: the
					   office page, whose sessions were
					   opened with the operator's PIN */
	int		 fds[PROTO_MAX_FDS];	/* files sent with the request */
	int		 nfds;
	struct ctl	*ctl;
	struct ctl_req	*req;		/* a request being handled */
};

/* One request, from parsing to its reply (which may come later). */
struct ctl_req {
	struct worker_job job;		/* when it runs in a worker */
	struct client	*cl;		/* NULL once the client has gone */
	char		*argv[PROTO_MAX_ARGS];
	struct buf	 out, err;
	struct ctl_ctx	 c;
	struct ctl_args	 a;
	enum ctl_status	 status;
	int		 fds[PROTO_MAX_FDS];	/* closed with the request */
	int		 nfds;
	uint32_t	 then_type;	/* a worker's ask of the printer side */
	struct buf	 then;		/* ... and its fields */
	struct workers	*workers;	/* whose threads read for it */
};

struct ctl {
	struct station	*st;
	int		 fd;
	char		*path;
	gid_t		 gid;		/* the socket's group: who may talk */
	struct client	*clients[CTL_MAX_CLIENTS];
	struct workers	*workers;	/* its own, or NULL: the station's */
};

static void	ctl_sweep(struct loop *, void *);

static void
client_free(struct client *c)
{
	struct ctl *ctl = c->ctl;

	/* a request still being handled finishes without its client */
	if (c->req)
		c->req->cl = NULL;
	for (int i = 0; i < c->nfds; i++)
		close(c->fds[i]);
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
	buf_puts(b, "commands (stationctl help COMMAND for one):\n");
	for (size_t i = 0; i < ctl_ncmds; i++) {
		buf_puts(b, "  ");
		ctl_usage_line(ctl_cmds[i], b);
		buf_puts(b, "\n");
	}
}

void
ctl_usage_line(const struct ctl_cmd *cmd, struct buf *b)
{
	buf_printf(b, "stationctl %s", cmd->name);
	if (cmd->args && *cmd->args)
		buf_printf(b, " %s", cmd->args);
	for (const struct ctl_optdef *o = cmd->opts; o->name; o++) {
		int req = o->flags & CTL_REQUIRED;

		buf_printf(b, " %s%s%s%s%s%s", req ? "" : "[", o->name,
		    o->arg ? " " : "", o->arg ? o->arg : "", req ? "" : "]",
		    o->flags & CTL_MANY ? "..." : "");
	}
}

enum ctl_status
ctl_usage(struct ctl_ctx *c, const struct ctl_cmd *cmd)
{
	buf_puts(c->err, "usage: ");
	ctl_usage_line(cmd, c->err);
	buf_puts(c->err, "\n");
	return CTL_USAGE;
}

const char *
ctl_opt(const struct ctl_args *a, const char *name)
{
	for (int i = 0; i < CTL_MAX_OPTS && a->cmd->opts[i].name; i++)
		if (strcmp(a->cmd->opts[i].name, name) == 0)
			return a->val[i];
	return NULL;
}

enum ctl_status
ctl_status_of(enum st_result r)
{
	return r == ST_OK ? CTL_OK : r == ST_REFUSED ? CTL_REFUSED : CTL_FAILED;
}

enum ctl_status
ctl_reply(struct ctl_ctx *c, enum st_result r, const struct buf *reply)
{
	buf_printf(r == ST_OK ? c->out : c->err, "%s\n",
	    reply->data ? reply->data : "");
	return ctl_status_of(r);
}


static int
find_admin(void *arg, const struct db_operator *op)
{
	if (op->active && (role_mask(op->roles) & ROLE_ADMIN))
		*(int *)arg = 1;
	return 0;
}

enum ctl_status
ctl_need_role(struct ctl_ctx *c, unsigned roles, const char *what)
{
	struct db_operator op;
	struct buf why;
	char names[96];
	int admins = 0, rc;

	if (db_operator_foreach(c->db, find_admin, &admins) == -1) {
		buf_printf(c->err, "%s\n", db_error(c->db));
		return CTL_FAILED;
	}
	/* a new station has nobody to vouch for the first admin */
	if (!admins && c->operator == NULL)
		return CTL_OK;
	role_list(roles, " or ", names, sizeof(names));
	if (c->operator == NULL) {
		buf_printf(c->err, "%s needs the %s role: say who you are with"
		    " stationctl --operator BADGE / 请提供工牌号\n", what, names);
		return CTL_REFUSED;
	}
	if ((rc = db_operator_get(c->db, c->operator, &op)) == -1) {
		buf_printf(c->err, "%s\n", db_error(c->db));
		return CTL_FAILED;
	}
	if (rc == 0) {
		buf_printf(c->err, "unknown badge %s / 工牌无效\n", c->operator);
		return CTL_REFUSED;
	}
	buf_init(&why);
	rc = role_check(&op, roles, what, &why);
	if (!rc)
		buf_printf(c->err, "%s\n", why.data);
	buf_free(&why);
	return rc ? CTL_OK : CTL_REFUSED;
}

void
ctl_customer(const struct ctl_args *a, const char *name_opt,
    struct db_customer *cu)
{
	memset(cu, 0, sizeof(*cu));
	cu->name = ctl_opt(a, name_opt);
	cu->contact = ctl_opt(a, "--contact");
	cu->phone = ctl_opt(a, "--phone");
	cu->address = ctl_opt(a, "--address");
	cu->service_rep = ctl_opt(a, "--service-rep");
	cu->order_no = ctl_opt(a, "--order");
	cu->complaint = ctl_opt(a, "--complaint");
}

unsigned
ctl_viewer_roles(struct ctl_ctx *c)
{
	struct db_operator op;
	char hash[160];

	if (c->operator == NULL || db_operator_get(c->db, c->operator,
	    &op) != 1 || !op.active)
		return 0;
	if ((c->pin == NULL && !c->st->cf->require_pin) || c->vouched)
		return role_mask(op.roles);
	if (c->pin == NULL || db_operator_pin(c->db, c->operator, hash,
	    sizeof(hash)) != 1 || hash[0] == '\0' || !pin_verify(hash, c->pin))
		return 0;
	return role_mask(op.roles);
}

enum ctl_status
ctl_case_act(struct ctl_ctx *c, const char *key, enum case_action act,
    const struct case_args *a)
{
	struct station *st = c->st;
	struct case_move m;
	struct buf reply;
	enum ctl_status rc;

	buf_init(&reply);
	memset(&m, 0, sizeof(m));
	m.db = st->db;
	m.cf = st->cf;
	m.act = act;
	m.a = a;
	m.reply = &reply;
	rc = ctl_reply(c, case_act(&m, c->operator, key, st->intake.ss.case_id),
	    &reply);
	if (m.labels)
		outbox_kick(st->outbox);
	buf_free(&reply);
	return rc;
}

int
report_options(struct ctl_ctx *c, const struct ctl_args *a)
{
	static const char *const files[] = { "--csv", "--xlsx", "--pdf",
	    "--png", "--svg" };
	const char *lang = ctl_opt(a, "--lang"), *chart = ctl_opt(a, "--chart");
	int kind = REPORT_FILE_TEXT, n = 0;

	if (lang && strcmp(lang, "en") && strcmp(lang, "zh")) {
		buf_puts(c->err, "--lang is en or zh\n");
		return -1;
	}
	for (size_t i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		const char *v = ctl_opt(a, files[i]);

		if (v == NULL)
			continue;
		if (strcmp(v, "-")) {
			buf_puts(c->err, "the file is written by stationctl: give"
			    " a path there, or - over the raw protocol\n");
			return -1;
		}
		kind = REPORT_FILE_CSV + (int)i;
		n++;
	}
	if (n > 1) {
		buf_puts(c->err, "name one output file\n");
		return -1;
	}
	if ((chart != NULL) != (kind == REPORT_FILE_PNG ||
	    kind == REPORT_FILE_SVG)) {
		buf_puts(c->err, chart ? "--chart NAME is drawn into --png FILE"
		    " or --svg FILE\n" : "--png and --svg draw a --chart NAME\n");
		return -1;
	}
	return kind;
}

int
ctl_output(struct ctl_ctx *c, const struct ctl_args *a, int zpl_ok)
{
	const char *png = ctl_opt(a, "--png"), *pdf = ctl_opt(a, "--pdf");
	const char *zpl = zpl_ok ? ctl_opt(a, "--zpl") : NULL;

	if ((png != NULL) + (pdf != NULL) + (zpl != NULL) != 1) {
		buf_puts(c->err, "name one output: --png FILE or --pdf FILE\n");
		return -1;
	}
	if ((png && strcmp(png, "-")) || (pdf && strcmp(pdf, "-")) ||
	    (zpl && strcmp(zpl, "-"))) {
		buf_puts(c->err, "the file is written by stationctl: give a path"
		    " there, or - over the raw protocol\n");
		return -1;
	}
	return png ? LABEL_PNG : pdf ? LABEL_PDF : LABEL_ZPL;
}

static enum ctl_status run_cmd(struct ctl_ctx *, const struct ctl_cmd *,
	    const struct ctl_args *);
static enum ctl_status pin_first(struct ctl_ctx *, const struct ctl_cmd *,
	    const struct ctl_args *);
static void	worker_run(struct worker_job *, struct db *);
static void	worker_done(struct worker_job *);

/*
 * The PIN before a sign-off or admin work: read and checked in a worker
 * (argon2id takes tens of milliseconds), then the command on the loop.
 */
struct pin_job {
	struct worker_job	 job;
	struct ctl_ctx		*c;
	const struct ctl_cmd	*cmd;
	struct ctl_args		 a;
	char			 badge[65];
	int			 known;		/* the badge exists */
	int			 has_pin;
	int			 match;
};

static void
pin_read(struct pin_job *p, struct db *db)
{
	char hash[PIN_HASH_MAX];

	p->known = db_operator_pin(db, p->badge, hash, sizeof(hash)) == 1;
	p->has_pin = p->known && hash[0] != '\0';
	p->match = p->has_pin && p->c->pin && pin_verify(hash, p->c->pin);
}

static void
pin_run(struct worker_job *j, struct db *ro)
{
	pin_read((struct pin_job *)j, ro);
}

/* What the PIN check says; CTL_OK to go on. */
static enum ctl_status
pin_decide(struct pin_job *p)
{
	struct ctl_ctx *c = p->c;
	int locked;

	if (!p->known)
		return CTL_OK;	/* the role check says it is unknown */
	if (!p->has_pin) {
		/* an operator sets a first PIN of their own without one */
		if (strcmp(p->cmd->name, "operator pin") == 0)
			return CTL_OK;
		if (!c->st->cf->require_pin && c->pin == NULL)
			return CTL_OK;
		buf_printf(c->err, "badge %s has no PIN yet: an admin sets one"
		    " (stationctl operator pin %s --pin NNNN) / 请先设置PIN\n",
		    p->badge, p->badge);
		return CTL_REFUSED;
	}
	if ((locked = pin_locked(p->badge)) > 0) {
		buf_printf(c->err, "badge %s is locked for %d s after wrong PINs"
		    " / PIN错误次数过多\n", p->badge, locked);
		return CTL_REFUSED;
	}
	if (c->pin == NULL) {
		buf_printf(c->err, "%s needs the PIN of badge %s: give --pin"
		    " NNNN / 需要PIN\n", p->cmd->name, p->badge);
		return CTL_PIN;
	}
	if (!p->match) {
		pin_failed(p->badge);
		buf_printf(c->err, "wrong PIN for badge %s / PIN错误\n",
		    p->badge);
		return CTL_REFUSED;
	}
	pin_passed(p->badge);
	return CTL_OK;
}

static void
pin_done(struct worker_job *j)
{
	struct pin_job *p = (struct pin_job *)j;
	struct ctl_req *r = p->c->req;
	enum ctl_status st = CTL_FAILED;

	if (!j->cancelled && (st = pin_decide(p)) == CTL_OK)
		st = run_cmd(p->c, p->cmd, &p->a);
	free(p);
	if (st != CTL_DEFER)
		ctl_complete(r, st);
}

static enum ctl_status
pin_first(struct ctl_ctx *c, const struct ctl_cmd *cmd,
    const struct ctl_args *a)
{
	struct pin_job *p;
	enum ctl_status st;

	if ((p = calloc(1, sizeof(*p))) == NULL)
		return CTL_FAILED;
	p->c = c;
	p->cmd = cmd;
	p->a = *a;
	snprintf(p->badge, sizeof(p->badge), "%s", c->operator);
	if (c->req && c->req->workers) {
		p->job.run = pin_run;
		p->job.done = pin_done;
		workers_submit(c->req->workers, &p->job);
		return CTL_DEFER;
	}
	pin_read(p, c->db);
	if ((st = pin_decide(p)) == CTL_OK)
		st = run_cmd(c, cmd, a);
	free(p);
	return st;
}

/* The command whose words start argv; *used says how many words. */
static const struct ctl_cmd *
find_cmd(int argc, char **argv, int *used)
{
	const struct ctl_cmd *best = NULL;

	for (size_t i = 0; i < ctl_ncmds; i++) {
		const char *n = ctl_cmds[i]->name;
		int w = 0;

		for (;;) {
			size_t len = strcspn(n, " ");

			if (w >= argc || strlen(argv[w]) != len ||
			    strncmp(argv[w], n, len) != 0)
				break;
			w++;
			n += len;
			if (*n == '\0') {
				if (best == NULL || w > *used) {
					best = ctl_cmds[i];
					*used = w;
				}
				break;
			}
			n++;
		}
	}
	return best;
}

/* Parses argv against cmd's declaration into a; CTL_OK or CTL_USAGE. */
static enum ctl_status
parse(struct ctl_ctx *c, const struct ctl_cmd *cmd, int argc, char **argv,
    struct ctl_args *a)
{
	memset(a, 0, sizeof(*a));
	a->cmd = cmd;
	a->pos = argv;
	for (int i = 0; i < argc; i++) {
		const struct ctl_optdef *o;
		int k;

		if (cmd->raw || strncmp(argv[i], "--", 2) != 0 ||
		    argv[i][2] == '\0') {
			argv[a->npos++] = argv[i];	/* compacted in place */
			continue;
		}
		for (k = 0, o = cmd->opts; o->name; o++, k++)
			if (strcmp(o->name, argv[i]) == 0)
				break;
		if (o->name == NULL) {
			buf_printf(c->err, "unknown option %s\n", argv[i]);
			return ctl_usage(c, cmd);
		}
		if (o->arg == NULL) {
			a->val[k] = "1";
			continue;
		}
		if (i + 1 >= argc) {
			buf_printf(c->err, "option %s needs a value (%s)\n",
			    argv[i], o->arg);
			return ctl_usage(c, cmd);
		}
		if (a->val[k] && !(o->flags & CTL_MANY)) {
			buf_printf(c->err, "option %s given twice\n", argv[i]);
			return ctl_usage(c, cmd);
		}
		a->val[k] = argv[++i];
		if (o->flags & CTL_MANY) {
			if (a->nmany == CTL_MAX_MANY) {
				buf_printf(c->err, "at most %d %s options\n",
				    CTL_MAX_MANY, o->name);
				return CTL_USAGE;
			}
			a->many[a->nmany++] = argv[i];
		}
	}
	for (int k = 0; cmd->opts[k].name; k++)
		if ((cmd->opts[k].flags & CTL_REQUIRED) && a->val[k] == NULL) {
			buf_printf(c->err, "%s is needed\n", cmd->opts[k].name);
			return ctl_usage(c, cmd);
		}
	if (a->npos < cmd->minpos || a->npos > cmd->maxpos) {
		buf_printf(c->err, a->npos < cmd->minpos ? "missing arguments\n" :
		    "too many arguments\n");
		return ctl_usage(c, cmd);
	}
	return CTL_OK;
}

enum ctl_status
ctl_dispatch(struct ctl_ctx *c, int argc, char **argv)
{
	const struct ctl_cmd *cmd;
	struct ctl_args a;
	enum ctl_status st;
	int used = 0;

	while (argc > 0 && (strcmp(argv[0], "--operator") == 0 ||
	    strcmp(argv[0], "--pin") == 0)) {
		if (argc < 2) {
			buf_printf(c->err, "%s needs a value\n", argv[0]);
			return CTL_USAGE;
		}
		if (argv[0][2] == 'o')
			c->operator = argv[1];
		else
			c->pin = argv[1];
		argc -= 2;
		argv += 2;
	}
	if (argc == 0 || strcmp(argv[0], "help") == 0) {
		usage_all(argc == 0 ? c->err : c->out);
		return argc == 0 ? CTL_USAGE : CTL_OK;
	}
	if ((cmd = find_cmd(argc, argv, &used)) == NULL) {
		buf_printf(c->err, "unknown command '%s%s%s'\n", argv[0],
		    argc > 1 ? " " : "", argc > 1 ? argv[1] : "");
		usage_all(c->err);
		return CTL_USAGE;
	}
	if ((st = parse(c, cmd, argc - used, argv + used, &a)) != CTL_OK)
		return st;
	if (cmd->pin && c->operator && (c->pin || c->st->cf->require_pin))
		return pin_first(c, cmd, &a);
	if (cmd->worker && c->req && c->req->workers) {
		c->req->a = a;
		c->req->job.run = worker_run;
		c->req->job.done = worker_done;
		workers_submit(c->req->workers, &c->req->job);
		return CTL_DEFER;
	}
	return run_cmd(c, cmd, &a);
}

/* The role check and the handler. */
static enum ctl_status
run_cmd(struct ctl_ctx *c, const struct ctl_cmd *cmd, const struct ctl_args *a)
{
	enum ctl_status st;

	if (cmd->roles) {
		char what[80];

		snprintf(what, sizeof(what), "stationctl %s", cmd->name);
		if ((st = ctl_need_role(c, cmd->roles, what)) != CTL_OK)
			return st;
	}
	return cmd->exec(c, a);
}

/* A read-only command in a worker thread, on that thread's connection. */
static void
worker_run(struct worker_job *j, struct db *ro)
{
	struct ctl_req *r = (struct ctl_req *)j;

	r->c.db = ro;
	r->status = run_cmd(&r->c, r->a.cmd, &r->a);
}

static void
worker_done(struct worker_job *j)
{
	struct ctl_req *r = (struct ctl_req *)j;
	enum ctl_status st = r->status;

	/* what the worker gathered, drawn by the printer side */
	if (st == CTL_DEFER && r->then_type) {
		st = ctl_ask_printer(&r->c, r->then_type, &r->then);
		buf_free(&r->then);
		r->then_type = 0;
		if (st == CTL_DEFER)
			return;
	}
	ctl_complete(r, st);
}

enum ctl_status
ctl_then_printer(struct ctl_ctx *c, uint32_t type, struct buf *fields)
{
	if (c->req == NULL)
		return ctl_ask_printer(c, type, fields);
	c->req->then_type = type;
	c->req->then = *fields;
	buf_init(fields);
	return CTL_DEFER;
}

int
ctl_tmpfile(struct ctl_ctx *c, char *path, size_t len)
{
	int fd;

	snprintf(path, len, "%s/.report-XXXXXX", c->st->cf->data_dir);
	if ((fd = mkstemp(path)) == -1) {
		buf_printf(c->err, "%s: %s\n", path, strerror(errno));
		return -1;
	}
	close(fd);
	return 0;
}

enum ctl_status
ctl_import_abort(struct ctl_ctx *c)
{
	buf_printf(c->err, "could not save, nothing was imported / 保存失败:"
	    " %s\n", db_error(c->db));
	db_rollback(c->db);
	return CTL_FAILED;
}

int
ctl_import_commit(struct ctl_ctx *c, const char *badge, const char *action,
    const char *entity, const char *detail)
{
	if (db_audit(c->db, badge, action, entity, 0, detail, NULL) == -1 ||
	    db_commit(c->db) == -1) {
		ctl_import_abort(c);
		return -1;
	}
	return 0;
}

int
ctl_slurp(int fd, struct buf *b, size_t max, char *why, size_t wlen)
{
	char chunk[65536];
	ssize_t n;

	while ((n = read(fd, chunk, sizeof(chunk))) > 0) {
		buf_add(b, chunk, (size_t)n);
		if (b->len > max) {
			snprintf(why, wlen, "the file is larger than %zu %s",
			    max >= (1 << 20) ? max >> 20 : max >> 10,
			    max >= (1 << 20) ? "MB" : "KB");
			return -1;
		}
	}
	if (n < 0) {
		snprintf(why, wlen, "reading the file failed");
		return -1;
	}
	return 0;
}

enum ctl_status
ctl_send_file(struct ctl_ctx *c, const char *path)
{
	char chunk[65536];
	ssize_t n;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd == -1) {
		buf_printf(c->err, "%s: %s\n", path, strerror(errno));
		unlink(path);
		return CTL_FAILED;
	}
	while ((n = read(fd, chunk, sizeof(chunk))) > 0) {
		if (c->out->len + (size_t)n + 4096 > PROTO_MAX_REPLY) {
			buf_reset(c->out);
			buf_puts(c->err, "the file is larger than a reply may be:"
			    " ask for a shorter period\n");
			n = -1;
			break;
		}
		buf_add(c->out, chunk, (size_t)n);
	}
	close(fd);
	unlink(path);
	return n == 0 ? CTL_OK : CTL_FAILED;
}

static void
client_reply(struct client *cl, int status, const char *out, size_t ol,
    const char *err, size_t el)
{
	ssize_t n;

	buf_reset(&cl->out);
	proto_reply(&cl->out, status, out, ol, err, el);
	cl->sent = 0;
	/* the socket is nearly always writable: no trip round the loop */
	n = write(cl->fd, cl->out.data, cl->out.len);
	if (n == (ssize_t)cl->out.len) {
		client_free(cl);
		return;
	}
	if (n > 0)
		cl->sent = (size_t)n;
	cl->deadline = clock_mono_ms() + CTL_REPLY_MS;
	loop_set_events(cl->ctl->st->loop, cl->fd, POLLOUT);
}

static void
req_free(struct ctl_req *r)
{
	for (int i = 0; i < r->nfds; i++)
		close(r->fds[i]);
	buf_free(&r->out);
	buf_free(&r->err);
	buf_free(&r->then);
	free(r);
}

void
ctl_complete(struct ctl_req *r, enum ctl_status status)
{
	struct client *cl = r->cl;

	if (cl != NULL) {
		cl->req = NULL;
		if (r->out.len + r->err.len + 12 > PROTO_MAX_REPLY) {
			const char *msg = "reply too long: narrow the request\n";

			client_reply(cl, CTL_REFUSED, "", 0, msg, strlen(msg));
		} else
			client_reply(cl, status, r->out.data ? r->out.data : "",
			    r->out.len, r->err.data ? r->err.data : "",
			    r->err.len);
	}
	req_free(r);
}

struct ctl_req *
ctl_defer(struct ctl_ctx *c)
{
	return c->req;
}

struct ctl_ctx *
ctl_req_ctx(struct ctl_req *r)
{
	return &r->c;
}

static void
printer_answer(struct outbox *ob, const struct msg *m, void *arg)
{
	struct ctl_req *r = arg;
	enum ctl_status st = CTL_OK;
	const char *v;
	size_t len;

	(void)ob;
	if (m == NULL) {
		buf_puts(&r->err, "the printer side did not answer: try again"
		    " / 打印进程无响应，请重试\n");
		st = CTL_FAILED;
	} else if ((v = msg_get(m, "err", NULL)) != NULL) {
		buf_printf(&r->err, "%s\n", v);
		st = CTL_REFUSED;
	} else if ((v = msg_get(m, "data", &len)) != NULL)
		buf_add(&r->out, v, len);
	else if ((v = msg_get(m, "text", &len)) != NULL)
		buf_add(&r->out, v, len);
	ctl_complete(r, st);
}

enum ctl_status
ctl_ask_printer(struct ctl_ctx *c, uint32_t type, const struct buf *fields)
{
	if (c->req == NULL || outbox_call(c->st->outbox, type, fields, 60000,
	    printer_answer, c->req) == -1) {
		buf_puts(c->err, "the printer side is starting again: try again"
		    " in a moment / 打印进程正在重启\n");
		return CTL_FAILED;
	}
	return CTL_DEFER;
}

int
ctl_limit(struct ctl_ctx *c, const struct ctl_args *a)
{
	const char *v = ctl_opt(a, "--limit");
	char *end;
	long n;

	if (v == NULL)
		return CTL_PAGE;
	n = strtol(v, &end, 10);
	if (*end || end == v || n < 1 || n > CTL_PAGE_MAX) {
		buf_printf(c->err, "--limit is 1 to %d, got '%s'\n", CTL_PAGE_MAX,
		    v);
		return -1;
	}
	return (int)n;
}

int
ctl_full(const struct ctl_ctx *c)
{
	return c->out->len + c->err->len + 12 > PROTO_MAX_REPLY;
}

static void
client_run(struct client *cl, const struct proto_hdr *h)
{
	struct ctl_req *r;
	const char *why;
	int argc;
	enum ctl_status status;

	if (h->version != PROTO_VERSION) {
		char msg[160];

		snprintf(msg, sizeof(msg), "stationd speaks control protocol %d,"
		    " stationctl speaks %u: use matching versions\n",
		    PROTO_VERSION, h->version);
		client_reply(cl, 2, "", 0, msg, strlen(msg));
		return;
	}
	if ((r = calloc(1, sizeof(*r))) == NULL)
		fatal("calloc");
	argc = proto_parse_request(cl->in.data + PROTO_HDR_LEN, h->len, r->argv,
	    PROTO_MAX_ARGS, &why);
	if (h->type != PROTO_REQUEST || argc < 0) {
		char msg[160];

		snprintf(msg, sizeof(msg), "bad request: %s\n",
		    h->type != PROTO_REQUEST ? "not a request" : why);
		client_reply(cl, 2, "", 0, msg, strlen(msg));
		free(r);
		return;
	}
	buf_init(&r->out);
	buf_init(&r->err);
	r->cl = cl;
	r->workers = cl->ctl->workers ? cl->ctl->workers : cl->ctl->st->workers;
	r->c.st = cl->ctl->st;
	r->c.db = cl->ctl->st->db;
	r->c.out = &r->out;
	r->c.err = &r->err;
	r->c.req = r;
	/* the files come with the request and go with it */
	memcpy(r->fds, cl->fds, sizeof(r->fds));
	r->nfds = cl->nfds;
	cl->nfds = 0;
	r->c.fds = r->fds;
	r->c.nfds = r->nfds;
	r->c.vouched = cl->self;
	cl->req = r;
	/* no more input: the request's words point into cl->in */
	loop_set_events(cl->ctl->st->loop, cl->fd, 0);
	status = ctl_dispatch(&r->c, argc, r->argv);
	if (status != CTL_DEFER)
		ctl_complete(r, status);
}

/* Reads request bytes and keeps the descriptors that come with them. */
static ssize_t
recv_fds(struct client *cl, char *p, size_t len)
{
	union {
		char	buf[CMSG_SPACE(sizeof(int) * PROTO_MAX_FDS)];
		struct cmsghdr align;
	} u;
	struct iovec iov = { p, len };
	struct msghdr mh;
	struct cmsghdr *cm;
	ssize_t n;

	memset(&mh, 0, sizeof(mh));
	mh.msg_iov = &iov;
	mh.msg_iovlen = 1;
	mh.msg_control = u.buf;
	mh.msg_controllen = sizeof(u.buf);
	if ((n = recvmsg(cl->fd, &mh, MSG_CMSG_CLOEXEC)) <= 0)
		return n;
	for (cm = CMSG_FIRSTHDR(&mh); cm; cm = CMSG_NXTHDR(&mh, cm)) {
		int k;

		if (cm->cmsg_level != SOL_SOCKET || cm->cmsg_type != SCM_RIGHTS)
			continue;
		k = (int)((cm->cmsg_len - CMSG_LEN(0)) / sizeof(int));
		for (int i = 0; i < k; i++) {
			int fd;

			memcpy(&fd, CMSG_DATA(cm) + i * sizeof(int), sizeof(fd));
			if (cl->nfds < PROTO_MAX_FDS)
				cl->fds[cl->nfds++] = fd;
			else
				close(fd);
		}
	}
	return n;
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
	n = recv_fds(cl, tmp, sizeof(tmp));
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

/*
 * Who may talk to the station: root, the station's own user, and members
 * of the socket's group (its mode already says so; this says it again, in
 * case the socket's mode or a directory's was loosened).
 */
static int
peer_allowed(const struct ctl *ctl, int fd, const struct ucred *cred)
{
	gid_t groups[64];
	socklen_t len = sizeof(groups);

	if (cred->uid == 0 || cred->uid == geteuid() || cred->gid == ctl->gid)
		return 1;
	if (getsockopt(fd, SOL_SOCKET, SO_PEERGROUPS, groups, &len) == 0)
		for (size_t i = 0; i < len / sizeof(groups[0]); i++)
			if (groups[i] == ctl->gid)
				return 1;
	return 0;
}

/* Still sending its request: nothing handled yet, so it may be let go. */
static int
sending(const struct client *cl)
{
	return cl->req == NULL && cl->out.len == 0;
}

/*
 * Room for a new client: a free slot, else the oldest connection still
 * sending its request (a client that opened and went quiet); one user's
 * quiet connections beyond CTL_PER_PEER make room for its new one too.
 * Returns the slot, or -1 when every slot has a request being handled.
 */
static int
make_room(struct ctl *ctl, uid_t uid)
{
	struct client *oldest = NULL, *mine = NULL;
	int free_slot = -1, n_mine = 0;

	for (int i = 0; i < CTL_MAX_CLIENTS; i++) {
		struct client *c = ctl->clients[i];

		if (c == NULL) {
			if (free_slot == -1)
				free_slot = i;
			continue;
		}
		if (!sending(c))
			continue;
		if (oldest == NULL || c->born < oldest->born)
			oldest = c;
		if (c->uid == uid) {
			n_mine++;
			if (mine == NULL || c->born < mine->born)
				mine = c;
		}
	}
	if (n_mine >= CTL_PER_PEER)
		oldest = mine;
	else if (free_slot != -1)
		return free_slot;
	if (oldest == NULL)
		return -1;
	for (int i = 0; i < CTL_MAX_CLIENTS; i++)
		if (ctl->clients[i] == oldest) {
			client_free(oldest);
			return i;
		}
	return -1;
}

static int accept_one(struct loop *, int, struct ctl *);

/* One connection a turn of the loop: a client that connected and has
 * its request on the way is read before more quiet ones push it out. */
static void
ctl_accept(struct loop *l, int fd, short revents, void *arg)
{
	(void)revents;
	accept_one(l, fd, arg);
}

/* 0 when a connection was taken (or refused), -1 when none waits. */
static int
accept_one(struct loop *l, int fd, struct ctl *ctl)
{
	struct client *cl;
	struct ucred cred;
	socklen_t len = sizeof(cred);
	int cfd, slot;

	if ((cfd = accept4(fd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC)) == -1) {
		if (errno != EAGAIN && errno != EINTR)
			log_warn("control: accept");
		return -1;
	}
	if (getsockopt(cfd, SOL_SOCKET, SO_PEERCRED, &cred, &len) == -1 ||
	    !peer_allowed(ctl, cfd, &cred)) {
		log_warnx("control: refusing a client of uid %d, not in the"
		    " station's group", (int)cred.uid);
		close(cfd);
		return 0;
	}
	if ((slot = make_room(ctl, cred.uid)) == -1) {
		log_warnx("control: every connection has a request being"
		    " handled; refusing one");
		close(cfd);
		return 0;
	}
	if ((cl = calloc(1, sizeof(*cl))) == NULL)
		fatal("calloc");
	cl->fd = cfd;
	cl->ctl = ctl;
	cl->uid = cred.uid;
	cl->self = cred.pid == getpid();
	buf_init(&cl->in);
	buf_init(&cl->out);
	cl->born = clock_mono_ms();
	cl->deadline = cl->born + CTL_REQUEST_MS;
	if (loop_add_fd(l, cfd, POLLIN, client_io, cl) == -1) {
		close(cfd);
		free(cl);
		return 0;
	}
	ctl->clients[slot] = cl;
	loop_timer(l, 250, ctl_sweep, ctl);
	/* the request is often there already */
	client_io(l, cfd, POLLIN, cl);
	return 0;
}

/*
 * Drops connections that did not send their request in time, or did not
 * take their reply. A request being handled is answered, however long that
 * takes: a reply to a handled request is never dropped for the time.
 */
static void
ctl_sweep(struct loop *l, void *arg)
{
	struct ctl *ctl = arg;
	uint64_t now = clock_mono_ms();
	int left = 0;

	for (int i = 0; i < CTL_MAX_CLIENTS; i++) {
		struct client *cl = ctl->clients[i];

		if (cl == NULL)
			continue;
		if (cl->req == NULL && now >= cl->deadline)
			client_free(cl);
		else
			left++;
	}
	if (left)
		loop_timer(l, 250, ctl_sweep, ctl);
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
	if (chmod(path, 0660) == -1 || listen(fd, SOMAXCONN) == -1) {
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
	{
		struct stat sb;

		ctl->gid = stat(path, &sb) == 0 ? sb.st_gid : getegid();
	}
	loop_add_fd(st->loop, fd, POLLIN, ctl_accept, ctl);
	return ctl;
}

void
ctl_use_workers(struct ctl *ctl, struct workers *w)
{
	ctl->workers = w;
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
