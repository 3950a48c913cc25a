/* The desk on libgit2: open/init, reads of HEAD, history, and transactions that write one
 * commit per command through an in-memory object backend and (for bulk work) one packfile. */
#include "desk/desk.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <git2.h>
#include <git2/sys/odb_backend.h>
#include <git2/sys/repository.h>

#include "desk/desk_internal.h"
#include "desk/gitindex.h"
#include "desk/pack.h"
#include "util/err.h"

/* Below this many new objects a commit is written as loose objects; above, as one pack. */
#define LOOSE_MAX 256

static int git_fail(int code, const char *what)
{
	const git_error *e = git_error_last();
	return ct_error_set(code, "%s: %s", what, e && e->message ? e->message : "unknown git error");
}

static void lib_init(void)
{
	static int done;
	if (done)
		return;
	git_libgit2_init();
	/* We verify what we read ourselves (validate); re-hashing every read costs 25-30%. */
	git_libgit2_opts(GIT_OPT_ENABLE_STRICT_HASH_VERIFICATION, 0);
	git_libgit2_opts(GIT_OPT_SET_CACHE_OBJECT_LIMIT, GIT_OBJECT_TREE, (size_t)1 << 20);
	/* Packs are read through mmap windows, 1 GiB each by default, never unmapped below 8 GiB:
	 * checking out a bulk add touches every page of its pack, and all of them stayed in the
	 * process's resident set. Small windows under a bounded total keep it flat. */
	git_libgit2_opts(GIT_OPT_SET_MWINDOW_SIZE, (size_t)32 << 20);
	git_libgit2_opts(GIT_OPT_SET_MWINDOW_MAPPED_LIMIT, (size_t)128 << 20);
	done = 1;
}

static void oid_hex(char out[41], const git_oid *oid)
{
	git_oid_tostr(out, 41, oid);
}

/* ---- identities ---------------------------------------------------------------------- */

void ct_ident_release(struct ct_ident *who)
{
	free(who->name);
	free(who->email);
	who->name = who->email = NULL;
}

static int valid_ident_part(const char *s)
{
	for (; *s; s++)
		if (*s == '<' || *s == '>' || *s == '\n')
			return 0;
	return 1;
}

int ct_ident_parse(struct ct_ident *who, const char *text)
{
	const char *lt = strchr(text, '<'), *gt = lt ? strchr(lt, '>') : NULL;
	size_t nlen;
	memset(who, 0, sizeof(*who));
	if (!lt || !gt || gt[1] != '\0')
		return ct_error_set(CT_EINPUT, "identity must look like 'Name <email>': '%s'", text);
	nlen = (size_t)(lt - text);
	while (nlen && text[nlen - 1] == ' ')
		nlen--;
	if (!nlen || gt == lt + 1)
		return ct_error_set(CT_EINPUT, "identity needs a name and an email: '%s'", text);
	who->name = strndup(text, nlen);
	who->email = strndup(lt + 1, (size_t)(gt - lt - 1));
	if (!who->name || !who->email) {
		ct_ident_release(who);
		return ct_error_set(CT_ENOMEM, "out of memory");
	}
	if (!valid_ident_part(who->name) || !valid_ident_part(who->email)) {
		ct_ident_release(who);
		return ct_error_set(CT_EINPUT, "identity must look like 'Name <email>': '%s'", text);
	}
	return 0;
}

/* Parses git's internal date format "@<secs> <+hhmm>" or "<secs> <+hhmm>", or ISO 8601
 * "YYYY-MM-DDTHH:MM:SS" with "Z" or "+hh:mm". */
static int parse_git_date(const char *s, long long *t, int *offset)
{
	char *end;
	int sign = 1, hh, mm;
	if (*s == '@')
		s++;
	if (strlen(s) >= 19 && s[4] == '-' && s[10] == 'T') {
		struct tm tm;
		const char *z = s + 19;
		memset(&tm, 0, sizeof(tm));
		if (sscanf(s, "%4d-%2d-%2dT%2d:%2d:%2d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday,
			   &tm.tm_hour, &tm.tm_min, &tm.tm_sec) != 6)
			return -1;
		tm.tm_year -= 1900;
		tm.tm_mon -= 1;
		*t = (long long)timegm(&tm);
		*offset = 0;
		if (*z == 'Z' || !*z)
			return 0;
		if ((*z != '+' && *z != '-') || sscanf(z + 1, "%2d:%2d", &hh, &mm) != 2)
			return -1;
		*offset = (*z == '-' ? -1 : 1) * (hh * 60 + mm);
		*t -= (long long)*offset * 60;
		return 0;
	}
	errno = 0;
	*t = strtoll(s, &end, 10);
	if (errno || end == s)
		return -1;
	while (*end == ' ')
		end++;
	*offset = 0;
	if (!*end)
		return 0;
	if (*end == '-')
		sign = -1;
	else if (*end != '+')
		return -1;
	if (strlen(end + 1) != 4 || sscanf(end + 1, "%2d%2d", &hh, &mm) != 2)
		return -1;
	*offset = sign * (hh * 60 + mm);
	return 0;
}

static char *config_string(git_config *cfg, const char *key)
{
	git_buf b = { 0 };
	char *s = NULL;
	if (cfg && git_config_get_string_buf(&b, cfg, key) == 0)
		s = strdup(b.ptr);
	git_buf_dispose(&b);
	return s;
}

int ct_desk_identity(ct_desk *desk, struct ct_ident *who)
{
	git_config *cfg = NULL;
	const char *env;
	int r;
	memset(who, 0, sizeof(*who));
	lib_init();
	if (desk)
		git_repository_config_snapshot(&cfg, desk->repo);
	else {
		git_config *live = NULL;
		if (git_config_open_default(&live) == 0)
			git_config_snapshot(&cfg, live);
		git_config_free(live);
	}
	env = getenv("GIT_AUTHOR_NAME");
	who->name = env && *env ? strdup(env) : config_string(cfg, "user.name");
	env = getenv("GIT_AUTHOR_EMAIL");
	who->email = env && *env ? strdup(env) : config_string(cfg, "user.email");
	git_config_free(cfg);
	if (!who->name || !who->email || !*who->name || !*who->email) {
		ct_ident_release(who);
		return ct_error_set(CT_EINPUT, "no identity: set git config user.name and user.email "
				    "(or GIT_AUTHOR_NAME and GIT_AUTHOR_EMAIL)");
	}
	if (!valid_ident_part(who->name) || !valid_ident_part(who->email)) {
		ct_ident_release(who);
		return ct_error_set(CT_EINPUT, "identity has '<', '>' or a newline in it");
	}
	if ((r = ct_ident_env_date(who)) < 0)
		ct_ident_release(who);
	return r < 0 ? r : 0;
}

int ct_ident_env_date(struct ct_ident *who)
{
	const char *env = getenv("GIT_AUTHOR_DATE");
	if (env && *env && parse_git_date(env, &who->time, &who->offset) < 0)
		return ct_error_set(CT_EINPUT, "malformed GIT_AUTHOR_DATE: '%s'", env);
	return 0;
}

/* The committer as git would take it: GIT_COMMITTER_NAME / _EMAIL / _DATE, else the configured
 * identity; the author when neither is set. */
static int committer_signature(git_signature **out, ct_desk *desk, const struct ct_ident *author)
{
	git_config *cfg = NULL;
	const char *env;
	char *name, *email;
	long long t = 0;
	int offset = 0, r;

	git_repository_config_snapshot(&cfg, desk->repo);
	env = getenv("GIT_COMMITTER_NAME");
	name = env && *env ? strdup(env) : config_string(cfg, "user.name");
	env = getenv("GIT_COMMITTER_EMAIL");
	email = env && *env ? strdup(env) : config_string(cfg, "user.email");
	git_config_free(cfg);
	env = getenv("GIT_COMMITTER_DATE");
	if (env && *env && parse_git_date(env, &t, &offset) < 0)
		t = 0;
	if (!name || !email || !*name || !*email || !valid_ident_part(name) || !valid_ident_part(email)) {
		free(name);
		free(email);
		name = strdup(author->name);
		email = strdup(author->email);
	}
	if (!t && author->time && !(env && *env)) {
		t = author->time;
		offset = author->offset;
	}
	if (!name || !email)
		r = -1;
	else if (t)
		r = git_signature_new(out, name, email, (git_time_t)t, offset);
	else
		r = git_signature_now(out, name, email);
	free(name);
	free(email);
	return r;
}

static int make_signature(git_signature **out, const struct ct_ident *who)
{
	if (who->time)
		return git_signature_new(out, who->name, who->email, (git_time_t)who->time, who->offset);
	return git_signature_now(out, who->name, who->email);
}

/* ---- opening ------------------------------------------------------------------------- */

static int desk_from_repo(ct_desk **out, git_repository *repo)
{
	ct_desk *d = calloc(1, sizeof(*d));
	const char *wd = git_repository_workdir(repo);
	*out = NULL;
	if (!wd) {
		free(d);
		git_repository_free(repo);
		return ct_error_set(CT_EDESK, "a desk needs a working tree; this repository is bare: '%s'",
				    git_repository_path(repo));
	}
	if (!d || !(d->workdir = strdup(wd)) || !(d->gitdir = strdup(git_repository_path(repo)))) {
		if (d)
			free(d->workdir);
		free(d);
		git_repository_free(repo);
		return ct_error_set(CT_ENOMEM, "out of memory");
	}
	d->repo = repo;
	*out = d;
	return 0;
}

int ct_desk_open(ct_desk **out, const char *dir)
{
	git_repository *repo = NULL;
	ct_desk *d = NULL;
	ct_buf path = CT_BUF_INIT;
	struct stat st;
	int error;

	*out = NULL;
	lib_init();
	if (git_repository_open_ext(&repo, dir, 0, NULL) < 0)
		return ct_error_set(CT_EDESK, "not a claimtrack desk (or any of the parent directories): '%s'", dir);
	if ((error = desk_from_repo(&d, repo)) < 0)
		return error;
	ct_buf_printf(&path, "%sdesk.json", d->workdir);
	if (stat(path.ptr, &st) < 0) {
		git_object *obj = NULL;
		if (git_revparse_single(&obj, repo, "HEAD:desk.json") < 0) {
			error = ct_error_set(CT_EDESK, "not a claimtrack desk (no desk.json): '%s'", d->workdir);
			ct_desk_free(d);
			ct_buf_release(&path);
			return error;
		}
		git_object_free(obj);
	}
	ct_buf_release(&path);
	*out = d;
	return 0;
}

void ct_desk_free(ct_desk *desk)
{
	if (!desk)
		return;
	git_repository_free(desk->repo);
	free(desk->workdir);
	free(desk->gitdir);
	free(desk);
}

const char *ct_desk_workdir(const ct_desk *desk)
{
	return desk->workdir;
}

const char *ct_desk_gitdir(const ct_desk *desk)
{
	return desk->gitdir;
}

int ct_desk_init(const char *path, const struct ct_ident *who, const char *desk_json, size_t len)
{
	git_repository *repo = NULL;
	git_repository_init_options opts;
	ct_desk *d = NULL;
	ct_txn *txn = NULL;
	ct_buf p = CT_BUF_INIT;
	struct stat st;
	int error;

	lib_init();
	ct_buf_printf(&p, "%s/desk.json", path);
	if (stat(p.ptr, &st) == 0) {
		error = ct_error_set(CT_EDESK, "already a claimtrack desk: '%s'", path);
		goto done;
	}
	git_repository_init_options_init(&opts, GIT_REPOSITORY_INIT_OPTIONS_VERSION);
	opts.flags = GIT_REPOSITORY_INIT_MKPATH;
	opts.initial_head = "main";
	if (git_repository_init_ext(&repo, path, &opts) < 0) {
		error = git_fail(CT_EDESK, "cannot create desk");
		goto done;
	}
	if ((error = desk_from_repo(&d, repo)) < 0)
		goto done;
	if ((error = ct_txn_begin(&txn, d)) < 0 || (error = ct_txn_put(txn, "desk.json", desk_json, len)) < 0)
		goto done;
	error = ct_txn_commit(txn, who, "Create claims desk\n", NULL);
done:
	ct_txn_free(txn);
	ct_desk_free(d);
	ct_buf_release(&p);
	return error;
}

/* ---- reading ------------------------------------------------------------------------- */

static int head_commit(git_commit **out, git_repository *repo)
{
	git_oid oid;
	int r = git_reference_name_to_id(&oid, repo, "HEAD");
	*out = NULL;
	if (r == GIT_ENOTFOUND || r == GIT_EUNBORNBRANCH)
		return 0;
	if (r < 0)
		return git_fail(CT_EDESK, "cannot read HEAD");
	if (git_commit_lookup(out, repo, &oid) < 0)
		return git_fail(CT_EDESK, "cannot read HEAD commit");
	return 0;
}

int ct_desk_head(ct_desk *desk, char out[41])
{
	git_oid oid;
	int r = git_reference_name_to_id(&oid, desk->repo, "HEAD");
	out[0] = '\0';
	if (r == GIT_ENOTFOUND || r == GIT_EUNBORNBRANCH)
		return 0;
	if (r < 0)
		return git_fail(CT_EDESK, "cannot read HEAD");
	oid_hex(out, &oid);
	return 0;
}

int ct_desk_resolve(ct_desk *desk, const char *rev, char out[41])
{
	git_object *obj = NULL;
	if (git_revparse_single(&obj, desk->repo, rev) < 0)
		return ct_error_set(CT_ENOTFOUND, "unknown revision: '%s'", rev);
	if (git_object_type(obj) != GIT_OBJECT_COMMIT) {
		git_object *c = NULL;
		if (git_object_peel(&c, obj, GIT_OBJECT_COMMIT) < 0) {
			git_object_free(obj);
			return ct_error_set(CT_ENOTFOUND, "not a commit: '%s'", rev);
		}
		git_object_free(obj);
		obj = c;
	}
	oid_hex(out, git_object_id(obj));
	git_object_free(obj);
	return 0;
}

/* Looks up the tree of commit hex id (NULL or "" = HEAD); *out stays NULL for an unborn HEAD. */
static int commit_tree(git_tree **out, git_repository *repo, const char *commit)
{
	git_commit *c = NULL;
	git_oid oid;
	int error;
	*out = NULL;
	if (!commit || !*commit) {
		if ((error = head_commit(&c, repo)) < 0 || !c)
			return error;
	} else if (git_oid_fromstr(&oid, commit) < 0 || git_commit_lookup(&c, repo, &oid) < 0) {
		return ct_error_set(CT_ENOTFOUND, "no such commit: '%s'", commit);
	}
	error = git_commit_tree(out, c) < 0 ? git_fail(CT_EDESK, "cannot read tree") : 0;
	git_commit_free(c);
	return error;
}

int ct_desk__commit_tree(git_tree **out, git_repository *repo, const char *commit)
{
	return commit_tree(out, repo, commit);
}

int ct_desk_read(ct_desk *desk, const char *commit, const char *path, ct_buf *out)
{
	git_tree *tree = NULL;
	git_tree_entry *entry = NULL;
	git_blob *blob = NULL;
	int error;

	if ((error = commit_tree(&tree, desk->repo, commit)) < 0)
		return error;
	if (!tree || git_tree_entry_bypath(&entry, tree, path) < 0 ||
	    git_tree_entry_type(entry) != GIT_OBJECT_BLOB) {
		error = ct_error_set(CT_ENOTFOUND, "no such file in the desk: '%s'", path);
		goto done;
	}
	if (git_blob_lookup(&blob, desk->repo, git_tree_entry_id(entry)) < 0) {
		error = git_fail(CT_EDESK, "cannot read blob");
		goto done;
	}
	if (ct_buf_put(out, git_blob_rawcontent(blob), (size_t)git_blob_rawsize(blob)) < 0)
		error = ct_error_set(CT_ENOMEM, "out of memory");
done:
	git_blob_free(blob);
	git_tree_entry_free(entry);
	git_tree_free(tree);
	return error;
}

static int is_record_path(const char *path)
{
	return ct_desk__is_record_path(path);
}

int ct_desk__is_record_path(const char *path)
{
	size_t n = strlen(path);
	if (n < 6 || strcmp(path + n - 5, ".json"))
		return 0;
	return !strncmp(path, "sources/", 8) || !strncmp(path, "claims/", 7) || !strncmp(path, "reviews/", 8);
}

struct walk_ctx {
	git_repository *repo;
	ct_desk_blob_cb cb;
	void *payload;
	ct_buf path;
	int result;
	const char *prefix;   /* NULL: record folders and .json records only */
};

/* Reads blob id and hands it to cb as path's content. Returns 0, or -1 (to stop a libgit2 walk)
 * with *result set to cb's non-zero value or an error code. */
static int blob_to_cb(git_repository *repo, const git_oid *id, const char *path, ct_desk_blob_cb cb,
		      void *payload, int *result)
{
	git_blob *blob = NULL;
	int r;
	if (git_blob_lookup(&blob, repo, id) < 0) {
		*result = git_fail(CT_EDESK, "cannot read blob");
		return -1;
	}
	r = cb(path, git_blob_rawcontent(blob), (size_t)git_blob_rawsize(blob), payload);
	git_blob_free(blob);
	if (r) {
		*result = r;
		return -1;
	}
	return 0;
}

static int walk_cb(const char *root, const git_tree_entry *entry, void *payload)
{
	struct walk_ctx *w = payload;
	const char *name = git_tree_entry_name(entry);

	ct_buf_clear(&w->path);
	ct_buf_puts(&w->path, root);
	ct_buf_puts(&w->path, name);
	if (git_tree_entry_type(entry) == GIT_OBJECT_TREE) {
		size_t n = w->path.len, p;
		/* Only descend into the folders that can hold what we look for. */
		if (!w->prefix)
			return (!*root && strcmp(name, "sources") && strcmp(name, "claims") && strcmp(name, "reviews"));
		p = strlen(w->prefix);
		return strncmp(w->path.ptr, w->prefix, n < p ? n : p) ? 1 : 0;
	}
	if (git_tree_entry_type(entry) != GIT_OBJECT_BLOB)
		return 0;
	if (w->prefix ? strncmp(w->path.ptr, w->prefix, strlen(w->prefix)) != 0 : !is_record_path(w->path.ptr))
		return 0;
	return blob_to_cb(w->repo, git_tree_entry_id(entry), w->path.ptr, w->cb, w->payload, &w->result);
}

int ct_desk_foreach_record(ct_desk *desk, const char *commit, ct_desk_blob_cb cb, void *payload)
{
	git_tree *tree = NULL;
	struct walk_ctx w = { desk->repo, cb, payload, CT_BUF_INIT, 0, NULL };
	int error;
	if ((error = commit_tree(&tree, desk->repo, commit)) < 0 || !tree)
		return error;
	if (git_tree_walk(tree, GIT_TREEWALK_PRE, walk_cb, &w) < 0 && !w.result)
		w.result = git_fail(CT_EDESK, "cannot walk tree");
	git_tree_free(tree);
	ct_buf_release(&w.path);
	return w.result;
}

static int foreach_staged(ct_desk *desk, const char *prefix, ct_desk_blob_cb cb, void *payload)
{
	git_index *index = NULL;
	size_t i, n, plen = strlen(prefix);
	int error = 0;
	/* git hands hooks the index it is about to commit in GIT_INDEX_FILE: for `commit -a` and
	 * `commit PATH` that is a temporary one, not .git/index. */
	const char *alt = getenv("GIT_INDEX_FILE");

	char whole[PATH_MAX];
	int fd, r;

	/* libgit2 1.5 cannot read a split index (git's core.splitIndex): a whole copy is read instead */
	snprintf(whole, sizeof(whole), "%sclaimtrack/whole-index-XXXXXX", desk->gitdir);
	if ((fd = mkstemp(whole)) >= 0) {
		close(fd);
		r = ct_gitindex_unsplit(desk->gitdir, alt && *alt ? alt : NULL, whole);
	} else {
		r = 0;   /* no room for the copy: libgit2 reads the index itself (and names a split one) */
	}
	if (r < 0) {
		unlink(whole);
		return git_fail(CT_EDESK, "cannot read the git index");
	}
	if (r > 0 || (alt && *alt)) {
		r = git_index_open(&index, r > 0 ? whole : alt);
		if (fd >= 0)
			unlink(whole);
		if (r < 0)
			return git_fail(CT_EDESK, alt && *alt ? "cannot read the git index named by GIT_INDEX_FILE" : "cannot read the git index");
	} else {
		if (fd >= 0)
			unlink(whole);
		if (git_repository_index(&index, desk->repo) < 0 || git_index_read(index, 0) < 0) {
			git_index_free(index);
			return git_fail(CT_EDESK, "cannot read the git index");
		}
	}
	n = git_index_entrycount(index);
	for (i = 0; i < n && !error; i++) {
		const git_index_entry *e = git_index_get_byindex(index, i);
		git_blob *blob = NULL;
		if (strncmp(e->path, prefix, plen) || git_index_entry_stage(e) != 0)
			continue;
		if (git_blob_lookup(&blob, desk->repo, &e->id) < 0) {
			error = git_fail(CT_EDESK, "cannot read staged blob");
			break;
		}
		error = cb(e->path, git_blob_rawcontent(blob), (size_t)git_blob_rawsize(blob), payload);
		git_blob_free(blob);
	}
	git_index_free(index);
	return error;
}

int ct_desk_foreach_file(ct_desk *desk, const char *commit, int staged, const char *prefix,
			 ct_desk_blob_cb cb, void *payload)
{
	git_tree *tree = NULL;
	struct walk_ctx w = { desk->repo, cb, payload, CT_BUF_INIT, 0, prefix };
	int error;
	if (staged)
		return foreach_staged(desk, prefix, cb, payload);
	if ((error = commit_tree(&tree, desk->repo, commit)) < 0 || !tree)
		return error;
	if (git_tree_walk(tree, GIT_TREEWALK_PRE, walk_cb, &w) < 0 && !w.result)
		w.result = git_fail(CT_EDESK, "cannot walk tree");
	git_tree_free(tree);
	ct_buf_release(&w.path);
	return w.result;
}

/* The record diff walks both trees side by side and descends only into subtrees whose ids differ:
 * a commit that changed one record costs a few tree reads whatever the size of the desk.
 * (git_diff_tree_to_tree plus git_diff_foreach loaded .gitattributes through the whole git index,
 * and walked every entry of both trees: most of a review's time on a desk of 100k claims.) */
struct diff_ctx {
	git_repository *repo;
	ct_desk_blob_cb cb;
	void *payload;
	int result;
	ct_buf path;
};

static int is_blob_mode(git_filemode_t m)
{
	return ((unsigned)m & 0170000) == 0100000;
}

static int diff_trees(struct diff_ctx *c, const git_tree *a, const git_tree *b);

/* One side of an entry: a blob (record added/changed, or deleted), or a tree added or deleted. */
static int diff_side(struct diff_ctx *c, const git_tree_entry *e, int added)
{
	git_tree *t = NULL;
	int error;
	if (is_blob_mode(git_tree_entry_filemode(e))) {
		if (!is_record_path(c->path.ptr))
			return 0;
		if (added)
			return blob_to_cb(c->repo, git_tree_entry_id(e), c->path.ptr, c->cb, c->payload, &c->result) < 0 ? -1 : 0;
		if ((error = c->cb(c->path.ptr, NULL, 0, c->payload)) != 0) {
			c->result = error;
			return -1;
		}
		return 0;
	}
	if (git_tree_entry_type(e) != GIT_OBJECT_TREE)
		return 0;   /* a submodule link: not a record */
	if (git_tree_lookup(&t, c->repo, git_tree_entry_id(e)) < 0) {
		c->result = git_fail(CT_EDESK, "cannot read tree");
		return -1;
	}
	error = added ? diff_trees(c, NULL, t) : diff_trees(c, t, NULL);
	git_tree_free(t);
	return error;
}

static int diff_entries(struct diff_ctx *c, const git_tree_entry *x, const git_tree_entry *y)
{
	size_t len = c->path.len;
	const char *name = git_tree_entry_name(x ? x : y);
	int error = 0;
	ct_buf_puts(&c->path, name);
	if (ct_buf_oom(&c->path)) {
		c->result = ct_error_set(CT_ENOMEM, "out of memory");
		return -1;
	}
	if (x && y && git_tree_entry_type(x) == GIT_OBJECT_TREE && git_tree_entry_type(y) == GIT_OBJECT_TREE) {
		git_tree *ta = NULL, *tb = NULL;
		ct_buf_putc(&c->path, '/');
		if (git_tree_lookup(&ta, c->repo, git_tree_entry_id(x)) < 0 ||
		    git_tree_lookup(&tb, c->repo, git_tree_entry_id(y)) < 0) {
			c->result = git_fail(CT_EDESK, "cannot read tree");
			error = -1;
		} else {
			error = diff_trees(c, ta, tb);
		}
		git_tree_free(ta);
		git_tree_free(tb);
	} else if (x && y && is_blob_mode(git_tree_entry_filemode(x)) && is_blob_mode(git_tree_entry_filemode(y))) {
		error = diff_side(c, y, 1);
	} else {
		/* one side only, or a blob became a tree (or back): the old goes, the new comes */
		if (x) {
			if (git_tree_entry_type(x) == GIT_OBJECT_TREE)
				ct_buf_putc(&c->path, '/');
			error = diff_side(c, x, 0);
			ct_buf_truncate(&c->path, len);
			ct_buf_puts(&c->path, name);
		}
		if (!error && y) {
			if (git_tree_entry_type(y) == GIT_OBJECT_TREE)
				ct_buf_putc(&c->path, '/');
			error = diff_side(c, y, 1);
		}
	}
	ct_buf_truncate(&c->path, len);
	return error;
}

/* git's order of tree entries: by name, a tree's name compared as if it ended in '/'. */
static int entry_cmp(const git_tree_entry *x, const git_tree_entry *y)
{
	const unsigned char *p = (const unsigned char *)git_tree_entry_name(x);
	const unsigned char *q = (const unsigned char *)git_tree_entry_name(y);
	unsigned cp, cq;
	while (*p && *p == *q)
		p++, q++;
	if (!*p && !*q)
		return 0;   /* same name: paired, whatever the kinds */
	cp = *p ? *p : git_tree_entry_type(x) == GIT_OBJECT_TREE ? '/' : 0;
	cq = *q ? *q : git_tree_entry_type(y) == GIT_OBJECT_TREE ? '/' : 0;
	return cp < cq ? -1 : cp > cq ? 1 : 0;
}

/* a or b may be NULL (everything in the other is deleted or added). Entries are in git's order on
 * both sides, so one merge pass pairs them. */
static int diff_trees(struct diff_ctx *c, const git_tree *a, const git_tree *b)
{
	size_t i = 0, j = 0, na = a ? git_tree_entrycount(a) : 0, nb = b ? git_tree_entrycount(b) : 0;
	if (a && b && git_oid_equal(git_tree_id(a), git_tree_id(b)))
		return 0;
	while (i < na || j < nb) {
		const git_tree_entry *x = i < na ? git_tree_entry_byindex(a, i) : NULL;
		const git_tree_entry *y = j < nb ? git_tree_entry_byindex(b, j) : NULL;
		int cmp = !x ? 1 : !y ? -1 : entry_cmp(x, y);
		int error;
		if (cmp < 0) {
			error = diff_entries(c, x, NULL);
			i++;
		} else if (cmp > 0) {
			error = diff_entries(c, NULL, y);
			j++;
		} else {
			error = git_oid_equal(git_tree_entry_id(x), git_tree_entry_id(y)) &&
					git_tree_entry_filemode(x) == git_tree_entry_filemode(y)
				? 0 : diff_entries(c, x, y);
			i++;
			j++;
		}
		if (error)
			return error;
	}
	return 0;
}

int ct_desk_diff_records(ct_desk *desk, const char *from, const char *to, ct_desk_blob_cb cb, void *payload)
{
	git_tree *a = NULL, *b = NULL;
	struct diff_ctx c = { desk->repo, cb, payload, 0, CT_BUF_INIT };
	int error;

	if (from && *from && (error = commit_tree(&a, desk->repo, from)) < 0)
		return error;
	if ((error = commit_tree(&b, desk->repo, to)) < 0)
		goto done;
	diff_trees(&c, a, b);
	error = c.result;
done:
	ct_buf_release(&c.path);
	git_tree_free(a);
	git_tree_free(b);
	return error;
}

/* ---- history ------------------------------------------------------------------------- */

static int path_changed(git_commit *c, const char *const *paths, size_t npaths)
{
	git_tree *tree = NULL;
	unsigned i, np = git_commit_parentcount(c);
	size_t k;
	int changed_from_all = 1;

	if (git_commit_tree(&tree, c) < 0)
		return 0;
	for (i = 0; i < (np ? np : 1) && changed_from_all; i++) {
		git_commit *parent = NULL;
		git_tree *ptree = NULL;
		int changed = 0;
		if (np && (git_commit_parent(&parent, c, i) < 0 || git_commit_tree(&ptree, parent) < 0)) {
			git_commit_free(parent);
			continue;
		}
		for (k = 0; k < npaths && !changed; k++) {
			git_tree_entry *ea = NULL, *eb = NULL;
			int ha = git_tree_entry_bypath(&ea, tree, paths[k]) == 0;
			int hb = ptree && git_tree_entry_bypath(&eb, ptree, paths[k]) == 0;
			if (ha != hb || (ha && !git_oid_equal(git_tree_entry_id(ea), git_tree_entry_id(eb))))
				changed = 1;
			git_tree_entry_free(ea);
			git_tree_entry_free(eb);
		}
		changed_from_all = changed;
		git_tree_free(ptree);
		git_commit_free(parent);
	}
	git_tree_free(tree);
	return changed_from_all;
}

int ct_desk_log(ct_desk *desk, const char *const *paths, size_t npaths, ct_desk_log_cb cb, void *payload)
{
	git_revwalk *walk = NULL;
	git_oid oid;
	int error = 0, r;

	if (git_revwalk_new(&walk, desk->repo) < 0)
		return git_fail(CT_EDESK, "cannot walk history");
	git_revwalk_sorting(walk, GIT_SORT_TOPOLOGICAL | GIT_SORT_TIME);
	r = git_revwalk_push_head(walk);
	if (r == GIT_ENOTFOUND || r == GIT_EUNBORNBRANCH)
		goto done;
	if (r < 0) {
		error = git_fail(CT_EDESK, "cannot walk history");
		goto done;
	}
	while ((r = git_revwalk_next(&oid, walk)) == 0) {
		git_commit *c = NULL;
		struct ct_log_entry e;
		const git_signature *a;
		if (git_commit_lookup(&c, desk->repo, &oid) < 0) {
			error = git_fail(CT_EDESK, "cannot read commit");
			break;
		}
		if (npaths && !path_changed(c, paths, npaths)) {
			git_commit_free(c);
			continue;
		}
		a = git_commit_author(c);
		oid_hex(e.commit, &oid);
		e.author = a->name;
		e.email = a->email;
		e.time = (long long)a->when.time;
		e.offset = a->when.offset;
		e.message = git_commit_message(c);
		error = cb(&e, payload);
		git_commit_free(c);
		if (error)
			break;
	}
	if (r < 0 && r != GIT_ITEROVER && !error)
		error = git_fail(CT_EDESK, "cannot walk history");
done:
	git_revwalk_free(walk);
	return error;
}

/* ---- transactions -------------------------------------------------------------------- */

/* An odb backend that keeps new objects in memory (or, past LOOSE_MAX, streams them into one
 * pack) and reads everything else from the desk's own object database. It has no freshen, so
 * libgit2 never stats loose files or rescans packs for objects it is about to write. */
struct mem_obj {
	git_oid oid;
	git_object_t type;
	size_t len;
	char *data;
};

struct txn_backend {
	git_odb_backend parent;
	git_odb *disk;
	struct mem_obj *objs;
	size_t n, cap;
	ct_pack *pack;
	const char *pack_dir;
	int error;
};

struct update {
	char *path;
	git_oid oid;
	int remove;
	int dropped;   /* staged, then put back to HEAD's content: not part of the commit */
};

struct ct_txn {
	ct_desk *desk;
	git_odb *disk;
	git_odb *odb;             /* only the txn backend */
	git_repository *wrepo;    /* a repository over odb, for building trees and the commit */
	struct txn_backend *be;
	git_commit *head;         /* NULL on an unborn branch */
	char *branch;             /* the branch HEAD points at, which the commit moves */
	git_tree *base;           /* head's tree, from the desk repository */
	struct update *updates;
	size_t n, cap;
	size_t *slots;            /* path hash table of update index + 1 */
	size_t nslots;
	size_t live;              /* updates not dropped */
	ct_buf pack_dir;
};

static struct mem_obj *mem_find(struct txn_backend *be, const git_oid *oid)
{
	size_t i;
	for (i = 0; i < be->n; i++)
		if (git_oid_equal(&be->objs[i].oid, oid))
			return &be->objs[i];
	return NULL;
}

static int pack_type(git_object_t t)
{
	switch (t) {
	case GIT_OBJECT_COMMIT: return CT_PACK_COMMIT;
	case GIT_OBJECT_TREE: return CT_PACK_TREE;
	case GIT_OBJECT_TAG: return CT_PACK_TAG;
	default: return CT_PACK_BLOB;
	}
}

static git_object_t git_type(int t)
{
	switch (t) {
	case CT_PACK_COMMIT: return GIT_OBJECT_COMMIT;
	case CT_PACK_TREE: return GIT_OBJECT_TREE;
	case CT_PACK_TAG: return GIT_OBJECT_TAG;
	default: return GIT_OBJECT_BLOB;
	}
}

/* Moves the buffered objects into a new pack once there are too many for loose writes. */
static int be_spill(struct txn_backend *be)
{
	size_t i;
	int error;
	if ((error = ct_pack_open(&be->pack, be->pack_dir, 1)) < 0)
		return error;
	for (i = 0; i < be->n; i++) {
		if ((error = ct_pack_add(be->pack, be->objs[i].oid.id, pack_type(be->objs[i].type),
					 be->objs[i].data, be->objs[i].len)) < 0)
			return error;
		free(be->objs[i].data);
	}
	be->n = 0;
	return 0;
}

static int be_write(git_odb_backend *b, const git_oid *oid, const void *data, size_t len, git_object_t type)
{
	struct txn_backend *be = (struct txn_backend *)b;
	struct mem_obj *o;
	int error;

	if (be->pack)
		goto to_pack;
	if (mem_find(be, oid))
		return 0;
	if (be->n >= LOOSE_MAX) {
		if ((error = be_spill(be)) < 0)
			goto fail;
		goto to_pack;
	}
	if (be->n == be->cap) {
		size_t cap = be->cap ? be->cap * 2 : 64;
		struct mem_obj *n = realloc(be->objs, cap * sizeof(*n));
		if (!n)
			goto oom;
		be->objs = n;
		be->cap = cap;
	}
	o = &be->objs[be->n];
	o->data = malloc(len ? len : 1);
	if (!o->data)
		goto oom;
	memcpy(o->data, data, len);
	git_oid_cpy(&o->oid, oid);
	o->type = type;
	o->len = len;
	be->n++;
	return 0;
to_pack:
	if ((error = ct_pack_add(be->pack, oid->id, pack_type(type), data, len)) < 0)
		goto fail;
	return 0;
oom:
	error = ct_error_set(CT_ENOMEM, "out of memory");
fail:
	be->error = error;
	git_error_set_str(GIT_ERROR_ODB, ct_error_last());
	return -1;
}

static int be_read_local(struct txn_backend *be, const git_oid *oid, ct_buf *out, git_object_t *type)
{
	struct mem_obj *o = mem_find(be, oid);
	int t, r;
	if (o) {
		*type = o->type;
		return ct_buf_put(out, o->data, o->len) < 0 ? -1 : 0;
	}
	if (!be->pack)
		return GIT_ENOTFOUND;
	r = ct_pack_read(be->pack, oid->id, &t, out);
	if (r == CT_ENOTFOUND)
		return GIT_ENOTFOUND;
	if (r < 0)
		return -1;
	*type = git_type(t);
	return 0;
}

static int be_read(void **out, size_t *len, git_object_t *type, git_odb_backend *b, const git_oid *oid)
{
	struct txn_backend *be = (struct txn_backend *)b;
	ct_buf buf = CT_BUF_INIT;
	git_odb_object *obj = NULL;
	const void *data;
	int r = be_read_local(be, oid, &buf, type);

	if (r == GIT_ENOTFOUND) {
		if (git_odb_read(&obj, be->disk, oid) < 0) {
			ct_buf_release(&buf);
			return GIT_ENOTFOUND;
		}
		*type = git_odb_object_type(obj);
		*len = git_odb_object_size(obj);
		data = git_odb_object_data(obj);
	} else if (r < 0) {
		ct_buf_release(&buf);
		return -1;
	} else {
		*len = buf.len;
		data = buf.ptr;
	}
	*out = git_odb_backend_data_alloc(b, *len ? *len : 1);
	if (*out)
		memcpy(*out, data, *len);
	git_odb_object_free(obj);
	ct_buf_release(&buf);
	return *out ? 0 : -1;
}

static int be_read_header(size_t *len, git_object_t *type, git_odb_backend *b, const git_oid *oid)
{
	struct txn_backend *be = (struct txn_backend *)b;
	ct_buf buf = CT_BUF_INIT;
	int r = be_read_local(be, oid, &buf, type);
	*len = buf.len;
	ct_buf_release(&buf);
	if (r == GIT_ENOTFOUND)
		return git_odb_read_header(len, type, be->disk, oid) < 0 ? GIT_ENOTFOUND : 0;
	return r;
}

static int be_exists(git_odb_backend *b, const git_oid *oid)
{
	struct txn_backend *be = (struct txn_backend *)b;
	ct_buf buf = CT_BUF_INIT;
	git_object_t type;
	int r;
	if (mem_find(be, oid))
		return 1;
	r = be->pack ? be_read_local(be, oid, &buf, &type) : GIT_ENOTFOUND;
	ct_buf_release(&buf);
	if (r == 0)
		return 1;
	return git_odb_exists(be->disk, oid);
}

static int be_freshen(git_odb_backend *b, const git_oid *oid)
{
	/* Only what this transaction already holds counts as present: a write of anything else
	 * goes ahead (at worst a duplicate of an old object, which git tolerates). */
	return mem_find((struct txn_backend *)b, oid) ? 0 : 1;
}

static void be_free(git_odb_backend *b)
{
	struct txn_backend *be = (struct txn_backend *)b;
	size_t i;
	for (i = 0; i < be->n; i++)
		free(be->objs[i].data);
	free(be->objs);
	ct_pack_abort(be->pack);
	free(be);
}

/* The full name of the branch HEAD points at (born or not). CT_EDESK on a detached HEAD. */
static int head_branch(char **out, git_repository *repo)
{
	git_reference *head = NULL;
	const char *target;
	*out = NULL;
	if (git_reference_lookup(&head, repo, "HEAD") < 0)
		return git_fail(CT_EDESK, "cannot read HEAD");
	if (git_reference_type(head) != GIT_REFERENCE_SYMBOLIC || !(target = git_reference_symbolic_target(head)) ||
	    strncmp(target, "refs/heads/", 11)) {
		git_reference_free(head);
		return ct_error_set(CT_EDESK, "HEAD is detached: check out a branch first (git checkout main)");
	}
	*out = strdup(target);
	git_reference_free(head);
	return *out ? 0 : ct_error_set(CT_ENOMEM, "out of memory");
}

int ct_txn_begin(ct_txn **out, ct_desk *desk)
{
	ct_txn *txn = calloc(1, sizeof(*txn));
	struct txn_backend *be = NULL;
	int error = 0;

	*out = NULL;
	if (!txn)
		return ct_error_set(CT_ENOMEM, "out of memory");
	txn->desk = desk;
	ct_buf_init(&txn->pack_dir);
	if (git_repository_odb(&txn->disk, desk->repo) < 0) {
		error = git_fail(CT_EDESK, "cannot open object database");
		goto fail;
	}
	if ((error = head_branch(&txn->branch, desk->repo)) < 0 || (error = head_commit(&txn->head, desk->repo)) < 0)
		goto fail;
	if (txn->head && git_commit_tree(&txn->base, txn->head) < 0) {
		error = git_fail(CT_EDESK, "cannot read HEAD tree");
		goto fail;
	}
	ct_buf_printf(&txn->pack_dir, "%sobjects/pack", desk->gitdir);
	be = calloc(1, sizeof(*be));
	if (!be || ct_buf_oom(&txn->pack_dir) < 0) {
		free(be);
		error = ct_error_set(CT_ENOMEM, "out of memory");
		goto fail;
	}
	git_odb_init_backend(&be->parent, GIT_ODB_BACKEND_VERSION);
	be->parent.read = be_read;
	be->parent.read_header = be_read_header;
	be->parent.write = be_write;
	be->parent.exists = be_exists;
	be->parent.freshen = be_freshen;
	be->parent.free = be_free;
	be->disk = txn->disk;
	be->pack_dir = txn->pack_dir.ptr;
	if (git_odb_new(&txn->odb) < 0 || git_odb_add_backend(txn->odb, &be->parent, 1) < 0) {
		be_free(&be->parent);
		error = git_fail(CT_ENOMEM, "cannot create object database");
		goto fail;
	}
	txn->be = be;
	if (git_repository_wrap_odb(&txn->wrepo, txn->odb) < 0) {
		error = git_fail(CT_ENOMEM, "cannot create repository");
		goto fail;
	}
	*out = txn;
	return 0;
fail:
	ct_txn_free(txn);
	return error;
}

size_t ct_txn_changes(const ct_txn *txn)
{
	return txn->live;
}

void ct_txn_base(const ct_txn *txn, char out[41])
{
	if (txn->head)
		oid_hex(out, git_commit_id(txn->head));
	else
		out[0] = '\0';
}

static size_t path_hash(const char *p)
{
	size_t h = 14695981039346656037u;
	for (; *p; p++)
		h = (h ^ (unsigned char)*p) * 1099511628211u;
	return h;
}

/* The update staged for path, or NULL. */
static struct update *find_update(const ct_txn *txn, const char *path)
{
	size_t s;
	if (!txn->nslots)
		return NULL;
	for (s = path_hash(path) & (txn->nslots - 1); txn->slots[s]; s = (s + 1) & (txn->nslots - 1))
		if (!strcmp(txn->updates[txn->slots[s] - 1].path, path))
			return &txn->updates[txn->slots[s] - 1];
	return NULL;
}

static int index_grow(ct_txn *txn)
{
	size_t nslots = txn->nslots ? txn->nslots * 2 : 256, i, s;
	size_t *slots = calloc(nslots, sizeof(*slots));
	if (!slots)
		return ct_error_set(CT_ENOMEM, "out of memory");
	for (i = 0; i < txn->n; i++) {
		for (s = path_hash(txn->updates[i].path) & (nslots - 1); slots[s]; s = (s + 1) & (nslots - 1))
			;
		slots[s] = i + 1;
	}
	free(txn->slots);
	txn->slots = slots;
	txn->nslots = nslots;
	return 0;
}

/* Stages an update of path (replacing one staged before, so the last write wins). */
static int add_update(ct_txn *txn, const char *path, const git_oid *oid, int remove)
{
	struct update *u = find_update(txn, path);
	size_t s;
	if (u) {
		if (u->dropped)
			txn->live++;
		u->dropped = 0;
		u->remove = remove;
		if (oid)
			git_oid_cpy(&u->oid, oid);
		return 0;
	}
	if (txn->n == txn->cap) {
		size_t cap = txn->cap ? txn->cap * 2 : 64;
		struct update *n = realloc(txn->updates, cap * sizeof(*n));
		if (!n)
			return ct_error_set(CT_ENOMEM, "out of memory");
		txn->updates = n;
		txn->cap = cap;
	}
	if ((txn->n + 1) * 2 > txn->nslots && index_grow(txn) < 0)
		return CT_ENOMEM;
	u = &txn->updates[txn->n];
	memset(u, 0, sizeof(*u));
	if (!(u->path = strdup(path)))
		return ct_error_set(CT_ENOMEM, "out of memory");
	if (oid)
		git_oid_cpy(&u->oid, oid);
	u->remove = remove;
	for (s = path_hash(path) & (txn->nslots - 1); txn->slots[s]; s = (s + 1) & (txn->nslots - 1))
		;
	txn->slots[s] = ++txn->n;
	txn->live++;
	return 0;
}

/* Path is back to what HEAD holds: forget any change staged for it. */
static void drop_update(ct_txn *txn, const char *path)
{
	struct update *u = find_update(txn, path);
	if (u && !u->dropped) {
		u->dropped = 1;
		txn->live--;
	}
}

int ct_txn_put(ct_txn *txn, const char *path, const void *data, size_t len)
{
	git_oid oid;
	git_tree_entry *e = NULL;
	int same = 0, error;

	if (git_odb_hash(&oid, data, len, GIT_OBJECT_BLOB) < 0)
		return git_fail(CT_ERROR, "cannot hash");
	if (txn->base && git_tree_entry_bypath(&e, txn->base, path) == 0) {
		same = git_oid_equal(git_tree_entry_id(e), &oid) && git_tree_entry_filemode(e) == GIT_FILEMODE_BLOB;
		git_tree_entry_free(e);
	}
	if (same) {
		drop_update(txn, path);
		return 0;
	}
	/* Straight to our backend, the odb's only one: git_odb_write would hash the bytes again. */
	if (be_write(&txn->be->parent, &oid, data, len, GIT_OBJECT_BLOB) < 0)
		return txn->be->error ? txn->be->error : git_fail(CT_EIO, "cannot write object");
	if ((error = add_update(txn, path, &oid, 0)) < 0)
		return error;
	return 1;
}

int ct_txn_remove(ct_txn *txn, const char *path)
{
	git_tree_entry *e = NULL;
	int error;
	if (!txn->base || git_tree_entry_bypath(&e, txn->base, path) < 0) {
		drop_update(txn, path);  /* put in this transaction, absent from HEAD */
		return 0;
	}
	git_tree_entry_free(e);
	if ((error = add_update(txn, path, NULL, 1)) < 0)
		return error;
	return 1;
}

/* Writes the transaction's new objects where git will find them: loose for a small commit,
 * the finished pack for a large one. */
static int persist_objects(ct_txn *txn)
{
	struct txn_backend *be = txn->be;
	size_t i;
	int error;
	if (be->pack) {
		ct_pack *pack = be->pack;
		be->pack = NULL;
		if ((error = ct_pack_finish(pack)) < 0)
			return error;
	} else {
		for (i = 0; i < be->n; i++) {
			git_oid oid;
			if (git_odb_exists(txn->disk, &be->objs[i].oid))
				continue;
			if (git_odb_write(&oid, txn->disk, be->objs[i].data, be->objs[i].len, be->objs[i].type) < 0)
				return git_fail(CT_EIO, "cannot write object");
		}
	}
	if (git_odb_refresh(txn->disk) < 0)
		return git_fail(CT_EIO, "cannot refresh object database");
	return 0;
}

/* Waiting for a lock: LOCK_TRIES pauses of LOCK_PAUSE_MS (about 3 s for git's lock files). */
#define LOCK_TRIES 150
#define LOCK_PAUSE_MS 20
/* Another claimtrack process holds the writer lock for one commit; wait up to this long. */
#define WRITER_WAIT_MS 60000

static void pause_ms(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };
	while (nanosleep(&ts, &ts) < 0 && errno == EINTR)
		;
}

static const char *branch_short(const char *refname)
{
	return strncmp(refname, "refs/heads/", 11) ? refname : refname + 11;
}

/* Takes the desk's writer lock: an flock on .git/claimtrack/write.lock, held from the branch
 * update to the end of the checkout. The kernel drops it when the process dies, so a killed
 * writer never leaves a stale lock. Returns the descriptor to close, or a CT_E* code. */
static int writer_lock(const ct_desk *desk)
{
	char path[PATH_MAX];
	long waited = 0;
	int fd;
	snprintf(path, sizeof(path), "%sclaimtrack", desk->gitdir);
	if (mkdir(path, 0777) < 0 && errno != EEXIST)
		return ct_error_set(CT_EDESK, "cannot create '%s': %s", path, strerror(errno));
	snprintf(path, sizeof(path), "%sclaimtrack/write.lock", desk->gitdir);
	fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0666);
	if (fd < 0)
		return ct_error_set(CT_EDESK, "cannot open the writer lock '%s': %s", path, strerror(errno));
	while (flock(fd, LOCK_EX | LOCK_NB) < 0) {
		if (errno != EWOULDBLOCK && errno != EINTR) {
			close(fd);
			return ct_error_set(CT_EDESK, "cannot lock '%s': %s", path, strerror(errno));
		}
		if (waited >= WRITER_WAIT_MS) {
			close(fd);
			return ct_error_set(CT_EDESK, "another claimtrack process has been writing this desk for %ld s "
					    "(it holds '%s'); nothing was committed", waited / 1000, path);
		}
		pause_ms(LOCK_PAUSE_MS);
		waited += LOCK_PAUSE_MS;
	}
	return fd;
}

/* ---- finishing the checkout of a killed writer -------------------------------------------
 *
 * Before moving the branch, ct_txn_commit writes .git/claimtrack/checkout.pending, "<old tree>
 * <new commit> <branch>\n", and removes it once the working tree and .git/index show the new
 * commit. A writer killed in between leaves it; the next writer (or ct_desk_recover, under the
 * writer lock) finishes the job: when the branch is at the new commit, the paths that differ
 * between the two trees are checked out again from it (only claimtrack was writing them), else
 * the branch never moved and the marker is dropped. git lock files the killed writer left
 * (index.lock, the branch's .lock: created after the marker, untouched for STALE_LOCK_MS while
 * we hold the writer lock) are removed. */

#define STALE_LOCK_MS 2000

static void pending_path(char out[PATH_MAX], const ct_desk *desk, const char *suffix)
{
	snprintf(out, PATH_MAX, "%sclaimtrack/checkout.pending%s", desk->gitdir, suffix);
}

static int pending_write(const ct_desk *desk, const git_tree *base, const git_oid *commit, const char *branch)
{
	char path[PATH_MAX], tmp[PATH_MAX], line[256];
	char tree_hex[41], commit_hex[41];
	int fd, n;
	if (base)
		oid_hex(tree_hex, git_tree_id(base));
	else
		memset(tree_hex, '0', 40), tree_hex[40] = '\0';
	oid_hex(commit_hex, commit);
	n = snprintf(line, sizeof(line), "%s %s %s\n", tree_hex, commit_hex, branch);
	if (n < 0 || (size_t)n >= sizeof(line))
		return ct_error_set(CT_EDESK, "branch name too long: '%s'", branch);
	pending_path(path, desk, "");
	pending_path(tmp, desk, ".tmp");
	fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
	if (fd < 0)
		return ct_error_set(CT_EIO, "cannot write '%s': %s; nothing was committed", tmp, strerror(errno));
	if (write(fd, line, (size_t)n) != n || fsync(fd) < 0) {
		int e = errno;
		close(fd);
		unlink(tmp);
		return ct_error_set(CT_EIO, "cannot write '%s': %s; nothing was committed", tmp, strerror(e));
	}
	if (close(fd) < 0 || rename(tmp, path) < 0) {
		int e = errno;
		unlink(tmp);
		return ct_error_set(CT_EIO, "cannot write '%s': %s; nothing was committed", path, strerror(e));
	}
	return 0;
}

static void pending_remove(const ct_desk *desk)
{
	char path[PATH_MAX];
	pending_path(path, desk, "");
	unlink(path);
}

static int ts_before(const struct timespec *a, const struct timespec *b)
{
	return a->tv_sec < b->tv_sec || (a->tv_sec == b->tv_sec && a->tv_nsec < b->tv_nsec);
}

/* Removes lock when the killed writer left it: made after the marker (at marker_time) and
 * untouched for STALE_LOCK_MS. Waits up to that long for a lock someone is still using. */
static void drop_stale_lock(const char *lock, const struct timespec *marker_time)
{
	long waited;
	for (waited = 0; waited <= STALE_LOCK_MS + 500; waited += 20) {
		struct stat st;
		struct timespec now;
		long age_ms;
		if (stat(lock, &st) < 0)
			return;   /* gone (or never there) */
		if (ts_before(&st.st_mtim, marker_time))
			return;   /* older than the killed writer's commit: not its lock; named later */
		clock_gettime(CLOCK_REALTIME, &now);
		age_ms = (long)(now.tv_sec - st.st_mtim.tv_sec) * 1000 + (now.tv_nsec - st.st_mtim.tv_nsec) / 1000000;
		if (age_ms >= STALE_LOCK_MS) {
			unlink(lock);
			return;
		}
		pause_ms(20);
	}
}

struct diff_paths {
	char **paths;
	size_t n, cap;
};

static int diff_paths_cb(const git_diff_delta *delta, float progress, void *payload)
{
	struct diff_paths *dp = payload;
	const char *p = delta->new_file.path ? delta->new_file.path : delta->old_file.path;
	(void)progress;
	if (dp->n == dp->cap) {
		size_t cap = dp->cap ? dp->cap * 2 : 64;
		char **n = realloc(dp->paths, cap * sizeof(*n));
		if (!n)
			return -1;
		dp->paths = n;
		dp->cap = cap;
	}
	if (!(dp->paths[dp->n] = strdup(p)))
		return -1;
	dp->n++;
	return 0;
}

/* Called with the writer lock held. Returns 0 (nothing pending, or finished) or a CT_E* code. */
static int recover_locked(ct_desk *desk)
{
	char path[PATH_MAX], line[256], tree_hex[41], commit_hex[41], branch[200], lock[PATH_MAX];
	struct stat st;
	struct diff_paths dp = { NULL, 0, 0 };
	git_oid tree_oid, commit_oid, head_oid;
	git_tree *old_tree = NULL, *new_tree = NULL;
	git_commit *commit = NULL;
	git_diff *diff = NULL;
	git_checkout_options co;
	FILE *f;
	size_t i;
	int error = 0, have;

	pending_path(path, desk, "");
	if (stat(path, &st) < 0)
		return 0;
	f = fopen(path, "r");
	have = f && fgets(line, sizeof(line), f) &&
	       sscanf(line, "%40[0-9a-f] %40[0-9a-f] %199s", tree_hex, commit_hex, branch) == 3 &&
	       strlen(tree_hex) == 40 && strlen(commit_hex) == 40 && !strncmp(branch, "refs/heads/", 11) &&
	       !strstr(branch, "..");
	if (f)
		fclose(f);
	if (!have) {   /* torn: the writer died writing it, before the branch moved */
		pending_remove(desk);
		return 0;
	}
	snprintf(lock, sizeof(lock), "%s%s.lock", desk->gitdir, branch);
	drop_stale_lock(lock, &st.st_mtim);
	snprintf(lock, sizeof(lock), "%sindex.lock", desk->gitdir);
	drop_stale_lock(lock, &st.st_mtim);
	git_oid_fromstr(&commit_oid, commit_hex);
	if (git_reference_name_to_id(&head_oid, desk->repo, branch) < 0 || !git_oid_equal(&head_oid, &commit_oid)) {
		pending_remove(desk);   /* the branch never moved to the new commit */
		return 0;
	}
	git_oid_fromstr(&tree_oid, tree_hex);
	if ((!git_oid_is_zero(&tree_oid) && git_tree_lookup(&old_tree, desk->repo, &tree_oid) < 0) ||
	    git_commit_lookup(&commit, desk->repo, &commit_oid) < 0 || git_commit_tree(&new_tree, commit) < 0) {
		error = git_fail(CT_EDESK, "cannot finish the checkout of an interrupted command");
		goto done;
	}
	/* libgit2 1.5 reads the git index (attributes) to compare trees and cannot read a split one */
	if (ct_gitindex_unsplit(desk->gitdir, NULL, NULL) < 0) {
		error = git_fail(CT_EDESK, "cannot finish the checkout of an interrupted command");
		goto done;
	}
	if (git_diff_tree_to_tree(&diff, desk->repo, old_tree, new_tree, NULL) < 0 ||
	    git_diff_foreach(diff, diff_paths_cb, NULL, NULL, NULL, &dp) < 0) {
		error = git_fail(CT_EDESK, "cannot finish the checkout of an interrupted command");
		goto done;
	}
	if (dp.n) {
		git_checkout_options_init(&co, GIT_CHECKOUT_OPTIONS_VERSION);
		co.checkout_strategy = GIT_CHECKOUT_FORCE | GIT_CHECKOUT_DISABLE_PATHSPEC_MATCH;
		co.baseline = old_tree;
		co.paths.strings = dp.paths;
		co.paths.count = dp.n;
		if (git_checkout_tree(desk->repo, (const git_object *)new_tree, &co) < 0) {
			error = git_fail(CT_EDESK, "an interrupted command left the working tree behind HEAD and it could not "
					 "be updated (run 'git checkout -f' to refresh it)");
			goto done;
		}
	}
	pending_remove(desk);
done:
	for (i = 0; i < dp.n; i++)
		free(dp.paths[i]);
	free(dp.paths);
	git_diff_free(diff);
	git_commit_free(commit);
	git_tree_free(old_tree);
	git_tree_free(new_tree);
	return error;
}

int ct_desk_recover(ct_desk *desk)
{
	char path[PATH_MAX];
	struct stat st;
	int fd, error;
	pending_path(path, desk, "");
	if (stat(path, &st) < 0)
		return 0;
	if ((fd = writer_lock(desk)) < 0)
		return fd;
	error = recover_locked(desk);
	close(fd);
	return error;
}

static int update_cmp(const void *a, const void *b)
{
	return strcmp(((const git_tree_update *)a)->path, ((const git_tree_update *)b)->path);
}

int ct_txn_commit(ct_txn *txn, const struct ct_ident *who, const char *message, char out_commit[41])
{
	git_tree_update *ups = NULL;
	git_oid tree_oid, commit_oid;
	git_tree *tree = NULL, *new_tree = NULL, *wbase = NULL;
	git_signature *sig = NULL, *csig = NULL;
	git_commit *wparent = NULL;
	git_reference *ref = NULL;
	char **paths = NULL;
	size_t i, nup;
	int error = 0, r, lock_fd = -1, tries, marker = 0;
	const git_commit *parents[1];

	if (out_commit)
		out_commit[0] = '\0';
	if (!txn->live)
		return 0;
	ups = calloc(txn->live, sizeof(*ups));
	paths = calloc(txn->live, sizeof(*paths));
	if (!ups || !paths) {
		error = ct_error_set(CT_ENOMEM, "out of memory");
		goto done;
	}
	for (i = 0, nup = 0; i < txn->n; i++) {
		if (txn->updates[i].dropped)
			continue;
		ups[nup].action = txn->updates[i].remove ? GIT_TREE_UPDATE_REMOVE : GIT_TREE_UPDATE_UPSERT;
		git_oid_cpy(&ups[nup].id, &txn->updates[i].oid);
		ups[nup].filemode = GIT_FILEMODE_BLOB;
		ups[nup].path = txn->updates[i].path;
		paths[nup++] = txn->updates[i].path;
	}
	/* In path order: libgit2 1.5 inserts each update into a sorted vector, moving every entry
	 * after it, which made the updates of a bulk add (staged source by source, in random shards)
	 * cost a memmove of half the list each: quadratic, 10% of an 8,000-article add's CPU. */
	qsort(ups, nup, sizeof(*ups), update_cmp);
	/* The objects we point at were written by this transaction or are in HEAD already. */
	git_libgit2_opts(GIT_OPT_ENABLE_STRICT_OBJECT_CREATION, 0);
	if (txn->base && git_tree_lookup(&wbase, txn->wrepo, git_tree_id(txn->base)) < 0) {
		error = git_fail(CT_EDESK, "cannot read HEAD tree");
		goto done;
	}
	if (git_tree_create_updated(&tree_oid, txn->wrepo, wbase, nup, ups) < 0) {
		error = txn->be->error ? txn->be->error : git_fail(CT_ERROR, "cannot build tree");
		goto done;
	}
	if (git_tree_lookup(&tree, txn->wrepo, &tree_oid) < 0) {
		error = git_fail(CT_ERROR, "cannot read tree");
		goto done;
	}
	if (make_signature(&sig, who) < 0 || committer_signature(&csig, txn->desk, who) < 0) {
		error = git_fail(CT_EINPUT, "bad identity");
		goto done;
	}
	if (txn->head && git_commit_lookup(&wparent, txn->wrepo, git_commit_id(txn->head)) < 0) {
		error = git_fail(CT_EDESK, "cannot read HEAD");
		goto done;
	}
	parents[0] = wparent;
	if (git_commit_create(&commit_oid, txn->wrepo, NULL, sig, csig, NULL, message, tree,
			      wparent ? 1 : 0, parents) < 0) {
		error = txn->be->error ? txn->be->error : git_fail(CT_ERROR, "cannot create commit");
		goto done;
	}
	if ((error = persist_objects(txn)) < 0)
		goto done;

	/* Last: move the branch, only if nobody moved it since we read it. Writers of this desk take
	 * turns (writer_lock) so one's checkout never races another's; stock git is kept out by the
	 * compare-and-swap and by git's own lock files, which we wait for a moment. */
	if ((lock_fd = writer_lock(txn->desk)) < 0) {
		error = lock_fd;
		goto done;
	}
	if ((error = recover_locked(txn->desk)) < 0 ||
	    (error = pending_write(txn->desk, txn->base, &commit_oid, txn->branch)) < 0)
		goto done;
	marker = 1;
	for (tries = 0;; tries++) {
		if (txn->head)
			r = git_reference_create_matching(&ref, txn->desk->repo, txn->branch, &commit_oid, 1,
							  git_commit_id(txn->head), message);
		else
			r = git_reference_create(&ref, txn->desk->repo, txn->branch, &commit_oid, 0, message);
		if (r != GIT_ELOCKED || tries >= LOCK_TRIES)
			break;
		pause_ms(LOCK_PAUSE_MS);
	}
	if (r == GIT_EMODIFIED || r == GIT_EEXISTS) {
		error = ct_error_set(CT_EMOVED, "the desk changed while this command ran (HEAD moved); nothing was committed, try again");
		goto done;
	}
	if (r == GIT_ELOCKED) {
		error = ct_error_set(CT_EDESK, "the branch is locked: '%srefs/heads/%s.lock' exists; if no git or claimtrack "
				     "process is running, a killed one left it: remove that file and try again; nothing was committed",
				     txn->desk->gitdir, branch_short(txn->branch));
		goto done;
	}
	if (r < 0) {
		error = git_fail(CT_EDESK, "cannot update branch");
		goto done;
	}
	if (out_commit)
		oid_hex(out_commit, &commit_oid);

	if (git_tree_lookup(&new_tree, txn->desk->repo, &tree_oid) < 0) {
		error = git_fail(CT_EDESK, "committed, but cannot read the new tree back");
		goto done;
	}
	for (tries = 0;; tries++) {
		if ((r = ct_desk__checkout(txn->desk, txn->base, new_tree, paths, nup, 0, NULL)) == 0)
			break;
		if (git_error_last() && git_error_last()->klass == GIT_ERROR_INDEX && tries < LOCK_TRIES) {
			pause_ms(LOCK_PAUSE_MS);   /* .git/index.lock: stock git is writing the index */
			continue;
		}
		if (r != GIT_ECONFLICT) {
			/* A failed write (disk full, I/O error), not a local change in the way: leave the
			 * marker so the next command checks these paths out again. */
			marker = 0;
			error = git_fail(CT_EDESK, "committed, but the working tree could not be updated; the next claimtrack "
					 "command finishes it");
			break;
		}
		error = git_fail(CT_EDESK, "committed, but the working tree could not be updated (run 'git checkout -f' to refresh it)");
		break;
	}
done:
	/* Left only by a process killed before this point: then the next writer finishes. */
	if (marker)
		pending_remove(txn->desk);
	if (lock_fd >= 0)
		close(lock_fd);   /* releases the writer lock */
	git_libgit2_opts(GIT_OPT_ENABLE_STRICT_OBJECT_CREATION, 1);
	git_reference_free(ref);
	git_commit_free(wparent);
	git_signature_free(sig);
	git_signature_free(csig);
	git_tree_free(tree);
	git_tree_free(new_tree);
	git_tree_free(wbase);
	free(ups);
	free(paths);
	return error;
}

void ct_txn_free(ct_txn *txn)
{
	size_t i;
	if (!txn)
		return;
	for (i = 0; i < txn->n; i++)
		free(txn->updates[i].path);
	free(txn->updates);
	free(txn->slots);
	free(txn->branch);
	git_repository_free(txn->wrepo);
	git_odb_free(txn->odb);   /* frees the backend and any unfinished pack */
	git_tree_free(txn->base);
	git_commit_free(txn->head);
	git_odb_free(txn->disk);
	ct_buf_release(&txn->pack_dir);
	free(txn);
}

/* ---- shared with the rest of src/desk/ (desk_internal.h) ----------------------------- */

int ct_desk__git_fail(int code, const char *what)
{
	return git_fail(code, what);
}

int ct_desk__head_branch(char **out, git_repository *repo)
{
	return head_branch(out, repo);
}

int ct_desk__signatures(git_signature **author, git_signature **committer, ct_desk *desk,
			const struct ct_ident *who)
{
	*author = *committer = NULL;
	if (make_signature(author, who) < 0 || committer_signature(committer, desk, who) < 0) {
		git_signature_free(*author);
		*author = NULL;
		return git_fail(CT_EINPUT, "bad identity");
	}
	return 0;
}

static int checkout_notify(git_checkout_notify_t why, const char *path, const git_diff_file *baseline,
			   const git_diff_file *target, const git_diff_file *workdir, void *payload)
{
	ct_buf *conflicts = payload;
	(void)baseline;
	(void)target;
	(void)workdir;
	if (why == GIT_CHECKOUT_NOTIFY_CONFLICT && conflicts) {
		if (conflicts->len)
			ct_buf_putc(conflicts, ' ');
		ct_buf_puts(conflicts, path);
	}
	return 0;
}

/* Tests (tests/e2e/t0860) learn which way a checkout went: CLAIMTRACK_TRACE_CHECKOUT names a file
 * that gets one line per checkout, "patched N" or "libgit2 N" (N paths). */
static void trace_checkout(const char *how, size_t n)
{
	const char *file = getenv("CLAIMTRACK_TRACE_CHECKOUT");
	FILE *f;
	if (!file || !*file || !(f = fopen(file, "a")))
		return;
	fprintf(f, "%s %zu\n", how, n);
	fclose(f);
}

int ct_desk__checkout(ct_desk *desk, git_tree *baseline, git_tree *target, char **paths, size_t n,
		      int dry_run, ct_buf *conflicts)
{
	git_checkout_options co;
	if (!dry_run && !getenv("CLAIMTRACK_NO_FAST_INDEX")) {
		int r = ct_gitindex_checkout(desk->repo, desk->workdir, desk->gitdir, baseline, target, paths, n);
		trace_checkout(r == CT_GITINDEX_FALLBACK ? "libgit2" : "patched", n);
		if (r != CT_GITINDEX_FALLBACK)
			return r;
	}
	/* libgit2 1.5 cannot read a split index (git's "link" extension): made whole first; the next
	 * patched checkout splits it again */
	if (ct_gitindex_unsplit(desk->gitdir, NULL, NULL) < 0)
		return -1;
	git_checkout_options_init(&co, GIT_CHECKOUT_OPTIONS_VERSION);
	co.checkout_strategy = GIT_CHECKOUT_SAFE | GIT_CHECKOUT_DISABLE_PATHSPEC_MATCH;
	if (dry_run)
		co.checkout_strategy |= GIT_CHECKOUT_DRY_RUN;
	co.baseline = baseline;
	co.paths.strings = paths;
	co.paths.count = n;
	co.notify_flags = GIT_CHECKOUT_NOTIFY_CONFLICT;
	co.notify_cb = checkout_notify;
	co.notify_payload = conflicts;
	return git_checkout_tree(desk->repo, (const git_object *)target, &co);
}
