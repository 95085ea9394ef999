/* The audit log's anchor (see anchor.h). */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../db/db.h"
#include "anchor.h"

void
anchor_path(const char *dbpath, char *path, size_t len)
{
	snprintf(path, len, "%s.anchor", dbpath);
}

int
anchor_write(const char *path, int64_t count, const char *hash, char *cause,
    size_t clen)
{
	char tmp[4200], text[128], dir[4096];
	int fd, n;

	snprintf(tmp, sizeof(tmp), "%s.tmp", path);
	n = snprintf(text, sizeof(text), "%" PRId64 " %s\n", count, hash);
	if ((fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC,
	    0640)) == -1 || write(fd, text, (size_t)n) != n ||
	    fsync(fd) == -1 || close(fd) == -1 || rename(tmp, path) == -1) {
		snprintf(cause, clen, "%s: %s", path, strerror(errno));
		if (fd != -1)
			close(fd);
		unlink(tmp);
		return -1;
	}
	/* the rename itself is durable once the directory is */
	snprintf(dir, sizeof(dir), "%s", path);
	if ((fd = open(dirname(dir), O_RDONLY | O_DIRECTORY | O_CLOEXEC)) != -1) {
		fsync(fd);
		close(fd);
	}
	return 0;
}

int
anchor_read(const char *path, int64_t *count, char hash[65], char *cause,
    size_t clen)
{
	char text[128], tail;
	ssize_t n;
	int fd;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1) {
		if (errno == ENOENT)
			return 0;
		snprintf(cause, clen, "%s: %s", path, strerror(errno));
		return -1;
	}
	n = read(fd, text, sizeof(text) - 1);
	close(fd);
	if (n <= 0) {
		snprintf(cause, clen, "%s: empty", path);
		return -1;
	}
	text[n] = '\0';
	if (sscanf(text, "%" SCNd64 " %64[0-9a-f]%c", count, hash, &tail) != 3 ||
	    tail != '\n' || *count < 0 || strlen(hash) != 64) {
		snprintf(cause, clen, "%s: not an anchor (count and hash)", path);
		return -1;
	}
	return 1;
}

int
anchor_compare(struct db *db, int rc, int64_t count, const char *want,
    const char *why, int64_t rows, char *cause, size_t clen)
{
	char have[65];

	if (rc == -1) {
		snprintf(cause, clen, "%s", why);
		return 1;
	}
	if (rc == 0 || count == 0)
		return 0;
	if (count > rows) {
		snprintf(cause, clen, "the log ends at event %" PRId64 " but was"
		    " anchored at event %" PRId64 ": events were cut off", rows,
		    count);
		return 1;
	}
	if ((rc = db_audit_hash_at(db, count, have)) != 1)
		return -1;
	if (strcmp(have, want) != 0) {
		snprintf(cause, clen, "event %" PRId64 " is not the one anchored",
		    count);
		return 1;
	}
	return 0;
}

int
anchor_check(struct db *db, const char *path, int64_t rows, char *cause,
    size_t clen)
{
	char want[65] = "", why[256] = "";
	int64_t count = 0;
	int rc;

	rc = anchor_read(path, &count, want, why, sizeof(why));
	return anchor_compare(db, rc, count, want, why, rows, cause, clen);
}
