/*
 * Label rendering and submission speed.
 *   bench_labels render CSV N      one label (cold and warm) and a batch of N,
 *                                  ZPL and PDF, rows from CSV (area,date,model,
 *                                  cct,qty,case)
 *   bench_labels submit SERVER QUEUE N driver|bare
 *                                  submits N raw labels: through the station's
 *                                  printer driver, or a bare libcups loop
 * Prints key=value lines for bench/run.sh.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cups/cups.h>

#include "../drivers/printer.h"
#include "../labels/label.h"
#include "../common/buf.h"
#include "bench.h"

struct row {
	char	area[64], date[16], model[64], cct[16], qty[16], case_no[32];
};

static int
read_csv(const char *path, struct row *rows, int max)
{
	char line[512];
	FILE *f = fopen(path, "r");
	int n = 0;

	if (f == NULL)
		return -1;
	if (fgets(line, sizeof(line), f) == NULL) {	/* header */
		fclose(f);
		return -1;
	}
	while (n < max && fgets(line, sizeof(line), f)) {
		struct row *r = &rows[n];

		line[strcspn(line, "\r\n")] = '\0';
		if (sscanf(line, "%63[^,],%15[^,],%63[^,],%15[^,],%15[^,],%31s",
		    r->area, r->date, r->model, r->cct, r->qty, r->case_no) == 6)
			n++;
	}
	fclose(f);
	return n;
}

static void
fill(struct label_data *d, const struct row *r, int i)
{
	static char case_no[32];

	memset(d, 0, sizeof(*d));
	/* the sample's areas are Chinese names: code and name as the station */
	d->area = strstr(r->area, "维修") ? "A-REPAIR" : "B-RETURN";
	d->area_name = r->area;
	d->date = r->date;
	d->model = r->model;
	d->cct = atoi(r->cct);
	d->qty = atoi(r->qty);
	snprintf(case_no, sizeof(case_no), "R20261123-%04d", i % 10000);
	d->case_no = i < 0 ? r->case_no : case_no;
	d->waybill = "SF1234567890123";
	d->carrier = "SF";
	d->kind = "repair";
}

static int
render(int argc, char **argv)
{
	struct row rows[64];
	struct label_tmpl *t;
	struct label_data d, *many;
	struct buf b;
	char cause[512], (*case_nos)[32];
	double t0, first_pdf, *single;
	int nrows, n, reps = 300;

	if (argc != 2 || (nrows = read_csv(argv[0], rows, 64)) <= 0 ||
	    (n = atoi(argv[1])) <= 0) {
		fprintf(stderr, "bench_labels render CSV N\n");
		return 2;
	}
	if ((single = calloc((size_t)reps, sizeof(*single))) == NULL ||
	    (many = calloc((size_t)n, sizeof(*many))) == NULL ||
	    (case_nos = calloc((size_t)n, sizeof(*case_nos))) == NULL)
		return 1;
	buf_init(&b);
	t0 = now_us();
	if ((t = label_tmpl_builtin("area", cause, sizeof(cause))) == NULL) {
		fprintf(stderr, "%s\n", cause);
		return 1;
	}
	fill(&d, &rows[0], -1);
	/* the first label in a fresh process loads fonts: reported apart */
	if (label_render(t, &d, LABEL_PDF, 203, &b, NULL, cause,
	    sizeof(cause)) == -1) {
		fprintf(stderr, "%s\n", cause);
		return 1;
	}
	first_pdf = now_us() - t0;
	printf("pdf_first_us=%.0f\n", first_pdf);
	for (int f = 0; f < 2; f++) {
		enum label_format fmt = f ? LABEL_ZPL : LABEL_PDF;
		const char *name = f ? "zpl" : "pdf";
		double batch;

		for (int i = 0; i < reps; i++) {
			fill(&d, &rows[i % nrows], i);
			buf_reset(&b);
			t0 = now_us();
			label_render(t, &d, fmt, 203, &b, NULL, cause,
			    sizeof(cause));
			single[i] = now_us() - t0;
		}
		qsort(single, (size_t)reps, sizeof(*single), cmpd);
		/* a batch is one document, as a merge prints it */
		t0 = now_us();
		for (int i = 0; i < n; i++) {
			fill(&many[i], &rows[i % nrows], i);
			many[i].case_no = case_nos[i];
			snprintf(case_nos[i], sizeof(case_nos[i]),
			    "R20261123-%04d", i);
		}
		buf_reset(&b);
		if (label_render_many(t, many, n, fmt, 203, &b, NULL, cause,
		    sizeof(cause)) == -1) {
			fprintf(stderr, "%s\n", cause);
			return 1;
		}
		batch = (now_us() - t0) / n;
		printf("%s_one_us=%.1f %s_batch_us=%.1f %s_bytes=%zu\n", name,
		    single[reps / 2], name, batch, name, b.len);
	}
	label_tmpl_free(t);
	buf_free(&b);
	free(single);
	free(many);
	free(case_nos);
	return 0;
}

static int
submit(int argc, char **argv)
{
	const char *queue, *mode;
	char data[64], cause[256], title[64];
	double *acc, t0, total;
	void *priv = NULL;
	http_t *http = NULL;
	int n, job;

	if (argc != 4 || (n = atoi(argv[2])) <= 0) {
		fprintf(stderr, "bench_labels submit SERVER QUEUE N driver|bare\n");
		return 2;
	}
	queue = argv[1];
	mode = argv[3];
	if ((acc = calloc((size_t)n, sizeof(*acc))) == NULL)
		return 1;
	if (!strcmp(mode, "driver"))
		priv = print_driver_cups.open(argv[0]);
	else {
		cupsSetServer(argv[0]);
		http = httpConnect2(cupsServer(), ippPort(), NULL, AF_UNSPEC,
		    HTTP_ENCRYPTION_IF_REQUESTED, 1, 3000, NULL);
		if (http == NULL)
			return 1;
	}
	total = now_us();
	for (int i = 0; i < n; i++) {
		int len = snprintf(data, sizeof(data),
		    "^XA^FO20,20^A0N,40,0^FDbench %d^FS^XZ\n", i);

		snprintf(title, sizeof(title), "bench %d", i);
		t0 = now_us();
		if (priv) {
			if (print_driver_cups.submit(priv, queue, title, "zpl", NULL,
			    data, (size_t)len, &job, cause, sizeof(cause)) == -1) {
				fprintf(stderr, "%s\n", cause);
				return 1;
			}
		} else {
			job = cupsCreateJob(http, queue, title, 0, NULL);
			if (job == 0 || cupsStartDocument(http, queue, job, title,
			    CUPS_FORMAT_RAW, 1) != HTTP_STATUS_CONTINUE ||
			    cupsWriteRequestData(http, data, (size_t)len) !=
			    HTTP_STATUS_CONTINUE ||
			    cupsFinishDocument(http, queue) != IPP_STATUS_OK) {
				fprintf(stderr, "%s\n", cupsLastErrorString());
				return 1;
			}
		}
		acc[i] = now_us() - t0;
	}
	total = now_us() - total;
	qsort(acc, (size_t)n, sizeof(*acc), cmpd);
	printf("%s_accept_p50_us=%.0f %s_accept_p99_us=%.0f %s_submit_total_us=%.0f\n",
	    mode, acc[n / 2], mode, acc[(int)ceil(n * 0.99) - 1], mode, total);
	if (priv)
		print_driver_cups.close(priv);
	if (http)
		httpClose(http);
	free(acc);
	return 0;
}

int
main(int argc, char *argv[])
{
	if (argc >= 2 && !strcmp(argv[1], "render"))
		return render(argc - 2, argv + 2);
	if (argc >= 2 && !strcmp(argv[1], "submit"))
		return submit(argc - 2, argv + 2);
	fprintf(stderr, "usage: bench_labels render|submit ...\n");
	return 2;
}
