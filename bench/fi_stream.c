/* The fast-import stream of the scale benchmark's baseline (make bench):
 *
 *   fi_stream DESK > STREAM
 *
 * Writes a git fast-import stream of the tree at HEAD of the repository DESK: every distinct blob
 * once, with a mark, then one commit on refs/heads/main holding every path of the tree with its
 * mode. git fast-import writing it is the baseline the ingest stage is compared with: the same
 * records, the same paths and contents, as one commit (bench/run.sh checks the tree ids agree).
 * Not timed; written in C with libgit2 because the Python version spent a minute and a half
 * piping 1.5 million blobs through git cat-file at the largest size. Blobs packed whole are read
 * with claimtrack's own pack reader (desk/packread.h: half libgit2's cost), the rest through
 * libgit2. A bench tool, not part of claimtrack. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <git2.h>

#include "desk/packread.h"
#include "util/err.h"

struct entry {
	git_oid oid;
	uint32_t mode;
	uint32_t mark;          /* fast-import mark of its blob */
	char *path;
};

static struct entry *entries;
static size_t nentries, cap;

static void die(const char *what)
{
	const git_error *e = git_error_last();
	fprintf(stderr, "fi_stream: %s: %s\n", what, e && e->message ? e->message : "failed");
	exit(1);
}

static int walk(const char *root, const git_tree_entry *te, void *payload)
{
	size_t rl = strlen(root);
	const char *name = git_tree_entry_name(te);
	(void)payload;
	if (git_tree_entry_type(te) != GIT_OBJECT_BLOB)
		return 0;
	if (strchr(name, '\n') || (!rl && name[0] == '"')) {
		fprintf(stderr, "fi_stream: path needs quoting: '%s%s'\n", root, name);
		exit(1);
	}
	if (nentries == cap) {
		cap = cap ? cap * 2 : 65536;
		if (!(entries = realloc(entries, cap * sizeof(*entries))))
			die("out of memory");
	}
	entries[nentries].oid = *git_tree_entry_id(te);
	entries[nentries].mode = (uint32_t)git_tree_entry_filemode_raw(te);
	entries[nentries].mark = 0;
	if (!(entries[nentries].path = malloc(rl + strlen(name) + 1)))
		die("out of memory");
	memcpy(entries[nentries].path, root, rl);
	strcpy(entries[nentries].path + rl, name);
	nentries++;
	return 0;
}

static int by_oid(const void *x, const void *y)
{
	const struct entry *a = *(const struct entry *const *)x, *b = *(const struct entry *const *)y;
	return git_oid_cmp(&a->oid, &b->oid);
}

int main(int argc, char **argv)
{
	static const char msg[] = "bench baseline: the desk's tree in one commit\n";
	git_repository *repo = NULL;
	git_object *tree = NULL;
	git_odb *odb = NULL;
	ct_pack_reader *packs = NULL;
	ct_pack_cursor *pc = NULL;
	ct_buf blob = CT_BUF_INIT;
	struct entry **byoid;
	size_t i;
	uint32_t marks = 0;

	if (argc != 2) {
		fprintf(stderr, "usage: fi_stream DESK > STREAM\n");
		return 2;
	}
	git_libgit2_init();
	if (git_repository_open(&repo, argv[1]) < 0)
		die("cannot open the desk");
	if (git_revparse_single(&tree, repo, "HEAD^{tree}") < 0)
		die("no tree at HEAD");
	if (git_tree_walk((git_tree *)tree, GIT_TREEWALK_PRE, walk, NULL) < 0)
		die("cannot walk the tree");
	if (git_repository_odb(&odb, repo) < 0)
		die("cannot open the object database");
	{
		ct_buf objects = CT_BUF_INIT;
		ct_buf_printf(&objects, "%sobjects", git_repository_path(repo));
		if (ct_buf_oom(&objects) < 0 || ct_pack_reader_open(&packs, objects.ptr) < 0 ||
		    ct_pack_cursor_new(&pc, packs) < 0)
			pc = NULL;   /* libgit2 reads them all */
		ct_buf_release(&objects);
	}
	if (!(byoid = malloc((nentries ? nentries : 1) * sizeof(*byoid))))
		die("out of memory");
	for (i = 0; i < nentries; i++)
		byoid[i] = &entries[i];
	qsort(byoid, nentries, sizeof(*byoid), by_oid);
	setvbuf(stdout, NULL, _IOFBF, 1 << 20);
	/* each distinct blob once, in the order of its id (the pack's order does not matter) */
	for (i = 0; i < nentries; i++) {
		git_odb_object *o;
		if (i && !git_oid_cmp(&byoid[i]->oid, &byoid[i - 1]->oid)) {
			byoid[i]->mark = byoid[i - 1]->mark;
			continue;
		}
		byoid[i]->mark = ++marks;
		ct_buf_clear(&blob);
		if (pc && ct_pack_cursor_read_blob(pc, byoid[i]->oid.id, &blob) == 0) {
			printf("blob\nmark :%u\ndata %zu\n", marks, blob.len);
			fwrite(blob.ptr, 1, blob.len, stdout);
			putchar('\n');
			continue;
		}
		if (git_odb_read(&o, odb, &byoid[i]->oid) < 0)
			die("cannot read a blob");
		printf("blob\nmark :%u\ndata %zu\n", marks, git_odb_object_size(o));
		fwrite(git_odb_object_data(o), 1, git_odb_object_size(o), stdout);
		putchar('\n');
		git_odb_object_free(o);
	}
	printf("commit refs/heads/main\ncommitter Bench Desk <bench@example.com> 1700000000 +0000\n");
	printf("data %zu\n%s", sizeof(msg) - 1, msg);
	for (i = 0; i < nentries; i++)
		printf("M %06o :%u %s\n", entries[i].mode, entries[i].mark, entries[i].path);
	putchar('\n');
	if (fflush(stdout) != 0 || ferror(stdout)) {
		fprintf(stderr, "fi_stream: cannot write the stream\n");
		return 1;
	}
	for (i = 0; i < nentries; i++)
		free(entries[i].path);
	free(entries);
	free(byoid);
	ct_buf_release(&blob);
	ct_pack_cursor_free(pc);
	ct_pack_reader_free(packs);
	git_odb_free(odb);
	git_object_free(tree);
	git_repository_free(repo);
	git_libgit2_shutdown();
	return 0;
}
