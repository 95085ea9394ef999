/*
 * The intake state machine of one desk. Its state is the desk's session row
 * in the database, so a restart resumes where the desk was:
 *
 *   SIGNED_OUT --%OP--> READY --waybill/case label--> CASE
 *   CASE --model/product barcode--> ITEM --%CCT/%QTY/%ACC--> ITEM
 *   CASE|ITEM --%DONE--> READY (case registered or held, label queued)
 *   CASE|ITEM --%CANCEL--> READY (changes of this visit discarded)
 *
 * Every accepted scan is committed, with its audit event, before it is
 * acknowledged; a rejected scan changes nothing.
 */
#ifndef ST_INTAKE_H
#define ST_INTAKE_H

#include <stddef.h>
#include <stdint.h>

#include "../db/db.h"
#include "result.h"

struct buf;
struct st_config;

enum intake_state {
	IN_SIGNED_OUT,
	IN_READY,
	IN_CASE,
	IN_ITEM,
};


struct intake {
	struct db		*db;
	const struct st_config	*cf;		/* swapped on reload */
	struct db_session	 ss;		/* mirror of the stored row */
	void			(*label_queued)(void *);
	void			*arg;
	uint64_t		 scans_ok;
	uint64_t		 scans_rejected;
	char			 last_scan_at[32];
};

/* Says what the desk is doing: its state, who is signed in, the open
 * case and what it holds so far. */
void	intake_describe(struct intake *, struct buf *);
/* Loads the desk's session. Returns 0, or -1 with cause. */
int	intake_init(struct intake *, struct db *, const struct st_config *,
	    char *cause, size_t clen);
/*
 * Handles one scan of len bytes (need not be NUL-terminated). Appends the
 * message for the operator to reply. On INTAKE_OK *event is the id of the
 * audit event that recorded it (0 when the scan changed nothing).
 */
enum st_result intake_scan(struct intake *, const char *text, size_t len,
	    struct buf *reply, int64_t *event);
/* The same for the operator with badge as (NULL: whoever is signed in):
 * a scan sent by stationctl --operator acts only for that badge. */
enum st_result intake_scan_as(struct intake *, const char *as,
	    const char *text, size_t len, struct buf *reply, int64_t *event);
enum intake_state intake_state(const struct intake *);
const char *intake_state_name(enum intake_state);

#endif
