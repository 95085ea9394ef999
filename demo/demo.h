/*
 * Demo mode: a self-contained station in one directory, with a private
 * cupsd, a virtual label printer (jobs land in DIR/printed/) and seed data.
 */
#ifndef ST_DEMO_H
#define ST_DEMO_H

#include <stddef.h>
#include <sys/types.h>

struct db;
struct loop;
struct demo;

/* Creates DIR's layout and writes DIR/station.conf unless it exists.
 * *conf gets the config path (caller frees). */
int	demo_prepare(const char *dir, char **conf, char *cause, size_t clen);
/* Starts the virtual printer and the private cupsd, adds queue `label`. */
struct demo *demo_start(const char *dir, struct loop *, char *cause,
	    size_t clen);
/* A child exited (SIGCHLD): logs the private cupsd if it was that. */
void	demo_reaped(struct demo *, pid_t pid, int status);
void	demo_stop(struct demo *);
/* Seeds operators and lamp models into a new database. */
int	demo_seed(struct db *, char *cause, size_t clen);

/* vprinter.c: a raw socket printer writing each job to a file */
struct vprinter;
struct vprinter *vprinter_start(const char *outdir, struct loop *, int *port,
	    char *cause, size_t clen);
void	vprinter_stop(struct vprinter *);

#endif
