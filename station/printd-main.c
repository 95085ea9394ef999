/*
 * station-printer: the printer side of stationd (see printd.h), a program
 * of its own so that the daemon that acknowledges scans never loads the
 * font, drawing, image and CUPS libraries. stationd starts it; it is not
 * run by hand.
 * usage: station-printer FD [-c FILE] [-f] [-d]
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../common/log.h"
#include "config.h"
#include "printd.h"

int
main(int argc, char *argv[])
{
	const char *conf = NULL;
	struct st_config *cf;
	char cause[1024];
	int fd, fg = 0, debug = 0, ch, rc;

	if (argc < 2 || (fd = atoi(argv[1])) < 3) {
		fprintf(stderr, "usage: station-printer FD [-c FILE] [-f] [-d]\n"
		    "(stationd starts it)\n");
		return 2;
	}
	optind = 2;
	while ((ch = getopt(argc, argv, "c:df")) != -1) {
		switch (ch) {
		case 'c': conf = optarg; break;
		case 'd': debug = 1; break;
		case 'f': fg = 1; break;
		default: return 2;
		}
	}
	log_init("stationd/printer", fg, debug);
	cf = conf ? config_load(conf, cause, sizeof(cause)) :
	    config_default_full(cause, sizeof(cause));
	if (cf == NULL)
		fatalx("%s", cause);
	log_setdebug(debug || cf->debug);
	rc = printd_main(fd, cf);
	config_free(cf);
	return rc;
}
