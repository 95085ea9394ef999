/* stationctl backup FILE: a checked copy of the database, taken while the
 * desk works on, written into the file stationctl created. */
#include <stdio.h>

#include "../common/buf.h"
#include "backup.h"
#include "config.h"
#include "ctl.h"
#include "role.h"
#include "station.h"

static enum ctl_status
ctl_backup(struct ctl_ctx *c, const struct ctl_args *a)
{
	struct backup_result r;
	char cause[512];

	(void)a;
	if (c->nfds != 1) {
		buf_puts(c->err, "the backup file is created by stationctl: give"
		    " its path to stationctl\n");
		return CTL_USAGE;
	}
	if (backup_to_fd(c->db, c->st->cf->data_dir, c->st->cf->backup_key,
	    c->fds[0], &r, cause, sizeof(cause)) == -1) {
		buf_printf(c->err, "backup failed / 备份失败: %s\n", cause);
		return CTL_FAILED;
	}
	buf_printf(c->out, "backup written / 备份完成: %lld bytes, %s; the copy"
	    " passed its integrity check and its audit chain of %lld events"
	    " verified\n", (long long)r.bytes, r.encrypted ? "encrypted"
	    " (XChaCha20-Poly1305)" : "not encrypted (set [backup] key_file)",
	    (long long)r.events);
	return CTL_OK;
}

const struct ctl_cmd ctl_cmd_backup = {
	.name = "backup", .args = "FILE", .minpos = 1, .maxpos = 1,
	.roles = ROLE_ADMIN | ROLE_SUPERVISOR,
	.help = "a checked copy of the database into a new FILE (admin or"
	    " supervisor), encrypted with [backup] key_file",
	.worker = 1,
	.pin = 1,
	.exec = ctl_backup,
};
