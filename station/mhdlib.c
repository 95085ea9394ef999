/* libmicrohttpd loaded on first use (mhdlib.h). */
#include <stdio.h>

#include "../common/dl.h"

#define MHDLIB_OWN_NAMES
#include "mhdlib.h"

struct mhdlib mhdlib;
static const struct dl_sym syms[] = {
#define MHDLIB_SYM(f) { #f, &mhdlib.f },
	MHDLIB_CALLS(MHDLIB_SYM)
#undef MHDLIB_SYM
};
static struct dl_lib lib = DL_LIB("libmicrohttpd.so.12", syms);

int
mhdlib_load(char *why, size_t len)
{
	char cause[200];

	if (dl_load(&lib, cause, sizeof(cause)) == 0)
		return 0;
	snprintf(why, len, "the web server library cannot be loaded"
	    " (is libmicrohttpd12 installed?) / 无法加载网页服务库: %s", cause);
	return -1;
}
