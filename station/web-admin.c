/*
 * The office page's admin work: operators (add, roles, disable, enable, a
 * new PIN), the catalogue (add, edit, disable models), the fault causes
 * (add, rename, stop taking), and what the station holds of them. Each form is the station's own command,
 * drawn from its declaration and shown to the roles it names; every change
 * is the command's, audited as from stationctl.
 */
#include <string.h>

#include "ctl.h"
#include "role.h"
#include "web-int.h"

static const struct {
	const char *cmd, *zh, *en;
} work[] = {
	{ "operator add", "新增操作员", "Add an operator" },
	{ "operator pin", "设置PIN", "Set a PIN" },
	{ "operator roles", "修改角色", "Change roles" },
	{ "operator disable", "停用工牌", "Disable a badge" },
	{ "operator enable", "启用工牌", "Take a badge back" },
	{ "product add", "新增型号", "Add a model" },
	{ "product edit", "修改型号", "Change a model" },
	{ "product disable", "停用型号", "Stop taking a model" },
	{ "cause add", "新增故障原因", "Add a fault cause" },
	{ "cause edit", "修改故障原因", "Change a fault cause" },
};
#define NWORK (sizeof(work) / sizeof(work[0]))

int
web_admin_offers(const char *name)
{
	for (size_t i = 0; i < NWORK; i++)
		if (!strcmp(work[i].cmd, name))
			return 1;
	return 0;
}

/* A listing as the command prints it. */
static void
listing(struct page *p, const char *title, int argc, const char *const *argv)
{
	struct buf out, err;

	buf_init(&out);
	buf_init(&err);
	web_call(p, NULL, argc, argv, &out, &err);
	buf_puts(&p->b, "<section class=\"box\"><h3>");
	web_esc(&p->b, title);
	buf_puts(&p->b, "</h3>");
	web_output(p, &out, &err);
	buf_puts(&p->b, "</section>");
	buf_free(&out);
	buf_free(&err);
}

enum MHD_Result
web_admin(struct page *p)
{
	static const char *const ops[] = { "operator", "list" };
	static const char *const products[] = { "product", "list", "--limit",
	    "200" };
	static const char *const causes[] = { "cause", "list" };
	unsigned roles = role_mask(p->s.roles);
	struct buf *b = &p->b;

	web_head(p, L(p, "管理", "Admin"));
	buf_printf(b, "<h2>%s</h2><div class=\"grid\">", L(p, "管理",
	    "Admin"));
	for (size_t i = 0; i < NWORK; i++) {
		const struct ctl_cmd *cmd = web_command(work[i].cmd);

		/* the roles the command names; its own checks still decide
		 * (a PIN of one's own is anyone's) */
		if (cmd && (cmd->roles == 0 || (cmd->roles & roles)))
			web_cmd_form(p, cmd, L(p, work[i].zh, work[i].en), NULL);
	}
	buf_puts(b, "</div>");
	listing(p, L(p, "操作员", "Operators"), NARGS(ops), ops);
	listing(p, L(p, "产品目录", "Catalogue"), NARGS(products), products);
	listing(p, L(p, "故障原因", "Fault causes"), NARGS(causes), causes);
	web_end(p);
	return web_send(p, MHD_HTTP_OK);
}
