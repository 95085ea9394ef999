/*
 * What the desk worker hears and sees without looking at the screen for
 * long: an accepted scan and a refused one sound different ([desk] sound:
 * a short high tone and a long low one on the PC speaker, or one terminal
 * bell and three), and on a terminal one large status line (operator, open
 * case, last answer) stays under the log.
 */
#ifndef ST_DESKFX_H
#define ST_DESKFX_H

struct deskfx;
struct intake;
struct loop;
struct st_config;

/* Opens the speaker when sound is on; terminal: stdout is the desk's
 * terminal. Never fails: without a speaker the terminal bell sounds. */
struct deskfx *deskfx_new(struct loop *, const struct st_config *,
	    int terminal);
/* A scan was answered: sound it and redraw the status line. */
void	deskfx_answer(struct deskfx *, struct intake *, int ok,
	    const char *reply);
/* Draws the status line again (after log output) and the prompt. */
void	deskfx_redraw(struct deskfx *);
void	deskfx_free(struct deskfx *);

#endif
