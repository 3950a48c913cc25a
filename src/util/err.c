/* Last-error message storage for library code: see err.h. */
#include "util/err.h"

#include <stdarg.h>
#include <stdio.h>

/* One per thread: a worker thread (add's index writer) records its own errors without racing the
 * main thread's; it hands the message over itself. */
static _Thread_local char last_error[1024];

int ct_error_set(int code, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(last_error, sizeof(last_error), fmt, ap);
	va_end(ap);
	return code;
}

const char *ct_error_last(void)
{
	return last_error;
}

void ct_error_clear(void)
{
	last_error[0] = '\0';
}

int ct_error_exit_code(int code)
{
	switch (code) {
	case CT_OK:
		return CT_EXIT_OK;
	case CT_EINPUT:
	case CT_ENOTFOUND:
	case CT_EAMBIGUOUS:
		return CT_EXIT_INPUT;
	case CT_EDESK:
	case CT_EMOVED:
		return CT_EXIT_DESK;
	default:
		return CT_EXIT_FAIL;
	}
}
