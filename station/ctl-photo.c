/*
 * stationctl --operator BADGE case photo CASE FILE...: photos of damage,
 * copied into the station's data directory under their SHA-256 and
 * recorded on the case. stationctl passes absolute paths; the daemon reads
 * the files itself.
 */
#define _POSIX_C_SOURCE 200809L
#include <sys/stat.h>

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <nettle/sha2.h>

#include "../db/db.h"
#include "buf.h"
#include "config.h"
#include "ctl.h"
#include "scan.h"
#include "station.h"

#define PHOTO_MAX	(20 * 1024 * 1024)
#define PHOTO_FILES	16

struct photo {
	char		 sha[65];
	const char	*ext;
	char		 rel[96];	/* under data_dir */
	unsigned char	*data;
	size_t		 len;
};

/* Reads and checks one photo; -1 with the reason in err. */
static int
load(const char *path, struct photo *p, struct buf *err)
{
	struct sha256_ctx md;
	uint8_t dig[SHA256_DIGEST_SIZE];
	struct stat sb;
	int fd;

	memset(p, 0, sizeof(*p));
	if (path[0] != '/') {
		buf_printf(err, "%s: give an absolute path\n", path);
		return -1;
	}
	if ((fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)) == -1 ||
	    fstat(fd, &sb) == -1) {
		buf_printf(err, "%s: %s\n", path, strerror(errno));
		if (fd != -1)
			close(fd);
		return -1;
	}
	if (!S_ISREG(sb.st_mode) || sb.st_size < 8 || sb.st_size > PHOTO_MAX) {
		buf_printf(err, "%s: not a photo file (a JPEG or PNG of at most"
		    " 20 MiB)\n", path);
		close(fd);
		return -1;
	}
	p->len = (size_t)sb.st_size;
	if ((p->data = malloc(p->len)) == NULL ||
	    read(fd, p->data, p->len) != (ssize_t)p->len) {
		buf_printf(err, "%s: cannot read\n", path);
		close(fd);
		free(p->data);
		p->data = NULL;
		return -1;
	}
	close(fd);
	if (p->data[0] == 0xff && p->data[1] == 0xd8 && p->data[2] == 0xff)
		p->ext = "jpg";
	else if (memcmp(p->data, "\x89PNG\r\n\x1a\n", 8) == 0)
		p->ext = "png";
	else {
		buf_printf(err, "%s: not a JPEG or PNG photo\n", path);
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
store(const char *dir, const struct photo *p, struct buf *err)
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
		buf_printf(err, "storing %s: %s\n", path, strerror(errno));
		if (fd != -1)
			close(fd);
		unlink(tmp);
		return -1;
	}
	return 0;
}

static int
ctl_case_photo(struct ctl_ctx *c, int argc, char **argv)
{
	struct db *db = c->st->db;
	struct photo ph[PHOTO_FILES];
	struct db_operator op;
	struct db_case cs;
	int n = argc - 1, rc = 0, added = 0;

	if (argc < 2 || n > PHOTO_FILES) {
		if (n > PHOTO_FILES)
			buf_printf(c->err, "at most %d photos at a time\n",
			    PHOTO_FILES);
		return ctl_usage(c, &ctl_cmd_case_photo);
	}
	if (c->operator == NULL || db_operator_get(db, c->operator, &op) != 1 ||
	    !op.active) {
		buf_puts(c->err, "say who takes the photos: stationctl --operator"
		    " BADGE (an active badge) / 请提供工牌号\n");
		return 1;
	}
	rc = db_case_find(db, argv[0], &cs);
	if (rc != 1) {
		buf_printf(c->err, "no case or open waybill %s / 无此案件\n",
		    argv[0]);
		return 1;
	}
	/* every file is checked before anything is kept */
	for (int i = 0; i < n; i++)
		if (load(argv[i + 1], &ph[i], c->err) == -1) {
			for (int k = 0; k < i; k++)
				free(ph[k].data);
			return 1;
		}
	rc = 0;
	for (int i = 0; i < n && rc == 0; i++)
		rc = store(c->st->cf->data_dir, &ph[i], c->err);
	if (rc == 0 && db_begin(db) == 0) {
		for (int i = 0; i < n && rc == 0; i++) {
			struct buf d;
			int dup = 0;

			for (int k = 0; k < i; k++)
				dup |= !strcmp(ph[k].sha, ph[i].sha);
			if (dup)
				continue;
			if (db_photo_add(db, cs.id, ph[i].sha, ph[i].rel,
			    (int64_t)ph[i].len, op.id) == -1) {
				/* the same photo twice on a case is kept once */
				if (strstr(db_error(db), "UNIQUE")) {
					db_rollback(db);
					buf_printf(c->err, "%s is already on case"
					    " %s\n", argv[i + 1], cs.case_no);
					rc = 1;
					break;
				}
				rc = -1;
				break;
			}
			buf_init(&d);
			buf_printf(&d, "{\"case\":\"%s\",\"sha256\":\"%s\","
			    "\"bytes\":%zu}", cs.case_no, ph[i].sha, ph[i].len);
			rc = db_audit(db, op.badge, "case.photo", "case", cs.id,
			    d.data, NULL);
			buf_free(&d);
			added++;
		}
		if (rc == 0 && db_commit(db) == -1)
			rc = -1;
		if (rc == -1) {
			buf_printf(c->err, "could not record the photos: %s\n",
			    db_error(db));
			db_rollback(db);
		}
	} else if (rc == 0)
		rc = -1;
	for (int i = 0; i < n; i++)
		free(ph[i].data);
	if (rc != 0)
		return rc == 1 ? 1 : 3;
	buf_printf(c->out, "%d photo%s attached to case %s / 照片已保存\n", added,
	    added == 1 ? "" : "s", cs.case_no);
	return 0;
}

const struct ctl_cmd ctl_cmd_case_photo = {
	"case photo", "CASE FILE...", "attach photos (JPEG or PNG) to a case",
	ctl_case_photo
};
