/*
 * USB HID scanners through libusb: boot keyboards (most scanners) and
 * HID-POS. Asynchronous interrupt transfers run inside the station's poll
 * loop through libusb's pollfd API. Transfer and hotplug callbacks only
 * queue what happened; decoding, delivery, opening and closing happen in
 * the main loop (never synchronous USB I/O inside a libusb callback).
 */
#include <ctype.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libusb.h>

#include "../common/clock.h"
#include "scanner.h"

#define QLEN	64
#define MAXSRC	8

struct usbsrc {
	struct scan_source	*src;
	uint16_t		 vid, pid;
	libusb_device_handle	*h;
	int			 iface;
	uint8_t			 ep;
	int			 boot_kbd;
	struct libusb_transfer	*xfer;
	int			 xfer_active;
	unsigned char		 buf[64];
	unsigned char		 q[QLEN][64];	/* reports, in arrival order */
	int			 qlen[QLEN];
	int			 qhead, qn;
	int			 gone;		/* seen by a callback */
	int			 arrived;
	libusb_hotplug_callback_handle hp;
	int			 has_hp;
	uint64_t		 next_try;
};

static libusb_context *ctx;
static struct usbsrc *srcs[MAXSRC];
static int nsrc;
static struct scan_source *fd_owner;	/* watches libusb's descriptors */

static void
pollfd_added(int fd, short events, void *arg)
{
	(void)arg;
	if (fd_owner)
		fd_owner->watch(fd_owner->owner, fd_owner, fd, events);
}

static void
pollfd_removed(int fd, void *arg)
{
	(void)arg;
	if (fd_owner)
		fd_owner->unwatch(fd_owner->owner, fd_owner, fd);
}

static int
ctx_up(struct scan_source *s, char *cause, size_t clen)
{
	const struct libusb_pollfd **fds;
	int rc;

	if (ctx)
		return 0;
	if ((rc = libusb_init(&ctx)) != 0) {
		snprintf(cause, clen, "libusb: %s", libusb_strerror(rc));
		ctx = NULL;
		return -1;
	}
	fd_owner = s;
	libusb_set_pollfd_notifiers(ctx, pollfd_added, pollfd_removed, NULL);
	if ((fds = libusb_get_pollfds(ctx)) != NULL) {
		for (int i = 0; fds[i]; i++)
			pollfd_added(fds[i]->fd, fds[i]->events, NULL);
		libusb_free_pollfds(fds);
	}
	return 0;
}

static int LIBUSB_CALL
hotplug_cb(libusb_context *c, libusb_device *dev, libusb_hotplug_event ev,
    void *arg)
{
	struct usbsrc *u = arg;

	(void)c;
	(void)dev;
	/* only a note: the main loop opens or closes */
	if (ev == LIBUSB_HOTPLUG_EVENT_DEVICE_ARRIVED)
		u->arrived = 1;
	else
		u->gone = 1;
	return 0;
}

static int
usb_check(const char *arg, char *cause, size_t clen)
{
	for (int i = 0; i < 9; i++)
		if (i == 4 ? arg[i] != ':' : !isxdigit((unsigned char)arg[i]))
			goto bad;
	if (arg[9] == '\0')
		return 0;
bad:
	snprintf(cause, clen, "usb source needs VID:PID, four hex digits each:"
	    " usb:0c2e:0b61 (see stationd --list-scanners)");
	return -1;
}

static int
usb_parse(struct scan_source *s, const char *arg, char *cause, size_t clen)
{
	unsigned int vid, pid;
	struct usbsrc *u;

	if (sscanf(arg, "%4x:%4x", &vid, &pid) != 2) {
		snprintf(cause, clen, "usb source needs VID:PID in hex");
		return -1;
	}
	if (nsrc == MAXSRC) {
		snprintf(cause, clen, "at most %d USB scanners", MAXSRC);
		return -1;
	}
	if (ctx_up(s, cause, clen) == -1)
		return -1;
	if ((u = calloc(1, sizeof(*u))) == NULL) {
		snprintf(cause, clen, "out of memory");
		return -1;
	}
	u->src = s;
	u->vid = (uint16_t)vid;
	u->pid = (uint16_t)pid;
	u->iface = -1;
	s->priv = u;
	srcs[nsrc++] = u;
	if (libusb_has_capability(LIBUSB_CAP_HAS_HOTPLUG) &&
	    libusb_hotplug_register_callback(ctx,
	    LIBUSB_HOTPLUG_EVENT_DEVICE_ARRIVED | LIBUSB_HOTPLUG_EVENT_DEVICE_LEFT,
	    0, u->vid, u->pid, LIBUSB_HOTPLUG_MATCH_ANY, hotplug_cb, u,
	    &u->hp) == LIBUSB_SUCCESS)
		u->has_hp = 1;
	return 0;
}

static void LIBUSB_CALL
xfer_cb(struct libusb_transfer *t)
{
	struct usbsrc *u = t->user_data;

	switch (t->status) {
	case LIBUSB_TRANSFER_COMPLETED:
		if (u->qn < QLEN && t->actual_length > 0) {
			int slot = (u->qhead + u->qn) % QLEN;

			memcpy(u->q[slot], t->buffer, (size_t)t->actual_length);
			u->qlen[slot] = t->actual_length;
			u->qn++;
		}
		/* asynchronous resubmission is no synchronous I/O */
		if (libusb_submit_transfer(t) == 0)
			return;
		u->gone = 1;
		break;
	case LIBUSB_TRANSFER_TIMED_OUT:
		if (libusb_submit_transfer(t) == 0)
			return;
		u->gone = 1;
		break;
	case LIBUSB_TRANSFER_CANCELLED:
		break;
	default:		/* NO_DEVICE, ERROR, STALL, OVERFLOW */
		u->gone = 1;
	}
	u->xfer_active = 0;
}

/* Finds the HID interface and its interrupt IN endpoint. */
static int
find_endpoint(libusb_device *dev, struct usbsrc *u)
{
	struct libusb_config_descriptor *cfg;
	int found = -1;

	if (libusb_get_active_config_descriptor(dev, &cfg) != 0 &&
	    libusb_get_config_descriptor(dev, 0, &cfg) != 0)
		return -1;
	for (int i = 0; i < cfg->bNumInterfaces && found == -1; i++) {
		const struct libusb_interface_descriptor *id =
		    &cfg->interface[i].altsetting[0];

		if (id->bInterfaceClass != LIBUSB_CLASS_HID)
			continue;
		for (int e = 0; e < id->bNumEndpoints; e++) {
			const struct libusb_endpoint_descriptor *ep =
			    &id->endpoint[e];

			if ((ep->bEndpointAddress & LIBUSB_ENDPOINT_IN) &&
			    (ep->bmAttributes & 3) ==
			    LIBUSB_TRANSFER_TYPE_INTERRUPT) {
				u->iface = id->bInterfaceNumber;
				u->ep = ep->bEndpointAddress;
				u->boot_kbd = id->bInterfaceSubClass == 1 &&
				    id->bInterfaceProtocol == 1;
				found = 0;
				break;
			}
		}
	}
	libusb_free_config_descriptor(cfg);
	return found;
}

static void
usb_close(struct scan_source *s)
{
	struct usbsrc *u = s->priv;

	if (u->xfer) {
		if (u->xfer_active && libusb_cancel_transfer(u->xfer) == 0) {
			struct timeval tv = { 0, 100000 };

			for (int i = 0; i < 10 && u->xfer_active; i++)
				libusb_handle_events_timeout_completed(ctx, &tv,
				    NULL);
		}
		if (!u->xfer_active) {
			libusb_free_transfer(u->xfer);
			u->xfer = NULL;
		}
	}
	if (u->h) {
		if (u->iface >= 0)
			libusb_release_interface(u->h, u->iface);
		libusb_close(u->h);
		u->h = NULL;
	}
	u->gone = 0;
}

static int
usb_open(struct scan_source *s)
{
	struct usbsrc *u = s->priv;
	libusb_device **list, *dev = NULL;
	ssize_t n;
	int rc;

	u->next_try = clock_mono_ms() + 1000;
	u->arrived = 0;
	if ((n = libusb_get_device_list(ctx, &list)) < 0) {
		snprintf(s->error, sizeof(s->error), "listing USB devices: %s",
		    libusb_strerror((int)n));
		return -1;
	}
	for (ssize_t i = 0; i < n && dev == NULL; i++) {
		struct libusb_device_descriptor dd;

		if (libusb_get_device_descriptor(list[i], &dd) == 0 &&
		    dd.idVendor == u->vid && dd.idProduct == u->pid)
			dev = list[i];
	}
	if (dev == NULL) {
		libusb_free_device_list(list, 1);
		snprintf(s->error, sizeof(s->error), "%04x:%04x is not plugged"
		    " in", u->vid, u->pid);
		return -1;
	}
	if (find_endpoint(dev, u) == -1) {
		libusb_free_device_list(list, 1);
		snprintf(s->error, sizeof(s->error), "%04x:%04x has no HID"
		    " interface with an interrupt endpoint", u->vid, u->pid);
		s->state = SRC_ERROR;
		return -1;
	}
	rc = libusb_open(dev, &u->h);
	libusb_free_device_list(list, 1);
	if (rc != 0) {
		snprintf(s->error, sizeof(s->error), "opening %04x:%04x: %s"
		    " (see the udev rule in the README)", u->vid, u->pid,
		    libusb_strerror(rc));
		u->h = NULL;
		return -1;
	}
	/* the kernel's keyboard driver lets go; "not found" when none is
	 * bound (as under emulation) is fine */
	if (libusb_kernel_driver_active(u->h, u->iface) == 1) {
		rc = libusb_detach_kernel_driver(u->h, u->iface);
		if (rc != 0 && rc != LIBUSB_ERROR_NOT_FOUND) {
			snprintf(s->error, sizeof(s->error), "detaching the"
			    " keyboard driver: %s", libusb_strerror(rc));
			usb_close(s);
			return -1;
		}
	}
	if ((rc = libusb_claim_interface(u->h, u->iface)) != 0) {
		snprintf(s->error, sizeof(s->error), "claiming %04x:%04x: %s",
		    u->vid, u->pid, libusb_strerror(rc));
		usb_close(s);
		return -1;
	}
	if ((u->xfer = libusb_alloc_transfer(0)) == NULL) {
		usb_close(s);
		return -1;
	}
	libusb_fill_interrupt_transfer(u->xfer, u->h, u->ep, u->buf,
	    u->boot_kbd ? 8 : (int)sizeof(u->buf), xfer_cb, u, 0);
	if ((rc = libusb_submit_transfer(u->xfer)) != 0) {
		snprintf(s->error, sizeof(s->error), "reading %04x:%04x: %s",
		    u->vid, u->pid, libusb_strerror(rc));
		usb_close(s);
		return -1;
	}
	u->xfer_active = 1;
	hid_kbd_init(&s->kbd);
	s->state = SRC_CONNECTED;
	s->error[0] = '\0';
	return 0;
}

/* Decodes queued reports and acts on what callbacks noted. */
static void
drain(struct usbsrc *u)
{
	struct scan_source *s = u->src;

	while (u->qn > 0) {
		char text[256] = "";
		int slot = u->qhead;

		if (u->boot_kbd)
			hid_kbd_report(&s->kbd, u->q[slot], (size_t)u->qlen[slot],
			    text, sizeof(text));
		else
			hid_pos_report(u->q[slot], (size_t)u->qlen[slot], text,
			    sizeof(text));
		u->qhead = (u->qhead + 1) % QLEN;
		u->qn--;
		if (text[0])
			scan_source_bytes(s, text, strlen(text));
	}
	if (u->gone && s->state == SRC_CONNECTED) {
		usb_close(s);
		scan_source_lost(s, "unplugged");
	}
}

static void
usb_io(struct scan_source *s, int fd, short revents)
{
	struct timeval zero = { 0, 0 };

	(void)s;
	(void)fd;
	(void)revents;
	libusb_handle_events_timeout_completed(ctx, &zero, NULL);
	for (int i = 0; i < nsrc; i++)
		drain(srcs[i]);
}

static void
usb_tick(struct scan_source *s)
{
	struct usbsrc *u = s->priv;

	drain(u);
	if (s->state == SRC_WAITING && (u->arrived ||
	    clock_mono_ms() >= u->next_try))
		usb_open(s);
}

void
scan_list_usb(void (*fn)(void *, const char *), void *arg)
{
	libusb_context *c;
	libusb_device **list;
	char line[256];
	ssize_t n;

	if (libusb_init(&c) != 0)
		return;
	if ((n = libusb_get_device_list(c, &list)) > 0) {
		for (ssize_t i = 0; i < n; i++) {
			struct libusb_device_descriptor dd;
			struct libusb_config_descriptor *cfg;

			if (libusb_get_device_descriptor(list[i], &dd) != 0 ||
			    libusb_get_config_descriptor(list[i], 0, &cfg) != 0)
				continue;
			for (int k = 0; k < cfg->bNumInterfaces; k++) {
				const struct libusb_interface_descriptor *id =
				    &cfg->interface[k].altsetting[0];
				const char *what = NULL;

				if (id->bInterfaceClass == LIBUSB_CLASS_HID &&
				    id->bInterfaceSubClass == 1 &&
				    id->bInterfaceProtocol == 1)
					what = "HID boot keyboard (scanner or"
					    " keyboard)";
				else if (id->bInterfaceClass == LIBUSB_CLASS_HID)
					what = "HID (HID-POS scanner?)";
				else if (id->bInterfaceClass ==
				    LIBUSB_CLASS_COMM && id->bInterfaceSubClass == 2)
					what = "CDC-ACM serial (see serial:)";
				if (what == NULL)
					continue;
				snprintf(line, sizeof(line), "usb:%04x:%04x  bus %d"
				    " device %d  %s", dd.idVendor, dd.idProduct,
				    libusb_get_bus_number(list[i]),
				    libusb_get_device_address(list[i]), what);
				fn(arg, line);
				break;
			}
			libusb_free_config_descriptor(cfg);
		}
		libusb_free_device_list(list, 1);
	}
	libusb_exit(c);
}

const struct scan_driver scan_driver_usb = {
	.prefix = "usb",
	.name = "USB HID scanner (libusb)",
	.check = usb_check,
	.parse = usb_parse,
	.open = usb_open,
	.close = usb_close,
	.io = usb_io,
	.tick = usb_tick,
};
