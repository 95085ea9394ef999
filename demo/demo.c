/* Demo mode (see demo.h). Everything lives under one directory; nothing of
 * the system's CUPS is touched. */
#define _GNU_SOURCE
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "../db/db.h"
#include "../common/buf.h"
#include "../common/json.h"
#include "../common/pin.h"
#include "demo.h"
#include "../common/log.h"
#include "../common/loop.h"

struct demo {
	char		*dir;
	pid_t		 cupsd;
	struct vprinter	*vp;
	int		 port;
};

static int
mkdirs(const char *path, char *cause, size_t clen)
{
	char tmp[PATH_MAX];

	snprintf(tmp, sizeof(tmp), "%s", path);
	for (char *p = tmp + 1; ; p++) {
		if (*p == '/' || *p == '\0') {
			char c = *p;

			*p = '\0';
			if (mkdir(tmp, 0755) == -1 && errno != EEXIST) {
				snprintf(cause, clen, "mkdir %s: %s", tmp,
				    strerror(errno));
				return -1;
			}
			*p = c;
			if (c == '\0')
				break;
		}
	}
	return 0;
}

static int
write_file(const char *path, const char *text, char *cause, size_t clen)
{
	FILE *f;

	if ((f = fopen(path, "w")) == NULL) {
		snprintf(cause, clen, "%s: %s", path, strerror(errno));
		return -1;
	}
	fputs(text, f);
	if (fclose(f) == EOF) {
		snprintf(cause, clen, "%s: %s", path, strerror(errno));
		return -1;
	}
	return 0;
}

int
demo_prepare(const char *dir, char **conf, char *cause, size_t clen)
{
	static const char *const sub[] = {
		"printed", "photos", "cups", "cups/cache",
		"cups/state", "cups/log",
	};
	char abs[PATH_MAX], path[PATH_MAX + 64];
	struct buf text;
	int rc;

	if (mkdirs(dir, cause, clen) == -1)
		return -1;
	/* others may pass through (CUPS runs its backends as lp) but not look */
	if (chmod(dir, 0711) == -1) {
		snprintf(cause, clen, "chmod %s: %s", dir, strerror(errno));
		return -1;
	}
	if (realpath(dir, abs) == NULL) {
		snprintf(cause, clen, "%s: %s", dir, strerror(errno));
		return -1;
	}
	/* sun_path is 108 bytes: the longest socket is cups/cups.sock */
	if (strlen(abs) + sizeof("/cups/cups.sock") > 108) {
		snprintf(cause, clen, "demo directory path %s is too long for a"
		    " Unix socket (at most %zu bytes)", abs,
		    108 - sizeof("/cups/cups.sock"));
		return -1;
	}
	/* CUPS backends run as lp and must reach the spool below DIR */
	if (chmod(abs, 0711) == -1) {
		snprintf(cause, clen, "chmod %s: %s", abs, strerror(errno));
		return -1;
	}

	for (size_t i = 0; i < sizeof(sub) / sizeof(sub[0]); i++) {
		snprintf(path, sizeof(path), "%s/%s", abs, sub[i]);
		if (mkdirs(path, cause, clen) == -1)
			return -1;
	}
	snprintf(path, sizeof(path), "%s/station.conf", abs);
	if (access(path, F_OK) == -1) {
		buf_init(&text);
		buf_printf(&text,
		    "# Return Station demo configuration (written by"
		    " stationd --demo)\n"
		    "[station]\n"
		    "database = %s/station.db\n"
		    "socket = %s/station.sock\n"
		    "data_dir = %s\n"
		    "desk = desk1\n"
		    "stdin_scans = yes\n"
		    "\n[web]\n"
		    "listen = 127.0.0.1:8080\n"
		    "\n[desk]\n"
		    "sound = yes\n"
		    "\n[printer]\n"
		    "queue = label\n"
		    "server = %s/cups/cups.sock\n"
		    "dpi = 203\n"
		    "retry_min = 1\n"
		    "retry_max = 10\n", abs, abs, abs, abs);
		rc = write_file(path, text.data, cause, clen);
		buf_free(&text);
		if (rc == -1)
			return -1;
	}
	if ((*conf = strdup(path)) == NULL)
		fatal("strdup");
	return 0;
}

/* Runs argv to completion; returns its exit status or -1. */
static int
run(char *const argv[], const char *logpath)
{
	pid_t pid;
	int st;

	if ((pid = fork()) == -1)
		return -1;
	if (pid == 0) {
		int fd = open(logpath, O_WRONLY | O_CREAT | O_APPEND, 0644);

		if (fd != -1) {
			dup2(fd, 1);
			dup2(fd, 2);
		}
		execv(argv[0], argv);
		_exit(127);
	}
	while (waitpid(pid, &st, 0) == -1)
		if (errno != EINTR)
			return -1;
	return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

/* Where Debian puts a CUPS tool; path must hold 64 bytes. */
static char *
sbin(const char *name, char *path)
{
	snprintf(path, 64, "/usr/sbin/%s", name);
	if (access(path, X_OK) == 0)
		return path;
	snprintf(path, 64, "/usr/bin/%s", name);
	return path;
}

static int
sock_up(const char *path)
{
	struct sockaddr_un sun;
	int fd, ok;

	memset(&sun, 0, sizeof(sun));
	sun.sun_family = AF_UNIX;
	snprintf(sun.sun_path, sizeof(sun.sun_path), "%s", path);
	if ((fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0)) == -1)
		return 0;
	ok = connect(fd, (struct sockaddr *)&sun, sizeof(sun)) == 0;
	close(fd);
	return ok;
}

static void
sleep_ms(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000 };

	while (nanosleep(&ts, &ts) == -1 && errno == EINTR)
		;
}

/* A cupsd left by a demo that was killed is stopped before a new one. */
static void
stop_stale(const char *dir)
{
	char path[PATH_MAX + 32], cmd[256];
	FILE *f;
	long pid = 0;
	size_t n;

	snprintf(path, sizeof(path), "%s/cups/cupsd.pid", dir);
	if ((f = fopen(path, "r")) == NULL)
		return;
	if (fscanf(f, "%ld", &pid) != 1)
		pid = 0;
	fclose(f);
	if (pid <= 1)
		return;
	snprintf(path, sizeof(path), "/proc/%ld/cmdline", pid);
	if ((f = fopen(path, "r")) == NULL)
		return;
	n = fread(cmd, 1, sizeof(cmd) - 1, f);
	fclose(f);
	cmd[n] = '\0';
	if (strstr(cmd, "cupsd") == NULL)
		return;
	kill((pid_t)pid, SIGTERM);
	for (int i = 0; i < 100 && kill((pid_t)pid, 0) == 0; i++)
		sleep_ms(30);
	if (kill((pid_t)pid, 0) == 0)
		kill((pid_t)pid, SIGKILL);
}

/*
 * Where the private cupsd spools jobs: DIR/cups, unless a directory above
 * DIR is closed to others (as /root is), since CUPS backends run as user lp
 * and must open the spooled files. Then a directory under /var/tmp named
 * for DIR, so that queued jobs still outlive a restart.
 */
static void
spool_root(const char *dir, char *out, size_t len)
{
	char path[PATH_MAX];
	unsigned int h = 2166136261u;

	snprintf(path, sizeof(path), "%s", dir);
	for (char *slash = strrchr(path, '/'); slash && slash != path;
	    slash = strrchr(path, '/')) {
		struct stat sb;

		*slash = '\0';
		if (stat(path, &sb) == 0 && !(sb.st_mode & S_IXOTH)) {
			for (const char *p = dir; *p; p++)
				h = (h ^ (unsigned char)*p) * 16777619u;
			snprintf(out, len, "/var/tmp/station-demo-%08x", h);
			return;
		}
	}
	snprintf(out, len, "%s/cups", dir);
}

static int
write_cups_conf(const char *dir, char *cause, size_t clen)
{
	char spool[PATH_MAX], sub[PATH_MAX + 16];
	char path[PATH_MAX + 64];
	struct buf text;
	int rc;

	spool_root(dir, spool, sizeof(spool));
	if (strncmp(spool, dir, strlen(dir)) != 0)
		log_info("demo: %s is closed to user lp, so CUPS spools in %s",
		    dir, spool);
	snprintf(sub, sizeof(sub), "%s/spool", spool);
	if (mkdirs(sub, cause, clen) == -1)
		return -1;
	snprintf(sub, sizeof(sub), "%s/tmp", spool);
	if (mkdirs(sub, cause, clen) == -1)
		return -1;
	/* CUPS's filters run as user lp and make their temporary files
	 * here: group lp, sticky, as CUPS's own TempDir is */
	{
		struct group *g = getuid() == 0 ? getgrnam("lp") : NULL;

		if (g && chown(sub, 0, g->gr_gid) == 0)
			chmod(sub, 01770);
		else
			chmod(sub, 01777);
	}
	chmod(spool, 0711);
	buf_init(&text);
	snprintf(path, sizeof(path), "%s/cups/cups-files.conf", dir);
	buf_printf(&text,
	    "# private cupsd of the station demo\n"
	    "ServerRoot %s/cups\n"
	    "RequestRoot %s/spool\n"
	    "CacheDir %s/cups/cache\n"
	    "StateDir %s/cups/state\n"
	    "TempDir %s/tmp\n"
	    "ErrorLog %s/cups/log/error_log\n"
	    "AccessLog %s/cups/log/access_log\n"
	    "PageLog %s/cups/log/page_log\n"
	    "FileDevice Yes\n", dir, spool, dir, dir, spool, dir, dir, dir);
	rc = write_file(path, text.data, cause, clen);
	buf_reset(&text);
	if (rc == -1) {
		buf_free(&text);
		return -1;
	}
	snprintf(path, sizeof(path), "%s/cups/cupsd.conf", dir);
	buf_printf(&text,
	    "Listen %s/cups/cups.sock\n"
	    "Browsing No\n"
	    "WebInterface No\n"
	    "LogLevel warn\n"
	    "JobRetryInterval 2\n"
	    "JobRetryLimit 1000\n"
	    "PreserveJobHistory Yes\n"
	    "<Location />\n  Order allow,deny\n  Allow all\n</Location>\n"
	    "<Policy default>\n  <Limit All>\n    Order deny,allow\n"
	    "  </Limit>\n</Policy>\n", dir);
	rc = write_file(path, text.data, cause, clen);
	buf_free(&text);
	return rc;
}

struct demo *
demo_start(const char *dir, struct loop *l, char *cause, size_t clen)
{
	char sock[PATH_MAX + 32], conf[PATH_MAX + 32], files[PATH_MAX + 32];
	char outdir[PATH_MAX + 32], logp[PATH_MAX + 32], uri[64], pidp[PATH_MAX + 32];
	struct demo *d;
	FILE *f;

	if ((d = calloc(1, sizeof(*d))) == NULL || (d->dir = strdup(dir)) == NULL)
		fatal("calloc");
	snprintf(outdir, sizeof(outdir), "%s/printed", dir);
	if ((d->vp = vprinter_start(outdir, l, &d->port, cause, clen)) == NULL)
		goto fail;
	stop_stale(dir);
	if (write_cups_conf(dir, cause, clen) == -1)
		goto fail;
	snprintf(sock, sizeof(sock), "%s/cups/cups.sock", dir);
	snprintf(conf, sizeof(conf), "%s/cups/cupsd.conf", dir);
	snprintf(files, sizeof(files), "%s/cups/cups-files.conf", dir);
	snprintf(logp, sizeof(logp), "%s/cups/log/cupsd.out", dir);
	unlink(sock);
	if ((d->cupsd = fork()) == -1) {
		snprintf(cause, clen, "fork: %s", strerror(errno));
		goto fail;
	}
	if (d->cupsd == 0) {
		sigset_t none;
		int fd;

		/* the private cupsd ends with the station, even on SIGKILL */
		prctl(PR_SET_PDEATHSIG, SIGTERM);
		sigemptyset(&none);
		sigprocmask(SIG_SETMASK, &none, NULL);
		if ((fd = open(logp, O_WRONLY | O_CREAT | O_APPEND, 0644)) != -1) {
			dup2(fd, 1);
			dup2(fd, 2);
		}
		if ((fd = open("/dev/null", O_RDONLY)) != -1)
			dup2(fd, 0);
		char exe[64];

		execl(sbin("cupsd", exe), "cupsd", "-f", "-c", conf, "-s", files,
		    (char *)NULL);
		_exit(127);
	}
	snprintf(pidp, sizeof(pidp), "%s/cups/cupsd.pid", dir);
	if ((f = fopen(pidp, "w")) != NULL) {
		fprintf(f, "%ld\n", (long)d->cupsd);
		fclose(f);
	}
	for (int i = 0; i < 500 && !sock_up(sock); i++) {
		if (waitpid(d->cupsd, NULL, WNOHANG) == d->cupsd) {
			d->cupsd = 0;
			snprintf(cause, clen, "the private cupsd exited at start;"
			    " see %s/cups/log/", dir);
			goto fail;
		}
		sleep_ms(20);
	}
	if (!sock_up(sock)) {
		snprintf(cause, clen, "the private cupsd did not come up in 10 s;"
		    " see %s/cups/log/", dir);
		goto fail;
	}
	/* a virtual printer answers no SNMP: do not ask it */
	snprintf(uri, sizeof(uri), "socket://127.0.0.1:%d/?snmp=false",
	    d->port);
	{
		char p1[64], p2[64], p3[64];
		char *argv[] = { sbin("lpadmin", p1), "-h", sock, "-p",
		    "label", "-E", "-v", uri, "-D", "Virtual label printer",
		    "-o", "printer-error-policy=retry-job", NULL };
		char *en[] = { sbin("cupsenable", p2), "-h", sock, "label",
		    NULL };
		char *ac[] = { sbin("cupsaccept", p3), "-h", sock, "label",
		    NULL };

		if (run(argv, logp) != 0) {
			snprintf(cause, clen, "lpadmin could not add the demo"
			    " queue; see %s", logp);
			goto fail;
		}
		/* a queue stopped by a previous run's error must go again */
		run(en, logp);
		run(ac, logp);
	}
	log_info("demo: private cupsd %ld on %s, queue 'label' prints to %s",
	    (long)d->cupsd, sock, outdir);
	return d;
fail:
	demo_stop(d);
	return NULL;
}

void
demo_reaped(struct demo *d, pid_t pid, int st)
{
	if (d && pid == d->cupsd) {
		log_warnx("demo: the private cupsd exited (status %d);"
		    " labels stay queued", WIFEXITED(st) ? WEXITSTATUS(st) : -1);
		d->cupsd = 0;
	}
}

void
demo_stop(struct demo *d)
{
	if (d == NULL)
		return;
	if (d->cupsd > 0) {
		kill(d->cupsd, SIGTERM);
		for (int i = 0; i < 200; i++) {
			if (waitpid(d->cupsd, NULL, WNOHANG) == d->cupsd) {
				d->cupsd = 0;
				break;
			}
			sleep_ms(25);
		}
		if (d->cupsd > 0) {
			kill(d->cupsd, SIGKILL);
			waitpid(d->cupsd, NULL, 0);
		}
	}
	vprinter_stop(d->vp);
	free(d->dir);
	free(d);
}

int
demo_seed(struct db *db, char *cause, size_t clen)
{
	static const struct { const char *badge, *name, *roles; } ops[] = {
		{ "1000", "管理员 Admin", "admin,supervisor,intake" },
		{ "1001", "张伟 Zhang Wei", "intake" },
		{ "1002", "李强 Li Qiang", "technician" },
		{ "1003", "王芳 Wang Fang", "inspector" },
		{ "1004", "刘洋 Liu Yang", "finance" },
		{ "1005", "陈静 Chen Jing", "supervisor,intake" },
		{ "1006", "赵敏 Zhao Min", "service" },
		{ "1007", "孙建国 Sun Jianguo", "gm" },
		{ "1008", "周丽 Zhou Li", "office" },
	};
	static const struct {
		struct db_product p;
		const char *barcode;
	} prods[] = {
		{ { 0, "LX-FL100", "LED投光灯 LED flood light", "100W IP65", 4000,
		    0, 0, 0, 1, "" }, "6901234567892" },
		{ { 0, "LX-HB150", "工矿灯 High bay", "150W", 6500, 0, 0, 0, 1, "" },
		    "6901234567908" },
		{ { 0, "LX-DL12", "筒灯 Downlight", "12W potted", 3000, 0, 1, 0,
		    1, "" }, "6901234567915" },
		{ { 0, "LX-SL60", "太阳能路灯 Solar street light", "60W", 6500,
		    1, 0, 0, 1, "" }, "6901234567922" },
		{ { 0, "LX-TL36", "T8灯管 T8 tube", "36W 1.2m", 4000, 0, 0, 0,
		    1, "" }, "6901234567939" },
	};
	char pin[16], hash[PIN_HASH_MAX];
	struct buf d;
	struct json j;
	int64_t id;

	buf_init(&d);
	if (db_begin(db) == -1)
		goto fail;
	for (size_t i = 0; i < sizeof(ops) / sizeof(ops[0]); i++) {
		buf_reset(&d);
		json_init(&j, &d);
		json_open(&j, NULL);
		json_str(&j, "badge", ops[i].badge);
		json_str(&j, "name", ops[i].name);
		json_str(&j, "roles", ops[i].roles);
		json_close(&j);
		/* the demo's PINs (README): 9 and the badge's last three */
		snprintf(pin, sizeof(pin), "9%s", ops[i].badge + 1);
		if (db_operator_add(db, ops[i].badge, ops[i].name, ops[i].roles,
		    &id) == -1 || db_audit(db, "demo", "operator.add",
		    "operator", id, d.data, NULL) == -1 ||
		    pin_hash(pin, hash) == -1 ||
		    db_operator_set_pin(db, id, hash) == -1)
			goto fail;
	}
	for (size_t i = 0; i < sizeof(prods) / sizeof(prods[0]); i++) {
		buf_reset(&d);
		json_init(&j, &d);
		json_open(&j, NULL);
		json_str(&j, "model", prods[i].p.model);
		json_str(&j, "barcode", prods[i].barcode);
		json_close(&j);
		if (db_product_add(db, &prods[i].p, prods[i].barcode,
		    &id) == -1 || db_audit(db, "demo", "product.add", "product",
		    id, d.data, NULL) == -1)
			goto fail;
	}
	if (db_commit(db) == -1)
		goto fail;
	buf_free(&d);
	return 0;
fail:
	buf_free(&d);
	snprintf(cause, clen, "seeding demo data: %s", db_error(db));
	db_rollback(db);
	return -1;
}
