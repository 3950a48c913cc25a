/* An LD_PRELOAD shim for the failure-injection tests (tests/e2e/t0855-*.sh): write, pwrite,
 * fsync, fdatasync and rename succeed for the first CT_FAULT_AFTER calls of the process, then
 * every later call fails with CT_FAULT_ERRNO (ENOSPC, the default, or EIO): a disk that fills
 * up, or starts failing, at that moment. Writes to standard input, output and error are neither
 * counted nor failed, so the command can still say what went wrong. CT_FAULT_OPS limits the
 * calls counted ("write,fsync,rename"; default all). With CT_FAULT_COUNT=FILE the shim only
 * counts, and appends the number of calls it saw to FILE at exit: the range a test walks. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <unistd.h>

static long after = -1;      /* calls allowed; -1: never fail */
static long calls;
static int fail_errno = ENOSPC;
static const char *ops;
static const char *count_file;
static int ready;

static void setup(void)
{
	const char *s;
	if (ready)
		return;
	ready = 1;
	if ((s = getenv("CT_FAULT_AFTER")) && *s)
		after = strtol(s, NULL, 10);
	if ((s = getenv("CT_FAULT_ERRNO")) && !strcmp(s, "EIO"))
		fail_errno = EIO;
	ops = getenv("CT_FAULT_OPS");
	count_file = getenv("CT_FAULT_COUNT");
}

/* 1 when this call must fail (and sets errno). */
static int inject(const char *op)
{
	setup();
	if (ops && *ops && !strstr(ops, op))
		return 0;
	calls++;
	if (after >= 0 && calls > after) {
		errno = fail_errno;
		return 1;
	}
	return 0;
}

static void *next(const char *name)
{
	void *f = dlsym(RTLD_NEXT, name);
	if (!f)
		abort();
	return f;
}

ssize_t write(int fd, const void *buf, size_t n)
{
	static ssize_t (*real)(int, const void *, size_t);
	if (!real)
		real = (ssize_t (*)(int, const void *, size_t))next("write");
	if (fd > 2 && inject("write"))
		return -1;
	return real(fd, buf, n);
}

ssize_t pwrite(int fd, const void *buf, size_t n, off_t off)
{
	static ssize_t (*real)(int, const void *, size_t, off_t);
	if (!real)
		real = (ssize_t (*)(int, const void *, size_t, off_t))next("pwrite");
	if (fd > 2 && inject("pwrite"))
		return -1;
	return real(fd, buf, n, off);
}

ssize_t pwrite64(int fd, const void *buf, size_t n, off_t off)
{
	static ssize_t (*real)(int, const void *, size_t, off_t);
	if (!real)
		real = (ssize_t (*)(int, const void *, size_t, off_t))next("pwrite64");
	if (fd > 2 && inject("pwrite"))
		return -1;
	return real(fd, buf, n, off);
}

int fsync(int fd)
{
	static int (*real)(int);
	if (!real)
		real = (int (*)(int))next("fsync");
	if (inject("fsync"))
		return -1;
	return real(fd);
}

int fdatasync(int fd)
{
	static int (*real)(int);
	if (!real)
		real = (int (*)(int))next("fdatasync");
	if (inject("fsync"))
		return -1;
	return real(fd);
}

int rename(const char *from, const char *to)
{
	static int (*real)(const char *, const char *);
	if (!real)
		real = (int (*)(const char *, const char *))next("rename");
	if (inject("rename"))
		return -1;
	return real(from, to);
}

__attribute__((destructor)) static void report(void)
{
	FILE *f;
	setup();
	if (!count_file || !(f = fopen(count_file, "a")))
		return;
	fprintf(f, "%ld\n", calls);
	fclose(f);
}
