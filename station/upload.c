/* The upload thread (see upload.h). Blocking is allowed here. */
#define _GNU_SOURCE	/* pthread_timedjoin_np, gettid */
#include <sys/eventfd.h>
#include <poll.h>
#include <sys/resource.h>

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "pqlib.h"

#include "../common/buf.h"
#include "../common/clock.h"
#include "../common/log.h"
#include "../db/db.h"
#include "../common/jsonr.h"
#include "../common/loop.h"
#include "config.h"
#include "pull.h"
#include "upload.h"

#define FIELDS_BYTES	(8u << 20)	/* about this much a batch */
#define IDLE_MS		250		/* looking for new events */
#define BACKOFF_MAX_S	30
#define PULL_EVERY_S	2		/* asking for central changes */
#define PULL_ROWS	200		/* changes a pull */

/*
 * A connection to the central database. While events wait, up to NLINK
 * take turns: while one applies its batch under the station's lock, the
 * others stage the batches after it (rs.stage: the events go in, waiting
 * on no one), so the server and the station work at once. When all is up
 * only the first stays open.
 */
#define NLINK	3

struct link {
	PGconn			*pg;
	PGcancel		*cancel;	/* under the uplink's mu */
	struct buf		 copy;		/* its batch's COPY data */
	int64_t			 last;		/* its batch's last event */
	int			 count;		/* events in its batch */
	int			 state;		/* L_… */
	int64_t			 hw;		/* what rs.apply said */
};

/* A link's batch: copied in, staged, applied, committed, in this order. */
enum { L_IDLE, L_COPYING, L_STAGING, L_STAGED, L_APPLYING, L_COMMITTING };

struct uplink {
	pthread_t		 th;
	pthread_mutex_t		 mu;
	pthread_cond_t		 cv;
	atomic_int		 stop;
	char			*url;		/* copies: a reload frees */
	char			*desk;		/* the config */
	int			 limit;		/* events a batch */
	struct db		*db;
	struct link		 ln[NLINK];	/* ln[0] also reads and pulls */
	int			 fifo[NLINK];	/* staged links, oldest first */
	int			 nfifo;
	int64_t			 queued;	/* last event staged */
	int64_t			 seen_head;	/* the desk's last event seen */
	int64_t			 wrote_ms;	/* when it last grew */
	int			 hw_known;	/* read since connecting */
	struct upload_status	 st;		/* under mu */
	int64_t			 sent;		/* the central mark, as noted */
	int			 efd;		/* wakes the loop: a pull came */
	struct loop		*loop;
	struct db		*loopdb;	/* the desk's connection */
	char			*pulled;	/* under mu: for the loop */
	int			 pull_pending;	/* under mu: not applied yet */
	int			 baseline_sent;	/* the loop's: old records sent */
	void			(*taken)(void *); /* after central changes */
	void			*taken_arg;
	time_t			 pull_tried;
	char			*database;
};

void
upload_status(struct uplink *u, struct upload_status *out)
{
	pthread_mutex_lock(&u->mu);
	*out = u->st;
	pthread_mutex_unlock(&u->mu);
}

/* Records an error in words (the first line of what was said). */
static void
fail(struct uplink *u, const char *what, const char *why)
{
	char line[300];

	snprintf(line, sizeof(line), "%s", why ? why : "");
	line[strcspn(line, "\n")] = '\0';
	pthread_mutex_lock(&u->mu);
	snprintf(u->st.error, sizeof(u->st.error), "%s: %s", what, line);
	u->st.error_at = time(NULL);
	pthread_mutex_unlock(&u->mu);
}

/* Sleeps ms, or until asked to stop. */
static void
nap(struct uplink *u, long ms)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	ts.tv_sec += ms / 1000;
	ts.tv_nsec += (ms % 1000) * 1000000L;
	if (ts.tv_nsec >= 1000000000L) {
		ts.tv_sec++;
		ts.tv_nsec -= 1000000000L;
	}
	pthread_mutex_lock(&u->mu);
	if (!atomic_load(&u->stop))
		pthread_cond_timedwait(&u->cv, &u->mu, &ts);
	pthread_mutex_unlock(&u->mu);
}

static int
result_ok(struct uplink *u, PGconn *pg, PGresult *r, ExecStatusType want,
    const char *what)
{
	if (PQresultStatus(r) == want)
		return 0;
	fail(u, what, r && PQresultErrorMessage(r)[0] ?
	    PQresultErrorMessage(r) : PQerrorMessage(pg));
	return -1;
}

static void
link_close(struct uplink *u, struct link *l)
{
	pthread_mutex_lock(&u->mu);
	if (l->cancel)
		PQfreeCancel(l->cancel);
	l->cancel = NULL;
	pthread_mutex_unlock(&u->mu);
	PQfinish(l->pg);
	l->pg = NULL;
	l->state = L_IDLE;
}

static void
disconnect(struct uplink *u)
{
	for (int i = 0; i < NLINK; i++)
		link_close(u, &u->ln[i]);
	pthread_mutex_lock(&u->mu);
	u->st.connected = 0;
	pthread_mutex_unlock(&u->mu);
	u->nfifo = 0;
	u->hw_known = 0;
}

static int
connect_central(struct uplink *u, struct link *l)
{
	const char *keys[] = { "dbname", "connect_timeout", "application_name",
	    "keepalives", "keepalives_idle", "keepalives_interval",
	    "keepalives_count", "tcp_user_timeout", NULL };
	const char *vals[] = { u->url, "10", "stationd", "1", "30",
	    "10", "3", "30000", NULL };
	PGresult *r;

	l->pg = PQconnectdbParams(keys, vals, 1);
	if (PQstatus(l->pg) != CONNECTION_OK) {
		fail(u, "cannot reach the central database",
		    PQerrorMessage(l->pg));
		PQfinish(l->pg);
		l->pg = NULL;
		return -1;
	}
	/* nothing waits forever on a stalled server; notices are not errors */
	r = PQexec(l->pg, "SET statement_timeout = '300s';"
	    " SET client_min_messages = warning");
	PQclear(r);
	/* the connection's own inbox (central migration 7) */
	r = PQexec(l->pg, "SELECT rs.inbox_open()");
	if (result_ok(u, l->pg, r, PGRES_TUPLES_OK, "the central database"
	    " cannot take uploads (is scripts/central-db.sh run?)") == -1) {
		PQclear(r);
		PQfinish(l->pg);
		l->pg = NULL;
		return -1;
	}
	PQclear(r);
	pthread_mutex_lock(&u->mu);
	l->cancel = PQgetCancel(l->pg);
	if (l == &u->ln[0])
		u->st.connected = 1;
	pthread_mutex_unlock(&u->mu);
	if (l == &u->ln[0])
		log_info("upload: connected to the central database");
	return 0;
}

/* One COPY text field: \N for NULL, the rest escaped (runs of plain
 * bytes added whole: a batch is megabytes of JSON). */
static void
copy_field(struct buf *b, const char *s, int last)
{
	if (s == NULL)
		buf_puts(b, "\\N");
	else
		for (;;) {
			size_t n = strcspn(s, "\\\t\n\r");

			buf_add(b, s, n);
			s += n;
			if (*s == '\0')
				break;
			switch (*s++) {
			case '\\': buf_puts(b, "\\\\"); break;
			case '\t': buf_puts(b, "\\t"); break;
			case '\n': buf_puts(b, "\\n"); break;
			default: buf_puts(b, "\\r");
			}
		}
	buf_add(b, last ? "\n" : "\t", 1);
}

struct copy_ctx {
	struct buf	*b;
	int64_t		 last;
	int		 count;
};

static int
copy_row(void *arg, const struct db_up_event *e)
{
	struct copy_ctx *x = arg;
	struct buf *b = x->b;
	char num[3][24];

	snprintf(num[0], sizeof(num[0]), "%" PRId64, e->seq);
	snprintf(num[1], sizeof(num[1]), "%" PRId64, e->entity_id);
	snprintf(num[2], sizeof(num[2]), "%d", e->hv);
	copy_field(b, e->uid, 0);
	copy_field(b, e->station, 0);
	copy_field(b, num[0], 0);
	copy_field(b, e->at, 0);
	copy_field(b, e->actor, 0);
	copy_field(b, e->action, 0);
	copy_field(b, e->entity, 0);
	copy_field(b, e->has_entity_id ? num[1] : NULL, 0);
	copy_field(b, e->entity_uid, 0);
	copy_field(b, e->detail, 0);
	copy_field(b, e->fields, 0);
	copy_field(b, num[2], 0);
	copy_field(b, e->prev_hash, 0);
	copy_field(b, e->hash, 1);
	x->last = e->seq;
	x->count++;
	return 0;
}

int
upload_copy_text(struct db *db, int64_t after, int limit, size_t max_bytes,
    struct buf *out, int64_t *last)
{
	struct copy_ctx x = { out, after, 0 };

	if (db_sync_events(db, after, limit, max_bytes, copy_row, &x) == -1)
		return -1;
	*last = x.last;
	return x.count;
}

/*
 * How far the central database has this station's events is noted beside
 * the database (DATABASE-sync), never in it: a write there would contend
 * with the desk's. The central database is the truth; the note is what the
 * station says while it cannot ask.
 */
static void
mark_path(const char *database, char *out, size_t len)
{
	snprintf(out, len, "%s-sync", database);
}

int
upload_mark_read(const char *database, int64_t *seq, char at[32])
{
	char path[4096], line[128];
	FILE *f;
	int rc = 0;

	*seq = 0;
	at[0] = '\0';
	mark_path(database, path, sizeof(path));
	if ((f = fopen(path, "r")) == NULL)
		return errno == ENOENT ? 0 : -1;
	if (fgets(line, sizeof(line), f) == NULL ||
	    sscanf(line, "%" SCNd64 " %31s", seq, at) != 2 || *seq < 0)
		rc = -1;
	fclose(f);
	return rc;
}

/*
 * Notes the last event the central database holds. Whole or not at all
 * (a rename), but not forced to the disk: the central mark is the truth,
 * read on every connect; this note only tells sync status while the
 * server is away, and a note lost in a power cut is one batch behind.
 */
static int
mark(struct uplink *u, int64_t seq)
{
	char path[4096], tmp[4200], now[32], line[80];
	int fd, n;

	mark_path(u->database, path, sizeof(path));
	snprintf(tmp, sizeof(tmp), "%s.tmp", path);
	clock_now_iso(now, sizeof(now));
	n = snprintf(line, sizeof(line), "%" PRId64 " %s\n", seq, now);
	if ((fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644)) ==
	    -1 || write(fd, line, (size_t)n) != n) {
		fail(u, "cannot note the upload", strerror(errno));
		if (fd != -1)
			close(fd);
		return -1;
	}
	if (close(fd) == -1 || rename(tmp, path) == -1) {
		fail(u, "cannot note the upload", strerror(errno));
		return -1;
	}
	pthread_mutex_lock(&u->mu);
	u->sent = seq;
	pthread_mutex_unlock(&u->mu);
	return 0;
}

/* Where the central database stands for this station; a mark that says
 * less than it holds is moved up (a crash after a commit there). */
static int
high_water(struct uplink *u, const struct db_sync_state *s)
{
	const char *p[1] = { s->station };
	PGconn *pg = u->ln[0].pg;
	PGresult *r = PQexecParams(pg, "SELECT rs.high_water($1::uuid)", 1,
	    NULL, p, NULL, NULL, 0);
	int64_t hw;

	if (result_ok(u, pg, r, PGRES_TUPLES_OK, "reading the central"
	    " high-water mark") == -1) {
		PQclear(r);
		return -1;
	}
	hw = strtoll(PQgetvalue(r, 0, 0), NULL, 10);
	PQclear(r);
	pthread_mutex_lock(&u->mu);
	u->st.central = hw;
	pthread_mutex_unlock(&u->mu);
	if (hw > s->head) {
		char why[200];

		snprintf(why, sizeof(why), "it holds %" PRId64 " events of this"
		    " station, this database only %" PRId64, hw, s->head);
		fail(u, "the central database is ahead of this station (was"
		    " this database restored from an older copy?)", why);
		return -1;
	}
	if (hw != u->sent && mark(u, hw) == -1)
		return -1;
	u->hw_known = 1;
	return 0;
}

/* Drops what a link has in hand: its transaction rolled back. */
static void
link_reset(struct link *l)
{
	PGresult *r;

	l->state = L_IDLE;
	if (l->pg == NULL || PQstatus(l->pg) != CONNECTION_OK)
		return;
	/* what is still coming is read first; a COPY left open is ended */
	while ((r = PQgetResult(l->pg)) != NULL) {
		ExecStatusType st = PQresultStatus(r);

		PQclear(r);
		if (st == PGRES_COPY_IN) {
			if (PQputCopyEnd(l->pg, "abandoned") != 1)
				return;
		} else if (st == PGRES_COPY_OUT || st == PGRES_COPY_BOTH)
			return;
	}
	if (PQtransactionStatus(l->pg) != PQTRANS_IDLE) {
		r = PQexec(l->pg, "ROLLBACK");
		PQclear(r);
	}
}

/*
 * Takes the events after `after` into link l and copies them in, not
 * waiting for the server to take them: the number taken, 0 for none, -1
 * on error.
 */
static int
fill(struct uplink *u, struct link *l, int64_t after)
{
	PGresult *r;

	buf_reset(&l->copy);
	if ((l->count = upload_copy_text(u->db, after, u->limit,
	    FIELDS_BYTES, &l->copy, &l->last)) == -1) {
		fail(u, "reading the events", db_error(u->db));
		return -1;
	}
	if (l->count == 0)
		return 0;
	r = PQexec(l->pg, "BEGIN");
	if (result_ok(u, l->pg, r, PGRES_COMMAND_OK, "upload") == -1)
		goto fail;
	PQclear(r);
	r = PQexec(l->pg, "COPY pg_temp.rs_inbox (event_id, station, seq, at,"
	    " actor, action, entity, entity_id, entity_uid, detail, fields,"
	    " hv, prev_hash, hash) FROM STDIN");
	if (result_ok(u, l->pg, r, PGRES_COPY_IN, "upload") == -1)
		goto fail;
	PQclear(r);
	if (PQputCopyData(l->pg, l->copy.data, (int)l->copy.len) != 1 ||
	    PQputCopyEnd(l->pg, NULL) != 1) {
		fail(u, "upload", PQerrorMessage(l->pg));
		link_reset(l);
		return -1;
	}
	l->state = L_COPYING;
	return l->count;
fail:
	PQclear(r);
	link_reset(l);
	return -1;
}

/* Sends a link's next step; -1 when it cannot be sent. */
static int
send_step(struct uplink *u, struct link *l, const char *sql, int nparams,
    const char *station, int state)
{
	const char *p[2] = { station, u->desk };

	if (PQsendQueryParams(l->pg, sql, nparams, NULL, nparams ? p : NULL,
	    NULL, NULL, 0) != 1) {
		fail(u, "upload", PQerrorMessage(l->pg));
		return -1;
	}
	l->state = state;
	return 0;
}

/*
 * Takes what the server has said on a link and moves its batch on: 0 while
 * it works, 1 when it moved, 2 when its batch committed, -1 when refused.
 */
static int
step(struct uplink *u, struct link *l, const char *station)
{
	static const ExecStatusType want[] = {
		[L_COPYING] = PGRES_COMMAND_OK, [L_STAGING] = PGRES_TUPLES_OK,
		[L_APPLYING] = PGRES_TUPLES_OK,
		[L_COMMITTING] = PGRES_COMMAND_OK,
	};
	PGresult *r;

	if (PQconsumeInput(l->pg) == 0) {
		fail(u, "upload", PQerrorMessage(l->pg));
		return -1;
	}
	while (!PQisBusy(l->pg)) {
		if ((r = PQgetResult(l->pg)) != NULL) {
			if (result_ok(u, l->pg, r, want[l->state],
			    l->state == L_COPYING ? "upload" : "the central"
			    " database refused the upload") == -1) {
				PQclear(r);
				return -1;
			}
			if (l->state == L_APPLYING)
				l->hw = strtoll(PQgetvalue(r, 0, 0), NULL, 10);
			PQclear(r);
			continue;
		}
		switch (l->state) {
		case L_COPYING:
			return send_step(u, l, "SELECT rs.stage($1::uuid)", 1,
			    station, L_STAGING) == -1 ? -1 : 1;
		case L_STAGING:
			l->state = L_STAGED;
			return 1;
		case L_APPLYING:
			return send_step(u, l, "COMMIT", 0, NULL,
			    L_COMMITTING) == -1 ? -1 : 1;
		case L_COMMITTING:
			l->state = L_IDLE;
			return 2;
		default:
			return 0;
		}
	}
	return 0;
}

/* A connected link without a batch; NULL for none. */
static struct link *
free_link(struct uplink *u)
{
	for (int i = 0; i < NLINK; i++) {
		struct link *l = &u->ln[i];

		if (l->state != L_IDLE)
			continue;
		if (l->pg && PQstatus(l->pg) != CONNECTION_OK)
			link_close(u, l);
		if (l->pg == NULL && connect_central(u, l) == -1)
			return NULL;
		return l;
	}
	return NULL;
}

/*
 * Whether the desk is quiet: it wrote no event for QUIET_MS. Only then are
 * batches copied in ahead, whose work takes the server's CPU (on a desk
 * that runs the server itself, its scans' CPU).
 */
#define QUIET_MS	500

static int
upload_quiet(struct uplink *u, int64_t head)
{
	int64_t now = (int64_t)clock_mono_ms();

	/* (a station just started counts as having seen a write) */
	if (u->seen_head != head) {
		u->wrote_ms = now;
		u->seen_head = head;
	}
	return now - u->wrote_ms >= QUIET_MS;
}

/* Rolls back every batch in hand: none can follow one not applied. */
static void
drop_staged(struct uplink *u)
{
	for (int i = 0; i < NLINK; i++)
		link_reset(&u->ln[i]);
	u->nfifo = 0;
	u->hw_known = 0;
}

/*
 * Moves the batches in hand on until the oldest has committed, copying in
 * the next ones on the other links meanwhile (while the desk is quiet: its
 * scans come first). The number applied, 0 for none waiting, or -1.
 */
static int
batch(struct uplink *u)
{
	struct db_sync_state s;
	struct link *a, *l;
	int nofill = 0;

	if (db_sync_state(u->db, &s) == -1) {
		fail(u, "reading the events", db_error(u->db));
		return -1;
	}
	if (!u->hw_known) {
		if (high_water(u, &s) == -1)
			return -1;
		u->queued = u->sent;
	}
	if (u->nfifo == 0 && s.head <= u->sent) {
		/* all up: the extra links are let go */
		for (int i = 1; i < NLINK; i++)
			if (u->ln[i].pg)
				link_close(u, &u->ln[i]);
		return 0;
	}
	while (!atomic_load(&u->stop)) {
		struct pollfd pf[NLINK];
		int moved = 0, lanes = upload_quiet(u, s.head) ? NLINK : 1;

		a = u->nfifo ? &u->ln[u->fifo[0]] : NULL;
		if (a && a->state == L_STAGED) {
			if (send_step(u, a, "SELECT rs.apply($1::uuid, $2)",
			    2, s.station, L_APPLYING) == -1)
				goto fail;
			moved = 1;
		}
		if (!nofill && u->nfifo < lanes && s.head > u->queued &&
		    (l = free_link(u)) != NULL) {
			int n = fill(u, l, u->queued);

			if (n > 0) {
				u->fifo[u->nfifo++] = (int)(l - u->ln);
				u->queued = l->last;
				moved = 1;
			} else if (u->nfifo == 0) {
				return n;
			} else {
				/* not ahead this time */
				if (PQstatus(l->pg) != CONNECTION_OK)
					link_close(u, l);
				nofill = 1;
			}
		} else if (u->nfifo == 0)
			return -1;	/* no link: fail() said why */
		for (int i = 0; i < u->nfifo; i++) {
			struct link *b = &u->ln[u->fifo[i]];
			int rc = step(u, b, s.station);

			if (rc == -1)
				goto fail;
			if (rc == 2) {
				/* only the oldest commits: it alone applied */
				memmove(u->fifo, u->fifo + 1,
				    (size_t)(--u->nfifo) * sizeof(int));
				/* applied there: only now is it sent */
				pthread_mutex_lock(&u->mu);
				u->st.central = b->hw;
				u->st.uploaded += b->count;
				u->st.last_ok = time(NULL);
				u->st.error_at = 0;
				u->st.error[0] = '\0';
				pthread_mutex_unlock(&u->mu);
				if (mark(u, b->hw) == -1)
					goto fail;
				return b->count;
			}
			moved |= rc;
		}
		if (moved)
			continue;
		for (int i = 0; i < u->nfifo; i++) {
			pf[i].fd = PQsocket(u->ln[u->fifo[i]].pg);
			pf[i].events = POLLIN;
		}
		if (poll(pf, (nfds_t)u->nfifo, 1000) == -1 && errno != EINTR) {
			fail(u, "upload", strerror(errno));
			goto fail;
		}
	}
	return 0;
fail:
	drop_staged(u);
	return -1;
}

/* Asks for the central changes after the last one applied here; a batch
 * is handed to the loop, which applies it on the desk's connection. 1 when
 * one was handed over, 0 when there was nothing, -1 on error. */
static int
pull(struct uplink *u, const struct db_sync_state *s)
{
	char after[24], at[32];
	const char *p[2];
	int64_t have;
	PGresult *r;
	struct jr *top;
	int none;

	pthread_mutex_lock(&u->mu);
	none = u->pull_pending || u->loop == NULL;
	pthread_mutex_unlock(&u->mu);
	if (none || time(NULL) - u->pull_tried < PULL_EVERY_S)
		return 0;
	u->pull_tried = time(NULL);
	if (db_sync_pulled(u->db, &have, at) == -1) {
		fail(u, "reading what was pulled", db_error(u->db));
		return -1;
	}
	snprintf(after, sizeof(after), "%" PRId64, have);
	p[0] = s->station;
	p[1] = after;
	r = PQexecParams(u->ln[0].pg, "SELECT rs.pull($1::uuid, $2::bigint, "
	    "200)::text, rs.pull_head()", 2, NULL, p, NULL, NULL, 0);
	if (result_ok(u, u->ln[0].pg, r, PGRES_TUPLES_OK, "pulling from the central"
	    " database") == -1) {
		PQclear(r);
		return -1;
	}
	pthread_mutex_lock(&u->mu);
	u->st.pull_head = strtoll(PQgetvalue(r, 0, 1), NULL, 10);
	u->st.pulled = have;
	pthread_mutex_unlock(&u->mu);
	/* nothing new, and nothing of ours to step past */
	top = jr_parse(PQgetvalue(r, 0, 0), (size_t)PQgetlength(r, 0, 0));
	none = top && jr_get(top, "rows") && jr_get(top, "rows")->n == 0 &&
	    strtoll(jr_str(top, "upto"), NULL, 10) <= have;
	jr_free(top);
	if (!none) {
		char *copy = strdup(PQgetvalue(r, 0, 0));
		uint64_t one = 1;

		if (copy == NULL) {
			PQclear(r);
			return -1;
		}
		pthread_mutex_lock(&u->mu);
		u->pulled = copy;
		u->pull_pending = 1;
		pthread_mutex_unlock(&u->mu);
		if (write(u->efd, &one, sizeof(one)) != sizeof(one))
			log_warn("upload: waking the loop");
	}
	PQclear(r);
	return none ? 0 : 1;
}

/* In the loop: a pulled batch applied on the desk's connection. */
static void
pulled_ready(struct loop *l, int fd, short revents, void *arg)
{
	struct uplink *u = arg;
	char cause[300], *json;
	uint64_t v;
	int64_t last = 0;
	int n;

	(void)l;
	(void)revents;
	if (read(fd, &v, sizeof(v)) != sizeof(v))
		return;
	pthread_mutex_lock(&u->mu);
	json = u->pulled;
	u->pulled = NULL;
	pthread_mutex_unlock(&u->mu);
	if (json == NULL)
		return;
	n = pull_apply(u->loopdb, json, strlen(json), &last, cause,
	    sizeof(cause));
	free(json);
	pthread_mutex_lock(&u->mu);
	u->pull_pending = 0;
	if (n == -1) {
		snprintf(u->st.error, sizeof(u->st.error), "applying what was"
		    " pulled: %s", cause);
		u->st.error_at = time(NULL);
	} else {
		u->st.pulled = last;
		u->st.pulled_rows += n;
		u->st.last_pull = time(NULL);
	}
	pthread_cond_broadcast(&u->cv);
	pthread_mutex_unlock(&u->mu);
	if (n == -1)
		log_warnx("pull: %s", cause);
	else if (n > 0) {
		log_info("pull: %d central changes taken (up to %" PRId64 ")",
		    n, last);
		if (u->taken)
			u->taken(u->taken_arg);
	}
}

/*
 * The records written before any event carried them go up a batch an
 * event, each a short transaction of the desk's connection, a batch every
 * 20 ms while there are any: a year of records takes some minutes and no
 * scan waits on it.
 */
#define BASELINE_ROWS	200

static void
baseline_tick(struct loop *l, void *arg)
{
	struct uplink *u = arg;
	int64_t left = 0;
	int rc = db_sync_baseline(u->loopdb, BASELINE_ROWS, &left);

	pthread_mutex_lock(&u->mu);
	u->st.baseline = rc == -1 ? u->st.baseline : left;
	pthread_mutex_unlock(&u->mu);
	if (rc == 1) {
		u->baseline_sent = 1;
		loop_timer(l, 20, baseline_tick, u);
		return;
	}
	if (rc == -1) {
		log_warnx("upload: the records from before: %s",
		    db_error(u->loopdb));
		loop_timer(l, 5000, baseline_tick, u);
	} else if (u->baseline_sent)
		log_info("upload: the records from before are all in events");
}

void
upload_attach(struct uplink *u, struct loop *l, struct db *db,
    void (*taken)(void *), void *arg)
{
	if (u == NULL)
		return;
	if (loop_add_fd(l, u->efd, POLLIN, pulled_ready, u) == -1) {
		log_warnx("upload: central changes will not be pulled");
		return;
	}
	pthread_mutex_lock(&u->mu);
	u->loop = l;
	u->loopdb = db;
	u->taken = taken;
	u->taken_arg = arg;
	pthread_mutex_unlock(&u->mu);
	loop_timer(l, 200, baseline_tick, u);
}

static void *
thread_main(void *arg)
{
	struct uplink *u = arg;
	long backoff = 1;

	/* behind the desk's threads for the CPU, never ahead */
	setpriority(PRIO_PROCESS, (id_t)gettid(), 10);
	while (!atomic_load(&u->stop)) {
		int n;

		pthread_mutex_lock(&u->mu);
		u->st.last_try = time(NULL);
		pthread_mutex_unlock(&u->mu);
		if (u->ln[0].pg == NULL && connect_central(u, &u->ln[0]) == -1) {
			nap(u, backoff * 1000);
			if ((backoff *= 2) > BACKOFF_MAX_S)
				backoff = BACKOFF_MAX_S;
			continue;
		}
		if ((n = batch(u)) == -1) {
			if (PQstatus(u->ln[0].pg) != CONNECTION_OK) {
				log_warnx("upload: %s", u->st.error);
				disconnect(u);
			}
			nap(u, backoff * 1000);
			if ((backoff *= 2) > BACKOFF_MAX_S)
				backoff = BACKOFF_MAX_S;
			continue;
		}
		backoff = 1;
		if (n == 0) {
			struct db_sync_state s;

			/* caught up: what changed centrally comes down */
			if (db_sync_state(u->db, &s) == 0 && pull(u, &s) == -1 &&
			    PQstatus(u->ln[0].pg) != CONNECTION_OK) {
				disconnect(u);
				continue;
			}
			nap(u, IDLE_MS);
		}
	}
	disconnect(u);
	return NULL;
}

struct uplink *
upload_start(const struct st_config *cf, char *cause, size_t clen)
{
	struct uplink *u;
	char at[32];

	if ((u = calloc(1, sizeof(*u))) == NULL) {
		snprintf(cause, clen, "out of memory");
		return NULL;
	}
	u->st.central = -1;
	u->st.pull_head = -1;
	u->seen_head = -1;
	u->limit = cf->sync_batch;
	if ((u->database = strdup(cf->database)) == NULL ||
	    (u->url = strdup(cf->sync_url)) == NULL ||
	    (u->desk = strdup(cf->desk)) == NULL) {
		snprintf(cause, clen, "out of memory");
		goto fail;
	}
	for (int i = 0; i < NLINK; i++)
		buf_init(&u->ln[i].copy);
	pthread_mutex_init(&u->mu, NULL);
	pthread_cond_init(&u->cv, NULL);
	if ((u->efd = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK)) == -1) {
		snprintf(cause, clen, "eventfd: %s", strerror(errno));
		goto fail;
	}
	if (upload_mark_read(cf->database, &u->sent, at) == -1) {
		snprintf(cause, clen, "%s-sync: unreadable; remove it (the"
		    " central database says again how far it is)", cf->database);
		goto fail;
	}
	/* read only: the desk is the one writer of its database */
	if ((u->db = db_open_ro(cf->database, cause, clen)) == NULL)
		goto fail;
	if ((errno = pthread_create(&u->th, NULL, thread_main, u)) != 0) {
		snprintf(cause, clen, "upload thread: %s", strerror(errno));
		db_close(u->db);
		goto fail;
	}
	return u;
fail:
	for (int i = 0; i < NLINK; i++)
		buf_free(&u->ln[i].copy);
	free(u->database);
	free(u->url);
	free(u->desk);
	free(u);
	return NULL;
}

void
upload_stop(struct uplink *u)
{
	struct timespec ts;
	char err[256];

	if (u == NULL)
		return;
	pthread_mutex_lock(&u->mu);
	atomic_store(&u->stop, 1);
	pthread_cond_broadcast(&u->cv);
	for (int i = 0; i < NLINK; i++)
		if (u->ln[i].cancel)
			PQcancel(u->ln[i].cancel, err, sizeof(err));
	pthread_mutex_unlock(&u->mu);
	/* a server that does not answer does not hold the station's stop */
	clock_gettime(CLOCK_REALTIME, &ts);
	ts.tv_sec += 3;
	if (pthread_timedjoin_np(u->th, NULL, &ts) != 0) {
		log_warnx("upload: the thread did not stop in time; left");
		return;
	}
	db_close(u->db);
	if (u->loop) {
		loop_del_fd(u->loop, u->efd);
		loop_timer_cancel(u->loop, baseline_tick, u);
	}
	close(u->efd);
	free(u->pulled);
	for (int i = 0; i < NLINK; i++)
		buf_free(&u->ln[i].copy);
	free(u->database);
	free(u->url);
	free(u->desk);
	pthread_cond_destroy(&u->cv);
	pthread_mutex_destroy(&u->mu);
	free(u);
}
