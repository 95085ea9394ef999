/* stationctl printer list: the print system's queues, for setting up. */
#include "../common/buf.h"
#include "../common/msg.h"
#include "config.h"
#include "ctl.h"
#include "printd.h"
#include "station.h"

static enum ctl_status
ctl_printer_list(struct ctl_ctx *c, const struct ctl_args *a)
{
	struct buf f;
	enum ctl_status rc;

	(void)a;
	buf_init(&f);
	msg_put_str(&f, "queue", c->st->cf->printer_queue);
	rc = ctl_ask_printer(c, PD_DESTS, &f);
	buf_free(&f);
	return rc;
}

const struct ctl_cmd ctl_cmd_printer_list = {
	.name = "printer list",
	.help = "the CUPS queues, their state, and which one takes labels",
	.exec = ctl_printer_list,
};
