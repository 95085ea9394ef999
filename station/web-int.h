/*
 * The office page's parts: the server and its sessions (web.c), the cases'
 * pages and actions (web-case.c). Shared here, private to the page.
 */
#ifndef ST_WEB_INT_H
#define ST_WEB_INT_H

#include <pthread.h>
#include <semaphore.h>
#include <time.h>

#include "mhdlib.h"

#include "../common/buf.h"

#define WEB_SESSIONS	256
#define WEB_CONNS	256	/* connections at once */
#define WEB_CALLS	2	/* requests at the station at once */
#define WEB_ARGS	64	/* words of one command */
#define NARGS(a)	((int)(sizeof(a) / sizeof((a)[0])))

struct session {
	char	 id[33];	/* hex of 16 random bytes; "" when free */
	char	 csrf[33];
	char	 badge[65], name[129], roles[129];
	char	 flash[512];	/* what the last action said, shown once */
	int	 flash_bad;
	time_t	 created, last;
};

/* A connection and the time its request must have come by. */
struct conn {
	int	 used;
	int	 fd;
	time_t	 deadline;	/* monotonic seconds; 0: none */
};

struct web {
	struct MHD_Daemon *d;
	struct conn	 conn[WEB_CONNS];	/* under lock */
	sem_t		 calls;			/* WEB_CALLS at once */
	pthread_t	 dog;			/* the slow clients' watchdog */
	pthread_cond_t	 tick;
	int		 stopping;
	unsigned long	 slow;			/* connections cut for it */
	char		 sock[512];
	int		 tls;		/* HTTPS: cookies are Secure */
	struct buf	 cert, key;	/* PEM, while it runs */
	pthread_mutex_t	 lock;
	struct session	 s[WEB_SESSIONS];
};

/* One request being answered: who asks, in which language. */
struct page {
	struct web		*w;
	struct MHD_Connection	*c;
	struct session		 s;	/* a copy; s.id[0] == 0 before login */
	int			 en;	/* English, else Chinese */
	int			 live;	/* updates itself on news */
	struct buf		 b;	/* the page being written */
};

/* Chinese or English, as the user chose. */
#define L(p, zh, en_) ((p)->en ? (en_) : (zh))

/* Text into HTML, escaped. */
void	web_esc(struct buf *, const char *);
/* A stored time as the page shows it (local, to the second), escaped. */
void	web_time(struct buf *, const char *);
/* A form field of an urlencoded body, decoded into out; 0 if absent. */
int	web_form(const char *body, const char *name, char *out, size_t len);
/* A query-string argument of the request, or NULL. */
const char *web_arg(const struct page *, const char *name);
/* A command on the control socket as the session's operator (pin may be
 * NULL); its exit status, stdout in out and stderr in err. */
int	web_call(struct page *, const char *pin, int argc,
	    const char *const *argv, struct buf *out, struct buf *err);
/* The same, handing the station files open (as stationctl does). */
int	web_call_fds(struct page *, int argc, const char *const *argv,
	    const int *fds, int nfds, struct buf *out, struct buf *err);
/* Text into a URL's query, %-encoded. */
void	web_urlenc(struct buf *, const char *);
/* Starts and ends the page in p->b. */
void	web_head(struct page *, const char *title);
void	web_end(struct page *);
/* Sends p->b as HTML (code), and frees it. */
enum MHD_Result web_send(struct page *, unsigned code);
enum MHD_Result web_redirect(struct MHD_Connection *, const char *to,
	    const char *cookie);
enum MHD_Result web_plain(struct MHD_Connection *, unsigned code,
	    const char *text);
/* What a command said: its stderr as an error, its stdout as it is
 * (both escaped). */
void	web_output(struct page *, const struct buf *out, const struct buf *err);
/* A command's output under a heading. */
void	web_section(struct page *, const char *title, int argc,
	    const char *const *argv);
/* Keeps what an action said for the next page of the session. */
void	web_flash(struct page *, const char *text, int bad);

/* web-case.c */
enum MHD_Result web_cases(struct page *);	/* GET /cases */
enum MHD_Result web_case(struct page *);	/* GET /case */
enum MHD_Result web_act(struct page *, const char *body);	/* POST /act */
struct ctl_cmd;
/* The station's command of this name, or NULL. */
const struct ctl_cmd *web_command(const char *name);
/* A form for cmd, drawn from its declaration: a field an option (a choice
 * list as a select, a flag as a box, a repeatable one as lines), the
 * positional arguments (or the case key, hidden), the PIN for a sign-off.
 * It posts to /act. */
void	web_cmd_form(struct page *, const struct ctl_cmd *, const char *title,
	    const char *key);

/* web-photo.c: photos sent from the browser, gathered as they come */
struct upload;
/* An upload for a multipart request; NULL when it is none. */
struct upload *web_upload_new(struct MHD_Connection *);
/* Takes the next bytes; nonzero once it has refused them. */
int	web_upload_data(struct upload *, const char *data, size_t size);
/* Checks the form's token and hands the photos to the station. */
enum MHD_Result web_upload_done(struct page *, struct upload *);
void	web_upload_free(struct upload *);
/* GET /photo (label 0) or /label.png (label 1): the station's picture. */
enum MHD_Result web_picture(struct page *, int label);

/* web-admin.c */
enum MHD_Result web_admin(struct page *);	/* GET /admin */
/* Does the admin page offer the command name? */
int	web_admin_offers(const char *name);

/* web-report.c */
enum MHD_Result web_reports(struct page *);	/* GET /reports */
enum MHD_Result web_chart(struct page *);	/* GET /report.svg */
enum MHD_Result web_report_file(struct page *);	/* GET /report.file */

/* A listing command's cases (--json) as a titled table. */
void	web_list(struct page *, const char *title, int argc,
	    const char *const *argv);
/* What waits for the session's roles: a list a state it may move. */
void	web_waiting(struct page *);

#endif
