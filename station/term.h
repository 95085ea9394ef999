/* Terminal scan source: scans typed on stdin when it is a terminal. */
#ifndef ST_TERM_H
#define ST_TERM_H

struct station;
struct term;

/* Returns NULL when stdin is not a terminal. */
struct term *term_start(struct station *);
void	term_stop(struct term *);

#endif
