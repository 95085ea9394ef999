/*
 * Labels: data in, bytes out. A template (labels/templates/NAME.tmpl) names the
 * label's size and places text, barcodes, lines and boxes bound to record
 * fields; renderers turn template + data into ZPL II, PDF or PNG. Nothing
 * here does I/O beyond the buffer the caller hands in (label_tmpl_load reads
 * the template file it is given).
 */
#ifndef ST_LABEL_H
#define ST_LABEL_H

#include <stddef.h>

struct buf;

/* The record fields a template may use as {name}. Strings are UTF-8, owned
 * by the caller; NULL reads as empty. */
struct label_data {
	const char	*area;		/* area code, ASCII */
	const char	*area_name;	/* e.g. 维修区 */
	const char	*date;		/* received, YYYY-MM-DD */
	const char	*case_no;
	const char	*waybill;
	const char	*carrier;
	const char	*model;		/* first model, "+N" when more */
	const char	*spec;
	const char	*kind;
	const char	*condition;
	const char	*operator;
	int		 cct;		/* 0: none or mixed */
	int		 qty;		/* total quantity */
	/* what is inside: one item "MODEL  4000K  x3"; several "2 型号
	 * models · 4 件 units" */
	const char	*contents;
	/* several items: the first ones with CCT and quantity, "" for one */
	const char	*models;
	/* every item a line ("MODEL SPEC 4000K x3"), '\n' between them:
	 * {item1}..{item9}, and {itemN+} (line N, or "+K more" when more
	 * lines follow than the label has room for) */
	const char	*items;
};

enum label_format {
	LABEL_ZPL,
	LABEL_PDF,
	LABEL_PNG,
	LABEL_SVG,	/* charts only */
};

struct label_tmpl;

/* What a render noticed; tests check that every glyph had a font. */
struct label_info {
	int	unknown_glyphs;		/* characters drawn as boxes */
	int	width_dots, height_dots;
};

/*
 * Parses template text; `name` is used in messages ("name:line: ...").
 * Returns NULL with cause on error. Free with label_tmpl_free().
 */
struct label_tmpl *label_tmpl_parse(const char *name, const char *text,
	    size_t len, char *cause, size_t clen);
struct label_tmpl *label_tmpl_load(const char *path, char *cause, size_t clen);
void	label_tmpl_free(struct label_tmpl *);
const char *label_tmpl_name(const struct label_tmpl *);
/* Bars and QR modules in PDF/PNG drawn narrower by gain dots (0 to 0.9,
 * default 0.5), so they keep their width through a raster driver. */
void	label_tmpl_size(const struct label_tmpl *, double *w_mm, double *h_mm);
void	label_tmpl_set_gain(struct label_tmpl *, double gain);
/* A template shipped in the binary ("area", "case"), or NULL. */
struct label_tmpl *label_tmpl_builtin(const char *name, char *cause,
	    size_t clen);

/*
 * Renders one label at `dpi` (0: the template's own), appending the bytes
 * to out. info may be NULL. Returns 0, or -1 with cause.
 */
int	label_render(const struct label_tmpl *, const struct label_data *,
	    enum label_format, int dpi, struct buf *out, struct label_info *info,
	    char *cause, size_t clen);

/* Renders n labels as one document: a PDF of n pages, or n ZPL labels. */
int	label_render_many(const struct label_tmpl *, const struct label_data *,
	    int n, enum label_format, int dpi, struct buf *out,
	    struct label_info *info, char *cause, size_t clen);

/* The value of field `name` ("cct" gives "4000K"); NULL if unknown. */
const char *label_field(const struct label_data *, const char *name,
	    char *tmp, size_t tmplen);

/* sheet.c: printable A4 sheets for working with the scanner alone. */
struct sheet_badge {
	const char	*badge;
	const char	*name;
	const char	*roles;
};
/* A fault cause for the technicians' page: code and caption. */
struct sheet_cause {
	const char	*code;
	const char	*name;
};
/* A model for the catalogue sheet. */
struct sheet_model {
	const char	*model;
	const char	*name;
	const char	*spec;
};
/*
 * Every scan command, section by section over as many pages as it takes:
 * intake (kinds, conditions, done...), missing accessories, CCTs,
 * quantities, repair and beyond-repair causes, inspection (with sample
 * sizes), finance and closing. Code 128 modules are 0.254 mm at least. A
 * PDF holds every page; a PNG the one named by page (from 1).
 */
int	sheet_models(const struct sheet_model *, int n, int page,
	    enum label_format, struct buf *out, struct label_info *info,
	    char *cause, size_t clen);
int	sheet_commands(const struct sheet_cause *, int ncauses, int page,
	    enum label_format, struct buf *out, struct label_info *info,
	    char *cause, size_t clen);
int	sheet_badges(const struct sheet_badge *, int n, enum label_format,
	    struct buf *out, struct label_info *info, char *cause, size_t clen);

/* Documents (doc.c): blocks laid out on A4 pages. */
enum doc_style {
	DOC_TITLE,	/* the document's name */
	DOC_SUBTITLE,	/* under it: numbers, dates */
	DOC_HEADING,	/* a section */
	DOC_TEXT,	/* a paragraph, wrapped */
	DOC_FIELD,	/* "name: value" */
	DOC_ROW,	/* a table row: cells split by tabs */
	DOC_HEAD_ROW,	/* a table's header row, bold and ruled */
	DOC_CHART,	/* a chart (its text as chart_render takes it) */
	DOC_NSTYLES
};
struct doc_block {
	int		 style;		/* enum doc_style */
	const char	*text;
};
/*
 * Lays blocks out as an A4 PDF into out, footer and page number at each
 * page's foot; *pages (may be NULL) says how many. Returns 0, or -1 with
 * cause.
 */
int	doc_render(const struct doc_block *, int n, const char *footer,
	    struct buf *out, int *pages, char *cause, size_t clen);

/*
 * Charts (chart.c), described as text: "TYPE\nTITLE\n" then a
 * "label\tvalue\n" line an entry; TYPE is bar (a top list), column, line
 * (over days), pie (shares) or rate (values 0..1). chart_render draws one
 * into a PNG, SVG or PDF; documents carry them as DOC_CHART blocks.
 */
int	chart_render(const char *spec, enum label_format, struct buf *out,
	    char *cause, size_t clen);

#endif
