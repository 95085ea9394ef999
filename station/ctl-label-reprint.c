/* stationctl label reprint CASE-OR-WAYBILL: the area label again (label
 * print without a choice of template). */
#include "ctl.h"

const struct ctl_cmd ctl_cmd_label_reprint = {
	.name = "label reprint", .args = "CASE-OR-WAYBILL", .minpos = 1,
	.maxpos = 1,
	.help = "queue a case's area label again",
	.exec = ctl_label_queue,
};
