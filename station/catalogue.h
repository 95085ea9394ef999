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
	int		 outsourced, potted, special;	/* -1: keep (edit) */
	int		 active;	/* edit: -1 keep, 0 disable, 1 enable */
};

/* Adds e to the catalogue, recorded as done by actor; says what happened
 * or why not in reply. */
enum st_result catalogue_add(struct db *, const struct st_config *,
	    const char *actor, const struct catalogue_entry *e,
	    struct buf *reply);
/* Changes the fields of model e->model that e gives (NULL, -1: keep). */
enum st_result catalogue_edit(struct db *, const struct st_config *,
	    const char *actor, const struct catalogue_entry *e,
	    struct buf *reply);
/* 0 when code is an EAN-13, EAN-8 or UPC-A whose check digit is wrong;
 * 1 otherwise (other codes carry no check digit to verify). */
int	catalogue_check_digit_ok(const char *code);

#endif
