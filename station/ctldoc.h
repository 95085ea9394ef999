/*
 * The control commands' help, as stationctl carries it: generated at build
 * time from the commands' own declarations (ctldoc.c), so that help works
 * without a running stationd and never disagrees with it.
 */
#ifndef ST_CTLDOC_H
#define ST_CTLDOC_H

#include <stddef.h>

struct ctl_doc {
	const char	*name;		/* "case repair" */
	const char	*usage;		/* "stationctl case repair CASE ..." */
	const char	*help;		/* one line */
	const char	*options;	/* "  --cause CODE  the fault cause\n"... */
};

extern const struct ctl_doc ctl_docs[];
extern const size_t ctl_ndocs;

#endif
