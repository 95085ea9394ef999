/*
 * inkcmp: do two drawings of one label agree? Reads two PNGs (a label
 * drawn by another renderer, and the station's own preview, both one pixel
 * a printer dot) and counts the dark pixels of the first that have no dark
 * pixel of the second within R pixels: ink where the preview has none.
 * usage: inkcmp OTHER.png PREVIEW.png [R [STRAY.png]]
 * (STRAY.png: the stray ink in red over the preview, to look at)
 *    or: inkcmp OTHER.png --boxes FILE [TOL]
 * (FILE: the label's element boxes, "x y w h" in dots a line: counts the
 * ink outside every box, TOL dots of slack, as stray)
 * Prints: ink=N stray=N stray_permille=N width=W height=H
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cairo.h>

static unsigned char *
dark(cairo_surface_t *s, int *w, int *h)
{
	cairo_surface_t *g;
	cairo_t *cr;
	unsigned char *d, *px;
	int stride;

	*w = cairo_image_surface_get_width(s);
	*h = cairo_image_surface_get_height(s);
	/* flattened on white, then read as RGB24 */
	g = cairo_image_surface_create(CAIRO_FORMAT_RGB24, *w, *h);
	cr = cairo_create(g);
	cairo_set_source_rgb(cr, 1, 1, 1);
	cairo_paint(cr);
	cairo_set_source_surface(cr, s, 0, 0);
	cairo_paint(cr);
	cairo_destroy(cr);
	cairo_surface_flush(g);
	px = cairo_image_surface_get_data(g);
	stride = cairo_image_surface_get_stride(g);
	if ((d = calloc((size_t)*w * (size_t)*h, 1)) == NULL)
		exit(2);
	for (int y = 0; y < *h; y++)
		for (int x = 0; x < *w; x++) {
			unsigned v = *(unsigned *)(px + y * stride + x * 4);
			int lum = ((v >> 16 & 255) + (v >> 8 & 255) + (v & 255)) / 3;

			d[y * *w + x] = lum < 128;
		}
	cairo_surface_destroy(g);
	return d;
}

static int
boxes(const char *png, const char *file, int tol)
{
	cairo_surface_t *a = cairo_image_surface_create_from_png(png);
	double bx[256], by[256], bw[256], bh[256];
	unsigned char *da;
	long ink = 0, out = 0;
	int w, h, n = 0;
	FILE *f;

	if (cairo_surface_status(a) || (f = fopen(file, "r")) == NULL) {
		fprintf(stderr, "inkcmp: cannot read %s or %s\n", png, file);
		return 2;
	}
	while (n < 256 && fscanf(f, "%lf %lf %lf %lf", &bx[n], &by[n], &bw[n],
	    &bh[n]) == 4)
		n++;
	fclose(f);
	da = dark(a, &w, &h);
	for (int y = 0; y < h; y++)
		for (int x = 0; x < w; x++) {
			int in = 0;

			if (!da[y * w + x])
				continue;
			ink++;
			for (int i = 0; i < n && !in; i++)
				in = x >= bx[i] - tol && x < bx[i] + bw[i] + tol &&
				    y >= by[i] - tol && y < by[i] + bh[i] + tol;
			out += !in;
		}
	printf("ink=%ld stray=%ld stray_permille=%ld width=%d height=%d\n",
	    ink, out, ink ? out * 1000 / ink : 0, w, h);
	free(da);
	cairo_surface_destroy(a);
	return 0;
}

int
main(int argc, char *argv[])
{
	cairo_surface_t *a, *b;
	unsigned char *da, *db;
	int wa, ha, wb, hb, w, h, r = argc > 3 ? atoi(argv[3]) : 2;
	long ink = 0, stray = 0;
	cairo_surface_t *out = NULL;
	unsigned char *op = NULL;
	int ostride = 0;

	if (argc < 3) {
		fprintf(stderr, "usage: inkcmp OTHER.png PREVIEW.png [R]\n");
		return 2;
	}
	if (!strcmp(argv[2], "--boxes") && argc > 3)
		return boxes(argv[1], argv[3], argc > 4 ? atoi(argv[4]) : 1);
	a = cairo_image_surface_create_from_png(argv[1]);
	b = cairo_image_surface_create_from_png(argv[2]);
	if (cairo_surface_status(a) || cairo_surface_status(b)) {
		fprintf(stderr, "inkcmp: cannot read the PNGs\n");
		return 2;
	}
	da = dark(a, &wa, &ha);
	db = dark(b, &wb, &hb);
	w = wa < wb ? wa : wb;
	h = ha < hb ? ha : hb;
	if (argc > 4) {
		out = cairo_image_surface_create(CAIRO_FORMAT_RGB24, wa, ha);
		op = cairo_image_surface_get_data(out);
		ostride = cairo_image_surface_get_stride(out);
		for (int y = 0; y < ha; y++)
			for (int x = 0; x < wa; x++)
				*(unsigned *)(op + y * ostride + x * 4) =
				    y < hb && x < wb && db[y * wb + x] ?
				    0xc0c0c0 : 0xffffff;
	}
	for (int y = 0; y < ha; y++)
		for (int x = 0; x < wa; x++) {
			int near = 0;

			if (!da[y * wa + x])
				continue;
			ink++;
			for (int dy = -r; dy <= r && !near; dy++)
				for (int dx = -r; dx <= r && !near; dx++) {
					int yy = y + dy, xx = x + dx;

					near = yy >= 0 && xx >= 0 && yy < h &&
					    xx < w && db[yy * wb + xx];
				}
			stray += !near;
			if (out && !near)
				*(unsigned *)(op + y * ostride + x * 4) = 0xff0000;
		}
	printf("ink=%ld stray=%ld stray_permille=%ld width=%d height=%d\n", ink,
	    stray, ink ? stray * 1000 / ink : 0, wa, ha);
	if (out) {
		cairo_surface_mark_dirty(out);
		cairo_surface_write_to_png(out, argv[4]);
		cairo_surface_destroy(out);
	}
	free(da);
	free(db);
	cairo_surface_destroy(a);
	cairo_surface_destroy(b);
	return 0;
}
