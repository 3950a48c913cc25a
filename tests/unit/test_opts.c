/* Unit tests for the shared option parser (src/cmd/opts.c): every spelling of an option, bundles,
 * "--", positional limits, usage errors with their messages, --help, lists and numbers. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd/cmd.h"
#include "util/buf.h"
#include "util/err.h"

/* The option values one parse fills in. */
struct vals {
	int verbose, quiet, dry_run;
	const char *output;
	struct ct_strlist tags;
	long limit;
};

static struct vals v;

static const struct ct_option options[] = {
	{ 'v', "verbose", CT_OPT_FLAG, &v.verbose, NULL, "say more" },
	{ 'q', "quiet", CT_OPT_FLAG, &v.quiet, NULL, "say less" },
	{ 'o', "output", CT_OPT_STRING, &v.output, "FILE", "write to FILE" },
	{ 't', "tag", CT_OPT_LIST, &v.tags, "TAG", "add a tag (repeatable)" },
	{ 'n', "limit", CT_OPT_LONG, &v.limit, "N", "at most N" },
	{ 0, "dry-run", CT_OPT_FLAG, &v.dry_run, NULL, "change nothing" },
	{ 0, NULL, CT_OPT_FLAG, NULL, NULL, NULL },
};

static const struct ct_usage usage = {
	"frob", "[options] FILE [FILE]", "Frobs one or two files.", options, 1, 2,
};

static const struct ct_usage any_args = {
	"many", "[options] [ARG...]", NULL, options, 0, -1,
};

static const struct ct_option no_options[] = { { 0, NULL, CT_OPT_FLAG, NULL, NULL, NULL } };
static const struct ct_usage bare = { "bare", "", NULL, no_options, 0, 0 };

/* A mutable argv built from string literals: "cmd" then the given arguments. */
struct args {
	int argc;
	char **argv;
	char *store[32];
};

static void args_make(struct args *a, const char *const *list)
{
	int i;
	a->argc = 0;
	a->argv = calloc(34, sizeof(char *));
	assert_non_null(a->argv);
	a->store[0] = strdup("cmd");
	a->argv[a->argc++] = a->store[0];
	for (i = 0; list[i]; i++) {
		a->store[a->argc] = strdup(list[i]);
		a->argv[a->argc] = a->store[a->argc];
		a->argc++;
	}
}

static void args_free(struct args *a)
{
	int i;
	for (i = 0; i < a->argc; i++)
		free(a->store[i]);
	free(a->argv);
}

struct result {
	int rc;
	int nargs;
	ct_buf out;  /* what went to stdout */
	ct_buf err;  /* what went to stderr */
};

/* Runs the parser with stdout and stderr captured into r. */
static void run(const struct ct_usage *u, struct args *a, struct result *r)
{
	FILE *fo = tmpfile(), *fe = tmpfile();
	int so, se;
	assert_non_null(fo);
	assert_non_null(fe);
	fflush(stdout);
	fflush(stderr);
	so = dup(1);
	se = dup(2);
	dup2(fileno(fo), 1);
	dup2(fileno(fe), 2);
	r->nargs = -1;
	r->rc = ct_parse_options(u, a->argc, a->argv, &r->nargs);
	fflush(stdout);
	fflush(stderr);
	dup2(so, 1);
	dup2(se, 2);
	close(so);
	close(se);
	ct_buf_init(&r->out);
	ct_buf_init(&r->err);
	{
		char chunk[4096];
		size_t n;
		rewind(fo);
		while ((n = fread(chunk, 1, sizeof(chunk), fo)) > 0)
			ct_buf_put(&r->out, chunk, n);
		rewind(fe);
		while ((n = fread(chunk, 1, sizeof(chunk), fe)) > 0)
			ct_buf_put(&r->err, chunk, n);
	}
	fclose(fo);
	fclose(fe);
}

static void result_release(struct result *r)
{
	ct_buf_release(&r->out);
	ct_buf_release(&r->err);
}

static int reset(void **state)
{
	(void)state;
	ct_strlist_free(&v.tags);
	memset(&v, 0, sizeof(v));
	v.limit = -99;
	return 0;
}

/* Parses list with usage u, expecting success; returns the positional count. */
static int parse_ok(const struct ct_usage *u, struct args *a, const char *const *list)
{
	struct result r;
	args_make(a, list);
	run(u, a, &r);
	if (r.rc != 0)
		fail_msg("parse failed (%d): %s", r.rc, r.err.ptr);
	assert_string_equal(r.out.ptr, "");
	assert_string_equal(r.err.ptr, "");
	result_release(&r);
	assert_null(a->argv[r.nargs]);
	return r.nargs;
}

/* Parses list expecting a usage error whose first stderr line contains want. */
static void parse_usage_error(const struct ct_usage *u, const char *const *list, const char *want)
{
	struct args a;
	struct result r;
	args_make(&a, list);
	run(u, &a, &r);
	assert_int_equal(r.rc, -CT_EXIT_USAGE);
	assert_int_equal(r.rc, -2);
	if (!strstr(r.err.ptr, want))
		fail_msg("stderr does not mention \"%s\":\n%s", want, r.err.ptr);
	/* The problem comes first, prefixed, then the usage. */
	assert_memory_equal(r.err.ptr, "claimtrack: ", 12);
	{
		char *nl = strchr(r.err.ptr, '\n');
		assert_non_null(nl);
		assert_non_null(strstr(nl, "usage: claimtrack "));
		*nl = '\0';
		if (!strstr(r.err.ptr, want))
			fail_msg("first line \"%s\" does not mention \"%s\"", r.err.ptr, want);
	}
	assert_string_equal(r.out.ptr, "");
	result_release(&r);
	args_free(&a);
}

static void test_long_forms(void **state)
{
	struct args a;
	(void)state;
	{
		static const char *const l[] = { "--output=out.txt", "in", NULL };
		assert_int_equal(parse_ok(&usage, &a, l), 1);
		assert_string_equal(v.output, "out.txt");
		assert_string_equal(a.argv[0], "in");
		args_free(&a);
	}
	{
		static const char *const l[] = { "--output", "o2", "in", NULL };
		assert_int_equal(parse_ok(&usage, &a, l), 1);
		assert_string_equal(v.output, "o2");
		assert_string_equal(a.argv[0], "in");
		args_free(&a);
	}
	{
		/* "=" splits at the first one; the value may hold more. */
		static const char *const l[] = { "--output=a=b", "in", NULL };
		assert_int_equal(parse_ok(&usage, &a, l), 1);
		assert_string_equal(v.output, "a=b");
		args_free(&a);
	}
	{
		/* An empty value is a value. */
		static const char *const l[] = { "--output=", "in", NULL };
		assert_int_equal(parse_ok(&usage, &a, l), 1);
		assert_string_equal(v.output, "");
		args_free(&a);
	}
	{
		/* The next word is the value even when it looks like an option. */
		static const char *const l[] = { "--output", "--verbose", "in", NULL };
		assert_int_equal(parse_ok(&usage, &a, l), 1);
		assert_string_equal(v.output, "--verbose");
		assert_int_equal(v.verbose, 0);
		args_free(&a);
	}
	{
		static const char *const l[] = { "--verbose", "--dry-run", "in", NULL };
		v.output = NULL;
		assert_int_equal(parse_ok(&usage, &a, l), 1);
		assert_int_equal(v.verbose, 1);
		assert_int_equal(v.dry_run, 1);
		assert_int_equal(v.quiet, 0);
		assert_null(v.output);
		args_free(&a);
	}
}

static void test_short_forms(void **state)
{
	struct args a;
	(void)state;
	{
		static const char *const l[] = { "-o", "x.txt", "in", NULL };
		assert_int_equal(parse_ok(&usage, &a, l), 1);
		assert_string_equal(v.output, "x.txt");
		args_free(&a);
	}
	{
		static const char *const l[] = { "-oy.txt", "in", NULL };
		assert_int_equal(parse_ok(&usage, &a, l), 1);
		assert_string_equal(v.output, "y.txt");
		args_free(&a);
	}
	{
		/* Bundled flags. */
		static const char *const l[] = { "-vq", "in", NULL };
		assert_int_equal(parse_ok(&usage, &a, l), 1);
		assert_int_equal(v.verbose, 1);
		assert_int_equal(v.quiet, 1);
		args_free(&a);
	}
}

static void test_bundle_ending_with_value(void **state)
{
	struct args a;
	(void)state;
	{
		/* A value-taking option ends the bundle: the rest is its value. */
		static const char *const l[] = { "-voq", "in", NULL };
		assert_int_equal(parse_ok(&usage, &a, l), 1);
		assert_int_equal(v.verbose, 1);
		assert_string_equal(v.output, "q");
		assert_int_equal(v.quiet, 0);
		assert_string_equal(a.argv[0], "in");
		args_free(&a);
	}
	reset(NULL);
	{
		static const char *const l[] = { "-qo", "file", "in", NULL };
		assert_int_equal(parse_ok(&usage, &a, l), 1);
		assert_int_equal(v.quiet, 1);
		assert_string_equal(v.output, "file");
		assert_string_equal(a.argv[0], "in");
		args_free(&a);
	}
}

static void test_positionals_in_order(void **state)
{
	struct args a;
	static const char *const l[] = { "a", "-v", "b", "-", "--limit", "3", "c", "-q", "d", NULL };
	(void)state;
	assert_int_equal(parse_ok(&any_args, &a, l), 5);
	assert_string_equal(a.argv[0], "a");
	assert_string_equal(a.argv[1], "b");
	assert_string_equal(a.argv[2], "-"); /* "-" alone is an argument (stdin) */
	assert_string_equal(a.argv[3], "c");
	assert_string_equal(a.argv[4], "d");
	assert_null(a.argv[5]);
	assert_int_equal(v.verbose, 1);
	assert_int_equal(v.quiet, 1);
	assert_int_equal(v.limit, 3);
	args_free(&a);
}

static void test_double_dash_ends_options(void **state)
{
	struct args a;
	static const char *const l[] = { "-q", "--", "-v", "--output=x", "--", NULL };
	(void)state;
	assert_int_equal(parse_ok(&any_args, &a, l), 3);
	assert_string_equal(a.argv[0], "-v");
	assert_string_equal(a.argv[1], "--output=x");
	assert_string_equal(a.argv[2], "--");
	assert_int_equal(v.quiet, 1);
	assert_int_equal(v.verbose, 0);
	assert_null(v.output);
	args_free(&a);
}

static void test_list_accumulates(void **state)
{
	struct args a;
	static const char *const l[] = { "-t", "one", "--tag=two", "-tthree", "in", "--tag", "four", NULL };
	(void)state;
	assert_int_equal(parse_ok(&usage, &a, l), 1);
	assert_int_equal(v.tags.n, 4);
	assert_string_equal(v.tags.items[0], "one");
	assert_string_equal(v.tags.items[1], "two");
	assert_string_equal(v.tags.items[2], "three");
	assert_string_equal(v.tags.items[3], "four");
	ct_strlist_free(&v.tags);
	assert_null(v.tags.items);
	assert_int_equal(v.tags.n, 0);
	args_free(&a);
}

static void test_long_numbers(void **state)
{
	struct args a;
	(void)state;
	{
		static const char *const l[] = { "--limit=12", "in", NULL };
		assert_int_equal(parse_ok(&usage, &a, l), 1);
		assert_int_equal(v.limit, 12);
		args_free(&a);
	}
	{
		static const char *const l[] = { "-n", "-5", "in", NULL };
		assert_int_equal(parse_ok(&usage, &a, l), 1);
		assert_int_equal(v.limit, -5);
		args_free(&a);
	}
	{
		static const char *const l[] = { "-n0", "in", NULL };
		assert_int_equal(parse_ok(&usage, &a, l), 1);
		assert_int_equal(v.limit, 0);
		args_free(&a);
	}
	{
		static const char *const l[] = { "--limit=12x", "in", NULL };
		parse_usage_error(&usage, l, "not a number: '12x'");
	}
	{
		static const char *const l[] = { "--limit", "", "in", NULL };
		parse_usage_error(&usage, l, "not a number");
	}
	{
		static const char *const l[] = { "-n", "ten", "in", NULL };
		parse_usage_error(&usage, l, "not a number: 'ten'");
	}
	{
		static const char *const l[] = { "--limit=99999999999999999999999", "in", NULL };
		parse_usage_error(&usage, l, "not a number");
	}
	{
		static const char *const l[] = { "--limit=1.5", "in", NULL };
		parse_usage_error(&usage, l, "not a number");
	}
}

static void test_unknown_options(void **state)
{
	(void)state;
	{
		static const char *const l[] = { "--nope", "in", NULL };
		parse_usage_error(&usage, l, "unknown option: '--nope'");
	}
	{
		static const char *const l[] = { "--nope=3", "in", NULL };
		parse_usage_error(&usage, l, "unknown option: '--nope=3'");
	}
	{
		/* No abbreviations. */
		static const char *const l[] = { "--verb", "in", NULL };
		parse_usage_error(&usage, l, "unknown option: '--verb'");
	}
	{
		static const char *const l[] = { "--verbosely", "in", NULL };
		parse_usage_error(&usage, l, "unknown option");
	}
	{
		static const char *const l[] = { "-x", "in", NULL };
		parse_usage_error(&usage, l, "unknown option: '-x'");
	}
	{
		/* Unknown inside a bundle names the letter. */
		static const char *const l[] = { "-vzq", "in", NULL };
		parse_usage_error(&usage, l, "unknown option: '-z'");
	}
	{
		static const char *const l[] = { "--quiet", NULL };
		parse_usage_error(&bare, l, "unknown option: '--quiet'");
	}
}

static void test_missing_values(void **state)
{
	(void)state;
	{
		static const char *const l[] = { "in", "--output", NULL };
		parse_usage_error(&usage, l, "option needs a value: '--output'");
	}
	{
		static const char *const l[] = { "in", "-o", NULL };
		parse_usage_error(&usage, l, "option needs a value: '-o'");
	}
	{
		static const char *const l[] = { "in", "-vt", NULL };
		parse_usage_error(&usage, l, "option needs a value: '-t'");
	}
	{
		static const char *const l[] = { "--verbose=yes", "in", NULL };
		parse_usage_error(&usage, l, "option takes no value: '--verbose=yes'");
	}
}

static void test_argument_counts(void **state)
{
	struct args a;
	(void)state;
	{
		static const char *const l[] = { NULL };
		parse_usage_error(&usage, l, "missing arguments");
	}
	{
		static const char *const l[] = { "-v", NULL };
		parse_usage_error(&usage, l, "missing arguments");
	}
	{
		/* Options after "--" are arguments and count. */
		static const char *const l[] = { "--", "-v", NULL };
		assert_int_equal(parse_ok(&usage, &a, l), 1);
		assert_string_equal(a.argv[0], "-v");
		args_free(&a);
	}
	{
		static const char *const l[] = { "a", "b", NULL };
		assert_int_equal(parse_ok(&usage, &a, l), 2);
		args_free(&a);
	}
	{
		/* The first argument past the limit is named. */
		static const char *const l[] = { "a", "b", "c", "d", NULL };
		parse_usage_error(&usage, l, "too many arguments: 'c'");
	}
	{
		static const char *const l[] = { "x", NULL };
		parse_usage_error(&bare, l, "too many arguments: 'x'");
	}
	{
		static const char *const l[] = { NULL };
		assert_int_equal(parse_ok(&bare, &a, l), 0);
		args_free(&a);
	}
	{
		static const struct ct_usage one = { "one", "ID", NULL, options, 1, 1 };
		static const char *const l[] = { NULL };
		parse_usage_error(&one, l, "expected one argument");
	}
}

static void test_help(void **state)
{
	static const char *const forms[][3] = {
		{ "--help", NULL, NULL },
		{ "-h", NULL, NULL },
		{ "-v", "--help", NULL },      /* after other options */
		{ "--help", "--nope", NULL },  /* before a bad one: help wins */
	};
	size_t i;
	(void)state;
	for (i = 0; i < sizeof(forms) / sizeof(*forms); i++) {
		struct args a;
		struct result r;
		args_make(&a, forms[i]);
		run(&usage, &a, &r);
		assert_int_equal(r.rc, CT_PARSE_HELP);
		assert_non_null(strstr(r.out.ptr, "usage: claimtrack frob [options] FILE [FILE]\n"));
		assert_non_null(strstr(r.out.ptr, "Frobs one or two files."));
		assert_string_equal(r.err.ptr, "");
		result_release(&r);
		args_free(&a);
	}
	/* Without any positional argument, help still works (no "missing arguments"). */
	{
		struct args a;
		struct result r;
		static const char *const l[] = { "--help", NULL };
		args_make(&a, l);
		run(&usage, &a, &r);
		assert_int_equal(r.rc, CT_PARSE_HELP);
		result_release(&r);
		args_free(&a);
	}
}

static void test_print_usage(void **state)
{
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);
	(void)state;
	assert_non_null(f);
	ct_print_usage(&usage, f);
	fclose(f);
	assert_memory_equal(text, "usage: claimtrack frob [options] FILE [FILE]\n", 45);
	assert_non_null(strstr(text, "\nFrobs one or two files.\n"));
	assert_non_null(strstr(text, "\noptions:\n"));
	assert_non_null(strstr(text, "  -v, --verbose "));
	assert_non_null(strstr(text, "  -o, --output FILE "));
	assert_non_null(strstr(text, "  -t, --tag TAG "));
	assert_non_null(strstr(text, "      --dry-run "));
	assert_non_null(strstr(text, "write to FILE\n"));
	assert_non_null(strstr(text, "  -h, --help "));
	assert_int_equal(text[len - 1], '\n');
	/* Options are listed in table order. */
	assert_true(strstr(text, "--verbose") < strstr(text, "--output"));
	assert_true(strstr(text, "--output") < strstr(text, "--dry-run"));
	free(text);

	/* No description and no options: just the synopsis and --help. */
	text = NULL;
	f = open_memstream(&text, &len);
	assert_non_null(f);
	ct_print_usage(&bare, f);
	fclose(f);
	assert_null(strstr(text, "options:"));
	assert_non_null(strstr(text, "usage: claimtrack bare"));
	assert_non_null(strstr(text, "--help"));
	free(text);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_long_forms, reset, reset),
		cmocka_unit_test_setup_teardown(test_short_forms, reset, reset),
		cmocka_unit_test_setup_teardown(test_bundle_ending_with_value, reset, reset),
		cmocka_unit_test_setup_teardown(test_positionals_in_order, reset, reset),
		cmocka_unit_test_setup_teardown(test_double_dash_ends_options, reset, reset),
		cmocka_unit_test_setup_teardown(test_list_accumulates, reset, reset),
		cmocka_unit_test_setup_teardown(test_long_numbers, reset, reset),
		cmocka_unit_test_setup_teardown(test_unknown_options, reset, reset),
		cmocka_unit_test_setup_teardown(test_missing_values, reset, reset),
		cmocka_unit_test_setup_teardown(test_argument_counts, reset, reset),
		cmocka_unit_test_setup_teardown(test_help, reset, reset),
		cmocka_unit_test(test_print_usage),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
