/* The carriers kept centrally, matched after [carriers] (carriers.c). */
#ifndef ST_CARRIERS_H
#define ST_CARRIERS_H

#include <stddef.h>

struct station;

/* Reads them anew and points the configuration's set at them; 0 or -1
 * (the set before stays in use). */
int	carriers_refresh(struct station *);
/* Points a new configuration's set at the carriers read last. */
void	carriers_attach(struct station *);
void	carriers_free(struct station *);
/* 0 when name and pattern (a POSIX ERE) make a carrier; else -1 and why. */
int	carriers_check(const char *name, const char *pattern, char *cause,
	    size_t clen);

#endif
