/*
 * The case state machine: every state a case can be in, every action that
 * moves it, and one table of who may move it from where to where. Every
 * state change of a case goes through case_move() or case_apply(); the
 * company's rules (finance before shipping, the 10 % sample, a photo before
 * severe damage is accepted, outsourced goods to the supplier first) are the
 * table's guards and live only here.
 *
 *   draft --register--> registered          draft --hold--> held
 *   draft --cancel--> cancelled             held --accept--> registered
 *   repair:   registered --repair--> repaired --inspect_pass--> inspected
 *             --approve--> finance_approved --ship--> shipped --close--> closed
 *             repaired --inspect_fail--> in_repair --repair--> repaired
 *   outsourced: registered --supplier_send--> at_supplier --supplier_back-->
 *             back_from_supplier --repair--> repaired ...
 *   return, 7-day return: registered --inspect_*--> inspected --approve-->
 *             finance_approved (refund) --close--> closed
 *   exchange: registered --inspect_*--> inspected --approve-->
 *             finance_approved --ship--> shipped --close--> closed
 *   (held|registered|inspected) --reject--> rejected --approve--> rejected
 *             --ship--> returned_to_customer --close--> closed
 *
 * A new state: add it to enum case_state and case_state_names (in the order
 * of the schema's CHECK list, a unit test compares them), a migration for the
 * CHECK, and rows in case.c's table.
 */
#ifndef ST_CASE_H
#define ST_CASE_H

#include <stdint.h>

#include "result.h"

struct buf;
struct db;
struct db_case;
struct db_operator;
struct st_config;

enum case_state {
	CS_DRAFT,
	CS_HELD,
	CS_REGISTERED,
	CS_IN_REPAIR,
	CS_REPAIRED,
	CS_AT_SUPPLIER,
	CS_BACK_FROM_SUPPLIER,
	CS_INSPECTED,
	CS_FINANCE_APPROVED,
	CS_SHIPPED,
	CS_REJECTED,
	CS_RETURNED_TO_CUSTOMER,
	CS_CLOSED,
	CS_CANCELLED,
	CS_COUNT
};

enum case_action {
	CA_REGISTER,		/* intake %DONE */
	CA_HOLD,		/* intake %DONE of a severely damaged parcel */
	CA_CANCEL,		/* intake %CANCEL of a new case */
	CA_ACCEPT,
	CA_REPAIR,
	CA_SUPPLIER_SEND,
	CA_SUPPLIER_BACK,
	CA_INSPECT_PASS,
	CA_INSPECT_FAIL,
	CA_APPROVE,
	CA_SHIP,
	CA_REJECT,
	CA_CLOSE,
	CA_CUSTOMER,		/* the customer's data */
	CA_APPLY,		/* the return application */
	CA_REVIEW,		/* a step of its approval chain */
	CA_CAPA,		/* the QC review meeting (会审) */
	CA_RMA_SENT,		/* the RMA report went to the customer */
	CA_RMA_REPLY,		/* ... and the customer answered */
	CA_CALLBACK,		/* the customer was called after shipping */
	CA_COUNT
};

/* Case kinds as bits, for the table. */
enum case_kind {
	CK_REPAIR	= 1 << 0,
	CK_RETURN	= 1 << 1,
	CK_EXCHANGE	= 1 << 2,
	CK_NOREASON7	= 1 << 3,
};

extern const char *const case_state_names[CS_COUNT];
extern const char *const case_action_names[CA_COUNT];

/* The state named s; -1 if it is none. */
int	case_state_parse(const char *s);
/* The kind bit of a stored kind ("repair"); 0 for none. */
unsigned case_kind_bit(const char *kind);
/* Intake may (re)open a case in state s. */
int	case_state_intake_open(int s);
/* A case in state s has had an area label (it was registered or held). */
int	case_state_labelled(int s);
/* A case in state s is at its end: its waybill may open a new case. */
int	case_state_final(int s);

#define CASE_MAX_PARTS 16
#define CASE_MAX_LINES 16	/* priced lines, attendees */

/* What an action carries besides the case; unused fields stay zero. */
struct case_args {
	const char	*cause;		/* repair: fault cause code */
	int		 beyond;	/* repair: beyond repair */
	const char	*note;		/* repair, inspect */
	struct {
		char	code[65];
		int	qty;
	}		 parts[CASE_MAX_PARTS];
	int		 nparts;
	const char	*supplier;	/* supplier_send */
	int		 sample;	/* inspect: units sampled, 0 none */
	const char	*waybill;	/* ship: outbound waybill */
	const char	*carrier;	/* ship: NULL to match the waybill */
	const char	*reason;	/* ship (exchange) or reject */
	const struct db_customer *customer;	/* customer */
	const char	*request;	/* apply: return, exchange, ... */
	const char	*prices[CASE_MAX_LINES];	/* apply: "LINE=YUAN" */
	int		 nprices;
	int		 reject;	/* review: 1 rejects, 0 approves */
	const char	*host;		/* capa: badges */
	const char	*attendees[CASE_MAX_LINES];
	int		 nattendees;
	const char	*verdict, *analysis, *corrective, *preventive;
	const char	*responsible, *disposal;
	const char	*scrap, *usable, *cost;	/* as typed */
	const char	*answer;	/* rma reply: accept or dispute */
	const char	*received;	/* callback: yes or no */
	const char	*satisfaction;	/* callback: 1 to 5 */
	const char	*desk;		/* scanned at this desk ... */
	const char	*scan;		/* ... as this scan (audit detail) */
};

/* Is v a phone number (digits, spaces, + - ( ))? 1, or 0 with why. */
int	case_phone_ok(const char *v, struct buf *why);

/* One move of one case; the caller fills the first part. */
struct case_move {
	struct db		*db;
	const struct st_config	*cf;
	const struct db_operator *op;
	struct db_case		*c;	/* in: as read; out: as written */
	enum case_action	 act;
	const struct case_args	*a;
	struct buf		*reply;	/* why refused, or what happened */
	/* set by case_apply() */
	int			 from;	/* enum case_state */
	int			 to;
	int64_t			 event;	/* the audit event's id */
	int			 labels;	/* labels queued */
	char			 trouble[512];	/* why case_apply() failed */
	/* private to case.c: what the checks worked out for the effect */
	const void		*row;
	int			 qty;
	int64_t			 total_fen;	/* apply */
	char			 chain[129];
	struct {
		int	line;
		int64_t	item_id;
		int	qty;
		int64_t	price_fen;
	}			 lines[CASE_MAX_LINES];
	int			 nlines;
	int64_t			 app_id;	/* review, rma */
	int			 app_step;	/* review: the step signed */
	int			 app_steps;
	char			 step_role[16];
	int64_t			 host_id;	/* capa */
	char			 attendees[1040];
	int			 scrap, usable;
	int64_t			 cost_fen;
	int			 satisfaction;	/* callback */
};

/*
 * Does the table let someone with roles (enum role bits) do act to a case
 * of kind (enum case_kind bit, 0 for none yet) in state from? 1 with *to
 * the state it would reach (the guards are not asked), else 0. For the
 * office page's buttons and the tests.
 */
int	case_can(int from, enum case_action act, unsigned kind, unsigned roles,
	    int *to);
/*
 * Checks that m may happen: the operator's role, the case's state and kind,
 * the arguments and the guards. Writes nothing. Returns 1 allowed, 0 refused
 * (the reason in m->reply), -1 when the store failed (db_error()).
 */
int	case_check(struct case_move *m);
/*
 * Carries out a move case_check() allowed, inside the caller's transaction:
 * the action's records, the new state, and the audit event. Returns 0, or -1
 * with the reason in m->trouble (a label that cannot be drawn, or
 * db_error()), leaving the caller to roll back.
 */
int	case_apply(struct case_move *m);
/*
 * Checks and applies m in a transaction of its own and says what happened
 * in m->reply.
 */
enum st_result case_move(struct case_move *m);
/*
 * The same for the operator with badge and the case with number or open
 * waybill key (stationctl, the office page), refused while that case is
 * open at the intake desk (desk_case). m->op and m->c are looked up here.
 */
enum st_result case_act(struct case_move *m, const char *badge,
	    const char *key, int64_t desk_case);

#endif
