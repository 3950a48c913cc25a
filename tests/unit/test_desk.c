/* Unit tests for src/desk/desk: init and open, transactions (small and through a pack), reads,
 * tree walks, diffs, history, the compare-and-swap on the branch, and identities. Stock git is the
 * oracle for what ends up in the repository. Each test works in its own mkdtemp dir; HOME and the
 * git identity are pinned in main() so a developer's configuration never leaks in. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "desk/desk.h"
#include "util/buf.h"
#include "util/err.h"

#define AUTHOR_NAME "Test Author"
#define AUTHOR_EMAIL "author@example.com"
#define DESK_JSON "{\n\t\"format\": 1\n}\n"

static char home[64];

struct fixture {
	char root[64];
	char dir[96];        /* the desk */
	ct_desk *desk;
	struct ct_ident who;
};

static int sh(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Runs a shell command; returns its exit status (or -1). */
static int sh(const char *fmt, ...)
{
	ct_buf cmd = CT_BUF_INIT;
	va_list ap;
	int st;
	va_start(ap, fmt);
	ct_buf_vprintf(&cmd, fmt, ap);
	va_end(ap);
	st = system(cmd.ptr);
	ct_buf_release(&cmd);
	return st == -1 || !WIFEXITED(st) ? -1 : WEXITSTATUS(st);
}

static int capture(ct_buf *out, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Runs a shell command and appends its stdout to out; returns its exit status. */
static int capture(ct_buf *out, const char *fmt, ...)
{
	ct_buf cmd = CT_BUF_INIT;
	va_list ap;
	FILE *p;
	char chunk[4096];
	size_t n;
	int st;
	va_start(ap, fmt);
	ct_buf_vprintf(&cmd, fmt, ap);
	va_end(ap);
	p = popen(cmd.ptr, "r");
	ct_buf_release(&cmd);
	if (!p)
		return -1;
	while ((n = fread(chunk, 1, sizeof(chunk), p)) > 0)
		ct_buf_put(out, chunk, n);
	st = pclose(p);
	return st == -1 || !WIFEXITED(st) ? -1 : WEXITSTATUS(st);
}

/* Asserts that a git command in the desk prints exactly want. */
static void git_output_is(const struct fixture *fx, const char *args, const char *want)
{
	ct_buf out = CT_BUF_INIT;
	int rc = capture(&out, "git -C '%s' %s", fx->dir, args);
	if (rc != 0)
		fail_msg("git %s exited %d", args, rc);
	if (strcmp(out.ptr, want))
		fail_msg("git %s printed:\n%s\nwant:\n%s", args, out.ptr, want);
	ct_buf_release(&out);
}

static void git_fsck_clean(const struct fixture *fx)
{
	ct_buf out = CT_BUF_INIT;
	if (capture(&out, "git -C '%s' fsck --strict --no-dangling 2>&1", fx->dir) != 0)
		fail_msg("git fsck --strict failed:\n%s", out.ptr);
	ct_buf_release(&out);
	git_output_is(fx, "status --porcelain", "");
}

static void set_identity_env(void)
{
	setenv("GIT_AUTHOR_NAME", AUTHOR_NAME, 1);
	setenv("GIT_AUTHOR_EMAIL", AUTHOR_EMAIL, 1);
	setenv("GIT_COMMITTER_NAME", AUTHOR_NAME, 1);
	setenv("GIT_COMMITTER_EMAIL", AUTHOR_EMAIL, 1);
	unsetenv("GIT_AUTHOR_DATE");
}

static int setup(void **state)
{
	struct fixture *fx = calloc(1, sizeof(*fx));
	if (!fx)
		return -1;
	snprintf(fx->root, sizeof(fx->root), "/tmp/ct-desk-XXXXXX");
	if (!mkdtemp(fx->root))
		return -1;
	snprintf(fx->dir, sizeof(fx->dir), "%s/desk", fx->root);
	set_identity_env();
	if (ct_ident_parse(&fx->who, AUTHOR_NAME " <" AUTHOR_EMAIL ">") != 0)
		return -1;
	fx->who.time = 1700000000;
	fx->who.offset = 60;
	*state = fx;
	return 0;
}

/* setup, plus a desk created and opened. */
static int setup_desk(void **state)
{
	struct fixture *fx;
	if (setup(state) != 0)
		return -1;
	fx = *state;
	if (ct_desk_init(fx->dir, &fx->who, DESK_JSON, strlen(DESK_JSON)) != 0)
		return -1;
	if (ct_desk_open(&fx->desk, fx->dir) != 0)
		return -1;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *fx = *state;
	ct_desk_free(fx->desk);
	ct_ident_release(&fx->who);
	sh("rm -rf '%s'", fx->root);
	set_identity_env();
	free(fx);
	return 0;
}

static void put_ok(ct_txn *txn, const char *path, const char *data, int want)
{
	int rc = ct_txn_put(txn, path, data, strlen(data));
	if (rc != want)
		fail_msg("ct_txn_put(%s) = %d, want %d (%s)", path, rc, want, ct_error_last());
}

/* Commits path=data pairs (NULL data removes) in one transaction; returns the new commit in out. */
static void commit_files(struct fixture *fx, const char *message, char out[41], ...)
{
	ct_txn *txn = NULL;
	va_list ap;
	const char *path;
	char head[41];
	assert_int_equal(ct_txn_begin(&txn, fx->desk), 0);
	va_start(ap, out);
	while ((path = va_arg(ap, const char *))) {
		const char *data = va_arg(ap, const char *);
		if (data)
			put_ok(txn, path, data, 1);
		else
			assert_int_equal(ct_txn_remove(txn, path), 1);
	}
	va_end(ap);
	if (ct_txn_commit(txn, &fx->who, message, out) != 0)
		fail_msg("commit failed: %s", ct_error_last());
	ct_txn_free(txn);
	assert_int_equal(strlen(out), 40);
	assert_int_equal(ct_desk_head(fx->desk, head), 0);
	assert_string_equal(head, out);
}

static void read_file_is(const struct fixture *fx, const char *rel, const char *want)
{
	ct_buf path = CT_BUF_INIT, got = CT_BUF_INIT;
	ct_buf_printf(&path, "%s/%s", fx->dir, rel);
	if (ct_buf_read_file(&got, path.ptr) != 0)
		fail_msg("cannot read %s", path.ptr);
	assert_string_equal(got.ptr, want);
	ct_buf_release(&path);
	ct_buf_release(&got);
}

static int file_exists(const struct fixture *fx, const char *rel)
{
	ct_buf path = CT_BUF_INIT;
	struct stat st;
	int r;
	ct_buf_printf(&path, "%s/%s", fx->dir, rel);
	r = stat(path.ptr, &st) == 0;
	ct_buf_release(&path);
	return r;
}

static void desk_read_is(struct fixture *fx, const char *commit, const char *path, const char *want)
{
	ct_buf got = CT_BUF_INIT;
	static char msg[256];
	int rc = ct_desk_read(fx->desk, commit, path, &got);
	if (rc != 0)
		fail_msg("ct_desk_read(%s) = %d: %s", path, rc, ct_error_last());
	if (got.len != strlen(want) || strcmp(got.ptr, want)) {
		snprintf(msg, sizeof(msg), "%s", got.ptr);
		ct_buf_release(&got);
		fail_msg("ct_desk_read(%s) gave \"%s\", want \"%s\"", path, msg, want);
	}
	ct_buf_release(&got);
}

/* ---- init and open ------------------------------------------------------------------- */

static void test_init_creates_repo(void **state)
{
	struct fixture *fx = *state;
	char head[41];
	ct_buf out = CT_BUF_INIT;
	assert_int_equal(ct_desk_init(fx->dir, &fx->who, DESK_JSON, strlen(DESK_JSON)), 0);
	git_output_is(fx, "symbolic-ref HEAD", "refs/heads/main\n");
	git_output_is(fx, "log --format=%an%n%s", AUTHOR_NAME "\nCreate claims desk\n");
	git_output_is(fx, "log --format=%ae/%at/%ai", AUTHOR_EMAIL "/1700000000/2023-11-14 23:13:20 +0100\n");
	git_output_is(fx, "ls-tree -r --name-only HEAD", "desk.json\n");
	git_output_is(fx, "show HEAD:desk.json", DESK_JSON);
	read_file_is(fx, "desk.json", DESK_JSON);
	git_fsck_clean(fx);

	assert_int_equal(ct_desk_open(&fx->desk, fx->dir), 0);
	assert_int_equal(ct_desk_head(fx->desk, head), 0);
	assert_int_equal(capture(&out, "git -C '%s' rev-parse HEAD", fx->dir), 0);
	assert_int_equal(out.len, 41);
	assert_memory_equal(out.ptr, head, 40);
	ct_buf_release(&out);
	desk_read_is(fx, NULL, "desk.json", DESK_JSON);
}

static void test_init_makes_missing_parents(void **state)
{
	struct fixture *fx = *state;
	snprintf(fx->dir, sizeof(fx->dir), "%s/a/b/c", fx->root);
	assert_int_equal(ct_desk_init(fx->dir, &fx->who, DESK_JSON, strlen(DESK_JSON)), 0);
	git_output_is(fx, "rev-list --count HEAD", "1\n");
	read_file_is(fx, "desk.json", DESK_JSON);
}

static void test_init_twice_refused(void **state)
{
	struct fixture *fx = *state;
	ct_buf before = CT_BUF_INIT, after = CT_BUF_INIT;
	assert_int_equal(ct_desk_init(fx->dir, &fx->who, DESK_JSON, strlen(DESK_JSON)), 0);
	assert_int_equal(capture(&before, "git -C '%s' rev-parse HEAD", fx->dir), 0);
	assert_int_equal(ct_desk_init(fx->dir, &fx->who, "{}\n", 3), CT_EDESK);
	assert_non_null(strstr(ct_error_last(), "already"));
	assert_int_equal(capture(&after, "git -C '%s' rev-parse HEAD", fx->dir), 0);
	assert_string_equal(before.ptr, after.ptr);
	git_output_is(fx, "rev-list --count HEAD", "1\n");
	read_file_is(fx, "desk.json", DESK_JSON);
	ct_buf_release(&before);
	ct_buf_release(&after);
}

static void test_open_from_subdirectory(void **state)
{
	struct fixture *fx = *state;
	ct_buf sub = CT_BUF_INIT, want = CT_BUF_INIT;
	char real[PATH_MAX];
	assert_int_equal(ct_desk_init(fx->dir, &fx->who, DESK_JSON, strlen(DESK_JSON)), 0);
	ct_buf_printf(&sub, "%s/sources/ab", fx->dir);
	assert_int_equal(sh("mkdir -p '%s'", sub.ptr), 0);
	assert_int_equal(ct_desk_open(&fx->desk, sub.ptr), 0);
	assert_non_null(realpath(fx->dir, real));
	ct_buf_printf(&want, "%s/", real);
	assert_string_equal(ct_desk_workdir(fx->desk), want.ptr);
	ct_buf_puts(&want, ".git/");
	assert_string_equal(ct_desk_gitdir(fx->desk), want.ptr);
	desk_read_is(fx, NULL, "desk.json", DESK_JSON);
	ct_buf_release(&sub);
	ct_buf_release(&want);
}

static void test_open_non_desk(void **state)
{
	struct fixture *fx = *state;
	ct_desk *d = (ct_desk *)1;
	/* A plain directory. */
	assert_int_equal(sh("mkdir -p '%s'", fx->dir), 0);
	assert_int_equal(ct_desk_open(&d, fx->dir), CT_EDESK);
	assert_null(d);
	/* A missing one. */
	d = (ct_desk *)1;
	assert_int_equal(ct_desk_open(&d, "/tmp/ct-desk-definitely/not/here"), CT_EDESK);
	assert_null(d);
	/* A git repository that is not a desk (no desk.json). */
	assert_int_equal(sh("git -c init.defaultBranch=main init -q '%s'", fx->dir), 0);
	d = (ct_desk *)1;
	assert_int_equal(ct_desk_open(&d, fx->dir), CT_EDESK);
	assert_null(d);
	assert_non_null(strstr(ct_error_last(), "desk.json"));
	/* ... even with commits. */
	assert_int_equal(sh("git -C '%s' commit -q --allow-empty -m x", fx->dir), 0);
	assert_int_equal(ct_desk_open(&d, fx->dir), CT_EDESK);
	assert_null(d);
}

static void test_open_with_desk_json_only_in_head(void **state)
{
	/* desk.json deleted from the working tree: HEAD still makes it a desk. */
	struct fixture *fx = *state;
	assert_int_equal(ct_desk_init(fx->dir, &fx->who, DESK_JSON, strlen(DESK_JSON)), 0);
	assert_int_equal(sh("rm '%s/desk.json'", fx->dir), 0);
	assert_int_equal(ct_desk_open(&fx->desk, fx->dir), 0);
}

/* ---- transactions -------------------------------------------------------------------- */

static void test_txn_three_puts_one_commit(void **state)
{
	struct fixture *fx = *state;
	ct_txn *txn = NULL;
	char c1[41], head[41];
	assert_int_equal(ct_txn_begin(&txn, fx->desk), 0);
	assert_int_equal(ct_txn_changes(txn), 0);
	put_ok(txn, "sources/ab/s1.json", "{\"id\": \"s1\"}\n", 1);
	put_ok(txn, "sources/ab/s1.txt", "The text.\n", 1);
	put_ok(txn, "claims/ab/s1/0123456789abcdef.json", "{\"id\": \"c\"}\n", 1);
	assert_int_equal(ct_txn_changes(txn), 3);
	/* Nothing is visible before the commit. */
	git_output_is(fx, "rev-list --count HEAD", "1\n");
	assert_false(file_exists(fx, "sources/ab/s1.json"));
	assert_int_equal(ct_txn_commit(txn, &fx->who, "Add s1", c1), 0);
	ct_txn_free(txn);
	assert_int_equal(strlen(c1), 40);
	assert_int_equal(ct_desk_head(fx->desk, head), 0);
	assert_string_equal(head, c1);

	git_output_is(fx, "rev-list --count HEAD", "2\n");
	git_output_is(fx, "log -1 --format=%an%n%ae%n%s", AUTHOR_NAME "\n" AUTHOR_EMAIL "\nAdd s1\n");
	git_output_is(fx, "log -1 --format=%cn/%ce/%ct", AUTHOR_NAME "/" AUTHOR_EMAIL "/1700000000\n");
	git_output_is(fx, "show --name-status --format= HEAD",
		      "A\tclaims/ab/s1/0123456789abcdef.json\nA\tsources/ab/s1.json\nA\tsources/ab/s1.txt\n");
	/* The parent is the desk's first commit. */
	git_output_is(fx, "rev-list --max-parents=0 --count HEAD", "1\n");
	git_output_is(fx, "log -1 --format=%s HEAD~1", "Create claims desk\n");
	read_file_is(fx, "sources/ab/s1.json", "{\"id\": \"s1\"}\n");
	read_file_is(fx, "sources/ab/s1.txt", "The text.\n");
	read_file_is(fx, "claims/ab/s1/0123456789abcdef.json", "{\"id\": \"c\"}\n");
	git_fsck_clean(fx);
}

static void test_txn_unchanged_content_commits_nothing(void **state)
{
	struct fixture *fx = *state;
	ct_txn *txn = NULL;
	char c1[41], c2[41], head[41];
	commit_files(fx, "first", c1, "sources/ab/a.json", "A\n", "sources/ab/b.json", "B\n", (const char *)NULL);

	/* Identical content: 0, nothing staged, no commit, HEAD stays. */
	assert_int_equal(ct_txn_begin(&txn, fx->desk), 0);
	put_ok(txn, "sources/ab/a.json", "A\n", 0);
	put_ok(txn, "desk.json", DESK_JSON, 0);
	assert_int_equal(ct_txn_remove(txn, "sources/ab/missing.json"), 0);
	assert_int_equal(ct_txn_changes(txn), 0);
	memset(c2, 'x', sizeof(c2));
	assert_int_equal(ct_txn_commit(txn, &fx->who, "nothing", c2), 0);
	assert_string_equal(c2, "");
	ct_txn_free(txn);
	assert_int_equal(ct_desk_head(fx->desk, head), 0);
	assert_string_equal(head, c1);
	git_output_is(fx, "rev-list --count HEAD", "2\n");

	/* One changed, one identical: only the change is staged. */
	assert_int_equal(ct_txn_begin(&txn, fx->desk), 0);
	put_ok(txn, "sources/ab/a.json", "A\n", 0);
	put_ok(txn, "sources/ab/b.json", "B2\n", 1);
	assert_int_equal(ct_txn_changes(txn), 1);
	assert_int_equal(ct_txn_commit(txn, &fx->who, "change b", c2), 0);
	ct_txn_free(txn);
	assert_string_not_equal(c1, c2);
	git_output_is(fx, "show --name-status --format= HEAD", "M\tsources/ab/b.json\n");
	read_file_is(fx, "sources/ab/b.json", "B2\n");
	git_fsck_clean(fx);

	/* A transaction freed without commit changes nothing either. */
	assert_int_equal(ct_txn_begin(&txn, fx->desk), 0);
	put_ok(txn, "sources/ab/c.json", "C\n", 1);
	ct_txn_free(txn);
	assert_int_equal(ct_desk_head(fx->desk, head), 0);
	assert_string_equal(head, c2);
	assert_false(file_exists(fx, "sources/ab/c.json"));
	ct_txn_free(NULL);
}

static void test_txn_thousand_puts_through_pack(void **state)
{
	struct fixture *fx = *state;
	ct_txn *txn = NULL;
	char path[96], data[96], c1[41], c2[41];
	ct_buf out = CT_BUF_INIT;
	int i;
	assert_int_equal(ct_txn_begin(&txn, fx->desk), 0);
	for (i = 0; i < 1000; i++) {
		snprintf(path, sizeof(path), "claims/%02x/src-%d/%04d.json", i % 256, i % 7, i);
		snprintf(data, sizeof(data), "{\"n\": %d}\n", i);
		put_ok(txn, path, data, 1);
	}
	assert_int_equal(ct_txn_changes(txn), 1000);
	assert_int_equal(ct_txn_commit(txn, &fx->who, "bulk", c1), 0);
	ct_txn_free(txn);

	git_fsck_clean(fx);
	git_output_is(fx, "rev-list --count HEAD", "2\n");
	/* The objects went into one pack, no temporary files are left. */
	assert_int_equal(capture(&out, "ls '%s/.git/objects/pack' | grep -c '\\.pack$'", fx->dir), 0);
	assert_string_equal(out.ptr, "1\n");
	ct_buf_clear(&out);
	assert_int_equal(capture(&out, "ls '%s/.git/objects/pack' | grep -c tmp_", fx->dir), 1);
	assert_string_equal(out.ptr, "0\n");
	ct_buf_clear(&out);
	assert_int_equal(capture(&out, "git -C '%s' ls-files | wc -l", fx->dir), 0);
	assert_int_equal(atoi(out.ptr), 1001);
	ct_buf_clear(&out);
	assert_int_equal(capture(&out, "cd '%s' && find claims -type f | wc -l", fx->dir), 0);
	assert_int_equal(atoi(out.ptr), 1000);
	read_file_is(fx, "claims/00/src-0/0000.json", "{\"n\": 0}\n");
	read_file_is(fx, "claims/e7/src-5/0999.json", "{\"n\": 999}\n");
	desk_read_is(fx, NULL, "claims/e7/src-5/0999.json", "{\"n\": 999}\n");
	desk_read_is(fx, c1, "claims/01/src-1/0001.json", "{\"n\": 1}\n");

	/* A second bulk transaction on top: changes 300, removes 10. */
	assert_int_equal(ct_txn_begin(&txn, fx->desk), 0);
	for (i = 0; i < 300; i++) {
		snprintf(path, sizeof(path), "claims/%02x/src-%d/%04d.json", i % 256, i % 7, i);
		snprintf(data, sizeof(data), "{\"n\": %d, \"v\": 2}\n", i);
		put_ok(txn, path, data, 1);
	}
	for (i = 990; i < 1000; i++) {
		snprintf(path, sizeof(path), "claims/%02x/src-%d/%04d.json", i % 256, i % 7, i);
		assert_int_equal(ct_txn_remove(txn, path), 1);
	}
	assert_int_equal(ct_txn_commit(txn, &fx->who, "bulk 2", c2), 0);
	ct_txn_free(txn);
	git_fsck_clean(fx);
	ct_buf_clear(&out);
	assert_int_equal(capture(&out, "git -C '%s' diff --shortstat HEAD~1 HEAD", fx->dir), 0);
	assert_string_equal(out.ptr, " 310 files changed, 300 insertions(+), 310 deletions(-)\n");
	read_file_is(fx, "claims/00/src-0/0000.json", "{\"n\": 0, \"v\": 2}\n");
	assert_false(file_exists(fx, "claims/e7/src-5/0999.json"));
	desk_read_is(fx, c1, "claims/e7/src-5/0999.json", "{\"n\": 999}\n");
	ct_buf_release(&out);
}

static void test_txn_around_pack_threshold(void **state)
{
	/* 255..258 blobs in one folder: the switch to a pack happens while the trees and the commit
	 * are being written. Every case must give a sound repository. */
	struct fixture *fx = *state;
	char path[64], data[64], c[41];
	ct_buf want = CT_BUF_INIT;
	int n, i, round = 0;
	for (n = 254; n <= 258; n++, round++) {
		ct_txn *txn = NULL;
		assert_int_equal(ct_txn_begin(&txn, fx->desk), 0);
		for (i = 0; i < n; i++) {
			snprintf(path, sizeof(path), "claims/ab/r%d/%04d.json", round, i);
			snprintf(data, sizeof(data), "{\"round\": %d, \"i\": %d}\n", round, i);
			put_ok(txn, path, data, 1);
		}
		if (ct_txn_commit(txn, &fx->who, "round", c) != 0)
			fail_msg("commit of %d failed: %s", n, ct_error_last());
		ct_txn_free(txn);
		git_fsck_clean(fx);
		snprintf(path, sizeof(path), "claims/ab/r%d/%04d.json", round, n - 1);
		snprintf(data, sizeof(data), "{\"round\": %d, \"i\": %d}\n", round, n - 1);
		read_file_is(fx, path, data);
		desk_read_is(fx, NULL, path, data);
	}
	ct_buf_printf(&want, "%d\n", 1 + 254 + 255 + 256 + 257 + 258);
	git_output_is(fx, "ls-files | wc -l | tr -d ' '", want.ptr);
	ct_buf_release(&want);
}

static void test_unborn_branch(void **state)
{
	/* A fresh repository (stock git, branch "master") with desk.json only in the working tree:
	 * it opens, reads as empty, and the first transaction creates the branch HEAD names. */
	struct fixture *fx = *state;
	ct_txn *txn = NULL;
	ct_buf got = CT_BUF_INIT;
	char head[41], c[41];
	assert_int_equal(sh("git -c init.defaultBranch=master init -q '%s' && printf '{}\\n' > '%s/desk.json'",
			    fx->dir, fx->dir), 0);
	assert_int_equal(ct_desk_open(&fx->desk, fx->dir), 0);
	memset(head, 'x', sizeof(head));
	assert_int_equal(ct_desk_head(fx->desk, head), 0);
	assert_string_equal(head, "");
	assert_int_equal(ct_desk_read(fx->desk, NULL, "desk.json", &got), CT_ENOTFOUND);
	assert_int_equal(ct_txn_begin(&txn, fx->desk), 0);
	put_ok(txn, "sources/ab/a.json", "A\n", 1);
	assert_int_equal(ct_txn_remove(txn, "desk.json"), 0);
	{
		int rc = ct_txn_commit(txn, &fx->who, "first", c);
		ct_txn_free(txn);
		if (rc != 0)
			fail_msg("first commit failed: %s", ct_error_last());
	}
	git_output_is(fx, "symbolic-ref HEAD", "refs/heads/master\n");
	git_output_is(fx, "log --format=%s master", "first\n");
	assert_int_equal(ct_desk_head(fx->desk, head), 0);
	assert_string_equal(head, c);
	read_file_is(fx, "sources/ab/a.json", "A\n");
	ct_buf_release(&got);
}

static void test_txn_remove(void **state)
{
	struct fixture *fx = *state;
	ct_txn *txn = NULL;
	ct_buf got = CT_BUF_INIT;
	char c1[41], c2[41];
	commit_files(fx, "add", c1, "sources/ab/a.json", "A\n", "sources/ab/b.json", "B\n", (const char *)NULL);
	assert_true(file_exists(fx, "sources/ab/a.json"));

	assert_int_equal(ct_txn_begin(&txn, fx->desk), 0);
	assert_int_equal(ct_txn_remove(txn, "sources/ab/a.json"), 1);
	assert_int_equal(ct_txn_remove(txn, "sources/ab/nope.json"), 0);
	assert_int_equal(ct_txn_remove(txn, "nowhere/x.json"), 0);
	assert_int_equal(ct_txn_changes(txn), 1);
	assert_int_equal(ct_txn_commit(txn, &fx->who, "remove a", c2), 0);
	ct_txn_free(txn);

	git_output_is(fx, "show --name-status --format= HEAD", "D\tsources/ab/a.json\n");
	assert_int_equal(ct_desk_read(fx->desk, NULL, "sources/ab/a.json", &got), CT_ENOTFOUND);
	assert_false(file_exists(fx, "sources/ab/a.json"));
	assert_true(file_exists(fx, "sources/ab/b.json"));
	desk_read_is(fx, c1, "sources/ab/a.json", "A\n");
	git_fsck_clean(fx);

	/* Removing the last file of a folder removes the folder from the tree. */
	commit_files(fx, "remove b", c2, "sources/ab/b.json", (const char *)NULL, (const char *)NULL);
	git_output_is(fx, "ls-tree -r --name-only HEAD", "desk.json\n");
	git_fsck_clean(fx);
	ct_buf_release(&got);
}

static void test_txn_put_then_remove_readd(void **state)
{
	/* Re-adding a removed path with the old content is a change again. */
	struct fixture *fx = *state;
	char c[41];
	commit_files(fx, "add", c, "sources/ab/a.json", "A\n", (const char *)NULL);
	commit_files(fx, "del", c, "sources/ab/a.json", (const char *)NULL, (const char *)NULL);
	commit_files(fx, "readd", c, "sources/ab/a.json", "A\n", (const char *)NULL);
	read_file_is(fx, "sources/ab/a.json", "A\n");
	git_output_is(fx, "log --format=%s", "readd\ndel\nadd\nCreate claims desk\n");
	git_fsck_clean(fx);
}

static void test_txn_same_path_twice_last_wins(void **state)
{
	/* Two puts of one path in one transaction: the commit must hold the last content. */
	struct fixture *fx = *state;
	ct_txn *txn = NULL;
	char c[41];
	int i;
	assert_int_equal(ct_txn_begin(&txn, fx->desk), 0);
	for (i = 0; i < 5; i++) {
		char data[32];
		snprintf(data, sizeof(data), "version %d\n", i);
		put_ok(txn, "sources/ab/a.json", data, 1);
		put_ok(txn, "sources/ab/other.json", "O\n", 1);
	}
	{
		int rc = ct_txn_commit(txn, &fx->who, "twice", c);
		ct_txn_free(txn);
		if (rc != 0)
			fail_msg("commit failed: %s", ct_error_last());
	}
	desk_read_is(fx, NULL, "sources/ab/a.json", "version 4\n");
	read_file_is(fx, "sources/ab/a.json", "version 4\n");
	git_fsck_clean(fx);
}

static void test_txn_put_back_to_head_content(void **state)
{
	/* Staging new content and then HEAD's content again: the path must end up unchanged. */
	struct fixture *fx = *state;
	ct_txn *txn = NULL;
	char c1[41], c2[41];
	commit_files(fx, "add", c1, "sources/ab/a.json", "A\n", (const char *)NULL);
	assert_int_equal(ct_txn_begin(&txn, fx->desk), 0);
	put_ok(txn, "sources/ab/a.json", "changed\n", 1);
	/* 0 or 1 are both fair answers here; what matters is what gets committed. */
	assert_true(ct_txn_put(txn, "sources/ab/a.json", "A\n", 2) >= 0);
	put_ok(txn, "sources/ab/b.json", "B\n", 1);
	{
		int rc = ct_txn_commit(txn, &fx->who, "back", c2);
		ct_txn_free(txn);
		if (rc != 0)
			fail_msg("commit failed: %s", ct_error_last());
	}
	desk_read_is(fx, NULL, "sources/ab/a.json", "A\n");
	read_file_is(fx, "sources/ab/a.json", "A\n");
	git_fsck_clean(fx);
}

static void test_txn_put_then_remove_same_path(void **state)
{
	/* Put then remove of one path in one transaction: the removal is what counts. */
	struct fixture *fx = *state;
	ct_txn *txn = NULL;
	char c1[41], c2[41];
	commit_files(fx, "add", c1, "sources/ab/a.json", "A\n", (const char *)NULL);
	assert_int_equal(ct_txn_begin(&txn, fx->desk), 0);
	put_ok(txn, "sources/ab/a.json", "changed\n", 1);
	assert_int_equal(ct_txn_remove(txn, "sources/ab/a.json"), 1);
	{
		int rc = ct_txn_commit(txn, &fx->who, "put and remove", c2);
		ct_txn_free(txn);
		if (rc != 0)
			fail_msg("commit failed: %s", ct_error_last());
	}
	git_output_is(fx, "ls-tree -r --name-only HEAD", "desk.json\n");
	assert_false(file_exists(fx, "sources/ab/a.json"));
	git_fsck_clean(fx);
}

static void test_compare_and_swap(void **state)
{
	struct fixture *fx = *state;
	ct_txn *a = NULL, *b = NULL;
	char ca[41], cb[41], head[41], base[41];
	ct_buf got = CT_BUF_INIT;
	assert_int_equal(ct_desk_head(fx->desk, base), 0);
	assert_int_equal(ct_txn_begin(&a, fx->desk), 0);
	assert_int_equal(ct_txn_begin(&b, fx->desk), 0);
	put_ok(a, "sources/ab/from-a.json", "A\n", 1);
	put_ok(b, "sources/ab/from-b.json", "B\n", 1);
	assert_int_equal(ct_txn_commit(b, &fx->who, "B", cb), 0);
	memset(ca, 'x', sizeof(ca));
	assert_int_equal(ct_txn_commit(a, &fx->who, "A", ca), CT_EMOVED);
	ct_txn_free(a);
	ct_txn_free(b);
	assert_int_equal(ct_desk_head(fx->desk, head), 0);
	assert_string_equal(head, cb);
	git_output_is(fx, "log --format=%s", "B\nCreate claims desk\n");
	assert_int_equal(ct_desk_read(fx->desk, NULL, "sources/ab/from-a.json", &got), CT_ENOTFOUND);
	assert_false(file_exists(fx, "sources/ab/from-a.json"));
	read_file_is(fx, "sources/ab/from-b.json", "B\n");
	git_fsck_clean(fx);

	/* HEAD moved by someone else (stock git) between begin and commit. */
	assert_int_equal(ct_txn_begin(&a, fx->desk), 0);
	put_ok(a, "sources/ab/late.json", "L\n", 1);
	assert_int_equal(sh("git -C '%s' commit -q --allow-empty -m outside", fx->dir), 0);
	assert_int_equal(ct_txn_commit(a, &fx->who, "late", ca), CT_EMOVED);
	ct_txn_free(a);
	git_output_is(fx, "log --format=%s", "outside\nB\nCreate claims desk\n");
	assert_false(file_exists(fx, "sources/ab/late.json"));

	/* A transaction begun afterwards goes through. */
	commit_files(fx, "after", ca, "sources/ab/late.json", "L\n", (const char *)NULL);
	git_output_is(fx, "log --format=%s", "after\noutside\nB\nCreate claims desk\n");
	git_fsck_clean(fx);
	ct_buf_release(&got);
}

/* ---- reading ------------------------------------------------------------------------- */

static void test_read(void **state)
{
	struct fixture *fx = *state;
	ct_buf got = CT_BUF_INIT;
	char c1[41], c2[41], resolved[41];
	commit_files(fx, "one", c1, "sources/ab/a.json", "v1\n", (const char *)NULL);
	commit_files(fx, "two", c2, "sources/ab/a.json", "v2\n", (const char *)NULL);
	desk_read_is(fx, NULL, "sources/ab/a.json", "v2\n");
	desk_read_is(fx, "", "sources/ab/a.json", "v2\n");
	desk_read_is(fx, c2, "sources/ab/a.json", "v2\n");
	desk_read_is(fx, c1, "sources/ab/a.json", "v1\n");
	/* Appends. */
	ct_buf_puts(&got, "> ");
	assert_int_equal(ct_desk_read(fx->desk, NULL, "sources/ab/a.json", &got), 0);
	assert_string_equal(got.ptr, "> v2\n");
	/* Missing paths, folders and commits. */
	ct_buf_clear(&got);
	assert_int_equal(ct_desk_read(fx->desk, NULL, "sources/ab/missing.json", &got), CT_ENOTFOUND);
	assert_int_equal(ct_desk_read(fx->desk, NULL, "sources/ab", &got), CT_ENOTFOUND);
	assert_int_equal(ct_desk_read(fx->desk, NULL, "nothing/here", &got), CT_ENOTFOUND);
	assert_int_equal(ct_desk_read(fx->desk, "0123456789012345678901234567890123456789", "desk.json", &got),
			 CT_ENOTFOUND);
	assert_int_equal(ct_desk_read(fx->desk, "not-hex", "desk.json", &got), CT_ENOTFOUND);
	assert_int_equal(got.len, 0);
	/* Revisions. */
	assert_int_equal(ct_desk_resolve(fx->desk, "HEAD~1", resolved), 0);
	assert_string_equal(resolved, c1);
	assert_int_equal(ct_desk_resolve(fx->desk, "main", resolved), 0);
	assert_string_equal(resolved, c2);
	assert_int_equal(ct_desk_resolve(fx->desk, "HEAD~9", resolved), CT_ENOTFOUND);
	assert_int_equal(ct_desk_resolve(fx->desk, "no-such-branch", resolved), CT_ENOTFOUND);
	ct_buf_release(&got);
}

struct seen {
	ct_buf out;
	int n;
	int stop_at;
};

static int collect(const char *path, const char *data, size_t len, void *payload)
{
	struct seen *s = payload;
	s->n++;
	ct_buf_puts(&s->out, path);
	if (data) {
		ct_buf_putc(&s->out, '=');
		ct_buf_put(&s->out, data, len);
	} else {
		assert_int_equal(len, 0);
		ct_buf_puts(&s->out, " deleted\n");
	}
	return s->stop_at && s->n == s->stop_at ? 42 : 0;
}

static void seen_reset(struct seen *s)
{
	ct_buf_release(&s->out);
	s->n = 0;
	s->stop_at = 0;
}

/* A desk with records of every kind and files that are not records. */
static void make_layout(struct fixture *fx, char out[41])
{
	commit_files(fx, "layout", out,
		     "sources/ab/s1.json", "S1\n",
		     "sources/ab/s1.txt", "text\n",
		     "sources/ab/sub/deep.json", "DEEP\n",
		     "sources/cd/s2.json", "S2\n",
		     "claims/ab/s1/c1.json", "C1\n",
		     "claims/ab/s1/c2.json", "C2\n",
		     "reviews/ef/c1/r.json", "R\n",
		     "notes/readme.json", "N\n",
		     "sources.json", "X\n",
		     "README.md", "M\n",
		     (const char *)NULL);
}

static void test_foreach_record(void **state)
{
	struct fixture *fx = *state;
	struct seen s = { CT_BUF_INIT, 0, 0 };
	char c1[41], c2[41];
	make_layout(fx, c1);
	assert_int_equal(ct_desk_foreach_record(fx->desk, NULL, collect, &s), 0);
	/* Tree order; only .json under sources/, claims/ and reviews/. */
	assert_string_equal(s.out.ptr,
			    "claims/ab/s1/c1.json=C1\n"
			    "claims/ab/s1/c2.json=C2\n"
			    "reviews/ef/c1/r.json=R\n"
			    "sources/ab/s1.json=S1\n"
			    "sources/ab/sub/deep.json=DEEP\n"
			    "sources/cd/s2.json=S2\n");
	assert_int_equal(s.n, 6);
	/* A non-zero return stops the walk and is returned. */
	seen_reset(&s);
	s.stop_at = 2;
	assert_int_equal(ct_desk_foreach_record(fx->desk, NULL, collect, &s), 42);
	assert_int_equal(s.n, 2);
	/* An older commit. */
	commit_files(fx, "more", c2, "claims/ab/s1/c1.json", (const char *)NULL, "sources/cd/s3.json", "S3\n",
		     (const char *)NULL);
	seen_reset(&s);
	assert_int_equal(ct_desk_foreach_record(fx->desk, c1, collect, &s), 0);
	assert_int_equal(s.n, 6);
	seen_reset(&s);
	assert_int_equal(ct_desk_foreach_record(fx->desk, c2, collect, &s), 0);
	assert_string_equal(s.out.ptr,
			    "claims/ab/s1/c2.json=C2\n"
			    "reviews/ef/c1/r.json=R\n"
			    "sources/ab/s1.json=S1\n"
			    "sources/ab/sub/deep.json=DEEP\n"
			    "sources/cd/s2.json=S2\n"
			    "sources/cd/s3.json=S3\n");
	seen_reset(&s);
	assert_int_equal(ct_desk_foreach_record(fx->desk, "0123456789012345678901234567890123456789", collect, &s),
			 CT_ENOTFOUND);
	assert_int_equal(s.n, 0);
	seen_reset(&s);
}

/* ct_desk_foreach_record_ahead gives what ct_desk_foreach_record gives, in the same order: on the
 * small layout, across many batches of a packed commit with loose records on top, when cb stops
 * the walk at any point, and when a blob cannot be read. */
static void test_foreach_record_ahead(void **state)
{
	struct fixture *fx = *state;
	struct seen s = { CT_BUF_INIT, 0, 0 }, t = { CT_BUF_INIT, 0, 0 };
	char c1[41], c2[41], path[96], data[96];
	static const int stops[] = { 1, 255, 256, 257, 2047, 2048, 2049, 4999, 5003 };
	ct_txn *txn = NULL;
	ct_buf out = CT_BUF_INIT;
	size_t k;
	int i;

	make_layout(fx, c1);
	assert_int_equal(ct_desk_foreach_record(fx->desk, NULL, collect, &s), 0);
	assert_int_equal(ct_desk_foreach_record_ahead(fx->desk, NULL, collect, &t), 0);
	assert_int_equal(t.n, 6);
	assert_string_equal(t.out.ptr, s.out.ptr);
	seen_reset(&t);
	t.stop_at = 2;
	assert_int_equal(ct_desk_foreach_record_ahead(fx->desk, NULL, collect, &t), 42);
	assert_int_equal(t.n, 2);
	seen_reset(&t);
	assert_int_equal(ct_desk_foreach_record_ahead(fx->desk, "0123456789012345678901234567890123456789", collect, &t),
			 CT_ENOTFOUND);
	assert_int_equal(t.n, 0);

	/* 5,000 records in a pack (many batches, the ring of batches wrapped around), then a few loose. */
	assert_int_equal(ct_txn_begin(&txn, fx->desk), 0);
	for (i = 0; i < 5000; i++) {
		snprintf(path, sizeof(path), "claims/%02x/src-%d/%04d.json", i % 256, i % 7, i);
		snprintf(data, sizeof(data), "{\"n\": %d}\n", i);
		put_ok(txn, path, data, 1);
	}
	assert_int_equal(ct_txn_commit(txn, &fx->who, "bulk", c2), 0);
	ct_txn_free(txn);
	commit_files(fx, "loose", c2, "claims/00/src-0/0000.json", "{\"n\": \"changed\"}\n", "reviews/aa/r/x.json",
		     "R2\n", (const char *)NULL);
	seen_reset(&s);
	seen_reset(&t);
	assert_int_equal(ct_desk_foreach_record(fx->desk, NULL, collect, &s), 0);
	assert_int_equal(ct_desk_foreach_record_ahead(fx->desk, NULL, collect, &t), 0);
	assert_int_equal(s.n, 5000 + 6 + 1);
	assert_int_equal(t.n, s.n);
	assert_true(t.out.len == s.out.len && !memcmp(t.out.ptr, s.out.ptr, s.out.len));
	for (k = 0; k < sizeof(stops) / sizeof(*stops); k++) {
		seen_reset(&t);
		t.stop_at = stops[k];
		assert_int_equal(ct_desk_foreach_record_ahead(fx->desk, NULL, collect, &t), 42);
		assert_int_equal(t.n, stops[k]);
		assert_true(t.out.len < s.out.len && !memcmp(t.out.ptr, s.out.ptr, t.out.len));
	}

	/* A record whose blob is gone: the records before it are handed over, then the error. */
	assert_int_equal(capture(&out, "cd '%s' && git rev-parse HEAD:reviews/aa/r/x.json", fx->dir), 0);
	assert_int_equal(out.len, 41);
	assert_int_equal(sh("rm -f '%s/.git/objects/%.2s/%.38s'", fx->dir, out.ptr, out.ptr + 2), 0);
	seen_reset(&s);
	seen_reset(&t);
	assert_int_equal(ct_desk_foreach_record(fx->desk, NULL, collect, &s), CT_EDESK);
	assert_int_equal(ct_desk_foreach_record_ahead(fx->desk, NULL, collect, &t), CT_EDESK);
	assert_non_null(strstr(ct_error_last(), "cannot read blob"));
	assert_int_equal(t.n, s.n);
	assert_int_equal(t.n, 5000 + 2);   /* the claims: the review is the first after them */
	assert_string_equal(t.out.ptr, s.out.ptr);
	seen_reset(&s);
	seen_reset(&t);
	ct_buf_release(&out);
}

static void foreach_file_is(struct fixture *fx, const char *commit, int staged, const char *prefix,
			    const char *want)
{
	struct seen s = { CT_BUF_INIT, 0, 0 };
	int rc = ct_desk_foreach_file(fx->desk, commit, staged, prefix, collect, &s);
	if (rc != 0)
		fail_msg("foreach_file(%s) = %d: %s", prefix, rc, ct_error_last());
	if (strcmp(s.out.ptr, want))
		fail_msg("foreach_file(prefix \"%s\", staged %d) visited:\n%s\nwant:\n%s", prefix, staged,
			 s.out.ptr, want);
	seen_reset(&s);
}

static void test_foreach_file_prefix(void **state)
{
	struct fixture *fx = *state;
	char c1[41];
	make_layout(fx, c1);
	foreach_file_is(fx, NULL, 0, "sources/ab/",
			"sources/ab/s1.json=S1\nsources/ab/s1.txt=text\nsources/ab/sub/deep.json=DEEP\n");
	foreach_file_is(fx, NULL, 0, "sources/ab/s1", "sources/ab/s1.json=S1\nsources/ab/s1.txt=text\n");
	foreach_file_is(fx, NULL, 0, "sources/ab/s1.txt", "sources/ab/s1.txt=text\n");
	foreach_file_is(fx, NULL, 0, "claims/",
			"claims/ab/s1/c1.json=C1\nclaims/ab/s1/c2.json=C2\n");
	/* A prefix ending inside a name matches like a string prefix (git tree order puts
	 * "sources.json" before the folder "sources/"). */
	foreach_file_is(fx, NULL, 0, "sources",
			"sources.json=X\n"
			"sources/ab/s1.json=S1\nsources/ab/s1.txt=text\nsources/ab/sub/deep.json=DEEP\n"
			"sources/cd/s2.json=S2\n");
	foreach_file_is(fx, NULL, 0, "sources/",
			"sources/ab/s1.json=S1\nsources/ab/s1.txt=text\nsources/ab/sub/deep.json=DEEP\n"
			"sources/cd/s2.json=S2\n");
	foreach_file_is(fx, NULL, 0, "notes/", "notes/readme.json=N\n");
	foreach_file_is(fx, NULL, 0, "nothing/", "");
	foreach_file_is(fx, NULL, 0, "",
			"README.md=M\n"
			"claims/ab/s1/c1.json=C1\nclaims/ab/s1/c2.json=C2\n"
			"desk.json=" DESK_JSON
			"notes/readme.json=N\n"
			"reviews/ef/c1/r.json=R\n"
			"sources.json=X\n"
			"sources/ab/s1.json=S1\nsources/ab/s1.txt=text\nsources/ab/sub/deep.json=DEEP\n"
			"sources/cd/s2.json=S2\n");
	foreach_file_is(fx, c1, 0, "reviews/", "reviews/ef/c1/r.json=R\n");
}

static void test_foreach_file_staged(void **state)
{
	struct fixture *fx = *state;
	char c1[41];
	make_layout(fx, c1);
	/* After a commit the git index matches HEAD. */
	foreach_file_is(fx, NULL, 1, "sources/ab/",
			"sources/ab/s1.json=S1\nsources/ab/s1.txt=text\nsources/ab/sub/deep.json=DEEP\n");
	/* Staged with stock git: the index differs from HEAD. */
	assert_int_equal(sh("cd '%s' && printf 'S1 staged\\n' > sources/ab/s1.json && printf 'new\\n' > sources/ab/new.json "
			    "&& git add sources/ab/s1.json sources/ab/new.json && git rm -q sources/ab/s1.txt", fx->dir), 0);
	foreach_file_is(fx, NULL, 1, "sources/ab/",
			"sources/ab/new.json=new\nsources/ab/s1.json=S1 staged\nsources/ab/sub/deep.json=DEEP\n");
	foreach_file_is(fx, NULL, 0, "sources/ab/",
			"sources/ab/s1.json=S1\nsources/ab/s1.txt=text\nsources/ab/sub/deep.json=DEEP\n");
}

static void test_diff_records(void **state)
{
	struct fixture *fx = *state;
	struct seen s = { CT_BUF_INIT, 0, 0 };
	char c1[41], c2[41];
	make_layout(fx, c1);
	commit_files(fx, "change", c2,
		     "sources/ab/s1.json", "S1 v2\n",           /* changed */
		     "claims/ab/s1/c1.json", (const char *)NULL, /* deleted */
		     "claims/ab/s1/c3.json", "C3\n",             /* added */
		     "sources/ab/s1.txt", "text v2\n",           /* not a record */
		     "notes/readme.json", (const char *)NULL,    /* not a record */
		     "README.md", "M2\n",
		     (const char *)NULL);
	assert_int_equal(ct_desk_diff_records(fx->desk, c1, c2, collect, &s), 0);
	assert_string_equal(s.out.ptr,
			    "claims/ab/s1/c1.json deleted\n"
			    "claims/ab/s1/c3.json=C3\n"
			    "sources/ab/s1.json=S1 v2\n");
	assert_int_equal(s.n, 3);
	/* The other way round. */
	seen_reset(&s);
	assert_int_equal(ct_desk_diff_records(fx->desk, c2, c1, collect, &s), 0);
	assert_string_equal(s.out.ptr,
			    "claims/ab/s1/c1.json=C1\n"
			    "claims/ab/s1/c3.json deleted\n"
			    "sources/ab/s1.json=S1\n");
	/* From nothing: every record of the commit is new. */
	seen_reset(&s);
	assert_int_equal(ct_desk_diff_records(fx->desk, NULL, c1, collect, &s), 0);
	assert_int_equal(s.n, 6);
	assert_non_null(strstr(s.out.ptr, "sources/ab/sub/deep.json=DEEP\n"));
	assert_null(strstr(s.out.ptr, "desk.json"));
	assert_null(strstr(s.out.ptr, "notes/"));
	seen_reset(&s);
	assert_int_equal(ct_desk_diff_records(fx->desk, "", c2, collect, &s), 0);
	assert_int_equal(s.n, 6);
	/* No difference. */
	seen_reset(&s);
	assert_int_equal(ct_desk_diff_records(fx->desk, c2, c2, collect, &s), 0);
	assert_int_equal(s.n, 0);
	/* A callback's non-zero return stops the diff. */
	seen_reset(&s);
	s.stop_at = 1;
	assert_int_equal(ct_desk_diff_records(fx->desk, c1, c2, collect, &s), 42);
	assert_int_equal(s.n, 1);
	seen_reset(&s);
	assert_int_equal(ct_desk_diff_records(fx->desk, "0123456789012345678901234567890123456789", c2, collect, &s),
			 CT_ENOTFOUND);
	seen_reset(&s);
}

/* ---- history ------------------------------------------------------------------------- */

struct log_seen {
	ct_buf out;
	int n;
};

static int log_collect(const struct ct_log_entry *e, void *payload)
{
	struct log_seen *l = payload;
	size_t mlen = strlen(e->message);
	while (mlen && e->message[mlen - 1] == '\n')
		mlen--;
	l->n++;
	assert_int_equal(strlen(e->commit), 40);
	ct_buf_printf(&l->out, "%.8s %s <%s> %lld %d ", e->commit, e->author, e->email, e->time, e->offset);
	ct_buf_put(&l->out, e->message, mlen);
	ct_buf_putc(&l->out, '\n');
	return 0;
}

static void test_log(void **state)
{
	struct fixture *fx = *state;
	struct log_seen l = { CT_BUF_INIT, 0 };
	ct_buf want = CT_BUF_INIT;
	char c[4][41];
	const char *one[] = { "sources/ab/a.json" };
	const char *two[] = { "sources/ab/b.json", "claims/ab/a/x.json" };
	const char *none[] = { "sources/ab/never.json" };
	assert_int_equal(ct_desk_head(fx->desk, c[0]), 0);
	commit_files(fx, "add a", c[1], "sources/ab/a.json", "A\n", (const char *)NULL);
	fx->who.time += 10;
	commit_files(fx, "add b", c[2], "sources/ab/b.json", "B\n", (const char *)NULL);
	fx->who.time += 10;
	commit_files(fx, "change a, add x", c[3], "sources/ab/a.json", "A2\n", "claims/ab/a/x.json", "X\n",
		     (const char *)NULL);

	assert_int_equal(ct_desk_log(fx->desk, NULL, 0, log_collect, &l), 0);
	ct_buf_printf(&want,
		      "%.8s " AUTHOR_NAME " <" AUTHOR_EMAIL "> 1700000020 60 change a, add x\n"
		      "%.8s " AUTHOR_NAME " <" AUTHOR_EMAIL "> 1700000010 60 add b\n"
		      "%.8s " AUTHOR_NAME " <" AUTHOR_EMAIL "> 1700000000 60 add a\n"
		      "%.8s " AUTHOR_NAME " <" AUTHOR_EMAIL "> 1700000000 60 Create claims desk\n",
		      c[3], c[2], c[1], c[0]);
	assert_string_equal(l.out.ptr, want.ptr);
	assert_int_equal(l.n, 4);

	/* Only the commits that touched the path. */
	ct_buf_clear(&l.out);
	l.n = 0;
	assert_int_equal(ct_desk_log(fx->desk, one, 1, log_collect, &l), 0);
	assert_int_equal(l.n, 2);
	assert_non_null(strstr(l.out.ptr, " change a, add x\n"));
	assert_non_null(strstr(l.out.ptr, " add a\n"));
	assert_true(strstr(l.out.ptr, "change a") < strstr(l.out.ptr, " add a\n"));

	ct_buf_clear(&l.out);
	l.n = 0;
	assert_int_equal(ct_desk_log(fx->desk, two, 2, log_collect, &l), 0);
	assert_int_equal(l.n, 2);
	assert_memory_equal(l.out.ptr, c[3], 8);
	assert_non_null(strstr(l.out.ptr, " add b\n"));

	ct_buf_clear(&l.out);
	l.n = 0;
	assert_int_equal(ct_desk_log(fx->desk, none, 1, log_collect, &l), 0);
	assert_int_equal(l.n, 0);

	/* The same answer as git log -- path. */
	{
		ct_buf g = CT_BUF_INIT;
		assert_int_equal(capture(&g, "git -C '%s' log --format=%%s -- desk.json", fx->dir), 0);
		assert_string_equal(g.ptr, "Create claims desk\n");
		ct_buf_release(&g);
		ct_buf_clear(&l.out);
		l.n = 0;
		{
			const char *dj[] = { "desk.json" };
			assert_int_equal(ct_desk_log(fx->desk, dj, 1, log_collect, &l), 0);
		}
		assert_int_equal(l.n, 1);
		assert_non_null(strstr(l.out.ptr, "Create claims desk"));
	}
	ct_buf_release(&l.out);
	ct_buf_release(&want);
}

static void test_log_merges_like_git(void **state)
{
	/* History with a merge made by stock git: ct_desk_log -- path lists what git log -- path does. */
	struct fixture *fx = *state;
	static const char *const paths[] = { "sources/ab/side.json", "sources/ab/main.json", "desk.json" };
	char c[41];
	size_t i;
	commit_files(fx, "base", c, "sources/ab/side.json", "0\n", "sources/ab/main.json", "0\n", (const char *)NULL);
	assert_int_equal(sh("cd '%s' && git checkout -q -b side && printf '1\\n' > sources/ab/side.json && "
			    "git commit -q -am 'side change' && git checkout -q main && "
			    "printf '1\\n' > sources/ab/main.json && git commit -q -am 'main change' && "
			    "git merge -q --no-edit side >/dev/null", fx->dir), 0);
	for (i = 0; i < sizeof(paths) / sizeof(*paths); i++) {
		struct log_seen l = { CT_BUF_INIT, 0 };
		ct_buf g = CT_BUF_INIT, mine = CT_BUF_INIT;
		const char *p;
		assert_int_equal(capture(&g, "git -C '%s' log --format=%%s -- %s", fx->dir, paths[i]), 0);
		assert_int_equal(ct_desk_log(fx->desk, &paths[i], 1, log_collect, &l), 0);
		/* Keep only the subjects: each line ends with " <offset> <subject>". */
		for (p = l.out.ptr; *p;) {
			const char *nl = strchr(p, '\n'), *gt = strstr(p, "> ");
			const char *subj = strchr(strchr(gt + 2, ' ') + 1, ' ') + 1;
			ct_buf_put(&mine, subj, (size_t)(nl - subj) + 1);
			p = nl + 1;
		}
		if (strcmp(mine.ptr, g.ptr))
			fail_msg("log -- %s:\n%s\ngit says:\n%s", paths[i], mine.ptr, g.ptr);
		ct_buf_release(&l.out);
		ct_buf_release(&g);
		ct_buf_release(&mine);
	}
}

static int log_stop(const struct ct_log_entry *e, void *payload)
{
	(void)e;
	++*(int *)payload;
	return 9;
}

static void test_log_stops_on_callback(void **state)
{
	struct fixture *fx = *state;
	char c[41];
	int calls = 0;
	commit_files(fx, "x", c, "sources/ab/x.json", "X\n", (const char *)NULL);
	assert_int_equal(ct_desk_log(fx->desk, NULL, 0, log_stop, &calls), 9);
	assert_int_equal(calls, 1);
}

/* ---- identities ---------------------------------------------------------------------- */

static void test_ident_parse(void **state)
{
	static const char *const bad[] = {
		"", "Ada", "Ada <ada@example.com", "Ada ada@example.com>", "<ada@example.com>",
		"   <ada@example.com>", "Ada <>", "Ada <ada@example.com> trailing", "Ada <a<b@example.com>",
		"Ada > Byron <ada@example.com>", "Ada\nByron <ada@example.com>", "Ada <ada@example.com>>",
	};
	struct ct_ident who;
	size_t i;
	(void)state;
	assert_int_equal(ct_ident_parse(&who, "Ada Lovelace <ada@example.com>"), 0);
	assert_string_equal(who.name, "Ada Lovelace");
	assert_string_equal(who.email, "ada@example.com");
	assert_int_equal(who.time, 0);
	assert_int_equal(who.offset, 0);
	ct_ident_release(&who);
	assert_null(who.name);
	assert_null(who.email);
	/* Spaces before "<" are not part of the name. */
	assert_int_equal(ct_ident_parse(&who, "Ada   <a@b>"), 0);
	assert_string_equal(who.name, "Ada");
	assert_string_equal(who.email, "a@b");
	ct_ident_release(&who);
	assert_int_equal(ct_ident_parse(&who, "Ada<a@b>"), 0);
	assert_string_equal(who.name, "Ada");
	ct_ident_release(&who);
	assert_int_equal(ct_ident_parse(&who, "J\xc3\xa9r\xc3\xb4me O'Neil-Smith <jo@example.org>"), 0);
	assert_string_equal(who.name, "J\xc3\xa9r\xc3\xb4me O'Neil-Smith");
	ct_ident_release(&who);
	for (i = 0; i < sizeof(bad) / sizeof(*bad); i++) {
		int rc = ct_ident_parse(&who, bad[i]);
		if (rc != CT_EINPUT)
			fail_msg("ct_ident_parse(\"%s\") = %d, want CT_EINPUT", bad[i], rc);
		assert_null(who.name);
		assert_null(who.email);
		ct_ident_release(&who);
	}
}

static void test_identity_from_env(void **state)
{
	struct fixture *fx = *state;
	struct ct_ident who;
	(void)fx;
	assert_int_equal(ct_desk_identity(NULL, &who), 0);
	assert_string_equal(who.name, AUTHOR_NAME);
	assert_string_equal(who.email, AUTHOR_EMAIL);
	assert_int_equal(who.time, 0);
	ct_ident_release(&who);

	setenv("GIT_AUTHOR_DATE", "@1700000000 +0100", 1);
	assert_int_equal(ct_desk_identity(NULL, &who), 0);
	assert_int_equal(who.time, 1700000000);
	assert_int_equal(who.offset, 60);
	ct_ident_release(&who);

	setenv("GIT_AUTHOR_DATE", "1700000000 -0230", 1);
	assert_int_equal(ct_desk_identity(NULL, &who), 0);
	assert_int_equal(who.time, 1700000000);
	assert_int_equal(who.offset, -150);
	ct_ident_release(&who);

	/* `date -u -d 2025-10-22T10:00:00Z +%s` = 1761127200 */
	setenv("GIT_AUTHOR_DATE", "2025-10-22T10:00:00Z", 1);
	assert_int_equal(ct_desk_identity(NULL, &who), 0);
	assert_int_equal(who.time, 1761127200);
	assert_int_equal(who.offset, 0);
	ct_ident_release(&who);

	/* The same instant written in +02:00. */
	setenv("GIT_AUTHOR_DATE", "2025-10-22T12:00:00+02:00", 1);
	assert_int_equal(ct_desk_identity(NULL, &who), 0);
	assert_int_equal(who.time, 1761127200);
	assert_int_equal(who.offset, 120);
	ct_ident_release(&who);

	setenv("GIT_AUTHOR_DATE", "yesterday", 1);
	who.name = (char *)1;
	assert_int_equal(ct_desk_identity(NULL, &who), CT_EINPUT);
	assert_null(who.name);
	assert_non_null(strstr(ct_error_last(), "GIT_AUTHOR_DATE"));
	unsetenv("GIT_AUTHOR_DATE");

	/* Angle brackets in the name are refused. */
	setenv("GIT_AUTHOR_NAME", "Evil <x>", 1);
	assert_int_equal(ct_desk_identity(NULL, &who), CT_EINPUT);
	assert_null(who.name);
}

static void test_identity_commits_use_date(void **state)
{
	/* An identity from GIT_AUTHOR_DATE ends up in the commit as git would write it. */
	struct fixture *fx = *state;
	struct ct_ident who;
	ct_txn *txn = NULL;
	char c[41];
	setenv("GIT_AUTHOR_DATE", "@1700000000 +0100", 1);
	assert_int_equal(ct_desk_identity(fx->desk, &who), 0);
	assert_int_equal(ct_txn_begin(&txn, fx->desk), 0);
	put_ok(txn, "sources/ab/a.json", "A\n", 1);
	assert_int_equal(ct_txn_commit(txn, &who, "dated", c), 0);
	ct_txn_free(txn);
	ct_ident_release(&who);
	git_output_is(fx, "log -1 --format=%an/%ae/%at/%ai", AUTHOR_NAME "/" AUTHOR_EMAIL "/1700000000/2023-11-14 23:13:20 +0100\n");
}

static void test_identity_from_config(void **state)
{
	struct fixture *fx = *state;
	struct ct_ident who;
	ct_buf cfg = CT_BUF_INIT;
	unsetenv("GIT_AUTHOR_NAME");
	unsetenv("GIT_AUTHOR_EMAIL");
	/* Nothing configured anywhere. */
	assert_int_equal(ct_desk_identity(NULL, &who), CT_EINPUT);
	assert_null(who.name);
	assert_int_equal(ct_desk_identity(fx->desk, &who), CT_EINPUT);
	assert_non_null(strstr(ct_error_last(), "user.name"));

	/* The global configuration in HOME. */
	ct_buf_printf(&cfg, "%s/.gitconfig", home);
	assert_int_equal(sh("printf '[user]\\n\\tname = Global Person\\n\\temail = global@example.com\\n' > '%s'", cfg.ptr), 0);
	assert_int_equal(ct_desk_identity(NULL, &who), 0);
	assert_string_equal(who.name, "Global Person");
	assert_string_equal(who.email, "global@example.com");
	ct_ident_release(&who);

	/* The desk's own configuration wins over the global one. */
	assert_int_equal(sh("git -C '%s' config user.name 'Desk Person'", fx->dir), 0);
	assert_int_equal(ct_desk_identity(fx->desk, &who), 0);
	assert_string_equal(who.name, "Desk Person");
	assert_string_equal(who.email, "global@example.com");
	ct_ident_release(&who);

	/* The environment wins over both, field by field. */
	setenv("GIT_AUTHOR_EMAIL", "env@example.com", 1);
	assert_int_equal(ct_desk_identity(fx->desk, &who), 0);
	assert_string_equal(who.name, "Desk Person");
	assert_string_equal(who.email, "env@example.com");
	ct_ident_release(&who);
	/* An empty variable counts as unset. */
	setenv("GIT_AUTHOR_NAME", "", 1);
	assert_int_equal(ct_desk_identity(fx->desk, &who), 0);
	assert_string_equal(who.name, "Desk Person");
	ct_ident_release(&who);

	unlink(cfg.ptr);
	ct_buf_release(&cfg);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_init_creates_repo, setup, teardown),
		cmocka_unit_test_setup_teardown(test_init_makes_missing_parents, setup, teardown),
		cmocka_unit_test_setup_teardown(test_init_twice_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(test_open_from_subdirectory, setup, teardown),
		cmocka_unit_test_setup_teardown(test_open_non_desk, setup, teardown),
		cmocka_unit_test_setup_teardown(test_open_with_desk_json_only_in_head, setup, teardown),
		cmocka_unit_test_setup_teardown(test_txn_three_puts_one_commit, setup_desk, teardown),
		cmocka_unit_test_setup_teardown(test_txn_unchanged_content_commits_nothing, setup_desk, teardown),
		cmocka_unit_test_setup_teardown(test_txn_thousand_puts_through_pack, setup_desk, teardown),
		cmocka_unit_test_setup_teardown(test_txn_around_pack_threshold, setup_desk, teardown),
		cmocka_unit_test_setup_teardown(test_unborn_branch, setup, teardown),
		cmocka_unit_test_setup_teardown(test_txn_remove, setup_desk, teardown),
		cmocka_unit_test_setup_teardown(test_txn_put_then_remove_readd, setup_desk, teardown),
		cmocka_unit_test_setup_teardown(test_txn_same_path_twice_last_wins, setup_desk, teardown),
		cmocka_unit_test_setup_teardown(test_txn_put_back_to_head_content, setup_desk, teardown),
		cmocka_unit_test_setup_teardown(test_txn_put_then_remove_same_path, setup_desk, teardown),
		cmocka_unit_test_setup_teardown(test_compare_and_swap, setup_desk, teardown),
		cmocka_unit_test_setup_teardown(test_read, setup_desk, teardown),
		cmocka_unit_test_setup_teardown(test_foreach_record, setup_desk, teardown),
		cmocka_unit_test_setup_teardown(test_foreach_record_ahead, setup_desk, teardown),
		cmocka_unit_test_setup_teardown(test_foreach_file_prefix, setup_desk, teardown),
		cmocka_unit_test_setup_teardown(test_foreach_file_staged, setup_desk, teardown),
		cmocka_unit_test_setup_teardown(test_diff_records, setup_desk, teardown),
		cmocka_unit_test_setup_teardown(test_log, setup_desk, teardown),
		cmocka_unit_test_setup_teardown(test_log_merges_like_git, setup_desk, teardown),
		cmocka_unit_test_setup_teardown(test_log_stops_on_callback, setup_desk, teardown),
		cmocka_unit_test(test_ident_parse),
		cmocka_unit_test_setup_teardown(test_identity_from_env, setup, teardown),
		cmocka_unit_test_setup_teardown(test_identity_commits_use_date, setup_desk, teardown),
		cmocka_unit_test_setup_teardown(test_identity_from_config, setup_desk, teardown),
	};
	int rc;
	/* Pin HOME (libgit2 reads it once, at its first use) and keep system config out. */
	snprintf(home, sizeof(home), "/tmp/ct-desk-home-XXXXXX");
	if (!mkdtemp(home))
		return 1;
	setenv("HOME", home, 1);
	setenv("GIT_CONFIG_NOSYSTEM", "1", 1);
	unsetenv("XDG_CONFIG_HOME");
	unsetenv("GIT_DIR");
	unsetenv("GIT_WORK_TREE");
	unsetenv("GIT_INDEX_FILE");
	unsetenv("GIT_OBJECT_DIRECTORY");
	unsetenv("GIT_CEILING_DIRECTORIES");
	set_identity_env();
	rc = cmocka_run_group_tests(tests, NULL, NULL);
	sh("rm -rf '%s'", home);
	return rc;
}
