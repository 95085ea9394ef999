/* Config parsing, scan framing, control protocol framing. */
#include <unistd.h>

#include "../t.h"
#include "../../drivers/linebuf.h"
#include "../../common/buf.h"
#include "../../common/csv.h"
#include "../../common/jsonr.h"
#include "../../common/uuid.h"
#include "../../common/width.h"
#include "../../station/catalogue.h"
#include "../../station/config.h"
#include "../../station/printd.h"
#include "../../station/proto.h"

static char dir[] = "/tmp/station-test-parts-XXXXXX";

static const char *
conf(const char *text)
{
	static char p[256];
	FILE *f;

	snprintf(p, sizeof(p), "%s/c.conf", dir);
	f = fopen(p, "w");
	fputs(text, f);
	fclose(f);
	return p;
}

static void
test_config_good(void)
{
	struct st_config *cf;
	char cause[512];

	cf = config_load(conf("[station]\ndatabase = /tmp/x.db\n"
	    "case_prefix = rs\n[printer]\nqueue = zebra\ndpi = 300\n"
	    "[carriers]\nDB = ^DPK[0-9]{10}$\nSF = ^SF[0-9]{12}$\nEMS = off\n"
	    "[areas]\nrepair = R1 维修一区\n"), cause, sizeof(cause));
	if (cf == NULL)
		printf("#   %s\n", cause);
	CHECK(cf != NULL);
	CHECK_STR(cf->database, "/tmp/x.db");
	CHECK_STR(cf->case_prefix, "RS");
	CHECK_STR(cf->printer_queue, "zebra");
	CHECK(cf->label_dpi == 300);
	/* [carriers] adds, replaces by name, or turns a built-in off */
	CHECK(cf->carriers.n == 8);
	CHECK_STR(carrier_match(&cf->carriers, "DPK1234567890"), "DB");
	CHECK_STR(carrier_match(&cf->carriers, "JDVA12345678901"), "JD");
	CHECK_STR(carrier_match(&cf->carriers, "SF123456789012"), "SF");
	CHECK(carrier_match(&cf->carriers, "SF1234567890123") == NULL);
	CHECK(carrier_match(&cf->carriers, "EA123456789CN") == NULL);
	CHECK_STR(carrier_match(&cf->carriers, "JT0012345678901"), "J&T");
	CHECK_STR(config_area(cf, "repair", 0)->code, "R1");
	CHECK_STR(config_area(cf, "repair", 0)->name, "维修一区");
	CHECK_STR(config_area(cf, "return", 0)->code, "B-RETURN");
	CHECK_STR(config_area(cf, "repair", 1)->code, "H-HOLD");
	CHECK(cf->print_gain == 50);	/* half a dot unless told */
	config_free(cf);
	for (int i = 0; i < 4; i++) {
		static const char *in[] = { "0", ".25", "0.9", "0.3" };
		static const int want[] = { 0, 25, 90, 30 };
		char text[64];

		snprintf(text, sizeof(text), "[printer]\ngain = %s\n", in[i]);
		cf = config_load(conf(text), cause, sizeof(cause));
		CHECK(cf != NULL && cf->print_gain == want[i]);
		config_free(cf);
	}
}

static void
test_config_errors(void)
{
	static const struct { const char *text, *msg; } bad[] = {
		{ "[station]\ndatabse = x\n", ":2: unknown key 'databse'" },
		{ "[station]\n\n[printer]\ndpi = 250\n", ":4: dpi must be" },
		{ "[printer]\nretry_min = soon\n", ":2: retry_min" },
		{ "[printer]\ngain = 1\n", ":2: gain must be a fraction" },
		{ "[printer]\ngain = 0.125\n", ":2: gain must be a fraction" },
		{ "[printer]\ngain = -0.5\n", ":2: gain must be a fraction" },
		{ "[printer]\ngain = .\n", ":2: gain must be a fraction" },
		{ "[printer]\ngain = half\n", ":2: gain must be a fraction" },
		{ "[carriers]\nSF = ^(SF\n", ":2: carrier SF: bad pattern" },
		{ "[carriers]\nSF = ^SF$\nsf = ^X$\n", ":3: carrier sf is listed twice" },
		{ "[carriers]\nDHL = off\n", ":2: carrier DHL is no built-in" },
		{ "[sation]\nx = 1\n", ":2: unknown section [sation]" },
		{ "[station]\nthis is not ini\n", ":2: syntax error" },
		{ "[areas]\nlobby = L 大厅\n", ":2: unknown area 'lobby'" },
		{ "[areas]\nrepair = 维修 维修区\n", ":2: area repair: the code must be ASCII" },
		{ "[station]\ncase_prefix = R1\n", ":2: case_prefix must be letters" },
		{ "[printer]\nretry_min = 30\nretry_max = 5\n", "retry_max is smaller" },
	};
	char cause[512];

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		const char *p = conf(bad[i].text);

		CHECK(config_load(p, cause, sizeof(cause)) == NULL);
		CHECK(strncmp(cause, p, strlen(p)) == 0);	/* file first */
		CHECK_CONTAINS(cause, bad[i].msg);
	}
	CHECK(config_load("/nonexistent/station.conf", cause,
	    sizeof(cause)) == NULL);
	CHECK_CONTAINS(cause, "cannot open");
}

struct got {
	char	lines[8][LINEBUF_MAX + 1];
	size_t	lens[8];
	int	over[8];
	int	n;
};

static void
got_line(void *arg, const char *line, size_t len, int overflow)
{
	struct got *g = arg;

	if (g->n < 8) {
		memcpy(g->lines[g->n], line, len);
		g->lines[g->n][len] = '\0';
		g->lens[g->n] = len;
		g->over[g->n] = overflow;
	}
	g->n++;
}

static void
test_linebuf(void)
{
	static struct got g;
	struct linebuf lb;
	char big[LINEBUF_MAX + 100];

	memset(&g, 0, sizeof(g));
	linebuf_init(&lb);
	linebuf_feed(&lb, "SF12", 4, got_line, &g);
	CHECK(g.n == 0);
	linebuf_feed(&lb, "34\r\n%DONE\n\n\r%QTY:2\r", 20, got_line, &g);
	CHECK(g.n == 3);
	CHECK_STR(g.lines[0], "SF1234");
	CHECK_STR(g.lines[1], "%DONE");
	CHECK_STR(g.lines[2], "%QTY:2");
	memset(big, 'x', sizeof(big));
	g.n = 0;
	linebuf_feed(&lb, big, sizeof(big), got_line, &g);
	CHECK(g.n == 0);
	linebuf_feed(&lb, "\nok\n", 4, got_line, &g);
	CHECK(g.n == 2);
	CHECK(g.over[0] == 1 && g.lens[0] == LINEBUF_MAX);
	CHECK(g.over[1] == 0);
	CHECK_STR(g.lines[1], "ok");
	/* a partial scan cut off is dropped */
	g.n = 0;
	linebuf_feed(&lb, "SF99", 4, got_line, &g);
	linebuf_reset(&lb);
	linebuf_feed(&lb, "JD1\n", 4, got_line, &g);
	CHECK(g.n == 1);
	CHECK_STR(g.lines[0], "JD1");
}

static void
test_proto(void)
{
	char *argv[] = { "scan", "%OP:1001", "维修" };
	char *out[8];
	struct proto_hdr h;
	const char *why, *o, *e;
	size_t ol, el;
	struct buf b;
	int st;

	buf_init(&b);
	proto_request(&b, 3, argv);
	CHECK(proto_get_hdr((unsigned char *)b.data, &h, PROTO_MAX_REQ, &why) == 0);
	CHECK(h.version == PROTO_VERSION && h.type == PROTO_REQUEST);
	CHECK(h.len == b.len - PROTO_HDR_LEN);
	CHECK(proto_parse_request(b.data + PROTO_HDR_LEN, h.len, out, 8, &why) == 3);
	CHECK_STR(out[2], "维修");
	CHECK(proto_parse_request(b.data + PROTO_HDR_LEN, h.len, out, 2, &why) == -1);
	CHECK(proto_parse_request(b.data + PROTO_HDR_LEN, h.len - 1, out, 8,
	    &why) == -1);
	CHECK_CONTAINS(why, "NUL");
	b.data[0] = 'X';
	CHECK(proto_get_hdr((unsigned char *)b.data, &h, PROTO_MAX_REQ, &why) == -1);
	buf_reset(&b);
	proto_reply(&b, 1, "out", 3, "err!", 4);
	CHECK(proto_get_hdr((unsigned char *)b.data, &h, PROTO_MAX_REPLY, &why) == 0);
	CHECK(proto_parse_reply((unsigned char *)b.data + PROTO_HDR_LEN, h.len,
	    &st, &o, &ol, &e, &el) == 0);
	CHECK(st == 1 && ol == 3 && el == 4 && memcmp(e, "err!", 4) == 0);
	CHECK(proto_parse_reply((unsigned char *)b.data + PROTO_HDR_LEN,
	    h.len - 1, &st, &o, &ol, &e, &el) == -1);
	/* an oversized length is refused before anything is read */
	memset(b.data + 12, 0x7f, 4);
	CHECK(proto_get_hdr((unsigned char *)b.data, &h, PROTO_MAX_REQ, &why) == -1);
	buf_free(&b);
}

/* A job of many labels names them; each label finds its job by it. */
static void
test_batch_title(void)
{
	static const int64_t ids[] = { 7, 100, 101, 102, 103, 250, 251, 4000 };
	char t[256];
	int64_t many[200];

	CHECK(batch_title(ids, 8, t, sizeof(t)) == (int)strlen(t));
	CHECK_STR(t, "station labels 7,100-103,250-251,4000");
	for (int64_t id = 0; id < 5000; id++) {
		int in = 0;

		for (int i = 0; i < 8; i++)
			in |= ids[i] == id;
		if (title_has_label(t, id) != in) {
			printf("#   id %lld\n", (long long)id);
			CHECK(0);
		}
	}
	CHECK(!title_has_label("station label 100 R20261124-0001", 100));
	CHECK(!title_has_label("station labels ", 1));
	CHECK(!title_has_label("station labels 5-", 5));
	CHECK(!title_has_label("station labels x", 1));
	/* the length is told even when it does not fit */
	for (int i = 0; i < 200; i++)
		many[i] = 2 * i;	/* no ranges: the longest titles */
	CHECK(batch_title(many, 200, t, 32) > 200);
	CHECK(strlen(t) == 31);
}

/* Terminal tables line up Chinese text by display width. */
static void
test_width(void)
{
	struct buf b;

	CHECK(width_text("面板灯 Panel") == 12);
	CHECK(width_text("LX-FL100") == 8);
	CHECK(width_text("ｱ") == 1 && width_text("，") == 2);
	buf_init(&b);
	width_pad(&b, "灯带", 6);
	width_pad(&b, "|", 1);
	CHECK_STR(b.data, "灯带  |");
	buf_reset(&b);
	width_pad(&b, "太阳能路灯", 7);
	CHECK(width_text(b.data) == 7);
	CHECK_STR(b.data, "太阳能…");
	buf_free(&b);
}

/* EAN-13, EAN-8 and UPC-A check digits; other codes pass. */
static void
test_check_digits(void)
{
	CHECK(catalogue_check_digit_ok("6901234567892"));
	CHECK(!catalogue_check_digit_ok("6901234567893"));
	CHECK(catalogue_check_digit_ok("036000291452"));	/* UPC-A */
	CHECK(!catalogue_check_digit_ok("036000291453"));
	CHECK(catalogue_check_digit_ok("96385074"));		/* EAN-8 */
	CHECK(!catalogue_check_digit_ok("96385075"));
	CHECK(catalogue_check_digit_ok("LX-FL100-01"));
	CHECK(catalogue_check_digit_ok("12345"));
}

struct rows {
	int	n;
	char	last[64];
	int	fields;
};

static int
csv_row(void *arg, char **f, int n, int line)
{
	struct rows *r = arg;

	(void)line;
	r->n++;
	r->fields = n;
	snprintf(r->last, sizeof(r->last), "%s|%s", f[0], n > 1 ? f[1] : "");
	return 0;
}

/* RFC 4180: quoted commas, quotes and line breaks; GB18030 in. */
static void
test_csv(void)
{
	static const char text[] = "a,b\r\n\"x, \"\"y\"\"\",\"1\n2\"\r\n\r\n";
	struct rows r = { 0, "", 0 };
	struct buf u;
	const char *enc;
	char why[160];

	CHECK(csv_parse(text, sizeof(text) - 1, csv_row, &r, why,
	    sizeof(why)) == 0);
	CHECK(r.n == 2 && r.fields == 2);
	CHECK_STR(r.last, "x, \"y\"|1\n2");
	CHECK(csv_parse("a,\"b", 4, csv_row, &r, why, sizeof(why)) == -1);
	CHECK_CONTAINS(why, "never closed");
	buf_init(&u);
	/* 客户 in GB18030 */
	CHECK(csv_to_utf8("\xbf\xcd\xbb\xa7", 4, &u, &enc, why,
	    sizeof(why)) == 0);
	CHECK_STR(enc, "GB18030");
	CHECK_STR(u.data, "客户");
	buf_reset(&u);
	CHECK(csv_to_utf8("\xef\xbb\xbf客户", 9, &u, &enc, why, sizeof(why)) ==
	    0);
	CHECK_STR(enc, "UTF-8");
	CHECK_STR(u.data, "客户");
	buf_free(&u);
}

/* The office page's JSON reader: what the station writes, read back;
 * what it is not, refused whole. */
static void
test_jsonr(void)
{
	static const char doc[] = " {\"case_no\": \"R1\", \"n\": -12.5e1,"
	    " \"ok\": true, \"no\": false, \"none\": null,"
	    " \"s\": \"a\\\"b\\\\c\\n\\u00e9\\u6237\\ud83d\\ude00\","
	    " \"list\": [1, {\"k\": \"v\"}, []], \"empty\": {}} ";
	static const char *const bad[] = { "", "{", "[1,]", "{\"a\"}",
	    "{\"a\":1,}", "\"\\u0000\"", "\"\\ud83d\"", "\"\\udc00x\"",
	    "\"a\nb\"", "[1] x", "tru", "-", "{1:2}", "\"\\q\"" };
	char deep[200];
	struct jr *t = jr_parse(doc, strlen(doc)), *u;
	const struct jr *l;

	CHECK(t != NULL && t->type == JR_OBJ && t->n == 8);
	CHECK_STR(jr_str(t, "case_no"), "R1");
	CHECK_STR(jr_str(t, "n"), "-12.5e1");
	CHECK_STR(jr_str(t, "ok"), "true");
	CHECK_STR(jr_str(t, "no"), "false");
	CHECK_STR(jr_str(t, "none"), "");
	CHECK_STR(jr_str(t, "missing"), "");
	CHECK_STR(jr_str(t, "s"), "a\"b\\c\n\xc3\xa9\xe6\x88\xb7"
	    "\xf0\x9f\x98\x80");
	CHECK((l = jr_get(t, "list")) != NULL && l->type == JR_ARR && l->n == 3);
	CHECK_STR(jr_str(l->kid->next, "k"), "v");
	CHECK(l->kid->key == NULL && l->kid->next->next->type == JR_ARR);
	CHECK_STR(jr_str(t, "list"), "");	/* not a scalar */
	CHECK(jr_get(t, "empty")->n == 0);
	jr_free(t);
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		if ((u = jr_parse(bad[i], strlen(bad[i]))) != NULL)
			printf("#   took '%s'\n", bad[i]);
		CHECK(u == NULL);
	}
	memset(deep, '[', 64);
	memset(deep + 64, ']', 64);
	CHECK((u = jr_parse(deep, 128)) != NULL);	/* 64 deep: taken */
	jr_free(u);
	memset(deep, '[', 66);
	memset(deep + 66, ']', 66);
	CHECK(jr_parse(deep, 132) == NULL);		/* deeper: refused */
	/* the text need not end in a NUL: a length is a length */
	CHECK((u = jr_parse("[7]x", 3)) != NULL && u->kid &&
	    !strcmp(u->kid->s, "7"));
	jr_free(u);
}

/* Ids written one after another sort in that order, even many in one
 * millisecond, and each is a valid version 7 id. */
static void
test_uuid7_order(void)
{
	char prev[UUID_LEN + 1], id[UUID_LEN + 1];
	int n = 20000;

	CHECK(uuid7(prev) == 0);
	CHECK(uuid_valid(prev));
	for (int i = 0; i < n; i++) {
		CHECK(uuid7(id) == 0);
		CHECK(uuid_valid(id));
		CHECK(id[14] == '7');
		CHECK(strchr("89ab", id[19]) != NULL);
		if (strcmp(prev, id) >= 0)
			printf("#   %s then %s\n", prev, id);
		CHECK(strcmp(prev, id) < 0);
		memcpy(prev, id, sizeof(id));
	}
	CHECK(!uuid_valid("0190c2a4-7b1e-7c3d-8e9f-0a1b2c3d4e5"));
	CHECK(!uuid_valid("0190C2A4-7B1E-7C3D-8E9F-0A1B2C3D4E5F"));
}

int
main(void)
{
	if (mkdtemp(dir) == NULL)
		return 1;
	RUN(test_config_good);
	RUN(test_config_errors);
	RUN(test_linebuf);
	RUN(test_proto);
	RUN(test_batch_title);
	RUN(test_width);
	RUN(test_check_digits);
	RUN(test_csv);
	RUN(test_jsonr);
	RUN(test_uuid7_order);
	return t_finish(dir);
}
