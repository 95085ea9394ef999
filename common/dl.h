/* A library loaded on first use, its calls bound by name. */
#ifndef ST_DL_H
#define ST_DL_H

#include <stddef.h>

struct dl_sym {
	const char	*name;
	void		*slot;	/* the address of a function pointer */
};

struct dl_lib {
	const char		*soname;
	const struct dl_sym	*syms;
	size_t			 n;
	int			 tried, loaded;	/* (dl.c's, under its lock) */
	char			 cause[200];
};
#define DL_LIB(soname, syms) \
	{ soname, syms, sizeof(syms) / sizeof((syms)[0]), 0, 0, "" }

/*
 * Opens the library and fills every slot, once a process whichever
 * thread asks first; 0, or -1 with why (the library missing, or a call
 * it lacks), the same answer every time.
 */
int	dl_load(struct dl_lib *, char *why, size_t len);

#endif
