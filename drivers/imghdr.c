/* Photo headers (see imghdr.h): pure byte parsing, no library. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "imghdr.h"

static uint32_t
be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	    (uint32_t)p[2] << 8 | p[3];
}

static int
png_header(const unsigned char *p, size_t len, int *w, int *h)
{
	uint32_t pw, ph;

	/* the signature, then IHDR first, 13 bytes long */
	if (len < 33 || memcmp(p, "\x89PNG\r\n\x1a\n", 8) != 0 ||
	    be32(p + 8) != 13 || memcmp(p + 12, "IHDR", 4) != 0)
		return -1;
	pw = be32(p + 16);
	ph = be32(p + 20);
	if (pw == 0 || ph == 0 || pw > 0x7fffffff || ph > 0x7fffffff)
		return -1;
	*w = (int)pw;
	*h = (int)ph;
	return 0;
}

static int
jpeg_header(const unsigned char *p, size_t len, int *w, int *h)
{
	size_t i = 2;

	if (len < 4 || p[0] != 0xff || p[1] != 0xd8)
		return -1;
	while (i + 4 <= len) {
		unsigned m, seg;

		if (p[i] != 0xff)
			return -1;
		while (i < len && p[i] == 0xff)	/* fill bytes */
			i++;
		if (i >= len)
			return -1;
		m = p[i++];
		if (m == 0xd8 || m == 0x01 || (m >= 0xd0 && m <= 0xd7))
			continue;		/* markers without a length */
		if (m == 0xd9 || m == 0xda || i + 2 > len)
			return -1;		/* the picture before its size */
		seg = (unsigned)p[i] << 8 | p[i + 1];
		if (seg < 2 || i + seg > len)
			return -1;
		if (m >= 0xc0 && m <= 0xcf && m != 0xc4 && m != 0xc8 &&
		    m != 0xcc) {
			if (seg < 7)
				return -1;
			*h = p[i + 3] << 8 | p[i + 4];
			*w = p[i + 5] << 8 | p[i + 6];
			return *w > 0 && *h > 0 ? 0 : -1;
		}
		i += seg;
	}
	return -1;
}

int
image_header(const unsigned char *p, size_t len, const char **fmt, int *w,
    int *h, char *cause, size_t clen)
{
	if (len >= 2 && p[0] == 0xff && p[1] == 0xd8) {
		*fmt = "jpg";
		if (jpeg_header(p, len, w, h) == -1) {
			snprintf(cause, clen, "not a JPEG or PNG photo (it starts"
			    " like a JPEG but has no picture header)");
			return -1;
		}
	} else if (len >= 8 && memcmp(p, "\x89PNG", 4) == 0) {
		*fmt = "png";
		if (png_header(p, len, w, h) == -1) {
			snprintf(cause, clen, "not a JPEG or PNG photo (a broken"
			    " PNG header)");
			return -1;
		}
	} else {
		snprintf(cause, clen, "not a JPEG or PNG photo");
		return -1;
	}
	if (*w > IMAGE_MAX_SIDE || *h > IMAGE_MAX_SIDE ||
	    (long)*w * *h > IMAGE_MAX_AREA) {
		snprintf(cause, clen, "a %dx%d photo is too large (at most"
		    " %d pixels a side, %ld in all)", *w, *h, IMAGE_MAX_SIDE,
		    IMAGE_MAX_AREA);
		return -1;
	}
	return 0;
}
