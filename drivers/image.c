/* Image loading for zbar (see image.h). */
#include <errno.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cairo.h>
#include <jpeglib.h>

#include "image.h"
#include "imghdr.h"

#define IMAGE_MAX_PIXELS (64 * 1024 * 1024)

struct jerr {
	struct jpeg_error_mgr	 mgr;
	jmp_buf			 jb;
	char			 msg[JMSG_LENGTH_MAX];
};

static void
jpeg_fail(j_common_ptr c)
{
	struct jerr *e = (struct jerr *)c->err;

	(*c->err->format_message)(c, e->msg);
	longjmp(e->jb, 1);
}

static void
jpeg_quiet(j_common_ptr c, int level)
{
	(void)c;
	(void)level;	/* warnings about damaged files: the error says it */
}

static int
load_jpeg(FILE *f, unsigned char **gray, int *w, int *h, char *cause,
    size_t clen)
{
	struct jpeg_decompress_struct d;
	struct jerr e;
	unsigned char *volatile px = NULL;

	d.err = jpeg_std_error(&e.mgr);
	e.mgr.error_exit = jpeg_fail;
	e.mgr.emit_message = jpeg_quiet;
	if (setjmp(e.jb)) {
		snprintf(cause, clen, "not a readable JPEG: %s", e.msg);
		jpeg_destroy_decompress(&d);
		free(px);
		return -1;
	}
	jpeg_create_decompress(&d);
	jpeg_stdio_src(&d, f);
	jpeg_read_header(&d, TRUE);
	d.out_color_space = JCS_GRAYSCALE;
	jpeg_start_decompress(&d);
	if ((size_t)d.output_width * d.output_height > IMAGE_MAX_PIXELS) {
		snprintf(cause, clen, "photo too large (%ux%u)", d.output_width,
		    d.output_height);
		jpeg_destroy_decompress(&d);
		return -1;
	}
	px = malloc((size_t)d.output_width * d.output_height);
	if (px == NULL) {
		snprintf(cause, clen, "out of memory");
		jpeg_destroy_decompress(&d);
		return -1;
	}
	while (d.output_scanline < d.output_height) {
		JSAMPROW row = px + (size_t)d.output_scanline * d.output_width;

		jpeg_read_scanlines(&d, &row, 1);
	}
	*w = (int)d.output_width;
	*h = (int)d.output_height;
	jpeg_finish_decompress(&d);
	jpeg_destroy_decompress(&d);
	*gray = px;
	return 0;
}

/* PNG bytes read by cairo from memory. */
struct mem {
	const unsigned char	*p;
	size_t			 len, off;
};

static cairo_status_t
mem_read(void *closure, unsigned char *data, unsigned int length)
{
	struct mem *m = closure;

	if (m->len - m->off < length)
		return CAIRO_STATUS_READ_ERROR;
	memcpy(data, m->p + m->off, length);
	m->off += length;
	return CAIRO_STATUS_SUCCESS;
}

static int
load_png(struct mem *m, unsigned char **gray, int *w, int *h, char *cause,
    size_t clen)
{
	cairo_surface_t *s = cairo_image_surface_create_from_png_stream(mem_read,
	    m);
	unsigned char *px, *out;
	int stride;

	if (cairo_surface_status(s) != CAIRO_STATUS_SUCCESS) {
		snprintf(cause, clen, "not a readable PNG: %s",
		    cairo_status_to_string(cairo_surface_status(s)));
		cairo_surface_destroy(s);
		return -1;
	}
	*w = cairo_image_surface_get_width(s);
	*h = cairo_image_surface_get_height(s);
	if ((size_t)*w * (size_t)*h > IMAGE_MAX_PIXELS ||
	    (out = malloc((size_t)*w * (size_t)*h)) == NULL) {
		snprintf(cause, clen, "photo too large");
		cairo_surface_destroy(s);
		return -1;
	}
	cairo_surface_flush(s);
	px = cairo_image_surface_get_data(s);
	stride = cairo_image_surface_get_stride(s);
	for (int y = 0; y < *h; y++)
		for (int x = 0; x < *w; x++) {
			uint32_t p;
			unsigned a, r, g, b, v;

			memcpy(&p, px + (size_t)y * stride + (size_t)x * 4, 4);
			a = cairo_image_surface_get_format(s) == CAIRO_FORMAT_ARGB32 ?
			    p >> 24 : 255;
			r = (p >> 16) & 255;
			g = (p >> 8) & 255;
			b = p & 255;
			/* premultiplied: transparent counts as white paper */
			v = (r * 30 + g * 59 + b * 11) / 100 + (255 - a);
			out[(size_t)y * *w + x] = (unsigned char)(v > 255 ? 255 : v);
		}
	cairo_surface_destroy(s);
	*gray = out;
	return 0;
}

int
image_decode_gray(const void *data, size_t len, unsigned char **gray, int *w,
    int *h, char *cause, size_t clen)
{
	const unsigned char *p = data;
	struct mem m = { data, len, 0 };
	FILE *f;
	int rc;

	const char *fmt;
	int hw, hh;

	*gray = NULL;
	if (len < 8) {
		snprintf(cause, clen, "too short for a photo");
		return -1;
	}
	/* the header's word on size, before a decoder allocates for it */
	if (image_header(data, len, &fmt, &hw, &hh, cause, clen) == -1)
		return -1;
	if (p[0] == 0xff && p[1] == 0xd8) {
		if ((f = fmemopen((void *)(uintptr_t)data, len, "rb")) == NULL) {
			snprintf(cause, clen, "%s", strerror(errno));
			return -1;
		}
		rc = load_jpeg(f, gray, w, h, cause, clen);
		fclose(f);
		return rc;
	}
	if (memcmp(p, "\x89PNG\r\n\x1a\n", 8) == 0)
		return load_png(&m, gray, w, h, cause, clen);
	snprintf(cause, clen, "not a JPEG or PNG photo");
	return -1;
}

int
image_load_gray(const char *path, unsigned char **gray, int *w, int *h,
    char *cause, size_t clen)
{
	char why[256];
	void *data;
	size_t len;
	long n;
	FILE *f;
	int rc;

	*gray = NULL;
	if ((f = fopen(path, "rb")) == NULL) {
		snprintf(cause, clen, "%s: %s", path, strerror(errno));
		return -1;
	}
	if (fseek(f, 0, SEEK_END) == -1 || (n = ftell(f)) < 0 ||
	    fseek(f, 0, SEEK_SET) == -1 || n > IMAGE_MAX_BYTES) {
		snprintf(cause, clen, "%s: not a photo file of at most %d MiB",
		    path, IMAGE_MAX_BYTES >> 20);
		fclose(f);
		return -1;
	}
	len = (size_t)n;
	if ((data = malloc(len ? len : 1)) == NULL ||
	    fread(data, 1, len, f) != len) {
		snprintf(cause, clen, "%s: cannot read", path);
		fclose(f);
		free(data);
		return -1;
	}
	fclose(f);
	rc = image_decode_gray(data, len, gray, w, h, why, sizeof(why));
	if (rc == -1)
		snprintf(cause, clen, "%s: %s", path, why);
	free(data);
	return rc;
}

int
image_save_jpeg(const char *path, const unsigned char *gray, int w, int h,
    int quality)
{
	struct jpeg_compress_struct c;
	struct jpeg_error_mgr e;
	FILE *f;

	if ((f = fopen(path, "wb")) == NULL)
		return -1;
	c.err = jpeg_std_error(&e);
	jpeg_create_compress(&c);
	jpeg_stdio_dest(&c, f);
	c.image_width = (JDIMENSION)w;
	c.image_height = (JDIMENSION)h;
	c.input_components = 1;
	c.in_color_space = JCS_GRAYSCALE;
	jpeg_set_defaults(&c);
	jpeg_set_quality(&c, quality, TRUE);
	jpeg_start_compress(&c, TRUE);
	while (c.next_scanline < c.image_height) {
		JSAMPROW row = (JSAMPROW)(gray + (size_t)c.next_scanline * w);

		jpeg_write_scanlines(&c, &row, 1);
	}
	jpeg_finish_compress(&c);
	jpeg_destroy_compress(&c);
	return fclose(f) == 0 ? 0 : -1;
}
