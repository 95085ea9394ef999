/* The table of control commands, in the order help lists them. */
#include "ctl.h"

const struct ctl_cmd *const ctl_cmds[] = {
	&ctl_cmd_scan,
	&ctl_cmd_status,
	&ctl_cmd_case_show,
	&ctl_cmd_case_list,
	&ctl_cmd_case_accept,
	&ctl_cmd_case_repair,
	&ctl_cmd_case_supplier_send,
	&ctl_cmd_case_supplier_back,
	&ctl_cmd_case_inspect,
	&ctl_cmd_case_approve,
	&ctl_cmd_case_ship,
	&ctl_cmd_case_reject,
	&ctl_cmd_case_close,
	&ctl_cmd_case_photo,
	&ctl_cmd_cause_list,
	&ctl_cmd_operator_add,
	&ctl_cmd_operator_list,
	&ctl_cmd_operator_disable,
	&ctl_cmd_operator_pin,
	&ctl_cmd_product_add,
	&ctl_cmd_label_list,
	&ctl_cmd_label_reprint,
	&ctl_cmd_label_preview,
	&ctl_cmd_sheet_commands,
	&ctl_cmd_sheet_badges,
	&ctl_cmd_printer_list,
	&ctl_cmd_audit_verify,
	&ctl_cmd_scan_image,
};
const size_t ctl_ncmds = sizeof(ctl_cmds) / sizeof(ctl_cmds[0]);
