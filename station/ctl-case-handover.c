/* stationctl case handover CASE --to DESK: the case's goods go to another
 * desk, which moves the case from now on. Recorded here and applied
 * centrally; the other desk takes the case whole when it next pulls. */
#include <string.h>

#include "../common/buf.h"
#include "../common/json.h"
#include "../db/db.h"
#include "config.h"
#include "ctl.h"
#include "role.h"
#include "station.h"

static enum ctl_status
ctl_case_handover(struct ctl_ctx *c, const struct ctl_args *a)
{
	const char *to = ctl_opt(a, "--to");
	struct station *st = c->st;
	struct db_case cs;
	char uid[37];
	struct buf d;
	struct json j;
	int rc;

	if ((rc = db_case_find(c->db, a->pos[0], &cs)) != 1) {
		if (rc == -1)
			goto failed;
		buf_printf(c->err, "no case or waybill %s / 无此案件\n",
		    a->pos[0]);
		return CTL_REFUSED;
	}
	if (cs.owner[0]) {
		buf_printf(c->err, "case %s is held at desk %s already; it hands"
		    " it over / 案件已在 %s\n", cs.case_no, cs.owner_desk,
		    cs.owner_desk);
		return CTL_REFUSED;
	}
	if (cs.id == st->intake.ss.case_id) {
		buf_printf(c->err, "case %s is open at the intake desk: finish it"
		    " with %%DONE first / 案件正在收货登记\n", cs.case_no);
		return CTL_REFUSED;
	}
	if (!strcmp(cs.state, "closed") || !strcmp(cs.state, "cancelled")) {
		buf_printf(c->err, "case %s is %s: nothing to hand over /"
		    " 案件已结束\n", cs.case_no, cs.state);
		return CTL_REFUSED;
	}
	if (!strcmp(to, st->cf->desk)) {
		buf_printf(c->err, "%s is this desk / 即本工位\n", to);
		return CTL_REFUSED;
	}
	if ((rc = db_desk_by_name(c->db, to, uid)) != 1) {
		if (rc == -1)
			goto failed;
		buf_printf(c->err, "no desk named %s is known here: desks are"
		    " learnt from the central database ([sync] url) / 未知工位\n",
		    to);
		return CTL_REFUSED;
	}
	buf_init(&d);
	json_init(&j, &d);
	json_open(&j, NULL);
	json_str(&j, "case", cs.case_no);
	json_str(&j, "to", to);
	json_str(&j, "desk", uid);
	json_str(&j, "state", cs.state);
	json_close(&j);
	rc = db_begin(c->db) == -1 || db_case_set_owner(c->db, cs.id, uid) ==
	    -1 || db_audit(c->db, c->operator, "case.handover", "case", cs.id,
	    d.data, NULL) == -1 || db_commit(c->db) == -1 ? -1 : 0;
	buf_free(&d);
	if (rc == -1) {
		db_rollback(c->db);
		goto failed;
	}
	buf_printf(c->out, "case %s handed over to desk %s: it is moved there"
	    " from now on / 已移交\n", cs.case_no, to);
	return CTL_OK;
failed:
	buf_printf(c->err, "could not save, nothing was stored / 保存失败: %s\n",
	    db_error(c->db));
	return CTL_FAILED;
}

const struct ctl_cmd ctl_cmd_case_handover = {
	.name = "case handover", .args = "CASE", .minpos = 1, .maxpos = 1,
	.opts = {
		{ "--to", "DESK", CTL_REQUIRED, "the desk the goods go to, by"
		    " its [station] desk name" },
	},
	.roles = ROLE_INTAKE | ROLE_SUPERVISOR | ROLE_ADMIN,
	.help = "the case's goods go to another desk, which moves the case"
	    " from then on",
	.exec = ctl_case_handover,
};
