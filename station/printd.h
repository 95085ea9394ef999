/*
 * The printer side: a process of its own (stationd re-executed with
 * --printer-side) that does everything slow or fragile about labels:
 * rendering (pango, cairo, fonts) and talking to CUPS. It holds no database
 * handle; it answers the daemon's requests over a socketpair (common/msg.h)
 * one at a time, and the daemon writes what happened to the outbox. A hung
 * or crashed printer side is killed and started again; the outbox, the one
 * truth, loses nothing.
 */
#ifndef ST_PRINTD_H
#define ST_PRINTD_H

#include <stddef.h>
#include <stdint.h>

struct st_config;

/* Requests; the reply has the same type and id. A reply with a field "err"
 * failed, saying why. */
enum printd_req {
	PD_RENDER = 1,		/* tmpl, format + label fields -> data */
	PD_SUBMIT,		/* queue, title, format, tmpl + label fields, or
				   payload -> job, data (the bytes sent) */
	PD_JOB_STATES,		/* jobs "12,13" -> "job.12" = "STATE REASON" */
	PD_FIND_JOB,		/* queue, title -> found, job */
	PD_QUEUE_STATUS,	/* queue -> state, accepting, reasons, message */
	PD_DESTS,		/* queue -> text (the table) */
	PD_SHEET_COMMANDS,	/* format, page, n, code.I, name.I -> data */
	PD_SHEET_BADGES,	/* format, n, badge.I, name.I, roles.I -> data */
	PD_DECODE,		/* data (JPEG, PNG) -> n, type.I, code.I */
	PD_SHEET_MODELS,	/* format, page, n, model.I, name.I, spec.I ->
				 * data */
	PD_DOCUMENT,		/* footer, n, style.I, text.I -> data (PDF),
				   pages */
	PD_CHART,		/* format, chart -> data */
};
/* The most blocks one document request carries. */
#define DOC_MAX_BLOCKS	4000

/*
 * A CUPS job of many labels is titled by their ids, "station labels
 * 100-131,135", so that after a crash each label finds it again.
 * batch_title() writes it (ids ascending) and returns its length as
 * snprintf does; title_has_label() tells whether a title names id.
 */
int	batch_title(const int64_t *ids, int n, char *t, size_t len);
int	title_has_label(const char *title, int64_t id);

/* The most entries one sheet request carries (models of a catalogue). */
#define SHEET_MODELS_MAX	5000

/* The label fields a request carries, as in struct label_data. */
#define PD_LABEL_FIELDS	"area", "area_name", "date", "case_no", "waybill", \
	"carrier", "model", "spec", "kind", "condition", "operator", "cct", "qty"

/* Runs the printer side on fd until the daemon goes away; returns the
 * exit status. */
int	printd_main(int fd, const struct st_config *);

#endif
