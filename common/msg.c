/* Framed messages between the station's processes (see msg.h). */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "msg.h"

static void
put32(struct buf *b, uint32_t v)
{
	buf_add(b, &v, 4);
}

static uint32_t
get32(const char *p)
{
	uint32_t v;

	memcpy(&v, p, 4);
	return v;
}

size_t
msg_begin(struct buf *out, uint32_t type, uint32_t id)
{
	size_t start = out->len;

	put32(out, type);
	put32(out, id);
	put32(out, 0);
	return start;
}

void
msg_end(struct buf *out, size_t start)
{
	uint32_t len = (uint32_t)(out->len - start - MSG_HDR_LEN);

	memcpy(out->data + start + 8, &len, 4);
}

/* A field: u32 key length, key, u32 value length, value, NUL. */
void
msg_put(struct buf *out, const char *key, const void *v, size_t len)
{
	put32(out, (uint32_t)strlen(key));
	buf_add(out, key, strlen(key));
	put32(out, (uint32_t)len);
	buf_add(out, v, len);
	buf_add(out, "", 1);
}

void
msg_put_str(struct buf *out, const char *key, const char *v)
{
	if (v == NULL)
		v = "";
	msg_put(out, key, v, strlen(v));
}

void
msg_put_int(struct buf *out, const char *key, int64_t v)
{
	char s[24];

	snprintf(s, sizeof(s), "%" PRId64, v);
	msg_put_str(out, key, s);
}

int
msg_next(const struct buf *in, size_t *off, struct msg *m)
{
	size_t avail = in->len - *off;
	const char *p = in->data + *off;
	uint32_t len;

	if (avail < MSG_HDR_LEN)
		return 0;
	len = get32(p + 8);
	if (len > MSG_MAX)
		return -1;
	if (avail - MSG_HDR_LEN < len)
		return 0;
	m->type = get32(p);
	m->id = get32(p + 4);
	m->data = p + MSG_HDR_LEN;
	m->len = len;
	*off += MSG_HDR_LEN + len;
	return 1;
}

void
msg_consume(struct buf *b, size_t n)
{
	if (n >= b->len) {
		buf_reset(b);
		return;
	}
	memmove(b->data, b->data + n, b->len - n);
	b->len -= n;
	b->data[b->len] = '\0';
}

const char *
msg_get(const struct msg *m, const char *key, size_t *len)
{
	size_t klen = strlen(key), i = 0;

	while (i < m->len) {
		const char *k, *v;
		uint32_t kl, vl;

		if (m->len - i < 4)
			return NULL;
		kl = get32(m->data + i);
		i += 4;
		if (kl > m->len - i)
			return NULL;
		k = m->data + i;
		i += kl;
		if (m->len - i < 4)
			return NULL;
		vl = get32(m->data + i);
		i += 4;
		if (vl >= m->len - i)	/* the value and its NUL */
			return NULL;
		v = m->data + i;
		i += (size_t)vl + 1;
		if (kl == klen && memcmp(k, key, klen) == 0) {
			if (len)
				*len = vl;
			return v;
		}
	}
	return NULL;
}

const char *
msg_str(const struct msg *m, const char *key)
{
	const char *v = msg_get(m, key, NULL);

	return v ? v : "";
}

int64_t
msg_int(const struct msg *m, const char *key, int64_t dflt)
{
	const char *v = msg_get(m, key, NULL);

	return v && *v ? strtoll(v, NULL, 10) : dflt;
}

int
msg_write_all(int fd, const struct buf *b)
{
	size_t off = 0;

	while (off < b->len) {
		ssize_t n = write(fd, b->data + off, b->len - off);

		if (n == -1 && errno == EINTR)
			continue;
		if (n <= 0)
			return -1;
		off += (size_t)n;
	}
	return 0;
}

int
msg_read_one(int fd, struct buf *in, size_t *used, struct msg *m)
{
	char tmp[65536];

	msg_consume(in, *used);
	*used = 0;
	for (;;) {
		int rc = msg_next(in, used, m);
		ssize_t n;

		if (rc != 0)
			return rc;
		n = read(fd, tmp, sizeof(tmp));
		if (n == -1 && errno == EINTR)
			continue;
		if (n <= 0)
			return n == 0 && in->len == 0 ? 0 : -1;
		buf_add(in, tmp, (size_t)n);
	}
}
