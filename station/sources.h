/* The station's scanners: the configured scan sources, watched by the
 * event loop, each scan handed to the intake state machine. */
#ifndef ST_SOURCES_H
#define ST_SOURCES_H

struct buf;
struct station;
struct sources;

/* Opens every configured source (and stdin when terminal is set). A source
 * that cannot be parsed is fatal; one that is not plugged in waits. */
struct sources *sources_start(struct station *, int terminal, char *cause,
	    size_t clen);
void	sources_stop(struct sources *);
/* Appends one line per source to `stationctl status`. */
void	sources_status(struct sources *, struct buf *);
/*
 * stationd --test-scanner SOURCE: prints each decoded scan on its own line,
 * registering nothing; stops after count scans (0: until a signal).
 */
int	sources_test(const char *spec, int count, char *cause, size_t clen);

#endif
