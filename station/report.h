/*
 * Reports: each table's columns are declared once here, with their
 * headings in Chinese and English, and written for a terminal (padded by
 * display width) or as CSV. The SQL behind them is in db/reports.c.
 */
#ifndef ST_REPORT_H
#define ST_REPORT_H

struct buf;
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
/* 1 when s is a real day, YYYY-MM-DD. */
int	report_day_ok(const char *s);

#endif
