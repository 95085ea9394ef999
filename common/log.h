/* One logging module for the daemon: stderr in the foreground, syslog otherwise. */
#ifndef ST_LOG_H
#define ST_LOG_H

#include <stdarg.h>

#define LOG_ATTR(a, b) __attribute__((format(printf, a, b)))

void	log_init(const char *ident, int foreground, int debug);
void	log_setdebug(int);
void	log_warn(const char *, ...) LOG_ATTR(1, 2);	/* adds strerror(errno) */
void	log_warnx(const char *, ...) LOG_ATTR(1, 2);
void	log_info(const char *, ...) LOG_ATTR(1, 2);
/* Calls fn(arg) after each line logged in the foreground (the desk's
 * status line redraws under it); NULL stops it. */
void	log_after(void (*fn)(void *), void *arg);
void	log_debug(const char *, ...) LOG_ATTR(1, 2);
void	fatal(const char *, ...) LOG_ATTR(1, 2) __attribute__((noreturn));
void	fatalx(const char *, ...) LOG_ATTR(1, 2) __attribute__((noreturn));

#endif
