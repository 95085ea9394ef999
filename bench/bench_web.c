/*
 * make bench, the office page's search:
 *   bench_web sql DB TEXT
 *     prints the SQL the station runs for the search page's first page of
 *     "case list --find TEXT" (every parameter bound), for the sqlite3
 *     shell to run alone;
 *   bench_web load HOST PORT COOKIE PATH CLIENTS SECONDS
 *     CLIENTS threads ask GET PATH (with the session cookie) one after
 *     another for SECONDS, each on a kept-alive connection of its own, as
 *     a browser; prints
 *     requests=N p50_us=.. p99_us=.. max_us=.. errors=N
 */
#define _GNU_SOURCE	/* strcasestr */
#include <sys/socket.h>
#include <netinet/in.h>
#include <arpa/inet.h>

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../db/db.h"
#include "../db/db-int.h"
#include "bench.h"

static char expanded[65536];

static int
trace(unsigned type, void *ctx, void *p, void *x)
{
	char *sql;

	(void)ctx;
	(void)x;
	if (type == SQLITE_TRACE_STMT &&
	    (sql = sqlite3_expanded_sql((sqlite3_stmt *)p)) != NULL) {
		if (strstr(sql, "FROM cases c"))
			snprintf(expanded, sizeof(expanded), "%s", sql);
		sqlite3_free(sql);
	}
	return 0;
}

static int
row(void *arg, const struct db_case *c)
{
	(void)arg;
	(void)c;
	return 0;
}

static int
sql_of(const char *path, const char *text)
{
	char cause[256];
	struct db_case_query q;
	struct db *db = db_open(path, NULL, cause, sizeof(cause));

	if (db == NULL) {
		fprintf(stderr, "bench_web: %s\n", cause);
		return 1;
	}
	sqlite3_trace_v2(db->h, SQLITE_TRACE_STMT, trace, NULL);
	memset(&q, 0, sizeof(q));
	q.find = text;
	q.limit = 50;
	if (db_case_page(db, &q, row, NULL) == -1 || !expanded[0]) {
		fprintf(stderr, "bench_web: %s\n", db_error(db));
		return 1;
	}
	printf("%s;\n", expanded);
	db_close(db);
	return 0;
}

struct load {
	struct sockaddr_in sa;
	char		 req[1024];
	double		 until;
	double		*lat;
	size_t		 n, cap;
	int		 errors;
};

/* A connection to the page, kept open as a browser keeps it. */
static int
dial(const struct load *l)
{
	int fd = socket(AF_INET, SOCK_STREAM, 0);

	if (fd != -1 && connect(fd, (const struct sockaddr *)&l->sa,
	    sizeof(l->sa)) == -1) {
		close(fd);
		fd = -1;
	}
	return fd;
}

/* One request on the connection; 0 when a 200 came whole (its length
 * as Content-Length says). */
static int
ask(const struct load *l, int fd)
{
	static __thread char buf[1 << 20];
	size_t got = 0, need = 0;
	char *end = NULL, *cl;
	ssize_t n;

	if (write(fd, l->req, strlen(l->req)) != (ssize_t)strlen(l->req))
		return -1;
	for (;;) {
		if (got == sizeof(buf) - 1)
			return -1;
		if ((n = read(fd, buf + got, sizeof(buf) - 1 - got)) <= 0)
			return -1;
		got += (size_t)n;
		buf[got] = '\0';
		if (end == NULL && (end = strstr(buf, "\r\n\r\n")) != NULL) {
			if ((cl = strcasestr(buf, "\r\ncontent-length:")) == NULL ||
			    cl > end)
				return -1;
			need = (size_t)(end + 4 - buf) + strtoul(cl + 17, NULL,
			    10);
		}
		if (end && got >= need)
			return strncmp(buf, "HTTP/1.1 200", 12) ? -1 : 0;
	}
}

static void *
client(void *arg)
{
	struct load *l = arg;
	int fd = -1;

	while (now_us() < l->until) {
		double t = now_us();

		if ((fd == -1 && (fd = dial(l)) == -1) || ask(l, fd) == -1) {
			l->errors++;
			if (fd != -1)
				close(fd);
			fd = -1;
			continue;
		}
		if (l->n == l->cap) {
			l->cap = l->cap ? l->cap * 2 : 1024;
			if ((l->lat = realloc(l->lat, l->cap * sizeof(double))) ==
			    NULL)
				abort();
		}
		l->lat[l->n++] = now_us() - t;
	}
	if (fd != -1)
		close(fd);
	return NULL;
}

static int
load(char **argv)
{
	int clients = atoi(argv[6]), errors = 0;
	double secs = atof(argv[7]), *all;
	struct load *l;
	pthread_t *t;
	size_t n = 0;

	if (clients < 1 || clients > 1000 || secs <= 0) {
		fprintf(stderr, "bench_web: 1 to 1000 clients, some seconds\n");
		return 2;
	}
	l = calloc((size_t)clients, sizeof(*l));
	t = calloc((size_t)clients, sizeof(*t));
	for (int i = 0; i < clients; i++) {
		l[i].sa.sin_family = AF_INET;
		l[i].sa.sin_port = htons((uint16_t)atoi(argv[3]));
		inet_pton(AF_INET, argv[2], &l[i].sa.sin_addr);
		snprintf(l[i].req, sizeof(l[i].req), "GET %s HTTP/1.1\r\n"
		    "Host: station\r\nCookie: %s\r\n\r\n",
		    argv[5], argv[4]);
		l[i].until = now_us() + secs * 1e6;
		pthread_create(&t[i], NULL, client, &l[i]);
	}
	for (int i = 0; i < clients; i++) {
		pthread_join(t[i], NULL);
		n += l[i].n;
		errors += l[i].errors;
	}
	all = malloc((n ? n : 1) * sizeof(double));
	n = 0;
	for (int i = 0; i < clients; i++) {
		memcpy(all + n, l[i].lat, l[i].n * sizeof(double));
		n += l[i].n;
		free(l[i].lat);
	}
	qsort(all, n, sizeof(double), cmpd);
	printf("requests=%zu p50_us=%.0f p99_us=%.0f max_us=%.0f errors=%d\n",
	    n, n ? all[n / 2] : 0, n ? all[n * 99 / 100] : 0,
	    n ? all[n - 1] : 0, errors);
	free(all);
	free(l);
	free(t);
	return 0;
}

int
main(int argc, char *argv[])
{
	if (argc == 4 && !strcmp(argv[1], "sql"))
		return sql_of(argv[2], argv[3]);
	if (argc == 8 && !strcmp(argv[1], "load"))
		return load(argv);
	fprintf(stderr, "usage: bench_web sql DB TEXT\n"
	    "       bench_web load HOST PORT COOKIE PATH CLIENTS SECONDS\n");
	return 2;
}
