/* PINs (see pin.h). */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include <sodium.h>

#include "pin.h"

/* a PIN has few possible values: the lock-out is what guards it; the
 * hash keeps it from being read off the database */
#define PIN_OPS		3
#define PIN_MEM		(8u * 1024 * 1024)
#define PIN_TRIES	5
#define PIN_LOCK_S	300
#define PIN_BADGES	64

static struct {
	char	badge[65];
	int	wrong;
	time_t	until;
} tries[PIN_BADGES];

int
pin_format_ok(const char *pin)
{
	size_t n = pin ? strlen(pin) : 0;

	if (n < 4 || n > 12)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (pin[i] < '0' || pin[i] > '9')
			return 0;
	return 1;
}

int
pin_hash(const char *pin, char *out)
{
	if (sodium_init() < 0)
		return -1;
	return crypto_pwhash_str_alg(out, pin, strlen(pin), PIN_OPS, PIN_MEM,
	    crypto_pwhash_ALG_ARGON2ID13) == 0 ? 0 : -1;
}

int
pin_verify(const char *hash, const char *pin)
{
	if (sodium_init() < 0 || hash == NULL || *hash == '\0')
		return 0;
	return crypto_pwhash_str_verify(hash, pin, strlen(pin)) == 0;
}

static int
slot(const char *badge, int make)
{
	int free_slot = -1, oldest = 0;

	for (int i = 0; i < PIN_BADGES; i++) {
		if (strcmp(tries[i].badge, badge) == 0)
			return i;
		if (tries[i].badge[0] == '\0' && free_slot == -1)
			free_slot = i;
		if (tries[i].until < tries[oldest].until)
			oldest = i;
	}
	if (!make)
		return -1;
	if (free_slot == -1)
		free_slot = oldest;
	memset(&tries[free_slot], 0, sizeof(tries[free_slot]));
	snprintf(tries[free_slot].badge, sizeof(tries[free_slot].badge), "%s",
	    badge);
	return free_slot;
}

int
pin_locked(const char *badge)
{
	int i = slot(badge, 0);
	time_t now = time(NULL);

	if (i == -1 || tries[i].wrong < PIN_TRIES || now >= tries[i].until)
		return 0;
	return (int)(tries[i].until - now);
}

void
pin_failed(const char *badge)
{
	int i = slot(badge, 1);

	if (++tries[i].wrong >= PIN_TRIES)
		tries[i].until = time(NULL) + PIN_LOCK_S;
}

void
pin_passed(const char *badge)
{
	int i = slot(badge, 0);

	if (i != -1)
		memset(&tries[i], 0, sizeof(tries[i]));
}
