/* stationctl audit verify: walks the hash chain of the audit log. */
#include "../db/db.h"
#include "../common/buf.h"
#include "anchor.h"
#include "ctl.h"
#include "station.h"

static enum ctl_status
ctl_audit_verify(struct ctl_ctx *c, const struct ctl_args *a)
{
	int64_t rows, bad, count = 0;
	char cause[256], want[65] = "", why[256] = "";
	int rc, arc;

	(void)a;
	/* the anchor first: it may move on while the log is walked */
	arc = anchor_read(c->st->anchor, &count, want, why, sizeof(why));
	rc = db_audit_verify(c->db, &rows, &bad, cause, sizeof(cause));
	if (rc == -1) {
		buf_printf(c->err, "audit verify: %s\n", db_error(c->db));
		return CTL_FAILED;
	}
	if (rc == 1) {
		buf_printf(c->err, "audit log BROKEN at row %lld: %s"
		    " / 审计日志被篡改\n", (long long)bad, cause);
		return CTL_REFUSED;
	}
	/* the chain holds; does its end? */
	if ((rc = anchor_compare(c->db, arc, count, want, why, rows, cause,
	    sizeof(cause))) == -1) {
		buf_printf(c->err, "audit verify: %s\n", db_error(c->db));
		return CTL_FAILED;
	}
	if (rc == 1) {
		buf_printf(c->err, "audit log BROKEN: %s / 审计日志被截断\n",
		    cause);
		return CTL_REFUSED;
	}
	buf_printf(c->out, "audit log intact: %lld events / 审计日志完整\n",
	    (long long)rows);
	return CTL_OK;
}

const struct ctl_cmd ctl_cmd_audit_verify = {
	.name = "audit verify",
	.help = "walk the audit log's hash chain and check its end against the"
	    " anchor; exit 1 and the first broken row if edited or cut off",
	.worker = 1,
	.exec = ctl_audit_verify,
};
