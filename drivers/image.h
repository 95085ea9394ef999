/* Photos of waybills: JPEG (libjpeg) or PNG (cairo) to 8-bit grayscale. */
#ifndef ST_IMAGE_H
#define ST_IMAGE_H

#include <stddef.h>

#define IMAGE_MAX_BYTES	(32 * 1024 * 1024)	/* a photo file */

/* Decodes a JPEG or PNG of len bytes to grayscale; *gray (w x h bytes) is
 * freed by the caller. -1 with cause. */
int	image_decode_gray(const void *data, size_t len, unsigned char **gray,
	    int *w, int *h, char *cause, size_t clen);
/* Loads path; *gray (w x h bytes) is freed by the caller. -1 with cause. */
int	image_load_gray(const char *path, unsigned char **gray, int *w, int *h,
	    char *cause, size_t clen);
/* Writes 8-bit grayscale as a JPEG (tests make photos with it). */
int	image_save_jpeg(const char *path, const unsigned char *gray, int w,
	    int h, int quality);

#endif
