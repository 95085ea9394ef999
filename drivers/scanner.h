/*
 * Scan sources: every kind of scanner is a small table of functions, the
 * implementations listed in scan_drivers[]. A source turns bytes into whole
 * scans and hands them to its deliver callback; it never touches the
 * database. Descriptors come and go (unplug, replug): a source asks its
 * owner to watch or forget them.
 *
 * SOURCE strings, as in the config and stationd --test-scanner:
 *   usb:VVVV:PPPP      a USB HID scanner (boot keyboard or HID-POS)
 *   serial:/dev/ttyACM0[@9600]
 *   evdev:/dev/input/eventN
 *   stdin
 */
#ifndef ST_SCANNER_H
#define ST_SCANNER_H

#include <stddef.h>
#include <stdint.h>

#include "hid.h"
#include "linebuf.h"

struct scan_source;

struct scan_driver {
	const char	*prefix;	/* "usb", "serial", "evdev", "stdin" */
	const char	*name;
	/* Checks arg (the SOURCE after "prefix:") and touches nothing: the
	 * config check (stationd -n) uses it; 0 or -1 with cause. */
	int	(*check)(const char *arg, char *cause, size_t clen);
	/* Parses arg, which check() accepted; 0 or -1 with cause. */
	int	(*parse)(struct scan_source *, const char *arg, char *cause,
		    size_t clen);
	/* Tries to reach the device; -1 leaves the source waiting. */
	int	(*open)(struct scan_source *);
	void	(*close)(struct scan_source *);
	/* A watched descriptor is ready. */
	void	(*io)(struct scan_source *, int fd, short revents);
	/* Called about every 200 ms: reopen, rescan, time out a partial scan. */
	void	(*tick)(struct scan_source *);
};

enum source_state { SRC_WAITING, SRC_CONNECTED, SRC_ERROR };

struct scan_source {
	const struct scan_driver *drv;
	char		 spec[160];
	enum source_state state;
	char		 error[160];
	char		 last_scan[32];	/* wall clock, as stored */
	uint64_t	 scans;
	struct linebuf	 lb;
	struct hid_kbd	 kbd;
	int		 tab_ends;	/* a Tab ends a scan too */
	int		 timeout_ms;	/* a pause this long ends a scan */
	uint64_t	 last_byte_ms;
	/* owner's hooks */
	void		(*deliver)(void *, struct scan_source *, const char *,
			    size_t, int overflow);
	void		(*watch)(void *, struct scan_source *, int fd,
			    short events);
	void		(*unwatch)(void *, struct scan_source *, int fd);
	void		*owner;
	void		*priv;		/* the driver's */
};

extern const struct scan_driver *const scan_drivers[];

/* Finds the driver for spec and parses it into src (zeroed by the caller,
 * hooks set). Returns 0, or -1 with cause. */
/* Checks a SOURCE as scan_source_parse() would, touching nothing. */
int	scan_source_check(const char *spec, char *cause, size_t clen);
int	scan_source_parse(struct scan_source *, const char *spec, char *cause,
	    size_t clen);
/* For drivers: bytes of scanner text, framed into scans. */
void	scan_source_bytes(struct scan_source *, const char *p, size_t n);
/*
 * For drivers: reads what fd has and frames it. Returns 0 (also when there
 * was nothing yet), or -1 at end of input or on an error (errno set, 0 at
 * end of input): the driver closes and calls scan_source_lost().
 */
int	scan_source_read(struct scan_source *, int fd);
/* For drivers: the device went away; a partial scan is dropped. */
void	scan_source_lost(struct scan_source *, const char *why);
const char *scan_source_state(const struct scan_source *);

/* Listing for installers (stationd --list-scanners). */
void	scan_list_serial(void (*fn)(void *, const char *), void *);
void	scan_list_evdev(void (*fn)(void *, const char *), void *);
void	scan_list_usb(void (*fn)(void *, const char *), void *);

#endif
