/*
 * What goes into the label outbox: a case's label text, from the case and
 * its items. The outbox rows are the one truth of what is to be printed;
 * the printer side draws them (see outbox.h and printd.h).
 */
#ifndef ST_LABELQ_H
#define ST_LABELQ_H

#include <stddef.h>

#include "../labels/label.h"
#include "result.h"

struct buf;
struct db;
struct db_case;
struct st_config;

/* A case's label text, gathered from the case and its items. */
struct labelq {
	struct label_data d;		/* points into the case and here */
	char		 model[96];
	char		 spec[129];
	char		 contents[160];
	char		 models[256];
	struct buf	 items;		/* one line an item */
};

/* Fills q for case c (which must outlive q). Returns 0, or -1. Free with
 * labelq_free(). */
int	labelq_data(struct db *, const struct db_case *c, struct labelq *q);
void	labelq_free(struct labelq *);
/* Appends d as the label fields of a printer side request (printd.h). */
void	labelq_put_fields(const struct label_data *d, struct buf *msg);
/*
 * Puts case c's label in the outbox, inside the caller's transaction: its
 * text, which the printer side draws when it prints, with the configured
 * template of role tmpl ("area" or "case"). Returns 0, or -1 with cause.
 */
int	labelq_add(struct db *, const struct st_config *,
	    const struct db_case *c, const char *tmpl, char *cause,
	    size_t clen);

/*
 * Queues the label (tmpl "area" or "case") of the case with number or
 * waybill key, recorded as done by actor; says what happened or why not in
 * reply.
 */
enum st_result labelq_reprint(struct db *, const struct st_config *,
	    const char *key, const char *tmpl, const char *actor,
	    struct buf *reply);

#endif
