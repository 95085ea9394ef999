/*
 * Label templates and renderers: every shipped template rendered at its
 * real resolution, and every barcode on it read back with zbar, straight,
 * rotated and scaled, as a label photographed askew.
 */
#define _GNU_SOURCE
#include <math.h>
#include <stdint.h>

#include <cairo.h>

#include "../t.h"
#include "../../drivers/zbar_decode.h"
#include "../../labels/label.h"
#include "../../common/buf.h"

static const struct label_data sample = {
	.area = "A-REPAIR", .area_name = "维修区", .date = "2026-11-23",
	.case_no = "R20261123-0042", .waybill = "SF1234567890123",
	.carrier = "SF", .model = "LX-FL100 +1", .spec = "100W IP65",
	.kind = "repair", .condition = "damaged", .operator = "1001",
	.cct = 4000, .qty = 3,
};

struct png_src {
	const struct buf	*b;
	size_t			 off;
};

static cairo_status_t
png_read(void *closure, unsigned char *data, unsigned int len)
{
	struct png_src *s = closure;

	if (s->off + len > s->b->len)
		return CAIRO_STATUS_READ_ERROR;
	memcpy(data, s->b->data + s->off, len);
	s->off += len;
	return CAIRO_STATUS_SUCCESS;
}

/* Decodes the PNG in b after rotating it by deg and scaling it by scale. */
static int
decode_hits(const struct buf *b, double deg, double scale,
    struct zbar_hit **hits)
{
	struct png_src src = { b, 0 };
	cairo_surface_t *in, *out;
	unsigned char *gray, *px;
	int w, h, W, H, stride, n;
	cairo_t *cr;

	in = cairo_image_surface_create_from_png_stream(png_read, &src);
	if (cairo_surface_status(in) != CAIRO_STATUS_SUCCESS)
		return -1;
	w = cairo_image_surface_get_width(in);
	h = cairo_image_surface_get_height(in);
	W = (int)(w * 1.3);
	H = (int)(h * 1.3);
	out = cairo_image_surface_create(CAIRO_FORMAT_RGB24, W, H);
	cr = cairo_create(out);
	cairo_set_source_rgb(cr, 1, 1, 1);
	cairo_paint(cr);
	cairo_translate(cr, W / 2.0, H / 2.0);
	cairo_rotate(cr, deg * M_PI / 180);
	cairo_scale(cr, scale, scale);
	cairo_translate(cr, -w / 2.0, -h / 2.0);
	cairo_set_source_surface(cr, in, 0, 0);
	cairo_pattern_set_filter(cairo_get_source(cr), CAIRO_FILTER_GOOD);
	cairo_paint(cr);
	cairo_destroy(cr);
	cairo_surface_flush(out);
	px = cairo_image_surface_get_data(out);
	stride = cairo_image_surface_get_stride(out);
	gray = malloc((size_t)W * H);
	for (int y = 0; y < H; y++)
		for (int x = 0; x < W; x++) {
			uint32_t p;

			memcpy(&p, px + y * stride + x * 4, 4);
			gray[y * W + x] = (unsigned char)((((p >> 16) & 255) * 30 +
			    ((p >> 8) & 255) * 59 + (p & 255) * 11) / 100);
		}
	n = zbar_decode_gray(gray, W, H, hits);
	free(gray);
	cairo_surface_destroy(out);
	cairo_surface_destroy(in);
	return n;
}

/* How many symbols decoded from b equal want (and, with type, are of it). */
static int
decode(const struct buf *b, double deg, double scale, const char *want,
    const char *type)
{
	struct zbar_hit *hits;
	int n = decode_hits(b, deg, scale, &hits), match = 0;

	for (int i = 0; i < n; i++) {
		if (strcmp(hits[i].data, want) == 0 &&
		    (type == NULL || strcmp(hits[i].type, type) == 0))
			match++;
	}
	zbar_hits_free(hits, n);
	return n < 0 ? -1 : match;
}

static void
test_templates_scan(void)
{
	static const char *const names[] = { "area", "case" };
	static const int dpis[] = { 203, 300 };
	char cause[512];

	for (int i = 0; i < 2; i++)
		for (int k = 0; k < 2; k++) {
			struct label_tmpl *t;
			struct label_info info;
			struct buf png;

			CHECK((t = label_tmpl_builtin(names[i], cause,
			    sizeof(cause))) != NULL);
			buf_init(&png);
			if (label_render(t, &sample, LABEL_PNG, dpis[k], &png,
			    &info, cause, sizeof(cause)) != 0)
				printf("#   %s\n", cause);
			CHECK(png.len > 8 && memcmp(png.data, "\x89PNG", 4) == 0);
			/* real size: 60 mm at 203 dpi is 480 dots */
			CHECK(info.width_dots == (int)lround((i ? 100 : 60) *
			    dpis[k] / 25.4));
			CHECK(info.unknown_glyphs == 0);
			CHECK(decode(&png, 0, 1, sample.case_no, "CODE-128") == 1);
			CHECK(decode(&png, 4, 1, sample.case_no, "CODE-128") == 1);
			CHECK(decode(&png, -3, 0.9, sample.case_no, "CODE-128") == 1);
			if (i == 1) {
				CHECK(decode(&png, 0, 1, sample.case_no,
				    "QR-Code") == 1);
				CHECK(decode(&png, 5, 0.9, sample.case_no,
				    "QR-Code") == 1);
			}
			buf_free(&png);
			label_tmpl_free(t);
		}
}

/* Chinese text is drawn with real glyphs: ink where the name goes, and
 * pango found a font for every character. */
static void
test_chinese(void)
{
	struct label_data d = sample, blank = sample;
	struct label_info info;
	struct label_tmpl *t;
	struct buf a, b;
	char cause[512];
	int differ = 0;

	const char *cn = "size 40x10\ntext x=1 y=1 h=7 \"{area_name}\"\n";

	CHECK((t = label_tmpl_parse("cn.tmpl", cn, strlen(cn), cause,
	    sizeof(cause))) != NULL);
	buf_init(&a);
	buf_init(&b);
	blank.area_name = "";
	CHECK(label_render(t, &d, LABEL_PNG, 203, &a, &info, cause,
	    sizeof(cause)) == 0);
	CHECK(info.unknown_glyphs == 0);
	CHECK(label_render(t, &blank, LABEL_PNG, 203, &b, NULL, cause,
	    sizeof(cause)) == 0);
	differ = a.len != b.len || memcmp(a.data, b.data, a.len) != 0;
	CHECK(differ);
	/* the check can fail: a private-use character has no glyph */
	d.area_name = "\xee\x80\x80\xee\x80\x81";	/* U+E000 U+E001 */
	buf_reset(&a);
	CHECK(label_render(t, &d, LABEL_PNG, 203, &a, &info, cause,
	    sizeof(cause)) == 0);
	CHECK(info.unknown_glyphs == 2);
	/* in ZPL it travels as a graphic field */
	d.area_name = "维修区";
	buf_reset(&a);
	CHECK(label_render(t, &d, LABEL_ZPL, 203, &a, &info, cause,
	    sizeof(cause)) == 0);
	CHECK_CONTAINS(a.data, "^GFA,");
	CHECK(strstr(a.data, "维") == NULL);
	CHECK(info.unknown_glyphs == 0);
	buf_free(&a);
	buf_free(&b);
	label_tmpl_free(t);
}

static void
test_zpl_and_pdf(void)
{
	struct label_data d = sample;
	struct label_tmpl *t;
	struct buf b;
	char cause[512];

	CHECK((t = label_tmpl_builtin("area", cause, sizeof(cause))) != NULL);
	buf_init(&b);
	d.model = "LX^FL~100_X";
	CHECK(label_render(t, &d, LABEL_ZPL, 203, &b, NULL, cause,
	    sizeof(cause)) == 0);
	CHECK(strncmp(b.data, "^XA", 3) == 0);
	CHECK_CONTAINS(b.data, "^XZ");
	CHECK_CONTAINS(b.data, "^PW480^LL320");
	CHECK_CONTAINS(b.data, "^BCN,");
	CHECK_CONTAINS(b.data, "^FDR20261123-0042^FS");
	/* text goes as graphics drawn like the preview, never as commands */
	CHECK(strstr(b.data, "^A0") == NULL);
	CHECK(strstr(b.data, "^FL") == NULL);
	CHECK(strstr(b.data, "LX") == NULL);
	/* and barcode data cannot inject ZPL commands */
	d.case_no = "R1^FS~X_1";
	buf_reset(&b);
	CHECK(label_render(t, &d, LABEL_ZPL, 203, &b, NULL, cause,
	    sizeof(cause)) == 0);
	CHECK_CONTAINS(b.data, "^FDR1_5EFS_7EX_5F1^FS");
	CHECK(strstr(b.data, "R1^FS") == NULL);
	d.case_no = sample.case_no;
	buf_reset(&b);
	CHECK(label_render(t, &d, LABEL_ZPL, 300, &b, NULL, cause,
	    sizeof(cause)) == 0);
	CHECK_CONTAINS(b.data, "^PW709^LL472");
	buf_reset(&b);
	CHECK(label_render(t, &d, LABEL_PDF, 0, &b, NULL, cause,
	    sizeof(cause)) == 0);
	CHECK(strncmp(b.data, "%PDF-", 5) == 0);
	buf_reset(&b);
	CHECK(label_render(t, &d, LABEL_PNG, 250, &b, NULL, cause,
	    sizeof(cause)) == -1);
	CHECK_CONTAINS(cause, "250");
	/* a value too long for its barcode is an error, not a bad label */
	d.case_no = "R20261123-0042-AND-A-GREAT-DEAL-MORE-TEXT-THAN-FITS";
	CHECK(label_render(t, &d, LABEL_PNG, 203, &b, NULL, cause,
	    sizeof(cause)) == -1);
	CHECK_CONTAINS(cause, "does not fit");
	buf_free(&b);
	label_tmpl_free(t);
}

static void
test_bad_templates(void)
{
	static const struct { const char *text, *msg; } bad[] = {
		{ "size 60x40\ntext x=1 y=1 h=3 \"{colour}\"\n", "t:2: unknown field" },
		{ "size 60x40\n\nbox x=50 y=1 w=20 h=5\n", "t:3: box lies outside" },
		{ "size 60x40\ntext x=1 y=38 h=5 \"x\"\n", "t:2: text lies outside" },
		{ "size 60x40\nbarcode x=1 y=1 w=50 h=9 type=ean13 \"{case_no}\"\n",
		    "t:2: unknown barcode type 'ean13'" },
		{ "size 60x40\nbarcode x=1 y=1 w=50 h=9 \"{case_no}\"\n",
		    "t:2: barcode needs type" },
		{ "size 60x40\ntext x=1 y=1 h=3 \"\xff\xfe\"\n", "t:2: not valid UTF-8" },
		{ "size 60x40\ncircle x=1 y=1\n", "t:2: unknown element 'circle'" },
		{ "text x=1 y=1 h=3 \"a\"\n", "t:1: the template must begin with its size" },
		{ "size 60x40\ntext x=1 y=1 h=3 colour=red \"a\"\n", "t:2: unknown key 'colour'" },
		{ "size 60x40\ntext x=one y=1 h=3 \"a\"\n", "t:2: x must be a number" },
		{ "size 60x40\ntext x=1 y=1 h=3 \"a\n", "t:2: unterminated" },
		{ "size 60x40\nline x1=1 y1=1 x2=9 y2=9\n", "t:2: lines must be horizontal" },
		{ "size 60\n", "t:1: size must be" },
		{ "# nothing\n", "t: no size line" },
	};
	char cause[512];

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct label_tmpl *t = label_tmpl_parse("t", bad[i].text,
		    strlen(bad[i].text), cause, sizeof(cause));

		CHECK(t == NULL);
		CHECK_CONTAINS(cause, bad[i].msg);
	}
	CHECK(label_tmpl_parse("t", "size 60x40\n\0text", 16, cause,
	    sizeof(cause)) == NULL);
	CHECK_CONTAINS(cause, "t:2: NUL");
	CHECK(label_tmpl_load("/nonexistent.tmpl", cause, sizeof(cause)) == NULL);
	CHECK(label_tmpl_builtin("nope", cause, sizeof(cause)) == NULL);
}

/* A failure inside a helper that returns a value. */
#define FAILS(cond) do { if (!(cond)) { printf("#   %s:%d: %s\n", __FILE__, \
	__LINE__, #cond); bad++; } } while (0)

/* Every page of a sheet, drawn at 200 dpi (2/3 of its 300), decoded: each
 * code in want read exactly once over all pages. Returns the pages, or -1
 * when a code did not read once. */
static int
sheet_reads(int (*draw)(int page, struct buf *, char *, size_t),
    const char *const *want, int nwant)
{
	int *seen = calloc((size_t)nwant, sizeof(int)), page, bad = 0;
	char cause[512];
	struct buf b;

	buf_init(&b);
	for (page = 1; page < 20; page++) {
		struct zbar_hit *hits;
		int n;

		buf_reset(&b);
		if (draw(page, &b, cause, sizeof(cause)) == -1) {
			FAILS(strstr(cause, "the sheet has") != NULL);
			break;
		}
		n = decode_hits(&b, 0, 200.0 / 300, &hits);
		FAILS(n > 0);
		for (int k = 0; k < n; k++) {
			int hit = 0;

			for (int i = 0; i < nwant; i++)
				if (strcmp(hits[k].data, want[i]) == 0) {
					seen[i]++;
					hit = 1;
				}
			if (!hit) {
				printf("#   page %d: stray code %s\n", page,
				    hits[k].data);
				bad++;
			}
		}
		zbar_hits_free(hits, n);
	}
	for (int i = 0; i < nwant; i++)
		if (seen[i] != 1) {
			printf("#   %s read %d times\n", want[i], seen[i]);
			bad++;
		}
	free(seen);
	buf_free(&b);
	return bad ? -1 : page - 1;
}

static const struct sheet_cause causes2[] = {
	{ "LED", "LED 灯珠损坏 LED chip failure" },
	{ "WATER", "进水 water ingress" },
};

/* A drawn sheet whose every glyph had a font, or -1. */
static int
glyphs_ok(int rc, const struct label_info *info, char *cause, size_t clen)
{
	if (rc == 0 && info->unknown_glyphs) {
		snprintf(cause, clen, "%d glyphs without a font",
		    info->unknown_glyphs);
		return -1;
	}
	return rc;
}

static int
draw_commands(int page, struct buf *b, char *cause, size_t clen)
{
	struct label_info info;

	return glyphs_ok(sheet_commands(causes2, 2, page, LABEL_PNG, b, &info,
	    cause, clen), &info, cause, clen);
}

static void
test_command_sheet(void)
{
	static const char *const want[] = {
		"%KIND:REPAIR", "%KIND:RETURN", "%KIND:EXCHANGE", "%KIND:NOREASON7",
		"%COND:INTACT", "%COND:DAMAGED", "%COND:SEVERE", "%COND:DEFORMED",
		"%COND:FOREIGN", "%DONE", "%CANCEL", "%REPRINT", "%ACCEPT",
		"%ACC:remote", "%ACC:driver", "%ACC:bracket", "%ACC:screws",
		"%ACC:cord", "%ACC:connector", "%ACC:manual", "%ACC:box",
		"%CCT:2700", "%CCT:3000", "%CCT:3500", "%CCT:4000", "%CCT:5000",
		"%CCT:5700", "%CCT:6500",
		"%QTY:1", "%QTY:2", "%QTY:3", "%QTY:4", "%QTY:5", "%QTY:6",
		"%QTY:7", "%QTY:8", "%QTY:9", "%QTY:10", "%QTY:11", "%QTY:12",
		"%QTY:13", "%QTY:14", "%QTY:15", "%QTY:16", "%QTY:17", "%QTY:18",
		"%QTY:19", "%QTY:20",
		"%CAUSE:LED", "%CAUSE:WATER", "%BEYOND:LED", "%BEYOND:WATER",
		"%INSPECT:PASS", "%INSPECT:FAIL", "%APPROVE", "%SUPPLIER:BACK",
		"%CLOSE",
		"%INSPECT:PASS:3", "%INSPECT:PASS:5", "%INSPECT:PASS:8",
		"%INSPECT:PASS:10", "%INSPECT:PASS:13", "%INSPECT:PASS:20",
		"%INSPECT:PASS:32", "%INSPECT:PASS:50",
	};
	char cause[512];
	struct buf b;
	int pages;

	pages = sheet_reads(draw_commands, want, sizeof(want) / sizeof(want[0]));
	CHECK(pages >= 2);
	buf_init(&b);
	CHECK(sheet_commands(causes2, 2, 0, LABEL_PNG, &b, NULL, cause,
	    sizeof(cause)) == -1);
	buf_reset(&b);
	CHECK(sheet_commands(causes2, 2, 1, LABEL_PDF, &b, NULL, cause,
	    sizeof(cause)) == 0);
	CHECK(strncmp(b.data, "%PDF-", 5) == 0);
	{
		char count[16];

		snprintf(count, sizeof(count), "/Count %d", pages);
		CHECK(memmem(b.data, b.len, count, strlen(count)) != NULL);
	}
	buf_free(&b);
}

/* 64 characters, the most a model may have: Code 128 when it fits the
 * page at 0.254 mm a module (digits pack two to a symbol), QR when not */
static const struct sheet_model models2[] = {
	{ "LX-FL100", "Floodlight", "100W IP65" },
	{ "灯带-5米暖白", "Strip", "5m" },
	{ "LX-0000000000000000000000000000000000000000000000000000000000007",
	    "Long", "" },
	{ "LX-ABCDEFGHIJKLMNOPQRSTUVWXYZ-ABCDEFGHIJKLMNOPQRSTUVWXYZ-ABCDEFGH",
	    "Longer", "" },
	{ "LX-DL12", "Downlight", "12W" },
};

static int
draw_models(int page, struct buf *b, char *cause, size_t clen)
{
	struct label_info info;

	return glyphs_ok(sheet_models(models2, 5, page, LABEL_PNG, b, &info,
	    cause, clen), &info, cause, clen);
}

static void
test_models_sheet(void)
{
	static const char *const want[] = {
		"%MODEL:LX-FL100", "%MODEL:灯带-5米暖白",
		"%MODEL:LX-0000000000000000000000000000000000000000000000000000000000007",
		"%MODEL:LX-ABCDEFGHIJKLMNOPQRSTUVWXYZ-ABCDEFGHIJKLMNOPQRSTUVWXYZ-ABCDEFGH",
		"%MODEL:LX-DL12",
	};
	struct sheet_model many[300];
	char names[300][16];
	struct buf b;
	char cause[512];

	CHECK(sheet_reads(draw_models, want, 5) == 1);
	/* a catalogue of 300 runs over pages, each page whole */
	for (int i = 0; i < 300; i++) {
		snprintf(names[i], sizeof(names[i]), "LX-%05d", i);
		many[i].model = names[i];
		many[i].name = "Model";
		many[i].spec = "";
	}
	buf_init(&b);
	CHECK(sheet_models(many, 300, 1, LABEL_PDF, &b, NULL, cause,
	    sizeof(cause)) == 0);
	CHECK(memmem(b.data, b.len, "/Count 1 ", 9) == NULL);
	buf_reset(&b);
	CHECK(sheet_models(many, 300, 99, LABEL_PNG, &b, NULL, cause,
	    sizeof(cause)) == -1);
	CHECK_CONTAINS(cause, "the sheet has");
	buf_free(&b);
}

static void
test_badges(void)
{
	struct sheet_badge ops[12];
	struct label_info info;
	struct buf b;
	char cause[512], badge[12][16], val[64];

	for (int i = 0; i < 12; i++) {
		snprintf(badge[i], sizeof(badge[i]), "B%04d", i + 1);
		ops[i].badge = badge[i];
		ops[i].name = i % 2 ? "张伟 Zhang Wei" : "Li Qiang 李强";
		ops[i].roles = "intake,technician";
	}
	buf_init(&b);
	CHECK(sheet_badges(ops, 12, LABEL_PNG, &b, &info, cause,
	    sizeof(cause)) == 0);
	CHECK(info.unknown_glyphs == 0);
	/* the PNG is the first page: ten badges */
	for (int i = 0; i < 10; i++) {
		snprintf(val, sizeof(val), "%%OP:%.15s", badge[i]);
		CHECK(decode(&b, 0, 1, val, "CODE-128") == 1);
	}
	CHECK(decode(&b, 0, 1, "%OP:B0011", NULL) == 0);
	buf_reset(&b);
	CHECK(sheet_badges(ops, 12, LABEL_PDF, &b, NULL, cause,
	    sizeof(cause)) == 0);
	CHECK(memmem(b.data, b.len, "/Count 2", 8) != NULL);	/* two pages */
	buf_free(&b);
}

int
main(void)
{
	RUN(test_templates_scan);
	RUN(test_chinese);
	RUN(test_zpl_and_pdf);
	RUN(test_bad_templates);
	RUN(test_command_sheet);
	RUN(test_models_sheet);
	RUN(test_badges);
	return T_DONE();
}
