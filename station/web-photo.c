/*
 * The office page's pictures of a case: its photos (shown small, opened
 * whole), its label as the printer would draw it, and photos sent from the
 * browser or a phone's camera. Each is the station's command (photo show,
 * label preview, case photo); an upload is held in memory files and handed
 * to the station open, as stationctl hands it files.
 */
#define _GNU_SOURCE	/* memfd_create */
#include <sys/mman.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sodium.h>

#include "../common/buf.h"
#include "photo.h"
#include "proto.h"
#include "web-int.h"

#define UPLOAD_FILES	4

struct upload {
	struct MHD_PostProcessor *pp;
	char	 csrf[40], key[65];
	int	 fd[UPLOAD_FILES];
	char	 name[UPLOAD_FILES][64];
	size_t	 bytes[UPLOAD_FILES];
	int	 n;
	int	 bad;		/* too many, too large, not a field we take */
};

static enum MHD_Result
field(void *cls, enum MHD_ValueKind kind, const char *key,
    const char *filename, const char *type, const char *enc,
    const char *data, uint64_t off, size_t size)
{
	struct upload *u = cls;
	char *dst = NULL;
	size_t cap = 0;

	(void)kind;
	(void)type;
	(void)enc;
	if (!strcmp(key, "csrf")) {
		dst = u->csrf;
		cap = sizeof(u->csrf);
	} else if (!strcmp(key, "case")) {
		dst = u->key;
		cap = sizeof(u->key);
	}
	if (dst) {
		if (off + size >= cap) {
			u->bad = 1;
			return MHD_NO;
		}
		memcpy(dst + off, data, size);
		dst[off + size] = '\0';
		return MHD_YES;
	}
	if (strcmp(key, "photo") || filename == NULL) {
		u->bad = 1;
		return MHD_NO;
	}
	if (off == 0 && (filename[0] || size)) {
		/* a new file: at most a few, each in a memory file */
		if (u->n == UPLOAD_FILES) {
			u->bad = 1;
			return MHD_NO;
		}
		if ((u->fd[u->n] = memfd_create("photo", MFD_CLOEXEC)) == -1)
			return MHD_NO;
		/* the name, for messages only: letters it can print */
		snprintf(u->name[u->n], sizeof(u->name[0]), "%s", filename);
		for (char *c = u->name[u->n]; *c; c++)
			if ((unsigned char)*c < 0x20 || *c == '/')
				*c = '_';
		if (u->name[u->n][0] == '\0')
			snprintf(u->name[u->n], sizeof(u->name[0]), "photo");
		u->n++;
	}
	if (u->n == 0 || size == 0)
		return MHD_YES;
	if (u->bytes[u->n - 1] + size > PHOTO_MAX) {
		u->bad = 1;
		return MHD_NO;
	}
	if (write(u->fd[u->n - 1], data, size) != (ssize_t)size)
		return MHD_NO;
	u->bytes[u->n - 1] += size;
	return MHD_YES;
}

struct upload *
web_upload_new(struct MHD_Connection *c)
{
	struct upload *u = calloc(1, sizeof(*u));

	if (u == NULL)
		return NULL;
	if ((u->pp = MHD_create_post_processor(c, 16 * 1024, field, u)) ==
	    NULL) {
		free(u);
		return NULL;	/* not multipart: refused as such */
	}
	return u;
}

int
web_upload_data(struct upload *u, const char *data, size_t size)
{
	if (!u->bad && MHD_post_process(u->pp, data, size) != MHD_YES)
		u->bad = u->bad ? u->bad : 2;
	return u->bad;
}

void
web_upload_free(struct upload *u)
{
	if (u == NULL)
		return;
	MHD_destroy_post_processor(u->pp);
	for (int i = 0; i < u->n; i++)
		close(u->fd[i]);
	free(u);
}

enum MHD_Result
web_upload_done(struct page *p, struct upload *u)
{
	const char *argv[3 + UPLOAD_FILES];
	struct buf out, err, to;
	enum MHD_Result rc;
	int n = 0;

	if (strlen(u->csrf) != 32 || sodium_memcmp(u->csrf, p->s.csrf, 32) != 0)
		return web_plain(p->c, MHD_HTTP_FORBIDDEN, "the form is stale or"
		    " forged: reload the page / 请刷新页面\n");
	if (u->key[0] == '\0')
		return web_plain(p->c, MHD_HTTP_BAD_REQUEST, "which case? /"
		    " 哪个案件?\n");
	if (u->bad == 1)
		web_flash(p, L(p, "照片太多或太大(每次最多4张，每张20MB以内)",
		    "Too many photos or too large: 4 at a time, 20 MB each"), 1);
	else if (u->bad || u->n == 0)
		web_flash(p, L(p, "请选择照片", "Choose photos to send"), 1);
	else {
		argv[n++] = "case";
		argv[n++] = "photo";
		argv[n++] = u->key;
		for (int i = 0; i < u->n; i++) {
			lseek(u->fd[i], 0, SEEK_SET);
			argv[n++] = u->name[i];
		}
		buf_init(&out);
		buf_init(&err);
		if (web_call_fds(p, n, argv, u->fd, u->n, &out, &err) == 0)
			web_flash(p, out.len ? out.data : L(p, "已保存",
			    "Kept"), 0);
		else
			web_flash(p, err.len ? err.data : L(p, "未保存",
			    "Not kept"), 1);
		buf_free(&out);
		buf_free(&err);
	}
	buf_init(&to);
	buf_puts(&to, "/case?key=");
	web_urlenc(&to, u->key);
	rc = web_redirect(p->c, to.data, NULL);
	buf_free(&to);
	return rc;
}

/* Bytes the station sent, as a picture of the type their start says. */
static enum MHD_Result
picture(struct page *p, int status, struct buf *out, struct buf *err)
{
	const unsigned char *d = (const unsigned char *)out->data;
	const char *type = NULL;
	struct MHD_Response *r;
	enum MHD_Result rc;

	if (status == 0 && out->len > 8 && d[0] == 0xFF && d[1] == 0xD8)
		type = "image/jpeg";
	else if (status == 0 && out->len > 8 && d[0] == 0x89 && d[1] == 'P')
		type = "image/png";
	if (type == NULL)
		return web_plain(p->c, MHD_HTTP_NOT_FOUND, err->len ? err->data :
		    "no such picture\n");
	r = MHD_create_response_from_buffer(out->len, out->data,
	    MHD_RESPMEM_MUST_COPY);
	MHD_add_response_header(r, "Content-Type", type);
	MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
	MHD_add_response_header(r, "Cache-Control", "private, max-age=300");
	MHD_add_response_header(r, "Content-Security-Policy",
	    "default-src 'none'; sandbox");
	rc = MHD_queue_response(p->c, MHD_HTTP_OK, r);
	MHD_destroy_response(r);
	return rc;
}

/* GET /photo?case=..&sha=.. and GET /label.png?case=.. */
enum MHD_Result
web_picture(struct page *p, int label)
{
	const char *key = web_arg(p, "case"), *sha = web_arg(p, "sha");
	const char *argv[6];
	struct buf out, err;
	enum MHD_Result rc;
	int n = 0, st;

	if (key == NULL || strlen(key) > 64 || (!label && sha == NULL))
		return web_plain(p->c, MHD_HTTP_NOT_FOUND, "no such picture\n");
	if (label) {
		argv[n++] = "label";
		argv[n++] = "preview";
		argv[n++] = key;
		argv[n++] = "--png";
		argv[n++] = "-";
	} else {
		argv[n++] = "photo";
		argv[n++] = "show";
		argv[n++] = key;
		argv[n++] = sha;
	}
	buf_init(&out);
	buf_init(&err);
	st = web_call(p, NULL, n, argv, &out, &err);
	rc = picture(p, st, &out, &err);
	buf_free(&out);
	buf_free(&err);
	buf_free(&p->b);
	return rc;
}
