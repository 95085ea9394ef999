/* What every printer driver shares (see printer.h). */
#include "printer.h"

static const char *const job_state_names[] = {
	"pending", "held", "processing", "stopped", "canceled", "aborted",
	"completed", "unknown",
};

const char *
print_job_state_name(enum print_job_state s)
{
	return job_state_names[s];
}
