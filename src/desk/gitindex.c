/* The working tree and .git/index brought from one commit to the next for a few paths, without
 * parsing every entry of the git index: its bytes are copied around the few entries that change.
 *
 * libgit2's checkout reads the whole index into one allocation per entry and writes it back, so a
 * one-file review on a desk of a million claims paid for a million entries. Here the entries are
 * only located (their lengths are in their flags), the changed ones are spliced in, the cache-tree
 * nodes above them are invalidated, and the file is rewritten through git's own lock file
 * (index.lock, then rename) with a fresh SHA-1 trailer: the cost left is a copy and a hash of the
 * file's bytes. Whenever the index or the desk is in a state this code does not fully understand
 * (index v4, a split or sparse index, unknown mandatory extensions, conflicts, skip-worktree
 * entries, attributes or line-ending conversion, anything in the way in the working tree), it
 * changes nothing and answers CT_GITINDEX_FALLBACK, and the caller uses libgit2's checkout. */
#include "desk/gitindex.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <nettle/sha1.h>

#include "util/buf.h"

#define ENTRY_FIXED 62      /* stat data (40), object id (20), flags (2) */
#define FLAG_EXTENDED 0x4000
#define FLAG_STAGE 0x3000
#define NAME_MASK 0x0fff
#define HASH_LEN 20

/* One path to bring from the base tree to the target tree (one per path of a bulk add: kept small). */
struct change {
	const char *path;
	git_oid base, target;
	uint32_t base_mode, target_mode;   /* 0: absent from that tree */
	uint32_t len;
	uint32_t at;   /* index of the entry with this path, or where it goes */
	int found;     /* the index has a stage-0 entry for the path */
};

struct index_map {
	const unsigned char *p;
	size_t size;
	uint32_t version, count;
	uint32_t *off;     /* count + 1 offsets: the entries, then where the extensions begin */
	size_t ext_end;    /* where the trailing hash begins */
};

static uint32_t be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static void put_be32(unsigned char *p, uint32_t v)
{
	p[0] = (unsigned char)(v >> 24);
	p[1] = (unsigned char)(v >> 16);
	p[2] = (unsigned char)(v >> 8);
	p[3] = (unsigned char)v;
}

static const char *entry_name(const struct index_map *m, uint32_t i, size_t *len)
{
	const unsigned char *e = m->p + m->off[i];
	uint16_t flags = (uint16_t)(e[60] << 8 | e[61]);
	size_t head = ENTRY_FIXED + ((flags & FLAG_EXTENDED) ? 2 : 0);
	*len = strnlen((const char *)e + head, m->off[i + 1] - m->off[i] - head);
	return (const char *)e + head;
}

/* Locates every entry and extension; 0 when the file is an index this code may rewrite. */
static int map_entries(struct index_map *m)
{
	size_t pos = 12;
	uint32_t i;
	if (m->size < 12 + HASH_LEN || memcmp(m->p, "DIRC", 4) || m->size > UINT32_MAX)
		return -1;
	m->version = be32(m->p + 4);
	m->count = be32(m->p + 8);
	if (m->version != 2 && m->version != 3)
		return -1;   /* v4 compresses paths against the previous entry: not spliceable */
	if (m->count > (m->size - 12) / ENTRY_FIXED)
		return -1;
	if (!(m->off = malloc(((size_t)m->count + 1) * sizeof(*m->off))))
		return -1;
	for (i = 0; i < m->count; i++) {
		const unsigned char *e = m->p + pos;
		uint16_t flags;
		size_t head, namelen, len;
		if (pos + ENTRY_FIXED > m->size - HASH_LEN)
			return -1;
		flags = (uint16_t)(e[60] << 8 | e[61]);
		if ((flags & FLAG_EXTENDED) && m->version < 3)
			return -1;
		head = ENTRY_FIXED + ((flags & FLAG_EXTENDED) ? 2 : 0);
		if (pos + head >= m->size - HASH_LEN)
			return -1;
		if ((flags & NAME_MASK) < NAME_MASK) {
			namelen = flags & NAME_MASK;
			if (pos + head + namelen >= m->size - HASH_LEN || e[head + namelen] != '\0')
				return -1;
		} else {
			const unsigned char *nul = memchr(e + head, '\0', m->size - HASH_LEN - pos - head);
			if (!nul)
				return -1;
			namelen = (size_t)(nul - (e + head));
		}
		len = (head + namelen + 8) & ~(size_t)7;
		if (pos + len > m->size - HASH_LEN)
			return -1;
		m->off[i] = (uint32_t)pos;
		pos += len;
	}
	m->off[m->count] = (uint32_t)pos;
	m->ext_end = m->size - HASH_LEN;
	/* Extensions: a lower-case signature is one a reader must understand (split index "link",
	 * sparse directories "sdir"): those we leave to libgit2. */
	while (pos < m->ext_end) {
		uint32_t len;
		if (pos + 8 > m->ext_end)
			return -1;
		len = be32(m->p + pos + 4);
		if (m->p[pos] < 'A' || m->p[pos] > 'Z' || len > m->ext_end - pos - 8)
			return -1;
		pos += 8 + len;
	}
	return 0;
}

/* The first entry whose name is not below name (stage 0 comes first among equal names). */
static size_t lower_bound(const struct index_map *m, const char *name, size_t len)
{
	size_t lo = 0, hi = m->count;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2, elen;
		const char *e = entry_name(m, (uint32_t)mid, &elen);
		size_t k = elen < len ? elen : len;
		int c = memcmp(e, name, k);
		if (c < 0 || (c == 0 && elen < len))
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static int entry_is(const struct index_map *m, size_t i, const char *name, size_t len)
{
	size_t elen;
	const char *e;
	if (i >= m->count)
		return 0;
	e = entry_name(m, (uint32_t)i, &elen);
	return elen == len && !memcmp(e, name, len);
}

static uint16_t entry_flags(const struct index_map *m, size_t i)
{
	const unsigned char *e = m->p + m->off[i];
	return (uint16_t)(e[60] << 8 | e[61]);
}

/* The working-tree file of an index entry still holds what the entry says (stat data equal, or
 * the same content when the stat data moved). */
static int worktree_clean(const unsigned char *e, const char *full, const git_oid *want)
{
	struct stat st;
	git_oid have;
	if (lstat(full, &st) < 0)
		return errno == ENOENT ? 1 : 0;   /* deleted locally: nothing to lose */
	if (!S_ISREG(st.st_mode))
		return 0;
	if (be32(e + 8) == (uint32_t)st.st_mtim.tv_sec && be32(e + 12) == (uint32_t)st.st_mtim.tv_nsec &&
	    be32(e + 0) == (uint32_t)st.st_ctim.tv_sec && be32(e + 4) == (uint32_t)st.st_ctim.tv_nsec &&
	    be32(e + 20) == (uint32_t)st.st_ino && be32(e + 36) == (uint32_t)st.st_size && be32(e + 36) != 0)
		return 1;
	if (git_odb_hashfile(&have, full, GIT_OBJECT_BLOB) < 0)
		return 0;
	return git_oid_equal(&have, want);
}

/* The path holds the same blob, with the same mode, in both trees. */
static int unchanged(const struct change *c)
{
	return c->base_mode && c->base_mode == c->target_mode && git_oid_equal(&c->base, &c->target);
}

static int tree_mode(git_tree *tree, const char *path, git_oid *oid, uint32_t *mode)
{
	git_tree_entry *te = NULL;
	int r = tree ? git_tree_entry_bypath(&te, tree, path) : GIT_ENOTFOUND;
	*mode = 0;
	if (r == GIT_ENOTFOUND)
		return 0;
	if (r < 0)
		return -1;
	git_oid_cpy(oid, git_tree_entry_id(te));
	*mode = (uint32_t)git_tree_entry_filemode(te);
	git_tree_entry_free(te);
	return (*mode == GIT_FILEMODE_BLOB || *mode == GIT_FILEMODE_BLOB_EXECUTABLE) ? 0 : -1;
}

/* Git reads attributes (text, eol, filters) from these; with any of them present the working
 * file might not be the blob's bytes, which only libgit2's filters know how to write. */
static int attributes_possible(git_repository *repo, const char *workdir, const char *gitdir,
			       git_tree *target, const struct change *c, size_t n)
{
	git_config *cfg = NULL;
	git_buf v = { 0 };
	char path[PATH_MAX];
	const char *home = getenv("HOME"), *xdg = getenv("XDG_CONFIG_HOME");
	struct stat st;
	size_t i;
	int found = 0;
	if (git_repository_config_snapshot(&cfg, repo) < 0)
		return 1;
	if (git_config_get_string_buf(&v, cfg, "core.autocrlf") == 0) {
		found |= strcasecmp(v.ptr, "false") != 0;
		git_buf_dispose(&v);
	}
	static const char *const keys[] = { "core.eol", "core.attributesfile", "core.sparsecheckout", "core.fsmonitor" };
	for (i = 0; i < sizeof(keys) / sizeof(*keys); i++)
		if (git_config_get_string_buf(&v, cfg, keys[i]) == 0) {
			found |= strcasecmp(v.ptr, "false") != 0;
			git_buf_dispose(&v);
		}
	git_config_free(cfg);
	snprintf(path, sizeof(path), "%sinfo/attributes", gitdir);
	found |= stat(path, &st) == 0;
	found |= stat("/etc/gitattributes", &st) == 0;
	if (xdg && *xdg)
		snprintf(path, sizeof(path), "%s/git/attributes", xdg);
	else
		snprintf(path, sizeof(path), "%s/.config/git/attributes", home ? home : "/nonexistent");
	found |= stat(path, &st) == 0;
	/* .gitattributes in the target tree or the working tree, in every folder above a path; the
	 * paths are sorted, so a folder the previous path had is checked already */
	for (i = 0; i < n && !found; i++) {
		const char *p = c[i].path, *prev = i ? c[i - 1].path : NULL, *s = p;
		size_t dirlen = 0;
		for (;;) {
			if (dirlen ? !prev || strncmp(prev, p, dirlen + 1) : !prev) {
				git_tree_entry *te = NULL;
				int k = snprintf(path, sizeof(path), "%.*s%s.gitattributes", (int)dirlen, p, dirlen ? "/" : "");
				if (k < 0 || (size_t)k >= sizeof(path))
					return 1;
				if (git_tree_entry_bypath(&te, target, path) == 0) {
					git_tree_entry_free(te);
					return 1;
				}
				k = snprintf(path, sizeof(path), "%s%.*s%s.gitattributes", workdir, (int)dirlen, p, dirlen ? "/" : "");
				if (k < 0 || (size_t)k >= sizeof(path) || lstat(path, &st) == 0)
					return 1;
			}
			if (!(s = strchr(s, '/')))
				break;
			dirlen = (size_t)(s - p);
			s++;
		}
	}
	return found;
}

static int path_cmp(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* The index entry, into e (room for ENTRY_FIXED + PATH_MAX + 8), of the file c just written with
 * stat data st; returns its length. */
static size_t make_entry(unsigned char *e, const struct change *c, const struct stat *st)
{
	size_t len = (ENTRY_FIXED + c->len + 8) & ~(size_t)7;
	uint16_t flags = (uint16_t)(c->len < NAME_MASK ? c->len : NAME_MASK);
	memset(e, 0, len);
	put_be32(e + 0, (uint32_t)st->st_ctim.tv_sec);
	put_be32(e + 4, (uint32_t)st->st_ctim.tv_nsec);
	put_be32(e + 8, (uint32_t)st->st_mtim.tv_sec);
	put_be32(e + 12, (uint32_t)st->st_mtim.tv_nsec);
	put_be32(e + 16, (uint32_t)st->st_dev);
	put_be32(e + 20, (uint32_t)st->st_ino);
	put_be32(e + 24, c->target_mode);
	put_be32(e + 28, (uint32_t)st->st_uid);
	put_be32(e + 32, (uint32_t)st->st_gid);
	put_be32(e + 36, (uint32_t)st->st_size);
	memcpy(e + 40, c->target.id, HASH_LEN);
	e[60] = (unsigned char)(flags >> 8);
	e[61] = (unsigned char)flags;
	memcpy(e + ENTRY_FIXED, c->path, c->len);
	return len;
}

/* Makes the folders above full (below its first root_len bytes). made holds the last file's
 * folder, whose folders exist already: consecutive sorted paths mostly share it. */
static int make_parents(char *full, size_t root_len, ct_buf *made)
{
	char *s, *last = strrchr(full + root_len, '/');
	size_t dlen = last ? (size_t)(last - full) : 0;
	if (!last || (made->len == dlen && !memcmp(made->ptr, full, dlen)))
		return 0;
	for (s = full + root_len; (s = strchr(s, '/')); s++) {
		*s = '\0';
		if (mkdir(full, 0777) < 0 && errno != EEXIST) {
			*s = '/';
			return -1;
		}
		*s = '/';
	}
	ct_buf_clear(made);
	ct_buf_put(made, full, dlen);
	return 0;
}

static void remove_empty_parents(char *full, size_t root_len)
{
	char *s;
	while ((s = strrchr(full + root_len, '/'))) {
		*s = '\0';
		if (rmdir(full) < 0)
			return;
	}
}

/* Writes the target blob of c to the working tree; st gets the file's stat data. */
static int write_file(git_repository *repo, const char *workdir, const struct change *c, ct_buf *made,
		      struct stat *st)
{
	char full[PATH_MAX];
	size_t root = strlen(workdir);
	git_blob *blob = NULL;
	const char *data;
	size_t len, done = 0;
	int fd, error = -1;
	snprintf(full, sizeof(full), "%s%s", workdir, c->path);
	if (git_blob_lookup(&blob, repo, &c->target) < 0)
		return -1;
	data = git_blob_rawcontent(blob);
	len = (size_t)git_blob_rawsize(blob);
	if (make_parents(full, root, made) < 0 || (c->base_mode && unlink(full) < 0 && errno != ENOENT)) {
		git_error_set_str(GIT_ERROR_OS, strerror(errno));
		goto done;
	}
	fd = open(full, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, c->target_mode == GIT_FILEMODE_BLOB_EXECUTABLE ? 0777 : 0666);
	if (fd < 0) {
		git_error_set_str(GIT_ERROR_OS, strerror(errno));
		goto done;
	}
	while (done < len) {
		ssize_t w = write(fd, data + done, len - done);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			break;
		done += (size_t)w;
	}
	if (done < len || fstat(fd, st) < 0) {
		git_error_set_str(GIT_ERROR_OS, strerror(errno ? errno : EIO));
		close(fd);
		goto done;
	}
	if (close(fd) < 0) {
		git_error_set_str(GIT_ERROR_OS, strerror(errno));
		goto done;
	}
	error = 0;
done:
	git_blob_free(blob);
	return error;
}

/* The output: written to index.lock and hashed as it goes. */
struct out {
	int fd;
	struct sha1_ctx sha;
	unsigned char buf[1 << 16];
	size_t n;
	int failed;
};

static void write_all(struct out *o, const unsigned char *p, size_t len)
{
	while (len && !o->failed) {
		ssize_t w = write(o->fd, p, len);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0) {
			o->failed = w < 0 ? errno : EIO;
			return;
		}
		p += w;
		len -= (size_t)w;
	}
}

static void out_flush(struct out *o)
{
	write_all(o, o->buf, o->n);
	o->n = 0;
}

/* Long runs of unchanged entries go to the kernel straight from the old file's pages. */
static void out_put(struct out *o, const void *data, size_t len)
{
	sha1_update(&o->sha, len, data);
	if (o->n + len > sizeof(o->buf))
		out_flush(o);
	if (len >= sizeof(o->buf)) {
		write_all(o, data, len);
		return;
	}
	memcpy(o->buf + o->n, data, len);
	o->n += len;
}

/* Is dir (a folder path, no final slash) above one of the sorted changes? */
static int above_change(const struct change *c, size_t n, const char *dir, size_t len)
{
	size_t lo = 0, hi = n;
	if (len == 0)
		return n > 0;
	while (lo < hi) {   /* first change not below "dir/" */
		size_t mid = lo + (hi - lo) / 2;
		int r = strncmp(c[mid].path, dir, len);
		if (r < 0 || (r == 0 && (unsigned char)c[mid].path[len] < '/'))
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < n && !strncmp(c[lo].path, dir, len) && c[lo].path[len] == '/';
}

/* Copies one cache-tree node and its subtrees into b (NULL: only parses), invalidating the nodes
 * above a change. Returns the bytes read, 0 on malformed input. */
static size_t tree_node(ct_buf *b, const unsigned char *p, size_t len, char *prefix, size_t plen,
			const struct change *c, size_t n, int depth)
{
	const unsigned char *nul = memchr(p, '\0', len), *q, *lf;
	long long count, subtrees, i;
	size_t used, nlen;
	char *end;
	char head[64];
	if (!nul || depth > 512)
		return 0;
	nlen = (size_t)(nul - p);
	q = nul + 1;
	lf = memchr(q, '\n', len - (size_t)(q - p));
	if (!lf || lf - q > 40)
		return 0;
	memcpy(head, q, (size_t)(lf - q));
	head[lf - q] = '\0';
	count = strtoll(head, &end, 10);
	if (end == head || *end != ' ')
		return 0;
	subtrees = strtoll(end + 1, &end, 10);
	if (*end || subtrees < 0 || count < -1)
		return 0;
	used = (size_t)(lf + 1 - p);
	if (count >= 0) {
		if (used + HASH_LEN > len)
			return 0;
		used += HASH_LEN;
	}
	if (nlen) {   /* this node's folder, below its parent's */
		if (plen + nlen + 2 > PATH_MAX)
			return 0;
		if (plen)
			prefix[plen++] = '/';
		memcpy(prefix + plen, p, nlen);
		plen += nlen;
	}
	if (b) {
		if (count >= 0 && above_change(c, n, prefix, plen)) {
			ct_buf_put(b, p, nlen + 1);
			ct_buf_printf(b, "-1 %lld\n", subtrees);
		} else {
			ct_buf_put(b, p, used);
		}
	}
	for (i = 0; i < subtrees; i++) {
		size_t k = used < len ? tree_node(b, p + used, len - used, prefix, plen, c, n, depth + 1) : 0;
		if (!k)
			return 0;
		used += k;
	}
	return used;
}

int ct_gitindex_checkout(git_repository *repo, const char *workdir, const char *gitdir, git_tree *base,
			 git_tree *target, char **paths, size_t n)
{
	struct change *c = NULL;
	char **sorted = NULL;
	struct index_map m = { NULL, 0, 0, 0, NULL, 0 };
	char index_path[PATH_MAX], lock_path[PATH_MAX], full[PATH_MAX];
	struct stat st;
	size_t i, adds = 0, removes = 0, live = 0;
	int fd = -1, lock_fd = -1, result = CT_GITINDEX_FALLBACK, locked = 0;
	void *map = MAP_FAILED;
	ct_buf made;

	if (!workdir || n == 0 || n > CT_GITINDEX_MAX_PATHS)
		return CT_GITINDEX_FALLBACK;
	ct_buf_init(&made);
	/* the paths in index order (sorting pointers: qsort's merge buffer stays small) */
	if (!(sorted = malloc(n * sizeof(*sorted))) || !(c = calloc(n, sizeof(*c))))
		goto done;
	memcpy(sorted, paths, n * sizeof(*sorted));
	qsort(sorted, n, sizeof(*sorted), path_cmp);
	for (i = 0; i < n; i++) {
		size_t len = strlen(sorted[i]);
		c[i].path = sorted[i];
		c[i].len = (uint32_t)len;
		if (len == 0 || len >= PATH_MAX - strlen(workdir) - 1 || sorted[i][0] == '/' ||
		    (i && !strcmp(sorted[i - 1], sorted[i])) ||
		    tree_mode(base, sorted[i], &c[i].base, &c[i].base_mode) < 0 ||
		    tree_mode(target, sorted[i], &c[i].target, &c[i].target_mode) < 0)
			goto done;
	}
	free(sorted);
	sorted = NULL;
	if (attributes_possible(repo, workdir, gitdir, target, c, n))
		goto done;

	snprintf(index_path, sizeof(index_path), "%sindex", gitdir);
	snprintf(lock_path, sizeof(lock_path), "%sindex.lock", gitdir);
	lock_fd = open(lock_path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
	if (lock_fd < 0)
		goto done;   /* someone is writing the index: libgit2 reports it as git would */
	locked = 1;
	if ((fd = open(index_path, O_RDONLY | O_CLOEXEC)) < 0 || fstat(fd, &st) < 0 || st.st_size < 32)
		goto done;
	m.size = (size_t)st.st_size;
	map = mmap(NULL, m.size, PROT_READ, MAP_PRIVATE, fd, 0);
	if (map == MAP_FAILED)
		goto done;
	m.p = map;
	if (map_entries(&m) < 0 || fchmod(lock_fd, st.st_mode & 0777) < 0)
		goto done;   /* the new index keeps the old one's permissions (shared repositories) */

	/* Everything is checked before anything is written. */
	for (i = 0; i < n; i++) {
		struct change *ch = &c[i];
		const char *s;
		ch->at = (uint32_t)lower_bound(&m, ch->path, ch->len);
		ch->found = entry_is(&m, ch->at, ch->path, ch->len);
		if (ch->found && (entry_flags(&m, ch->at) & (FLAG_STAGE | FLAG_EXTENDED | 0x8000)))
			goto done;   /* a conflict, skip-worktree, intent-to-add or assume-valid entry */
		if (ch->found && ch->at + 1 < m.count && entry_is(&m, ch->at + 1, ch->path, ch->len))
			goto done;   /* conflict stages */
		snprintf(full, sizeof(full), "%s%s", workdir, ch->path);
		if (unchanged(ch))
			continue;   /* checkout leaves it alone */
		live++;
		if (ch->base_mode) {
			const unsigned char *e;
			if (!ch->found)
				goto done;   /* removed from the index by hand */
			e = m.p + m.off[ch->at];
			if (memcmp(e + 40, ch->base.id, HASH_LEN) || be32(e + 24) != ch->base_mode ||
			    !worktree_clean(e, full, &ch->base))
				goto done;   /* staged or local changes: libgit2 names the conflict */
		} else {
			if (ch->found || lstat(full, &st) == 0 || errno != ENOENT)
				goto done;   /* something is already there */
		}
		if (ch->target_mode) {
			/* no file entry where a folder of the path must go, no entries below the path */
			for (s = strchr(ch->path, '/'); s; s = strchr(s + 1, '/'))
				if (entry_is(&m, lower_bound(&m, ch->path, (size_t)(s - ch->path)), ch->path, (size_t)(s - ch->path)))
					goto done;
			{   /* the first entry not below "path/" must not start with it */
				char below[PATH_MAX];
				size_t k, elen;
				const char *e;
				memcpy(below, ch->path, ch->len);
				below[ch->len] = '/';
				k = lower_bound(&m, below, ch->len + 1);
				e = k < m.count ? entry_name(&m, (uint32_t)k, &elen) : NULL;
				if (e && elen > ch->len && !memcmp(e, below, ch->len + 1))
					goto done;
			}
		}
		if (!ch->base_mode)
			adds++;
		else if (!ch->target_mode)
			removes++;
	}
	if (live == 0) {
		result = 0;
		goto done;
	}
	{   /* the extensions we will copy must parse */
		size_t pos = m.off[m.count];
		while (pos < m.ext_end) {
			uint32_t len = be32(m.p + pos + 4);
			char prefix[PATH_MAX];
			if (!memcmp(m.p + pos, "TREE", 4) && tree_node(NULL, m.p + pos + 8, len, prefix, 0, c, n, 0) != len)
				goto done;
			pos += 8 + len;
		}
	}

	/* The working tree and the new index together, in path order: the old index's bytes with
	 * each changed file's entry spliced in as soon as the file is written. From here on a failure
	 * is an error, not a fallback (the lock file is dropped, the index stays as it was). */
	result = -1;
	{
		struct out *o = malloc(sizeof(*o));
		unsigned char head[12], sum[HASH_LEN], entry[ENTRY_FIXED + PATH_MAX + 8];
		size_t from = 0, pos;   /* next old entry to copy */
		if (!o) {
			git_error_set_str(GIT_ERROR_NOMEMORY, "out of memory");
			goto done;
		}
		o->fd = lock_fd;
		o->n = 0;
		o->failed = 0;
		sha1_init(&o->sha);
		memcpy(head, m.p, 8);
		put_be32(head + 8, (uint32_t)(m.count + adds - removes));
		out_put(o, head, 12);
		for (i = 0; i < n; i++) {
			struct change *ch = &c[i];
			if (unchanged(ch))
				continue;
			if (ct_buf_oom(&made) < 0) {
				git_error_set_str(GIT_ERROR_NOMEMORY, "out of memory");
				free(o);
				goto done;
			}
			out_put(o, m.p + m.off[from], m.off[ch->at] - m.off[from]);
			from = ch->at;
			if (ch->target_mode) {
				if (write_file(repo, workdir, ch, &made, &st) < 0) {
					free(o);
					goto done;
				}
				out_put(o, entry, make_entry(entry, ch, &st));
			} else {
				snprintf(full, sizeof(full), "%s%s", workdir, ch->path);
				if (unlink(full) < 0 && errno != ENOENT) {
					git_error_set_str(GIT_ERROR_OS, strerror(errno));
					free(o);
					goto done;
				}
				remove_empty_parents(full, strlen(workdir));
				ct_buf_clear(&made);   /* its folder may be gone */
			}
			if (ch->found)
				from++;   /* the old entry is replaced or removed */
		}
		out_put(o, m.p + m.off[from], m.off[m.count] - m.off[from]);
		for (pos = m.off[m.count]; pos < m.ext_end;) {
			uint32_t len = be32(m.p + pos + 4);
			const unsigned char *sig = m.p + pos;
			if (!memcmp(sig, "TREE", 4)) {
				ct_buf tb;
				char prefix[PATH_MAX];
				unsigned char eh[8];
				ct_buf_init(&tb);
				tree_node(&tb, sig + 8, len, prefix, 0, c, n, 0);
				if (ct_buf_oom(&tb) < 0) {
					ct_buf_release(&tb);
					free(o);
					git_error_set_str(GIT_ERROR_NOMEMORY, "out of memory");
					goto done;
				}
				memcpy(eh, "TREE", 4);
				put_be32(eh + 4, (uint32_t)tb.len);
				out_put(o, eh, 8);
				out_put(o, tb.ptr, tb.len);
				ct_buf_release(&tb);
			} else if (!memcmp(sig, "REUC", 4)) {
				out_put(o, sig, 8 + (size_t)len);
			}
			/* others (untracked cache, fsmonitor, offset tables) are optional and describe the
			 * old file: dropped, git rebuilds them when it wants them */
			pos += 8 + len;
		}
		out_flush(o);
		sha1_digest(&o->sha, HASH_LEN, sum);
		if (!o->failed) {
			ssize_t w = write(lock_fd, sum, HASH_LEN);
			if (w != HASH_LEN)
				o->failed = errno ? errno : EIO;
		}
		if (o->failed) {
			git_error_set_str(GIT_ERROR_OS, strerror(o->failed));
			free(o);
			goto done;
		}
		free(o);
	}
	if (close(lock_fd) < 0) {
		lock_fd = -1;
		git_error_set_str(GIT_ERROR_OS, strerror(errno));
		goto done;
	}
	lock_fd = -1;
	if (rename(lock_path, index_path) < 0) {
		git_error_set_str(GIT_ERROR_OS, strerror(errno));
		goto done;
	}
	locked = 0;
	result = 0;
done:
	if (lock_fd >= 0)
		close(lock_fd);
	if (locked)
		unlink(lock_path);
	if (map != MAP_FAILED)
		munmap(map, m.size);
	if (fd >= 0)
		close(fd);
	free(m.off);
	free(c);
	free(sorted);
	ct_buf_release(&made);
	return result;
}
