/* stationctl operator add / list. */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "../db/db.h"
#include "buf.h"
#include "ctl.h"
#include "scan.h"
#include "station.h"

static const char *const roles[] = {
	"intake", "technician", "inspector", "finance", "supervisor", "admin",
	NULL
};

/* Checks a comma-separated role list; writes it normalised to out. */
static int
roles_ok(struct ctl_ctx *c, const char *list, char *out, size_t len)
{
	char tmp[256], *r, *save;

	if (strlen(list) >= sizeof(tmp) || *list == '\0') {
		buf_puts(c->err, "--role needs one or more of intake, technician,"
		    " inspector, finance, supervisor, admin\n");
		return 0;
	}
	snprintf(tmp, sizeof(tmp), "%s", list);
	out[0] = '\0';
	for (r = strtok_r(tmp, ",", &save); r; r = strtok_r(NULL, ",", &save)) {
		int k;

		for (k = 0; roles[k]; k++)
			if (strcmp(roles[k], r) == 0)
				break;
		if (roles[k] == NULL) {
			buf_printf(c->err, "unknown role '%s': use intake,"
			    " technician, inspector, finance, supervisor or"
			    " admin\n", r);
			return 0;
		}
		if (strstr(out, r) == NULL) {
			if (out[0])
				strncat(out, ",", len - strlen(out) - 1);
			strncat(out, r, len - strlen(out) - 1);
		}
	}
	return 1;
}

static int
ctl_operator_add(struct ctl_ctx *c, int argc, char **argv)
{
	struct ctl_opt opts[] = { { "--name", 1, NULL }, { "--role", 1, NULL },
	    { NULL, 0, NULL } };
	struct db *db = c->st->db;
	struct db_operator op;
	char *pos[1], rl[128];
	struct buf d;
	int64_t id;
	int rc;

	if (ctl_parse(c, &ctl_cmd_operator_add, argc, argv, opts, pos, 1) != 1 ||
	    !opts[0].value || !opts[1].value)
		return ctl_usage(c, &ctl_cmd_operator_add);
	if ((rc = ctl_need_role(c, "admin", "adding an operator")) != 0)
		return rc;
	if (!ctl_text_ok(c, "badge", pos[0], BADGE_MAX) ||
	    !ctl_text_ok(c, "name", opts[0].value, 128) ||
	    !roles_ok(c, opts[1].value, rl, sizeof(rl)))
		return 1;
	for (const char *p = pos[0]; *p; p++)
		if (!isalnum((unsigned char)*p) && *p != '-' && *p != '_') {
			buf_puts(c->err, "badge may hold letters, digits, '-' and"
			    " '_' only (it is printed as a barcode)\n");
			return 1;
		}
	if ((rc = db_operator_get(db, pos[0], &op)) != 0) {
		if (rc == 1)
			buf_printf(c->err, "badge %s already belongs to %s\n",
			    pos[0], op.name);
		else
			buf_printf(c->err, "%s\n", db_error(db));
		return 1;
	}
	buf_init(&d);
	buf_puts(&d, "{\"badge\":");
	buf_json_str(&d, pos[0]);
	buf_puts(&d, ",\"name\":");
	buf_json_str(&d, opts[0].value);
	buf_puts(&d, ",\"roles\":");
	buf_json_str(&d, rl);
	buf_puts(&d, "}");
	rc = db_begin(db) == -1 ||
	    db_operator_add(db, pos[0], opts[0].value, rl, &id) == -1 ||
	    db_audit(db, c->operator ? c->operator : "stationctl",
	    "operator.add", "operator", id, d.data, NULL) == -1 ||
	    db_commit(db) == -1;
	buf_free(&d);
	if (rc) {
		buf_printf(c->err, "could not add operator: %s\n", db_error(db));
		db_rollback(db);
		return 3;
	}
	buf_printf(c->out, "operator %s %s added (%s); badge scan: %%OP:%s\n",
	    pos[0], opts[0].value, rl, pos[0]);
	return 0;
}

static int
op_line(void *arg, const struct db_operator *op)
{
	struct buf *b = arg;

	buf_printf(b, "%-12s %-20s %-30s %s\n", op->badge, op->name,
	    op->roles, op->active ? "active" : "disabled");
	return 0;
}

static int
ctl_operator_list(struct ctl_ctx *c, int argc, char **argv)
{
	(void)argv;
	if (argc != 0)
		return ctl_usage(c, &ctl_cmd_operator_list);
	buf_printf(c->out, "%-12s %-20s %-30s %s\n", "BADGE", "NAME", "ROLES",
	    "STATE");
	if (db_operator_foreach(c->st->db, op_line, c->out) == -1) {
		buf_printf(c->err, "%s\n", db_error(c->st->db));
		return 3;
	}
	return 0;
}

static int
ctl_operator_disable(struct ctl_ctx *c, int argc, char **argv)
{
	struct db *db = c->st->db;
	struct db_operator op;
	char *pos[1], detail[160];
	int rc;

	if (ctl_parse(c, &ctl_cmd_operator_disable, argc, argv, NULL, pos,
	    1) != 1)
		return ctl_usage(c, &ctl_cmd_operator_disable);
	if ((rc = ctl_need_role(c, "admin", "disabling an operator")) != 0)
		return rc;
	if ((rc = db_operator_get(db, pos[0], &op)) != 1) {
		buf_printf(c->err, rc == 0 ? "unknown badge %s\n" : "%s\n",
		    rc == 0 ? pos[0] : db_error(db));
		return rc == 0 ? 1 : 3;
	}
	if (!op.active) {
		buf_printf(c->err, "badge %s is already disabled\n", op.badge);
		return 1;
	}
	if (c->operator && strcmp(c->operator, op.badge) == 0) {
		buf_puts(c->err, "an admin cannot disable their own badge\n");
		return 1;
	}
	snprintf(detail, sizeof(detail), "{\"badge\":\"%s\"}", op.badge);
	if (db_begin(db) == -1 || db_operator_set_active(db, op.id, 0) == -1 ||
	    db_audit(db, c->operator ? c->operator : "stationctl",
	    "operator.disable", "operator", op.id, detail, NULL) == -1 ||
	    db_commit(db) == -1) {
		buf_printf(c->err, "%s\n", db_error(db));
		db_rollback(db);
		return 3;
	}
	buf_printf(c->out, "badge %s (%s) disabled / 工牌已停用\n", op.badge,
	    op.name);
	return 0;
}

const struct ctl_cmd ctl_cmd_operator_disable = {
	"operator disable", "BADGE", "disable an operator's badge",
	ctl_operator_disable
};
const struct ctl_cmd ctl_cmd_operator_add = {
	"operator add", "BADGE --name NAME --role ROLE[,ROLE...]",
	"register an operator and the badge they scan", ctl_operator_add
};
const struct ctl_cmd ctl_cmd_operator_list = {
	"operator list", "", "list operators", ctl_operator_list
};
