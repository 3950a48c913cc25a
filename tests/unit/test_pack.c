/* Unit tests for src/desk/pack: packs written by us must be accepted by stock git (the oracle):
 * git verify-pack, git cat-file, git fsck, and git index-pack rebuilding the same .idx. Also reads
 * before finish, deduplication, abort, large objects and many objects; and desk/packread, the
 * checkout's direct reader, against the same packs and against one stock git deltified. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <nettle/sha1.h>

#include "desk/pack.h"
#include "desk/packread.h"
#include "util/buf.h"
#include "util/err.h"

struct fixture {
	char root[64];
	char repo[96];
	char pack_dir[160];
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

static int setup(void **state)
{
	struct fixture *fx = calloc(1, sizeof(*fx));
	if (!fx)
		return -1;
	snprintf(fx->root, sizeof(fx->root), "/tmp/ct-pack-XXXXXX");
	if (!mkdtemp(fx->root))
		return -1;
	snprintf(fx->repo, sizeof(fx->repo), "%s/repo", fx->root);
	snprintf(fx->pack_dir, sizeof(fx->pack_dir), "%s/.git/objects/pack", fx->repo);
	if (sh("git -c init.defaultBranch=main init -q '%s'", fx->repo) != 0)
		return -1;
	*state = fx;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *fx = *state;
	sh("rm -rf '%s'", fx->root);
	free(fx);
	return 0;
}

/* The git id of an object: SHA-1 of "<type> <len>\0<data>". */
static void object_id(unsigned char oid[20], const char *type, const void *data, size_t len)
{
	struct sha1_ctx ctx;
	char hdr[64];
	int n = snprintf(hdr, sizeof(hdr), "%s %zu", type, len);
	sha1_init(&ctx);
	sha1_update(&ctx, (size_t)n + 1, (const uint8_t *)hdr);
	sha1_update(&ctx, len, data);
	sha1_digest(&ctx, 20, oid);
}

static void blob_id(unsigned char oid[20], const void *data, size_t len)
{
	object_id(oid, "blob", data, len);
}

static void hex_of(char out[41], const unsigned char oid[20])
{
	int i;
	for (i = 0; i < 20; i++)
		snprintf(out + 2 * i, 3, "%02x", oid[i]);
}

/* Number of directory entries of pack_dir whose name starts with prefix. */
static int count_files(const char *dir, const char *prefix)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int n = 0;
	assert_non_null(d);
	while ((e = readdir(d)))
		if (!strncmp(e->d_name, prefix, strlen(prefix)))
			n++;
	closedir(d);
	return n;
}

/* Stock git's checks of a finished pack: verify-pack, and index-pack rebuilding a byte-identical
 * .idx from our .pack. Returns the number of objects verify-pack listed. */
static int git_check_pack(const struct fixture *fx)
{
	ct_buf out = CT_BUF_INIT;
	int objects = 0;
	const char *p;
	assert_int_equal(count_files(fx->pack_dir, "pack-"), 2);
	assert_int_equal(count_files(fx->pack_dir, "tmp_"), 0);
	assert_int_equal(capture(&out, "git -C '%s' verify-pack -v '%s'/pack-*.idx", fx->repo, fx->pack_dir), 0);
	/* One line per object: "<40 hex> <type> ..." */
	for (p = out.ptr; *p; p = strchr(p, '\n') + 1) {
		if (strlen(p) > 41 && p[40] == ' ' && strspn(p, "0123456789abcdef") == 40)
			objects++;
		if (!strchr(p, '\n'))
			break;
	}
	ct_buf_release(&out);
	/* git index-pack writes the index git itself would: ours must be identical. */
	assert_int_equal(sh("cd '%s' && for p in pack-*.pack; do git index-pack -o '%s/check.idx' \"$p\" >/dev/null && "
			    "cmp -s '%s/check.idx' \"${p%%.pack}.idx\" || exit 1; done", fx->pack_dir, fx->root, fx->root), 0);
	return objects;
}

/* Checks that git reads object hex as type with exactly data. */
static void git_has_object(const struct fixture *fx, const char *hex, const char *type, const void *data, size_t len)
{
	ct_buf out = CT_BUF_INIT;
	assert_int_equal(capture(&out, "git -C '%s' cat-file -t %s", fx->repo, hex), 0);
	assert_int_equal(out.len, strlen(type) + 1);
	assert_memory_equal(out.ptr, type, strlen(type));
	ct_buf_clear(&out);
	assert_int_equal(capture(&out, "git -C '%s' cat-file %s %s", fx->repo, type, hex), 0);
	assert_int_equal(out.len, len);
	assert_memory_equal(out.ptr, data, len);
	ct_buf_release(&out);
}

/* git fsck --strict of the repository must pass; its output is shown when it does not. */
static void git_fsck(const struct fixture *fx)
{
	ct_buf out = CT_BUF_INIT;
	if (capture(&out, "git -C '%s' fsck --strict --no-dangling 2>&1", fx->repo) != 0)
		fail_msg("git fsck failed:\n%s", out.ptr);
	ct_buf_release(&out);
}

static void add_blob(ct_pack *pack, const void *data, size_t len, unsigned char oid[20])
{
	blob_id(oid, data, len);
	assert_int_equal(ct_pack_add(pack, oid, CT_PACK_BLOB, data, len), 0);
}

static void test_small_pack_accepted_by_git(void **state)
{
	struct fixture *fx = *state;
	static const char *const blobs[] = { "hello\n", "{\"id\": \"x\"}\n", "", "a longer blob, with\nseveral\nlines\n" };
	unsigned char oid[4][20];
	char hex[41];
	ct_pack *pack = NULL;
	size_t i;
	assert_int_equal(ct_pack_open(&pack, fx->pack_dir, 1), 0);
	assert_non_null(pack);
	/* The temporary file exists while writing. */
	assert_int_equal(count_files(fx->pack_dir, "tmp_pack_"), 1);
	for (i = 0; i < 4; i++)
		add_blob(pack, blobs[i], strlen(blobs[i]), oid[i]);
	assert_int_equal(ct_pack_count(pack), 4);
	assert_int_equal(ct_pack_finish(pack), 0);
	assert_int_equal(git_check_pack(fx), 4);
	for (i = 0; i < 4; i++) {
		hex_of(hex, oid[i]);
		git_has_object(fx, hex, "blob", blobs[i], strlen(blobs[i]));
	}
	/* Our own id computation agrees with git's. */
	hex_of(hex, oid[0]);
	assert_string_equal(hex, "ce013625030ba8dba906f756967f9e9ca394464a");
	hex_of(hex, oid[2]);
	assert_string_equal(hex, "e69de29bb2d1d6434b8b29ae775ad8c2e48c5391");
	git_fsck(fx);
}

/* A blob, a tree holding it and a commit of that tree, all in one pack: git log and fsck of a
 * branch pointing at the commit must work (types, connectivity). */
static void test_pack_with_tree_and_commit(void **state)
{
	struct fixture *fx = *state;
	static const char blob[] = "{\"desk\": 1}\n";
	unsigned char boid[20], toid[20], coid[20];
	char thex[41], chex[41];
	ct_buf tree = CT_BUF_INIT, commit = CT_BUF_INIT, out = CT_BUF_INIT;
	ct_pack *pack = NULL;

	blob_id(boid, blob, strlen(blob));
	ct_buf_puts(&tree, "100644 desk.json");
	ct_buf_putc(&tree, '\0');
	ct_buf_put(&tree, boid, 20);
	object_id(toid, "tree", tree.ptr, tree.len);
	hex_of(thex, toid);
	ct_buf_printf(&commit, "tree %s\nauthor A U Thor <a@example.com> 1700000000 +0000\n"
		      "committer A U Thor <a@example.com> 1700000000 +0000\n\nFirst\n", thex);
	object_id(coid, "commit", commit.ptr, commit.len);
	hex_of(chex, coid);

	assert_int_equal(ct_pack_open(&pack, fx->pack_dir, 9), 0);
	assert_int_equal(ct_pack_add(pack, coid, CT_PACK_COMMIT, commit.ptr, commit.len), 0);
	assert_int_equal(ct_pack_add(pack, toid, CT_PACK_TREE, tree.ptr, tree.len), 0);
	assert_int_equal(ct_pack_add(pack, boid, CT_PACK_BLOB, blob, strlen(blob)), 0);
	assert_int_equal(ct_pack_finish(pack), 0);
	assert_int_equal(git_check_pack(fx), 3);
	git_has_object(fx, chex, "commit", commit.ptr, commit.len);
	git_has_object(fx, thex, "tree", tree.ptr, tree.len);
	assert_int_equal(sh("git -C '%s' update-ref refs/heads/main %s", fx->repo, chex), 0);
	git_fsck(fx);
	assert_int_equal(capture(&out, "git -C '%s' log --format=%%an/%%s main", fx->repo), 0);
	assert_string_equal(out.ptr, "A U Thor/First\n");
	ct_buf_clear(&out);
	assert_int_equal(capture(&out, "git -C '%s' show main:desk.json", fx->repo), 0);
	assert_string_equal(out.ptr, blob);
	ct_buf_release(&out);
	ct_buf_release(&tree);
	ct_buf_release(&commit);
}

static void test_read_back_before_finish(void **state)
{
	struct fixture *fx = *state;
	static const char *const blobs[] = { "first\n", "second object\n", "", "last one\n" };
	unsigned char oid[4][20], missing[20];
	ct_pack *pack = NULL;
	ct_buf out = CT_BUF_INIT;
	size_t i;
	int type;
	assert_int_equal(ct_pack_open(&pack, fx->pack_dir, 1), 0);
	for (i = 0; i < 4; i++)
		add_blob(pack, blobs[i], strlen(blobs[i]), oid[i]);
	/* Every object, in any order, including the first, the empty one and the last. */
	for (i = 4; i-- > 0;) {
		type = -1;
		ct_buf_clear(&out);
		assert_int_equal(ct_pack_read(pack, oid[i], &type, &out), 0);
		assert_int_equal(type, CT_PACK_BLOB);
		assert_int_equal(out.len, strlen(blobs[i]));
		assert_string_equal(out.ptr, blobs[i]);
	}
	/* Reading appends. */
	ct_buf_clear(&out);
	ct_buf_puts(&out, ">");
	assert_int_equal(ct_pack_read(pack, oid[1], &type, &out), 0);
	assert_string_equal(out.ptr, ">second object\n");
	/* Unknown ids. */
	blob_id(missing, "never added", 11);
	assert_int_equal(ct_pack_read(pack, missing, &type, &out), CT_ENOTFOUND);
	assert_string_equal(out.ptr, ">second object\n");
	/* Adding after a read still works, and the new object reads back too. */
	{
		unsigned char more[20];
		add_blob(pack, "after read", 10, more);
		ct_buf_clear(&out);
		assert_int_equal(ct_pack_read(pack, more, &type, &out), 0);
		assert_string_equal(out.ptr, "after read");
		ct_buf_clear(&out);
		assert_int_equal(ct_pack_read(pack, oid[3], &type, &out), 0);
		assert_string_equal(out.ptr, "last one\n");
	}
	ct_buf_release(&out);
	assert_int_equal(ct_pack_count(pack), 5);
	assert_int_equal(ct_pack_finish(pack), 0);
	assert_int_equal(git_check_pack(fx), 5);
}

static void test_read_back_other_types(void **state)
{
	struct fixture *fx = *state;
	static const char commit[] = "tree 4b825dc642cb6eb9a060e54bf8d69288fbee4904\n"
				     "author A <a@b> 1 +0000\ncommitter A <a@b> 1 +0000\n\nm\n";
	unsigned char oid[20];
	ct_pack *pack = NULL;
	ct_buf out = CT_BUF_INIT;
	int type = 0;
	object_id(oid, "commit", commit, strlen(commit));
	assert_int_equal(ct_pack_open(&pack, fx->pack_dir, 1), 0);
	assert_int_equal(ct_pack_add(pack, oid, CT_PACK_COMMIT, commit, strlen(commit)), 0);
	assert_int_equal(ct_pack_read(pack, oid, &type, &out), 0);
	assert_int_equal(type, CT_PACK_COMMIT);
	assert_string_equal(out.ptr, commit);
	ct_buf_release(&out);
	ct_pack_abort(pack);
}

static void test_same_oid_stored_once(void **state)
{
	struct fixture *fx = *state;
	unsigned char a[20], b[20];
	ct_pack *pack = NULL;
	ct_buf out = CT_BUF_INIT;
	int type;
	assert_int_equal(ct_pack_open(&pack, fx->pack_dir, 1), 0);
	add_blob(pack, "same", 4, a);
	add_blob(pack, "other", 5, b);
	add_blob(pack, "same", 4, a);
	assert_int_equal(ct_pack_add(pack, b, CT_PACK_BLOB, "other", 5), 0);
	assert_int_equal(ct_pack_count(pack), 2);
	assert_int_equal(ct_pack_read(pack, a, &type, &out), 0);
	assert_string_equal(out.ptr, "same");
	ct_buf_release(&out);
	assert_int_equal(ct_pack_finish(pack), 0);
	/* git rejects a pack with duplicate entries in index-pack; there is one of each. */
	assert_int_equal(git_check_pack(fx), 2);
}

static void test_abort_leaves_nothing(void **state)
{
	struct fixture *fx = *state;
	unsigned char oid[20];
	ct_pack *pack = NULL;
	assert_int_equal(ct_pack_open(&pack, fx->pack_dir, 1), 0);
	add_blob(pack, "doomed", 6, oid);
	assert_int_equal(count_files(fx->pack_dir, "tmp_pack_"), 1);
	ct_pack_abort(pack);
	assert_int_equal(count_files(fx->pack_dir, "tmp_"), 0);
	assert_int_equal(count_files(fx->pack_dir, "pack-"), 0);
	/* An empty pack aborted straight away too. */
	assert_int_equal(ct_pack_open(&pack, fx->pack_dir, 1), 0);
	ct_pack_abort(pack);
	assert_int_equal(count_files(fx->pack_dir, "tmp_"), 0);
	ct_pack_abort(NULL);
	/* The object never became visible. */
	{
		char hex[41];
		hex_of(hex, oid);
		assert_int_equal(sh("git -C '%s' cat-file -e %s 2>/dev/null", fx->repo, hex), 1);
	}
}

static void test_open_in_missing_dir_fails(void **state)
{
	struct fixture *fx = *state;
	ct_buf dir = CT_BUF_INIT;
	ct_pack *pack = (ct_pack *)1;
	ct_buf_printf(&dir, "%s/no/such/dir", fx->root);
	assert_int_equal(ct_pack_open(&pack, dir.ptr, 1), CT_EIO);
	assert_null(pack);
	assert_non_null(strstr(ct_error_last(), "cannot create pack"));
	ct_buf_release(&dir);
}

/* Deterministic, poorly compressible bytes. */
static void fill_noise(unsigned char *p, size_t n, uint32_t seed)
{
	size_t i;
	for (i = 0; i < n; i++) {
		seed = seed * 1103515245u + 12345u;
		p[i] = (unsigned char)(seed >> 16);
	}
}

static void test_large_objects(void **state)
{
	struct fixture *fx = *state;
	/* Above 64 KiB, and one above the 1 MiB write-staging threshold. */
	size_t sizes[3] = { 70 * 1024, 1536 * 1024 + 7, 65536 };
	unsigned char *data[3], oid[3][20];
	char hex[41];
	ct_pack *pack = NULL;
	ct_buf out = CT_BUF_INIT;
	size_t i;
	int type;
	assert_int_equal(ct_pack_open(&pack, fx->pack_dir, 1), 0);
	for (i = 0; i < 3; i++) {
		data[i] = malloc(sizes[i]);
		assert_non_null(data[i]);
		fill_noise(data[i], sizes[i], (uint32_t)(i + 1));
		add_blob(pack, data[i], sizes[i], oid[i]);
	}
	add_blob(pack, "small after large", 17, oid[0]);
	blob_id(oid[0], data[0], sizes[0]);
	for (i = 0; i < 3; i++) {
		ct_buf_clear(&out);
		assert_int_equal(ct_pack_read(pack, oid[i], &type, &out), 0);
		assert_int_equal(out.len, sizes[i]);
		assert_memory_equal(out.ptr, data[i], sizes[i]);
	}
	ct_buf_release(&out);
	assert_int_equal(ct_pack_finish(pack), 0);
	assert_int_equal(git_check_pack(fx), 4);
	for (i = 0; i < 3; i++) {
		hex_of(hex, oid[i]);
		git_has_object(fx, hex, "blob", data[i], sizes[i]);
		free(data[i]);
	}
	git_fsck(fx);
}

static void test_two_thousand_objects(void **state)
{
	struct fixture *fx = *state;
	enum { N = 2000 };
	unsigned char (*oid)[20] = malloc(N * 20);
	char text[64], hex[41];
	ct_pack *pack = NULL;
	ct_buf out = CT_BUF_INIT;
	size_t i;
	int type;
	assert_non_null(oid);
	assert_int_equal(ct_pack_open(&pack, fx->pack_dir, 1), 0);
	for (i = 0; i < N; i++) {
		int n = snprintf(text, sizeof(text), "{\"n\": %zu}\n", i);
		add_blob(pack, text, (size_t)n, oid[i]);
	}
	assert_int_equal(ct_pack_count(pack), N);
	/* Reads through the (grown) lookup table. */
	for (i = 0; i < N; i += 97) {
		int n = snprintf(text, sizeof(text), "{\"n\": %zu}\n", i);
		ct_buf_clear(&out);
		assert_int_equal(ct_pack_read(pack, oid[i], &type, &out), 0);
		assert_int_equal(out.len, (size_t)n);
		assert_string_equal(out.ptr, text);
	}
	assert_int_equal(ct_pack_finish(pack), 0);
	assert_int_equal(git_check_pack(fx), N);
	ct_buf_clear(&out);
	assert_int_equal(capture(&out, "git -C '%s' cat-file --batch-all-objects --batch-check | wc -l", fx->repo), 0);
	assert_int_equal(atoi(out.ptr), N);
	for (i = 0; i < N; i += 331) {
		int n = snprintf(text, sizeof(text), "{\"n\": %zu}\n", i);
		hex_of(hex, oid[i]);
		git_has_object(fx, hex, "blob", text, (size_t)n);
	}
	hex_of(hex, oid[N - 1]);
	git_has_object(fx, hex, "blob", "{\"n\": 1999}\n", 12);
	git_fsck(fx);
	ct_buf_release(&out);
	free(oid);
}

static void test_empty_pack(void **state)
{
	struct fixture *fx = *state;
	ct_pack *pack = NULL;
	assert_int_equal(ct_pack_open(&pack, fx->pack_dir, 1), 0);
	assert_int_equal(ct_pack_count(pack), 0);
	assert_int_equal(ct_pack_finish(pack), 0);
	assert_int_equal(git_check_pack(fx), 0);
}

static void test_two_packs_side_by_side(void **state)
{
	struct fixture *fx = *state;
	unsigned char a[20], b[20];
	char hex[41];
	ct_pack *p1 = NULL, *p2 = NULL;
	assert_int_equal(ct_pack_open(&p1, fx->pack_dir, 1), 0);
	assert_int_equal(ct_pack_open(&p2, fx->pack_dir, 1), 0);
	assert_int_equal(count_files(fx->pack_dir, "tmp_pack_"), 2);
	add_blob(p1, "in pack one", 11, a);
	add_blob(p2, "in pack two", 11, b);
	assert_int_equal(ct_pack_finish(p2), 0);
	assert_int_equal(ct_pack_finish(p1), 0);
	assert_int_equal(count_files(fx->pack_dir, "pack-"), 4);
	assert_int_equal(count_files(fx->pack_dir, "tmp_"), 0);
	hex_of(hex, a);
	git_has_object(fx, hex, "blob", "in pack one", 11);
	hex_of(hex, b);
	git_has_object(fx, hex, "blob", "in pack two", 11);
	git_fsck(fx);
}

/* packread: every blob of two packs of ours read back, byte for byte; a tree, a missing id and a
 * blob whose bytes were damaged in the file are not served (the caller goes to libgit2). */
static void test_packread_reads_our_packs(void **state)
{
	struct fixture *fx = *state;
	unsigned char oid[300][20], toid[20], missing[20];
	char data[300][64], objects[200];
	ct_pack *pack = NULL;
	ct_pack_reader *r = NULL;
	ct_pack_cursor *c = NULL, *c2 = NULL;
	ct_buf out = CT_BUF_INIT, big = CT_BUF_INIT;
	size_t i;
	for (i = 0; i < 300; i++)
		snprintf(data[i], sizeof(data[i]), "{\"n\": %zu, \"text\": \"object %zu of the test\"}\n", i, i * 7);
	assert_int_equal(ct_pack_open(&pack, fx->pack_dir, 1), 0);
	for (i = 0; i < 150; i++)
		add_blob(pack, data[i], strlen(data[i]), oid[i]);
	object_id(toid, "tree", "", 0);
	assert_int_equal(ct_pack_add(pack, toid, CT_PACK_TREE, "", 0), 0);
	assert_int_equal(ct_pack_finish(pack), 0);
	assert_int_equal(ct_pack_open(&pack, fx->pack_dir, 6), 0);
	for (i = 150; i < 300; i++)
		add_blob(pack, data[i], strlen(data[i]), oid[i]);
	/* a blob of 200 KB: its size takes three bytes of the object header */
	for (i = 0; i < 20000; i++)
		ct_buf_printf(&big, "%09zu\n", i);
	blob_id(missing, big.ptr, big.len);
	assert_int_equal(ct_pack_add(pack, missing, CT_PACK_BLOB, big.ptr, big.len), 0);
	assert_int_equal(ct_pack_finish(pack), 0);

	snprintf(objects, sizeof(objects), "%s/.git/objects", fx->repo);
	assert_int_equal(ct_pack_reader_open(&r, objects), 0);
	assert_int_equal(ct_pack_cursor_new(&c, r), 0);
	assert_int_equal(ct_pack_cursor_new(&c2, r), 0);
	for (i = 0; i < 300; i++) {
		ct_buf_clear(&out);
		assert_int_equal(ct_pack_cursor_read_blob(i % 2 ? c : c2, oid[i], &out), 0);
		assert_int_equal(out.len, strlen(data[i]));
		assert_memory_equal(out.ptr, data[i], out.len);
	}
	ct_buf_clear(&out);
	assert_int_equal(ct_pack_cursor_read_blob(c, missing, &out), 0);
	assert_int_equal(out.len, big.len);
	assert_memory_equal(out.ptr, big.ptr, big.len);
	ct_buf_clear(&out);
	assert_int_equal(ct_pack_cursor_read_blob(c, toid, &out), CT_ENOTFOUND);
	memset(missing, 0xab, sizeof(missing));
	assert_int_equal(ct_pack_cursor_read_blob(c, missing, &out), CT_ENOTFOUND);
	assert_int_equal(out.len, 0);
	ct_pack_cursor_free(c);
	ct_pack_cursor_free(c2);
	ct_pack_reader_free(r);

	/* damage the last byte of every pack's last object (its zlib checksum): the big blob, and
	 * the empty tree of the first pack */
	assert_int_equal(sh("cd '%s' && for p in pack-*.pack; do s=$(stat -c %%s \"$p\"); chmod u+w \"$p\"; "
			    "printf '\\377' | dd of=\"$p\" bs=1 seek=$((s - 21)) conv=notrunc 2>/dev/null; done",
			    fx->pack_dir), 0);
	assert_int_equal(ct_pack_reader_open(&r, objects), 0);
	assert_int_equal(ct_pack_cursor_new(&c, r), 0);
	blob_id(missing, big.ptr, big.len);
	ct_buf_clear(&out);
	assert_int_equal(ct_pack_cursor_read_blob(c, missing, &out), CT_ENOTFOUND);
	ct_buf_clear(&out);
	assert_int_equal(ct_pack_cursor_read_blob(c, oid[0], &out), 0);
	assert_memory_equal(out.ptr, data[0], strlen(data[0]));
	ct_pack_cursor_free(c);
	ct_pack_reader_free(r);
	ct_buf_release(&out);
	ct_buf_release(&big);
}

/* Enough objects that each first byte of an id holds about 160 (the reader interpolates within
 * such a range before its binary search): every one is found with its bytes, and ids next to
 * real ones (the first, middle or last byte changed, or past the ends of a range) are not. */
static void test_packread_many_objects(void **state)
{
	struct fixture *fx = *state;
	enum { N = 40000 };
	unsigned char (*oid)[20] = malloc(N * sizeof(*oid)), near[20];
	char data[64], objects[200];
	ct_pack *pack = NULL;
	ct_pack_reader *r = NULL;
	ct_pack_cursor *c = NULL;
	ct_buf out = CT_BUF_INIT;
	size_t i;
	int k;
	assert_non_null(oid);
	assert_int_equal(ct_pack_open(&pack, fx->pack_dir, 1), 0);
	for (i = 0; i < N; i++) {
		snprintf(data, sizeof(data), "{\"claim\": %zu}\n", i);
		add_blob(pack, data, strlen(data), oid[i]);
	}
	assert_int_equal(ct_pack_finish(pack), 0);
	snprintf(objects, sizeof(objects), "%s/.git/objects", fx->repo);
	assert_int_equal(ct_pack_reader_open(&r, objects), 0);
	assert_int_equal(ct_pack_cursor_new(&c, r), 0);
	for (i = 0; i < N; i++) {
		snprintf(data, sizeof(data), "{\"claim\": %zu}\n", i);
		ct_buf_clear(&out);
		assert_int_equal(ct_pack_cursor_read_blob(c, oid[i], &out), 0);
		assert_int_equal(out.len, strlen(data));
		assert_memory_equal(out.ptr, data, out.len);
	}
	for (i = 0; i < N; i += 97) {
		static const int at[] = { 1, 7, 10, 19 };
		for (k = 0; k < 4; k++) {
			memcpy(near, oid[i], 20);
			near[at[k]] ^= 0x01;
			ct_buf_clear(&out);
			assert_int_equal(ct_pack_cursor_read_blob(c, near, &out), CT_ENOTFOUND);
		}
		memcpy(near, oid[i], 20);   /* the smallest and largest ids of its first byte */
		memset(near + 1, 0x00, 19);
		assert_int_equal(ct_pack_cursor_read_blob(c, near, &out), CT_ENOTFOUND);
		memset(near + 1, 0xff, 19);
		assert_int_equal(ct_pack_cursor_read_blob(c, near, &out), CT_ENOTFOUND);
	}
	ct_pack_cursor_free(c);
	ct_pack_reader_free(r);
	ct_buf_release(&out);
	free(oid);
}

/* A pack stock git wrote with deltas (gc --aggressive of similar blobs): the whole blobs are
 * served and checked against git cat-file, the deltified ones are left to libgit2. */
static void test_packread_git_deltas(void **state)
{
	struct fixture *fx = *state;
	ct_buf list = CT_BUF_INIT, out = CT_BUF_INIT, want = CT_BUF_INIT;
	ct_pack_reader *r = NULL;
	ct_pack_cursor *c = NULL;
	char objects[200];
	const char *p;
	int served = 0, left = 0;
	assert_int_equal(sh("cd '%s' && for i in 1 2 3 4 5 6 7 8; do seq 1 $((2000 + i)) > f$i; git add f$i; "
			    "git -c user.name=T -c user.email=t@e commit -qm $i; done && git gc -q --aggressive",
			    fx->repo), 0);
	assert_int_equal(capture(&list, "cd '%s' && git rev-list --objects --all | cut -d' ' -f1 | git cat-file "
				 "--batch-check='%%(objectname) %%(objecttype)' | grep ' blob$' | cut -c1-40", fx->repo), 0);
	snprintf(objects, sizeof(objects), "%s/.git/objects", fx->repo);
	assert_int_equal(ct_pack_reader_open(&r, objects), 0);
	assert_int_equal(ct_pack_cursor_new(&c, r), 0);
	for (p = list.ptr; strlen(p) >= 41; p += 41) {
		unsigned char oid[20];
		int k, got;
		for (k = 0; k < 20; k++) {
			unsigned v;
			sscanf(p + 2 * k, "%2x", &v);
			oid[k] = (unsigned char)v;
		}
		ct_buf_clear(&out);
		got = ct_pack_cursor_read_blob(c, oid, &out);
		if (got == CT_ENOTFOUND) {
			left++;
			continue;
		}
		assert_int_equal(got, 0);
		ct_buf_clear(&want);
		assert_int_equal(capture(&want, "git -C '%s' cat-file blob %.40s", fx->repo, p), 0);
		assert_int_equal(out.len, want.len);
		assert_memory_equal(out.ptr, want.ptr, want.len);
		served++;
	}
	assert_true(served >= 1);
	assert_true(left >= 1);
	ct_pack_cursor_free(c);
	ct_pack_reader_free(r);
	ct_buf_release(&list);
	ct_buf_release(&out);
	ct_buf_release(&want);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_small_pack_accepted_by_git, setup, teardown),
		cmocka_unit_test_setup_teardown(test_pack_with_tree_and_commit, setup, teardown),
		cmocka_unit_test_setup_teardown(test_read_back_before_finish, setup, teardown),
		cmocka_unit_test_setup_teardown(test_read_back_other_types, setup, teardown),
		cmocka_unit_test_setup_teardown(test_same_oid_stored_once, setup, teardown),
		cmocka_unit_test_setup_teardown(test_abort_leaves_nothing, setup, teardown),
		cmocka_unit_test_setup_teardown(test_open_in_missing_dir_fails, setup, teardown),
		cmocka_unit_test_setup_teardown(test_large_objects, setup, teardown),
		cmocka_unit_test_setup_teardown(test_two_thousand_objects, setup, teardown),
		cmocka_unit_test_setup_teardown(test_two_packs_side_by_side, setup, teardown),
		cmocka_unit_test_setup_teardown(test_packread_reads_our_packs, setup, teardown),
		cmocka_unit_test_setup_teardown(test_packread_many_objects, setup, teardown),
		cmocka_unit_test_setup_teardown(test_packread_git_deltas, setup, teardown),
		/* Last: under check-sanitize it stops the run (qsort of a NULL array, see report). */
		cmocka_unit_test_setup_teardown(test_empty_pack, setup, teardown),
	};
	/* Stock git is the oracle: keep the developer's configuration out of it. */
	setenv("GIT_CONFIG_NOSYSTEM", "1", 1);
	setenv("GIT_CONFIG_GLOBAL", "/dev/null", 1);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
