/*
 * The control protocol between stationctl and stationd over a Unix socket.
 * Every message is a fixed header (network byte order) and a payload:
 *
 *   magic "RST1" | version | type | payload length
 *
 * A request carries argv as NUL-terminated strings; a reply carries an exit
 * status and two texts (for stdout and stderr). Bump PROTO_VERSION whenever
 * a message changes; the header itself never changes, so a mismatched peer
 * is always told so in words.
 */
#ifndef ST_PROTO_H
#define ST_PROTO_H

#include <stddef.h>
#include <stdint.h>

#define PROTO_MAGIC	0x52535431u	/* "RST1" */
#define PROTO_VERSION	2	/* 2: files travel as descriptors */
#define PROTO_HDR_LEN	16
#define PROTO_MAX_REQ	(64u * 1024)		/* request payload */
#define PROTO_MAX_REPLY	(64u * 1024 * 1024)	/* reply payload */
#define PROTO_MAX_ARGS	256
#define PROTO_MAX_FDS	32	/* files passed with one request */

enum proto_type {
	PROTO_REQUEST = 1,
	PROTO_REPLY = 2,
};

struct buf;

struct proto_hdr {
	uint32_t	magic;
	uint32_t	version;
	uint32_t	type;
	uint32_t	len;
};

void	proto_put_hdr(struct buf *, uint32_t type, uint32_t len);
/* Parses 16 header bytes; -1 with cause when magic or size is wrong.
 * A version mismatch is not an error here: the caller decides. */
int	proto_get_hdr(const unsigned char *p, struct proto_hdr *,
	    uint32_t maxlen, const char **cause);

void	proto_request(struct buf *, int argc, char *const argv[]);
/* Splits a request payload into argv (pointers into p, which must stay
 * alive). Returns argc, or -1 with cause. */
int	proto_parse_request(char *p, size_t len, char *argv[], int max,
	    const char **cause);

void	proto_reply(struct buf *, int status, const char *out, size_t outlen,
	    const char *err, size_t errlen);
int	proto_parse_reply(const unsigned char *p, size_t len, int *status,
	    const char **out, size_t *outlen, const char **err, size_t *errlen);

/*
 * Client side: connects to path, sends argv, waits for the reply. Returns 0
 * with *status and the texts filled (appended to out/err), or -1 with cause.
 */
int	proto_call(const char *path, int argc, char *const argv[], int *status,
	    struct buf *out, struct buf *err, char *cause, size_t clen);
/*
 * The same, passing nfds open files (SCM_RIGHTS) with the request: the
 * daemon reads what the caller could open and never opens a path itself.
 */
/* When set, called about once a second while a reply is awaited or read
 * (seconds since the request; got of len bytes of the part being read):
 * stationctl shows that long work goes on. */
extern void (*proto_waiting)(unsigned seconds, size_t got, size_t len);
int	proto_call_fds(const char *path, int argc, char *const argv[],
	    const int *fds, int nfds, int *status, struct buf *out,
	    struct buf *err, char *cause, size_t clen);

#endif
