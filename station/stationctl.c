/* stationctl: talks to stationd over its control socket. The daemon does
 * the work; this passes the command line over and prints the answer. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../common/buf.h"
#include "proto.h"

#ifndef STATION_SOCKET
#define STATION_SOCKET "/run/station/station.sock"
#endif

static void __attribute__((noreturn))
usage(void)
{
	fprintf(stderr, "usage: stationctl [-s SOCKET] [--operator BADGE]"
	    " COMMAND [ARGS...]\n"
	    "       stationctl help      list the commands\n"
	    "The socket is -s, else $STATION_SOCKET, else " STATION_SOCKET "\n");
	exit(2);
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

int
main(int argc, char *argv[])
{
	const char *sock = getenv("STATION_SOCKET"), *outfile = NULL;
	struct buf out, err;
	char cause[512];
	int i = 1, status;

	if (sock == NULL || *sock == '\0')
		sock = STATION_SOCKET;
	for (; i < argc && argv[i][0] == '-' && strcmp(argv[i], "--operator");
	    i++) {
		if (strcmp(argv[i], "-s") == 0 && i + 1 < argc)
			sock = argv[++i];
		else if (strcmp(argv[i], "-h") == 0 ||
		    strcmp(argv[i], "--help") == 0)
			usage();
		else
			usage();
	}
	if (i == argc)
		usage();
	/* files are written here; the daemon sends the bytes back */
	for (int k = i; k + 1 < argc; k++)
		if (!strcmp(argv[k], "--png") || !strcmp(argv[k], "--pdf") ||
		    !strcmp(argv[k], "--zpl") || !strcmp(argv[k], "--csv") ||
		    !strcmp(argv[k], "--xlsx")) {
			if (strcmp(argv[k + 1], "-") != 0) {
				outfile = argv[k + 1];
				argv[k + 1] = "-";
			}
			k++;
		}
	/* photos are read by the daemon, which has its own working directory */
	int cmd = i;

	while (cmd + 1 < argc && !strcmp(argv[cmd], "--operator"))
		cmd += 2;
	int first = 0;

	if (argc - cmd >= 4 && !strcmp(argv[cmd], "case") &&
	    !strcmp(argv[cmd + 1], "photo"))
		first = cmd + 3;
	else if (argc - cmd >= 2 && !strcmp(argv[cmd], "scan-image"))
		first = cmd + 1;
	if (first)
		for (int k = first; k < argc; k++) {
			char *abs;

			if (argv[k][0] == '/' || (abs = realpath(argv[k],
			    NULL)) == NULL)
				continue;	/* the daemon says what is wrong */
			argv[k] = abs;
		}
	buf_init(&out);
	buf_init(&err);
	if (proto_call(sock, argc - i, argv + i, &status, &out, &err, cause,
	    sizeof(cause)) == -1) {
		fprintf(stderr, "stationctl: %s\n", cause);
		return 4;
	}
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
