/* Replays the fuzz inputs in `make check`: every file of tests/fuzz/corpus/<target>/ (the seeds)
 * and tests/fuzz/regress/<target>/ (inputs that once crashed or broke an invariant) goes through
 * the same entry point the libFuzzer binary of that target calls (tests/fuzz/targets.c). Under
 * `make check-sanitize` this is the fuzzers' own check: ASan, UBSan and LeakSanitizer. */
#include <dirent.h>
#include <fcntl.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "../fuzz/targets.c"

struct target {
	const char *name;
	int (*fn)(const uint8_t *data, size_t size);
};

static const struct target targets[] = {
	{ "extract", ct_fuzz_extract },
	{ "record", ct_fuzz_record },
	{ "compare", ct_fuzz_compare },
	{ "opts", ct_fuzz_opts },
};

/* The option parser prints usage errors: keep them out of the test output. */
static int quiet_begin(int saved[2])
{
	int null = open("/dev/null", O_WRONLY);
	fflush(stdout);
	fflush(stderr);
	saved[0] = dup(1);
	saved[1] = dup(2);
	if (null < 0 || saved[0] < 0 || saved[1] < 0)
		return -1;
	dup2(null, 1);
	dup2(null, 2);
	close(null);
	return 0;
}

static void quiet_end(int saved[2])
{
	fflush(stdout);
	fflush(stderr);
	dup2(saved[0], 1);
	dup2(saved[1], 2);
	close(saved[0]);
	close(saved[1]);
}

/* Feeds every regular file of dir to fn; returns how many, or -1 when dir cannot be read. */
static long replay_dir(const char *dir, const struct target *t, int must_exist)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	long n = 0;
	if (!d) {
		if (must_exist)
			fail_msg("cannot open '%s' (run the tests from the source root)", dir);
		return 0;
	}
	while ((e = readdir(d)) != NULL) {
		char path[1024];
		struct stat st;
		FILE *f;
		uint8_t *buf;
		size_t len;
		int saved[2];
		if (e->d_name[0] == '.' || !strcmp(e->d_name, "README.md"))
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
		if (stat(path, &st) < 0 || !S_ISREG(st.st_mode))
			continue;
		f = fopen(path, "rb");
		assert_non_null(f);
		buf = malloc((size_t)st.st_size + 1);
		assert_non_null(buf);
		len = fread(buf, 1, (size_t)st.st_size, f);
		fclose(f);
		assert_int_equal(len, (size_t)st.st_size);
		assert_int_equal(quiet_begin(saved), 0);
		t->fn(buf, len);   /* aborts (FUZZ_ASSERT) or crashes on a regression */
		quiet_end(saved);
		free(buf);
		n++;
	}
	closedir(d);
	return n;
}

static void test_replay(void **state)
{
	const struct target *t = *state;
	char dir[256];
	long seeds;
	snprintf(dir, sizeof(dir), "tests/fuzz/corpus/%s", t->name);
	seeds = replay_dir(dir, t, 1);
	assert_true(seeds >= 3);   /* every target has a real seed corpus */
	snprintf(dir, sizeof(dir), "tests/fuzz/regress/%s", t->name);
	replay_dir(dir, t, 0);
}

/* The empty input and a few edge shapes, for every target. */
static void test_edges(void **state)
{
	static const uint8_t nul[4] = { 0, 0, 0, 0 };
	static const uint8_t ff[3] = { 0xff, 0xfe, 0xfd };
	const struct target *t = *state;
	int saved[2];
	assert_int_equal(quiet_begin(saved), 0);
	t->fn((const uint8_t *)"", 0);
	t->fn(nul, 1);
	t->fn(nul, sizeof(nul));
	t->fn(ff, sizeof(ff));
	t->fn((const uint8_t *)"\n\n\n", 3);
	quiet_end(saved);
}

static void test_regress_record_duplicate_key(void **state)
{
	const char *dup = "{\"a\": 1, \"b\": {\"c\": 2, \"c\": 3}}";
	const char *ok = "{\"a\": 1, \"b\": {\"c\": 2, \"d\": [{\"c\": 3}, {\"c\": 4}]}}";
	cJSON *r = cJSON_Parse(dup);
	ct_buf name = CT_BUF_INIT;
	(void)state;
	assert_int_equal(ct_record_duplicate_key(r, &name), 1);
	assert_string_equal(name.ptr, "c");
	cJSON_Delete(r);
	r = cJSON_Parse(ok);
	assert_int_equal(ct_record_duplicate_key(r, NULL), 0);
	cJSON_Delete(r);
	ct_buf_release(&name);
}

#define T(i) cmocka_unit_test_prestate(test_replay, (void *)&targets[i]), \
	     cmocka_unit_test_prestate(test_edges, (void *)&targets[i])

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(0), T(1), T(2), T(3),
		cmocka_unit_test(test_regress_record_duplicate_key),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
