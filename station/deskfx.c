/* The desk's sound and status line (see deskfx.h). */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <linux/kd.h>

#include "../common/buf.h"
#include "../common/log.h"
#include "../common/loop.h"
#include "config.h"
#include "deskfx.h"
#include "intake.h"

#define PIT_HZ		1193180	/* the PC speaker's clock */
#define OK_HZ		1800
#define OK_MS		70
#define NO_HZ		330
#define NO_MS		450
#define BELL_GAP_MS	180

struct deskfx {
	struct loop	*loop;
	int		 sound;
	int		 speaker;	/* fd of a console that takes KIOCSOUND,
					   or -1: the terminal bell */
	int		 terminal;
	int		 bells;		/* bells still to ring */
	struct buf	 line;		/* the status line's text */
};

static void
tone_off(struct loop *l, void *arg)
{
	struct deskfx *fx = arg;

	(void)l;
	ioctl(fx->speaker, KIOCSOUND, 0);
}

static void
bell(struct loop *l, void *arg)
{
	struct deskfx *fx = arg;

	fputs("\a", stdout);
	fflush(stdout);
	if (--fx->bells > 0)
		loop_timer(l, BELL_GAP_MS, bell, fx);
}

struct deskfx *
deskfx_new(struct loop *loop, const struct st_config *cf, int terminal)
{
	struct deskfx *fx;

	if ((fx = calloc(1, sizeof(*fx))) == NULL)
		fatal("calloc");
	fx->loop = loop;
	fx->sound = cf->sound;
	fx->terminal = terminal;
	fx->speaker = -1;
	buf_init(&fx->line);
	if (fx->sound) {
		int fd = open(cf->sound_device, O_WRONLY | O_NOCTTY |
		    O_CLOEXEC | O_NONBLOCK);

		if (fd != -1 && ioctl(fd, KIOCSOUND, 0) == 0)
			fx->speaker = fd;
		else {
			if (fd != -1)
				close(fd);
			log_info("desk sound: no PC speaker on %s; %s",
			    cf->sound_device, terminal ? "the terminal bell"
			    " sounds instead" : "no sound without a terminal");
		}
	}
	return fx;
}

static void
sound(struct deskfx *fx, int ok)
{
	if (!fx->sound)
		return;
	if (fx->speaker != -1) {
		ioctl(fx->speaker, KIOCSOUND, PIT_HZ / (ok ? OK_HZ : NO_HZ));
		loop_timer(fx->loop, ok ? OK_MS : NO_MS, tone_off, fx);
	} else if (fx->terminal) {
		/* one bell accepted, three refused */
		loop_timer_cancel(fx->loop, bell, fx);
		fx->bells = ok ? 1 : 3;
		bell(fx->loop, fx);
	}
}

void
deskfx_redraw(struct deskfx *fx)
{
	if (!fx->terminal)
		return;
	/* bold, reversed, the width of a terminal line */
	printf("\r\033[K\033[1;7m %-78s \033[0m\nscan> ", fx->line.data ?
	    fx->line.data : "");
	fflush(stdout);
}

void
deskfx_answer(struct deskfx *fx, struct intake *in, int ok, const char *reply)
{
	struct buf d;

	sound(fx, ok);
	if (!fx->terminal)
		return;
	buf_init(&d);
	intake_describe(in, &d);
	buf_reset(&fx->line);
	/* the desk's state without its name, then the last answer */
	buf_printf(&fx->line, "%s | %s %.160s", strchr(d.data, ':') ?
	    strchr(d.data, ':') + 2 : d.data, ok ? "OK" : "NO",
	    reply ? reply : "");
	buf_free(&d);
	deskfx_redraw(fx);
}

void
deskfx_free(struct deskfx *fx)
{
	if (fx == NULL)
		return;
	loop_timer_cancel(fx->loop, bell, fx);
	if (fx->speaker != -1) {
		loop_timer_cancel(fx->loop, tone_off, fx);
		ioctl(fx->speaker, KIOCSOUND, 0);
		close(fx->speaker);
	}
	buf_free(&fx->line);
	free(fx);
}
