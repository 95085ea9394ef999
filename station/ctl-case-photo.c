/*
 * stationctl --operator BADGE case photo CASE FILE...: photos of damage,
 * kept under their SHA-256 and recorded on the case (photo.c).
 */
#include "../common/buf.h"
#include "../db/db.h"
#include "config.h"
#include "ctl.h"
#include "photo.h"
#include "station.h"

static enum ctl_status
ctl_case_photo(struct ctl_ctx *c, const struct ctl_args *a)
{
	struct db *db = c->db;
	struct photo_file ph[PHOTO_FILES];
	struct db_operator op;
	struct db_case cs;
	struct buf reply;
	enum ctl_status st;
	int n = a->npos - 1, rc;

	if (n > PHOTO_FILES) {
		buf_printf(c->err, "at most %d photos at a time\n", PHOTO_FILES);
		return ctl_usage(c, a->cmd);
	}
	if (c->operator == NULL || db_operator_get(db, c->operator, &op) != 1 ||
	    !op.active) {
		buf_puts(c->err, "say who takes the photos: stationctl --operator"
		    " BADGE (an active badge) / 请提供工牌号\n");
		return CTL_REFUSED;
	}
	if ((rc = db_case_find(db, a->pos[0], &cs)) != 1) {
		buf_printf(c->err, "no case or waybill %s / 无此案件\n",
		    a->pos[0]);
		return rc == -1 ? CTL_FAILED : CTL_REFUSED;
	}
	if (c->nfds != n) {
		buf_puts(c->err, "the photos come open from stationctl: give their"
		    " paths to stationctl\n");
		return CTL_USAGE;
	}
	/* every file is checked before anything is kept */
	for (int i = 0; i < n; i++)
		if (photo_read_fd(c->fds[i], a->pos[i + 1], &ph[i], c->err) ==
		    -1) {
			buf_puts(c->err, "\n");
			photo_free(ph, i);
			return CTL_REFUSED;
		}
	buf_init(&reply);
	st = ctl_reply(c, photo_attach(db, c->st->cf->data_dir, &op, &cs, ph, n,
	    &reply), &reply);
	buf_free(&reply);
	photo_free(ph, n);
	return st;
}

const struct ctl_cmd ctl_cmd_case_photo = {
	.name = "case photo", .args = "CASE FILE...", .minpos = 2,
	.maxpos = 1 + PHOTO_FILES + 1,
	.help = "attach JPEG or PNG photos to a case (stored under their"
	    " SHA-256)",
	.exec = ctl_case_photo,
};
