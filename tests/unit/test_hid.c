/* Keyboard-mode scanner decoding: HID boot reports, evdev events, HID-POS. */
#include <stdint.h>

#include "../t.h"
#include "../../drivers/hid.h"
#include "../../drivers/linebuf.h"

/* Finds the usage and shift that type c, as a scanner would send it. */
static int
usage_for(char c, uint8_t *u, int *shift)
{
	for (int s = 0; s < 2; s++)
		for (int x = 4; x < 0x39; x++)
			if (hid_usage_char((uint8_t)x, s, 0) == c) {
				*u = (uint8_t)x;
				*shift = s;
				return 0;
			}
	return -1;
}

/* Types s as press/release report pairs. */
static void
type(struct hid_kbd *k, const char *s, char *out, size_t outlen)
{
	for (; *s; s++) {
		uint8_t r[8] = { 0 }, u;
		int sh;

		if (usage_for(*s, &u, &sh) == -1)
			continue;
		r[0] = sh ? 0x02 : 0;
		r[2] = u;
		hid_kbd_report(k, r, 8, out, outlen);
		memset(r, 0, 8);
		hid_kbd_report(k, r, 8, out, outlen);
	}
}

static void
test_every_printable(void)
{
	struct hid_kbd k;
	char want[128], got[256] = "";
	int n = 0;

	for (int c = 0x20; c < 0x7f; c++)
		want[n++] = (char)c;
	want[n] = '\0';
	hid_kbd_init(&k);
	type(&k, want, got, sizeof(got));
	CHECK_STR(got, want);
}

static void
test_shift_caps_repeat(void)
{
	struct hid_kbd k;
	char out[64] = "";
	/* "Aa" with Shift on the first; "ss": pressed, released, pressed */
	const uint8_t seq[][8] = {
		{ 0x02, 0, 0x04 }, { 0 }, { 0, 0, 0x04 }, { 0 },
		{ 0, 0, 0x16 }, { 0, 0, 0x16 }, { 0, 0, 0x16 }, { 0 },
		{ 0, 0, 0x16 }, { 0 },
		/* two keys in one report, then one released: no repeat */
		{ 0, 0, 0x1e, 0x1f }, { 0, 0, 0x1f }, { 0 },
		/* Caps Lock: letters upper, digits not; Shift lowers again */
		{ 0, 0, 0x39 }, { 0 }, { 0, 0, 0x05 }, { 0 }, { 0, 0, 0x1e },
		{ 0 }, { 0x20, 0, 0x05 }, { 0 }, { 0, 0, 0x39 }, { 0 },
		/* Ctrl+C is a shortcut, not a character */
		{ 0x01, 0, 0x06 }, { 0 },
		/* rollover: nothing, and the key held before stays held */
		{ 0, 0, 0x07 }, { 0, 0, 1, 1, 1, 1, 1, 1 }, { 0, 0, 0x07 }, { 0 },
		/* keypad digits and Enter */
		{ 0, 0, 0x59 }, { 0 }, { 0, 0, 0x58 }, { 0 },
	};

	hid_kbd_init(&k);
	for (size_t i = 0; i < sizeof(seq) / sizeof(seq[0]); i++)
		hid_kbd_report(&k, seq[i], 8, out, sizeof(out));
	CHECK_STR(out, "Aass12B1bd1\n");
}

static void
test_garbage(void)
{
	struct hid_kbd k;
	char out[4096] = "";
	uint32_t x = 12345;
	uint8_t r[8];

	hid_kbd_init(&k);
	/* random reports and short ones: never a crash, never a control */
	for (int i = 0; i < 100000; i++) {
		for (int b = 0; b < 8; b++) {
			x = x * 1103515245u + 12345u;
			r[b] = (uint8_t)(x >> 16);
		}
		if (strlen(out) > sizeof(out) - 16)
			out[0] = '\0';
		hid_kbd_report(&k, r, (size_t)(i % 9), out, sizeof(out));
	}
	for (const char *p = out; *p; p++)
		CHECK((*p >= 0x20 && *p < 0x7f) || *p == '\n' || *p == '\t');
	CHECK(hid_kbd_report(&k, r, 3, out, sizeof(out)) == 0);
}

struct got {
	char	line[8][128];
	int	n;
};

static void
got_line(void *arg, const char *line, size_t len, int overflow)
{
	struct got *g = arg;

	(void)overflow;
	if (g->n < 8)
		snprintf(g->line[g->n++], sizeof(g->line[0]), "%.*s", (int)len,
		    line);
}

/* A scan cut off by an unplug is dropped; the next one is whole. */
static void
test_cut_off(void)
{
	struct hid_kbd k;
	struct linebuf lb;
	struct got g;
	char out[256] = "";

	memset(&g, 0, sizeof(g));
	hid_kbd_init(&k);
	linebuf_init(&lb);
	type(&k, "SF12345", out, sizeof(out));
	linebuf_feed(&lb, out, strlen(out), got_line, &g);
	linebuf_reset(&lb);		/* unplugged */
	hid_kbd_init(&k);
	out[0] = '\0';
	type(&k, "SF1234567890123\n", out, sizeof(out));
	linebuf_feed(&lb, out, strlen(out), got_line, &g);
	CHECK(g.n == 1);
	CHECK_STR(g.line[0], "SF1234567890123");
}

static void
test_evdev(void)
{
	struct hid_kbd k;
	char out[64];
	int n = 0;
	/* type value code: "Sf1" with shift, a repeat event, Enter */
	const int ev[][3] = {
		{ 1, 1, 42 }, { 1, 1, 31 }, { 1, 0, 31 }, { 1, 0, 42 },
		{ 1, 1, 33 }, { 1, 2, 33 }, { 1, 0, 33 }, { 4, 4, 458756 },
		{ 1, 1, 2 }, { 1, 0, 2 }, { 1, 1, 58 }, { 1, 0, 58 },
		{ 1, 1, 30 }, { 1, 0, 30 }, { 1, 1, 29 }, { 1, 1, 46 },
		{ 1, 0, 46 }, { 1, 0, 29 }, { 1, 1, 28 }, { 1, 0, 28 },
	};

	hid_kbd_init(&k);
	for (size_t i = 0; i < sizeof(ev) / sizeof(ev[0]); i++) {
		char c = hid_evdev_event(&k, (unsigned)ev[i][0],
		    (unsigned)ev[i][2], ev[i][1]);

		if (c)
			out[n++] = c;
	}
	out[n] = '\0';
	CHECK_STR(out, "Sf1A\n");
	/* every printable ASCII through Linux key codes as well */
	for (int c = 0x20; c < 0x7f; c++) {
		int found = 0;

		for (unsigned code = 1; code < 128 && !found; code++)
			for (int sh = 0; sh < 2 && !found; sh++) {
				uint8_t u = hid_from_linux(code);

				if (u && hid_usage_char(u, sh, 0) == c)
					found = 1;
			}
		if (!found)
			printf("#   no key types 0x%02x\n", c);
		CHECK(found);
	}
}

static void
test_hid_pos(void)
{
	const uint8_t r[] = { 0x02, 15, 'S', 'F', '1', '2', '3', '4', '5',
	    '6', '7', '8', '9', '0', '1', '2', '3', 0, 0 };
	char out[64] = "";

	CHECK(hid_pos_report(r, sizeof(r), out, sizeof(out)) == 16);
	CHECK_STR(out, "SF1234567890123\n");
	CHECK(hid_pos_report((const uint8_t *)"\x01\x03" "abc", 5, out,
	    sizeof(out)) == 0);
	CHECK(hid_pos_report((const uint8_t *)"\x02\x40" "abc", 5, out,
	    sizeof(out)) == 0);
}

int
main(void)
{
	RUN(test_every_printable);
	RUN(test_shift_caps_repeat);
	RUN(test_garbage);
	RUN(test_cut_off);
	RUN(test_evdev);
	RUN(test_hid_pos);
	return T_DONE();
}
