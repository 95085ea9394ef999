/* INI configuration through libinih; a new config is built aside and only
 * swapped in by the caller when it parsed cleanly. */
#define _POSIX_C_SOURCE 200809L
#include <ctype.h>
#include <sys/stat.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <strings.h>

#include <ini.h>
#include "pqlib.h"

#include "../common/buf.h"
#include "../common/money.h"
#include "../labels/label.h"
#include "../drivers/scanner.h"
#include "case.h"
#include "config.h"
#include "role.h"
#include "../common/log.h"

#ifndef STATION_DBDIR
#define STATION_DBDIR "/var/lib/station"
#endif
#ifndef STATION_RUNDIR
#define STATION_RUNDIR "/run/station"
#endif

static const char *const area_keys[AREA_COUNT] = {
	"repair", "return", "exchange", "noreason7", "held"
};
static const struct area area_defaults[AREA_COUNT] = {
	{ "A-REPAIR", "维修区" },
	{ "B-RETURN", "退货区" },
	{ "C-EXCHANGE", "换货区" },
	{ "D-7DAY", "七天无理由退货区" },
	{ "H-HOLD", "待处理区" },
};

static int config_templates(struct st_config *, const char *, const char *,
    const char *, char *, size_t);

struct parse_ctx {
	struct st_config *cf;
	char	 area_tmpl[256];
	char	 case_tmpl[256];
	char	 err[256];	/* the current line's complaint */
	int	 carriers_seen;
	/* reading: every line's complaints are collected, not the first */
	const char *path;
	FILE	*f;
	int	 line;
	int	 nerr;
	struct buf errs;
};

#define DEFAULT_CHAIN "supervisor, gm>, office<="

/*
 * [rules] approval_chain: roles in the order they sign, "ROLE>" only when
 * the total is above gm_amount, "ROLE<=" only when it is not.
 */
static int
parse_chain(const char *v, struct st_config *cf, char *why, size_t wlen)
{
	struct chain_step steps[8];
	char junk[160];
	int n = 0;

	for (const char *p = v; *p; ) {
		char word[32];
		size_t len;
		unsigned mask;
		int when = 0;

		p += strspn(p, " \t,");
		if ((len = strcspn(p, ",")) == 0)
			continue;
		while (len && (p[len - 1] == ' ' || p[len - 1] == '\t'))
			len--;
		snprintf(word, sizeof(word), "%.*s", (int)(len < 31 ? len : 31),
		    p);
		p += len;
		len = strlen(word);
		if (len > 2 && !strcmp(word + len - 2, "<=")) {
			when = -1;
			word[len - 2] = '\0';
		} else if (len > 1 && word[len - 1] == '>') {
			when = 1;
			word[len - 1] = '\0';
		}
		if (role_parse(word, &mask, why ? why : junk, why ? wlen :
		    sizeof(junk)) == -1)
			return -1;
		if (n == 8) {
			if (why)
				snprintf(why, wlen, "at most 8 steps");
			return -1;
		}
		steps[n].role = mask;
		steps[n++].when = when;
	}
	if (n == 0) {
		if (why)
			snprintf(why, wlen, "no step");
		return -1;
	}
	memcpy(cf->chain, steps, sizeof(steps));
	cf->nchain = n;
	return 0;
}

/* [rules] apply_kinds: case kinds, or "none". */
static int
parse_kinds(const char *v, unsigned *out)
{
	unsigned m = 0;

	if (!strcmp(v, "none")) {
		*out = 0;
		return 0;
	}
	for (const char *p = v; *p; ) {
		char word[16];
		size_t len;
		unsigned b;

		p += strspn(p, " \t,");
		len = strcspn(p, " \t,");
		if (len == 0)
			break;
		snprintf(word, sizeof(word), "%.*s", (int)(len < 15 ? len : 15),
		    p);
		p += len;
		if ((b = case_kind_bit(word)) == 0)
			return -1;
		m |= b;
	}
	if (m == 0)
		return -1;
	*out = m;
	return 0;
}

static char *
xstrdup(const char *s)
{
	char *p = strdup(s);

	if (p == NULL)
		fatal("strdup");
	return p;
}

static void
set_str(char **dst, const char *v)
{
	free(*dst);
	*dst = xstrdup(v);
}

struct st_config *
config_default(void)
{
	struct st_config *cf;

	if ((cf = calloc(1, sizeof(*cf))) == NULL)
		fatal("calloc");
	cf->database = xstrdup(STATION_DBDIR "/station.db");
	cf->data_dir = xstrdup(STATION_DBDIR);
	cf->socket = xstrdup(STATION_RUNDIR "/station.sock");
	cf->desk = xstrdup("desk1");
	cf->sound_device = xstrdup("/dev/console");
	cf->backup_key = xstrdup("");
	cf->backup_dir = xstrdup("");
	cf->backup_at = 20 * 60;
	cf->backup_keep = 14;
	cf->reports_dir = xstrdup("");
	cf->sync_url = xstrdup("");
	cf->sync_batch = 1000;
	cf->web_listen = xstrdup("");
	cf->web_cert = xstrdup("");
	cf->web_key = xstrdup("");
	cf->reports_at = 18 * 60;
	snprintf(cf->case_prefix, sizeof(cf->case_prefix), "R");
	cf->printer_queue = xstrdup("label");
	cf->cups_server = xstrdup("");
	cf->busy_timeout_ms = 1000;
	cf->require_pin = 1;
	cf->label_dpi = 203;
	cf->print_gain = 50;
	cf->stuck_after = 120;
	cf->retry_min = 2;
	cf->retry_max = 60;
	cf->label_format = LABEL_ZPL;
	cf->noreason7_inspect_hours = 24;
	cf->repair_ship_hours = 48;
	cf->large_batch = 20;
	cf->gm_amount_fen = 50000;
	parse_chain(DEFAULT_CHAIN, cf, NULL, 0);
	cf->apply_kinds = CK_RETURN | CK_EXCHANGE;
	cf->rma_reply_days = 45;
	cf->callback_days = 3;
	cf->warn_rise = 50;
	cf->warn_min = 5;
	cf->warn_weeks = 8;
	memcpy(cf->areas, area_defaults, sizeof(cf->areas));
	carrier_set_defaults(&cf->carriers);
	return cf;
}

struct st_config *
config_default_full(char *cause, size_t clen)
{
	struct st_config *cf = config_default();

	if (config_templates(cf, "(built-in)", "", "", cause, clen) == -1) {
		config_free(cf);
		return NULL;
	}
	return cf;
}

void
config_free(struct st_config *cf)
{
	if (cf == NULL)
		return;
	free(cf->path);
	free(cf->database);
	free(cf->socket);
	free(cf->data_dir);
	free(cf->desk);
	free(cf->sound_device);
	free(cf->backup_key);
	free(cf->backup_dir);
	free(cf->reports_dir);
	free(cf->sync_url);
	free(cf->web_listen);
	free(cf->web_cert);
	free(cf->web_key);
	free(cf->printer_queue);
	free(cf->cups_server);
	for (int i = 0; i < cf->nsources; i++)
		free(cf->sources[i]);
	carrier_set_free(&cf->carriers);
	label_tmpl_free(cf->area_tmpl);
	label_tmpl_free(cf->case_tmpl);
	free(cf);
}

static int
parse_bool(const char *v, int *out)
{
	if (!strcasecmp(v, "yes") || !strcasecmp(v, "true") ||
	    !strcasecmp(v, "on") || !strcmp(v, "1"))
		*out = 1;
	else if (!strcasecmp(v, "no") || !strcasecmp(v, "false") ||
	    !strcasecmp(v, "off") || !strcmp(v, "0"))
		*out = 0;
	else
		return -1;
	return 0;
}

/* "18:00" as minutes after midnight. */
static int
parse_hhmm(const char *v, int *out)
{
	int h, m;
	char tail;

	if (strlen(v) != 5 || v[2] != ':' || sscanf(v, "%2d:%2d%c", &h, &m,
	    &tail) != 2 || h < 0 || h > 23 || m < 0 || m > 59)
		return -1;
	*out = h * 60 + m;
	return 0;
}

/* An absolute path to a directory there is. */
static int
dir_ok(const char *v)
{
	struct stat sb;

	return v[0] == '/' && stat(v, &sb) == 0 && S_ISDIR(sb.st_mode) ? 0 :
	    -1;
}

static int
parse_int(const char *v, long lo, long hi, int *out)
{
	char *end;
	long n;

	errno = 0;
	n = strtol(v, &end, 10);
	if (*v == '\0' || *end != '\0' || errno || n < lo || n > hi)
		return -1;
	*out = (int)n;
	return 0;
}

/* "0", "0.5", ".25": hundredths, from lo to hi; no locale in the way */
static int
parse_hundredths(const char *v, int lo, int hi, int *out)
{
	int n = 0, digits = 0, frac = -1;

	for (; *v; v++) {
		if (*v == '.' && frac == -1) {
			frac = 0;
			continue;
		}
		if (*v < '0' || *v > '9' || frac == 2 || n > 100000)
			return -1;
		n = n * 10 + (*v - '0');
		digits++;
		if (frac >= 0)
			frac++;
	}
	if (digits == 0)
		return -1;
	for (frac = frac < 0 ? 0 : frac; frac < 2; frac++)
		n *= 10;
	if (n < lo || n > hi)
		return -1;
	*out = n;
	return 0;
}

/* A libpq port list: numbers 1 to 65535, separated by commas. */
static int
ports_ok(const char *v)
{
	long n = 0;
	int digits = 0;

	for (;; v++) {
		if (*v >= '0' && *v <= '9') {
			n = n * 10 + (*v - '0');
			if (++digits > 5)
				return 0;
		} else if (*v == ',' || *v == '\0') {
			if (digits == 0 || n < 1 || n > 65535)
				return 0;
			if (*v == '\0')
				return 1;
			n = 0;
			digits = 0;
		} else
			return 0;
	}
}

#define FAIL(...) do { snprintf(ctx->err, sizeof(ctx->err), __VA_ARGS__); \
	return 0; } while (0)

/* Records a complaint about the line being read. */
static void
complain(struct parse_ctx *ctx, const char *what)
{
	if (ctx->nerr++ < 20)
		buf_printf(&ctx->errs, "%s%s:%d: %s", ctx->errs.len ? "\n" : "",
		    ctx->path, ctx->line, what);
}

/*
 * A carrier pattern is matched against every scan and compiled by the C
 * library: no back-references, no quantified group that itself repeats
 * ("(a+)+"), no quantifier on a quantifier ("a++", which glibc expands
 * without bound) and no count over 64, whose cost grows with what is
 * scanned or with the pattern.
 */
static const char *
pattern_cost(const char *p)
{
	int depth = 0, rep[16] = { 0 }, quant = 0;

	if (strlen(p) > 128)
		return "longer than 128 characters";
	for (const char *q = p; *q; q++) {
		int was = quant;

		quant = 0;
		if (*q == '\\') {
			if (q[1] >= '1' && q[1] <= '9')
				return "back-references are not allowed";
			if (q[1])
				q++;
			continue;
		}
		if (*q == '[') {	/* a bracket expression: skip it */
			q += q[1] == ']' ? 2 : 1;
			while (*q && *q != ']')
				q++;
			if (*q == '\0')
				break;
			continue;
		}
		if (*q == '(' && depth < 15)
			rep[++depth] = 0;
		else if (*q == ')' && depth > 0) {
			int inner = rep[depth--];

			if (inner && (q[1] == '*' || q[1] == '+' || q[1] == '{'))
				return "a repeated group holds a repetition"
				    " (like (a+)+): write it without nesting";
			rep[depth] |= inner;
		} else if (*q == '*' || *q == '+' || *q == '?' || *q == '{') {
			if (was)
				return "a repetition of a repetition (like a++"
				    " or a*{2}): write one";
			quant = 1;
			if (*q == '?')
				continue;
			rep[depth] = 1;
			if (*q == '{') {
				/* {n}, {n,} or {n,m}, each count at most 64 */
				long n = 0;

				for (q++; *q && *q != '}'; q++) {
					if (*q == ',') {
						n = 0;
						continue;
					}
					if (*q < '0' || *q > '9')
						return "a count in { } that is"
						    " not a number";
					if ((n = n * 10 + (*q - '0')) > 64)
						return "a count over 64 in { }";
				}
				if (*q == '\0')
					break;
			}
		}
	}
	return NULL;
}

static int
handler_line(void *user, const char *section, const char *name,
    const char *value);

/* Every line's complaints, not the first only. */
static int
handler(void *user, const char *section, const char *name, const char *value)
{
	struct parse_ctx *ctx = user;

	ctx->err[0] = '\0';
	if (handler_line(user, section, name, value) == 0)
		complain(ctx, ctx->err);
	return 1;
}

/*
 * inih's line reader, counting lines, refusing NUL bytes and lines longer
 * than inih reads whole.
 */
static char *
read_line(char *str, int num, void *stream)
{
	struct parse_ctx *ctx = stream;
	int c, n = 0;

	for (;;) {
		if ((c = getc(ctx->f)) == EOF) {
			if (n == 0)
				return NULL;
			break;
		}
		if (n == 0)
			ctx->line++;
		if (c == '\0') {
			complain(ctx, "a NUL byte: this is not a text file");
			c = ' ';
		}
		if (n < num - 1)
			str[n++] = (char)c;
		else if (c != '\n') {
			complain(ctx, "line too long");
			while ((c = getc(ctx->f)) != EOF && c != '\n')
				;
			str[n - 1] = '\n';
			break;
		}
		if (c == '\n')
			break;
	}
	str[n] = '\0';
	return str;
}

static int
handler_line(void *user, const char *section, const char *name,
    const char *value)
{
	struct parse_ctx *ctx = user;
	struct st_config *cf = ctx->cf;

	if (strcmp(section, "station") == 0) {
		if (!strcmp(name, "database")) {
			if (!*value)
				FAIL("database must name a file");
			set_str(&cf->database, value);
		} else if (!strcmp(name, "socket")) {
			if (!*value || strlen(value) >= 108)
				FAIL("socket must be a path shorter than 108 bytes");
			set_str(&cf->socket, value);
		} else if (!strcmp(name, "data_dir")) {
			set_str(&cf->data_dir, value);
		} else if (!strcmp(name, "busy_timeout_ms")) {
			if (parse_int(value, 50, 60000, &cf->busy_timeout_ms) == -1)
				FAIL("busy_timeout_ms must be 50 to 60000");
		} else if (!strcmp(name, "desk")) {
			if (!*value || strlen(value) > 32)
				FAIL("desk must be 1 to 32 characters");
			set_str(&cf->desk, value);
		} else if (!strcmp(name, "case_prefix")) {
			size_t n = strlen(value);

			if (n < 1 || n >= sizeof(cf->case_prefix))
				FAIL("case_prefix must be 1 to 7 letters");
			for (size_t i = 0; i < n; i++)
				if (!isalpha((unsigned char)value[i]))
					FAIL("case_prefix must be letters only, got '%s'", value);
			snprintf(cf->case_prefix, sizeof(cf->case_prefix), "%s", value);
			for (char *p = cf->case_prefix; *p; p++)
				*p = (char)toupper((unsigned char)*p);
		} else if (!strcmp(name, "debug")) {
			if (parse_bool(value, &cf->debug) == -1)
				FAIL("debug must be yes or no");
		} else if (!strcmp(name, "stdin_scans")) {
			if (parse_bool(value, &cf->stdin_scans) == -1)
				FAIL("stdin_scans must be yes or no");
		} else
			FAIL("unknown key '%s' in [station]", name);
	} else if (strcmp(section, "printer") == 0) {
		if (!strcmp(name, "queue"))
			set_str(&cf->printer_queue, value);
		else if (!strcmp(name, "server"))
			set_str(&cf->cups_server, value);
		else if (!strcmp(name, "dpi")) {
			if (parse_int(value, 150, 600, &cf->label_dpi) == -1 ||
			    (cf->label_dpi != 203 && cf->label_dpi != 300 &&
			    cf->label_dpi != 600))
				FAIL("dpi must be 203, 300 or 600, got '%s'", value);
		} else if (!strcmp(name, "format")) {
			if (!strcmp(value, "zpl"))
				cf->label_format = LABEL_ZPL;
			else if (!strcmp(value, "pdf"))
				cf->label_format = LABEL_PDF;
			else
				FAIL("format must be zpl (raw, Zebra-class printers)"
				    " or pdf (any CUPS driver)");
		} else if (!strcmp(name, "gain")) {
			if (parse_hundredths(value, 0, 90, &cf->print_gain) == -1)
				FAIL("gain must be a fraction of a dot from 0 to 0.9,"
				    " got '%s'", value);
		} else if (!strcmp(name, "stuck_after")) {
			if (parse_int(value, 5, 86400, &cf->stuck_after) == -1)
				FAIL("stuck_after must be seconds from 5 to 86400");
		} else if (!strcmp(name, "retry_min")) {
			if (parse_int(value, 1, 3600, &cf->retry_min) == -1)
				FAIL("retry_min must be seconds from 1 to 3600");
		} else if (!strcmp(name, "retry_max")) {
			if (parse_int(value, 1, 86400, &cf->retry_max) == -1)
				FAIL("retry_max must be seconds from 1 to 86400");
		} else
			FAIL("unknown key '%s' in [printer]", name);
	} else if (strcmp(section, "scanner") == 0) {
		if (!strcmp(name, "source")) {
			char why[200];

			/* checked as start-up checks it */
			if (scan_source_check(value, why, sizeof(why)) == -1)
				FAIL("source '%.60s': %s", value, why);
			if (cf->nsources == 8)
				FAIL("at most 8 scanner sources");
			cf->sources[cf->nsources++] = xstrdup(value);
		} else if (!strcmp(name, "tab_ends")) {
			if (parse_bool(value, &cf->scan_tab_ends) == -1)
				FAIL("tab_ends must be yes or no");
		} else if (!strcmp(name, "timeout_ms")) {
			if (parse_int(value, 0, 5000, &cf->scan_timeout_ms) == -1)
				FAIL("timeout_ms must be 0 (off) to 5000");
		} else
			FAIL("unknown key '%s' in [scanner]", name);
	} else if (strcmp(section, "desk") == 0) {
		if (!strcmp(name, "sound")) {
			if (parse_bool(value, &cf->sound) == -1)
				FAIL("sound must be yes or no");
		} else if (!strcmp(name, "sound_device")) {
			if (value[0] != '/')
				FAIL("sound_device is a device path, e.g."
				    " /dev/console");
			set_str(&cf->sound_device, value);
		} else
			FAIL("unknown key '%s' in [desk]", name);
	} else if (strcmp(section, "backup") == 0) {
		if (!strcmp(name, "key_file")) {
			if (value[0] != '/')
				FAIL("key_file is an absolute path to a file of"
				    " 64 hex digits");
			set_str(&cf->backup_key, value);
		} else if (!strcmp(name, "dir")) {
			if (dir_ok(value) == -1)
				FAIL("[backup] dir is an absolute path to a"
				    " directory there is");
			set_str(&cf->backup_dir, value);
		} else if (!strcmp(name, "at")) {
			if (parse_hhmm(value, &cf->backup_at) == -1)
				FAIL("[backup] at is a time of day, HH:MM");
		} else if (!strcmp(name, "keep")) {
			if (parse_int(value, 1, 365, &cf->backup_keep) == -1)
				FAIL("[backup] keep is how many copies, 1 to 365");
		} else
			FAIL("unknown key '%s' in [backup]", name);
	} else if (strcmp(section, "web") == 0) {
		if (!strcmp(name, "listen")) {
			unsigned a, b, c2, d, port;
			char tail;

			if (*value && (sscanf(value, "%u.%u.%u.%u:%u%c", &a, &b,
			    &c2, &d, &port, &tail) != 5 || a > 255 || b > 255 ||
			    c2 > 255 || d > 255 || port < 1 || port > 65535))
				FAIL("[web] listen is ADDRESS:PORT, e.g."
				    " 127.0.0.1:8080 or 0.0.0.0:8080");
			set_str(&cf->web_listen, value);
		} else if (!strcmp(name, "cert") || !strcmp(name, "key")) {
			/* PEM files the station reads at start, as root may */
			if (*value && (value[0] != '/' || access(value, R_OK)))
				FAIL("[web] %s is the absolute path of a readable"
				    " PEM file", name);
			set_str(name[0] == 'c' ? &cf->web_cert : &cf->web_key,
			    value);
		} else
			FAIL("unknown key '%s' in [web]", name);
	} else if (strcmp(section, "sync") == 0) {
		if (!strcmp(name, "url")) {
			char *e = NULL;
			PQconninfoOption *o = NULL;

			if (*value && strncmp(value, "postgresql://", 13) &&
			    strncmp(value, "postgres://", 11))
				FAIL("[sync] url is a PostgreSQL URI,"
				    " postgresql://USER@HOST/DATABASE");
			if (*value) {
				char why[300];

				if (pqlib_load(why, sizeof(why)) == -1)
					FAIL("[sync] url: %s", why);
			}
			if (*value && (o = PQconninfoParse(value, &e)) == NULL) {
				char why[200];

				snprintf(why, sizeof(why), "%s", e ? e :
				    "out of memory");
				PQfreemem(e);
				why[strcspn(why, "\n")] = '\0';
				FAIL("[sync] url: %s", why);
			}
			if (*value) {
				const char *bad = NULL;

				/* libpq reads the port only when it connects */
				for (PQconninfoOption *x = o; x->keyword; x++)
					if (!strcmp(x->keyword, "port") && x->val &&
					    !ports_ok(x->val))
						bad = x->val;
				if (bad) {
					char why[120];

					snprintf(why, sizeof(why), "%s", bad);
					PQconninfoFree(o);
					FAIL("[sync] url: port '%s' is no port"
					    " number", why);
				}
				PQconninfoFree(o);
			}
			set_str(&cf->sync_url, value);
		} else if (!strcmp(name, "batch")) {
			if (parse_int(value, 1, 100000, &cf->sync_batch) == -1)
				FAIL("[sync] batch is how many events an upload"
				    " sends, 1 to 100000");
		} else
			FAIL("unknown key '%s' in [sync]", name);
	} else if (strcmp(section, "reports") == 0) {
		if (!strcmp(name, "dir")) {
			if (dir_ok(value) == -1)
				FAIL("[reports] dir is an absolute path to a"
				    " directory there is");
			set_str(&cf->reports_dir, value);
		} else if (!strcmp(name, "daily_at")) {
			if (parse_hhmm(value, &cf->reports_at) == -1)
				FAIL("[reports] daily_at is a time of day, HH:MM");
		} else if (!strcmp(name, "source")) {
			if (!strcmp(value, "station"))
				cf->reports_central = 0;
			else if (!strcmp(value, "central"))
				cf->reports_central = 1;
			else
				FAIL("[reports] source is station (this desk's"
				    " records) or central (every desk's, from"
				    " [sync] url)");
		} else
			FAIL("unknown key '%s' in [reports]", name);
	} else if (strcmp(section, "security") == 0) {
		if (!strcmp(name, "require_pin")) {
			if (parse_bool(value, &cf->require_pin) == -1)
				FAIL("require_pin must be yes or no");
		} else
			FAIL("unknown key '%s' in [security]", name);
	} else if (strcmp(section, "rules") == 0) {
		if (!strcmp(name, "noreason7_inspect_hours")) {
			if (parse_int(value, 1, 24 * 30,
			    &cf->noreason7_inspect_hours) == -1)
				FAIL("noreason7_inspect_hours must be hours from 1 to 720");
		} else if (!strcmp(name, "repair_ship_hours")) {
			if (parse_int(value, 1, 24 * 90, &cf->repair_ship_hours) == -1)
				FAIL("repair_ship_hours must be hours from 1 to 2160");
		} else if (!strcmp(name, "large_batch")) {
			if (parse_int(value, 1, 100000, &cf->large_batch) == -1)
				FAIL("large_batch must be a quantity from 1 to 100000");
		} else if (!strcmp(name, "gm_amount")) {
			char why[160];

			if (money_parse(value, &cf->gm_amount_fen, why,
			    sizeof(why)) == -1)
				FAIL("gm_amount: %s", why);
		} else if (!strcmp(name, "approval_chain")) {
			char why[160];

			if (parse_chain(value, cf, why, sizeof(why)) == -1)
				FAIL("approval_chain: %s (roles in signing"
				    " order, e.g. supervisor, gm>, office<=)",
				    why);
		} else if (!strcmp(name, "apply_kinds")) {
			if (parse_kinds(value, &cf->apply_kinds) == -1)
				FAIL("apply_kinds is none or case kinds: repair,"
				    " return, exchange, noreason7");
		} else if (!strcmp(name, "rma_reply_days")) {
			if (parse_int(value, 1, 365, &cf->rma_reply_days) == -1)
				FAIL("rma_reply_days must be days from 1 to 365");
		} else if (!strcmp(name, "warn_rise")) {
			if (parse_int(value, 1, 1000, &cf->warn_rise) == -1)
				FAIL("warn_rise is a percentage above the model's"
				    " baseline, 1 to 1000");
		} else if (!strcmp(name, "warn_min")) {
			if (parse_int(value, 1, 100000, &cf->warn_min) == -1)
				FAIL("warn_min is the least count a warning needs,"
				    " 1 to 100000");
		} else if (!strcmp(name, "warn_weeks")) {
			if (parse_int(value, 8, 12, &cf->warn_weeks) == -1)
				FAIL("warn_weeks is the baseline's weeks, 8 to 12");
		} else if (!strcmp(name, "callback_days")) {
			if (parse_int(value, 1, 90, &cf->callback_days) == -1)
				FAIL("callback_days must be days from 1 to 90");
		} else
			FAIL("unknown key '%s' in [rules]", name);
	} else if (strcmp(section, "labels") == 0) {
		char *dst;

		if (!strcmp(name, "area"))
			dst = ctx->area_tmpl;
		else if (!strcmp(name, "case"))
			dst = ctx->case_tmpl;
		else
			FAIL("unknown key '%s' in [labels]: use area or case", name);
		if (!*value || strlen(value) >= sizeof(ctx->area_tmpl))
			FAIL("%s: name a built-in template or a file", name);
		snprintf(dst, sizeof(ctx->area_tmpl), "%s", value);
	} else if (strcmp(section, "carriers") == 0) {
		size_t at;

		if (!ctx->carriers_seen) {
			/* the built-ins stay, as patterns to compile again
			 * with the lines read here */
			for (size_t i = 0; i < cf->carriers.n; i++)
				regfree(&cf->carriers.v[i].re);
			ctx->carriers_seen = 1;
		}
		if (!*value)
			FAIL("carrier %s has an empty pattern (off drops a"
			    " built-in one)", name);
		for (at = 0; at < cf->carriers.n; at++)
			if (!strcasecmp(cf->carriers.v[at].name, name))
				break;
		if (at < cf->carriers.n && cf->carriers.v[at].configured)
			FAIL("carrier %s is listed twice", name);
		if (!strcmp(value, "off")) {
			if (at == cf->carriers.n)
				FAIL("carrier %s is no built-in one to turn off",
				    name);
			carrier_set_drop(&cf->carriers, at);
			return 1;
		}
		{
			const char *why = pattern_cost(value);

			if (why)
				FAIL("carrier %s: pattern %s", name, why);
		}
		{
			regex_t re;
			int rc = regcomp(&re, value, REG_EXTENDED | REG_NOSUB);

			if (rc != 0) {
				char e[128];

				regerror(rc, &re, e, sizeof(e));
				FAIL("carrier %s: bad pattern: %s", name, e);
			}
			regfree(&re);
		}
		/* a built-in of that name takes the new pattern; a new one
		 * is matched before the built-ins */
		if (carrier_set_put(&cf->carriers, name, value) == -1)
			FAIL("carrier name '%s' must be 1 to %d characters", name,
			    CARRIER_NAME_MAX);
	} else if (strcmp(section, "areas") == 0) {
		const char *sp;
		size_t cl;
		int i;

		for (i = 0; i < AREA_COUNT; i++)
			if (!strcmp(name, area_keys[i]))
				break;
		if (i == AREA_COUNT)
			FAIL("unknown area '%s': use repair, return, exchange, noreason7 or held", name);
		sp = strchr(value, ' ');
		cl = sp ? (size_t)(sp - value) : strlen(value);
		if (cl == 0 || cl >= sizeof(cf->areas[i].code))
			FAIL("area %s: the code before the name must be 1 to 15 characters", name);
		for (size_t k = 0; k < cl; k++)
			if ((unsigned char)value[k] >= 0x80)
				FAIL("area %s: the code must be ASCII (the name may be Chinese)", name);
		memcpy(cf->areas[i].code, value, cl);
		cf->areas[i].code[cl] = '\0';
		while (sp && *sp == ' ')
			sp++;
		snprintf(cf->areas[i].name, sizeof(cf->areas[i].name), "%s",
		    sp ? sp : "");
	} else
		FAIL("unknown section [%s]", section);
	return 1;
}

/* A built-in template by name, or a file when the value holds a '/'. */
static struct label_tmpl *
load_template(const char *conf, const char *value, const char *dflt,
    char *cause, size_t clen)
{
	char err[512];
	struct label_tmpl *t;

	if (*value == '\0')
		value = dflt;
	t = strchr(value, '/') ? label_tmpl_load(value, err, sizeof(err)) :
	    label_tmpl_builtin(value, err, sizeof(err));
	if (t == NULL)
		snprintf(cause, clen, "%s: [labels]: %s", conf, err);
	return t;
}

/* Loads the label templates the config names (or the shipped ones). */
static int
config_templates(struct st_config *cf, const char *conf, const char *area,
    const char *casel, char *cause, size_t clen)
{
	if ((cf->area_tmpl = load_template(conf, area, "area", cause,
	    clen)) == NULL ||
	    (cf->case_tmpl = load_template(conf, casel, "case", cause,
	    clen)) == NULL)
		return -1;
	label_tmpl_set_gain(cf->area_tmpl, cf->print_gain / 100.0);
	label_tmpl_set_gain(cf->case_tmpl, cf->print_gain / 100.0);
	return 0;
}

struct st_config *
config_load(const char *path, char *cause, size_t clen)
{
	struct parse_ctx ctx;
	struct st_config *cf;
	char err[256];
	int line;

	memset(&ctx, 0, sizeof(ctx));
	cf = config_default();
	ctx.cf = cf;
	ctx.path = path;
	buf_init(&ctx.errs);
	if ((ctx.f = fopen(path, "r")) == NULL) {
		snprintf(cause, clen, "%s: cannot open: %s", path, strerror(errno));
		goto fail;
	}
	line = ini_parse_stream(read_line, &ctx, handler, &ctx);
	fclose(ctx.f);
	if (line > 0) {
		/* inih's own complaint (its first): no section, no key */
		int at = ctx.line;

		ctx.line = line;
		complain(&ctx, "syntax error (expected [section] or"
		    " key = value)");
		ctx.line = at;
	}
	if (ctx.nerr) {
		if (ctx.nerr > 20)
			buf_printf(&ctx.errs, "\n%s: %d more", path, ctx.nerr - 20);
		snprintf(cause, clen, "%s", ctx.errs.data);
		goto fail;
	}
	if (cf->reports_central && !cf->sync_url[0]) {
		snprintf(cause, clen, "%s: [reports] source = central needs"
		    " [sync] url, the central database", path);
		goto fail;
	}
	if (cf->retry_max < cf->retry_min) {
		snprintf(cause, clen, "%s: retry_max is smaller than retry_min", path);
		goto fail;
	}
	if (cf->carriers.n == 0) {
		snprintf(cause, clen, "%s: [carriers] lists no carrier", path);
		goto fail;
	}
	if (ctx.carriers_seen &&
	    carrier_set_compile(&cf->carriers, err, sizeof(err)) == -1) {
		snprintf(cause, clen, "%s: %s", path, err);
		goto fail;
	}
	if (config_templates(cf, path, ctx.area_tmpl, ctx.case_tmpl, cause,
	    clen) == -1)
		goto fail;
	cf->path = xstrdup(path);
	buf_free(&ctx.errs);
	return cf;
fail:
	buf_free(&ctx.errs);
	/* uncompiled patterns must not reach regfree() */
	if (ctx.carriers_seen) {
		for (size_t i = 0; i < cf->carriers.n; i++)
			free(cf->carriers.v[i].pattern);
		free(cf->carriers.v);
		cf->carriers.v = NULL;
		cf->carriers.n = 0;
	}
	config_free(cf);
	return NULL;
}

const struct area *
config_area(const struct st_config *cf, const char *kind, int held)
{
	if (held)
		return &cf->areas[AREA_HELD];
	for (int i = 0; i < AREA_HELD; i++)
		if (kind && !strcmp(kind, area_keys[i]))
			return &cf->areas[i];
	return &cf->areas[AREA_HELD];
}
