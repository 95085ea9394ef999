/*
 * The office's page: an HTTP server (libmicrohttpd) on threads of its own,
 * never on the loop that acknowledges scans. It holds no database handle
 * and decides nothing: every page and action is a command on the station's
 * own control socket, as stationctl would send it, with the logged-in
 * operator's badge, so the same role checks and rules apply. Log in is a
 * badge and PIN (checked and locked out as for a sign-off); sessions live
 * in memory with a 128-bit random id, idle and absolute timeouts, an
 * HttpOnly SameSite=Strict cookie and a CSRF token for every POST.
 */
#include <sys/socket.h>
#include <netinet/in.h>
#include <arpa/inet.h>

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <microhttpd.h>
#include <sodium.h>

#include "../common/buf.h"
#include "../common/log.h"
#include "config.h"
#include "proto.h"
#include "web.h"

#define SESSIONS	256
#define IDLE_S		(30 * 60)
#define ABSOLUTE_S	(12 * 3600)
#define BODY_MAX	8192
#define COOKIE		"rs_sid"

struct session {
	char	 id[33];	/* hex of 16 random bytes; "" when free */
	char	 csrf[33];
	char	 badge[65], name[129], roles[129];
	time_t	 created, last;
};

struct web {
	struct MHD_Daemon *d;
	char		 sock[512];
	pthread_mutex_t	 lock;
	struct session	 s[SESSIONS];
};

/* A request's body, gathered across calls. */
struct req {
	struct buf	 body;
	int		 too_big;
};

static time_t
now_s(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec;
}

static void
hex(char *out, size_t bytes)
{
	unsigned char r[32];

	randombytes_buf(r, bytes);
	sodium_bin2hex(out, bytes * 2 + 1, r, bytes);
}

/* The session of id, touched; copied out under the lock. */
static int
session_get(struct web *w, const char *id, struct session *out)
{
	time_t t = now_s();
	int found = 0;

	if (id == NULL || strlen(id) != 32)
		return 0;
	pthread_mutex_lock(&w->lock);
	for (int i = 0; i < SESSIONS; i++) {
		struct session *s = &w->s[i];

		if (s->id[0] == '\0' || sodium_memcmp(s->id, id, 32) != 0)
			continue;
		if (t - s->last > IDLE_S || t - s->created > ABSOLUTE_S) {
			memset(s, 0, sizeof(*s));	/* expired */
			break;
		}
		s->last = t;
		*out = *s;
		found = 1;
		break;
	}
	pthread_mutex_unlock(&w->lock);
	return found;
}

static int
session_new(struct web *w, const char *badge, const char *name,
    const char *roles, struct session *out)
{
	time_t t = now_s();
	int slot = -1;

	pthread_mutex_lock(&w->lock);
	for (int i = 0; i < SESSIONS; i++) {
		struct session *s = &w->s[i];

		if (s->id[0] && (t - s->last > IDLE_S ||
		    t - s->created > ABSOLUTE_S))
			memset(s, 0, sizeof(*s));
		if (s->id[0] == '\0' && slot < 0)
			slot = i;
	}
	if (slot >= 0) {
		struct session *s = &w->s[slot];

		hex(s->id, 16);
		hex(s->csrf, 16);
		snprintf(s->badge, sizeof(s->badge), "%s", badge);
		snprintf(s->name, sizeof(s->name), "%s", name);
		snprintf(s->roles, sizeof(s->roles), "%s", roles);
		s->created = s->last = t;
		*out = *s;
	}
	pthread_mutex_unlock(&w->lock);
	return slot >= 0;
}

static void
session_end(struct web *w, const char *id)
{
	pthread_mutex_lock(&w->lock);
	for (int i = 0; i < SESSIONS; i++)
		if (w->s[i].id[0] && strcmp(w->s[i].id, id) == 0)
			memset(&w->s[i], 0, sizeof(w->s[i]));
	pthread_mutex_unlock(&w->lock);
}

/* Text into HTML, escaped. */
static void
esc(struct buf *b, const char *s)
{
	for (; *s; s++)
		switch (*s) {
		case '<': buf_puts(b, "&lt;"); break;
		case '>': buf_puts(b, "&gt;"); break;
		case '&': buf_puts(b, "&amp;"); break;
		case '"': buf_puts(b, "&quot;"); break;
		case '\'': buf_puts(b, "&#39;"); break;
		default: buf_add(b, s, 1);
		}
}

/* A form field of an urlencoded body, decoded into out; 0 if absent. */
static int
form(const char *body, const char *name, char *out, size_t len)
{
	size_t nl = strlen(name), o = 0;
	const char *p = body;

	while (p && *p) {
		if (strncmp(p, name, nl) == 0 && p[nl] == '=') {
			for (p += nl + 1; *p && *p != '&' && o + 1 < len; p++) {
				if (*p == '+')
					out[o++] = ' ';
				else if (*p == '%' && p[1] && p[2]) {
					char h[3] = { p[1], p[2], 0 };

					out[o++] = (char)strtol(h, NULL, 16);
					p += 2;
				} else
					out[o++] = *p;
			}
			out[o] = '\0';
			return 1;
		}
		if ((p = strchr(p, '&')) != NULL)
			p++;
	}
	out[0] = '\0';
	return 0;
}

/* A command on the control socket as operator (pin may be NULL). */
static int
call(struct web *w, const char *badge, const char *pin, int argc,
    const char *const *args, struct buf *out, struct buf *err)
{
	char *argv[24], cause[256];
	int n = 0, status = 4;

	if (badge) {
		argv[n++] = "--operator";
		argv[n++] = (char *)badge;
	}
	if (pin) {
		argv[n++] = "--pin";
		argv[n++] = (char *)pin;
	}
	for (int i = 0; i < argc && n < 24; i++)
		argv[n++] = (char *)args[i];
	if (proto_call_fds(w->sock, n, argv, NULL, 0, &status, out, err,
	    cause, sizeof(cause)) == -1) {
		buf_printf(err, "%s", cause);
		return 4;
	}
	return status;
}

static const char CSS[] =
    "body{font-family:'WenQuanYi Micro Hei',sans-serif;margin:0;"
    "background:#f4f6f8;color:#222}"
    "header{background:#1f4e79;color:#fff;padding:.6em 1em;display:flex;"
    "gap:1em;align-items:center}header a{color:#fff}"
    "main{padding:1em;max-width:1300px}"
    "pre{background:#fff;border:1px solid #ccd;padding:.8em;overflow:auto;"
    "font-size:13px}"
    "form.inline{display:inline}input,button{font-size:1em;padding:.3em}"
    ".err{color:#a00}.card{background:#fff;border:1px solid #ccd;"
    "padding:1em;max-width:22em;margin:3em auto}";

static void
page_head(struct buf *b, const char *title, const struct session *s)
{
	buf_puts(b, "<!DOCTYPE html><html lang=\"zh\"><head>"
	    "<meta charset=\"utf-8\"><meta name=\"viewport\""
	    " content=\"width=device-width, initial-scale=1\"><title>");
	esc(b, title);
	buf_puts(b, " · Return Station</title><link rel=\"stylesheet\""
	    " href=\"/style.css\"></head><body><header><strong>售后退货站"
	    " Return Station</strong>");
	if (s) {
		buf_puts(b, "<a href=\"/\">首页 Dashboard</a>"
		    "<form class=\"inline\" action=\"/case\" method=\"get\">"
		    "<input name=\"key\" placeholder=\"案件号/运单号 case or"
		    " waybill\" required maxlength=\"64\"> <button>查找"
		    " Find</button></form><span>");
		esc(b, s->name);
		buf_puts(b, " (");
		esc(b, s->roles);
		buf_puts(b, ")</span><form class=\"inline\" action=\"/logout\""
		    " method=\"post\"><input type=\"hidden\" name=\"csrf\""
		    " value=\"");
		buf_puts(b, s->csrf);
		buf_puts(b, "\"><button>退出 Log out</button></form>");
	}
	buf_puts(b, "</header><main>");
}

static void
page_end(struct buf *b)
{
	buf_puts(b, "</main></body></html>\n");
}

static enum MHD_Result
send_page(struct MHD_Connection *c, unsigned code, const char *type,
    struct buf *b, const char *cookie, const char *location)
{
	struct MHD_Response *r = MHD_create_response_from_buffer(
	    b->len, b->data ? b->data : (void *)"", MHD_RESPMEM_MUST_COPY);
	enum MHD_Result rc;

	MHD_add_response_header(r, "Content-Type", type);
	MHD_add_response_header(r, "Content-Security-Policy", "default-src"
	    " 'self'; frame-ancestors 'none'; form-action 'self';"
	    " base-uri 'none'");
	MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
	MHD_add_response_header(r, "Referrer-Policy", "no-referrer");
	MHD_add_response_header(r, "Cache-Control", "no-store");
	if (cookie)
		MHD_add_response_header(r, "Set-Cookie", cookie);
	if (location)
		MHD_add_response_header(r, "Location", location);
	rc = MHD_queue_response(c, code, r);
	MHD_destroy_response(r);
	return rc;
}

static enum MHD_Result
plain(struct MHD_Connection *c, unsigned code, const char *text)
{
	struct buf b;
	enum MHD_Result rc;

	buf_init(&b);
	buf_puts(&b, text);
	rc = send_page(c, code, "text/plain; charset=utf-8", &b, NULL, NULL);
	buf_free(&b);
	return rc;
}

static enum MHD_Result
redirect(struct MHD_Connection *c, const char *to, const char *cookie)
{
	struct buf b;
	enum MHD_Result rc;

	buf_init(&b);
	rc = send_page(c, MHD_HTTP_SEE_OTHER, "text/plain", &b, cookie, to);
	buf_free(&b);
	return rc;
}

static enum MHD_Result
login_page(struct MHD_Connection *c, unsigned code, const char *why)
{
	struct buf b;
	enum MHD_Result rc;

	buf_init(&b);
	page_head(&b, "登录 Log in", NULL);
	buf_puts(&b, "<div class=\"card\"><h2>登录 Log in</h2>");
	if (why) {
		buf_puts(&b, "<p class=\"err\">");
		esc(&b, why);
		buf_puts(&b, "</p>");
	}
	buf_puts(&b, "<form action=\"/login\" method=\"post\"><p><label>工牌"
	    " Badge<br><input name=\"badge\" required maxlength=\"64\""
	    " autocomplete=\"username\"></label></p><p><label>PIN<br><input"
	    " name=\"pin\" type=\"password\" required inputmode=\"numeric\""
	    " pattern=\"[0-9]{4,8}\" maxlength=\"8\""
	    " autocomplete=\"current-password\"></label></p><p><button>登录"
	    " Log in</button></p></form></div>");
	page_end(&b);
	rc = send_page(c, code, "text/html; charset=utf-8", &b, NULL, NULL);
	buf_free(&b);
	return rc;
}

/* The output of a command, shown as it is (escaped). */
static void
section(struct web *w, struct buf *b, const struct session *s,
    const char *title, int argc, const char *const *argv)
{
	struct buf out, err;

	buf_init(&out);
	buf_init(&err);
	call(w, s->badge, NULL, argc, argv, &out, &err);
	buf_puts(b, "<h2>");
	esc(b, title);
	buf_puts(b, "</h2>");
	if (err.len) {
		buf_puts(b, "<p class=\"err\">");
		esc(b, err.data);
		buf_puts(b, "</p>");
	}
	if (out.len) {
		buf_puts(b, "<pre>");
		esc(b, out.data);
		buf_puts(b, "</pre>");
	}
	buf_free(&out);
	buf_free(&err);
}

static enum MHD_Result
do_login(struct web *w, struct MHD_Connection *c, const char *body)
{
	char badge[65], pin[16], cookie[160];
	const char *args[] = { "whoami" };
	struct buf out, err;
	struct session s;
	enum MHD_Result rc;
	int st;

	form(body, "badge", badge, sizeof(badge));
	form(body, "pin", pin, sizeof(pin));
	if (badge[0] == '\0' || strlen(pin) < 4 || strlen(pin) > 8 ||
	    strspn(pin, "0123456789") != strlen(pin))
		return login_page(c, MHD_HTTP_FORBIDDEN, "工牌和4到8位数字PIN"
		    " / a badge and a PIN of 4 to 8 digits");
	buf_init(&out);
	buf_init(&err);
	st = call(w, badge, pin, 1, args, &out, &err);
	sodium_memzero(pin, sizeof(pin));
	if (st != 0 || out.len == 0) {
		rc = login_page(c, MHD_HTTP_FORBIDDEN, err.len ? err.data :
		    "登录失败 / not logged in");
	} else {
		char *name = strchr(out.data, '\t'), *roles = NULL, *nl;

		if (name && (roles = strchr(++name, '\t')) != NULL)
			*roles++ = '\0';
		if (roles && (nl = strchr(roles, '\n')) != NULL)
			*nl = '\0';
		if (roles == NULL || !session_new(w, badge, name, roles, &s))
			rc = login_page(c, MHD_HTTP_SERVICE_UNAVAILABLE,
			    "too many sessions: try again later");
		else {
			snprintf(cookie, sizeof(cookie), COOKIE "=%s; Path=/;"
			    " HttpOnly; SameSite=Strict", s.id);
			rc = redirect(c, "/", cookie);
		}
	}
	buf_free(&out);
	buf_free(&err);
	return rc;
}

static enum MHD_Result
dashboard(struct web *w, struct MHD_Connection *c, const struct session *s)
{
	static const char *const st[] = { "status" };
	static const char *const list[] = { "case", "list", "--limit", "20" };
	static const char *const late[] = { "case", "list", "--overdue",
	    "--limit", "20" };
	struct buf b;
	enum MHD_Result rc;

	buf_init(&b);
	page_head(&b, "首页 Dashboard", s);
	section(w, &b, s, "工作台 The desk", 1, st);
	section(w, &b, s, "超时案件 Overdue cases", 5, late);
	section(w, &b, s, "最近案件 Latest cases", 4, list);
	page_end(&b);
	rc = send_page(c, MHD_HTTP_OK, "text/html; charset=utf-8", &b, NULL,
	    NULL);
	buf_free(&b);
	return rc;
}

static enum MHD_Result
case_page(struct web *w, struct MHD_Connection *c, const struct session *s)
{
	const char *key = MHD_lookup_connection_value(c, MHD_GET_ARGUMENT_KIND,
	    "key");
	const char *args[3] = { "case", "show", key };
	struct buf b;
	enum MHD_Result rc;

	if (key == NULL || *key == '\0' || strlen(key) > 64)
		return redirect(c, "/", NULL);
	buf_init(&b);
	page_head(&b, key, s);
	section(w, &b, s, key, 3, args);
	page_end(&b);
	rc = send_page(c, MHD_HTTP_OK, "text/html; charset=utf-8", &b, NULL,
	    NULL);
	buf_free(&b);
	return rc;
}

static enum MHD_Result
handle(void *cls, struct MHD_Connection *c, const char *url,
    const char *method, const char *version, const char *data, size_t *size,
    void **con_cls)
{
	struct web *w = cls;
	struct req *r = *con_cls;
	const char *sid;
	struct session s;
	int post = strcmp(method, "POST") == 0, have;

	(void)version;
	if (r == NULL) {
		if ((r = calloc(1, sizeof(*r))) == NULL)
			return MHD_NO;
		buf_init(&r->body);
		*con_cls = r;
		return MHD_YES;
	}
	if (*size) {
		if (r->body.len + *size > BODY_MAX)
			r->too_big = 1;
		else
			buf_add(&r->body, data, *size);
		*size = 0;
		return MHD_YES;
	}
	if (!post && strcmp(method, "GET") && strcmp(method, "HEAD"))
		return plain(c, MHD_HTTP_METHOD_NOT_ALLOWED, "method not"
		    " allowed\n");
	if (r->too_big)
		return plain(c, MHD_HTTP_CONTENT_TOO_LARGE, "the request is too"
		    " large\n");
	buf_add(&r->body, "", 1);	/* a string from here */
	if (!strcmp(url, "/style.css")) {
		struct buf b;
		enum MHD_Result rc;

		buf_init(&b);
		buf_puts(&b, CSS);
		rc = send_page(c, MHD_HTTP_OK, "text/css", &b, NULL, NULL);
		buf_free(&b);
		return rc;
	}
	if (!strcmp(url, "/login"))
		return post ? do_login(w, c, r->body.data) :
		    login_page(c, MHD_HTTP_OK, NULL);
	sid = MHD_lookup_connection_value(c, MHD_COOKIE_KIND, COOKIE);
	have = session_get(w, sid, &s);
	if (!have)
		return redirect(c, "/login", NULL);
	if (post) {
		char csrf[40];

		/* every change carries the session's token */
		form(r->body.data, "csrf", csrf, sizeof(csrf));
		if (strlen(csrf) != 32 || sodium_memcmp(csrf, s.csrf, 32) != 0)
			return plain(c, MHD_HTTP_FORBIDDEN, "the form is stale or"
			    " forged: reload the page / 请刷新页面\n");
		if (!strcmp(url, "/logout")) {
			session_end(w, s.id);
			return redirect(c, "/login", COOKIE "=; Path=/; HttpOnly;"
			    " SameSite=Strict; Max-Age=0");
		}
	} else if (!strcmp(url, "/"))
		return dashboard(w, c, &s);
	else if (!strcmp(url, "/case"))
		return case_page(w, c, &s);
	return plain(c, MHD_HTTP_NOT_FOUND, "not found\n");
}

static void
done(void *cls, struct MHD_Connection *c, void **con_cls,
    enum MHD_RequestTerminationCode toe)
{
	struct req *r = *con_cls;

	(void)cls;
	(void)c;
	(void)toe;
	if (r) {
		buf_free(&r->body);
		free(r);
		*con_cls = NULL;
	}
}

struct web *
web_start(const struct st_config *cf, char *cause, size_t clen)
{
	struct sockaddr_in sa;
	char host[64];
	unsigned port;
	struct web *w;

	memset(&sa, 0, sizeof(sa));
	sa.sin_family = AF_INET;
	if (sscanf(cf->web_listen, "%63[^:]:%u", host, &port) != 2 ||
	    port > 65535 || inet_pton(AF_INET, host, &sa.sin_addr) != 1) {
		snprintf(cause, clen, "[web] listen is ADDRESS:PORT, got '%s'",
		    cf->web_listen);
		return NULL;
	}
	sa.sin_port = htons((uint16_t)port);
	if (sodium_init() < 0) {
		snprintf(cause, clen, "libsodium does not start");
		return NULL;
	}
	if ((w = calloc(1, sizeof(*w))) == NULL) {
		snprintf(cause, clen, "out of memory");
		return NULL;
	}
	snprintf(w->sock, sizeof(w->sock), "%s", cf->socket);
	pthread_mutex_init(&w->lock, NULL);
	/* a pool of threads; a slow client holds one for 15 s at most */
	w->d = MHD_start_daemon(MHD_USE_INTERNAL_POLLING_THREAD |
	    MHD_USE_EPOLL, 0, NULL, NULL, handle, w,
	    MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&sa,
	    MHD_OPTION_THREAD_POOL_SIZE, (unsigned)4,
	    MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)15,
	    MHD_OPTION_CONNECTION_LIMIT, (unsigned)256,
	    MHD_OPTION_PER_IP_CONNECTION_LIMIT, (unsigned)64,
	    MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)(64 * 1024),
	    MHD_OPTION_LISTENING_ADDRESS_REUSE, (unsigned)1,
	    MHD_OPTION_NOTIFY_COMPLETED, done, NULL,
	    MHD_OPTION_END);
	if (w->d == NULL) {
		snprintf(cause, clen, "cannot listen on %s (in use?)",
		    cf->web_listen);
		pthread_mutex_destroy(&w->lock);
		free(w);
		return NULL;
	}
	return w;
}

void
web_stop(struct web *w)
{
	if (w == NULL)
		return;
	MHD_stop_daemon(w->d);
	pthread_mutex_destroy(&w->lock);
	sodium_memzero(w->s, sizeof(w->s));
	free(w);
}
