/*
 * Printer drivers: a table of functions per kind of print system. The
 * station has one today (CUPS); the outbox talks only to this interface.
 */
#ifndef ST_PRINTER_H
#define ST_PRINTER_H

#include <stddef.h>

enum print_job_state {
	PJ_PENDING,
	PJ_HELD,
	PJ_PROCESSING,
	PJ_STOPPED,
	PJ_CANCELED,
	PJ_ABORTED,
	PJ_COMPLETED,
	PJ_UNKNOWN,	/* the print system no longer knows the job */
};

struct print_queue_status {
	int	state;		/* 3 idle, 4 processing, 5 stopped (IPP) */
	int	accepting;
	char	reasons[256];	/* e.g. "media-empty-error,paused" */
	char	message[256];
};

struct print_dest {
	char	name[128];
	char	info[128];	/* description */
	char	uri[256];	/* device */
	char	make[128];	/* make and model, "Local Raw Printer" for raw */
	int	state;		/* 3 idle, 4 processing, 5 stopped */
	int	accepting;
	int	is_default;
};

struct print_driver {
	const char *name;
	/* server: print system address, "" for its default. Caller frees
	 * with close(). Never fails: connections are made on use. */
	void	*(*open)(const char *server);
	void	 (*close)(void *priv);
	/* Submits one document; format "zpl" (raw) or "pdf"; media a PWG
	 * size name ("custom_60x40mm_60x40mm") or NULL for the queue's own.
	 * 0 taken (*job_id set); -1 refused or not sent; -2 sent but no
	 * answer came, so whether the print system took the job is unknown. */
	int	 (*submit)(void *priv, const char *queue, const char *title,
		    const char *format, const char *media, const void *data,
		    size_t len, int *job_id, char *cause, size_t clen);
	int	 (*job_state)(void *priv, int job_id, enum print_job_state *,
		    char *reason, size_t rlen);
	/* Finds the newest job whose title match() accepts, leaving out jobs
	 * cancelled or aborted (those did not print): 1 found (*job_id
	 * set), 0 none, -1 error. */
	int	 (*find_job)(void *priv, const char *queue,
		    int (*match)(const char *title, void *arg), void *arg,
		    int *job_id);
	int	 (*queue_status)(void *priv, const char *queue,
		    struct print_queue_status *, char *cause, size_t clen);
	/* Every queue the print system offers; *list freed by the caller. */
	int	 (*destinations)(void *priv, struct print_dest **list, int *n,
		    char *cause, size_t clen);
};

extern const struct print_driver print_driver_cups;

const char *print_job_state_name(enum print_job_state);

#endif
