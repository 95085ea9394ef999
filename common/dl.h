/* A library loaded on first use, its calls bound by name. */
#ifndef ST_DL_H
#define ST_DL_H

#include <stddef.h>

struct dl_sym {
	const char	*name;
	void		*slot;	/* the address of a function pointer */
};

/*
 * Opens soname and fills every slot; 0, or -1 with why (the library
 * missing, or a call it lacks).
 */
int	dl_bind(const char *soname, const struct dl_sym *, size_t n,
	    char *why, size_t len);

#endif
