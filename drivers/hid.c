/* HID keyboard decoding (see hid.h). The table is the US layout of the
 * HID Usage Tables, keyboard page 0x07. */
#include <string.h>

#include "hid.h"

#define MOD_SHIFT	0x22	/* left and right Shift */
#define MOD_OTHER	0xdd	/* Ctrl, Alt, GUI on either side */
#define USAGE_CAPS	0x39
#define USAGE_ROLLOVER	0x01

static const char plain[] =
    /* 0x1e */ "1234567890"
    /* 0x28 */ "\n\0\0\t -=[]\\#;'`,./";
static const char shifted[] =
    /* 0x1e */ "!@#$%^&*()"
    /* 0x28 */ "\n\0\0\t _+{}|~:\"~<>?";
static const char keypad[] = "/*-+\n1234567890.";	/* 0x54..0x63 */

void
hid_kbd_init(struct hid_kbd *k)
{
	memset(k, 0, sizeof(*k));
}

char
hid_usage_char(uint8_t u, int shift, int caps)
{
	if (u >= 0x04 && u <= 0x1d) {
		int upper = shift ^ caps;

		return (char)((upper ? 'A' : 'a') + (u - 0x04));
	}
	if (u >= 0x1e && u <= 0x38)
		return shift ? shifted[u - 0x1e] : plain[u - 0x1e];
	if (u >= 0x54 && u <= 0x63)
		return keypad[u - 0x54];
	return 0;
}

static int
held(const uint8_t *down, uint8_t u)
{
	for (int i = 0; i < 6; i++)
		if (down[i] == u)
			return 1;
	return 0;
}

int
hid_kbd_report(struct hid_kbd *k, const uint8_t *r, size_t len, char *out,
    size_t outlen)
{
	size_t used = strlen(out);
	int n = 0;

	if (len < 8)
		return 0;
	for (int i = 2; i < 8; i++)
		if (r[i] == USAGE_ROLLOVER || r[i] == 0x02 || r[i] == 0x03)
			return 0;	/* too many keys or an error: no news */
	for (int i = 2; i < 8; i++) {
		uint8_t u = r[i];
		char c;

		if (u == 0 || held(k->down, u))
			continue;
		if (u == USAGE_CAPS) {
			k->caps = !k->caps;
			continue;
		}
		if (r[0] & MOD_OTHER)
			continue;	/* a shortcut, not typing */
		if ((c = hid_usage_char(u, (r[0] & MOD_SHIFT) != 0,
		    k->caps)) == 0)
			continue;
		if (used + 1 < outlen) {
			out[used++] = c;
			out[used] = '\0';
			n++;
		}
	}
	memcpy(k->down, r + 2, 6);
	return n;
}

/* Linux input key codes (linux/input-event-codes.h) to HID usages. */
static const struct { unsigned short code; uint8_t usage; } linux_keys[] = {
	{ 2, 0x1e }, { 3, 0x1f }, { 4, 0x20 }, { 5, 0x21 }, { 6, 0x22 },
	{ 7, 0x23 }, { 8, 0x24 }, { 9, 0x25 }, { 10, 0x26 }, { 11, 0x27 },
	{ 12, 0x2d }, { 13, 0x2e }, { 15, 0x2b }, { 16, 0x14 }, { 17, 0x1a },
	{ 18, 0x08 }, { 19, 0x15 }, { 20, 0x17 }, { 21, 0x1c }, { 22, 0x18 },
	{ 23, 0x0c }, { 24, 0x12 }, { 25, 0x13 }, { 26, 0x2f }, { 27, 0x30 },
	{ 28, 0x28 }, { 30, 0x04 }, { 31, 0x16 }, { 32, 0x07 }, { 33, 0x09 },
	{ 34, 0x0a }, { 35, 0x0b }, { 36, 0x0d }, { 37, 0x0e }, { 38, 0x0f },
	{ 39, 0x33 }, { 40, 0x34 }, { 41, 0x35 }, { 43, 0x31 }, { 44, 0x1d },
	{ 45, 0x1b }, { 46, 0x06 }, { 47, 0x19 }, { 48, 0x05 }, { 49, 0x11 },
	{ 50, 0x10 }, { 51, 0x36 }, { 52, 0x37 }, { 53, 0x38 }, { 55, 0x55 },
	{ 57, 0x2c }, { 58, 0x39 }, { 71, 0x5f }, { 72, 0x60 }, { 73, 0x61 },
	{ 74, 0x56 }, { 75, 0x5c }, { 76, 0x5d }, { 77, 0x5e }, { 78, 0x57 },
	{ 79, 0x59 }, { 80, 0x5a }, { 81, 0x5b }, { 82, 0x62 }, { 83, 0x63 },
	{ 96, 0x58 }, { 98, 0x54 },
};

uint8_t
hid_from_linux(unsigned int code)
{
	for (size_t i = 0; i < sizeof(linux_keys) / sizeof(linux_keys[0]); i++)
		if (linux_keys[i].code == code)
			return linux_keys[i].usage;
	return 0;
}

char
hid_evdev_event(struct hid_kbd *k, unsigned int type, unsigned int code,
    int value)
{
	uint8_t u;

	if (type != 1 || value == 2)	/* EV_KEY; auto-repeat is no key */
		return 0;
	switch (code) {
	case 42: case 54:		/* KEY_LEFTSHIFT, KEY_RIGHTSHIFT */
		k->shift += value ? 1 : -1;
		if (k->shift < 0)
			k->shift = 0;
		return 0;
	case 29: case 97: case 56: case 100:	/* Ctrl and Alt */
		k->ctrl += value ? 1 : -1;
		if (k->ctrl < 0)
			k->ctrl = 0;
		return 0;
	}
	if (value != 1 || (u = hid_from_linux(code)) == 0)
		return 0;
	if (u == USAGE_CAPS) {
		k->caps = !k->caps;
		return 0;
	}
	if (k->ctrl)
		return 0;
	return hid_usage_char(u, k->shift > 0, k->caps);
}

int
hid_pos_report(const uint8_t *r, size_t len, char *out, size_t outlen)
{
	size_t used = strlen(out), n;

	/* report 2 of the POS barcode scanner page: length, then the data */
	if (len < 3 || r[0] != 0x02)
		return 0;
	n = r[1];
	if (n == 0 || n > len - 2 || used + n + 2 > outlen)
		return 0;
	memcpy(out + used, r + 2, n);
	out[used + n] = '\n';
	out[used + n + 1] = '\0';
	return (int)n + 1;
}
