#define _GNU_SOURCE
#include <sys/random.h>

#include <errno.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "uuid.h"

/* The last id given: a later one in the same millisecond counts on from
 * it, so the ids one process writes sort in the order it wrote them. */
static pthread_mutex_t last_mu = PTHREAD_MUTEX_INITIALIZER;
static uint64_t last_ms, last_a, last_b;

int
uuid7(char out[UUID_LEN + 1])
{
	static const char hex[] = "0123456789abcdef";
	unsigned char u[16], r[10];
	struct timespec ts;
	uint64_t ms, a, b;
	size_t got = 0;
	char *o = out;

	while (got < sizeof(r)) {
		ssize_t n = getrandom(r + got, sizeof(r) - got, 0);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return -1;
		got += (size_t)n;
	}
	clock_gettime(CLOCK_REALTIME, &ts);
	ms = (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
	a = ((uint64_t)r[0] << 8 | r[1]) & 0xfff;		/* 12 bits */
	b = 0;
	for (int i = 2; i < 10; i++)
		b = b << 8 | r[i];
	b &= (UINT64_C(1) << 62) - 1;				/* 62 bits */
	pthread_mutex_lock(&last_mu);
	if (ms <= last_ms) {
		/* the same millisecond, or the clock went back: count on */
		ms = last_ms;
		a = last_a;
		b = last_b + 1 + (b & 0xffff);
		if (b >> 62) {
			b &= (UINT64_C(1) << 62) - 1;
			if (++a > 0xfff) {
				a = 0;
				ms++;
			}
		}
	}
	last_ms = ms;
	last_a = a;
	last_b = b;
	pthread_mutex_unlock(&last_mu);
	for (int i = 0; i < 6; i++)
		u[i] = (unsigned char)(ms >> (40 - 8 * i));
	u[6] = (unsigned char)(0x70 | a >> 8);		/* version 7 */
	u[7] = (unsigned char)a;
	u[8] = (unsigned char)(0x80 | b >> 56);		/* RFC variant */
	for (int i = 9; i < 16; i++)
		u[i] = (unsigned char)(b >> (8 * (15 - i)));
	for (int i = 0; i < 16; i++) {
		if (i == 4 || i == 6 || i == 8 || i == 10)
			*o++ = '-';
		*o++ = hex[u[i] >> 4];
		*o++ = hex[u[i] & 15];
	}
	*o = '\0';
	return 0;
}

int
uuid_valid(const char *s)
{
	if (s == NULL || strlen(s) != UUID_LEN)
		return 0;
	for (int i = 0; i < UUID_LEN; i++) {
		if (i == 8 || i == 13 || i == 18 || i == 23) {
			if (s[i] != '-')
				return 0;
		} else if (!((s[i] >= '0' && s[i] <= '9') ||
		    (s[i] >= 'a' && s[i] <= 'f')))
			return 0;
	}
	return 1;
}
