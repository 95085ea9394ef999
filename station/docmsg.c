/* Documents for the printer side, block by block (see docmsg.h). */
#include <stdarg.h>
#include <stdio.h>

#include "../common/buf.h"
#include "../common/msg.h"
#include "docmsg.h"
#include "printd.h"

void
docmsg_add(struct docmsg *d, int style, const char *text)
{
	char key[32];

	if (d->n >= DOC_MAX_BLOCKS)
		return;
	snprintf(key, sizeof(key), "style.%d", d->n);
	msg_put_int(d->f, key, style);
	snprintf(key, sizeof(key), "text.%d", d->n);
	msg_put_str(d->f, key, text);
	d->n++;
}

void
docmsg_addf(struct docmsg *d, int style, const char *fmt, ...)
{
	char text[2400];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(text, sizeof(text), fmt, ap);
	va_end(ap);
	docmsg_add(d, style, text);
}

void
docmsg_end(struct docmsg *d, const char *footer)
{
	msg_put_str(d->f, "footer", footer);
	msg_put_int(d->f, "n", d->n);
}
