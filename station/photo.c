/*
 * Photos of a case (see photo.h): checked, stored under their SHA-256 in
 * the data directory, and recorded on the case with an audit event.
 */
#define _POSIX_C_SOURCE 200809L
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <nettle/sha2.h>

#include "../common/buf.h"
#include "../common/json.h"
#include "../db/db.h"
#include "../drivers/imghdr.h"
#include "photo.h"


/* Reads and checks one photo from an open file; -1 with the reason. */
int
photo_read_fd(int fd, const char *name, struct photo_file *p, struct buf *err)
{
	struct sha256_ctx md;
	uint8_t dig[SHA256_DIGEST_SIZE];
	struct stat sb;
	char why[256];
	size_t got = 0;
	int w, h;

	memset(p, 0, sizeof(*p));
	p->name = name;
	/* a FIFO or a device would hang or never end: files only */
	if (fstat(fd, &sb) == -1 || !S_ISREG(sb.st_mode) || sb.st_size < 8 ||
	    sb.st_size > PHOTO_MAX) {
		buf_printf(err, "%s: not a photo file (a JPEG or PNG of at most"
		    " 20 MiB)", name);
		return -1;
	}
	p->len = (size_t)sb.st_size;
	if ((p->data = malloc(p->len)) == NULL) {
		buf_printf(err, "%s: out of memory", name);
		return -1;
	}
	while (got < p->len) {
		ssize_t n = pread(fd, p->data + got, p->len - got, (off_t)got);

		if (n <= 0) {
			buf_printf(err, "%s: cannot read", name);
			free(p->data);
			p->data = NULL;
			return -1;
		}
		got += (size_t)n;
	}
	/* its header says what it is and how large, before it is kept */
	if (image_header(p->data, p->len, &p->ext, &w, &h, why,
	    sizeof(why)) == -1) {
		buf_printf(err, "%s: %s", name, why);
		free(p->data);
		p->data = NULL;
		return -1;
	}
	sha256_init(&md);
	sha256_update(&md, p->len, p->data);
	sha256_digest(&md, sizeof(dig), dig);
	for (int i = 0; i < SHA256_DIGEST_SIZE; i++)
		snprintf(p->sha + 2 * i, 3, "%02x", dig[i]);
	{
		char sha[65];

		memcpy(sha, p->sha, sizeof(sha));
		snprintf(p->rel, sizeof(p->rel), "photos/%.2s/%.64s.%.3s", sha,
		    sha, p->ext);
	}
	return 0;
}

/* Stores a photo's bytes durably (content-addressed: a copy is a no-op). */
static int
store(const char *dir, const struct photo_file *p, struct buf *err)
{
	char path[4096], tmp[4200], sub[4096];
	int fd;

	snprintf(sub, sizeof(sub), "%s/photos", dir);
	mkdir(sub, 0750);
	snprintf(sub, sizeof(sub), "%s/photos/%.2s", dir, p->sha);
	mkdir(sub, 0750);
	snprintf(path, sizeof(path), "%s/%s", dir, p->rel);
	if (access(path, F_OK) == 0)
		return 0;
	snprintf(tmp, sizeof(tmp), "%s.tmp", path);
	if ((fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC,
	    0640)) == -1 ||
	    write(fd, p->data, p->len) != (ssize_t)p->len || fsync(fd) == -1 ||
	    close(fd) == -1 || rename(tmp, path) == -1) {
		buf_printf(err, "storing %s: %s", path, strerror(errno));
		if (fd != -1)
			close(fd);
		unlink(tmp);
		return -1;
	}
	return 0;
}

enum st_result
photo_attach(struct db *db, const char *data_dir,
    const struct db_operator *op, const struct db_case *cs,
    struct photo_file *ph, int n, struct buf *reply)
{
	int rc = 0, added = 0;

	for (int i = 0; i < n && rc == 0; i++)
		rc = store(data_dir, &ph[i], reply);
	if (rc != 0)
		return ST_FAILED;
	if (db_begin(db) == -1)
		goto failed;
	for (int i = 0; i < n; i++) {
		struct buf d;
		struct json j;
		int dup = 0, has;

		for (int k = 0; k < i; k++)
			dup |= !strcmp(ph[k].sha, ph[i].sha);
		if (dup)
			continue;
		if (db_photo_has(db, cs->id, ph[i].sha, &has) == -1)
			goto failed;
		if (has) {
			/* the same photo twice on a case is kept once */
			db_rollback(db);
			buf_printf(reply, "%s is already on case %s", ph[i].name,
			    cs->case_no);
			return ST_REFUSED;
		}
		if (db_photo_add(db, cs->id, ph[i].sha, ph[i].rel,
		    (int64_t)ph[i].len, op->id) == -1)
			goto failed;
		buf_init(&d);
		json_init(&j, &d);
		json_open(&j, NULL);
		json_str(&j, "case", cs->case_no);
		json_str(&j, "sha256", ph[i].sha);
		json_int(&j, "bytes", (int64_t)ph[i].len);
		json_close(&j);
		rc = db_audit(db, op->badge, "case.photo", "case", cs->id, d.data,
		    NULL);
		buf_free(&d);
		if (rc == -1)
			goto failed;
		added++;
	}
	if (db_commit(db) == -1)
		goto failed;
	buf_printf(reply, "%d photo%s attached to case %s / 照片已保存", added,
	    added == 1 ? "" : "s", cs->case_no);
	return ST_OK;
failed:
	buf_printf(reply, "could not record the photos: %s", db_error(db));
	db_rollback(db);
	return ST_FAILED;
}

void
photo_free(struct photo_file *ph, int n)
{
	for (int i = 0; i < n; i++)
		free(ph[i].data);
}
