/*
 * stationctl cause add CODE --name NAME and cause edit CODE [--name NAME]
 * [--active yes|no] (admin or supervisor): the fault causes technicians
 * choose from. A cause is never removed: repairs name it; one no longer
 * taken is left out of the lists and refused for new repairs. Audited.
 */
#include <stdio.h>
#include <string.h>

#include "../common/buf.h"
#include "../common/json.h"
#include "../db/db.h"
#include "ctl.h"
#include "role.h"
#include "scan.h"
#include "station.h"

/* A code as the scan language spells it: capitals, digits, '-' and '_'. */
static int
code_ok(struct ctl_ctx *c, const char *code)
{
	size_t n = strlen(code);

	if (n < 1 || n > 32 || strspn(code, "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
	    "0123456789-_") != n) {
		buf_printf(c->err, "a cause code is 1 to 32 capitals, digits,"
		    " '-' or '_' (it is scanned as %%CAUSE:CODE), got '%s'\n",
		    code);
		return 0;
	}
	return 1;
}

static enum ctl_status
done(struct ctl_ctx *c, const char *action, int64_t id, const char *code,
    const char *name, int active)
{
	struct buf d;
	struct json j;
	int rc;

	buf_init(&d);
	json_init(&j, &d);
	json_open(&j, NULL);
	json_str(&j, "code", code);
	json_str(&j, "name", name);
	json_bool(&j, "active", active);
	json_close(&j);
	rc = db_audit(c->db, c->operator ? c->operator : "stationctl", action,
	    "cause", id, d.data, NULL);
	buf_free(&d);
	if (rc == -1 || db_commit(c->db) == -1) {
		buf_printf(c->err, "could not store the cause: %s\n",
		    db_error(c->db));
		db_rollback(c->db);
		return CTL_FAILED;
	}
	buf_printf(c->out, "cause %s %s%s / 故障原因已保存\n", code, name,
	    active ? "" : " (no longer taken)");
	return CTL_OK;
}

static enum ctl_status
ctl_cause_add(struct ctl_ctx *c, const struct ctl_args *a)
{
	const char *code = a->pos[0], *name = ctl_opt(a, "--name");
	char old[129];
	int64_t id;
	int active, rc;

	if (!code_ok(c, code) || !scan_text_ok("name", name, 128, c->err))
		return CTL_REFUSED;
	if ((rc = db_cause_find(c->db, code, &id, old, sizeof(old),
	    &active)) != 0) {
		buf_printf(c->err, rc == 1 ? "cause %s is already there: %s\n" :
		    "%s%s\n", rc == 1 ? code : db_error(c->db), rc == 1 ? old :
		    "");
		return rc == 1 ? CTL_REFUSED : CTL_FAILED;
	}
	if (db_begin(c->db) == -1 || db_cause_add(c->db, code, name, &id) == -1) {
		buf_printf(c->err, "could not store the cause: %s\n",
		    db_error(c->db));
		db_rollback(c->db);
		return CTL_FAILED;
	}
	return done(c, "cause.add", id, code, name, 1);
}

static enum ctl_status
ctl_cause_edit(struct ctl_ctx *c, const struct ctl_args *a)
{
	const char *code = a->pos[0], *name = ctl_opt(a, "--name"),
	    *act = ctl_opt(a, "--active");
	char old[129];
	int64_t id;
	int active, rc;

	if (name == NULL && act == NULL) {
		buf_puts(c->err, "say what changes: --name, --active\n");
		return CTL_USAGE;
	}
	if (act && strcmp(act, "yes") && strcmp(act, "no")) {
		buf_puts(c->err, "--active is yes or no\n");
		return CTL_USAGE;
	}
	if (name && !scan_text_ok("name", name, 128, c->err))
		return CTL_REFUSED;
	if ((rc = db_cause_find(c->db, code, &id, old, sizeof(old),
	    &active)) != 1) {
		buf_printf(c->err, rc == 0 ? "no cause %s / 无此故障原因\n" :
		    "%s\n", rc == 0 ? code : db_error(c->db));
		return rc == 0 ? CTL_REFUSED : CTL_FAILED;
	}
	if (act)
		active = !strcmp(act, "yes");
	if (db_begin(c->db) == -1 ||
	    db_cause_set(c->db, code, name ? name : old, active) == -1) {
		buf_printf(c->err, "could not store the cause: %s\n",
		    db_error(c->db));
		db_rollback(c->db);
		return CTL_FAILED;
	}
	return done(c, "cause.edit", id, code, name ? name : old, active);
}

const struct ctl_cmd ctl_cmd_cause_add = {
	.name = "cause add", .args = "CODE", .minpos = 1, .maxpos = 1,
	.opts = {
		{ "--name", "NAME", CTL_REQUIRED, "what the fault is, in Chinese"
		    " and English" },
	},
	.roles = ROLE_ADMIN | ROLE_SUPERVISOR,
	.help = "add a fault cause for technicians to choose (admin or"
	    " supervisor)",
	.pin = 1,
	.exec = ctl_cause_add,
};

const struct ctl_cmd ctl_cmd_cause_edit = {
	.name = "cause edit", .args = "CODE", .minpos = 1, .maxpos = 1,
	.opts = {
		{ "--name", "NAME", 0, "what the fault is" },
		{ "--active", "yes|no", 0, "still chosen for new repairs" },
	},
	.roles = ROLE_ADMIN | ROLE_SUPERVISOR,
	.help = "rename a fault cause, or stop taking it for new repairs"
	    " (admin or supervisor)",
	.pin = 1,
	.exec = ctl_cause_edit,
};
