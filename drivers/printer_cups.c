/* Printer driver for CUPS through libcups (IPP over the local socket). */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cups/cups.h>

#include "printer.h"

struct cups_priv {
	char	 server[256];
	http_t	*http;
};

static void *
cups_open(const char *server)
{
	struct cups_priv *p = calloc(1, sizeof(*p));

	if (p == NULL)
		return NULL;
	snprintf(p->server, sizeof(p->server), "%s", server ? server : "");
	return p;
}

static void
cups_drop(struct cups_priv *p)
{
	if (p->http) {
		httpClose(p->http);
		p->http = NULL;
	}
}

static void
cups_close(void *priv)
{
	struct cups_priv *p = priv;

	if (p == NULL)
		return;
	cups_drop(p);
	free(p);
}

/* A hung cupsd must not hold the station's event loop: give up a request
 * that makes no progress for the timeout. */
static int
cups_give_up(http_t *http, void *arg)
{
	(void)http;
	(void)arg;
	return 0;
}

static http_t *
cups_http(struct cups_priv *p, char *cause, size_t clen)
{
	const char *host;

	if (p->http)
		return p->http;
	if (p->server[0])
		cupsSetServer(p->server);
	host = cupsServer();
	p->http = httpConnect2(host, ippPort(), NULL, AF_UNSPEC,
	    cupsEncryption(), 1, 3000, NULL);
	if (p->http == NULL && cause)
		snprintf(cause, clen, "cannot connect to CUPS at %s: %s", host,
		    cupsLastErrorString());
	if (p->http)
		httpSetTimeout(p->http, 3.0, cups_give_up, NULL);
	return p->http;
}

/* After a failed request, a broken connection is dropped for a fresh one. */
static void
cups_after_error(struct cups_priv *p)
{
	ipp_status_t e = cupsLastError();

	if (e >= IPP_STATUS_ERROR_INTERNAL)
		cups_drop(p);
	else if (p->http && httpError(p->http) != 0)
		cups_drop(p);
}

static int
cups_submit(void *priv, const char *queue, const char *title,
    const char *format, const char *media, const void *data, size_t len,
    int *job_id, char *cause, size_t clen)
{
	struct cups_priv *p = priv;
	char uri[HTTP_MAX_URI], resource[256];
	ipp_attribute_t *a;
	const char *mime;
	http_status_t st;
	ipp_t *req, *resp;
	http_t *http;
	int job;

	if (strcmp(format, "zpl") == 0)
		mime = CUPS_FORMAT_RAW;
	else if (strcmp(format, "pdf") == 0)
		mime = CUPS_FORMAT_PDF;
	else {
		snprintf(cause, clen, "unknown label format %s", format);
		return -1;
	}
	if ((http = cups_http(p, cause, clen)) == NULL)
		return -1;
	/* one Print-Job request: the job and its document in one round trip */
	req = ippNewRequest(IPP_OP_PRINT_JOB);
	httpAssembleURIf(HTTP_URI_CODING_ALL, uri, sizeof(uri), "ipp", NULL,
	    "localhost", 0, "/printers/%s", queue);
	snprintf(resource, sizeof(resource), "/printers/%s", queue);
	ippAddString(req, IPP_TAG_OPERATION, IPP_TAG_URI, "printer-uri", NULL,
	    uri);
	ippAddString(req, IPP_TAG_OPERATION, IPP_TAG_NAME,
	    "requesting-user-name", NULL, cupsUser());
	ippAddString(req, IPP_TAG_OPERATION, IPP_TAG_NAME, "job-name", NULL,
	    title);
	ippAddString(req, IPP_TAG_OPERATION, IPP_TAG_MIMETYPE,
	    "document-format", NULL, mime);
	/* a driver draws the page on the label it is told of, not its
	 * default (often 4x6 in) scaled down */
	if (media && *media)
		ippAddString(req, IPP_TAG_JOB, IPP_TAG_KEYWORD, "media", NULL,
		    media);
	st = cupsSendRequest(http, req, resource, CUPS_LENGTH_VARIABLE);
	if (st == HTTP_STATUS_CONTINUE)
		st = cupsWriteRequestData(http, data, len);
	resp = st == HTTP_STATUS_CONTINUE ? cupsGetResponse(http, resource) :
	    NULL;
	ippDelete(req);
	if (resp == NULL && st == HTTP_STATUS_CONTINUE) {
		/* the whole request went out and no answer came (a hung or
		 * stopped cupsd): CUPS may yet make a job of it. A request cut
		 * off before its end is one cupsd discards. */
		snprintf(cause, clen, "no answer from CUPS for the label on %s"
		    " (%s): whether it was taken is unknown", queue,
		    cupsLastErrorString());
		cups_drop(p);
		return -2;
	}
	if (resp == NULL || cupsLastError() > IPP_STATUS_OK_CONFLICTING ||
	    (a = ippFindAttribute(resp, "job-id", IPP_TAG_INTEGER)) == NULL) {
		snprintf(cause, clen, "CUPS refused the label on %s: %s", queue,
		    cupsLastErrorString());
		ippDelete(resp);
		cups_after_error(p);
		return -1;
	}
	job = ippGetInteger(a, 0);
	ippDelete(resp);
	*job_id = job;
	return 0;
}

static int
cups_job_state(void *priv, int job_id, enum print_job_state *st, char *reason,
    size_t rlen)
{
	static const char *const attrs[] = {
		"job-state", "job-state-reasons", "job-printer-state-message"
	};
	struct cups_priv *p = priv;
	char uri[HTTP_MAX_URI];
	ipp_attribute_t *a;
	http_t *http;
	ipp_t *req, *resp;
	int s;

	reason[0] = '\0';
	if ((http = cups_http(p, reason, rlen)) == NULL)
		return -1;
	req = ippNewRequest(IPP_OP_GET_JOB_ATTRIBUTES);
	snprintf(uri, sizeof(uri), "ipp://localhost/jobs/%d", job_id);
	ippAddString(req, IPP_TAG_OPERATION, IPP_TAG_URI, "job-uri", NULL, uri);
	ippAddString(req, IPP_TAG_OPERATION, IPP_TAG_NAME,
	    "requesting-user-name", NULL, cupsUser());
	ippAddStrings(req, IPP_TAG_OPERATION, IPP_TAG_KEYWORD,
	    "requested-attributes", 3, NULL, attrs);
	resp = cupsDoRequest(http, req, "/");
	if (cupsLastError() == IPP_STATUS_ERROR_NOT_FOUND) {
		ippDelete(resp);
		*st = PJ_UNKNOWN;
		snprintf(reason, rlen, "CUPS no longer knows job %d", job_id);
		return 0;
	}
	if (resp == NULL || cupsLastError() > IPP_STATUS_OK_CONFLICTING) {
		snprintf(reason, rlen, "asking CUPS about job %d: %s", job_id,
		    cupsLastErrorString());
		ippDelete(resp);
		cups_after_error(p);
		return -1;
	}
	s = (a = ippFindAttribute(resp, "job-state", IPP_TAG_ENUM)) ?
	    ippGetInteger(a, 0) : 0;
	switch (s) {
	case IPP_JSTATE_PENDING: *st = PJ_PENDING; break;
	case IPP_JSTATE_HELD: *st = PJ_HELD; break;
	case IPP_JSTATE_PROCESSING: *st = PJ_PROCESSING; break;
	case IPP_JSTATE_STOPPED: *st = PJ_STOPPED; break;
	case IPP_JSTATE_CANCELED: *st = PJ_CANCELED; break;
	case IPP_JSTATE_ABORTED: *st = PJ_ABORTED; break;
	case IPP_JSTATE_COMPLETED: *st = PJ_COMPLETED; break;
	default: *st = PJ_UNKNOWN;
	}
	/* CUPS's reasons, less the ones every job has on its way, then
	 * what the filters or the backend last said */
	if ((a = ippFindAttribute(resp, "job-state-reasons",
	    IPP_TAG_KEYWORD)) != NULL) {
		size_t n = 0;

		for (int i = 0; i < ippGetCount(a); i++) {
			const char *k = ippGetString(a, i, NULL);

			if (k == NULL || !strcmp(k, "none") ||
			    !strcmp(k, "job-incoming") ||
			    !strcmp(k, "job-printing") ||
			    !strcmp(k, "job-queued") ||
			    !strcmp(k, "job-transforming") ||
			    !strcmp(k, "job-completed-successfully") ||
			    n + strlen(k) + 2 >= rlen)
				continue;
			n += (size_t)snprintf(reason + n, rlen - n, "%s%s",
			    n ? "," : "", k);
		}
	}
	if ((a = ippFindAttribute(resp, "job-printer-state-message",
	    IPP_TAG_TEXT)) != NULL && ippGetString(a, 0, NULL)[0]) {
		size_t n = strlen(reason);

		snprintf(reason + n, rlen - n, "%s%s", n ? "; " : "",
		    ippGetString(a, 0, NULL));
	}
	ippDelete(resp);
	return 0;
}

static int
cups_find_job(void *priv, const char *queue,
    int (*match)(const char *, void *), void *arg, int *job_id)
{
	struct cups_priv *p = priv;
	cups_job_t *jobs;
	http_t *http;
	int n, found = 0;

	*job_id = 0;
	if ((http = cups_http(p, NULL, 0)) == NULL)
		return -1;
	n = cupsGetJobs2(http, &jobs, queue, 0, CUPS_WHICHJOBS_ALL);
	if (n < 0) {
		cups_after_error(p);
		return -1;
	}
	for (int i = 0; i < n; i++)
		if (jobs[i].title && jobs[i].state != IPP_JSTATE_CANCELED &&
		    jobs[i].state != IPP_JSTATE_ABORTED &&
		    match(jobs[i].title, arg) && jobs[i].id > *job_id) {
			*job_id = jobs[i].id;
			found = 1;
		}
	cupsFreeJobs(n, jobs);
	return found;
}

static int
cups_queue_status(void *priv, const char *queue, struct print_queue_status *qs,
    char *cause, size_t clen)
{
	static const char *const attrs[] = {
		"printer-state", "printer-state-reasons",
		"printer-is-accepting-jobs", "printer-state-message"
	};
	struct cups_priv *p = priv;
	char uri[HTTP_MAX_URI];
	ipp_attribute_t *a;
	http_t *http;
	ipp_t *req, *resp;

	memset(qs, 0, sizeof(*qs));
	if ((http = cups_http(p, cause, clen)) == NULL)
		return -1;
	req = ippNewRequest(IPP_OP_GET_PRINTER_ATTRIBUTES);
	httpAssembleURIf(HTTP_URI_CODING_ALL, uri, sizeof(uri), "ipp", NULL,
	    "localhost", 0, "/printers/%s", queue);
	ippAddString(req, IPP_TAG_OPERATION, IPP_TAG_URI, "printer-uri", NULL,
	    uri);
	ippAddStrings(req, IPP_TAG_OPERATION, IPP_TAG_KEYWORD,
	    "requested-attributes", 4, NULL, attrs);
	resp = cupsDoRequest(http, req, "/");
	if (resp == NULL || cupsLastError() > IPP_STATUS_OK_CONFLICTING) {
		snprintf(cause, clen, "queue %s: %s", queue,
		    cupsLastErrorString());
		ippDelete(resp);
		cups_after_error(p);
		return -1;
	}
	if ((a = ippFindAttribute(resp, "printer-state", IPP_TAG_ENUM)))
		qs->state = ippGetInteger(a, 0);
	if ((a = ippFindAttribute(resp, "printer-is-accepting-jobs",
	    IPP_TAG_BOOLEAN)))
		qs->accepting = ippGetBoolean(a, 0);
	if ((a = ippFindAttribute(resp, "printer-state-reasons",
	    IPP_TAG_KEYWORD))) {
		size_t off = 0;

		for (int i = 0; i < ippGetCount(a) && off < sizeof(qs->reasons);
		    i++) {
			int n = snprintf(qs->reasons + off,
			    sizeof(qs->reasons) - off, "%s%s", i ? "," : "",
			    ippGetString(a, i, NULL));
			if (n < 0)
				break;
			off += (size_t)n;
		}
	}
	if ((a = ippFindAttribute(resp, "printer-state-message", IPP_TAG_TEXT)))
		snprintf(qs->message, sizeof(qs->message), "%s",
		    ippGetString(a, 0, NULL));
	ippDelete(resp);
	return 0;
}

static int
cups_destinations(void *priv, struct print_dest **list, int *np, char *cause,
    size_t clen)
{
	struct cups_priv *p = priv;
	cups_dest_t *dests;
	http_t *http;
	int n;

	*list = NULL;
	*np = 0;
	if ((http = cups_http(p, cause, clen)) == NULL)
		return -1;
	n = cupsGetDests2(http, &dests);
	if (n == 0 && cupsLastError() > IPP_STATUS_OK_CONFLICTING) {
		snprintf(cause, clen, "listing queues: %s", cupsLastErrorString());
		cups_after_error(p);
		return -1;
	}
	if (n > 0 && (*list = calloc((size_t)n, sizeof(**list))) == NULL) {
		cupsFreeDests(n, dests);
		snprintf(cause, clen, "out of memory");
		return -1;
	}
	for (int i = 0; i < n; i++) {
		struct print_dest *d = &(*list)[i];
		const char *v;

#define OPT(k) ((v = cupsGetOption((k), dests[i].num_options, \
	dests[i].options)) ? v : "")
		snprintf(d->name, sizeof(d->name), "%s", dests[i].name);
		snprintf(d->info, sizeof(d->info), "%s", OPT("printer-info"));
		snprintf(d->uri, sizeof(d->uri), "%s", OPT("device-uri"));
		snprintf(d->make, sizeof(d->make), "%s",
		    OPT("printer-make-and-model"));
		d->state = atoi(OPT("printer-state"));
		d->accepting = strcmp(OPT("printer-is-accepting-jobs"),
		    "false") != 0;
		d->is_default = dests[i].is_default;
#undef OPT
	}
	cupsFreeDests(n, dests);
	*np = n;
	return 0;
}

const struct print_driver print_driver_cups = {
	.name = "cups",
	.open = cups_open,
	.close = cups_close,
	.submit = cups_submit,
	.job_state = cups_job_state,
	.find_job = cups_find_job,
	.queue_status = cups_queue_status,
	.destinations = cups_destinations,
};
