/* Station configuration, INI form (see etc/station.conf). */
#ifndef ST_CONFIG_H
#define ST_CONFIG_H

#include "scan.h"

struct label_tmpl;

enum area_slot { AREA_REPAIR, AREA_RETURN, AREA_EXCHANGE, AREA_NOREASON7,
    AREA_HELD, AREA_COUNT };

struct area {
	char	code[16];	/* ASCII, printed large on the label */
	char	name[64];	/* e.g. 维修区 */
};

struct st_config {
	char		*path;
	char		*database;
	char		*socket;
	char		*data_dir;
	char		*desk;
	char		 case_prefix[8];
	int		 debug;
	int		 stdin_scans;	/* read scans typed on the terminal */
	int		 busy_timeout_ms;	/* a locked database: refuse after */
	int		 require_pin;	/* [security]: sign-offs need a PIN */

	char		*printer_queue;	/* empty: labels stay in the outbox */
	char		*cups_server;	/* empty: libcups default */
	int		 label_dpi;
	int		 print_gain;	/* hundredths of a dot off each bar */
	int		 stuck_after;	/* a job this long unchanged: stuck */
	int		 retry_min;	/* seconds */
	int		 retry_max;

	int		 noreason7_inspect_hours;	/* [rules] */
	int		 repair_ship_hours;
	int		 large_batch;		/* more units than this alert */
	int64_t		 gm_amount_fen;	/* applications above: the gm signs */
	struct chain_step {
		unsigned role;		/* enum role bit */
		int	 when;		/* 0 always, 1 above gm_amount,
					   -1 up to it */
	}		 chain[8];	/* [rules] approval_chain */
	int		 nchain;
	unsigned	 apply_kinds;	/* case kinds (bits) that need an
					   approved application */
	int		 rma_reply_days;
	int		 callback_days;

	int		 label_format;	/* enum label_format: zpl or pdf */
	struct label_tmpl *area_tmpl;	/* [labels] area */
	struct label_tmpl *case_tmpl;	/* [labels] case */

	int		 sound;		/* [desk]: accepted and refused scans
					   sound different */
	char		*sound_device;	/* the PC speaker's console */
	char		*backup_key;	/* [backup] key_file; "" plain */
	char		*backup_dir;	/* [backup] dir: nightly copies; "" off */
	int		 backup_at;	/* [backup] at, minutes after midnight */
	int		 backup_keep;	/* [backup] keep: copies kept */
	int		 warn_rise;	/* [rules] warn_rise: % above baseline */
	int		 warn_min;	/* [rules] warn_min: the least count */
	int		 warn_weeks;	/* [rules] warn_weeks: the baseline */
	char		*web_listen;	/* [web] listen ADDRESS:PORT; "" off */
	char		*web_cert;	/* [web] cert, key: PEM files for */
	char		*web_key;	/* HTTPS; "" for plain HTTP */
	char		*sync_url;	/* [sync] url: the central PostgreSQL
					   (a libpq URI); "" works alone */
	int		 sync_batch;	/* [sync] batch: events an upload */
	char		*reports_dir;	/* [reports] dir: written reports; "" */
	int		 reports_at;	/* [reports] daily_at, minutes */
	int		 reports_central; /* [reports] source = central: the
					   reports read every desk's records
					   from [sync] url */

	char		*sources[8];	/* [scanner] source = ... */
	int		 nsources;
	int		 scan_tab_ends;	/* [scanner] tab_ends */
	int		 scan_timeout_ms;

	struct carrier_set carriers;
	struct area	 areas[AREA_COUNT];
};

/*
 * Parses path into a new config. Returns NULL and writes
 * "file:line: what is wrong" into cause on error. Free with config_free().
 */
struct st_config *config_load(const char *path, char *cause, size_t causelen);
/* A config with every default and no file; no label templates loaded. */
struct st_config *config_default(void);
/* The same with the shipped label templates; NULL with cause on error. */
struct st_config *config_default_full(char *cause, size_t clen);
void	config_free(struct st_config *);
/* Area for a case kind ("repair", ...) or held. */
const struct area *config_area(const struct st_config *, const char *kind,
	    int held);

#endif
