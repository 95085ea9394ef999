/*
 * Reports: each table's columns are declared once here, with their
 * headings in Chinese and English, and written for a terminal (padded by
 * display width) or as CSV. The SQL behind them is in db/reports.c.
 */
#ifndef ST_REPORT_H
#define ST_REPORT_H

#include <stddef.h>
#include <stdint.h>

struct buf;
struct db;
struct db_kpi;
struct db_period;
struct db_row;

struct report_col {
	const char	*key;		/* the SQL column's name */
	const char	*zh, *en;	/* heading */
	int		 width;		/* on a terminal, in columns */
};

enum report_out { REPORT_TEXT, REPORT_CSV };

struct report {
	const struct report_col *cols;
	int		 ncols;
	enum report_out	 out;
	int		 en;		/* English headings */
	int		 bom;		/* CSV: starts with a UTF-8 BOM */
	unsigned	 roles;		/* the reader's: masks phones */
	struct buf	*b;
	int		 rows;
};

/* The daily after-sales table's columns. */
extern const struct report_col report_daily_cols[];
extern const int report_daily_ncols;

/* Writes the heading line. */
void	report_head(struct report *);
/* Writes one row (a db_row callback: arg is the struct report). */
int	report_row(void *arg, const struct db_row *);

/*
 * Periods in the station's local time: the week (Monday to Sunday) or the
 * month of day (YYYY-MM-DD; NULL: today), or from..to inclusive (both
 * NULL: today). 0, or -1 for a day that is no day (-2: to before from).
 */
int	report_week(const char *day, struct db_period *);
int	report_month(const char *day, struct db_period *);
int	report_range(const char *from, const char *to, struct db_period *);
/* day (YYYY-MM-DD) plus n days, n may be negative. */
void	report_day_add(const char *day, int n, char out[11]);
/* 1 when s is a real day, YYYY-MM-DD. */
int	report_day_ok(const char *s);

/*
 * Every figure of a period (db/kpi.c), read once and kept for each way of
 * showing it: the terminal, CSV, XLSX, the PDF and its charts.
 */
struct report_entry {
	char		*label;
	int64_t		 n;
};
struct report_fig {
	const struct db_kpi *k;
	double		 value;		/* a count, rate, mean or money */
	int64_t		 base;
	struct report_entry *rows;	/* a top list's or series' rows */
	int		 nrows;
	int64_t		 total;		/* of the rows' n */
	char		**misses;	/* a rate's misses: case numbers */
	int		 nmisses;
	int		 more;		/* misses beyond REPORT_MISSES_MAX */
};
#define REPORT_MISSES_MAX	1000
#define REPORT_TOP_N		10	/* a top list's entries on paper */
struct report_figs {
	struct db_period *p;
	struct report_fig *f;		/* db_nkpis of them, in order */
	int		 n;
	struct db_warning *warn;	/* early warnings of the last week */
	int		 nwarn;
};
/*
 * Where the reports read (report-src.c): the station's records, or with
 * [reports] source = central every desk's, from the central database.
 * Open returns 0, or -1 when the central database cannot be reached;
 * report_src_error says why a read failed.
 */
struct db_kpi;
struct db_warn_period;
struct db_warning;
struct st_config;
struct report_src {
	struct db	*db;
	int		 central;
	struct pg_conn	*pg;
	char		 why[300];
};
int	report_src_open(struct report_src *, struct db *,
	    const struct st_config *);
void	report_src_close(struct report_src *);
const char *report_src_error(const struct report_src *);
/* One figure's value, its rows, or (misses) a rate's misses. */
int	report_src_value(struct report_src *, const struct db_kpi *,
	    const struct db_period *, double *value, int64_t *base);
int	report_src_rows(struct report_src *, const struct db_kpi *, int misses,
	    const struct db_period *, int (*fn)(void *, const char *, int64_t),
	    void *arg);
int	report_src_warnings(struct report_src *, const struct db_warn_period *,
	    int weeks, int min, int rise,
	    int (*fn)(void *, const struct db_warning *), void *arg);
/* The daily table of p's first day, at most limit rows. */
int	report_daily(struct report_src *, const struct db_period *, int limit,
	    int (*fn)(void *, const struct db_row *), void *arg);

/* Reads every figure of p; 0, or -1 (report_src_error says why). */
int	report_gather(struct report_src *, struct db_period *,
	    struct report_figs *);
void	report_figs_free(struct report_figs *);
/*
 * Early warnings for the week that ends on day (the models and causes
 * that rose above their own baseline of weeks weeks by more than rise %,
 * with at least min units or repairs) into r (r->p may be NULL), or,
 * with out, written a line each. 0, or -1.
 */
int	report_warnings(struct report_src *, const char *day, int weeks,
	    int min, int rise, struct report_figs *r);
/* The week that ends on day and the weeks weeks before it. */
int	report_warn_period(const char *day, int weeks, struct db_warn_period *);
/* One warning as a line for a person (no line end). */
void	report_warning_text(const struct db_warning *, int en, struct buf *);
/* The figure named key, or NULL. */
const struct report_fig *report_fig(const struct report_figs *,
	    const char *key);
/* n of base as a percentage to one decimal ("12.5%"; "-" for no base). */
void	report_pct(int64_t n, int64_t base, char *out, size_t len);
/* The figures as a table for a person, or as CSV (a line a figure and a
 * top list's entry). */
void	report_figs_text(const struct report_figs *, int en, struct buf *);
void	report_figs_csv(const struct report_figs *, int en, struct buf *);
/*
 * The chart called name (trend, share, causes, complaints, ontime,
 * satisfaction, models, age) as labels/chart.c draws it, into spec; -1 for
 * a name that is none. report_chart_name(i) lists them (NULL past the
 * last).
 */
int	report_chart(const struct report_figs *, const char *name, int en,
	    struct buf *spec);
const char *report_chart_name(int i);
/*
 * The report as a document for the printer side (PD_DOCUMENT fields):
 * its title, the single figures, the charts, the top lists as tables and
 * the cases that missed a time rule.
 */
void	report_doc(const struct report_figs *, const char *title, int en,
	    struct buf *fields);

/*
 * xlsx.c: workbooks written to path (temporary files under tmpdir). The
 * daily table (at most limit rows; *rows says how many), or the figures:
 * a sheet of the single figures, one a top list or series, the on-time
 * rates and the cases that missed, with native charts.
 */
int	report_xlsx_daily(struct report_src *, const struct db_period *,
	    unsigned roles, int en, int limit, const char *path,
	    const char *tmpdir, int *rows, char *cause, size_t clen);
int	report_xlsx_figs(const struct report_figs *, int en, const char *title,
	    const char *path, const char *tmpdir, char *cause, size_t clen);

#endif
