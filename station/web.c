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
#define _GNU_SOURCE	/* SCHED_IDLE */
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <netinet/in.h>
#include <arpa/inet.h>

#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <semaphore.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "mhdlib.h"
#include <sodium.h>

#include "../common/buf.h"
#include "../common/log.h"
#include "config.h"
#include "proto.h"
#include "web.h"
#include "web-int.h"

#define SESSIONS	WEB_SESSIONS
#define IDLE_S		(30 * 60)
#define ABSOLUTE_S	(12 * 3600)
#define BODY_MAX	8192
#define COOKIE		"rs_sid"
#define LANG		"rs_lang"

#define LIVE_PING_S	10	/* a comment on a quiet feed, within 15 s */
#define LIVE_MAX_S	600	/* then the browser opens a new one */

/* News of a change, for the live pages: a count that only grows. The
 * loop that acknowledges scans only adds to it, never waiting on a lock
 * the page's idle-priority threads might hold; a feed looks at it twice a
 * second. */
static atomic_ulong news_seq;
static atomic_int news_stopping;

#define UPLOAD_MAX	(24 * 1024 * 1024)	/* photos sent at once */
#define HEAD_S		10	/* a request's head must come within */
#define BODY_S		30	/* ... a form's body */
#define UPLOAD_S	300	/* ... photos' */

/* A request's body, gathered across calls; photos go to an upload. */
struct req {
	struct buf	 body;
	int		 too_big;
	struct upload	*up;
	size_t		 up_bytes;
	int		 up_refused;	/* no session: its bytes are dropped */
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

void
web_esc(struct buf *b, const char *s)
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

void
web_news(void)
{
	atomic_fetch_add(&news_seq, 1);
}

/* One live feed: a session's, from the count it has seen. */
struct feed {
	struct web	*w;
	char		 sid[33];
	unsigned long	 seen;
	time_t		 opened;
};

/*
 * Server-sent events, on the connection's own thread: waits for news (or
 * a ping's time), then says it. Ends when the session does, after
 * LIVE_MAX_S (the browser reconnects) or when the page stops.
 */
static ssize_t
feed_read(void *cls, uint64_t pos, char *out, size_t max)
{
	struct feed *f = cls;
	struct session s;
	unsigned long seq = f->seen;
	int n;

	(void)pos;
	if (now_s() - f->opened > LIVE_MAX_S || !session_get(f->w, f->sid, &s))
		return MHD_CONTENT_READER_END_OF_STREAM;
	for (int i = 0; i < LIVE_PING_S * 2; i++) {
		struct timespec half = { 0, 500 * 1000 * 1000 };

		if (atomic_load(&news_stopping))
			return MHD_CONTENT_READER_END_OF_STREAM;
		if ((seq = atomic_load(&news_seq)) != f->seen)
			break;
		nanosleep(&half, NULL);
	}
	if (seq == f->seen)
		n = snprintf(out, max, ": quiet\n\n");
	else
		n = snprintf(out, max, "event: news\ndata: %lu\n\n", seq);
	f->seen = seq;
	return n > 0 && (size_t)n < max ? n : 0;
}

static enum MHD_Result
feed(struct page *p)
{
	struct MHD_Response *r;
	struct feed *f;
	enum MHD_Result rc;

	if ((f = calloc(1, sizeof(*f))) == NULL)
		return web_plain(p->c, MHD_HTTP_SERVICE_UNAVAILABLE, "busy\n");
	f->w = p->w;
	snprintf(f->sid, sizeof(f->sid), "%s", p->s.id);
	f->opened = now_s();
	f->seen = atomic_load(&news_seq);
	r = MHD_create_response_from_callback(MHD_SIZE_UNKNOWN, 256, feed_read,
	    f, free);
	if (r == NULL) {
		free(f);
		return MHD_NO;
	}
	MHD_add_response_header(r, "Content-Type", "text/event-stream");
	MHD_add_response_header(r, "Cache-Control", "no-store");
	MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
	rc = MHD_queue_response(p->c, MHD_HTTP_OK, r);
	MHD_destroy_response(r);
	buf_free(&p->b);
	return rc;
}

/* The page's one script, enhancing what works without it: a live page
 * (main[data-live]) fetches itself again when the station has news and
 * puts the new content in place, without a reload. */
static const char JS[] =
    "(function(){\n"
    "var live=document.querySelector('main[data-live]');\n"
    "if(!live||!window.EventSource||!window.fetch)return;\n"
    "var busy=false,again=false,es=new EventSource('/events');\n"
    "function refresh(){\n"
    " if(busy){again=true;return;}\n"
    " busy=true;\n"
    " fetch(location.pathname+location.search,{credentials:'same-origin'})\n"
    " .then(function(r){if(!r.ok)throw r.status;return r.text();})\n"
    " .then(function(t){\n"
    "  var d=new DOMParser().parseFromString(t,'text/html');\n"
    "  var m=d.querySelector('main[data-live]');\n"
    "  if(m){live.innerHTML=m.innerHTML;"
    "live.setAttribute('data-updated',String(Date.now()));}\n"
    " }).catch(function(){}).then(function(){\n"
    "  busy=false;if(again){again=false;setTimeout(refresh,300);}\n"
    " });\n"
    "}\n"
    "es.addEventListener('news',refresh);\n"
    "})();\n";

void
web_urlenc(struct buf *b, const char *s)
{
	static const char hx[] = "0123456789ABCDEF";

	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9') || strchr("-._~", c))
			buf_add(b, s, 1);
		else
			buf_printf(b, "%%%c%c", hx[c >> 4], hx[c & 15]);
	}
}

void
web_time(struct buf *b, const char *s)
{
	/* "2026-11-24T20:31:23+08:00", the station's local time, as a desk
	 * reads it: "2026-11-24 20:31:23" */
	if (strlen(s) == 25 && s[4] == '-' && s[10] == 'T' && s[13] == ':' &&
	    (s[19] == '+' || s[19] == '-') && s[22] == ':') {
		buf_add(b, s, 10);
		buf_puts(b, " ");
		buf_add(b, s + 11, 8);
		return;
	}
	web_esc(b, s);
}

static int
hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

int
web_form(const char *body, const char *name, char *out, size_t len)
{
	size_t nl = strlen(name), o = 0;
	const char *p = body;

	while (p && *p) {
		if (strncmp(p, name, nl) == 0 && p[nl] == '=') {
			for (p += nl + 1; *p && *p != '&' && o + 1 < len; p++) {
				if (*p == '+')
					out[o++] = ' ';
				else if (*p == '%' && hexval(p[1]) >= 0 &&
				    hexval(p[2]) >= 0) {
					char ch = (char)(hexval(p[1]) << 4 |
					    hexval(p[2]));

					if (ch != '\0')	/* no NUL in a field */
						out[o++] = ch;
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

const char *
web_arg(const struct page *p, const char *name)
{
	return MHD_lookup_connection_value(p->c, MHD_GET_ARGUMENT_KIND, name);
}

static int
call(struct page *p, const char *pin, int argc, const char *const *args,
    const int *fds, int nfds, struct buf *out, struct buf *err)
{
	char *argv[WEB_ARGS + 4], cause[256];
	int n = 0, status = 4, rc;

	if (p->s.badge[0]) {
		argv[n++] = "--operator";
		argv[n++] = p->s.badge;
	}
	if (pin) {
		argv[n++] = "--pin";
		argv[n++] = (char *)pin;
	}
	for (int i = 0; i < argc && i < WEB_ARGS; i++)
		argv[n++] = (char *)args[i];
	/* a few requests at the station at once: the rest wait here, on the
	 * page's own (low-priority) threads, not in the loop that
	 * acknowledges scans nor before the workers stationctl also uses */
	while (sem_wait(&p->w->calls) == -1)
		;
	rc = proto_call_fds(p->w->sock, n, argv, fds, nfds, &status, out, err,
	    cause, sizeof(cause));
	sem_post(&p->w->calls);
	if (rc == -1) {
		buf_printf(err, "%s", cause);
		return 4;
	}
	return status;
}

int
web_call(struct page *p, const char *pin, int argc, const char *const *args,
    struct buf *out, struct buf *err)
{
	return call(p, pin, argc, args, NULL, 0, out, err);
}

int
web_call_fds(struct page *p, int argc, const char *const *args,
    const int *fds, int nfds, struct buf *out, struct buf *err)
{
	return call(p, NULL, argc, args, fds, nfds, out, err);
}

static const char CSS[] =
    "body{font-family:'WenQuanYi Micro Hei','Noto Sans CJK SC',sans-serif;"
    "margin:0;background:#f4f6f8;color:#222;font-size:15px}"
    "header{background:#1f4e79;color:#fff;padding:.5em 1em;display:flex;"
    "flex-wrap:wrap;gap:.4em 1em;align-items:center}"
    "header a{color:#fff}header .me{margin-left:auto}"
    "main{padding:.8em 1em;max-width:1340px}"
    "pre{background:#fff;border:1px solid #ccd;padding:.8em;overflow:auto;"
    "font-size:13px}"
    "form.inline{display:inline}input,button,select,textarea{font-size:1em;"
    "padding:.25em}button{cursor:pointer}"
    ".err{color:#a00}.ok{color:#060}.flash{background:#fff;border-left:4px"
    " solid #060;padding:.5em 1em}.flash.err{border-color:#a00}"
    ".card{background:#fff;border:1px solid #ccd;padding:1em;max-width:22em;"
    "margin:3em auto}"
    "table{border-collapse:collapse;background:#fff;width:100%}"
    "th,td{border:1px solid #ccd;padding:.3em .5em;text-align:left;"
    "vertical-align:top}th{background:#e8eef4}"
    ".wrap{overflow-x:auto}"
    ".grid{display:grid;grid-template-columns:repeat(auto-fit,"
    "minmax(22em,1fr));gap:1em}"
    ".box{background:#fff;border:1px solid #ccd;padding:.6em 1em;"
    "margin-bottom:1em}.grid .box{margin-bottom:0}.grid{margin-bottom:1em}"
    ".box h3{margin:.2em 0 .5em}"
    "dl{display:grid;grid-template-columns:max-content 1fr;gap:.2em 1em;"
    "margin:0}dt{color:#555}dd{margin:0}"
    ".state{display:inline-block;padding:.1em .5em;border-radius:.8em;"
    "background:#dde8f3}"
    "fieldset{border:1px solid #ccd;margin:0 0 .8em;background:#fff}"
    "fieldset label{display:block;margin:.3em 0}"
    "fieldset input[type=text],fieldset textarea,fieldset select"
    "{width:100%;box-sizing:border-box}"
    ".pager{margin:.6em 0;display:flex;gap:1em}"
    ".filters{display:flex;flex-wrap:wrap;gap:.5em;align-items:end;"
    "margin-bottom:.6em}.filters label{display:flex;flex-direction:column;"
    "font-size:.9em}"
    ".charts{display:grid;grid-template-columns:repeat(auto-fit,"
    "minmax(26em,1fr));gap:1em;margin:1em 0}"
    "img.chart{width:100%;height:auto;background:#fff;border:1px solid #ccd}"
    ".photos{display:flex;flex-wrap:wrap;gap:.5em;margin-bottom:.6em}"
    "img.thumb{width:160px;height:120px;object-fit:cover;border:1px solid"
    " #ccd}img.label{max-width:100%;border:1px solid #ccd}"
    "nav a[aria-current]{font-weight:bold;text-decoration:none}"
    "@media (max-width:700px){main{padding:.5em}th,td{padding:.2em}}";

void
web_head(struct page *p, const char *title)
{
	struct buf *b = &p->b;
	const struct session *s = p->s.id[0] ? &p->s : NULL;

	buf_printf(b, "<!DOCTYPE html><html lang=\"%s\"><head>"
	    "<meta charset=\"utf-8\"><meta name=\"viewport\""
	    " content=\"width=device-width, initial-scale=1\"><title>",
	    p->en ? "en" : "zh");
	web_esc(b, title);
	buf_printf(b, " · %s</title><link rel=\"stylesheet\""
	    " href=\"/style.css\"><script src=\"/app.js\" defer></script>"
	    "</head><body><header><strong>%s</strong>",
	    L(p, "售后退货站", "Return Station"), L(p, "售后退货站",
	    "Return Station"));
	if (s) {
		buf_printf(b, "<a href=\"/\">%s</a><a href=\"/cases\">%s</a>"
		    "<a href=\"/reports\">%s</a><a href=\"/sync\">%s</a>"
		    "<a href=\"/admin\">%s</a>"
		    "<form class=\"inline\" action=\"/cases\" method=\"get\">"
		    "<input name=\"find\" placeholder=\"%s\" maxlength=\"64\""
		    " aria-label=\"%s\"> <button>%s</button></form>",
		    L(p, "首页", "Dashboard"), L(p, "案件", "Cases"),
		    L(p, "报表", "Reports"), L(p, "中心库", "Central"),
		    L(p, "管理", "Admin"),
		    L(p, "案件号/运单号/电话/型号/客户", "case, waybill, phone,"
		    " model, customer"), L(p, "查找", "Find"), L(p, "查找",
		    "Find"));
	}
	buf_printf(b, "<a href=\"/lang?to=%s\">%s</a>", p->en ? "zh" : "en",
	    p->en ? "中文" : "English");
	if (s) {
		buf_puts(b, "<span class=\"me\">");
		web_esc(b, s->name);
		buf_puts(b, " (");
		web_esc(b, s->roles);
		buf_printf(b, ")</span><form class=\"inline\" action=\"/logout\""
		    " method=\"post\"><input type=\"hidden\" name=\"csrf\""
		    " value=\"%s\"><button>%s</button></form>", s->csrf,
		    L(p, "退出", "Log out"));
	}
	buf_printf(b, "</header><main%s>", p->live ? " data-live=\"1\"" : "");
	if (s && s->flash[0]) {
		buf_printf(b, "<p class=\"flash%s\" role=\"status\">",
		    s->flash_bad ? " err" : "");
		web_esc(b, s->flash);
		buf_puts(b, "</p>");
		web_flash(p, "", 0);	/* shown once */
	}
}

void
web_end(struct page *p)
{
	buf_puts(&p->b, "</main></body></html>\n");
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

enum MHD_Result
web_send(struct page *p, unsigned code)
{
	enum MHD_Result rc = send_page(p->c, code, "text/html; charset=utf-8",
	    &p->b, NULL, NULL);

	buf_free(&p->b);
	return rc;
}

enum MHD_Result
web_plain(struct MHD_Connection *c, unsigned code, const char *text)
{
	struct buf b;
	enum MHD_Result rc;

	buf_init(&b);
	buf_puts(&b, text);
	rc = send_page(c, code, "text/plain; charset=utf-8", &b, NULL, NULL);
	buf_free(&b);
	return rc;
}

enum MHD_Result
web_redirect(struct MHD_Connection *c, const char *to, const char *cookie)
{
	struct buf b;
	enum MHD_Result rc;

	buf_init(&b);
	rc = send_page(c, MHD_HTTP_SEE_OTHER, "text/plain", &b, cookie, to);
	buf_free(&b);
	return rc;
}

void
web_flash(struct page *p, const char *text, int bad)
{
	pthread_mutex_lock(&p->w->lock);
	for (int i = 0; i < SESSIONS; i++)
		if (p->s.id[0] && strcmp(p->w->s[i].id, p->s.id) == 0) {
			snprintf(p->w->s[i].flash, sizeof(p->w->s[i].flash),
			    "%s", text);
			p->w->s[i].flash_bad = bad;
		}
	pthread_mutex_unlock(&p->w->lock);
	snprintf(p->s.flash, sizeof(p->s.flash), "%s", text);
	p->s.flash_bad = bad;
}

static enum MHD_Result
login_page(struct page *p, unsigned code, const char *why)
{
	struct buf *b = &p->b;

	web_head(p, L(p, "登录", "Log in"));
	buf_printf(b, "<div class=\"card\"><h2>%s</h2>", L(p, "登录",
	    "Log in"));
	if (why) {
		buf_puts(b, "<p class=\"err\">");
		web_esc(b, why);
		buf_puts(b, "</p>");
	}
	buf_printf(b, "<form action=\"/login\" method=\"post\"><p><label>%s"
	    "<br><input name=\"badge\" required maxlength=\"64\""
	    " autocomplete=\"username\"></label></p><p><label>PIN<br><input"
	    " name=\"pin\" type=\"password\" required inputmode=\"numeric\""
	    " pattern=\"[0-9]{4,8}\" maxlength=\"8\""
	    " autocomplete=\"current-password\"></label></p><p><button>%s"
	    "</button></p></form></div>", L(p, "工牌", "Badge"), L(p, "登录",
	    "Log in"));
	web_end(p);
	return web_send(p, code);
}

void
web_output(struct page *p, const struct buf *out, const struct buf *err)
{
	if (err->len) {
		buf_puts(&p->b, "<p class=\"err\">");
		web_esc(&p->b, err->data);
		buf_puts(&p->b, "</p>");
	}
	if (out->len) {
		buf_puts(&p->b, "<pre>");
		web_esc(&p->b, out->data);
		buf_puts(&p->b, "</pre>");
	}
}

void
web_section(struct page *p, const char *title, int argc,
    const char *const *argv)
{
	struct buf out, err;

	buf_init(&out);
	buf_init(&err);
	web_call(p, NULL, argc, argv, &out, &err);
	buf_puts(&p->b, "<h2>");
	web_esc(&p->b, title);
	buf_puts(&p->b, "</h2>");
	web_output(p, &out, &err);
	buf_free(&out);
	buf_free(&err);
}

static enum MHD_Result
do_login(struct page *p, const char *body)
{
	char badge[65], pin[16], cookie[200];
	const char *args[] = { "whoami" };
	struct buf out, err;
	struct session s;
	enum MHD_Result rc;
	int st;

	web_form(body, "badge", badge, sizeof(badge));
	web_form(body, "pin", pin, sizeof(pin));
	if (badge[0] == '\0' || strlen(pin) < 4 || strlen(pin) > 8 ||
	    strspn(pin, "0123456789") != strlen(pin))
		return login_page(p, MHD_HTTP_FORBIDDEN, L(p, "请输入工牌和4到8位"
		    "数字PIN", "Give a badge and a PIN of 4 to 8 digits"));
	buf_init(&out);
	buf_init(&err);
	snprintf(p->s.badge, sizeof(p->s.badge), "%s", badge);
	st = web_call(p, pin, 1, args, &out, &err);
	p->s.badge[0] = '\0';
	sodium_memzero(pin, sizeof(pin));
	if (st != 0 || out.len == 0) {
		rc = login_page(p, MHD_HTTP_FORBIDDEN, err.len ? err.data :
		    L(p, "登录失败", "Not logged in"));
	} else {
		char *name = strchr(out.data, '\t'), *roles = NULL, *nl;

		if (name && (roles = strchr(++name, '\t')) != NULL)
			*roles++ = '\0';
		if (roles && (nl = strchr(roles, '\n')) != NULL)
			*nl = '\0';
		if (roles == NULL || !session_new(p->w, badge, name, roles, &s))
			rc = login_page(p, MHD_HTTP_SERVICE_UNAVAILABLE,
			    L(p, "会话已满，请稍后再试", "Too many sessions:"
			    " try again later"));
		else {
			snprintf(cookie, sizeof(cookie), COOKIE "=%s; Path=/;"
			    " HttpOnly; SameSite=Strict%s", s.id, p->w->tls ?
			    "; Secure" : "");
			rc = web_redirect(p->c, "/", cookie);
		}
	}
	buf_free(&out);
	buf_free(&err);
	return rc;
}

static enum MHD_Result
dashboard(struct page *p)
{
	char today[16];
	static const char *const st[] = { "status" };
	static const char *const late[] = { "case", "list", "--json",
	    "--overdue", "--limit", "20" };
	static const char *const held[] = { "case", "list", "--json",
	    "--state", "held", "--limit", "20" };

	const char *today_args[] = { "case", "list", "--json", "--from", today,
	    "--to", today, "--limit", "20" };
	struct tm tm;
	time_t t = time(NULL);

	/* the station's day: its local time */
	localtime_r(&t, &tm);
	strftime(today, sizeof(today), "%Y-%m-%d", &tm);
	p->live = 1;
	web_head(p, L(p, "首页", "Dashboard"));
	web_section(p, L(p, "工作台", "The desk"), NARGS(st), st);
	web_list(p, L(p, "今日收货", "Today's intake"), NARGS(today_args),
	    today_args);
	web_list(p, L(p, "暂扣件", "Held parcels"), NARGS(held), held);
	web_list(p, L(p, "超时案件", "Overdue cases"), NARGS(late), late);
	web_waiting(p);
	web_end(p);
	return web_send(p, MHD_HTTP_OK);
}

/* The central database: what it has of this desk's events, and the
 * review list (moves it did not apply), asked of it when the page is. */
static enum MHD_Result
sync_page(struct page *p)
{
	static const char *const st[] = { "sync", "status" };
	static const char *const cf[] = { "sync", "conflicts" };

	web_head(p, L(p, "中心库", "Central database"));
	web_section(p, L(p, "上传与同步", "Upload and pull"), NARGS(st), st);
	web_section(p, L(p, "待审冲突", "Review list"), NARGS(cf), cf);
	web_end(p);
	return web_send(p, MHD_HTTP_OK);
}

/* The language switch: a cookie of a year, then back to the start. */
static enum MHD_Result
set_lang(struct page *p)
{
	const char *to = web_arg(p, "to");

	return web_redirect(p->c, "/", to && !strcmp(to, "en") ?
	    LANG "=en; Path=/; Max-Age=31536000; SameSite=Strict" :
	    LANG "=zh; Path=/; Max-Age=31536000; SameSite=Strict");
}

/*
 * Slow clients: the idle timeout ends a silent connection, but one that
 * sends a byte now and then (slowloris) is never idle. Each connection
 * gets a deadline for its request's head, then for its body; a watchdog
 * shuts down the socket of one that misses it, and its thread ends.
 */
static void
conn_notify(void *cls, struct MHD_Connection *c, void **ctx,
    enum MHD_ConnectionNotificationCode toe)
{
	struct web *w = cls;
	const union MHD_ConnectionInfo *ci;

	pthread_mutex_lock(&w->lock);
	if (toe == MHD_CONNECTION_NOTIFY_STARTED) {
		ci = MHD_get_connection_info(c,
		    MHD_CONNECTION_INFO_CONNECTION_FD);
		for (int i = 0; ci && i < WEB_CONNS; i++)
			if (!w->conn[i].used) {
				w->conn[i].used = 1;
				w->conn[i].fd = ci->connect_fd;
				w->conn[i].deadline = now_s() + HEAD_S;
				*ctx = &w->conn[i];
				break;
			}
	} else if (*ctx) {
		memset(*ctx, 0, sizeof(struct conn));	/* before its close */
		*ctx = NULL;
	}
	pthread_mutex_unlock(&w->lock);
}

/* The connection's next deadline: seconds from now, 0 for none. */
static void
conn_deadline(struct web *w, struct MHD_Connection *c, int seconds)
{
	const union MHD_ConnectionInfo *ci = MHD_get_connection_info(c,
	    MHD_CONNECTION_INFO_SOCKET_CONTEXT);
	struct conn *k = ci ? ci->socket_context : NULL;

	if (k == NULL)
		return;
	pthread_mutex_lock(&w->lock);
	if (k->used)
		k->deadline = seconds ? now_s() + seconds : 0;
	pthread_mutex_unlock(&w->lock);
}

static void *
watchdog(void *arg)
{
	struct web *w = arg;

	pthread_mutex_lock(&w->lock);
	while (!w->stopping) {
		struct timespec t;
		time_t now = now_s();

		for (int i = 0; i < WEB_CONNS; i++)
			if (w->conn[i].used && w->conn[i].deadline &&
			    now > w->conn[i].deadline) {
				shutdown(w->conn[i].fd, SHUT_RDWR);
				w->conn[i].deadline = 0;
				w->slow++;
			}
		clock_gettime(CLOCK_MONOTONIC, &t);
		t.tv_sec += 1;
		pthread_cond_timedwait(&w->tick, &w->lock, &t);
	}
	pthread_mutex_unlock(&w->lock);
	return NULL;
}

static _Thread_local int niced;

static enum MHD_Result
handle(void *cls, struct MHD_Connection *c, const char *url,
    const char *method, const char *version, const char *data, size_t *size,
    void **con_cls)
{
	struct req *r = *con_cls;
	const char *sid, *lang;
	struct page p;
	int post = strcmp(method, "POST") == 0;

	(void)version;
	if (!niced) {
		/* pages run only on a CPU nothing else wants: the thread that
		 * acknowledges scans and the workers come first (on Linux a
		 * thread has a policy of its own). The loop never waits on a
		 * lock these threads hold. */
		struct sched_param sp = { 0 };

		if (pthread_setschedparam(pthread_self(), SCHED_IDLE, &sp) != 0)
			setpriority(PRIO_PROCESS, (id_t)syscall(SYS_gettid), 19);
		niced = 1;
	}
	if (r == NULL) {
		if ((r = calloc(1, sizeof(*r))) == NULL)
			return MHD_NO;
		buf_init(&r->body);
		*con_cls = r;
		/* the head is in; a body has its own time */
		conn_deadline(cls, c, post ? (strcmp(url, "/photo") ? BODY_S :
		    UPLOAD_S) : 0);
		if (post && !strcmp(url, "/photo")) {
			struct session s;

			/* a photo is taken in only from a session */
			if (!session_get(cls, MHD_lookup_connection_value(c,
			    MHD_COOKIE_KIND, COOKIE), &s))
				r->up_refused = 1;
			else
				r->up = web_upload_new(c);
		}
		return MHD_YES;
	}
	if (*size == 0 && post)
		conn_deadline(cls, c, 0);	/* the body is whole */
	if (*size && (r->up || r->up_refused)) {
		r->up_bytes += *size;
		if (r->up_bytes > UPLOAD_MAX)
			r->too_big = 1;
		else if (r->up)
			web_upload_data(r->up, data, *size);
		*size = 0;
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
		return web_plain(c, MHD_HTTP_METHOD_NOT_ALLOWED, "method not"
		    " allowed\n");
	if (r->too_big)
		return web_plain(c, MHD_HTTP_CONTENT_TOO_LARGE, "the request is"
		    " too large\n");
	buf_add(&r->body, "", 1);	/* a string from here */
	if (!strcmp(url, "/style.css") || !strcmp(url, "/app.js")) {
		struct buf b;
		enum MHD_Result rc;
		int css = url[1] == 's';

		buf_init(&b);
		buf_puts(&b, css ? CSS : JS);
		rc = send_page(c, MHD_HTTP_OK, css ? "text/css" :
		    "text/javascript", &b, NULL, NULL);
		buf_free(&b);
		return rc;
	}
	memset(&p, 0, sizeof(p));
	p.w = cls;
	p.c = c;
	buf_init(&p.b);
	lang = MHD_lookup_connection_value(c, MHD_COOKIE_KIND, LANG);
	p.en = lang && !strcmp(lang, "en");
	if (!strcmp(url, "/lang"))
		return set_lang(&p);
	if (!strcmp(url, "/login"))
		return post ? do_login(&p, r->body.data) :
		    login_page(&p, MHD_HTTP_OK, NULL);
	sid = MHD_lookup_connection_value(c, MHD_COOKIE_KIND, COOKIE);
	if (!session_get(p.w, sid, &p.s))
		return web_redirect(c, "/login", NULL);
	if (post && r->up)
		return web_upload_done(&p, r->up);	/* its token checked there */
	if (post) {
		char csrf[40];

		/* every change carries the session's token */
		web_form(r->body.data, "csrf", csrf, sizeof(csrf));
		if (strlen(csrf) != 32 || sodium_memcmp(csrf, p.s.csrf, 32) != 0)
			return web_plain(c, MHD_HTTP_FORBIDDEN, "the form is stale"
			    " or forged: reload the page / 请刷新页面\n");
		if (!strcmp(url, "/logout")) {
			session_end(p.w, p.s.id);
			return web_redirect(c, "/login", COOKIE "=; Path=/;"
			    " HttpOnly; SameSite=Strict; Max-Age=0");
		}
		if (!strcmp(url, "/act"))
			return web_act(&p, r->body.data);
	} else if (!strcmp(url, "/"))
		return dashboard(&p);
	else if (!strcmp(url, "/cases"))
		return web_cases(&p);
	else if (!strcmp(url, "/events"))
		return feed(&p);
	else if (!strcmp(url, "/reports"))
		return web_reports(&p);
	else if (!strcmp(url, "/sync"))
		return sync_page(&p);
	else if (!strcmp(url, "/admin"))
		return web_admin(&p);
	else if (!strcmp(url, "/photo"))
		return web_picture(&p, 0);
	else if (!strcmp(url, "/label.png"))
		return web_picture(&p, 1);
	else if (!strcmp(url, "/report.svg"))
		return web_chart(&p);
	else if (!strcmp(url, "/report.file"))
		return web_report_file(&p);
	else if (!strcmp(url, "/case"))
		return web_case(&p);
	return web_plain(c, MHD_HTTP_NOT_FOUND, "not found\n");
}

static void
done(void *cls, struct MHD_Connection *c, void **con_cls,
    enum MHD_RequestTerminationCode toe)
{
	struct req *r = *con_cls;

	(void)toe;
	/* a kept-alive connection's next request: its head in time too */
	conn_deadline(cls, c, HEAD_S);
	if (r) {
		web_upload_free(r->up);
		buf_free(&r->body);
		free(r);
		*con_cls = NULL;
	}
}

static void
web_free(struct web *w)
{
	if (w->key.data)
		sodium_memzero(w->key.data, w->key.len);
	buf_free(&w->key);
	buf_free(&w->cert);
	sodium_memzero(w->s, sizeof(w->s));
	free(w);
}

/* A PEM file of [web] cert or key, read whole (the station's own
 * configuration names it), as a string. */
static int
pem(const char *path, struct buf *b, char *cause, size_t clen)
{
	FILE *f = fopen(path, "re");
	char chunk[4096];
	size_t n;

	if (f == NULL) {
		snprintf(cause, clen, "%s: %s", path, strerror(errno));
		return -1;
	}
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0 && b->len < 65536)
		buf_add(b, chunk, n);
	fclose(f);
	if (b->len == 0 || b->len >= 65536 || !strstr(b->data ? b->data : "",
	    "-----BEGIN")) {
		snprintf(cause, clen, "%s is not a PEM file", path);
		return -1;
	}
	buf_add(b, "", 1);
	return 0;
}

struct web *
web_start(const struct st_config *cf, const char *sock, char *cause,
    size_t clen)
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
	if (mhdlib_load(cause, clen) == -1)
		return NULL;
	if (sodium_init() < 0) {
		snprintf(cause, clen, "libsodium does not start");
		return NULL;
	}
	if ((w = calloc(1, sizeof(*w))) == NULL) {
		snprintf(cause, clen, "out of memory");
		return NULL;
	}
	snprintf(w->sock, sizeof(w->sock), "%s", sock);
	if ((cf->web_cert[0] != '\0') != (cf->web_key[0] != '\0')) {
		snprintf(cause, clen, "[web] cert and key come together");
		free(w);
		return NULL;
	}
	if (cf->web_cert[0]) {
		if (MHD_is_feature_supported(MHD_FEATURE_TLS) != MHD_YES) {
			snprintf(cause, clen, "this libmicrohttpd has no TLS");
			free(w);
			return NULL;
		}
		/* kept while the server runs, the key wiped at its end */
		if (pem(cf->web_cert, &w->cert, cause, clen) == -1 ||
		    pem(cf->web_key, &w->key, cause, clen) == -1) {
			web_free(w);
			return NULL;
		}
		w->tls = 1;
	}
	pthread_mutex_init(&w->lock, NULL);
	sem_init(&w->calls, 0, WEB_CALLS);
	{
		pthread_condattr_t a;

		pthread_condattr_init(&a);
		pthread_condattr_setclock(&a, CLOCK_MONOTONIC);
		pthread_cond_init(&w->tick, &a);
		pthread_condattr_destroy(&a);
	}
	/* a thread a connection, apart from the loop: a page waits on the
	 * station's socket, a live feed waits for news; a slow client holds
	 * its own thread for 15 s of silence at most */
	w->d = MHD_start_daemon(MHD_USE_INTERNAL_POLLING_THREAD |
	    MHD_USE_THREAD_PER_CONNECTION | MHD_USE_POLL |
	    (w->tls ? MHD_USE_TLS : 0), 0, NULL, NULL,
	    handle, w,
	    MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&sa,
	    MHD_OPTION_THREAD_STACK_SIZE, (size_t)(512 * 1024),
	    MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)15,
	    MHD_OPTION_CONNECTION_LIMIT, (unsigned)WEB_CONNS,
	    MHD_OPTION_PER_IP_CONNECTION_LIMIT, (unsigned)128,
	    MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)(64 * 1024),
	    MHD_OPTION_LISTENING_ADDRESS_REUSE, (unsigned)1,
	    MHD_OPTION_NOTIFY_COMPLETED, done, w,
	    MHD_OPTION_NOTIFY_CONNECTION, conn_notify, w,
	    /* last: without TLS the list ends here */
	    w->tls ? MHD_OPTION_HTTPS_MEM_CERT : MHD_OPTION_END, w->cert.data,
	    MHD_OPTION_HTTPS_MEM_KEY, w->key.data,
	    MHD_OPTION_END);
	if (w->d == NULL) {
		snprintf(cause, clen, w->tls ? "cannot listen on %s (in use, or"
		    " [web] cert and key are not a PEM pair?)" : "cannot listen"
		    " on %s (in use?)", cf->web_listen);
		pthread_mutex_destroy(&w->lock);
		pthread_cond_destroy(&w->tick);
		web_free(w);
		return NULL;
	}
	if (pthread_create(&w->dog, NULL, watchdog, w) != 0) {
		snprintf(cause, clen, "no thread for the watchdog");
		MHD_stop_daemon(w->d);
		pthread_mutex_destroy(&w->lock);
		pthread_cond_destroy(&w->tick);
		web_free(w);
		return NULL;
	}
	return w;
}

void
web_stop(struct web *w)
{
	if (w == NULL)
		return;
	/* live feeds waiting for news end within half a second */
	atomic_store(&news_stopping, 1);
	pthread_mutex_lock(&w->lock);
	w->stopping = 1;
	pthread_cond_signal(&w->tick);
	pthread_mutex_unlock(&w->lock);
	pthread_join(w->dog, NULL);
	MHD_stop_daemon(w->d);
	pthread_mutex_destroy(&w->lock);
	pthread_cond_destroy(&w->tick);
	web_free(w);
}
