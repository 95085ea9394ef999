/* Backups (see backup.h). */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sodium.h>

#include "../db/db.h"
#include "anchor.h"
#include "backup.h"

#define MAGIC		"RSBACKUP1"
#define CHUNK		65536

static int
write_all(int fd, const void *p, size_t n, char *cause, size_t clen)
{
	const unsigned char *b = p;

	while (n > 0) {
		ssize_t w = write(fd, b, n);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0) {
			snprintf(cause, clen, "writing the backup: %s",
			    strerror(errno));
			return -1;
		}
		b += w;
		n -= (size_t)w;
	}
	return 0;
}

/* The key: 64 hex digits (and a line end) in a file only its owner reads. */
static int
load_key(const char *path, unsigned char *key, char *cause, size_t clen)
{
	char hex[80];
	size_t len;
	ssize_t n;
	int fd;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)) == -1) {
		snprintf(cause, clen, "[backup] key_file %s: %s", path,
		    strerror(errno));
		return -1;
	}
	n = read(fd, hex, sizeof(hex) - 1);
	close(fd);
	if (n < 0)
		n = 0;
	hex[n] = '\0';
	len = strcspn(hex, "\r\n");
	hex[len] = '\0';
	if (len != 2 * crypto_secretstream_xchacha20poly1305_KEYBYTES ||
	    sodium_hex2bin(key, crypto_secretstream_xchacha20poly1305_KEYBYTES,
	    hex, len, NULL, NULL, NULL) != 0) {
		snprintf(cause, clen, "[backup] key_file %s holds no key: 64 hex"
		    " digits are needed (e.g. from head -c 32 /dev/urandom |"
		    " xxd -p -c 64)", path);
		sodium_memzero(hex, sizeof(hex));
		return -1;
	}
	sodium_memzero(hex, sizeof(hex));
	return 0;
}

static int
copy_out(int in, int fd, const unsigned char *key, struct backup_result *r,
    char *cause, size_t clen)
{
	unsigned char *buf = malloc(CHUNK), *ct = malloc(CHUNK +
	    crypto_secretstream_xchacha20poly1305_ABYTES);
	crypto_secretstream_xchacha20poly1305_state st;
	int rc = -1;
	unsigned char hdr[crypto_secretstream_xchacha20poly1305_HEADERBYTES];
	char magic[16];
	ssize_t n;

	if (buf == NULL || ct == NULL) {
		snprintf(cause, clen, "out of memory");
		goto out;
	}
	snprintf(magic, sizeof(magic), "%s%c", MAGIC, key ? 'E' : 'P');
	if (write_all(fd, magic, strlen(magic), cause, clen) == -1)
		goto out;
	r->bytes = (int64_t)strlen(magic);
	if (key) {
		crypto_secretstream_xchacha20poly1305_init_push(&st, hdr, key);
		if (write_all(fd, hdr, sizeof(hdr), cause, clen) == -1)
			goto out;
		r->bytes += (int64_t)sizeof(hdr);
	}
	for (;;) {
		unsigned long long clen_out;
		unsigned char len4[4];
		off_t here = lseek(in, 0, SEEK_CUR), end = lseek(in, 0,
		    SEEK_END);

		lseek(in, here, SEEK_SET);
		if ((n = read(in, buf, sizeof(buf))) < 0) {
			snprintf(cause, clen, "reading the copy: %s",
			    strerror(errno));
			goto out;
		}
		if (!key) {
			if (n == 0)
				break;
			if (write_all(fd, buf, (size_t)n, cause, clen) == -1)
				goto out;
			r->bytes += n;
			continue;
		}
		crypto_secretstream_xchacha20poly1305_push(&st, ct, &clen_out,
		    buf, (unsigned long long)n, NULL, 0, here + n >= end ?
		    crypto_secretstream_xchacha20poly1305_TAG_FINAL : 0);
		len4[0] = (unsigned char)(clen_out >> 24);
		len4[1] = (unsigned char)(clen_out >> 16);
		len4[2] = (unsigned char)(clen_out >> 8);
		len4[3] = (unsigned char)clen_out;
		if (write_all(fd, len4, 4, cause, clen) == -1 ||
		    write_all(fd, ct, (size_t)clen_out, cause, clen) == -1)
			goto out;
		r->bytes += 4 + (int64_t)clen_out;
		if (here + n >= end)
			break;
	}
	if (fsync(fd) == -1 && errno != EINVAL) {
		snprintf(cause, clen, "syncing the backup: %s", strerror(errno));
		goto out;
	}
	rc = 0;
out:
	free(buf);
	free(ct);
	return rc;
}

int
backup_to_fd(struct db *src, const char *dir, const char *key_file, int fd,
    struct backup_result *r, char *cause, size_t clen)
{
	unsigned char key[crypto_secretstream_xchacha20poly1305_KEYBYTES];
	int enc = key_file && *key_file, in, rc;
	char tmp[4096];

	memset(r, 0, sizeof(*r));
	if (sodium_init() < 0) {
		snprintf(cause, clen, "libsodium did not start");
		return -1;
	}
	if (enc && load_key(key_file, key, cause, clen) == -1)
		return -1;
	snprintf(tmp, sizeof(tmp), "%s/.backup-%ld.db", dir, (long)getpid());
	unlink(tmp);
	rc = db_backup(src, tmp, &r->events, cause, clen);
	if (rc == 0 && (in = open(tmp, O_RDONLY | O_CLOEXEC)) != -1) {
		rc = copy_out(in, fd, enc ? key : NULL, r, cause, clen);
		close(in);
	} else if (rc == 0) {
		snprintf(cause, clen, "%s: %s", tmp, strerror(errno));
		rc = -1;
	}
	unlink(tmp);
	sodium_memzero(key, sizeof(key));
	r->encrypted = enc;
	return rc;
}

static int
read_all(int fd, void *p, size_t n)
{
	unsigned char *b = p;
	size_t got = 0;

	while (got < n) {
		ssize_t r = read(fd, b + got, n - got);

		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
		got += (size_t)r;
	}
	return (int)got;
}

/* The backup's database into fd out: copied, or opened with key. */
static int
unpack(int in, int out, const char *key_file, char *cause, size_t clen)
{
	unsigned char key[crypto_secretstream_xchacha20poly1305_KEYBYTES];
	unsigned char hdr[crypto_secretstream_xchacha20poly1305_HEADERBYTES];
	crypto_secretstream_xchacha20poly1305_state st;
	unsigned char *ct = NULL, *pt = NULL, len4[4];
	char magic[sizeof(MAGIC)];
	int rc = -1, n;

	if (read_all(in, magic, sizeof(magic)) != (int)sizeof(magic) ||
	    memcmp(magic, MAGIC, sizeof(MAGIC) - 1) != 0 ||
	    (magic[sizeof(MAGIC) - 1] != 'P' && magic[sizeof(MAGIC) - 1] !=
	    'E')) {
		snprintf(cause, clen, "this is no station backup");
		return -1;
	}
	if ((ct = malloc(CHUNK + crypto_secretstream_xchacha20poly1305_ABYTES))
	    == NULL || (pt = malloc(CHUNK)) == NULL) {
		snprintf(cause, clen, "out of memory");
		goto out;
	}
	if (magic[sizeof(MAGIC) - 1] == 'P') {
		while ((n = read_all(in, pt, CHUNK)) > 0)
			if (write_all(out, pt, (size_t)n, cause, clen) == -1)
				goto out;
		rc = 0;
		goto out;
	}
	if (key_file == NULL || *key_file == '\0') {
		snprintf(cause, clen, "the backup is encrypted: set [backup]"
		    " key_file to its key");
		goto out;
	}
	if (load_key(key_file, key, cause, clen) == -1)
		goto out;
	if (read_all(in, hdr, sizeof(hdr)) != (int)sizeof(hdr) ||
	    crypto_secretstream_xchacha20poly1305_init_pull(&st, hdr,
	    key) != 0) {
		snprintf(cause, clen, "the backup is cut short");
		goto out;
	}
	for (;;) {
		unsigned long long plen;
		unsigned char tag;
		uint32_t len;

		if (read_all(in, len4, 4) != 4) {
			snprintf(cause, clen, "the backup is cut short: its last"
			    " part is missing");
			goto out;
		}
		len = (uint32_t)len4[0] << 24 | (uint32_t)len4[1] << 16 |
		    (uint32_t)len4[2] << 8 | len4[3];
		if (len < crypto_secretstream_xchacha20poly1305_ABYTES ||
		    len > CHUNK + crypto_secretstream_xchacha20poly1305_ABYTES ||
		    read_all(in, ct, len) != (int)len) {
			snprintf(cause, clen, "the backup is cut short or"
			    " damaged");
			goto out;
		}
		if (crypto_secretstream_xchacha20poly1305_pull(&st, pt, &plen,
		    &tag, ct, len, NULL, 0) != 0) {
			snprintf(cause, clen, "the key does not open this backup"
			    " (a wrong [backup] key_file?), or it was changed"
			    " / 密钥不符或备份已损坏");
			goto out;
		}
		if (write_all(out, pt, (size_t)plen, cause, clen) == -1)
			goto out;
		if (tag == crypto_secretstream_xchacha20poly1305_TAG_FINAL)
			break;
	}
	rc = 0;
out:
	sodium_memzero(key, sizeof(key));
	free(ct);
	free(pt);
	return rc;
}

/* The audit log's anchor follows the restored log (the old one is kept
 * beside it): a restore is the one cut of the log's end that is meant. */
static int
reanchor(const char *database, char *cause, size_t clen)
{
	char path[4200], old[4300], hash[65];
	struct db *db;
	int64_t count;
	int rc;

	if ((db = db_open(database, NULL, cause, clen)) == NULL)
		return -1;
	rc = db_audit_head(db, &count, hash);
	db_close(db);
	if (rc == -1) {
		snprintf(cause, clen, "reading the restored audit log");
		return -1;
	}
	anchor_path(database, path, sizeof(path));
	snprintf(old, sizeof(old), "%s.before-restore", path);
	if (access(path, F_OK) == 0 && rename(path, old) == -1) {
		snprintf(cause, clen, "%s: %s", path, strerror(errno));
		return -1;
	}
	return anchor_write(path, count, hash, cause, clen);
}

int
backup_restore(const char *file, const char *database, const char *key_file,
    int64_t *events, char *cause, size_t clen)
{
	char tmp[4096], aside[4096], side[4200];
	int in, out, rc;

	if (sodium_init() < 0) {
		snprintf(cause, clen, "libsodium did not start");
		return -1;
	}
	if ((in = open(file, O_RDONLY | O_CLOEXEC)) == -1) {
		snprintf(cause, clen, "%s: %s", file, strerror(errno));
		return -1;
	}
	snprintf(tmp, sizeof(tmp), "%s.restore", database);
	unlink(tmp);
	if ((out = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC,
	    0640)) == -1) {
		snprintf(cause, clen, "%s: %s", tmp, strerror(errno));
		close(in);
		return -1;
	}
	rc = unpack(in, out, key_file, cause, clen);
	close(in);
	if (rc == 0 && fsync(out) == -1) {
		snprintf(cause, clen, "%s: %s", tmp, strerror(errno));
		rc = -1;
	}
	close(out);
	if (rc == 0)
		rc = db_verify_file(tmp, events, cause, clen);
	if (rc == -1) {
		unlink(tmp);
		return -1;
	}
	/* the database it replaces is kept, never deleted */
	snprintf(aside, sizeof(aside), "%s.before-restore", database);
	if (access(database, F_OK) == 0 && rename(database, aside) == -1) {
		snprintf(cause, clen, "keeping %s: %s", database,
		    strerror(errno));
		unlink(tmp);
		return -1;
	}
	snprintf(side, sizeof(side), "%s-wal", database);
	unlink(side);
	snprintf(side, sizeof(side), "%s-shm", database);
	unlink(side);
	if (rename(tmp, database) == -1) {
		snprintf(cause, clen, "%s: %s", database, strerror(errno));
		return -1;
	}
	return reanchor(database, cause, clen);
}
