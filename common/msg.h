/*
 * Framed messages between the station's own processes (the daemon and its
 * printer side) over a stream socket: a 12-byte header (type, id, length,
 * host byte order: both ends are the same binary) and a payload of
 * length-prefixed key/value fields.
 */
#ifndef ST_MSG_H
#define ST_MSG_H

#include <stddef.h>
#include <stdint.h>

#include "buf.h"

#define MSG_HDR_LEN	12
#define MSG_MAX		(32u * 1024 * 1024)	/* largest payload */

struct msg {
	uint32_t	 type;
	uint32_t	 id;
	const char	*data;		/* the payload: fields */
	size_t		 len;
};

/* Starts a message in out; fields follow with msg_put*(); msg_end() seals. */
size_t	msg_begin(struct buf *out, uint32_t type, uint32_t id);
void	msg_end(struct buf *out, size_t start);
/* Appends a field key = value (len bytes, any content). */
void	msg_put(struct buf *out, const char *key, const void *v, size_t len);
void	msg_put_str(struct buf *out, const char *key, const char *v);
void	msg_put_int(struct buf *out, const char *key, int64_t v);
/*
 * Takes the next whole message from in at *off: 1 (m filled, pointing into
 * in, *off advanced), 0 when more bytes are needed, -1 when the stream is
 * corrupt.
 */
int	msg_next(const struct buf *in, size_t *off, struct msg *m);
/* Drops the first n bytes of b (those taken by msg_next). */
void	msg_consume(struct buf *b, size_t n);
/* Finds field key: its value and length, or NULL. Values are followed by a
 * NUL that is not counted, so text fields read as C strings. */
const char *msg_get(const struct msg *, const char *key, size_t *len);
/* Field key as text ("" if missing) or as an integer (dflt if missing). */
const char *msg_str(const struct msg *, const char *key);
int64_t	msg_int(const struct msg *, const char *key, int64_t dflt);

/* Blocking helpers for the side that may block (the printer side). */
/* Writes all of b to fd; -1 on error. */
int	msg_write_all(int fd, const struct buf *b);
/*
 * Reads the next whole message from fd into m, buffering in in. *used is
 * what the previous message took (start at 0; pass it back unchanged).
 * Returns 1, 0 at end of file, -1 on error or a corrupt stream.
 */
int	msg_read_one(int fd, struct buf *in, size_t *used, struct msg *m);

#endif
