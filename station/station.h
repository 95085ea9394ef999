/* The daemon's shared state: one struct, owned by stationd.c. */
#ifndef ST_STATION_H
#define ST_STATION_H

#include <stdint.h>
#include <time.h>

#include "intake.h"

#include "version.h"

struct st_config;
struct db;
struct loop;
struct outbox;
struct ctl;
struct demo;
struct sources;
struct workers;
struct carrier_sets;

struct station {
	struct st_config	*cf;
	struct db		*db;
	struct loop		*loop;
	struct intake		 intake;
	struct outbox		*outbox;
	struct ctl		*ctl;
	struct demo		*demo;		/* NULL unless --demo */
	struct sources		*sources;	/* scanners */
	struct workers		*workers;	/* slow reads, off the loop */
	struct db		*ckdb;		/* checkpoints, in a worker */
	struct uplink		*upload;	/* to the central database */
	int			 ckpt_running;
	int			 foreground;	/* logging to stderr */
	char			 anchor[4200];	/* the audit log's anchor file */
	int64_t			 anchored;	/* events it covers */
	int			 anchor_broken;	/* the log was found cut off */
	char			*warnings;	/* early warnings, a line each, for
						   status; NULL until read */
	struct carrier_sets	*carriers;	/* the carriers kept centrally */
	time_t			 started;	/* wall clock, for display */
	uint64_t		 started_ms;	/* monotonic */
};

#endif
