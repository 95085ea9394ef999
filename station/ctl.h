/*
 * Control socket: one request, one reply per connection. Each command lives
 * in its own ctl-*.c file and exports a const struct ctl_cmd listed in
 * ctl.c's table.
 */
#ifndef ST_CTL_H
#define ST_CTL_H

#include <stddef.h>

struct buf;
struct station;

struct ctl_ctx {
	struct station	*st;
	struct buf	*out;		/* what stationctl prints on stdout */
	struct buf	*err;		/* ... and on stderr */
	const char	*operator;	/* --operator BADGE, or NULL */
};

struct ctl_cmd {
	const char	*name;		/* one or two words: "case show" */
	const char	*usage;		/* arguments after the name */
	const char	*help;
	/* Returns the exit status stationctl ends with. */
	int		(*exec)(struct ctl_ctx *, int argc, char **argv);
};

/* Options a command accepts: "--name" with a value, or a flag. */
struct ctl_opt {
	const char	*name;
	int		 has_arg;
	const char	*value;		/* out: value, "1" for a flag, or NULL */
};

/* ctl.c */
struct ctl *ctl_listen(struct station *, const char *path, char *cause,
	    size_t clen);
void	ctl_close(struct ctl *);
/* Runs one command line (also used by tests). Returns the exit status. */
int	ctl_dispatch(struct ctl_ctx *, int argc, char **argv);
/*
 * Splits argv into options (opts, terminated by a NULL name) and positional
 * arguments (pos, at most maxpos). Returns the positional count, or -1 with
 * the complaint appended to c->err.
 */
int	ctl_parse(struct ctl_ctx *, const struct ctl_cmd *, int argc,
	    char **argv, struct ctl_opt *opts, char **pos, int maxpos);
/* Appends "usage: stationctl NAME USAGE" to c->err; returns 2. */
int	ctl_usage(struct ctl_ctx *, const struct ctl_cmd *);
/*
 * Checks that --operator names an active operator with one of roles
 * (comma-separated). Returns 0, or the exit status with the reason in
 * c->err. A station with no admin yet lets its first one be added.
 */
int	ctl_need_role(struct ctl_ctx *, const char *roles, const char *what);
/* Checks free text from a command: valid UTF-8, no controls, 1..max bytes. */
int	ctl_text_ok(struct ctl_ctx *, const char *what, const char *s,
	    size_t max);

/* ctl-label.c: the output format asked for by --png/--pdf/--zpl "-". */
int	ctl_output(struct ctl_ctx *, struct ctl_opt *png, struct ctl_opt *pdf,
	    struct ctl_opt *zpl);

extern const struct ctl_cmd ctl_cmd_scan;
extern const struct ctl_cmd ctl_cmd_label_preview;
extern const struct ctl_cmd ctl_cmd_sheet_commands;
extern const struct ctl_cmd ctl_cmd_sheet_badges;
extern const struct ctl_cmd ctl_cmd_printer_list;
extern const struct ctl_cmd ctl_cmd_case_accept;
extern const struct ctl_cmd ctl_cmd_case_repair;
extern const struct ctl_cmd ctl_cmd_case_supplier;
extern const struct ctl_cmd ctl_cmd_case_inspect;
extern const struct ctl_cmd ctl_cmd_case_approve;
extern const struct ctl_cmd ctl_cmd_case_ship;
extern const struct ctl_cmd ctl_cmd_case_reject;
extern const struct ctl_cmd ctl_cmd_case_close;
extern const struct ctl_cmd ctl_cmd_case_photo;
extern const struct ctl_cmd ctl_cmd_cause_list;
extern const struct ctl_cmd ctl_cmd_operator_disable;
extern const struct ctl_cmd ctl_cmd_scan_image;
extern const struct ctl_cmd ctl_cmd_status;
extern const struct ctl_cmd ctl_cmd_case_show;
extern const struct ctl_cmd ctl_cmd_case_list;
extern const struct ctl_cmd ctl_cmd_audit_verify;
extern const struct ctl_cmd ctl_cmd_operator_add;
extern const struct ctl_cmd ctl_cmd_operator_list;
extern const struct ctl_cmd ctl_cmd_product_add;
extern const struct ctl_cmd ctl_cmd_label_list;
extern const struct ctl_cmd ctl_cmd_label_reprint;

#endif
