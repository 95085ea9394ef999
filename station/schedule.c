/*
 * The station's timed work. At [reports] daily_at it writes the day's
 * table (XLSX) into [reports] dir, and on Mondays the past week's report
 * and on a month's last day the month's, each as XLSX and PDF. At [backup]
 * at it writes a checked copy of the database into [backup] dir and keeps
 * the newest [backup] keep. A run the PC was off for runs at the next
 * start (reports for each missed day, a week back at most). Files are
 * written in a worker; PDFs are drawn by the printer side; a failure is
 * an alert in status.
 */
#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "../common/buf.h"
#include "../common/clock.h"
#include "../common/log.h"
#include "../common/loop.h"
#include "../common/msg.h"
#include "../db/db.h"
#include "../labels/label.h"
#include "backup.h"
#include "config.h"
#include "outbox.h"
#include "printd.h"
#include "report.h"
#include "schedule.h"
#include "station.h"
#include "worker.h"

#define TICK_MS		60000
#define CATCH_UP_DAYS	7
#define DAILY_ROWS	200000

struct pdf {
	char		 path[600];	/* where it goes */
	struct buf	 fields;	/* the document, for the printer side */
};

struct run {
	struct worker_job job;
	struct station	*st;
	int		 backup;	/* else the reports */
	char		 day[11];
	char		 made[1024];	/* files written, for the log */
	char		 why[512];	/* "" when all went well */
	struct pdf	 pdf[2];
	int		 npdf, next;
};

static int running[2];		/* a run of reports, of backups under way */
static uint64_t retry_at[2];	/* after a failure, not again before */
#define RETRY_MS	(15 * 60000)
static void	tick(struct loop *, void *);

/* The local day t falls on, and the minutes since its midnight. */
static void
local_day(time_t t, char day[11], int *minutes)
{
	struct tm tm;

	localtime_r(&t, &tm);
	strftime(day, 11, "%Y-%m-%d", &tm);
	if (minutes)
		*minutes = tm.tm_hour * 60 + tm.tm_min;
}

static int
weekday(const char *day)	/* 0 Sunday .. 6 Saturday */
{
	struct tm tm;

	memset(&tm, 0, sizeof(tm));
	sscanf(day, "%4d-%2d-%2d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday);
	tm.tm_year -= 1900;
	tm.tm_mon--;
	tm.tm_hour = 12;
	tm.tm_isdst = -1;
	mktime(&tm);
	return tm.tm_wday;
}

static void
made(struct run *r, const char *path)
{
	size_t n = strlen(r->made);

	snprintf(r->made + n, sizeof(r->made) - n, "%s%s", n ? ", " : "",
	    strrchr(path, '/') + 1);
}

/* Writes into dir/name by way of a temporary name, so that no half a
 * file ever has the final name. */
static int
xlsx_figs(struct run *r, struct report_src *src, struct db_period *p,
    const char *title, const char *name)
{
	const struct st_config *cf = r->st->cf;
	char path[600], tmp[620];
	struct report_figs f;
	int rc;

	snprintf(path, sizeof(path), "%s/%s.xlsx", cf->reports_dir, name);
	snprintf(tmp, sizeof(tmp), "%s.part", path);
	if (report_gather(src, p, &f) == -1 || report_warnings(src, p->asof_day,
	    cf->warn_weeks, cf->warn_min, cf->warn_rise, &f) == -1) {
		snprintf(r->why, sizeof(r->why), "%s: %s", name,
		    report_src_error(src));
		report_figs_free(&f);
		return -1;
	}
	rc = report_xlsx_figs(&f, 0, title, tmp, cf->data_dir, r->why,
	    sizeof(r->why));
	if (rc == 0 && rename(tmp, path) == -1) {
		snprintf(r->why, sizeof(r->why), "%s: %s", path, strerror(errno));
		rc = -1;
	}
	if (rc == -1)
		unlink(tmp);
	else
		made(r, path);
	if (rc == 0 && r->npdf < 2) {
		struct pdf *d = &r->pdf[r->npdf++];

		snprintf(d->path, sizeof(d->path), "%s/%s.pdf", cf->reports_dir,
		    name);
		buf_init(&d->fields);
		report_doc(&f, title, 0, &d->fields);
	}
	report_figs_free(&f);
	return rc;
}

static void
reports_run(struct run *r, struct report_src *src)
{
	const struct st_config *cf = r->st->cf;
	char path[600], tmp[620], name[64], prev[11], next[11];
	struct db_period p;
	int rows;

	report_range(r->day, r->day, &p);
	snprintf(path, sizeof(path), "%s/daily-%s.xlsx", cf->reports_dir,
	    r->day);
	snprintf(tmp, sizeof(tmp), "%s.part", path);
	if (report_xlsx_daily(src, &p, 0, 0, DAILY_ROWS, tmp, cf->data_dir,
	    &rows, r->why, sizeof(r->why)) == -1 || rename(tmp, path) == -1) {
		if (!r->why[0])
			snprintf(r->why, sizeof(r->why), "%s: %s", path,
			    strerror(errno));
		unlink(tmp);
		return;
	}
	made(r, path);
	/* Monday: the week that ended yesterday */
	if (weekday(r->day) == 1) {
		report_day_add(r->day, -1, prev);
		report_week(prev, &p);
		snprintf(name, sizeof(name), "weekly-%s", p.first_day);
		if (xlsx_figs(r, src, &p, "售后周报 Weekly report", name) == -1)
			return;
	}
	/* a month's last day: the month */
	report_day_add(r->day, 1, next);
	if (strncmp(next, r->day, 7) != 0) {
		report_month(r->day, &p);
		snprintf(name, sizeof(name), "monthly-%.7s", r->day);
		xlsx_figs(r, src, &p, "售后月报 Monthly report", name);
	}
}

/* Keeps the newest keep copies (their names sort by time). */
static void
prune(const char *dir, int keep)
{
	struct dirent **v;
	int n = scandir(dir, &v, NULL, alphasort), ours = 0;

	if (n < 0)
		return;
	for (int i = n - 1; i >= 0; i--) {
		const char *f = v[i]->d_name;
		size_t l = strlen(f);

		if (!strncmp(f, "station-", 8) && l > 9 &&
		    !strcmp(f + l - 9, ".rsbackup") && ++ours > keep) {
			char path[1200];

			snprintf(path, sizeof(path), "%s/%s", dir, f);
			unlink(path);
		}
		free(v[i]);
	}
	free(v);
}

static void
backup_run(struct run *r, struct db *ro)
{
	const struct st_config *cf = r->st->cf;
	char path[600], tmp[620], stamp[32];
	struct backup_result res;
	time_t now = clock_wall();
	struct tm tm;
	int fd;

	localtime_r(&now, &tm);
	strftime(stamp, sizeof(stamp), "%Y%m%d-%H%M%S", &tm);
	snprintf(path, sizeof(path), "%s/station-%s.rsbackup", cf->backup_dir,
	    stamp);
	snprintf(tmp, sizeof(tmp), "%s.part", path);
	if ((fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC |
	    O_NOFOLLOW, 0600)) == -1) {
		snprintf(r->why, sizeof(r->why), "%s: %s", tmp, strerror(errno));
		return;
	}
	if (backup_to_fd(ro, cf->data_dir, cf->backup_key, fd, &res, r->why,
	    sizeof(r->why)) == -1 || fsync(fd) == -1 || close(fd) == -1 ||
	    rename(tmp, path) == -1) {
		if (!r->why[0])
			snprintf(r->why, sizeof(r->why), "%s: %s", path,
			    strerror(errno));
		close(fd);
		unlink(tmp);
		return;
	}
	snprintf(r->made, sizeof(r->made), "%s (%lld bytes, %s, %lld events"
	    " verified)", strrchr(path, '/') + 1, (long long)res.bytes,
	    res.encrypted ? "encrypted" : "not encrypted",
	    (long long)res.events);
	prune(cf->backup_dir, cf->backup_keep);
}

static void
run_work(struct worker_job *j, struct db *ro)
{
	struct run *r = (struct run *)j;

	struct report_src src;

	if (r->backup)
		backup_run(r, ro);
	else if (report_src_open(&src, ro, r->st->cf) == -1)
		snprintf(r->why, sizeof(r->why), "%s", report_src_error(&src));
	else {
		reports_run(r, &src);
		report_src_close(&src);
	}
}

static void	run_next_pdf(struct run *);

static void
run_end(struct run *r)
{
	const char *job = r->backup ? "backup" : "reports";
	char msg[1200];

	snprintf(msg, sizeof(msg), "%s", r->why[0] ? r->why : r->made);
	if (db_begin(r->st->db) == -1 || db_run_put(r->st->db, job, r->day,
	    r->why[0] == '\0', msg) == -1 || db_commit(r->st->db) == -1) {
		log_warnx("%s: %s", job, db_error(r->st->db));
		db_rollback(r->st->db);
	}
	if (r->why[0])
		log_warnx("%s of %s failed: %s", job, r->day, r->why);
	else
		log_info("%s of %s: %s", job, r->day, r->made);
	running[r->backup] = 0;
	retry_at[r->backup] = r->why[0] ? clock_mono_ms() + RETRY_MS : 0;
	for (int i = 0; i < r->npdf; i++)
		buf_free(&r->pdf[i].fields);
	/* the next missed day, if any, soon */
	loop_timer(r->st->loop, r->why[0] ? TICK_MS : 1000, tick, r->st);
	free(r);
}

static void
pdf_written(struct outbox *ob, const struct msg *m, void *arg)
{
	struct run *r = arg;
	struct pdf *d = &r->pdf[r->next - 1];
	const char *data, *err;
	char tmp[620];
	size_t len = 0;
	int fd;

	(void)ob;
	if (m == NULL || (err = msg_get(m, "err", NULL)) != NULL ||
	    (data = msg_get(m, "data", &len)) == NULL) {
		snprintf(r->why, sizeof(r->why), "%s: the printer side did not"
		    " draw it%s%s", d->path, m && err ? ": " : "", m && err ? err :
		    "");
		run_end(r);
		return;
	}
	/* a few hundred kilobytes into the page cache: no fsync here */
	snprintf(tmp, sizeof(tmp), "%s.part", d->path);
	if ((fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC |
	    O_NOFOLLOW, 0644)) == -1 || write(fd, data, len) != (ssize_t)len ||
	    close(fd) == -1 || rename(tmp, d->path) == -1) {
		snprintf(r->why, sizeof(r->why), "%s: %s", d->path,
		    strerror(errno));
		if (fd != -1)
			unlink(tmp);
		run_end(r);
		return;
	}
	made(r, d->path);
	run_next_pdf(r);
}

static void
run_next_pdf(struct run *r)
{
	if (r->why[0] || r->next == r->npdf) {
		run_end(r);
		return;
	}
	if (outbox_call(r->st->outbox, PD_DOCUMENT, &r->pdf[r->next++].fields,
	    60000, pdf_written, r) == -1) {
		snprintf(r->why, sizeof(r->why), "the printer side is not there"
		    " to draw %s", r->pdf[r->next - 1].path);
		run_end(r);
	}
}

static void
run_done(struct worker_job *j)
{
	struct run *r = (struct run *)j;

	if (j->cancelled) {
		running[r->backup] = 0;
		for (int i = 0; i < r->npdf; i++)
			buf_free(&r->pdf[i].fields);
		free(r);
		return;
	}
	run_next_pdf(r);
}

/*
 * Whether a job is due, and for which day. Reports: the day after their
 * last good run (a week back at most; a new station begins today), once
 * that day's time has come. A backup is of now: due when the last good
 * one is older than yesterday (the PC was off at its time), or is not of
 * today and today's time has come.
 */
static int
due(struct station *st, int backup, int at, char day[11])
{
	char today[11], yesterday[11], first[11];
	struct db_run last;
	int now;

	local_day(clock_wall(), today, &now);
	if (db_run_get(st->db, backup ? "backup" : "reports", &last) == -1 ||
	    clock_mono_ms() < retry_at[backup])
		return 0;
	report_day_add(today, -1, yesterday);
	if (backup) {
		/* the missed one counts as yesterday's: today's still runs */
		if (last.day[0] && strcmp(last.day, yesterday) < 0) {
			snprintf(day, 11, "%s", yesterday);
			return 1;
		}
		snprintf(day, 11, "%s", today);
		return strcmp(last.day, today) < 0 && now >= at;
	}
	report_day_add(today, -CATCH_UP_DAYS, first);
	if (last.day[0] == '\0')
		snprintf(day, 11, "%s", today);
	else if (strcmp(last.day, first) < 0)
		snprintf(day, 11, "%s", first);
	else
		report_day_add(last.day, 1, day);
	return strcmp(day, today) < 0 || (strcmp(day, today) == 0 &&
	    now >= at);
}

static void
start(struct station *st, int backup, const char *day)
{
	struct run *r;

	if ((r = calloc(1, sizeof(*r))) == NULL)
		fatal("calloc");
	r->job.run = run_work;
	r->job.done = run_done;
	r->st = st;
	r->backup = backup;
	snprintf(r->day, sizeof(r->day), "%s", day);
	running[backup] = 1;
	workers_submit(st->workers, &r->job);
}

static void
tick(struct loop *l, void *arg)
{
	struct station *st = arg;
	const struct st_config *cf = st->cf;
	char day[11];

	(void)l;
	if (cf->reports_dir[0] && !running[0] && due(st, 0, cf->reports_at,
	    day))
		start(st, 0, day);
	if (cf->backup_dir[0] && !running[1] && due(st, 1, cf->backup_at, day))
		start(st, 1, day);
	loop_timer(st->loop, TICK_MS, tick, st);
}

void
schedule_start(struct station *st)
{
	if (st->cf->reports_dir[0] || st->cf->backup_dir[0])
		loop_timer(st->loop, 1000, tick, st);
}

void
schedule_status(struct station *st, struct buf *b)
{
	static const char *const jobs[] = { "reports", "backup" };

	for (int i = 0; i < 2; i++) {
		const char *dir = i ? st->cf->backup_dir : st->cf->reports_dir;
		struct db_run r;
		char at[40];

		if (dir[0] == '\0' || db_run_get(st->db, jobs[i], &r) != 1)
			continue;
		clock_local(r.at, 0, at, sizeof(at));
		if (r.ok)
			buf_printf(b, "%s: last %s, %s\n", jobs[i], at, r.message);
		else
			buf_printf(b, "ALERT %s failed / %s失败 at %s: %s\n",
			    jobs[i], i ? "备份" : "报表", at, r.message);
	}
}
