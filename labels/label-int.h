/* Internals shared by the files of labels/. */
#ifndef ST_LABEL_INT_H
#define ST_LABEL_INT_H

#include <cairo.h>

#include "label.h"

enum elem_kind { EL_TEXT, EL_BARCODE, EL_LINE, EL_BOX };
enum bc_type { BC_CODE128, BC_QR };
enum text_align { AL_LEFT, AL_CENTER, AL_RIGHT };

struct elem {
	enum elem_kind	 kind;
	int		 line;		/* in the template file */
	double		 x, y, w, h;	/* mm; w, h 0 when not given */
	double		 x2, y2;	/* line end, mm */
	double		 t;		/* stroke, mm */
	double		 size;		/* text height, mm */
	int		 bold;
	enum text_align	 align;
	enum bc_type	 bc;
	int		 hrt;		/* human-readable text under a barcode */
	char		*value;		/* text with {field} references */
};

struct label_tmpl {
	char		 name[256];
	double		 w_mm, h_mm;
	int		 dpi;
	char		 font[64];
	double		 gain;		/* bar-width reduction, dots */
	struct elem	*el;
	int		 n;
};

#define LABEL_GAIN	0.5	/* dots: half a dot off every bar */
#define LABEL_FONT	"WenQuanYi Micro Hei"
#define MM(v, dpi)	((v) * (dpi) / 25.4)

/* A barcode as a matrix of modules, 1 for dark; linear codes have 1 row. */
struct modules {
	int		 cols, rows;
	unsigned char	*m;
};

/* expand.c */
/* Appends value with every {field} replaced. -1 if a field is unknown. */
int	label_expand(const char *value, const struct label_data *,
	    struct buf *out);
int	label_field_known(const char *name, size_t len);
/* An element's text with its fields filled in (into v, reset first). */
int	label_elem_value(const struct label_tmpl *, const struct elem *,
	    const struct label_data *, struct buf *v, char *cause, size_t clen);

/* barcode.c */
int	barcode_modules(enum bc_type, const char *data, struct modules *,
	    char *cause, size_t clen);
void	modules_free(struct modules *);
/* Module size in dots that fits w x h dots, or 0 if it does not fit. */
int	barcode_module_px(enum bc_type, const struct modules *, double w,
	    double h);

/* draw.c: cairo drawing shared by labels and sheets (units: device dots) */
/* Draws text with its top-left at x,y; w > 0 shrinks it to fit. Adds the
 * characters no font could show to *unknown. Returns the height used. */
double	draw_text(cairo_t *, const char *font, double x, double y, double w,
	    double size, int bold, enum text_align, const char *text,
	    int *unknown);
/* Draws a barcode at x,y within w x h; modules land on whole dots, dark
 * runs narrower by gain dots (see label_tmpl_set_gain). */
int	draw_barcode(cairo_t *, enum bc_type, const char *data, double x,
	    double y, double w, double h, int hrt, double gain,
	    const char *font, int *unknown, char *cause, size_t clen);
/* A PDF surface of w x h points writing into out. */
cairo_surface_t *pdf_surface(struct buf *out, double w_pt, double h_pt);
/* ... and an SVG one. */
cairo_surface_t *svg_surface(struct buf *out, double w_pt, double h_pt);
/* A chart (see chart_render) into the box x, y, w, h. */
void	chart_draw(cairo_t *, const char *spec, double x, double y, double w,
	    double h);
/* Finishes a cairo surface into PNG or PDF bytes. */
int	surface_to(cairo_surface_t *, enum label_format, struct buf *out,
	    char *cause, size_t clen);
/* A 1-bit-ready rendering of text, for ZPL ^GF (rows of w dots). */
int	text_bitmap(const char *font, double size, int bold, double maxw,
	    const char *text, struct buf *hex, int *w, int *h, int *rowbytes,
	    int *unknown);

#endif
