/* libFuzzer: any bytes as scanner reports: boot-keyboard reports, Linux
 * key events and HID-POS reports, through the one decoder. */
#include <stdint.h>
#include <string.h>

#include "../../drivers/hid.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct hid_kbd k;
	char out[64], pos[300];

	hid_kbd_init(&k);
	for (size_t i = 0; i + 8 <= size; i += 8) {
		out[0] = '\0';
		hid_kbd_report(&k, data + i, 8, out, sizeof(out));
		if (strlen(out) >= sizeof(out))
			__builtin_trap();
	}
	hid_kbd_init(&k);
	for (size_t i = 0; i + 4 <= size; i += 4)
		(void)hid_evdev_event(&k, data[i] & 3, data[i + 1] |
		    (unsigned)data[i + 2] << 8, data[i + 3] & 3);
	hid_pos_report(data, size, pos, sizeof(pos));
	return 0;
}
