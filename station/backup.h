/*
 * Backups: a checked copy of the database ([backup] key_file: encrypted
 * with libsodium's secretstream, XChaCha20-Poly1305), written into a file
 * the caller opened. The file starts "RSBACKUP1" and a byte saying plain
 * (P) or encrypted (E); an encrypted one then has the stream's header and
 * chunks of a 4-byte big-endian length and their ciphertext, the last one
 * tagged final, so a cut file is known as cut.
 */
#ifndef ST_BACKUP_H
#define ST_BACKUP_H

#include <stddef.h>
#include <stdint.h>

struct db;

struct backup_result {
	int64_t	 bytes;		/* written */
	int64_t	 events;	/* audit events verified in the copy */
	int	 encrypted;
};

/*
 * Backs src up into fd through a scratch file under dir, encrypting with
 * the key in key_file (64 hex digits) when key_file is not NULL or "".
 * Returns 0, or -1 with cause; the scratch file is always removed.
 */
int	backup_to_fd(struct db *src, const char *dir, const char *key_file,
	    int fd, struct backup_result *, char *cause, size_t clen);
/*
 * Restores backup file into database (stationd stopped): unpacked next to
 * it, checked (integrity, the audit chain: *events), and put in its place;
 * the database it replaces is kept as DATABASE.before-restore. A wrong
 * key, a cut or changed file is refused in words and changes nothing.
 */
int	backup_restore(const char *file, const char *database,
	    const char *key_file, int64_t *events, char *cause, size_t clen);

#endif
