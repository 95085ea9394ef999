/* The lamp catalogue: adding a model with the rules its codes must keep. */
#ifndef ST_CATALOGUE_H
#define ST_CATALOGUE_H

#include "result.h"

struct buf;
struct db;
struct st_config;

struct catalogue_entry {
	const char	*model;
	const char	*name;
	const char	*barcode;	/* NULL: none */
	const char	*cct;		/* "4000" or "4000K"; NULL: none */
	const char	*spec;		/* NULL: none */
	int		 outsourced, potted, special;
};

/* Adds e to the catalogue, recorded as done by actor; says what happened
 * or why not in reply. */
enum st_result catalogue_add(struct db *, const struct st_config *,
	    const char *actor, const struct catalogue_entry *e,
	    struct buf *reply);

#endif
