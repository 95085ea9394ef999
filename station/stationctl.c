/* stationctl: talks to stationd over its control socket. The daemon does
 * the work; this passes the command line over and prints the answer. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"
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

int
main(int argc, char *argv[])
{
	const char *sock = getenv("STATION_SOCKET");
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
	buf_init(&out);
	buf_init(&err);
	if (proto_call(sock, argc - i, argv + i, &status, &out, &err, cause,
	    sizeof(cause)) == -1) {
		fprintf(stderr, "stationctl: %s\n", cause);
		return 4;
	}
	if (out.len)
		fwrite(out.data, 1, out.len, stdout);
	if (err.len)
		fwrite(err.data, 1, err.len, stderr);
	buf_free(&out);
	buf_free(&err);
	return status;
}
