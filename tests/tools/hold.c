/*
 * hold: opens connections to a Unix socket and keeps them quiet, the way
 * a careless or hostile client would (tests of the control socket).
 * usage: hold SOCKET N SECONDS [EVERY]
 *   N connections held for SECONDS; with EVERY, all are closed and opened
 *   again every EVERY seconds. Prints how many were accepted at first.
 */
#include <sys/socket.h>
#include <sys/un.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static int
open_one(const char *path)
{
	struct sockaddr_un sun;
	int fd = socket(AF_UNIX, SOCK_STREAM, 0);

	memset(&sun, 0, sizeof(sun));
	sun.sun_family = AF_UNIX;
	snprintf(sun.sun_path, sizeof(sun.sun_path), "%s", path);
	if (fd == -1 || connect(fd, (struct sockaddr *)&sun, sizeof(sun)) == -1) {
		if (fd != -1)
			close(fd);
		return -1;
	}
	/* one byte of a header, and then nothing */
	if (write(fd, "R", 1) != 1) {
		close(fd);
		return -1;
	}
	return fd;
}

int
main(int argc, char *argv[])
{
	int n, secs, every = 0, *fds, ok = 0;
	time_t end, next;

	if (argc < 4 || (n = atoi(argv[2])) <= 0 || (secs = atoi(argv[3])) < 0) {
		fprintf(stderr, "usage: hold SOCKET N SECONDS [EVERY]\n");
		return 2;
	}
	if (argc > 4)
		every = atoi(argv[4]);
	if ((fds = calloc((size_t)n, sizeof(*fds))) == NULL)
		return 1;
	for (int i = 0; i < n; i++)
		if ((fds[i] = open_one(argv[1])) != -1)
			ok++;
	printf("%d\n", ok);
	fflush(stdout);
	end = time(NULL) + secs;
	next = time(NULL) + every;
	while (time(NULL) < end) {
		usleep(100000);
		if (every && time(NULL) >= next) {
			for (int i = 0; i < n; i++) {
				if (fds[i] != -1)
					close(fds[i]);
				fds[i] = open_one(argv[1]);
			}
			next = time(NULL) + every;
		}
	}
	for (int i = 0; i < n; i++)
		if (fds[i] != -1)
			close(fds[i]);
	free(fds);
	return 0;
}
