/*
 * Display width of UTF-8 text on a terminal, as wcwidth() counts it: East
 * Asian wide characters (Chinese) take two columns, combining marks none.
 * Terminal tables pad by it, so that Chinese names line up.
 */
#ifndef ST_WIDTH_H
#define ST_WIDTH_H

struct buf;

/* Columns one code point takes: 0, 1 or 2. */
int	width_cp(unsigned int cp);
/* Columns valid UTF-8 text s takes. */
int	width_text(const char *s);
/* Appends s padded with spaces to w columns; text wider than w is cut at
 * a character and ends in "…". */
void	width_pad(struct buf *, const char *s, int w);
/* Appends a table line: each cell padded to its width and a space, the
 * last one as it is, then a line end. */
void	width_row(struct buf *, const char *const *cells, const int *widths,
	    int n);

#endif
