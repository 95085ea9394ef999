#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include "dl.h"

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

static int
bind(struct dl_lib *l)
{
	void *h, *p;

	if ((h = dlopen(l->soname, RTLD_NOW | RTLD_LOCAL)) == NULL) {
		snprintf(l->cause, sizeof(l->cause), "%s", dlerror());
		return 0;
	}
	for (size_t i = 0; i < l->n; i++) {
		if ((p = dlsym(h, l->syms[i].name)) == NULL) {
			snprintf(l->cause, sizeof(l->cause), "%s has no %s",
			    l->soname, l->syms[i].name);
			return 0;
		}
		/* (a function pointer is an object pointer's size, POSIX) */
		memcpy(l->syms[i].slot, &p, sizeof(p));
	}
	return 1;
}

int
dl_load(struct dl_lib *l, char *why, size_t len)
{
	int ok;

	pthread_mutex_lock(&lock);
	if (!l->tried) {
		l->loaded = bind(l);
		l->tried = 1;
	}
	ok = l->loaded;
	pthread_mutex_unlock(&lock);
	if (!ok)
		snprintf(why, len, "%s", l->cause);
	return ok ? 0 : -1;
}
