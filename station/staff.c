/* The station's operators (see staff.h). */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "../common/buf.h"
#include "../common/json.h"
#include "../common/log.h"
#include "../db/db.h"
#include "../common/pin.h"
#include "role.h"
#include "scan.h"
#include "staff.h"

static enum st_result
failed(struct db *db, const char *what, struct buf *reply)
{
	buf_printf(reply, "could not %s: %s", what, db_error(db));
	log_warnx("%s: %s", what, db_error(db));
	db_rollback(db);
	return ST_FAILED;
}

/* Writes an audit event for operator id: {"badge", and more}. */
static int
audit(struct db *db, const char *actor, const char *action, int64_t id,
    const char *badge, const char *name, const char *roles)
{
	struct buf d;
	struct json j;
	int rc;

	buf_init(&d);
	json_init(&j, &d);
	json_open(&j, NULL);
	json_str(&j, "badge", badge);
	if (name)
		json_str(&j, "name", name);
	if (roles)
		json_str(&j, "roles", roles);
	json_close(&j);
	rc = db_audit(db, actor, action, "operator", id, d.data, NULL);
	buf_free(&d);
	return rc;
}

enum st_result
staff_add(struct db *db, const char *actor, const char *badge,
    const char *name, const char *roles, struct buf *reply)
{
	struct db_operator op;
	char why[160], rl[128];
	unsigned mask;
	int64_t id;
	int rc;

	if (!scan_text_ok("badge", badge, BADGE_MAX, reply) ||
	    !scan_text_ok("name", name, 128, reply))
		return ST_REFUSED;
	if (role_parse(roles, &mask, why, sizeof(why)) == -1) {
		buf_puts(reply, why);
		return ST_REFUSED;
	}
	role_list(mask, ",", rl, sizeof(rl));
	for (const char *p = badge; *p; p++)
		if (!isalnum((unsigned char)*p) && *p != '-' && *p != '_') {
			buf_puts(reply, "badge may hold letters, digits, '-' and"
			    " '_' only (it is printed as a barcode)");
			return ST_REFUSED;
		}
	if ((rc = db_operator_get(db, badge, &op)) == -1)
		return failed(db, "add operator", reply);
	if (rc == 1) {
		buf_printf(reply, "badge %s already belongs to %s", badge,
		    op.name);
		return ST_REFUSED;
	}
	if (db_begin(db) == -1 ||
	    db_operator_add(db, badge, name, rl, &id) == -1 ||
	    audit(db, actor, "operator.add", id, badge, name, rl) == -1 ||
	    db_commit(db) == -1)
		return failed(db, "add operator", reply);
	buf_printf(reply, "operator %s %s added (%s); badge scan: %%OP:%s",
	    badge, name, rl, badge);
	return ST_OK;
}

enum st_result
staff_disable(struct db *db, const char *actor, const char *badge,
    struct buf *reply)
{
	struct db_operator op;
	int rc;

	if ((rc = db_operator_get(db, badge, &op)) == -1)
		return failed(db, "disable operator", reply);
	if (rc == 0) {
		buf_printf(reply, "unknown badge %s", badge);
		return ST_REFUSED;
	}
	if (!op.active) {
		buf_printf(reply, "badge %s is already disabled", op.badge);
		return ST_REFUSED;
	}
	if (strcmp(actor, op.badge) == 0) {
		buf_puts(reply, "an admin cannot disable their own badge");
		return ST_REFUSED;
	}
	if (db_begin(db) == -1 || db_operator_set_active(db, op.id, 0) == -1 ||
	    audit(db, actor, "operator.disable", op.id, op.badge, NULL,
	    NULL) == -1 || db_commit(db) == -1)
		return failed(db, "disable operator", reply);
	buf_printf(reply, "badge %s (%s) disabled / 工牌已停用", op.badge,
	    op.name);
	return ST_OK;
}

enum st_result
staff_set_roles(struct db *db, const char *actor, const char *badge,
    const char *roles, struct buf *reply)
{
	struct db_operator op;
	char why[160], rl[128];
	unsigned mask;
	int rc;

	if (role_parse(roles, &mask, why, sizeof(why)) == -1) {
		buf_puts(reply, why);
		return ST_REFUSED;
	}
	role_list(mask, ",", rl, sizeof(rl));
	if ((rc = db_operator_get(db, badge, &op)) == -1)
		return failed(db, "set roles", reply);
	if (rc == 0) {
		buf_printf(reply, "unknown badge %s", badge);
		return ST_REFUSED;
	}
	/* an admin who takes away their own admin role locks the station */
	if (strcmp(actor, op.badge) == 0 && !(mask & ROLE_ADMIN)) {
		buf_puts(reply, "an admin cannot take away their own admin role"
		    " / 不能取消自己的管理员角色");
		return ST_REFUSED;
	}
	if (role_mask(op.roles) == mask) {
		buf_printf(reply, "badge %s already has the roles %s", op.badge,
		    rl);
		return ST_REFUSED;
	}
	if (db_begin(db) == -1 || db_operator_set_roles(db, op.id, rl) == -1 ||
	    audit(db, actor, "operator.roles", op.id, op.badge, NULL, rl) == -1 ||
	    db_commit(db) == -1)
		return failed(db, "set roles", reply);
	buf_printf(reply, "badge %s (%s): roles %s, were %s / 角色已更新",
	    op.badge, op.name, rl, op.roles[0] ? op.roles : "none");
	return ST_OK;
}

enum st_result
staff_enable(struct db *db, const char *actor, const char *badge,
    struct buf *reply)
{
	struct db_operator op;
	int rc;

	if ((rc = db_operator_get(db, badge, &op)) == -1)
		return failed(db, "enable operator", reply);
	if (rc == 0 || op.active) {
		buf_printf(reply, rc == 0 ? "unknown badge %s" : "badge %s is"
		    " active", badge);
		return ST_REFUSED;
	}
	if (db_begin(db) == -1 || db_operator_set_active(db, op.id, 1) == -1 ||
	    audit(db, actor, "operator.enable", op.id, op.badge, NULL,
	    NULL) == -1 || db_commit(db) == -1)
		return failed(db, "enable operator", reply);
	buf_printf(reply, "badge %s (%s) active again / 工牌已启用", op.badge,
	    op.name);
	return ST_OK;
}

enum st_result
staff_set_pin(struct db *db, const char *actor, const char *badge,
    const char *pin, struct buf *reply)
{
	char hash[PIN_HASH_MAX];
	struct db_operator op;
	int rc;

	if (!pin_format_ok(pin)) {
		buf_puts(reply, "a PIN is 4 to 12 digits / PIN为4至12位数字");
		return ST_REFUSED;
	}
	if ((rc = db_operator_get(db, badge, &op)) == -1)
		return failed(db, "set PIN", reply);
	if (rc == 0 || !op.active) {
		buf_printf(reply, "%s badge %s", rc == 0 ? "unknown" : "disabled",
		    badge);
		return ST_REFUSED;
	}
	if (pin_hash(pin, hash) == -1) {
		buf_puts(reply, "could not hash the PIN (out of memory)");
		return ST_FAILED;
	}
	if (db_begin(db) == -1 || db_operator_set_pin(db, op.id, hash) == -1 ||
	    audit(db, actor, "operator.pin", op.id, op.badge, NULL, NULL) == -1 ||
	    db_commit(db) == -1)
		return failed(db, "set PIN", reply);
	buf_printf(reply, "PIN of badge %s (%s) set / PIN已设置", op.badge,
	    op.name);
	return ST_OK;
}
