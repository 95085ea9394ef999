/*
 * Barcode decoding of still images with the zbar library, in-process.
 * Used for waybill photos and by the tests that read our labels back.
 */
#ifndef ST_ZBAR_DECODE_H
#define ST_ZBAR_DECODE_H

struct zbar_hit {
	char	 type[16];	/* "CODE-128", "QR-Code", "EAN-13", ... */
	char	*data;		/* UTF-8, NUL-terminated */
};

/*
 * Decodes every barcode in an 8-bit grayscale image of w x h pixels.
 * Returns the count (0 if none) and *hits, an array the caller frees with
 * zbar_hits_free(); -1 on failure.
 */
int	zbar_decode_gray(const unsigned char *gray, int w, int h,
	    struct zbar_hit **hits);
void	zbar_hits_free(struct zbar_hit *, int n);

#endif
