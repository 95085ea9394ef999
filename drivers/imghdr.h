/*
 * Photo headers read without decoding a pixel: the format and the size a
 * JPEG or PNG says it has, so that a file that only starts like a photo,
 * or a photo too large to decode, is refused before anything is decoded.
 */
#ifndef ST_IMGHDR_H
#define ST_IMGHDR_H

#include <stddef.h>

#define IMAGE_MAX_SIDE		20000
#define IMAGE_MAX_AREA		(64L * 1024 * 1024)

/*
 * Reads the header of len bytes at p: 0 with *fmt ("jpg" or "png"), *w and
 * *h; -1 with cause for anything that is not a JPEG or PNG header, or
 * a picture larger than IMAGE_MAX_SIDE or IMAGE_MAX_AREA.
 */
int	image_header(const unsigned char *p, size_t len, const char **fmt,
	    int *w, int *h, char *cause, size_t clen);

#endif
