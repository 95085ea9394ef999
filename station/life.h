/*
 * The rest of a case's life after intake, as the company's procedures
 * require: one table of who may move a case from which states, and the
 * guards (finance before shipping, the 10 % sample, photos before accepting
 * severe damage, outsourced goods to the supplier first) in one place.
 *
 *   held --accept--> registered
 *   repair:   registered --repair--> repaired --inspect--> inspected
 *             --approve--> finance_approved --ship--> shipped --close--> closed
 *   outsourced repair: registered --supplier send--> at_supplier
 *             --supplier back--> back_from_supplier --repair--> repaired ...
 *   return, 7-day return: registered --inspect--> inspected --approve-->
 *             finance_approved (refund) --close--> closed
 *   exchange: registered --inspect--> inspected --approve-->
 *             finance_approved --ship--> shipped --close--> closed
 *   rejected: (registered|held|inspected) --reject--> rejected --approve,
 *             ship--> returned_to_customer --close--> closed
 */
#ifndef ST_LIFE_H
#define ST_LIFE_H

#include "intake.h"

enum life_action {
	LA_ACCEPT,
	LA_REPAIR,
	LA_SUPPLIER_SEND,
	LA_SUPPLIER_BACK,
	LA_INSPECT,
	LA_APPROVE,
	LA_SHIP,
	LA_REJECT,
	LA_CLOSE,
};

#define LIFE_MAX_PARTS 16

struct life_args {
	const char	*cause;		/* repair */
	const char	*result;	/* repaired | beyond_repair */
	const char	*note;
	struct {
		char	code[65];
		int	qty;
	}		 parts[LIFE_MAX_PARTS];
	int		 nparts;
	const char	*supplier;	/* supplier send */
	int		 pass;		/* inspect: 1 pass, 0 fail */
	int		 sample;	/* inspect: units sampled, 0 none */
	const char	*waybill;	/* ship: outbound waybill */
	const char	*carrier;
	const char	*reason;	/* ship (exchange) or reject */
};

/*
 * Performs action on the case (case number or open waybill) for the
 * operator with badge. Appends what happened, or why it was refused, to
 * reply. Nothing is stored unless it returns INTAKE_OK.
 */
enum intake_result life_act(struct intake *, const char *badge,
	    const char *case_key, enum life_action, const struct life_args *,
	    struct buf *reply);
/* The same for a case already looked up (scanner path). */
enum intake_result life_act_case(struct intake *, const struct db_operator *,
	    struct db_case *, enum life_action, const struct life_args *,
	    struct buf *reply);
/* Checks an operator for a role; admin does not stand in for others. */
int	life_has_role(const char *roles, const char *role);

/* rules.c: the time rules */
/*
 * Records breaches of the time rules as of `now` (wall clock) and returns
 * in *next the wall-clock time of the next deadline (0 if none). Returns
 * the number of new breaches, or -1.
 */
int	rules_check(struct intake *, time_t now, time_t *next);
/* Large-batch alert at registration; called inside the transaction. */
int	rules_large_batch(struct intake *, const struct db_case *, int qty);

#endif
