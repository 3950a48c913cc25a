/* Error reporting for library code: functions return 0 or a negative CT_E* code and record a
 * one-line message here; only src/cmd/ and main.c print it. */
#ifndef CT_UTIL_ERR_H
#define CT_UTIL_ERR_H

/* Exit codes of the program (documented in CONTRIBUTING.md and claimtrack.1). */
enum {
	CT_EXIT_OK = 0,
	CT_EXIT_FAIL = 1,   /* the operation failed, or validate found bad records */
	CT_EXIT_USAGE = 2,  /* bad command line */
	CT_EXIT_INPUT = 3,  /* bad input: unreadable file, malformed value, unknown id */
	CT_EXIT_DESK = 4    /* not a desk, or the desk cannot be written (locked, moved HEAD) */
};

/* Negative error codes returned by library functions. */
enum {
	CT_OK = 0,
	CT_ERROR = -1,      /* generic failure */
	CT_ENOMEM = -2,
	CT_EINPUT = -3,     /* invalid input from the user or a file */
	CT_ENOTFOUND = -4,  /* no such record / object */
	CT_EAMBIGUOUS = -5, /* id prefix matches several records */
	CT_EDESK = -6,      /* desk missing, locked or changed underneath us */
	CT_EIO = -7,        /* read/write failure */
	CT_EMOVED = -8      /* the branch moved since the transaction began: redo it on the new HEAD */
};

/* Records the message for the last error (printf-style) and returns code. */
int ct_error_set(int code, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* The last message recorded by this thread ("" if none). */
const char *ct_error_last(void);
void ct_error_clear(void);
/* Maps a negative library code to a process exit code. */
int ct_error_exit_code(int code);

#endif
