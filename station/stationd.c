/* stationd: the Return Station daemon. */
#define _GNU_SOURCE
#include <sys/stat.h>
#include <sys/wait.h>

#include <errno.h>
#include <getopt.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <limits.h>
#include <malloc.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "../common/clock.h"
#include "../db/db.h"
#include "../drivers/scanner.h"
#include "../labels/label.h"
#include "../common/buf.h"
#include "backup.h"
#include "carriers.h"
#include "config.h"
#include "rules.h"
#include "ctl.h"
#include "../demo/demo.h"
#include "../common/log.h"
#include "../common/loop.h"
#include "notify.h"
#include "anchor.h"
#include "outbox.h"
#include "report.h"
#include "schedule.h"
#include "web.h"
#include "station.h"
#include "upload.h"
#include "sources.h"
#include "worker.h"

#ifndef STATION_CONF
#define STATION_CONF "/etc/station/station.conf"
#endif

static volatile sig_atomic_t sig_term, sig_hup, sig_chld;

static void
on_signal(int sig)
{
	switch (sig) {
	case SIGTERM:
	case SIGINT:
		sig_term = 1;
		break;
	case SIGHUP:
		sig_hup = 1;
		break;
	case SIGCHLD:
		sig_chld = 1;
		break;
	}
}

/* A fault in a mapped file (SQLite's -shm cut short or taken away) must
 * not end the daemon without a word: say it, then die of it as before. */
static void
on_bus(int sig)
{
	static const char m[] = "stationd: SIGBUS: a memory-mapped file"
	    " failed (the database's -shm file cut short, made read-only or on"
	    " a failing disk); stopping. Check the files beside the database"
	    " and start again.\n";
	ssize_t r = write(STDERR_FILENO, m, sizeof(m) - 1);

	(void)r;
	signal(sig, SIG_DFL);
	raise(sig);
}

static void
print_line(void *arg, const char *line)
{
	(void)arg;
	printf("%s\n", line);
}

static void __attribute__((noreturn))
usage(int status)
{
	fprintf(status ? stderr : stdout, "usage: stationd [-dfn] [-c FILE]\n"
	    "       stationd --demo DIR\n"
	    "  -c FILE     configuration (default " STATION_CONF ")\n"
	    "  -f          stay in the foreground, log to stderr\n"
	    "  -n          check the configuration and exit\n"
	    "  -d          debug logging\n"
	    "  --demo DIR  self-contained demo in DIR: private CUPS, virtual"
	    " label printer\n"
	    "  --list-scanners        USB scanners, serial ports and input"
	    " devices\n"
	    "  --test-scanner SOURCE [--count N]  print what SOURCE reads,"
	    " register nothing\n"
	    "  --restore BACKUP  put a backup (stationctl backup) in place of"
	    " the database;\n"
	    "              stationd must be stopped\n"
	    "  --version   print the version and exit\n"
	    "See stationd(8) for the scan language and the configuration.\n");
	exit(status);
}

/* Makes the directory that will hold path (socket, database). */
static void
mkparent(const char *path)
{
	char tmp[PATH_MAX], *slash;

	snprintf(tmp, sizeof(tmp), "%s", path);
	if ((slash = strrchr(tmp, '/')) == NULL || slash == tmp)
		return;
	*slash = '\0';
	for (char *p = tmp + 1; *p; p++)
		if (*p == '/') {
			*p = '\0';
			mkdir(tmp, 0755);
			*p = '/';
		}
	if (mkdir(tmp, 0750) == -1 && errno != EEXIST)
		log_warn("mkdir %s", tmp);
}

static void
reload(struct station *st)
{
	struct st_config *ncf, *old = st->cf;
	char cause[4096];

	if (old->path == NULL) {
		log_warnx("reload: running on built-in defaults, nothing to read");
		return;
	}
	if ((ncf = config_load(old->path, cause, sizeof(cause))) == NULL) {
		log_warnx("reload refused, keeping the running config: %s", cause);
		return;
	}
	/* these are bound at start */
	if (strcmp(ncf->database, old->database) ||
	    strcmp(ncf->socket, old->socket) || strcmp(ncf->desk, old->desk)) {
		log_warnx("reload: database, socket and desk changes take"
		    " effect after a restart");
		free(ncf->database);
		free(ncf->socket);
		free(ncf->desk);
		ncf->database = strdup(old->database);
		ncf->socket = strdup(old->socket);
		ncf->desk = strdup(old->desk);
		if (!ncf->database || !ncf->socket || !ncf->desk)
			fatal("strdup");
	}
	if (strcmp(ncf->sync_url, old->sync_url) ||
	    ncf->sync_batch != old->sync_batch) {
		log_warnx("reload: [sync] changes take effect after a restart");
		free(ncf->sync_url);
		if ((ncf->sync_url = strdup(old->sync_url)) == NULL)
			fatal("strdup");
		ncf->sync_batch = old->sync_batch;
	}
	st->cf = ncf;
	st->intake.cf = ncf;
	carriers_attach(st);
	log_setdebug(ncf->debug);
	db_set_busy_timeout(st->db, ncf->busy_timeout_ms);
	config_free(old);
	/* a printer side of the new configuration: queue, server, templates */
	outbox_reconfigure(st->outbox);
	log_info("configuration reloaded from %s", ncf->path);
}

static void
wake(void *arg)
{
	struct station *st = arg;

	if (sig_chld) {
		pid_t pid;
		int status;

		sig_chld = 0;
		while ((pid = waitpid(-1, &status, WNOHANG)) > 0) {
			demo_reaped(st->demo, pid, status);
			outbox_reaped(st->outbox, pid, status);
		}
	}
	if (sig_hup) {
		sig_hup = 0;
		st_notify("RELOADING=1");
		reload(st);
		st_notify("READY=1");
	}
	if (sig_term)
		loop_stop(st->loop);
}

/*
 * The time rules: a worker reads which cases missed one (at a year of data
 * that is a long read), then the loop records what it found; again at the
 * next deadline (a monotonic timer; at least once a minute, since the wall
 * clock may step).
 */
struct sweep {
	struct worker_job	 job;
	struct station		*st;
	struct rules_limits	 lim;
	time_t			 now;
	struct rules_found	 found;
};

static void	rules_tick(struct loop *, void *);

static void
sweep_run(struct worker_job *j, struct db *ro)
{
	struct sweep *sw = (struct sweep *)j;

	rules_scan(ro, &sw->lim, sw->now, &sw->found);
}

static void
sweep_done(struct worker_job *j)
{
	struct sweep *sw = (struct sweep *)j;
	time_t now = clock_wall(), next = sw->found.next;
	uint64_t ms = 60000;

	if (!j->cancelled) {
		if (!sw->found.failed)
			rules_record(sw->st->db, &sw->found);
		if (next > now && (uint64_t)(next - now) * 1000 < ms)
			ms = (uint64_t)(next - now) * 1000;
		if (ms < 1000 || sw->found.more)
			ms = 1000;	/* a backlog: the next batch soon */
		loop_timer(sw->st->loop, ms, rules_tick, sw->st);
	}
	rules_found_free(&sw->found);
	free(sw);
}

static void
rules_tick(struct loop *l, void *arg)
{
	struct station *st = arg;
	struct sweep *sw;

	(void)l;
	if ((sw = calloc(1, sizeof(*sw))) == NULL)
		fatal("calloc");
	sw->job.run = sweep_run;
	sw->job.done = sweep_done;
	sw->st = st;
	sw->now = clock_wall();
	rules_limits(st->cf, &sw->lim);
	workers_submit(st->workers, &sw->job);
}

/*
 * Early warnings for status: read by a worker every ten minutes (the
 * seven days to today against each model's own baseline), kept as text.
 */
#define WARN_MS	(10 * 60000)

struct warn_job {
	struct worker_job	 job;
	struct station		*st;
	struct buf		 text;
	int			 failed;
};

static void	warn_tick(struct loop *, void *);

/* central changes were taken: carriers among them are matched at once */
static void
pulled(void *arg)
{
	carriers_refresh(arg);
}

static void
warn_run(struct worker_job *j, struct db *ro)
{
	struct warn_job *w = (struct warn_job *)j;
	const struct st_config *cf = w->st->cf;
	struct report_figs r;
	struct report_src src;
	char today[11];
	time_t now = clock_wall();
	struct tm tm;

	localtime_r(&now, &tm);
	strftime(today, sizeof(today), "%Y-%m-%d", &tm);
	memset(&r, 0, sizeof(r));
	if (report_src_open(&src, ro, cf) == -1 || report_warnings(&src, today,
	    cf->warn_weeks, cf->warn_min, cf->warn_rise, &r) == -1) {
		log_warnx("early warning: %s", report_src_error(&src));
		w->failed = 1;
	}
	report_src_close(&src);
	for (int i = 0; i < r.nwarn; i++) {
		buf_puts(&w->text, "WARNING to QC and supervisors / 预警: ");
		report_warning_text(&r.warn[i], 0, &w->text);
		buf_puts(&w->text, "\n");
	}
	report_figs_free(&r);
}

static void
warn_done(struct worker_job *j)
{
	struct warn_job *w = (struct warn_job *)j;

	if (!j->cancelled) {
		if (!w->failed) {
			free(w->st->warnings);
			w->st->warnings = strdup(w->text.data ? w->text.data :
			    "");
		}
		loop_timer(w->st->loop, WARN_MS, warn_tick, w->st);
	}
	buf_free(&w->text);
	free(w);
}

static void
warn_tick(struct loop *l, void *arg)
{
	struct station *st = arg;
	struct warn_job *w;

	(void)l;
	if ((w = calloc(1, sizeof(*w))) == NULL)
		fatal("calloc");
	w->job.run = warn_run;
	w->job.done = warn_done;
	w->st = st;
	buf_init(&w->text);
	workers_submit(st->workers, &w->job);
}

/*
 * Under non-stop scanning the WAL is checkpointed by size, by a worker on a
 * connection of its own (a passive checkpoint never holds up the writer).
 */
#define WAL_BUSY_PAGES	1024	/* 4 MiB of 4 KiB pages */

struct ckpt {
	struct worker_job	 job;
	struct station		*st;
};

static void
ckpt_run(struct worker_job *j, struct db *ro)
{
	struct ckpt *c = (struct ckpt *)j;

	(void)ro;
	if (db_checkpoint_now(c->st->ckdb) == -1)
		log_warnx("checkpoint: %s", db_error(c->st->ckdb));
}

static void
ckpt_done(struct worker_job *j)
{
	struct ckpt *c = (struct ckpt *)j;

	c->st->ckpt_running = 0;
	free(c);
}

static void
ckpt_start(struct loop *l, void *arg)
{
	struct station *st = arg;
	struct ckpt *c;

	(void)l;
	if (st->ckpt_running || st->ckdb == NULL)
		return;
	if ((c = calloc(1, sizeof(*c))) == NULL)
		fatal("calloc");
	c->job.run = ckpt_run;
	c->job.done = ckpt_done;
	c->st = st;
	st->ckpt_running = 1;
	workers_submit(st->workers, &c->job);
}

/* A commit left the WAL large: a checkpoint as soon as the scan is
 * answered. */
static void
wal_large(void *arg, int pages)
{
	struct station *st = arg;

	(void)pages;
	if (!st->ckpt_running)
		loop_timer(st->loop, 0, ckpt_start, st);
}

/* Writes the audit log's head to its anchor when it moved. */
static void
anchor_update(struct station *st)
{
	char hash[65], cause[512];
	int64_t count;

	/* a log found cut off keeps the anchor that shows it */
	if (st->anchor_broken ||
	    db_audit_head(st->db, &count, hash) == -1 || count == st->anchored)
		return;
	if (anchor_write(st->anchor, count, hash, cause, sizeof(cause)) == -1)
		log_warnx("audit anchor: %s", cause);
	else
		st->anchored = count;
}

/* Checkpoints the WAL once no write came for a whole tick (large ones are
 * started by wal_large()), and anchors the audit log then. */
static void
idle_checkpoint(struct loop *l, void *arg)
{
	static int last_pages = -1;
	struct station *st = arg;
	int pages = db_wal_pages(st->db);

	if (pages > 0 && pages == last_pages && !st->ckpt_running) {
		anchor_update(st);
		if (db_checkpoint(st->db) == -1)
			log_warnx("checkpoint: %s", db_error(st->db));
		pages = 0;
	}
	last_pages = pages;
	loop_timer(l, 500, idle_checkpoint, st);
}

static void
label_queued(void *arg)
{
	outbox_kick(arg);
}

/* Does a stationd answer on the control socket at path? */
static int
socket_live(const char *path)
{
	struct sockaddr_un sun;
	int fd, up;

	memset(&sun, 0, sizeof(sun));
	sun.sun_family = AF_UNIX;
	if (strlen(path) >= sizeof(sun.sun_path) ||
	    (fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0)) == -1)
		return 0;
	snprintf(sun.sun_path, sizeof(sun.sun_path), "%s", path);
	up = connect(fd, (struct sockaddr *)&sun, sizeof(sun)) == 0;
	close(fd);
	return up;
}

int
main(int argc, char *argv[])
{
	static const struct option longopts[] = {
		{ "demo", required_argument, NULL, 'D' },
		{ "list-scanners", no_argument, NULL, 'L' },
		{ "test-scanner", required_argument, NULL, 'T' },
		{ "count", required_argument, NULL, 'N' },
		{ "restore", required_argument, NULL, 'R' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	struct station st;
	struct sigaction sa;
	sigset_t block, sleepmask;
	char *conf = NULL, *demo_dir = NULL, *demo_conf = NULL;
	char cause[4096], abspath[PATH_MAX];
	int ch, check = 0, fg = 0, debug = 0, created = 0;
	const char *test_src = NULL, *restore = NULL;
	struct web *web = NULL;
	struct ctl *wctl = NULL;
	struct workers *wworkers = NULL;
	int list = 0, count = 0;

	while ((ch = getopt_long(argc, argv, "c:dfn", longopts, NULL)) != -1) {
		switch (ch) {
		case 'c': conf = optarg; break;
		case 'd': debug = 1; break;
		case 'f': fg = 1; break;
		case 'n': check = 1; break;
		case 'D': demo_dir = optarg; break;
		case 'L': list = 1; break;
		case 'T': test_src = optarg; break;
		case 'N': count = atoi(optarg); break;
		case 'R': restore = optarg; break;
		case 'h': usage(0);
		case 'V':
			printf("stationd %s\n", STATION_VERSION);
			return 0;
		default: usage(2);
		}
	}
	if (optind != argc)
		usage(2);
	log_init("stationd", 1, debug);
	if (list) {
		printf("# scanners and ports this station can read;"
		    " SOURCE strings for [scanner] source = ...\n");
		scan_list_usb(print_line, NULL);
		scan_list_serial(print_line, NULL);
		scan_list_evdev(print_line, NULL);
		printf("stdin  the terminal\n");
		return 0;
	}
	if (test_src) {
		if (sources_test(test_src, count, cause, sizeof(cause)) == -1) {
			fprintf(stderr, "%s\n", cause);
			return 1;
		}
		return 0;
	}
	/* the database, its journal and photos are nobody else's to read */
	umask(027);
	/* freed memory stays for the next request: giving it back on every
	 * request cost a TLB flush on every core (the worker threads) */
	mallopt(M_TRIM_THRESHOLD, 8 * 1024 * 1024);
	mallopt(M_TOP_PAD, 1024 * 1024);
	memset(&st, 0, sizeof(st));
	if (demo_dir) {
		if (conf)
			fatalx("--demo writes its own configuration; drop -c");
		if (demo_prepare(demo_dir, &demo_conf, cause, sizeof(cause)) == -1)
			fatalx("demo: %s", cause);
		conf = demo_conf;
		fg = 1;
	}
	if (conf == NULL && access(STATION_CONF, F_OK) == 0)
		conf = STATION_CONF;
	/* the printer side and SIGHUP read it again, after daemon() left cwd */
	if (conf && conf[0] != '/' && realpath(conf, abspath) != NULL)
		conf = abspath;
	if (conf)
		st.cf = config_load(conf, cause, sizeof(cause));
	else
		st.cf = config_default_full(cause, sizeof(cause));
	if (st.cf == NULL) {
		fprintf(stderr, "%s\n", cause);
		return 1;
	}
	if (check) {
		printf("%s: configuration OK\n", conf ? conf : "(built-in defaults)");
		config_free(st.cf);
		return 0;
	}
	if (restore) {
		int64_t events;
		int rc = 1;

		if (socket_live(st.cf->socket))
			fprintf(stderr, "stationd is running on %s: stop it"
			    " before a restore\n", st.cf->socket);
		else if (backup_restore(restore, st.cf->database,
		    st.cf->backup_key, &events, cause, sizeof(cause)) == -1)
			fprintf(stderr, "restore refused, nothing changed / 恢复"
			    "失败: %s\n", cause);
		else {
			printf("restored %s from %s: integrity ok, audit chain of"
			    " %lld events verified; the previous database, if"
			    " any, is %s.before-restore\n", st.cf->database,
			    restore, (long long)events, st.cf->database);
			rc = 0;
		}
		config_free(st.cf);
		return rc;
	}
	log_init("stationd", fg, debug || st.cf->debug);
	st.foreground = fg;
	if (!fg && daemon(0, 0) == -1)
		fatal("daemon");

	sigemptyset(&block);
	sigaddset(&block, SIGTERM);
	sigaddset(&block, SIGINT);
	sigaddset(&block, SIGHUP);
	sigaddset(&block, SIGCHLD);
	sigprocmask(SIG_BLOCK, &block, &sleepmask);
	sigdelset(&sleepmask, SIGTERM);
	sigdelset(&sleepmask, SIGINT);
	sigdelset(&sleepmask, SIGHUP);
	sigdelset(&sleepmask, SIGCHLD);
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	sigaction(SIGCHLD, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
	sa.sa_handler = on_bus;
	sa.sa_flags = SA_RESETHAND;
	sigaction(SIGBUS, &sa, NULL);
	sa.sa_flags = 0;

	mkparent(st.cf->database);
	mkparent(st.cf->socket);
	if ((st.db = db_open(st.cf->database, &created, cause,
	    sizeof(cause))) == NULL)
		fatalx("database: %s", cause);
	db_set_busy_timeout(st.db, st.cf->busy_timeout_ms);
	anchor_path(st.cf->database, st.anchor, sizeof(st.anchor));
	{
		char hash[65];
		int64_t head;

		if (db_audit_head(st.db, &head, hash) == 0 &&
		    anchor_check(st.db, st.anchor, head, cause,
		    sizeof(cause)) == 1) {
			log_warnx("audit log: %s; the anchor is kept as evidence"
			    " (stationctl audit verify)", cause);
			st.anchor_broken = 1;
		} else
			st.anchored = -1;	/* written at the next quiet moment */
	}
	if (demo_dir && created && demo_seed(st.db, cause, sizeof(cause)) == -1)
		fatalx("%s", cause);
	carriers_refresh(&st);
	st.loop = loop_new();
	st.started = time(NULL);
	st.started_ms = clock_mono_ms();
	if (intake_init(&st.intake, st.db, st.cf, cause, sizeof(cause)) == -1)
		fatalx("%s", cause);
	if (st.intake.ss.case_id) {
		/* after a restart the desk says where it was */
		struct buf d;

		buf_init(&d);
		intake_describe(&st.intake, &d);
		log_info("%s", d.data);
		buf_free(&d);
	}
	if ((st.workers = workers_start(st.loop, st.cf->database, 2, 0, cause,
	    sizeof(cause))) == NULL)
		fatalx("workers: %s", cause);
	if ((st.ckdb = db_open(st.cf->database, NULL, cause,
	    sizeof(cause))) == NULL)
		fatalx("database: %s", cause);
	db_wal_notify(st.db, WAL_BUSY_PAGES, wal_large, &st);
	st.outbox = outbox_new(&st);
	st.intake.label_queued = label_queued;
	st.intake.arg = st.outbox;
	if ((st.ctl = ctl_listen(&st, st.cf->socket, cause,
	    sizeof(cause))) == NULL)
		fatalx("control socket: %s", cause);
	if (demo_dir) {
		char abs[PATH_MAX];

		if (realpath(demo_dir, abs) == NULL)
			fatal("%s", demo_dir);
		if ((st.demo = demo_start(abs, st.loop, cause,
		    sizeof(cause))) == NULL)
			fatalx("demo: %s", cause);
	}
	if ((st.sources = sources_start(&st, demo_dir || st.cf->stdin_scans,
	    cause, sizeof(cause))) == NULL) {
		/* no stale socket behind a daemon that did not start */
		ctl_close(st.ctl);
		fatalx("scanner: %s", cause);
	}
	log_info("stationd %s ready: database %s, control socket %s",
	    STATION_VERSION, st.cf->database, st.cf->socket);
	if (st.cf->web_listen[0]) {
		char wsock[PATH_MAX];

		/* the office page is a convenience: the desk runs without it.
		 * It speaks on a control socket of its own, so that its many
		 * requests never queue before stationctl's (a scan among them) */
		snprintf(wsock, sizeof(wsock), "%s.web", st.cf->socket);
		if ((wctl = ctl_listen(&st, wsock, cause, sizeof(cause))) ==
		    NULL || (wworkers = workers_start(st.loop, st.cf->database,
		    2, 1, cause, sizeof(cause))) == NULL ||
		    (ctl_use_workers(wctl, wworkers),
		    web = web_start(st.cf, wsock, cause, sizeof(cause))) == NULL)
			log_warnx("office page: %s", cause);
		else {
			log_info("office page: %s://%s/%s", st.cf->web_cert[0] ?
			    "https" : "http", st.cf->web_listen, demo_dir ?
			    " (demo: badge 1005, PIN 9005)" : "");
			db_on_commit(st.db, web_news);	/* pages update live */
		}
	}
	if (st.cf->sync_url[0] && (st.upload = upload_start(st.cf, cause,
	    sizeof(cause))) == NULL)
		log_warnx("upload: %s", cause);	/* the desk works alone */
	upload_attach(st.upload, st.loop, st.db, pulled, &st);
	st_notify("READY=1");
	outbox_kick(st.outbox);
	loop_timer(st.loop, 500, idle_checkpoint, &st);
	loop_timer(st.loop, 0, rules_tick, &st);
	loop_timer(st.loop, 2000, warn_tick, &st);
	schedule_start(&st);

	loop_run(st.loop, &sleepmask, wake, &st);

	st_notify("STOPPING=1");
	anchor_update(&st);
	log_info("stopping");
	sources_stop(st.sources);
	upload_stop(st.upload);
	ctl_close(st.ctl);
	ctl_close(wctl);	/* a page waiting on the socket is answered */
	web_stop(web);
	if (wworkers)
		workers_stop(wworkers);
	workers_stop(st.workers);
	db_close(st.ckdb);
	outbox_free(st.outbox);
	demo_stop(st.demo);
	db_close(st.db);
	loop_free(st.loop);
	free(st.warnings);
	carriers_free(&st);
	config_free(st.cf);
	free(demo_conf);
	return 0;
}
