/* Scan validation and classification (see scan.h). */
#define _POSIX_C_SOURCE 200809L
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../common/buf.h"
#include "../common/log.h"
#include "scan.h"
#include "../common/utf8.h"

const char *const scan_kinds[] = {
	"repair", "return", "exchange", "noreason7", NULL
};
const char *const scan_conds[] = {
	"intact", "damaged", "severe", "deformed", "foreign", NULL
};

/* Built-in waybill shapes, most specific first: numeric carriers overlap. */
static const struct {
	const char *name;
	const char *pattern;
} default_carriers[] = {
	{ "SF",    "^SF[0-9]{12,13}$" },
	{ "J&T",   "^JT[0-9]{13}$" },
	{ "JD",    "^JD[0-9A-Z]{11,18}(-[0-9]+-[0-9]+-?)?$" },
	{ "YTO",   "^YT[0-9]{13,15}$" },
	{ "EMS",   "^([A-Z]{2}[0-9]{9}CN|1[0-9]{12})$" },
	{ "ZTO",   "^(7[0-9]{11}|7[0-9]{13})$" },
	{ "STO",   "^((22|33|44|55|66|77|88|99)[0-9]{11}|[2-9]68[0-9]{10}|"
	    "77[0-9]{13})$" },
	{ "Yunda", "^([345][0-9]{12}|4[0-9]{14})$" },
};

int
scan_text_ok(const char *what, const char *s, size_t max, struct buf *why)
{
	const char *bad;
	size_t n = s ? strlen(s) : 0;

	if (n == 0 || n > max) {
		buf_printf(why, "%s must be 1 to %zu bytes", what, max);
		return 0;
	}
	if (scan_validate(s, n > SCAN_MAX ? SCAN_MAX : n, &bad) == -1) {
		buf_printf(why, "%s: %s", what, bad);
		return 0;
	}
	return 1;
}

int
scan_validate(const char *s, size_t len, const char **cause)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t bad;

	if (len == 0) {
		*cause = "empty scan / 空扫描";
		return -1;
	}
	if (len > SCAN_MAX) {
		*cause = "scan is too long (more than 256 bytes) / 扫描内容过长";
		return -1;
	}
	if (memchr(s, '\0', len) != NULL) {
		*cause = "scan contains a NUL byte / 扫描含有空字节";
		return -1;
	}
	if (utf8_check(s, len, &bad) == -1) {
		*cause = "scan is not valid UTF-8 / 扫描不是有效的 UTF-8 文本";
		return -1;
	}
	for (size_t i = 0; i < len; ) {
		unsigned int cp;

		if (p[i] < 0x20 || p[i] == 0x7f) {
			cp = p[i];
			i++;
		} else
			i += utf8_next(s + i, &cp);
		/* C0, DEL and C1 controls */
		if (cp < 0x20 || (cp >= 0x7f && cp <= 0x9f)) {
			*cause = "scan contains a control character / 扫描含有控制字符";
			return -1;
		}
	}
	return 0;
}

static void
upcase(char *s)
{
	for (; *s; s++)
		*s = (char)toupper((unsigned char)*s);
}

/* Parses a whole decimal number in [lo, hi]; allows a trailing unit letter. */
static int
parse_num(const char *s, long lo, long hi, char unit, long *out)
{
	char *end;
	long v;

	if (!isdigit((unsigned char)*s))
		return -1;
	errno = 0;
	v = strtol(s, &end, 10);
	if (errno == ERANGE)
		return -1;
	if (unit && toupper((unsigned char)*end) == unit)
		end++;
	if (*end != '\0' || v < lo || v > hi)
		return -1;
	*out = v;
	return 0;
}

static int
find_word(const char *const *list, const char *w)
{
	for (int i = 0; list[i]; i++)
		if (strcasecmp(list[i], w) == 0)
			return i;
	return -1;
}

static int
classify_command(const char *s, struct scan *out, char *cause, size_t clen)
{
	static const struct {
		const char *name;
		enum scan_cmd cmd;
		int has_arg;
	} cmds[] = {
		{ "KIND", CMD_KIND, 1 }, { "MODEL", CMD_MODEL, 1 },
		{ "CCT", CMD_CCT, 1 }, { "QTY", CMD_QTY, 1 },
		{ "COND", CMD_COND, 1 }, { "ACC", CMD_ACC, 1 },
		{ "DONE", CMD_DONE, 0 }, { "CANCEL", CMD_CANCEL, 0 },
		{ "REPRINT", CMD_REPRINT, 0 }, { "ACCEPT", CMD_ACCEPT, 0 },
		{ "INSPECT", CMD_INSPECT, 1 }, { "APPROVE", CMD_APPROVE, 0 },
		{ "CAUSE", CMD_CAUSE, 1 }, { "BEYOND", CMD_BEYOND, 1 },
		{ "SUPPLIER", CMD_SUPPLIER, 1 }, { "CLOSE", CMD_CLOSE, 0 },
	};
	char name[16];
	const char *colon, *arg;
	size_t n;

	colon = strchr(s + 1, ':');
	n = colon ? (size_t)(colon - s - 1) : strlen(s + 1);
	arg = colon ? colon + 1 : NULL;
	if (n == 0 || n >= sizeof(name)) {
		snprintf(cause, clen, "unknown command barcode / 未知命令条码: %.40s", s);
		return -1;
	}
	memcpy(name, s + 1, n);
	name[n] = '\0';
	upcase(name);
	for (size_t i = 0; i < sizeof(cmds) / sizeof(cmds[0]); i++) {
		if (strcmp(cmds[i].name, name) != 0)
			continue;
		out->cls = SCAN_COMMAND;
		out->cmd = cmds[i].cmd;
		if (!cmds[i].has_arg) {
			if (arg != NULL) {
				snprintf(cause, clen, "command %%%s takes no value / 该命令不带参数", name);
				return -1;
			}
			return 0;
		}
		if (arg == NULL || *arg == '\0') {
			snprintf(cause, clen, "command %%%s needs a value, e.g. %%%s:... / 命令缺少参数", name, name);
			return -1;
		}
		snprintf(out->arg, sizeof(out->arg), "%s", arg);
		switch (out->cmd) {
		case CMD_KIND:
			if ((out->idx = find_word(scan_kinds, arg)) < 0) {
				snprintf(cause, clen, "unknown kind '%.32s': use REPAIR, RETURN, EXCHANGE or NOREASON7 / 未知类型", arg);
				return -1;
			}
			break;
		case CMD_COND:
			if ((out->idx = find_word(scan_conds, arg)) < 0) {
				snprintf(cause, clen, "unknown condition '%.32s': use INTACT, DAMAGED, SEVERE, DEFORMED or FOREIGN / 未知外观状态", arg);
				return -1;
			}
			break;
		case CMD_CCT:
			if (parse_num(arg, CCT_MIN, CCT_MAX, 'K', &out->num) == -1) {
				snprintf(cause, clen, "colour temperature '%.32s' is not a whole number of kelvin from %d to %d / 色温超出范围", arg, CCT_MIN, CCT_MAX);
				return -1;
			}
			break;
		case CMD_QTY:
			if (parse_num(arg, 1, QTY_MAX, 0, &out->num) == -1) {
				snprintf(cause, clen, "quantity '%.32s' is not a whole number from 1 to %d / 数量超出范围", arg, QTY_MAX);
				return -1;
			}
			break;
		case CMD_INSPECT: {
			const char *c2 = strchr(arg, ':');
			size_t wl = c2 ? (size_t)(c2 - arg) : strlen(arg);

			if (wl == 4 && !strncasecmp(arg, "PASS", 4))
				out->idx = 1;
			else if (wl == 4 && !strncasecmp(arg, "FAIL", 4))
				out->idx = 0;
			else {
				snprintf(cause, clen, "use %%INSPECT:PASS or"
				    " %%INSPECT:FAIL, with :N for a sample of N"
				    " / 检验结果无效");
				return -1;
			}
			if (c2 && parse_num(c2 + 1, 1, QTY_MAX, 0, &out->num) == -1) {
				snprintf(cause, clen, "sample '%.16s' is not a number"
				    " from 1 to %d / 抽检数量无效", c2 + 1, QTY_MAX);
				return -1;
			}
			break;
		}
		case CMD_SUPPLIER:
			if (strcasecmp(arg, "BACK") != 0) {
				snprintf(cause, clen, "the scanner knows %%SUPPLIER:BACK;"
				    " send to a supplier with stationctl case supplier"
				    " send / 请用 stationctl 寄出");
				return -1;
			}
			break;
		case CMD_CAUSE:
		case CMD_BEYOND:
			if (strlen(arg) > 32) {
				snprintf(cause, clen, "cause code is longer than 32"
				    " bytes / 故障代码过长");
				return -1;
			}
			upcase(out->arg);
			break;
		case CMD_MODEL:
			if (strlen(arg) > MODEL_MAX) {
				snprintf(cause, clen, "model code is longer than %d bytes / 型号过长", MODEL_MAX);
				return -1;
			}
			upcase(out->arg);
			break;
		default:
			break;
		}
		return 0;
	}
	snprintf(cause, clen, "unknown command barcode / 未知命令条码: %%%.32s", name);
	return -1;
}

int
scan_is_case_no(const char *s, const char *prefix)
{
	size_t pl = strlen(prefix), i, digits;

	if (strncasecmp(s, prefix, pl) != 0)
		return 0;
	s += pl;
	for (i = 0; i < 8; i++)
		if (!isdigit((unsigned char)s[i]))
			return 0;
	if (s[8] != '-')
		return 0;
	for (digits = 0, s += 9; isdigit((unsigned char)*s); s++)
		digits++;
	return *s == '\0' && digits >= 4 && digits <= 6;
}

const char *
carrier_match(const struct carrier_set *cs, const char *waybill)
{
	const struct carrier_set *more;

	for (size_t i = 0; i < cs->n; i++)
		if (regexec(&cs->v[i].re, waybill, 0, NULL, 0) == 0)
			return cs->v[i].name;
	more = atomic_load(&cs->more);
	return more && more != cs ? carrier_match(more, waybill) : NULL;
}

int
scan_classify(const char *s, const struct carrier_set *carriers,
    const char *case_prefix, scan_catalogue_fn is_product, void *arg,
    struct scan *out, char *cause, size_t clen)
{
	const char *carrier;

	memset(out, 0, sizeof(*out));
	if (strncasecmp(s, "%OP:", 4) == 0) {
		const char *b = s + 4;

		if (*b == '\0' || strlen(b) > BADGE_MAX) {
			snprintf(cause, clen, "operator badge must be 1 to %d characters / 工牌号无效", BADGE_MAX);
			return -1;
		}
		out->cls = SCAN_BADGE;
		snprintf(out->arg, sizeof(out->arg), "%s", b);
		return 0;
	}
	if (s[0] == '%')
		return classify_command(s, out, cause, clen);
	if (scan_is_case_no(s, case_prefix)) {
		out->cls = SCAN_CASE;
		snprintf(out->arg, sizeof(out->arg), "%s", s);
		upcase(out->arg);
		return 0;
	}
	if (is_product && is_product(arg, s)) {
		out->cls = SCAN_PRODUCT;
		snprintf(out->arg, sizeof(out->arg), "%s", s);
		return 0;
	}
	snprintf(out->arg, sizeof(out->arg), "%s", s);
	upcase(out->arg);
	if ((carrier = carrier_match(carriers, out->arg)) != NULL) {
		out->cls = SCAN_WAYBILL;
		snprintf(out->carrier, sizeof(out->carrier), "%s", carrier);
		return 0;
	}
	snprintf(cause, clen, "unrecognised scan / 无法识别的条码 '%.48s': not a command, badge, case label, catalogue barcode or known waybill", s);
	return -1;
}

int
carrier_set_add(struct carrier_set *cs, const char *name, const char *pattern)
{
	struct carrier *v;

	if (strlen(name) == 0 || strlen(name) > CARRIER_NAME_MAX)
		return -1;
	if ((v = reallocarray(cs->v, cs->n + 1, sizeof(*v))) == NULL)
		fatal("carrier_set_add");
	cs->v = v;
	memset(&v[cs->n], 0, sizeof(v[cs->n]));
	snprintf(v[cs->n].name, sizeof(v[cs->n].name), "%s", name);
	if ((v[cs->n].pattern = strdup(pattern)) == NULL)
		fatal("carrier_set_add");
	cs->n++;
	return 0;
}

int
carrier_set_compile(struct carrier_set *cs, char *cause, size_t clen)
{
	for (size_t i = 0; i < cs->n; i++) {
		int rc = regcomp(&cs->v[i].re, cs->v[i].pattern,
		    REG_EXTENDED | REG_ICASE | REG_NOSUB);

		if (rc != 0) {
			char err[128];

			regerror(rc, &cs->v[i].re, err, sizeof(err));
			snprintf(cause, clen, "carrier %s: bad pattern '%s': %s",
			    cs->v[i].name, cs->v[i].pattern, err);
			/* free the ones already compiled, keep the strings */
			for (size_t k = 0; k < i; k++)
				regfree(&cs->v[k].re);
			for (size_t k = 0; k < cs->n; k++)
				free(cs->v[k].pattern);
			free(cs->v);
			cs->v = NULL;
			cs->n = 0;
			return -1;
		}
	}
	return 0;
}

int
carrier_set_put(struct carrier_set *cs, const char *name, const char *pattern)
{
	struct carrier *v;
	char *p;

	if (strlen(name) == 0 || strlen(name) > CARRIER_NAME_MAX)
		return -1;
	if ((p = strdup(pattern)) == NULL)
		fatal("carrier_set_put");
	for (size_t i = 0; i < cs->n; i++)
		if (strcasecmp(cs->v[i].name, name) == 0) {
			free(cs->v[i].pattern);
			cs->v[i].pattern = p;
			cs->v[i].configured = 1;
			return 0;
		}
	if ((v = reallocarray(cs->v, cs->n + 1, sizeof(*v))) == NULL)
		fatal("carrier_set_put");
	memmove(v + 1, v, cs->n * sizeof(*v));
	memset(&v[0], 0, sizeof(v[0]));
	snprintf(v[0].name, sizeof(v[0].name), "%s", name);
	v[0].pattern = p;
	v[0].configured = 1;
	cs->v = v;
	cs->n++;
	return 0;
}

void
carrier_set_drop(struct carrier_set *cs, size_t i)
{
	free(cs->v[i].pattern);
	memmove(cs->v + i, cs->v + i + 1, (cs->n - i - 1) * sizeof(*cs->v));
	cs->n--;
}

void
carrier_set_free(struct carrier_set *cs)
{
	for (size_t i = 0; i < cs->n; i++) {
		regfree(&cs->v[i].re);
		free(cs->v[i].pattern);
	}
	free(cs->v);
	cs->v = NULL;
	cs->n = 0;
}

void
carrier_set_defaults(struct carrier_set *cs)
{
	char cause[256];

	cs->v = NULL;
	cs->n = 0;
	for (size_t i = 0; i < sizeof(default_carriers) /
	    sizeof(default_carriers[0]); i++)
		carrier_set_add(cs, default_carriers[i].name,
		    default_carriers[i].pattern);
	if (carrier_set_compile(cs, cause, sizeof(cause)) == -1)
		fatalx("built-in carrier patterns: %s", cause);
}
