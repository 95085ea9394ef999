/*
 * A minimal test harness: TAP-style lines ("ok N - name", "not ok N - ...")
 * that tests/run.sh counts. A failed check ends its test case, not the run.
 */
#ifndef ST_T_H
#define ST_T_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int t_num, t_failed, t_case_failed;
static const char *t_case;

#define CHECK(cond) do { if (!(cond)) { \
	printf("#   %s:%d: CHECK(%s) failed\n", __FILE__, __LINE__, #cond); \
	t_case_failed = 1; return; } } while (0)
#define CHECK_STR(a, b) do { const char *_a = (a), *_b = (b); \
	if (strcmp(_a, _b) != 0) { \
	printf("#   %s:%d: \"%s\" != \"%s\"\n", __FILE__, __LINE__, _a, _b); \
	t_case_failed = 1; return; } } while (0)
#define CHECK_CONTAINS(hay, needle) do { const char *_h = (hay); \
	if (_h == NULL || strstr(_h, (needle)) == NULL) { \
	printf("#   %s:%d: \"%s\" lacks \"%s\"\n", __FILE__, __LINE__, \
	    _h ? _h : "(null)", (needle)); \
	t_case_failed = 1; return; } } while (0)

static inline void
t_report(void)
{
	t_num++;
	if (t_case_failed) {
		t_failed++;
		printf("not ok %d - %s\n", t_num, t_case);
	} else
		printf("ok %d - %s\n", t_num, t_case);
	fflush(stdout);
}

#define RUN(fn) do { t_case = #fn; t_case_failed = 0; fn(); t_report(); \
	} while (0)

#define T_DONE() (printf("1..%d\n", t_num), t_failed ? 1 : 0)

/* Removes the test's scratch directory and gives main()'s exit status. */
static inline int
t_finish(const char *dir)
{
	char cmd[512];
	int rc = T_DONE();

	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		return 1;
	return rc;
}

#endif
