/* libFuzzer: any bytes as the messages between stationd and its printer
 * side: framing and field lookup. */
#include <stdint.h>
#include <string.h>

#include "../../common/msg.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct buf in;
	struct msg m;
	size_t off = 0, len;

	buf_init(&in);
	buf_add(&in, data, size);
	while (msg_next(&in, &off, &m) == 1) {
		const char *v = msg_get(&m, "data", &len);

		if (v && (v < m.data || v + len > m.data + m.len))
			__builtin_trap();	/* a field outside its message */
		(void)msg_str(&m, "err");
		(void)msg_int(&m, "job", 0);
	}
	buf_free(&in);
	return 0;
}
