/* libFuzzer: any bytes as a stationd configuration file, read through the
 * same config_load() that start-up and `stationd -n` use. */
#define _GNU_SOURCE
#include <stdint.h>
#include <stdio.h>
#include <sys/mman.h>
#include <unistd.h>

#include "../../station/config.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int fd = -1;
	struct st_config *cf;
	char path[64], cause[2048];

	if (fd == -1 && (fd = memfd_create("fuzz.conf", 0)) == -1)
		return 0;
	if (ftruncate(fd, 0) == -1 || pwrite(fd, data, size, 0) != (ssize_t)size)
		return 0;
	snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	if ((cf = config_load(path, cause, sizeof(cause))) != NULL)
		config_free(cf);
	return 0;
}
