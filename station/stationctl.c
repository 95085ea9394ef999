/* stationctl: talks to stationd over its control socket. The daemon does
 * the work; this passes the command line over and prints the answer. */
#include <errno.h>
#include <signal.h>
#include <fcntl.h>
#include <termios.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../common/buf.h"
#include "ctldoc.h"
#include "proto.h"
#include "version.h"

#ifndef STATION_SBINDIR
#define STATION_SBINDIR "/usr/local/sbin"
#endif

#ifndef STATION_SOCKET
#define STATION_SOCKET "/run/station/station.sock"
#endif

static void
usage_to(FILE *f)
{
	fprintf(f, "usage: stationctl [-s SOCKET] [--operator BADGE [--pin NNNN]]"
	    " COMMAND [ARGS...]\n"
	    "       stationctl help [COMMAND]   the commands, or one of them\n"
	    "       stationctl --version\n"
	    "The socket is -s, else $STATION_SOCKET, else " STATION_SOCKET "\n"
	    "\ncommands:\n");
	for (size_t i = 0; i < ctl_ndocs; i++)
		fprintf(f, "  %-22s %s\n", ctl_docs[i].name, ctl_docs[i].help);
}

static void __attribute__((noreturn))
usage(void)
{
	usage_to(stderr);
	exit(2);
}

/* The command whose words start argv (the longest name that fits). */
static const struct ctl_doc *
find_doc(int argc, char **argv)
{
	const struct ctl_doc *best = NULL;
	size_t bestlen = 0;
	char words[256] = "";

	for (int i = 0; i < argc && i < 4; i++) {
		if (i)
			strncat(words, " ", sizeof(words) - strlen(words) - 1);
		strncat(words, argv[i], sizeof(words) - strlen(words) - 1);
		for (size_t k = 0; k < ctl_ndocs; k++)
			if (strcmp(ctl_docs[k].name, words) == 0 &&
			    strlen(words) > bestlen) {
				best = &ctl_docs[k];
				bestlen = strlen(words);
			}
	}
	return best;
}

/* Reads a PIN from the terminal without showing it; 0, or -1. */
static int
ask_pin(char *pin, size_t len)
{
	struct termios old, quiet;
	FILE *tty = fopen("/dev/tty", "r+");
	int rc = -1;

	if (tty == NULL)
		return -1;
	fputs("PIN: ", tty);
	fflush(tty);
	if (tcgetattr(fileno(tty), &old) == 0) {
		quiet = old;
		quiet.c_lflag &= ~(tcflag_t)ECHO;
		tcsetattr(fileno(tty), TCSANOW, &quiet);
		if (fgets(pin, (int)len, tty) != NULL) {
			pin[strcspn(pin, "\r\n")] = '\0';
			rc = 0;
		}
		tcsetattr(fileno(tty), TCSANOW, &old);
	}
	fputs("\n", tty);
	fclose(tty);
	return rc;
}

/* stationctl help [COMMAND] and COMMAND --help: no stationd needed. */
static int
help(int argc, char **argv)
{
	const struct ctl_doc *d;

	if (argc == 0) {
		usage_to(stdout);
		return 0;
	}
	if ((d = find_doc(argc, argv)) == NULL) {
		fprintf(stderr, "stationctl: no command '%s'\n", argv[0]);
		usage_to(stderr);
		return 2;
	}
	printf("usage: %s\n\n%s\n", d->usage, d->help);
	if (*d->options)
		printf("\noptions:\n%s", d->options);
	return 0;
}

/* Writes bytes to path through a temporary file, so a reader never sees
 * half a label. */
static int
write_out(const char *path, const char *data, size_t len)
{
	char tmp[4096];
	FILE *f;

	snprintf(tmp, sizeof(tmp), "%s.tmp", path);
	if ((f = fopen(tmp, "wb")) == NULL)
		return -1;
	if (fwrite(data, 1, len, f) != len || fclose(f) == EOF) {
		unlink(tmp);
		return -1;
	}
	return rename(tmp, path);
}

/*
 * restore FILE [-c CONFIG]: runs with stationd stopped, so there is no
 * daemon to ask; stationd --restore does it (it checks that none runs).
 * The stationd beside this stationctl, else the installed one.
 */
static int
restore(int argc, char **argv)
{
	const char *conf = NULL, *file = NULL;
	char self[4096], path[4200], *slash;
	ssize_t n;

	for (int k = 0; k < argc; k++) {
		if (!strcmp(argv[k], "-c") && k + 1 < argc)
			conf = argv[++k];
		else if (argv[k][0] != '-' && file == NULL)
			file = argv[k];
		else {
			file = NULL;
			break;
		}
	}
	if (file == NULL) {
		fprintf(stderr, "usage: stationctl restore FILE [-c CONFIG]"
		    " (with stationd stopped)\n");
		return 2;
	}
	snprintf(path, sizeof(path), "%s/stationd", STATION_SBINDIR);
	if ((n = readlink("/proc/self/exe", self, sizeof(self) - 1)) > 0) {
		self[n] = '\0';
		if ((slash = strrchr(self, '/')) != NULL) {
			*slash = '\0';
			snprintf(path, sizeof(path), "%s/stationd", self);
			if (access(path, X_OK) != 0)
				snprintf(path, sizeof(path), "%s/stationd",
				    STATION_SBINDIR);
		}
	}
	fflush(stdout);
	if (conf)
		execl(path, "stationd", "-c", conf, "--restore", file,
		    (char *)NULL);
	else
		execl(path, "stationd", "--restore", file, (char *)NULL);
	fprintf(stderr, "stationctl: %s: %s\n", path, strerror(errno));
	return 1;
}

static int waited;

static void
waiting(unsigned seconds, size_t got, size_t len)
{
	waited = 1;
	if (len > (1u << 20))
		fprintf(stderr, "\r\033[Kreceiving / 接收中 %zu of %zu kB, %u s",
		    got >> 10, len >> 10, seconds);
	else
		fprintf(stderr, "\r\033[Kworking / 处理中 %u s ...", seconds);
}

int
main(int argc, char *argv[])
{
	const char *sock = getenv("STATION_SOCKET"), *outfile = NULL;
	struct buf out, err;
	char cause[512];
	int i = 1, status;

	if (sock == NULL || *sock == '\0')
		sock = STATION_SOCKET;
	/* a daemon that hangs up is reported, not a signal that kills us */
	signal(SIGPIPE, SIG_IGN);
	for (; i < argc && argv[i][0] == '-' && strcmp(argv[i], "--operator") &&
	    strcmp(argv[i], "--pin"); i++) {
		if (strcmp(argv[i], "-s") == 0 && i + 1 < argc)
			sock = argv[++i];
		else if (strcmp(argv[i], "-h") == 0 ||
		    strcmp(argv[i], "--help") == 0)
			return help(0, NULL);
		else if (strcmp(argv[i], "--version") == 0) {
			printf("stationctl %s\n", STATION_VERSION);
			return 0;
		} else
			usage();
	}
	if (i == argc)
		usage();
	if (!strcmp(argv[i], "restore"))
		return restore(argc - i - 1, argv + i + 1);
	{
		int cmd = i;

		while (cmd + 1 < argc && (!strcmp(argv[cmd], "--operator") ||
		    !strcmp(argv[cmd], "--pin")))
			cmd += 2;
		if (cmd < argc && strcmp(argv[cmd], "help") == 0)
			return help(argc - cmd - 1, argv + cmd + 1);
		for (int k = cmd; k < argc; k++)
			if (strcmp(argv[k], "--help") == 0 &&
			    find_doc(argc - cmd, argv + cmd) != NULL &&
			    strcmp(find_doc(argc - cmd, argv + cmd)->name,
			    "scan") != 0)
				return help(argc - cmd, argv + cmd);
	}
	/* files are written here; the daemon sends the bytes back */
	for (int k = i; k + 1 < argc; k++)
		if (!strcmp(argv[k], "--png") || !strcmp(argv[k], "--pdf") ||
		    !strcmp(argv[k], "--zpl") || !strcmp(argv[k], "--csv") ||
		    !strcmp(argv[k], "--xlsx") || !strcmp(argv[k], "--svg")) {
			if (strcmp(argv[k + 1], "-") != 0) {
				outfile = argv[k + 1];
				argv[k + 1] = "-";
			}
			k++;
		}
	/* the files are opened here, with the caller's rights, and handed
	 * over open: stationd never opens a path a client names */
	int cmd = i, first = 0, fds[PROTO_MAX_FDS], nfds = 0, pin_given = 0;
	const char *made = NULL;	/* a file created for the reply */

	while (cmd + 1 < argc && (!strcmp(argv[cmd], "--operator") ||
	    !strcmp(argv[cmd], "--pin"))) {
		pin_given |= !strcmp(argv[cmd], "--pin");
		cmd += 2;
	}
	if (argc - cmd >= 3 && !strcmp(argv[cmd], "case") &&
	    !strcmp(argv[cmd + 1], "photo"))
		first = cmd + 3;
	else if (argc - cmd >= 2 && !strcmp(argv[cmd], "scan-image"))
		first = cmd + 1;
	else if (argc - cmd >= 3 && !strcmp(argv[cmd], "expect") &&
	    !strcmp(argv[cmd + 1], "import"))
		first = cmd + 2;
	else if (argc - cmd >= 3 && !strcmp(argv[cmd], "import") &&
	    !strcmp(argv[cmd + 1], "history")) {
		/* the table first, then the --map file; the daemon is told
		 * "-" for the map, as it never opens a path */
		int mapk = 0;

		for (int k = cmd + 2; k < argc; k++)
			if (!strcmp(argv[k], "--map") && k + 1 < argc)
				mapk = ++k;
			else if (argv[k][0] != '-' && nfds == 0 &&
			    (fds[nfds++] = open(argv[k], O_RDONLY | O_CLOEXEC |
			    O_NOCTTY | O_NONBLOCK)) == -1) {
				fprintf(stderr, "stationctl: %s: %s\n", argv[k],
				    strerror(errno));
				return 1;
			}
		if (mapk && nfds == 1) {
			if ((fds[nfds++] = open(argv[mapk], O_RDONLY |
			    O_CLOEXEC | O_NOCTTY | O_NONBLOCK)) == -1) {
				fprintf(stderr, "stationctl: %s: %s\n",
				    argv[mapk], strerror(errno));
				return 1;
			}
			argv[mapk] = "-";
		}
	}
	/* a backup goes into a file created here, never over another */
	if (argc - cmd == 2 && !strcmp(argv[cmd], "backup")) {
		if ((fds[nfds++] = open(argv[cmd + 1], O_WRONLY | O_CREAT |
		    O_EXCL | O_CLOEXEC | O_NOCTTY, 0600)) == -1) {
			fprintf(stderr, "stationctl: %s: %s\n", argv[cmd + 1],
			    strerror(errno));
			return 1;
		}
		made = argv[cmd + 1];
	}
	if (first)
		for (int k = first; k < argc; k++) {
			if (argv[k][0] == '-' && argv[k][1] == '-')
				continue;	/* an option: the daemon says */
			if (nfds == PROTO_MAX_FDS) {
				fprintf(stderr, "stationctl: at most %d files at a"
				    " time\n", PROTO_MAX_FDS);
				return 2;
			}
			if ((fds[nfds++] = open(argv[k], O_RDONLY | O_CLOEXEC |
			    O_NOCTTY | O_NONBLOCK)) == -1) {
				fprintf(stderr, "stationctl: %s: %s\n", argv[k],
				    strerror(errno));
				return 1;
			}
		}
	buf_init(&out);
	buf_init(&err);
	/* long work (a year's report, an import, a backup) says it goes on */
	if (isatty(STDERR_FILENO))
		proto_waiting = waiting;
	if (proto_call_fds(sock, argc - i, argv + i, fds, nfds, &status, &out,
	    &err, cause, sizeof(cause)) == -1) {
		fprintf(stderr, "stationctl: %s\n", cause);
		if (made)
			unlink(made);
		return 4;
	}
	/* a sign-off wants the operator's PIN: asked for at a terminal */
	if (status == 5 && !pin_given && isatty(STDIN_FILENO)) {
		char pin[32], **av;

		if (ask_pin(pin, sizeof(pin)) == 0 &&
		    (av = calloc((size_t)(argc - i + 3), sizeof(*av))) != NULL) {
			av[0] = "--pin";
			av[1] = pin;
			memcpy(av + 2, argv + i, (size_t)(argc - i) * sizeof(*av));
			buf_reset(&out);
			buf_reset(&err);
			if (proto_call_fds(sock, argc - i + 2, av, fds, nfds,
			    &status, &out, &err, cause, sizeof(cause)) == -1) {
				fprintf(stderr, "stationctl: %s\n", cause);
				return 4;
			}
			explicit_bzero(pin, sizeof(pin));
			free(av);
		}
	}
	if (waited)
		fputs("\r\033[K", stderr);
	if (status == 5)
		status = 1;	/* asked and not given: refused */
	if (made && status != 0)
		unlink(made);	/* no half a backup left to trust */
	if (outfile && status == 0) {
		if (write_out(outfile, out.data ? out.data : "", out.len) == -1) {
			fprintf(stderr, "stationctl: %s: %s\n", outfile,
			    strerror(errno));
			return 1;
		}
		printf("wrote %s (%zu bytes)\n", outfile, out.len);
	} else if (out.len)
		fwrite(out.data, 1, out.len, stdout);
	if (err.len)
		fwrite(err.data, 1, err.len, stderr);
	buf_free(&out);
	buf_free(&err);
	return status;
}
