#include <dlfcn.h>
#include <stdio.h>
#include <string.h>

#include "dl.h"

int
dl_bind(const char *soname, const struct dl_sym *s, size_t n, char *why,
    size_t len)
{
	void *h, *p;

	if ((h = dlopen(soname, RTLD_NOW | RTLD_LOCAL)) == NULL) {
		snprintf(why, len, "%s", dlerror());
		return -1;
	}
	for (size_t i = 0; i < n; i++) {
		if ((p = dlsym(h, s[i].name)) == NULL) {
			snprintf(why, len, "%s has no %s", soname, s[i].name);
			return -1;
		}
		/* (a function pointer is an object pointer's size, POSIX) */
		memcpy(s[i].slot, &p, sizeof(p));
	}
	return 0;
}
