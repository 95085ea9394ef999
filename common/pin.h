/*
 * PINs: what an operator knows, beside the badge they scan. Kept as
 * argon2id hashes (libsodium); checked in a worker, never on the loop that
 * acknowledges scans; five wrong PINs lock a badge out for five minutes.
 */
#ifndef ST_PIN_H
#define ST_PIN_H

#include <stddef.h>

#define PIN_HASH_MAX	128

/* A PIN is 4 to 12 digits. */
int	pin_format_ok(const char *pin);
/* Hashes pin into out (PIN_HASH_MAX bytes). 0, or -1 (out of memory). */
int	pin_hash(const char *pin, char *out);
/* 1 when pin matches hash, else 0. */
int	pin_verify(const char *hash, const char *pin);
/* Seconds badge is still locked out for, 0 when it may try. */
int	pin_locked(const char *badge);
/* Counts a wrong PIN for badge, or forgets its wrong ones. */
void	pin_failed(const char *badge);
void	pin_passed(const char *badge);

#endif
