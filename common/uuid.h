/*
 * Record and event identities: UUIDv7 (RFC 9562), time-ordered, the rest
 * from the kernel's getrandom(). Written lower-case with dashes; the ids
 * one process writes sort in the order it wrote them.
 */
#ifndef ST_UUID_H
#define ST_UUID_H

#define UUID_LEN 36	/* without the NUL */

/* Writes a new UUIDv7; 0, or -1 when the kernel gave no randomness. */
int	uuid7(char out[UUID_LEN + 1]);
/* 1 when s is a UUID as written here (any version), else 0. */
int	uuid_valid(const char *s);

#endif
