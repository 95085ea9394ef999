/*
 * A small poll() event loop: file events and one-shot timers on the
 * monotonic clock. Signals are delivered only while the loop sleeps in
 * ppoll(), so handlers just set flags and the wake callback acts on them.
 */
#ifndef ST_LOOP_H
#define ST_LOOP_H

#include <signal.h>
#include <stdint.h>

struct loop;
typedef void (*loop_fd_fn)(struct loop *, int fd, short revents, void *arg);
typedef void (*loop_timer_fn)(struct loop *, void *arg);

struct loop *loop_new(void);
void	loop_free(struct loop *);
/* Watches fd for events (POLLIN/POLLOUT); one watcher per fd. */
int	loop_add_fd(struct loop *, int fd, short events, loop_fd_fn, void *arg);
void	loop_set_events(struct loop *, int fd, short events);
void	loop_del_fd(struct loop *, int fd);
/* Arms (or re-arms) the timer identified by fn+arg to fire after ms. */
void	loop_timer(struct loop *, uint64_t ms, loop_timer_fn fn, void *arg);
void	loop_timer_cancel(struct loop *, loop_timer_fn fn, void *arg);
void	loop_stop(struct loop *);
/*
 * Runs until loop_stop(). sigmask is the mask to sleep with (signals the
 * caller blocked are let through there); wake() runs after every sleep.
 */
int	loop_run(struct loop *, const sigset_t *sigmask,
	    void (*wake)(void *), void *arg);

#endif
