/* libmicrohttpd loaded on first use (mhdlib.h). */
#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#define MHDLIB_OWN_NAMES
#include "mhdlib.h"

struct mhdlib mhdlib;
static pthread_once_t once = PTHREAD_ONCE_INIT;
static int loaded;
static char cause[200];

static void
load(void)
{
	void *h, *p;

	if ((h = dlopen("libmicrohttpd.so.12", RTLD_NOW | RTLD_LOCAL)) ==
	    NULL) {
		snprintf(cause, sizeof(cause), "%s", dlerror());
		return;
	}
#define MHDLIB_BIND(f) \
	if ((p = dlsym(h, #f)) == NULL) { \
		snprintf(cause, sizeof(cause), "libmicrohttpd has no %s", #f); \
		return; \
	} \
	memcpy(&mhdlib.f, &p, sizeof(p));
	MHDLIB_CALLS(MHDLIB_BIND)
#undef MHDLIB_BIND
	loaded = 1;
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
