/* stationctl audit verify: walks the hash chain of the audit log. */
#include "../db/db.h"
#include "buf.h"
#include "ctl.h"
#include "station.h"

static int
ctl_audit_verify(struct ctl_ctx *c, int argc, char **argv)
{
	int64_t rows, bad;
	char cause[256];
	int rc;

	(void)argv;
	if (argc != 0)
		return ctl_usage(c, &ctl_cmd_audit_verify);
	rc = db_audit_verify(c->st->db, &rows, &bad, cause, sizeof(cause));
	if (rc == -1) {
		buf_printf(c->err, "audit verify: %s\n", db_error(c->st->db));
		return 3;
	}
	if (rc == 1) {
		buf_printf(c->err, "audit log BROKEN at row %lld: %s"
		    " / 审计日志被篡改\n", (long long)bad, cause);
		return 1;
	}
	buf_printf(c->out, "audit log intact: %lld events / 审计日志完整\n",
	    (long long)rows);
	return 0;
}

const struct ctl_cmd ctl_cmd_audit_verify = {
	"audit verify", "", "check the audit log's hash chain", ctl_audit_verify
};
