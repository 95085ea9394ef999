/*
 * A document for the printer side (PD_DOCUMENT) built block by block: the
 * RMA report and the period reports.
 */
#ifndef ST_DOCMSG_H
#define ST_DOCMSG_H

struct buf;

struct docmsg {
	struct buf	*f;		/* the request's fields */
	int		 n;		/* blocks so far */
	int		 rows;		/* rows of the current section */
};

/* A block of style (enum doc_style); past DOC_MAX_BLOCKS it is dropped. */
void	docmsg_add(struct docmsg *, int style, const char *text);
void	docmsg_addf(struct docmsg *, int style, const char *fmt, ...)
	    __attribute__((format(printf, 3, 4)));
/* The footer and the count of blocks: the request is whole. */
void	docmsg_end(struct docmsg *, const char *footer);

#endif
