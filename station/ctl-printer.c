/* stationctl printer list: the print system's queues, for setting up. */
#include "buf.h"
#include "ctl.h"
#include "outbox.h"
#include "station.h"

static int
ctl_printer_list(struct ctl_ctx *c, int argc, char **argv)
{
	(void)argv;
	if (argc != 0)
		return ctl_usage(c, &ctl_cmd_printer_list);
	return outbox_destinations(c->st->outbox, c->out, c->err) == -1 ? 1 : 0;
}

const struct ctl_cmd ctl_cmd_printer_list = {
	"printer list", "", "list the CUPS queues labels can go to",
	ctl_printer_list
};
