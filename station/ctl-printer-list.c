/* stationctl printer list: the print system's queues, for setting up. */
#include "../common/buf.h"
#include "ctl.h"
#include "outbox.h"
#include "station.h"

static enum ctl_status
ctl_printer_list(struct ctl_ctx *c, const struct ctl_args *a)
{
	(void)a;
	return outbox_destinations(c->st->outbox, c->out, c->err) == -1 ?
	    CTL_REFUSED : CTL_OK;
}

const struct ctl_cmd ctl_cmd_printer_list = {
	.name = "printer list",
	.help = "the CUPS queues, their state, and which one takes labels",
	.exec = ctl_printer_list,
};
