/*
 * Waybill photos: barcodes rendered as the labels render them (zint), then
 * rotated, scaled and noised, saved as PNG and JPEG, read back with zbar.
 */
#include <math.h>
#include <stdint.h>
#include <unistd.h>

#include "../t.h"
#include "../../drivers/image.h"
#include "../../drivers/zbar_decode.h"
#include "../../labels/label-int.h"

static char dir[] = "/tmp/station-test-photos-XXXXXX";

/* A photo of a parcel: the barcodes at an angle, smaller, with noise. */
static int
photo(const char *path, int jpeg, double deg, double scale, int noise,
    const char *code128, const char *qr)
{
	cairo_surface_t *s, *label;
	cairo_t *cr;
	char cause[256];
	int W = 1400, H = 1000, rc = 0;
	uint32_t x = 7;

	/* the waybill as printed, then photographed: turned and smaller */
	label = cairo_image_surface_create(CAIRO_FORMAT_RGB24, 1100, 700);
	cr = cairo_create(label);
	cairo_set_source_rgb(cr, 1, 1, 1);
	cairo_paint(cr);
	/* a phone photo: some 5 pixels to a bar module */
	if (draw_barcode(cr, BC_CODE128, code128, 30, 40, 1040, 240, 1, 0, NULL,
	    NULL, cause, sizeof(cause)) == -1)
		rc = -1;
	if (qr && draw_barcode(cr, BC_QR, qr, 400, 330, 300, 300, 0, 0, NULL, NULL,
	    cause, sizeof(cause)) == -1)
		rc = -1;
	cairo_destroy(cr);
	s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, W, H);
	cr = cairo_create(s);
	cairo_set_source_rgb(cr, 0.93, 0.91, 0.86);	/* brown paper */
	cairo_paint(cr);
	cairo_translate(cr, W / 2.0, H / 2.0);
	cairo_rotate(cr, deg * M_PI / 180);
	cairo_scale(cr, scale, scale);
	cairo_translate(cr, -550, -350);
	cairo_set_source_surface(cr, label, 0, 0);
	cairo_pattern_set_filter(cairo_get_source(cr), CAIRO_FILTER_GOOD);
	cairo_paint(cr);
	cairo_destroy(cr);
	cairo_surface_destroy(label);
	cairo_surface_flush(s);
	{
		unsigned char *px = cairo_image_surface_get_data(s);
		int stride = cairo_image_surface_get_stride(s);
		unsigned char *g = malloc((size_t)W * H);

		for (int y = 0; y < H; y++)
			for (int i = 0; i < W; i++) {
				uint32_t p;
				int v;

				memcpy(&p, px + y * stride + i * 4, 4);
				v = (int)((((p >> 16) & 255) * 30 + ((p >> 8) & 255) *
				    59 + (p & 255) * 11) / 100);
				x = x * 1103515245u + 12345u;
				v += (int)((x >> 16) % (2 * noise + 1)) - noise;
				g[y * W + i] = (unsigned char)(v < 0 ? 0 :
				    v > 255 ? 255 : v);
				p = 0xff000000u | (uint32_t)g[y * W + i] << 16 |
				    (uint32_t)g[y * W + i] << 8 | g[y * W + i];
				memcpy(px + y * stride + i * 4, &p, 4);
			}
		cairo_surface_mark_dirty(s);
		if (rc == 0)
			rc = jpeg ? image_save_jpeg(path, g, W, H, 85) :
			    (cairo_surface_write_to_png(s, path) ==
			    CAIRO_STATUS_SUCCESS ? 0 : -1);
		free(g);
	}
	cairo_surface_destroy(s);
	return rc;
}

static int
found(const char *path, const char *want)
{
	struct zbar_hit *h;
	unsigned char *g;
	char cause[256];
	int w, ht, n, hit = 0;

	if (image_load_gray(path, &g, &w, &ht, cause, sizeof(cause)) == -1) {
		printf("#   %s\n", cause);
		return -1;
	}
	n = zbar_decode_gray(g, w, ht, &h);
	for (int i = 0; i < n; i++)
		hit += strcmp(h[i].data, want) == 0;
	zbar_hits_free(h, n);
	free(g);
	return hit;
}

static void
test_waybill_photos(void)
{
	static const struct { double deg, scale; int noise, jpeg; } v[] = {
		{ 0, 1, 0, 0 }, { 3, 0.9, 6, 0 }, { -6, 0.8, 8, 1 },
		{ 10, 1, 10, 1 }, { 0, 0.7, 5, 1 },
	};
	static const char *const waybills[] = {
		"SF1234567890123", "JDVA12345678901", "YT1234567890123",
		"773123456789012",
	};
	char path[300];
	int fails = 0;

	for (size_t w = 0; w < sizeof(waybills) / sizeof(waybills[0]); w++)
		for (size_t i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
			snprintf(path, sizeof(path), "%s/p%zu-%zu.%s", dir, w, i,
			    v[i].jpeg ? "jpg" : "png");
			CHECK(photo(path, v[i].jpeg, v[i].deg, v[i].scale,
			    v[i].noise, waybills[w], w == 0 ? "QR-HELLO" :
			    NULL) == 0);
			if (found(path, waybills[w]) != 1)
				printf("#   %s: %s not read\n", path, waybills[w]);
			fails += found(path, waybills[w]) != 1;
		}
	CHECK(fails == 0);
	/* the QR on the same photo is read too */
	snprintf(path, sizeof(path), "%s/p0-1.png", dir);
	CHECK(found(path, "QR-HELLO") == 1);
}

static void
test_not_photos(void)
{
	unsigned char *g;
	char path[300], cause[256];
	int w, h;
	FILE *f;

	snprintf(path, sizeof(path), "%s/x.jpg", dir);
	f = fopen(path, "w");
	fputs("\xff\xd8 this is no JPEG at all", f);
	fclose(f);
	CHECK(image_load_gray(path, &g, &w, &h, cause, sizeof(cause)) == -1);
	CHECK_CONTAINS(cause, "JPEG");
	f = fopen(path, "w");
	fputs("GIF89a not ours", f);
	fclose(f);
	CHECK(image_load_gray(path, &g, &w, &h, cause, sizeof(cause)) == -1);
	CHECK_CONTAINS(cause, "not a JPEG or PNG");
	CHECK(image_load_gray("/nonexistent.png", &g, &w, &h, cause,
	    sizeof(cause)) == -1);
}

int
main(void)
{
	if (mkdtemp(dir) == NULL)
		return 1;
	RUN(test_waybill_photos);
	RUN(test_not_photos);
	if (getenv("KEEP")) return T_DONE();
	return t_finish(dir);
}
