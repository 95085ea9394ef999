/*
 * Keyboard-mode scanners decoded by the station itself, independent of the
 * desktop's keyboard layout: HID boot-keyboard reports (USB) and Linux
 * input events (evdev) through one US-layout usage table. Pure functions:
 * tests feed them reports directly.
 */
#ifndef ST_HID_H
#define ST_HID_H

#include <stddef.h>
#include <stdint.h>

struct hid_kbd {
	uint8_t	down[6];	/* usages held in the last report */
	int	caps;		/* Caps Lock is on */
	int	shift;		/* evdev: shift keys held */
	int	ctrl;		/* evdev: a Ctrl or Alt key held */
};

void	hid_kbd_init(struct hid_kbd *);
/* The character a usage types (US layout), '\n' for Enter, 0 for none. */
char	hid_usage_char(uint8_t usage, int shift, int caps);
/*
 * Decodes one 8-byte boot-keyboard report (modifiers, reserved, six key
 * usages): keys newly pressed since the last report type their characters;
 * a key held across reports types once. Appends to out (NUL-terminated,
 * outlen bytes) and returns how many characters it added. Rollover and
 * malformed reports are ignored.
 */
int	hid_kbd_report(struct hid_kbd *, const uint8_t *r, size_t len,
	    char *out, size_t outlen);
/* The HID usage of a Linux input key code, 0 if it types nothing. */
uint8_t	hid_from_linux(unsigned int code);
/*
 * Decodes one Linux input event (EV_KEY = 1; value 1 press, 0 release,
 * 2 auto-repeat, which is ignored). Returns the character typed or 0.
 */
char	hid_evdev_event(struct hid_kbd *, unsigned int type, unsigned int code,
	    int value);
/*
 * HID-POS (usage page 0x8C) barcode report: [report id] [length] data...
 * Appends the data and a '\n' to out; returns bytes added, 0 if the report
 * is not a scanned-data report.
 */
int	hid_pos_report(const uint8_t *r, size_t len, char *out, size_t outlen);

#endif
