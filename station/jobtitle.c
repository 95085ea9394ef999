/* Titles of CUPS jobs of many labels (see printd.h): shared by the daemon,
 * which names a batch, and the printer side, which finds it again. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "printd.h"

int
batch_title(const int64_t *ids, int n, char *t, size_t len)
{
	size_t off;
	int i = 0;

	off = (size_t)snprintf(t, len, "station labels ");
	while (i < n) {
		int j = i;

		while (j + 1 < n && ids[j + 1] == ids[j] + 1)
			j++;
		if (j == i)
			off += (size_t)snprintf(t + (off < len ? off : len),
			    off < len ? len - off : 0, "%s%lld", i ? "," : "",
			    (long long)ids[i]);
		else
			off += (size_t)snprintf(t + (off < len ? off : len),
			    off < len ? len - off : 0, "%s%lld-%lld", i ? "," : "",
			    (long long)ids[i], (long long)ids[j]);
		i = j + 1;
	}
	return (int)off;
}

int
title_has_label(const char *title, int64_t id)
{
	static const char pre[] = "station labels ";
	const char *s;

	if (strncmp(title, pre, sizeof(pre) - 1) != 0)
		return 0;
	for (s = title + sizeof(pre) - 1; *s; ) {
		char *end;
		long long a = strtoll(s, &end, 10), b = a;

		if (end == s)
			return 0;
		if (*end == '-') {
			s = end + 1;
			b = strtoll(s, &end, 10);
			if (end == s)
				return 0;
		}
		if (id >= a && id <= b)
			return 1;
		if (*end != ',')
			return 0;
		s = end + 1;
	}
	return 0;
}
