/*
 * The office's page (web.c): an HTTP server on threads of its own that
 * speaks to the station only through its control socket.
 */
#ifndef ST_WEB_H
#define ST_WEB_H

#include <stddef.h>

struct st_config;
struct web;

/* Listens on [web] listen, speaking to the station on control socket
 * sock; NULL with cause when it cannot. */
struct web *web_start(const struct st_config *, const char *sock,
	    char *cause, size_t clen);
/* The station's data changed: open pages update (quick; any thread). */
void	web_news(void);
/* Stops it (after the control socket has closed its clients). */
void	web_stop(struct web *);

#endif
