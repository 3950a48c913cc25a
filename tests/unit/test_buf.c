/* Unit tests for src/util/buf: the shared empty string, appends and their NUL termination,
 * printf growth, detach, truncate, reading files, and the sticky allocation failure. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "util/buf.h"

static void test_init_is_empty_string(void **state)
{
	ct_buf b = CT_BUF_INIT, c;
	(void)state;
	assert_non_null(b.ptr);
	assert_string_equal(b.ptr, "");
	assert_int_equal(b.len, 0);
	assert_int_equal(b.cap, 0);
	assert_int_equal(ct_buf_oom(&b), 0);
	memset(&c, 0x5a, sizeof(c));
	ct_buf_init(&c);
	assert_ptr_equal(c.ptr, b.ptr);
	assert_string_equal(c.ptr, "");
	assert_int_equal(c.len, 0);
	assert_int_equal(c.cap, 0);
	assert_int_equal(c.oom, 0);
	/* Releasing a never-grown buffer is harmless and leaves it usable. */
	ct_buf_release(&b);
	assert_string_equal(b.ptr, "");
	assert_int_equal(ct_buf_puts(&b, "x"), 0);
	assert_string_equal(b.ptr, "x");
	ct_buf_release(&b);
	assert_string_equal(b.ptr, "");
	assert_int_equal(b.cap, 0);
	/* The shared empty string was never written to. */
	assert_string_equal(ct_buf__empty, "");
}

static void test_put_puts_putc(void **state)
{
	ct_buf b = CT_BUF_INIT;
	(void)state;
	assert_int_equal(ct_buf_puts(&b, "hello"), 0);
	assert_int_equal(ct_buf_putc(&b, ','), 0);
	assert_int_equal(ct_buf_put(&b, " world!!!", 6), 0);
	assert_string_equal(b.ptr, "hello, world");
	assert_int_equal(b.len, 12);
	assert_true(b.cap > b.len);
	/* Zero-length appends change nothing. */
	assert_int_equal(ct_buf_put(&b, "zzz", 0), 0);
	assert_int_equal(ct_buf_puts(&b, ""), 0);
	assert_int_equal(b.len, 12);
	assert_string_equal(b.ptr, "hello, world");
	ct_buf_release(&b);
}

static void test_put_binary_keeps_nul(void **state)
{
	ct_buf b = CT_BUF_INIT;
	static const char data[] = { 'a', '\0', 'b', '\0', 'c' };
	(void)state;
	assert_int_equal(ct_buf_put(&b, data, sizeof(data)), 0);
	assert_int_equal(b.len, 5);
	assert_memory_equal(b.ptr, data, 5);
	assert_int_equal(b.ptr[5], '\0');
	assert_int_equal(ct_buf_putc(&b, '\0'), 0);
	assert_int_equal(b.len, 6);
	assert_int_equal(b.ptr[5], '\0');
	assert_int_equal(b.ptr[6], '\0');
	ct_buf_release(&b);
}

static void test_many_appends_grow(void **state)
{
	ct_buf b = CT_BUF_INIT;
	size_t i;
	(void)state;
	for (i = 0; i < 100000; i++)
		assert_int_equal(ct_buf_putc(&b, (char)('a' + i % 26)), 0);
	assert_int_equal(b.len, 100000);
	assert_true(b.cap >= 100001);
	assert_int_equal(strlen(b.ptr), 100000);
	for (i = 0; i < 100000; i++)
		if (b.ptr[i] != (char)('a' + i % 26))
			fail_msg("byte %zu is %c", i, b.ptr[i]);
	ct_buf_release(&b);
}

static void test_grow_reserves(void **state)
{
	ct_buf b = CT_BUF_INIT;
	char *before;
	(void)state;
	assert_int_equal(ct_buf_grow(&b, 1000), 0);
	assert_true(b.cap >= 1001);
	assert_int_equal(b.len, 0);
	assert_string_equal(b.ptr, "");
	before = b.ptr;
	/* Appends within the reserved room do not move the string. */
	{
		char chunk[1000];
		memset(chunk, 'y', sizeof(chunk));
		assert_int_equal(ct_buf_put(&b, chunk, sizeof(chunk)), 0);
	}
	assert_ptr_equal(b.ptr, before);
	assert_int_equal(b.len, 1000);
	assert_int_equal(b.ptr[1000], '\0');
	ct_buf_release(&b);
}

static void test_printf(void **state)
{
	ct_buf b = CT_BUF_INIT;
	char big[300];
	(void)state;
	assert_int_equal(ct_buf_printf(&b, "%s=%d", "n", 42), 0);
	assert_string_equal(b.ptr, "n=42");
	assert_int_equal(b.len, 4);
	assert_int_equal(ct_buf_printf(&b, "; %05.1f|%x|%c", 3.14159, 255u, 'Z'), 0);
	assert_string_equal(b.ptr, "n=42; 003.1|ff|Z");
	assert_int_equal(b.len, strlen("n=42; 003.1|ff|Z"));
	/* An expansion longer than the first allocation. */
	memset(big, 'q', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	assert_int_equal(ct_buf_printf(&b, "[%s]", big), 0);
	assert_int_equal(b.len, strlen("n=42; 003.1|ff|Z") + 301);
	assert_int_equal(b.ptr[b.len - 1], ']');
	assert_int_equal(b.ptr[b.len], '\0');
	assert_int_equal(strlen(b.ptr), b.len);
	/* Texts that fit the room left exactly, miss it by one byte, or fill it but for the NUL: the
	 * one-pass and the two-pass formatting give the same bytes. */
	{
		size_t k;
		for (k = 0; k < 3; k++) {
			ct_buf c = CT_BUF_INIT, want = CT_BUF_INIT;
			size_t room, i;
			ct_buf_puts(&c, "x");
			room = c.cap - c.len;
			assert_true(room > 1);
			for (i = 0; i + 2 < room + k; i++)   /* room - 2, room - 1, room bytes */
				ct_buf_putc(&want, (char)('a' + i % 26));
			assert_int_equal(ct_buf_printf(&c, "%s%c", want.ptr, '!'), 0);
			ct_buf_putc(&want, '!');
			assert_int_equal(c.len, want.len + 1);
			assert_string_equal(c.ptr + 1, want.ptr);
			assert_int_equal(c.ptr[c.len], '\0');
			ct_buf_release(&c);
			ct_buf_release(&want);
		}
	}
	/* An empty expansion leaves a valid empty buffer. */
	ct_buf_release(&b);
	assert_int_equal(ct_buf_printf(&b, "%s", ""), 0);
	assert_int_equal(b.len, 0);
	assert_string_equal(b.ptr, "");
	ct_buf_release(&b);
}

static void test_detach(void **state)
{
	ct_buf b = CT_BUF_INIT;
	char *s;
	(void)state;
	ct_buf_puts(&b, "owned");
	s = ct_buf_detach(&b);
	assert_non_null(s);
	assert_string_equal(s, "owned");
	/* The buffer is re-initialised and independent of the returned string. */
	assert_int_equal(b.len, 0);
	assert_int_equal(b.cap, 0);
	assert_string_equal(b.ptr, "");
	ct_buf_puts(&b, "other");
	assert_string_equal(s, "owned");
	free(s);
	ct_buf_release(&b);
	/* Detaching an empty buffer still gives a heap string the caller can free. */
	s = ct_buf_detach(&b);
	assert_non_null(s);
	assert_string_equal(s, "");
	assert_ptr_not_equal(s, ct_buf__empty);
	free(s);
}

static void test_truncate_and_clear(void **state)
{
	ct_buf b = CT_BUF_INIT;
	(void)state;
	ct_buf_puts(&b, "abcdef");
	ct_buf_truncate(&b, 3);
	assert_int_equal(b.len, 3);
	assert_string_equal(b.ptr, "abc");
	/* Longer than the content: no change. */
	ct_buf_truncate(&b, 10);
	assert_int_equal(b.len, 3);
	assert_string_equal(b.ptr, "abc");
	ct_buf_truncate(&b, 3);
	assert_string_equal(b.ptr, "abc");
	ct_buf_puts(&b, "XY");
	assert_string_equal(b.ptr, "abcXY");
	ct_buf_clear(&b);
	assert_int_equal(b.len, 0);
	assert_string_equal(b.ptr, "");
	assert_true(b.cap > 0); /* memory is kept for reuse */
	ct_buf_puts(&b, "again");
	assert_string_equal(b.ptr, "again");
	ct_buf_release(&b);
	/* On the shared empty string these are no-ops. */
	ct_buf_truncate(&b, 0);
	ct_buf_clear(&b);
	assert_string_equal(b.ptr, "");
	assert_int_equal(b.cap, 0);
}

static void test_oom_is_sticky(void **state)
{
	ct_buf b = CT_BUF_INIT;
	char *s;
	(void)state;
	ct_buf_puts(&b, "kept");
	/* A request that cannot be satisfied. */
	assert_int_equal(ct_buf_grow(&b, SIZE_MAX - 2), -1);
	assert_int_equal(ct_buf_oom(&b), -1);
	/* Later appends are refused and change nothing. */
	assert_int_equal(ct_buf_puts(&b, "more"), -1);
	assert_int_equal(ct_buf_putc(&b, 'c'), -1);
	assert_int_equal(ct_buf_printf(&b, "%d", 7), -1);
	assert_int_equal(ct_buf_grow(&b, 1), -1);
	assert_int_equal(b.len, 4);
	assert_string_equal(b.ptr, "kept");
	assert_int_equal(ct_buf_oom(&b), -1);
	/* Detach reports the failure with NULL and resets the buffer. */
	s = ct_buf_detach(&b);
	assert_null(s);
	assert_int_equal(ct_buf_oom(&b), 0);
	assert_int_equal(b.len, 0);
	assert_int_equal(ct_buf_puts(&b, "fresh"), 0);
	assert_string_equal(b.ptr, "fresh");
	ct_buf_release(&b);

	/* Overflow of len + extra on a non-empty buffer is caught, not wrapped. */
	ct_buf_puts(&b, "0123456789");
	assert_int_equal(ct_buf_put(&b, "x", SIZE_MAX - 5), -1);
	assert_int_equal(ct_buf_oom(&b), -1);
	assert_string_equal(b.ptr, "0123456789");
	/* Release clears the failure too. */
	ct_buf_release(&b);
	assert_int_equal(ct_buf_oom(&b), 0);
}

struct tmpdir {
	char dir[64];
	char file[96];
};

static void make_tmp(struct tmpdir *t)
{
	snprintf(t->dir, sizeof(t->dir), "/tmp/ct-buf-XXXXXX");
	assert_non_null(mkdtemp(t->dir));
	snprintf(t->file, sizeof(t->file), "%s/f", t->dir);
}

static void write_file(const char *path, const void *data, size_t len)
{
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(data, 1, len, f), len);
	assert_int_equal(fclose(f), 0);
}

static void test_read_file(void **state)
{
	struct tmpdir t;
	ct_buf b = CT_BUF_INIT;
	(void)state;
	make_tmp(&t);
	write_file(t.file, "line one\nline\0two\n", 18);
	ct_buf_puts(&b, ">>");
	assert_int_equal(ct_buf_read_file(&b, t.file), 0);
	/* Appends, keeps embedded NULs, stays terminated. */
	assert_int_equal(b.len, 20);
	assert_memory_equal(b.ptr, ">>line one\nline\0two\n", 20);
	assert_int_equal(b.ptr[20], '\0');
	ct_buf_release(&b);

	/* An empty file. */
	write_file(t.file, "", 0);
	assert_int_equal(ct_buf_read_file(&b, t.file), 0);
	assert_int_equal(b.len, 0);
	assert_string_equal(b.ptr, "");
	ct_buf_release(&b);
	unlink(t.file);
	rmdir(t.dir);
}

static void test_read_large_file(void **state)
{
	struct tmpdir t;
	ct_buf b = CT_BUF_INIT;
	size_t n = 300000, i;
	char *data = malloc(n);
	(void)state;
	assert_non_null(data);
	for (i = 0; i < n; i++)
		data[i] = (char)(i * 7 + i / 251);
	make_tmp(&t);
	write_file(t.file, data, n);
	assert_int_equal(ct_buf_read_file(&b, t.file), 0);
	assert_int_equal(b.len, n);
	assert_memory_equal(b.ptr, data, n);
	assert_int_equal(b.ptr[n], '\0');
	ct_buf_release(&b);
	free(data);
	unlink(t.file);
	rmdir(t.dir);
}

static void test_read_file_from_pipe(void **state)
{
	/* Not a regular file: read until end of file without knowing the size. */
	ct_buf b = CT_BUF_INIT;
	int fds[2];
	char path[64];
	pid_t pid;
	size_t i;
	(void)state;
	assert_int_equal(pipe(fds), 0);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		char chunk[1000];
		close(fds[0]);
		memset(chunk, 'p', sizeof(chunk));
		for (i = 0; i < 200; i++)
			if (write(fds[1], chunk, sizeof(chunk)) != (ssize_t)sizeof(chunk))
				_exit(1);
		_exit(0);
	}
	close(fds[1]);
	snprintf(path, sizeof(path), "/dev/fd/%d", fds[0]);
	assert_int_equal(ct_buf_read_file(&b, path), 0);
	close(fds[0]);
	{
		int status = -1;
		assert_int_equal(waitpid(pid, &status, 0), pid);
		assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	}
	assert_int_equal(b.len, 200000);
	for (i = 0; i < b.len; i++)
		if (b.ptr[i] != 'p')
			fail_msg("byte %zu is %d", i, b.ptr[i]);
	ct_buf_release(&b);
}

static void test_read_file_errors(void **state)
{
	struct tmpdir t;
	ct_buf b = CT_BUF_INIT;
	(void)state;
	make_tmp(&t);
	ct_buf_puts(&b, "keep");
	errno = 0;
	assert_int_equal(ct_buf_read_file(&b, t.file), -1);
	assert_int_equal(errno, ENOENT);
	errno = 0;
	assert_int_equal(ct_buf_read_file(&b, t.dir), -1);
	assert_int_equal(errno, EISDIR);
	/* A failed read leaves what was there. */
	assert_string_equal(b.ptr, "keep");
	assert_int_equal(b.len, 4);
	if (geteuid() != 0) {
		write_file(t.file, "secret", 6);
		chmod(t.file, 0);
		errno = 0;
		assert_int_equal(ct_buf_read_file(&b, t.file), -1);
		assert_int_equal(errno, EACCES);
		unlink(t.file);
	}
	ct_buf_release(&b);
	rmdir(t.dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_init_is_empty_string),
		cmocka_unit_test(test_put_puts_putc),
		cmocka_unit_test(test_put_binary_keeps_nul),
		cmocka_unit_test(test_many_appends_grow),
		cmocka_unit_test(test_grow_reserves),
		cmocka_unit_test(test_printf),
		cmocka_unit_test(test_detach),
		cmocka_unit_test(test_truncate_and_clear),
		cmocka_unit_test(test_oom_is_sticky),
		cmocka_unit_test(test_read_file),
		cmocka_unit_test(test_read_large_file),
		cmocka_unit_test(test_read_file_from_pipe),
		cmocka_unit_test(test_read_file_errors),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
