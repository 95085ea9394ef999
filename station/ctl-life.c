/*
 * stationctl --operator BADGE case accept|repair|supplier|inspect|approve|
 * ship|reject|close CASE ...: a case's life after intake. The rules live in
 * life.c; these only read the command line.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "ctl.h"
#include "life.h"
#include "station.h"

static int
run(struct ctl_ctx *c, const char *key, enum life_action act,
    const struct life_args *a)
{
	struct buf reply;
	enum intake_result r;

	buf_init(&reply);
	r = life_act(&c->st->intake, c->operator, key, act, a, &reply);
	buf_printf(r == INTAKE_OK ? c->out : c->err, "%s\n",
	    reply.data ? reply.data : "");
	buf_free(&reply);
	return r == INTAKE_OK ? 0 : r == INTAKE_REJECT ? 1 : 3;
}

/* Commands that take only the case. */
static int
plain(struct ctl_ctx *c, const struct ctl_cmd *cmd, enum life_action act,
    int argc, char **argv)
{
	struct life_args a;
	char *pos[1];

	if (ctl_parse(c, cmd, argc, argv, NULL, pos, 1) != 1)
		return ctl_usage(c, cmd);
	memset(&a, 0, sizeof(a));
	return run(c, pos[0], act, &a);
}

static int
ctl_case_accept(struct ctl_ctx *c, int argc, char **argv)
{
	return plain(c, &ctl_cmd_case_accept, LA_ACCEPT, argc, argv);
}

static int
ctl_case_approve(struct ctl_ctx *c, int argc, char **argv)
{
	return plain(c, &ctl_cmd_case_approve, LA_APPROVE, argc, argv);
}

static int
ctl_case_close(struct ctl_ctx *c, int argc, char **argv)
{
	return plain(c, &ctl_cmd_case_close, LA_CLOSE, argc, argv);
}

static int
ctl_case_repair(struct ctl_ctx *c, int argc, char **argv)
{
	struct ctl_opt opts[] = { { "--cause", 1, NULL }, { "--note", 1, NULL },
	    { "--result", 1, NULL }, { NULL, 0, NULL } };
	struct life_args a;
	char *pos[1], *rest[64];
	int nrest = 0;

	memset(&a, 0, sizeof(a));
	/* --part may be given many times: taken out before the rest */
	for (int i = 0; i < argc; i++) {
		if (strcmp(argv[i], "--part") == 0 && i + 1 < argc) {
			char *v = argv[++i], *colon = strrchr(v, ':'), *end;
			long q = 1;

			if (a.nparts == LIFE_MAX_PARTS) {
				buf_printf(c->err, "at most %d --part options\n",
				    LIFE_MAX_PARTS);
				return 2;
			}
			if (colon) {
				q = strtol(colon + 1, &end, 10);
				if (*end || end == colon + 1) {
					buf_printf(c->err, "--part %s: give CODE or"
					    " CODE:QTY\n", v);
					return 2;
				}
			}
			snprintf(a.parts[a.nparts].code,
			    sizeof(a.parts[a.nparts].code), "%.*s",
			    colon ? (int)(colon - v) : (int)strlen(v), v);
			a.parts[a.nparts++].qty = (int)(q < 0 || q > 100000 ?
			    -1 : q);
		} else if (nrest < 64)
			rest[nrest++] = argv[i];
	}
	if (ctl_parse(c, &ctl_cmd_case_repair, nrest, rest, opts, pos, 1) != 1)
		return ctl_usage(c, &ctl_cmd_case_repair);
	a.cause = opts[0].value;
	a.note = opts[1].value;
	a.result = opts[2].value;
	return run(c, pos[0], LA_REPAIR, &a);
}

static int
ctl_case_supplier(struct ctl_ctx *c, int argc, char **argv)
{
	struct ctl_opt opts[] = { { "--supplier", 1, NULL },
	    { NULL, 0, NULL } };
	struct life_args a;
	char *pos[2];

	if (ctl_parse(c, &ctl_cmd_case_supplier, argc, argv, opts, pos, 2) != 2)
		return ctl_usage(c, &ctl_cmd_case_supplier);
	memset(&a, 0, sizeof(a));
	a.supplier = opts[0].value;
	if (strcmp(pos[0], "send") == 0) {
		if (a.supplier == NULL)
			return ctl_usage(c, &ctl_cmd_case_supplier);
		return run(c, pos[1], LA_SUPPLIER_SEND, &a);
	}
	if (strcmp(pos[0], "back") == 0 && a.supplier == NULL)
		return run(c, pos[1], LA_SUPPLIER_BACK, &a);
	return ctl_usage(c, &ctl_cmd_case_supplier);
}

static int
ctl_case_inspect(struct ctl_ctx *c, int argc, char **argv)
{
	struct ctl_opt opts[] = { { "--pass", 0, NULL }, { "--fail", 0, NULL },
	    { "--sample", 1, NULL }, { "--note", 1, NULL }, { NULL, 0, NULL } };
	struct life_args a;
	char *pos[1], *end;

	if (ctl_parse(c, &ctl_cmd_case_inspect, argc, argv, opts, pos, 1) != 1 ||
	    (opts[0].value != NULL) == (opts[1].value != NULL))
		return ctl_usage(c, &ctl_cmd_case_inspect);
	memset(&a, 0, sizeof(a));
	a.pass = opts[0].value != NULL;
	a.note = opts[3].value;
	if (opts[2].value) {
		long n = strtol(opts[2].value, &end, 10);

		if (*end || end == opts[2].value || n < 1 || n > 100000) {
			buf_printf(c->err, "--sample must be a number of units,"
			    " got '%s'\n", opts[2].value);
			return 2;
		}
		a.sample = (int)n;
	}
	return run(c, pos[0], LA_INSPECT, &a);
}

static int
ctl_case_ship(struct ctl_ctx *c, int argc, char **argv)
{
	struct ctl_opt opts[] = { { "--waybill", 1, NULL },
	    { "--carrier", 1, NULL }, { "--reason", 1, NULL },
	    { NULL, 0, NULL } };
	struct life_args a;
	char *pos[1];

	if (ctl_parse(c, &ctl_cmd_case_ship, argc, argv, opts, pos, 1) != 1 ||
	    opts[0].value == NULL)
		return ctl_usage(c, &ctl_cmd_case_ship);
	memset(&a, 0, sizeof(a));
	a.waybill = opts[0].value;
	a.carrier = opts[1].value;
	a.reason = opts[2].value;
	return run(c, pos[0], LA_SHIP, &a);
}

static int
ctl_case_reject(struct ctl_ctx *c, int argc, char **argv)
{
	struct ctl_opt opts[] = { { "--reason", 1, NULL }, { NULL, 0, NULL } };
	struct life_args a;
	char *pos[1];

	if (ctl_parse(c, &ctl_cmd_case_reject, argc, argv, opts, pos, 1) != 1 ||
	    opts[0].value == NULL)
		return ctl_usage(c, &ctl_cmd_case_reject);
	memset(&a, 0, sizeof(a));
	a.reason = opts[0].value;
	return run(c, pos[0], LA_REJECT, &a);
}

const struct ctl_cmd ctl_cmd_case_accept = {
	"case accept", "CASE", "supervisor accepts a held (severely damaged)"
	" case", ctl_case_accept
};
const struct ctl_cmd ctl_cmd_case_repair = {
	"case repair", "CASE --cause CODE [--part CODE:QTY]... [--note TEXT]"
	" [--result repaired|beyond_repair]",
	"technician logs the repair", ctl_case_repair
};
const struct ctl_cmd ctl_cmd_case_supplier = {
	"case supplier", "send CASE --supplier NAME | back CASE",
	"outsourced goods to and from their supplier", ctl_case_supplier
};
const struct ctl_cmd ctl_cmd_case_inspect = {
	"case inspect", "CASE --pass|--fail [--sample N] [--note TEXT]",
	"quality inspection", ctl_case_inspect
};
const struct ctl_cmd ctl_cmd_case_approve = {
	"case approve", "CASE", "finance signs off", ctl_case_approve
};
const struct ctl_cmd ctl_cmd_case_ship = {
	"case ship", "CASE --waybill W [--carrier C]"
	" [--reason customer|sales|shipping]",
	"ship the repaired item or replacement", ctl_case_ship
};
const struct ctl_cmd ctl_cmd_case_reject = {
	"case reject", "CASE --reason TEXT", "not eligible or not our product",
	ctl_case_reject
};
const struct ctl_cmd ctl_cmd_case_close = {
	"case close", "CASE", "supervisor closes a finished case",
	ctl_case_close
};
