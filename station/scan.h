/*
 * Scan classification: a scanned string is a command barcode, an operator
 * badge, one of our case labels, a catalogue barcode or a courier waybill,
 * tried in that order; anything else is rejected. Pure functions: no I/O,
 * the catalogue is asked through a callback.
 */
#ifndef ST_SCAN_H
#define ST_SCAN_H

#include <regex.h>
#include <stdatomic.h>
#include <stddef.h>

#define SCAN_MAX	256	/* bytes; real barcodes are far shorter */
#define BADGE_MAX	64
#define MODEL_MAX	64
#define CARRIER_NAME_MAX 31
#define CCT_MIN		1000
#define CCT_MAX		20000
#define QTY_MAX		9999

enum scan_class {
	SCAN_COMMAND,
	SCAN_BADGE,
	SCAN_CASE,
	SCAN_PRODUCT,
	SCAN_WAYBILL,
};

enum scan_cmd {
	CMD_KIND,
	CMD_MODEL,
	CMD_CCT,
	CMD_QTY,
	CMD_COND,
	CMD_ACC,
	CMD_DONE,
	CMD_CANCEL,
	CMD_REPRINT,
	CMD_ACCEPT,
	CMD_INSPECT,	/* %INSPECT:PASS|FAIL[:sample] */
	CMD_APPROVE,
	CMD_CAUSE,	/* %CAUSE:<code>: repaired, that was the fault */
	CMD_BEYOND,	/* %BEYOND:<code>: beyond repair */
	CMD_SUPPLIER,	/* %SUPPLIER:BACK */
	CMD_CLOSE,
};

/* Case kinds and conditions, in the spelling the database stores. */
extern const char *const scan_kinds[];		/* NULL-terminated */
extern const char *const scan_conds[];		/* NULL-terminated */

struct carrier {
	char	 name[CARRIER_NAME_MAX + 1];
	char	*pattern;	/* POSIX ERE, matched case-insensitively */
	regex_t	 re;
	int	 configured;	/* set by a [carriers] line */
};

struct carrier_set {
	struct carrier	*v;
	size_t		 n;
	/* the carriers kept centrally, matched after these (a station's
	 * [carriers] set points at the set it has now; that one is never
	 * freed while the station runs, so a reader may hold it) */
	_Atomic(const struct carrier_set *) more;
};

struct scan {
	enum scan_class	 cls;
	enum scan_cmd	 cmd;		/* SCAN_COMMAND */
	char		 arg[SCAN_MAX + 1]; /* command argument, badge, case no.,
					   barcode or waybill (normalised) */
	long		 num;		/* CCT, quantity or inspection sample */
	int		 idx;		/* index into scan_kinds / scan_conds;
					   %INSPECT: 1 pass, 0 fail */
	char		 carrier[CARRIER_NAME_MAX + 1]; /* SCAN_WAYBILL */
};

typedef int (*scan_catalogue_fn)(void *arg, const char *barcode);

/*
 * Checks raw scan bytes: non-empty, at most SCAN_MAX bytes, valid UTF-8, no
 * NUL or control characters. Returns 0, or -1 with *cause set to a message
 * in static storage.
 */
int	scan_validate(const char *s, size_t len, const char **cause);
/*
 * Checks free text from a user (a note, a name, a reason): 1 to max bytes,
 * valid UTF-8, no control characters (long text is checked as a scan is,
 * on its first SCAN_MAX bytes). Returns 1, or 0 with the reason, naming
 * what, appended to why.
 */
struct buf;
int	scan_text_ok(const char *what, const char *s, size_t max,
	    struct buf *why);

/*
 * Classifies one validated scan. case_prefix is the station's case number
 * prefix; is_product may be NULL. Returns 0 and fills *out, or -1 with the
 * reason written into cause (size causelen).
 */
int	scan_classify(const char *s, const struct carrier_set *carriers,
	    const char *case_prefix, scan_catalogue_fn is_product, void *arg,
	    struct scan *out, char *cause, size_t causelen);

/* Returns 1 if s has the shape of one of our case numbers. */
int	scan_is_case_no(const char *s, const char *case_prefix);

/* Compiles every pattern of the set; -1 with cause on the first bad one. */
int	carrier_set_compile(struct carrier_set *, char *cause, size_t causelen);
void	carrier_set_free(struct carrier_set *);
/* Fills set with the built-in patterns (SF, JD, ...), compiled. */
void	carrier_set_defaults(struct carrier_set *);
int	carrier_set_add(struct carrier_set *, const char *name,
	    const char *pattern);
/* Gives the carrier called name (any case) pattern, or adds it first,
 * marked configured; the set is compiled afterwards. -1: a bad name. */
int	carrier_set_put(struct carrier_set *, const char *name,
	    const char *pattern);
/* Removes carrier i (not compiled). */
void	carrier_set_drop(struct carrier_set *, size_t i);
/* Returns the carrier name matching an (upper-cased) waybill, or NULL:
 * the set's own carriers first, then those it points at. */
const char *carrier_match(const struct carrier_set *, const char *waybill);

#endif
