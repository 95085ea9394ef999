/*
 * What goes into the label outbox: a case's label rendered from its stored
 * items with the configured template. The outbox rows are the one truth of
 * what is to be printed (see outbox.h for how they reach the printer).
 */
#ifndef ST_LABELQ_H
#define ST_LABELQ_H

#include <stddef.h>

#include "result.h"

struct buf;
struct db;
struct db_case;
struct label_info;
struct label_tmpl;
struct st_config;

/*
 * Renders template t (NULL: the configured area template) for case c in
 * format (enum label_format) at the configured dpi into out. Returns 0, or
 * -1 with cause.
 */
int	labelq_render(struct db *, const struct st_config *,
	    const struct db_case *c, const struct label_tmpl *t, int format,
	    struct buf *out, struct label_info *info, char *cause, size_t clen);
/*
 * Puts case c's area label in the outbox, inside the caller's transaction.
 * Returns 0, or -1 with cause (a label that cannot be drawn, or db_error()).
 */
int	labelq_add(struct db *, const struct st_config *,
	    const struct db_case *c, char *cause, size_t clen);

/*
 * Queues the area label of the case with number or open waybill key again,
 * recorded as done by actor; says what happened or why not in reply.
 */
enum st_result labelq_reprint(struct db *, const struct st_config *,
	    const char *key, const char *actor, struct buf *reply);

#endif
