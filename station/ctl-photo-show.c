/*
 * stationctl photo show CASE SHA256: a stored photo of a case, its bytes
 * to stdout (the office page shows them). The photo is named by the case
 * and its hash, looked up in the store: no client names a path.
 */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "../common/buf.h"
#include "../db/db.h"
#include "config.h"
#include "ctl.h"
#include "photo.h"
#include "station.h"

static enum ctl_status
ctl_photo_show(struct ctl_ctx *c, const struct ctl_args *a)
{
	const char *sha = a->pos[1];
	char rel[128], path[4096];
	struct db_case cs;
	struct stat sb;
	int rc, fd;

	if (strlen(sha) != 64 || strspn(sha, "0123456789abcdef") != 64) {
		buf_puts(c->err, "a photo is named by its SHA-256: 64 hex"
		    " digits\n");
		return CTL_USAGE;
	}
	if ((rc = db_case_find(c->db, a->pos[0], &cs)) != 1) {
		buf_printf(c->err, rc == 0 ? "no case or waybill %s / 无此案件\n" :
		    "%s\n", rc == 0 ? a->pos[0] : db_error(c->db));
		return rc == 0 ? CTL_REFUSED : CTL_FAILED;
	}
	if ((rc = db_photo_path(c->db, cs.id, sha, rel, sizeof(rel))) != 1) {
		buf_printf(c->err, rc == 0 ? "case %s has no photo %s\n" : "%s\n",
		    rc == 0 ? cs.case_no : db_error(c->db), sha);
		return rc == 0 ? CTL_REFUSED : CTL_FAILED;
	}
	if (strncmp(rel, "photos/", 7) != 0 || strstr(rel, "..")) {
		buf_printf(c->err, "photo %s is stored as '%s', outside the photos"
		    " directory: not shown\n", sha, rel);
		return CTL_FAILED;
	}
	snprintf(path, sizeof(path), "%s/%s", c->st->cf->data_dir, rel);
	if ((fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)) == -1 ||
	    fstat(fd, &sb) == -1 || !S_ISREG(sb.st_mode) ||
	    sb.st_size > PHOTO_MAX) {
		buf_printf(c->err, "photo %s cannot be read: %s\n", sha,
		    fd == -1 ? strerror(errno) : "not a photo of ours");
		if (fd != -1)
			close(fd);
		return CTL_FAILED;
	}
	for (;;) {
		char chunk[65536];
		ssize_t n = read(fd, chunk, sizeof(chunk));

		if (n == -1 && errno == EINTR)
			continue;
		if (n <= 0) {
			close(fd);
			if (n == 0)
				return CTL_OK;
			buf_printf(c->err, "photo %s: %s\n", sha,
			    strerror(errno));
			return CTL_FAILED;
		}
		buf_add(c->out, chunk, (size_t)n);
	}
}

const struct ctl_cmd ctl_cmd_photo_show = {
	.name = "photo show", .args = "CASE SHA256", .minpos = 2, .maxpos = 2,
	.help = "a photo of a case, by its SHA-256 (case show lists them), to"
	    " stdout",
	.worker = 1,
	.exec = ctl_photo_show,
};
