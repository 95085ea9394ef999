/* libmicrohttpd loaded on first use (mhdlib.h). */
#include <pthread.h>
#include <stdio.h>

#include "../common/dl.h"

#define MHDLIB_OWN_NAMES
#include "mhdlib.h"

struct mhdlib mhdlib;
static pthread_once_t once = PTHREAD_ONCE_INIT;
static int loaded;
static char cause[200];

static void
load(void)
{
	static const struct dl_sym syms[] = {
#define MHDLIB_SYM(f) { #f, &mhdlib.f },
		MHDLIB_CALLS(MHDLIB_SYM)
#undef MHDLIB_SYM
	};

	loaded = dl_bind("libmicrohttpd.so.12", syms, sizeof(syms) / sizeof(syms[0]),
	    cause, sizeof(cause)) == 0;
}

int
mhdlib_load(char *why, size_t len)
{
	pthread_once(&once, load);
	if (!loaded)
		snprintf(why, len, "the web server library cannot be loaded"
		    " (is libmicrohttpd12 installed?) / 无法加载网页服务库: %s",
		    cause);
	return loaded ? 0 : -1;
}
