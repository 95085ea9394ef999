/* libFuzzer: any bytes as a control message — header, request and reply. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../../station/proto.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *argv[PROTO_MAX_ARGS], *copy;
	struct proto_hdr h;
	const char *why, *o, *e;
	size_t ol, el;
	int st;

	if (size < PROTO_HDR_LEN)
		return 0;
	if (proto_get_hdr(data, &h, PROTO_MAX_REQ, &why) == -1 ||
	    h.len > size - PROTO_HDR_LEN)
		return 0;
	if ((copy = malloc(h.len + 1)) == NULL)
		return 0;
	memcpy(copy, data + PROTO_HDR_LEN, h.len);
	proto_parse_request(copy, h.len, argv, PROTO_MAX_ARGS, &why);
	proto_parse_reply(data + PROTO_HDR_LEN, h.len, &st, &o, &ol, &e, &el);
	free(copy);
	return 0;
}
