/*
 * Control commands: one file a command (ctl-*.c), each exporting a const
 * struct ctl_cmd that declares its words, arguments, options and the roles
 * it needs; ctl.c parses a request against that declaration once, checks
 * the roles, and calls the handler. The same declarations give stationctl
 * its help and the stationctl(1) page (ctldoc.c), so they never disagree.
 * Adding a command: a new ctl-*.c with its struct, listed in ctl_cmds[].
 */
#ifndef ST_CTL_H
#define ST_CTL_H

#include <stddef.h>
#include <stdint.h>

#include "case.h"
#include "result.h"

struct buf;
struct station;

/* How a command ended: stationctl's exit status. */
enum ctl_status {
	CTL_OK = 0,
	CTL_REFUSED = 1,	/* the reason is on stderr */
	CTL_USAGE = 2,
	CTL_FAILED = 3,		/* the station could not store it */
	CTL_UNREACHABLE = 4,	/* stationctl only: no stationd */
	CTL_PIN = 5,		/* the operator's PIN is needed: ask for it */
	CTL_DEFER = 100,	/* the handler answers later (ctl_complete) */
};

#define CTL_MAX_OPTS	16
#define CTL_MAX_MANY	16	/* values of a repeatable option */

enum {
	CTL_REQUIRED	= 1 << 0,	/* the option must be given */
	CTL_MANY	= 1 << 1,	/* may be given up to CTL_MAX_MANY times */
};

struct ctl_optdef {
	const char	*name;		/* "--cause" */
	const char	*arg;		/* "CODE"; NULL for a flag */
	int		 flags;
	const char	*help;
};

struct ctl_args {
	const struct ctl_cmd *cmd;
	char		**pos;		/* positional arguments */
	int		 npos;
	const char	*val[CTL_MAX_OPTS];	/* by declaration; "1" for flags */
	const char	*many[CTL_MAX_MANY];	/* a CTL_MANY option's values */
	int		 nmany;
};

struct ctl_req;
struct db;

struct ctl_ctx {
	struct station	*st;
	struct db	*db;		/* the connection to use: the station's,
					   or a worker's read-only one */
	struct ctl_req	*req;		/* NULL outside the socket (tests) */
	struct buf	*out;		/* what stationctl prints on stdout */
	struct buf	*err;		/* ... and on stderr */
	const char	*operator;	/* --operator BADGE, or NULL */
	const char	*pin;		/* --pin NNNN given before the command */
	int		 vouched;	/* --operator logged in by PIN at the
					   office page (a request from this
					   process): its roles may view */
	const int	*fds;		/* files stationctl opened and sent, */
	int		 nfds;		/* in the order of its file arguments */
};

struct ctl_cmd {
	const char	*name;		/* words: "case supplier send" */
	const char	*args;		/* positional arguments, for usage */
	int		 minpos, maxpos;
	struct ctl_optdef opts[CTL_MAX_OPTS];	/* ends at a NULL name */
	unsigned	 roles;		/* enum role bits the operator needs;
					   0: anyone (or the case rules say) */
	const char	*help;		/* one line */
	const char	*more;		/* NULL, or paragraphs for the man page */
	int		 raw;		/* no options: every word is an argument */
	int		 worker;	/* only reads c->db: runs in a worker */
	int		 pin;		/* a sign-off or admin work: the
					   operator's PIN is checked first */
	enum ctl_status	(*exec)(struct ctl_ctx *, const struct ctl_args *);
};

/* Every command, in the order help lists them. */
extern const struct ctl_cmd *const ctl_cmds[];
extern const size_t ctl_ncmds;

/* ctl.c */
struct ctl *ctl_listen(struct station *, const char *path, char *cause,
	    size_t clen);
/* Reads for this socket's requests run on these workers (the office
 * page's, at idle priority), not the station's. */
struct workers;
void	ctl_use_workers(struct ctl *, struct workers *);
void	ctl_close(struct ctl *);
/* Runs one command line (also used by tests). Returns the exit status. */
enum ctl_status ctl_dispatch(struct ctl_ctx *, int argc, char **argv);
/*
 * For a handler that answers later (after the printer side replies): the
 * request to complete, or NULL when there is no socket (then answer now).
 * The handler returns CTL_DEFER and later writes into the same c->out and
 * c->err and calls ctl_complete().
 */
struct ctl_req *ctl_defer(struct ctl_ctx *);
/* Sends the reply of a deferred request (or drops it if the client left)
 * and frees the request. */
void	ctl_complete(struct ctl_req *, enum ctl_status);
/* The context of a deferred request, to write its answer into. */
struct ctl_ctx *ctl_req_ctx(struct ctl_req *);
/*
 * Asks the printer side (enum printd_req type) and answers the request
 * with what it drew or said ("data" or "text" to stdout, "err" to stderr).
 * Returns CTL_DEFER, or CTL_FAILED when the printer side is not there.
 */
enum ctl_status ctl_ask_printer(struct ctl_ctx *, uint32_t type,
	    const struct buf *fields);
#define CTL_PAGE	50	/* a listing's page */
#define CTL_PAGE_MAX	1000
/* A listing's --limit (CTL_PAGE when not given), or -1 with the
 * complaint in c->err. */
int	ctl_limit(struct ctl_ctx *, const struct ctl_args *);
/* The reply has reached its largest size: listings stop there. */
int	ctl_full(const struct ctl_ctx *);
/* The value of option name ("--cause"), or NULL if it was not given. */
const char *ctl_opt(const struct ctl_args *, const char *name);
/* Writes "stationctl NAME ARGS [OPTIONS]" for cmd into b. */
void	ctl_usage_line(const struct ctl_cmd *, struct buf *b);
/* Appends "usage: ..." to c->err; returns CTL_USAGE. */
enum ctl_status ctl_usage(struct ctl_ctx *, const struct ctl_cmd *);
/*
 * Checks that --operator names an active operator with one of roles (enum
 * role bits). Returns CTL_OK, or the status with the reason in c->err. A
 * station with no admin yet lets its first one be added.
 */
enum ctl_status ctl_need_role(struct ctl_ctx *, unsigned roles,
	    const char *what);
/*
 * Moves the case named key by action act for --operator (stationctl's side
 * of the case state machine) and says what happened.
 */
enum ctl_status ctl_case_act(struct ctl_ctx *, const char *key,
	    enum case_action act, const struct case_args *a);
/*
 * The roles (enum role bits) of the one who reads: --operator's when that
 * badge is active and its --pin is right (or the station asks for no
 * PINs), else 0. What is masked to others is shown by these roles.
 */
unsigned ctl_viewer_roles(struct ctl_ctx *);
/* The customer's options (the name under name_opt, --contact, --phone,
 * --address, --service-rep, --order, --complaint) into cu; NULL for those
 * not given. */
struct db_customer;
void	ctl_customer(const struct ctl_args *, const char *name_opt,
	    struct db_customer *cu);
/* A report's --lang (en or zh) and its one output file (each the "-"
 * stationctl sends): the enum report_file, or -1 with the complaint in
 * c->err. --png and --svg go with --chart. */
enum report_file { REPORT_FILE_TEXT, REPORT_FILE_CSV, REPORT_FILE_XLSX,
    REPORT_FILE_PDF, REPORT_FILE_PNG, REPORT_FILE_SVG };
int	report_options(struct ctl_ctx *, const struct ctl_args *);
/*
 * From a worker: asks the printer side (type, fields, which it takes) once
 * the worker is done, on the loop, and answers with what it drew. Returns
 * CTL_DEFER.
 */
enum ctl_status ctl_then_printer(struct ctl_ctx *, uint32_t type,
	    struct buf *fields);
/* A new empty file under the data directory for a reply written by a
 * library (path filled); 0, or -1 with the complaint in c->err. */
int	ctl_tmpfile(struct ctl_ctx *, char *path, size_t len);
/* An import that could not be saved: rolled back, said in c->err. */
enum ctl_status ctl_import_abort(struct ctl_ctx *);
/* An import's end: its audit event (detail JSON) and the commit, or the
 * rollback said in c->err; 0 or -1. */
int	ctl_import_commit(struct ctl_ctx *, const char *badge,
	    const char *action, const char *entity, const char *detail);
/* Reads a file stationctl sent (fd) into b, at most max bytes; 0, or -1
 * with why. */
int	ctl_slurp(int fd, struct buf *b, size_t max, char *why, size_t wlen);
/* The file's bytes as the reply's stdout; the file is removed. */
enum ctl_status ctl_send_file(struct ctl_ctx *, const char *path);
/* The exit status for a station result. */
enum ctl_status ctl_status_of(enum st_result);
/* Prints reply to stdout (done) or stderr (not) and returns the status. */
enum ctl_status ctl_reply(struct ctl_ctx *, enum st_result,
	    const struct buf *reply);
/*
 * Which output --png/--pdf/--zpl named ("-": the bytes travel back in the
 * reply). Returns the enum label_format, or -1 with the complaint in c->err.
 */
int	ctl_output(struct ctl_ctx *, const struct ctl_args *, int zpl_ok);

extern const struct ctl_cmd ctl_cmd_scan;
extern const struct ctl_cmd ctl_cmd_status;
extern const struct ctl_cmd ctl_cmd_case_show;
extern const struct ctl_cmd ctl_cmd_case_list;
extern const struct ctl_cmd ctl_cmd_audit_verify;
extern const struct ctl_cmd ctl_cmd_operator_add;
extern const struct ctl_cmd ctl_cmd_operator_list;
extern const struct ctl_cmd ctl_cmd_operator_disable;
extern const struct ctl_cmd ctl_cmd_operator_pin;
extern const struct ctl_cmd ctl_cmd_product_add;
extern const struct ctl_cmd ctl_cmd_product_list;
extern const struct ctl_cmd ctl_cmd_product_edit;
extern const struct ctl_cmd ctl_cmd_product_disable;
extern const struct ctl_cmd ctl_cmd_label_list;
extern const struct ctl_cmd ctl_cmd_label_print;
/* label print and label reprint: queues a case's label (--template, area
 * when not given) through the outbox. */
enum ctl_status ctl_label_queue(struct ctl_ctx *, const struct ctl_args *);
extern const struct ctl_cmd ctl_cmd_label_reprint;
extern const struct ctl_cmd ctl_cmd_label_preview;
extern const struct ctl_cmd ctl_cmd_sheet_commands;
extern const struct ctl_cmd ctl_cmd_sheet_badges;
extern const struct ctl_cmd ctl_cmd_sheet_models;
extern const struct ctl_cmd ctl_cmd_printer_list;
extern const struct ctl_cmd ctl_cmd_case_accept;
extern const struct ctl_cmd ctl_cmd_case_repair;
extern const struct ctl_cmd ctl_cmd_case_supplier_send;
extern const struct ctl_cmd ctl_cmd_case_supplier_back;
extern const struct ctl_cmd ctl_cmd_case_inspect;
extern const struct ctl_cmd ctl_cmd_case_approve;
extern const struct ctl_cmd ctl_cmd_case_ship;
extern const struct ctl_cmd ctl_cmd_case_reject;
extern const struct ctl_cmd ctl_cmd_case_close;
extern const struct ctl_cmd ctl_cmd_case_photo;
extern const struct ctl_cmd ctl_cmd_photo_show;
extern const struct ctl_cmd ctl_cmd_cause_add;
extern const struct ctl_cmd ctl_cmd_cause_edit;
extern const struct ctl_cmd ctl_cmd_carrier_add;
extern const struct ctl_cmd ctl_cmd_carrier_disable;
extern const struct ctl_cmd ctl_cmd_carrier_list;
extern const struct ctl_cmd ctl_cmd_operator_roles;
extern const struct ctl_cmd ctl_cmd_operator_enable;
extern const struct ctl_cmd ctl_cmd_case_customer;
extern const struct ctl_cmd ctl_cmd_case_apply;
extern const struct ctl_cmd ctl_cmd_case_review;
extern const struct ctl_cmd ctl_cmd_case_capa;
extern const struct ctl_cmd ctl_cmd_case_rma_report;
extern const struct ctl_cmd ctl_cmd_case_rma_sent;
extern const struct ctl_cmd ctl_cmd_case_rma_reply;
extern const struct ctl_cmd ctl_cmd_case_callback;
extern const struct ctl_cmd ctl_cmd_expect_add;
extern const struct ctl_cmd ctl_cmd_expect_import;
extern const struct ctl_cmd ctl_cmd_import_history;
extern const struct ctl_cmd ctl_cmd_restore;
extern const struct ctl_cmd ctl_cmd_whoami;
extern const struct ctl_cmd ctl_cmd_report_daily;
extern const struct ctl_cmd ctl_cmd_report_weekly;
extern const struct ctl_cmd ctl_cmd_report_monthly;
extern const struct ctl_cmd ctl_cmd_report_kpi;
extern const struct ctl_cmd ctl_cmd_backup;
extern const struct ctl_cmd ctl_cmd_cause_list;
extern const struct ctl_cmd ctl_cmd_sync_status;
extern const struct ctl_cmd ctl_cmd_case_handover;
extern const struct ctl_cmd ctl_cmd_sync_conflicts;
extern const struct ctl_cmd ctl_cmd_scan_image;

#endif
