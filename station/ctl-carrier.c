/*
 * stationctl carrier add NAME --pattern RE, carrier disable NAME and
 * carrier list: the carriers kept centrally. A carrier added at one desk
 * goes up with its audit event and every desk pulls it, so a new courier
 * is known everywhere without editing each station's [carriers]. Its
 * pattern (a POSIX ERE, matched against the upper-cased waybill) is
 * matched after the station's own carriers.
 */
#include <stdio.h>
#include <string.h>

#include "../common/buf.h"
#include "../common/json.h"
#include "../db/db.h"
#include "carriers.h"
#include "config.h"
#include "ctl.h"
#include "role.h"
#include "scan.h"
#include "station.h"

static enum ctl_status
put(struct ctl_ctx *c, const char *action, const char *name,
    const char *pattern, int active)
{
	struct buf d;
	struct json j;
	int64_t id;
	int rc;

	buf_init(&d);
	json_init(&j, &d);
	json_open(&j, NULL);
	json_str(&j, "name", name);
	json_str(&j, "pattern", pattern);
	json_bool(&j, "active", active);
	json_close(&j);
	rc = db_begin(c->db) == -1 || db_carrier_put(c->db, name, pattern,
	    active, &id) == -1 || db_audit(c->db, c->operator ? c->operator :
	    "stationctl", action, "carrier", id, d.data, NULL) == -1 ||
	    db_commit(c->db) == -1;
	buf_free(&d);
	if (rc) {
		buf_printf(c->err, "could not store the carrier: %s\n",
		    db_error(c->db));
		db_rollback(c->db);
		return CTL_FAILED;
	}
	carriers_refresh(c->st);
	buf_printf(c->out, "carrier %s %s%s / 承运商已保存\n", name, pattern,
	    active ? "" : " (no longer matched)");
	return CTL_OK;
}

static enum ctl_status
ctl_carrier_add(struct ctl_ctx *c, const struct ctl_args *a)
{
	const char *name = a->pos[0], *pattern = ctl_opt(a, "--pattern");
	char cause[300];

	if (carriers_check(name, pattern, cause, sizeof(cause)) == -1) {
		buf_printf(c->err, "%s\n", cause);
		return CTL_REFUSED;
	}
	return put(c, "carrier.add", name, pattern, 1);
}

static enum ctl_status
ctl_carrier_disable(struct ctl_ctx *c, const struct ctl_args *a)
{
	struct db_carrier have;
	int rc;

	if ((rc = db_carrier_get(c->db, a->pos[0], &have)) != 1) {
		buf_printf(c->err, rc == 0 ? "no carrier %s kept centrally /"
		    " 无此承运商 (a [carriers] line is changed in the station's"
		    " configuration)\n" : "%s\n", rc == 0 ? a->pos[0] :
		    db_error(c->db));
		return rc == 0 ? CTL_REFUSED : CTL_FAILED;
	}
	return put(c, "carrier.disable", have.name, have.pattern, 0);
}

static int
line(void *arg, const struct db_carrier *cr)
{
	struct buf *b = arg;

	buf_printf(b, "%-8s %-32s central%s\n", cr->name, cr->pattern,
	    cr->active ? "" : " (no longer matched)");
	return 0;
}

static enum ctl_status
ctl_carrier_list(struct ctl_ctx *c, const struct ctl_args *a)
{
	const struct carrier_set *cs = &c->st->cf->carriers;

	(void)a;
	for (size_t i = 0; i < cs->n; i++)
		buf_printf(c->out, "%-8s %-32s %s\n", cs->v[i].name,
		    cs->v[i].pattern, cs->v[i].configured ? "[carriers]" :
		    "built in");
	if (db_carrier_foreach(c->db, line, c->out) == -1) {
		buf_printf(c->err, "%s\n", db_error(c->db));
		return CTL_FAILED;
	}
	return CTL_OK;
}

const struct ctl_cmd ctl_cmd_carrier_add = {
	.name = "carrier add", .args = "NAME", .minpos = 1, .maxpos = 1,
	.opts = {
		{ "--pattern", "RE", CTL_REQUIRED, "the waybill's shape, a POSIX"
		    " extended regular expression (^KY[0-9]{11}$)" },
	},
	.roles = ROLE_ADMIN | ROLE_SUPERVISOR,
	.help = "add or change a carrier kept centrally: every desk that"
	    " uploads to the central database learns it (admin or supervisor)",
	.pin = 1,
	.exec = ctl_carrier_add,
};

const struct ctl_cmd ctl_cmd_carrier_disable = {
	.name = "carrier disable", .args = "NAME", .minpos = 1, .maxpos = 1,
	.roles = ROLE_ADMIN | ROLE_SUPERVISOR,
	.help = "stop matching a carrier kept centrally (admin or supervisor)",
	.pin = 1,
	.exec = ctl_carrier_disable,
};

const struct ctl_cmd ctl_cmd_carrier_list = {
	.name = "carrier list",
	.help = "the carriers a waybill is matched against: the station's own"
	    " ([carriers] or built in), then those kept centrally",
	.exec = ctl_carrier_list,
};
