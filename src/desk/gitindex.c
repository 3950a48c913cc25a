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
#include "desk/packread.h"
#include "util/err.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <nettle/sha1.h>

#include "desk/ewah.h"
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
	size_t link_at;    /* a split index: where its "link" extension's data begins (else 0) */
	uint32_t link_len;
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

/* The length of the index entry at pos, entries ending before end; 0 when it is malformed. */
static size_t entry_size(const unsigned char *p, size_t pos, size_t end, uint32_t version)
{
	const unsigned char *e = p + pos;
	uint16_t flags;
	size_t head, namelen, len;
	if (pos > end || end - pos < ENTRY_FIXED)
		return 0;
	flags = (uint16_t)(e[60] << 8 | e[61]);
	if ((flags & FLAG_EXTENDED) && version < 3)
		return 0;
	head = ENTRY_FIXED + ((flags & FLAG_EXTENDED) ? 2 : 0);
	if (pos + head >= end)
		return 0;
	if ((flags & NAME_MASK) < NAME_MASK) {
		namelen = flags & NAME_MASK;
		if (pos + head + namelen >= end || e[head + namelen] != '\0')
			return 0;
	} else {
		const unsigned char *nul = memchr(e + head, '\0', end - pos - head);
		if (!nul)
			return 0;
		namelen = (size_t)(nul - (e + head));
	}
	len = (head + namelen + 8) & ~(size_t)7;
	return pos + len > end ? 0 : len;
}

/* The name of the entry at off (of size esize, checked by entry_size). */
static const char *name_at(const unsigned char *p, size_t off, size_t esize, size_t *len)
{
	const unsigned char *e = p + off;
	size_t head = ENTRY_FIXED + ((e[60] << 8 & FLAG_EXTENDED) ? 2 : 0);
	*len = strnlen((const char *)e + head, esize - head);
	return (const char *)e + head;
}

/* git's order of index names: bytes, then the shorter first. */
static int name_cmp(const char *a, size_t alen, const char *b, size_t blen)
{
	int c = memcmp(a, b, alen < blen ? alen : blen);
	return c ? c : alen < blen ? -1 : alen > blen;
}

/* Locates every entry and extension; 0 when the file is an index this code may rewrite. A split
 * index's "link" extension is the one mandatory extension allowed (m->link_at, m->link_len). */
static int map_entries(struct index_map *m)
{
	size_t pos = 12;
	uint32_t i;
	m->link_at = 0;
	m->link_len = 0;
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
		size_t len = entry_size(m->p, pos, m->size - HASH_LEN, m->version);
		if (!len)
			return -1;
		m->off[i] = (uint32_t)pos;
		pos += len;
	}
	m->off[m->count] = (uint32_t)pos;
	m->ext_end = m->size - HASH_LEN;
	/* Extensions: a lower-case signature is one a reader must understand (split index "link",
	 * sparse directories "sdir"): only "link" is read here, the others go to libgit2. */
	while (pos < m->ext_end) {
		uint32_t len;
		if (pos + 8 > m->ext_end)
			return -1;
		len = be32(m->p + pos + 4);
		if (len > m->ext_end - pos - 8)
			return -1;
		if (!memcmp(m->p + pos, "link", 4) && !m->link_at) {
			m->link_at = pos + 8;
			m->link_len = len;
		} else if (m->p[pos] < 'A' || m->p[pos] > 'Z') {
			return -1;
		}
		pos += 8 + len;
	}
	return 0;
}

/* The first entry whose name is not below name (stage 0 comes first among equal names). */
static size_t lower_bound_in(const struct index_map *m, size_t lo, size_t hi, const char *name, size_t len)
{
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

static size_t lower_bound(const struct index_map *m, const char *name, size_t len)
{
	return lower_bound_in(m, 0, m->count, name, len);
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

/* The stat data an index entry records of a file (git's "cached stat data", 32 bits each). */
struct entry_stat {
	uint32_t ctime_s, ctime_ns, mtime_s, mtime_ns, dev, ino, uid, gid, size;
};

static void entry_stat_of(struct entry_stat *es, const struct stat *st)
{
	es->ctime_s = (uint32_t)st->st_ctim.tv_sec;
	es->ctime_ns = (uint32_t)st->st_ctim.tv_nsec;
	es->mtime_s = (uint32_t)st->st_mtim.tv_sec;
	es->mtime_ns = (uint32_t)st->st_mtim.tv_nsec;
	es->dev = (uint32_t)st->st_dev;
	es->ino = (uint32_t)st->st_ino;
	es->uid = (uint32_t)st->st_uid;
	es->gid = (uint32_t)st->st_gid;
	es->size = (uint32_t)st->st_size;
}

/* The index entry, into e (room for ENTRY_FIXED + PATH_MAX + 8), of the file c just written with
 * stat data es; returns its length. With strip the name is left out (a split index's replacement
 * entry, which takes the name of the shared entry it replaces). */
static size_t make_entry(unsigned char *e, const struct change *c, const struct entry_stat *es, int strip)
{
	size_t nlen = strip ? 0 : c->len;
	size_t len = (ENTRY_FIXED + nlen + 8) & ~(size_t)7;
	uint16_t flags = (uint16_t)(nlen < NAME_MASK ? nlen : NAME_MASK);
	memset(e, 0, len);
	put_be32(e + 0, es->ctime_s);
	put_be32(e + 4, es->ctime_ns);
	put_be32(e + 8, es->mtime_s);
	put_be32(e + 12, es->mtime_ns);
	put_be32(e + 16, es->dev);
	put_be32(e + 20, es->ino);
	put_be32(e + 24, c->target_mode);
	put_be32(e + 28, es->uid);
	put_be32(e + 32, es->gid);
	put_be32(e + 36, es->size);
	memcpy(e + 40, c->target.id, HASH_LEN);
	e[60] = (unsigned char)(flags >> 8);
	e[61] = (unsigned char)flags;
	memcpy(e + ENTRY_FIXED, c->path, nlen);
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

/* Where write_file reads blobs: the packs straight (pc, when set: see desk/packread.h), else, and
 * for what pc does not serve, libgit2's odb. data is pc's buffer. */
struct blob_src {
	git_odb *odb;
	ct_pack_cursor *pc;
	ct_buf data;
};

/* Writes the target blob of c to the working tree; es gets the file's stat data. */
static int write_file(struct blob_src *src, const char *workdir, const struct change *c, ct_buf *made,
		      struct entry_stat *es)
{
	char full[PATH_MAX];
	size_t root = strlen(workdir);
	git_odb_object *blob = NULL;
	struct stat st;
	const char *data;
	size_t len, done = 0;
	int fd, error = -1, r = CT_ENOTFOUND;
	snprintf(full, sizeof(full), "%s%s", workdir, c->path);
	if (src->pc) {
		ct_buf_clear(&src->data);
		r = ct_pack_cursor_read_blob(src->pc, c->target.id, &src->data);
		if (r < 0 && r != CT_ENOTFOUND) {
			git_error_set_str(GIT_ERROR_NOMEMORY, "out of memory");
			return -1;
		}
	}
	if (r == 0) {
		data = src->data.ptr;
		len = src->data.len;
	} else {
		if (git_odb_read(&blob, src->odb, &c->target) < 0)
			return -1;
		if (git_odb_object_type(blob) != GIT_OBJECT_BLOB) {
			git_error_set_str(GIT_ERROR_INVALID, "the object of a file is not a blob");
			goto done;
		}
		data = git_odb_object_data(blob);
		len = git_odb_object_size(blob);
	}
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
	if (done < len || fstat(fd, &st) < 0) {
		git_error_set_str(GIT_ERROR_OS, strerror(errno ? errno : EIO));
		close(fd);
		goto done;
	}
	if (close(fd) < 0) {
		git_error_set_str(GIT_ERROR_OS, strerror(errno));
		goto done;
	}
	entry_stat_of(es, &st);
	error = 0;
done:
	git_odb_object_free(blob);
	return error;
}

/* A bulk checkout writes its files with two threads, each a contiguous half of the sorted paths
 * (one folder after another), before the index is written in order from their stat data: the
 * file creation (most of it in the kernel: inode allocation, directory entries) runs beside the
 * other half's instead of one file at a time. Below AHEAD_MIN files one thread writes them as the
 * index is written. */
#define AHEAD_MIN 4096

struct ahead {
	const char *workdir, *gitdir;
	const ct_pack_reader *packs;   /* NULL: every blob through libgit2 */
	struct change *c;
	struct entry_stat *es;   /* one per change, filled for the files written */
	size_t from, to;
	int error;
	char msg[256];           /* libgit2's message of the failure (its errors are per thread) */
};

/* Writes the files of c[from..to) with an object database of its own (libgit2 objects are not
 * shared between threads). */
static void *ahead_main(void *arg)
{
	struct ahead *a = arg;
	struct blob_src src = { NULL, NULL, CT_BUF_INIT };
	char objects[PATH_MAX];
	ct_buf made;
	size_t i;
	ct_buf_init(&made);
	snprintf(objects, sizeof(objects), "%sobjects", a->gitdir);
	a->error = git_odb_open(&src.odb, objects);
	if (!a->error && a->packs && ct_pack_cursor_new(&src.pc, a->packs) < 0)
		src.pc = NULL;   /* without a cursor: libgit2 reads them all */
	for (i = a->from; !a->error && i < a->to; i++) {
		if (unchanged(&a->c[i]) || !a->c[i].target_mode)
			continue;
		if (ct_buf_oom(&made) < 0) {
			git_error_set_str(GIT_ERROR_NOMEMORY, "out of memory");
			a->error = -1;
		} else {
			a->error = write_file(&src, a->workdir, &a->c[i], &made, &a->es[i]);
		}
	}
	if (a->error) {
		const git_error *e = git_error_last();
		snprintf(a->msg, sizeof(a->msg), "%s", e && e->message ? e->message : "cannot write the working tree");
	}
	ct_pack_cursor_free(src.pc);
	ct_buf_release(&src.data);
	git_odb_free(src.odb);
	ct_buf_release(&made);
	return NULL;
}

/* Writes every file of c[0..n) (no removals among them) with two threads; es[i] gets the stat
 * data of c[i]'s file. 0, or -1 with libgit2's error set (some files may be written). */
static int write_ahead(git_odb *odb, const char *workdir, const char *gitdir, struct change *c, size_t n,
		       struct entry_stat *es)
{
	struct ahead a;
	struct blob_src src = { odb, NULL, CT_BUF_INIT };
	ct_pack_reader *packs = NULL;
	char objects[PATH_MAX];
	pthread_t tid;
	ct_buf made;
	size_t i, mid = n / 2;
	int error = 0;

	/* the blobs straight from the packs a bulk add has just written (packread.h); without the
	 * reader (no memory to map them) libgit2 reads them */
	snprintf(objects, sizeof(objects), "%sobjects", gitdir);
	if (ct_pack_reader_open(&packs, objects) < 0)
		packs = NULL;
	if (packs && ct_pack_cursor_new(&src.pc, packs) < 0)
		src.pc = NULL;
	memset(&a, 0, sizeof(a));
	a.workdir = workdir;
	a.gitdir = gitdir;
	a.packs = packs;
	a.c = c;
	a.es = es;
	a.from = mid;
	a.to = n;
	if (pthread_create(&tid, NULL, ahead_main, &a) != 0)
		mid = n;   /* no thread: this one writes them all */
	ct_buf_init(&made);
	for (i = 0; !error && i < mid; i++) {
		if (unchanged(&c[i]) || !c[i].target_mode)
			continue;
		if (ct_buf_oom(&made) < 0) {
			git_error_set_str(GIT_ERROR_NOMEMORY, "out of memory");
			error = -1;
		} else {
			error = write_file(&src, workdir, &c[i], &made, &es[i]);
		}
	}
	ct_buf_release(&made);
	if (mid < n) {
		pthread_join(tid, NULL);
		if (!error && a.error) {
			git_error_set_str(GIT_ERROR_OS, a.msg);
			error = -1;
		}
	}
	ct_pack_cursor_free(src.pc);
	ct_buf_release(&src.data);
	ct_pack_reader_free(packs);
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

/* ---- The split index (git's core.splitIndex, Documentation/technical/split-index.txt) ----
 *
 * .git/index may hold only the entries changed since a "shared" index, $GIT_DIR/sharedindex.<sha>
 * (a plain index named after its own trailer), which it names in its "link" extension with two
 * EWAH bitmaps over the shared entries: those deleted, and those replaced by this file's first
 * entries (stored without their names, in order). The file's other entries are additions. A
 * one-file commit then rewrites a few KB instead of the whole index. The shared file never
 * changes; to find an entry in it without reading all of it, its entry offsets are sampled once
 * into .git/claimtrack/sharedindex.<sha>.offsets (rebuilt whenever missing or inconsistent). */

#define SAMPLE_STRIDE 64
#define CT_GITINDEX_RESPLIT 2

struct shared_index {
	const unsigned char *p;
	size_t size;
	uint32_t version, count;
	uint32_t *sample;   /* the offset of entry k * SAMPLE_STRIDE */
	size_t nsample;
	void *map;
};

struct split_view {
	struct shared_index sh;
	unsigned char id[HASH_LEN];
	uint32_t *del, *rep;   /* sorted shared positions; main entry k replaces shared entry rep[k] */
	size_t ndel, nrep;     /* main entries from nrep on are additions */
};

static void hex_of(char out[2 * HASH_LEN + 1], const unsigned char *id)
{
	static const char digits[] = "0123456789abcdef";
	int i;
	for (i = 0; i < HASH_LEN; i++) {
		out[2 * i] = digits[id[i] >> 4];
		out[2 * i + 1] = digits[id[i] & 15];
	}
	out[2 * HASH_LEN] = '\0';
}

static void offsets_path(char out[PATH_MAX], const char *gitdir, const char *hex)
{
	snprintf(out, PATH_MAX, "%sclaimtrack/sharedindex.%s.offsets", gitdir, hex);
}

/* Removes a shared index .git/index no longer names, and its offsets. Called with index.lock held,
 * which git's own commits (whose temporary indexes may name it) hold too while they run. */
static void drop_shared(const char *gitdir, const unsigned char *id)
{
	char hex[2 * HASH_LEN + 1], path[PATH_MAX];
	hex_of(hex, id);
	snprintf(path, sizeof(path), "%ssharedindex.%s", gitdir, hex);
	unlink(path);
	offsets_path(path, gitdir, hex);
	unlink(path);
}

static void shared_close(struct shared_index *s)
{
	if (s->map)
		munmap(s->map, s->size);
	free(s->sample);
	memset(s, 0, sizeof(*s));
}

/* The samples from the side file, when it is there and agrees with the shared index. */
static int samples_load(struct shared_index *s, const char *path)
{
	ct_buf b = CT_BUF_INIT;
	const unsigned char *q;
	size_t i, want = ((size_t)s->count + SAMPLE_STRIDE - 1) / SAMPLE_STRIDE;
	int ok = 0;
	if (ct_buf_read_file(&b, path) < 0)
		goto done;
	q = (const unsigned char *)b.ptr;
	if (b.len != 20 + 4 * want || memcmp(q, "CTSO", 4) || be32(q + 4) != SAMPLE_STRIDE ||
	    be32(q + 8) != s->count || be32(q + 12) != (uint32_t)s->size || be32(q + 16) != want)
		goto done;
	if (!(s->sample = malloc((want ? want : 1) * sizeof(*s->sample))))
		goto done;
	for (i = 0; i < want; i++) {
		uint32_t off = be32(q + 20 + 4 * i);
		if (off < 12 || off >= s->size - HASH_LEN || (i && off <= s->sample[i - 1]) || (i == 0 && off != 12))
			goto done;
		s->sample[i] = off;
	}
	s->nsample = want;
	ok = 1;
done:
	if (!ok) {
		free(s->sample);
		s->sample = NULL;
	}
	ct_buf_release(&b);
	return ok ? 0 : -1;
}

/* Walks every entry once (the shared file must be an index of entries and optional extensions)
 * and keeps the samples, saving them for the next command. */
static int samples_build(struct shared_index *s, const char *path)
{
	size_t pos = 12, want = ((size_t)s->count + SAMPLE_STRIDE - 1) / SAMPLE_STRIDE, i;
	uint32_t k;
	ct_buf b = CT_BUF_INIT;
	char tmp[PATH_MAX];
	int fd;
	if (!(s->sample = malloc((want ? want : 1) * sizeof(*s->sample))))
		return -1;
	for (k = 0; k < s->count; k++) {
		size_t len = entry_size(s->p, pos, s->size - HASH_LEN, s->version);
		if (!len)
			return -1;
		if (k % SAMPLE_STRIDE == 0)
			s->sample[k / SAMPLE_STRIDE] = (uint32_t)pos;
		pos += len;
	}
	while (pos < s->size - HASH_LEN) {   /* git writes none; optional ones are fine */
		uint32_t len;
		if (pos + 8 > s->size - HASH_LEN || s->p[pos] < 'A' || s->p[pos] > 'Z')
			return -1;
		len = be32(s->p + pos + 4);
		if (len > s->size - HASH_LEN - pos - 8)
			return -1;
		pos += 8 + len;
	}
	s->nsample = want;
	ct_buf_put(&b, "CTSO", 4);
	for (i = 0; i < 4 + want; i++) {
		uint32_t v = i == 0 ? SAMPLE_STRIDE : i == 1 ? s->count : i == 2 ? (uint32_t)s->size : i == 3 ? (uint32_t)want
												     : s->sample[i - 4];
		unsigned char q[4];
		put_be32(q, v);
		ct_buf_put(&b, q, 4);
	}
	/* a cache: when it cannot be written, the next command walks again */
	if ((size_t)snprintf(tmp, sizeof(tmp), "%s.%ld.tmp", path, (long)getpid()) >= sizeof(tmp))
		ct_buf_release(&b);   /* no room for the name: not cached */
	if (!ct_buf_oom(&b) && b.len && (fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666)) >= 0) {
		ssize_t w = write(fd, b.ptr, b.len);
		if (close(fd) == 0 && w == (ssize_t)b.len && rename(tmp, path) == 0)
			tmp[0] = '\0';
		if (tmp[0])
			unlink(tmp);
	}
	ct_buf_release(&b);
	return 0;
}

/* Maps gitdir's sharedindex.<id>. Returns 0, or -1 with libgit2's error set (a missing file is
 * named, with the way out). With samples, the entry offsets are sampled too. */
static int shared_open(struct shared_index *s, const char *gitdir, const unsigned char *id, int samples)
{
	char hex[2 * HASH_LEN + 1], path[PATH_MAX];
	struct stat st;
	int fd;
	memset(s, 0, sizeof(*s));
	hex_of(hex, id);
	snprintf(path, sizeof(path), "%ssharedindex.%s", gitdir, hex);
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0) {
		if (errno == ENOENT)
			git_error_set(GIT_ERROR_INVALID, "the git index is split and its shared part '%s' is missing; "
				      "nothing was changed in it; rebuild it from HEAD with 'rm %sindex && git reset' "
				      "(changes staged by hand are lost)", path, gitdir);
		else
			git_error_set(GIT_ERROR_OS, "cannot open '%s': %s", path, strerror(errno));
		return -1;
	}
	if (fstat(fd, &st) < 0 || st.st_size < 12 + HASH_LEN || (uint64_t)st.st_size > UINT32_MAX) {
		close(fd);
		git_error_set(GIT_ERROR_INDEX, "the shared index '%s' is not an index", path);
		return -1;
	}
	s->size = (size_t)st.st_size;
	s->map = mmap(NULL, s->size, PROT_READ, MAP_PRIVATE, fd, 0);
	close(fd);
	if (s->map == MAP_FAILED) {
		s->map = NULL;
		git_error_set(GIT_ERROR_OS, "cannot map '%s': %s", path, strerror(errno));
		return -1;
	}
	s->p = s->map;
	s->version = be32(s->p + 4);
	s->count = be32(s->p + 8);
	if (memcmp(s->p, "DIRC", 4) || (s->version != 2 && s->version != 3) || s->count > (s->size - 12) / ENTRY_FIXED ||
	    memcmp(s->p + s->size - HASH_LEN, id, HASH_LEN)) {
		git_error_set(GIT_ERROR_INDEX, "the shared index '%s' is not an index this version reads", path);
		shared_close(s);
		return -1;
	}
	if (samples) {
		offsets_path(path, gitdir, hex);
		if (samples_load(s, path) < 0 && samples_build(s, path) < 0) {
			git_error_set(GIT_ERROR_INDEX, "the shared index '%ssharedindex.%s' is corrupt", gitdir, hex);
			shared_close(s);
			return -1;
		}
	}
	return 0;
}

/* The first shared entry whose name is not below name: *pos (count when none) and *off. -1 when
 * the file disagrees with its samples. */
static int shared_seek(const struct shared_index *s, const char *name, size_t len, uint32_t *pos, size_t *off)
{
	size_t lo = 0, hi = s->nsample, end = s->size - HASH_LEN, k, o;
	uint32_t p;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2, esize = entry_size(s->p, s->sample[mid], end, s->version), elen;
		const char *e;
		if (!esize)
			return -1;
		e = name_at(s->p, s->sample[mid], esize, &elen);
		if (name_cmp(e, elen, name, len) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	k = lo ? lo - 1 : 0;
	p = (uint32_t)(k * SAMPLE_STRIDE);
	o = s->nsample ? s->sample[k] : 12;
	for (; p < s->count; p++) {
		size_t esize = entry_size(s->p, o, end, s->version), elen;
		const char *e;
		if (!esize || (p % SAMPLE_STRIDE == 0 && o != s->sample[p / SAMPLE_STRIDE]))
			return -1;
		e = name_at(s->p, o, esize, &elen);
		if (name_cmp(e, elen, name, len) >= 0)
			break;
		o += esize;
	}
	*pos = p;
	*off = o;
	return 0;
}

static int in_sorted(const uint32_t *v, size_t n, uint32_t x, size_t *at)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (v[mid] < x)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (at)
		*at = lo;
	return lo < n && v[lo] == x;
}

static void view_free(struct split_view *v)
{
	shared_close(&v->sh);
	free(v->del);
	free(v->rep);
	memset(v, 0, sizeof(*v));
}

/* Reads the link extension of m and opens its shared index. -1 with libgit2's error set when
 * the index cannot be read at all; CT_GITINDEX_FALLBACK when it holds what this code leaves to
 * git (conflicts, flags, names where there should be none). */
static int view_open(struct split_view *v, const struct index_map *m, const char *gitdir, int samples)
{
	const unsigned char *d = m->p + m->link_at;
	size_t used = 0, u2 = 0, i, j;
	memset(v, 0, sizeof(*v));
	if (m->link_len < HASH_LEN) {
		git_error_set(GIT_ERROR_INDEX, "corrupt link extension in the git index");
		return -1;
	}
	memcpy(v->id, d, HASH_LEN);
	if (shared_open(&v->sh, gitdir, v->id, samples) < 0)
		return -1;
	if (m->link_len > HASH_LEN &&
	    (ct_ewah_read(&v->del, &v->ndel, &used, d + HASH_LEN, m->link_len - HASH_LEN, v->sh.count) < 0 ||
	     ct_ewah_read(&v->rep, &v->nrep, &u2, d + HASH_LEN + used, m->link_len - HASH_LEN - used, v->sh.count) < 0 ||
	     HASH_LEN + used + u2 != m->link_len)) {
		git_error_set(GIT_ERROR_INDEX, "corrupt link extension in the git index");
		view_free(v);
		return -1;
	}
	if (v->nrep > m->count) {
		git_error_set(GIT_ERROR_INDEX, "corrupt link extension in the git index (%zu replacements)", v->nrep);
		view_free(v);
		return -1;
	}
	for (i = 0, j = 0; i < v->ndel && j < v->nrep;) {   /* both replaced and deleted: git refuses it */
		if (v->del[i] == v->rep[j]) {
			git_error_set(GIT_ERROR_INDEX, "corrupt link extension in the git index (entry both replaced and deleted)");
			view_free(v);
			return -1;
		}
		if (v->del[i] < v->rep[j])
			i++;
		else
			j++;
	}
	for (i = 0; i < m->count; i++) {
		size_t len;
		const char *name = entry_name(m, (uint32_t)i, &len);
		if (i < v->nrep ? len != 0 : len == 0) {
			git_error_set(GIT_ERROR_INDEX, "corrupt split git index (entry %zu)", i);
			view_free(v);
			return -1;
		}
		if (entry_flags(m, i) & (FLAG_STAGE | FLAG_EXTENDED | 0x8000)) {
			view_free(v);
			return CT_GITINDEX_FALLBACK;
		}
		if (i > v->nrep) {
			size_t plen;
			const char *prev = entry_name(m, (uint32_t)i - 1, &plen);
			if (name_cmp(prev, plen, name, len) >= 0) {
				view_free(v);   /* additions out of order: git sorts them, we do not */
				return CT_GITINDEX_FALLBACK;
			}
		}
	}
	return 0;
}

/* Where name's live stage-0 entry is: 1 an addition (main entry *at), 2 the shared index (entry
 * *at, at offset *off), 0 none; -1 when the shared file disagrees with its samples. *e gets the
 * entry's fixed part (for a replaced shared entry, its replacement's). */
static int view_find(const struct index_map *m, const struct split_view *v, const char *name, size_t len,
		     uint32_t *at, size_t *off, const unsigned char **e)
{
	size_t k = lower_bound_in(m, v->nrep, m->count, name, len), r, esize, elen;
	uint32_t pos;
	const char *en;
	if (entry_is(m, k, name, len)) {
		*at = (uint32_t)k;
		*e = m->p + m->off[k];
		return 1;
	}
	if (shared_seek(&v->sh, name, len, &pos, off) < 0)
		return -1;
	if (pos >= v->sh.count || in_sorted(v->del, v->ndel, pos, NULL))
		return 0;
	esize = entry_size(v->sh.p, *off, v->sh.size - HASH_LEN, v->sh.version);
	en = name_at(v->sh.p, *off, esize, &elen);
	if (elen != len || memcmp(en, name, len))
		return 0;
	*at = pos;
	*e = in_sorted(v->rep, v->nrep, pos, &r) ? m->p + m->off[r] : v->sh.p + *off;
	return 2;
}

/* Some live entry has a name starting with dir (which ends with '/'). */
static int view_has_below(const struct index_map *m, const struct split_view *v, const char *dir, size_t len)
{
	size_t k = lower_bound_in(m, v->nrep, m->count, dir, len), elen, off;
	uint32_t pos;
	const char *e;
	if (k < m->count) {
		e = entry_name(m, (uint32_t)k, &elen);
		if (elen >= len && !memcmp(e, dir, len))
			return 1;
	}
	if (shared_seek(&v->sh, dir, len, &pos, &off) < 0)
		return -1;
	for (; pos < v->sh.count; pos++) {
		size_t esize = entry_size(v->sh.p, off, v->sh.size - HASH_LEN, v->sh.version);
		if (!esize)
			return -1;
		e = name_at(v->sh.p, off, esize, &elen);
		if (elen < len || memcmp(e, dir, len))
			return 0;
		if (!in_sorted(v->del, v->ndel, pos, NULL))
			return 1;
		off += esize;
	}
	return 0;
}

/* One entry of the new split index's main file. */
struct slot {
	uint32_t pos;              /* replacements: the shared position */
	const char *name;          /* additions: the name */
	size_t nlen;
	const unsigned char *e;    /* the entry's bytes */
	size_t len;
	int gone;
};

static int slot_by_pos(const void *a, const void *b)
{
	const struct slot *x = a, *y = b;
	return x->pos < y->pos ? -1 : x->pos > y->pos;
}

static int slot_by_name(const void *a, const void *b)
{
	const struct slot *x = a, *y = b;
	return name_cmp(x->name, x->nlen, y->name, y->nlen);
}

static int u32_cmp(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
	return x < y ? -1 : x > y;
}

/* splitIndex.maxPercentChange (git's default 20), and core.splitIndex: 1 true, 0 false, -1 unset. */
static void split_config(git_repository *repo, int *split, int *max_percent)
{
	git_config *cfg = NULL;
	int b, v;
	*split = -1;
	*max_percent = 20;
	if (git_repository_config_snapshot(&cfg, repo) < 0)
		return;
	if (git_config_get_bool(&b, cfg, "core.splitIndex") == 0)
		*split = b;
	if (git_config_get_int32(&v, cfg, "splitIndex.maxPercentChange") == 0 && v >= 0 && v <= 100)
		*max_percent = v;
	git_config_free(cfg);
}

/* An index this large (entries) is split when written, unless core.splitIndex is false
 * (CLAIMTRACK_SPLIT_INDEX_MIN changes it, for the tests). */
static size_t split_min_entries(void)
{
	const char *e = getenv("CLAIMTRACK_SPLIT_INDEX_MIN");
	char *end;
	unsigned long long v;
	if (e && *e) {
		v = strtoull(e, &end, 10);
		if (!*end)
			return (size_t)v;
	}
	return 16384;
}

static void write_u32(struct out *o, uint32_t v)
{
	unsigned char q[4];
	put_be32(q, v);
	out_put(o, q, 4);
}

/* The cache-tree of m parses (what copy_extensions will copy). */
static int extensions_parse(const struct index_map *m, const struct change *c, size_t n)
{
	size_t pos = m->off[m->count];
	while (pos < m->ext_end) {
		uint32_t len = be32(m->p + pos + 4);
		char prefix[PATH_MAX];
		if (!memcmp(m->p + pos, "TREE", 4) && tree_node(NULL, m->p + pos + 8, len, prefix, 0, c, n, 0) != len)
			return 0;
		pos += 8 + len;
	}
	return 1;
}

/* Copies the extensions of m that stay valid into o: the cache-tree (its nodes above a change
 * invalidated) and the resolve-undo data. The others describe the old file: dropped. */
static int copy_extensions(struct out *o, const struct index_map *m, const struct change *c, size_t n)
{
	size_t pos;
	for (pos = m->off[m->count]; pos < m->ext_end;) {
		uint32_t len = be32(m->p + pos + 4);
		const unsigned char *sig = m->p + pos;
		if (!memcmp(sig, "TREE", 4)) {
			ct_buf tb;
			char prefix[PATH_MAX];
			ct_buf_init(&tb);
			if (tree_node(&tb, sig + 8, len, prefix, 0, c, n, 0) != len || ct_buf_oom(&tb) < 0) {
				ct_buf_release(&tb);
				return -1;
			}
			out_put(o, "TREE", 4);
			write_u32(o, (uint32_t)tb.len);
			out_put(o, tb.ptr, tb.len);
			ct_buf_release(&tb);
		} else if (!memcmp(sig, "REUC", 4)) {
			out_put(o, sig, 8 + (size_t)len);
		}
		pos += 8 + len;
	}
	return 0;
}

/* Finishes o: the trailer after the hashed bytes; 0 or -1 with libgit2's error set. */
static int out_finish(struct out *o, unsigned char sum[HASH_LEN])
{
	out_flush(o);
	sha1_digest(&o->sha, HASH_LEN, sum);
	if (!o->failed) {
		ssize_t w = write(o->fd, sum, HASH_LEN);
		if (w != HASH_LEN)
			o->failed = w < 0 ? errno : EIO;
	}
	if (o->failed) {
		git_error_set_str(GIT_ERROR_OS, strerror(o->failed));
		return -1;
	}
	return 0;
}

static void out_start(struct out *o, int fd)
{
	o->fd = fd;
	o->n = 0;
	o->failed = 0;
	sha1_init(&o->sha);
}

/* The link extension naming shared index id, with its two bitmaps. */
static void put_link(struct out *o, const unsigned char *id, const uint32_t *del, size_t ndel, const uint32_t *rep,
		     size_t nrep)
{
	ct_buf b = CT_BUF_INIT;
	ct_buf_put(&b, id, HASH_LEN);
	/* always both bitmaps, even empty: git 2.39 reads a link without them as "no shared index
	 * yet" and crashes merging one */
	ct_ewah_write(&b, del, ndel);
	ct_ewah_write(&b, rep, nrep);
	if (ct_buf_oom(&b) < 0) {
		o->failed = ENOMEM;
	} else {
		out_put(o, "link", 4);
		write_u32(o, (uint32_t)b.len);
		out_put(o, b.ptr, b.len);
	}
	ct_buf_release(&b);
}

/* The checkout of the changes c[0..n) on a split index m (locked, lock_fd): each change becomes a
 * replacement, a deletion or an addition in the small file; the shared one is only read. */
static int split_checkout(git_repository *repo, const char *workdir, const char *gitdir, struct change *c, size_t n,
			  const struct index_map *m, int lock_fd, int max_percent, int *wrote)
{
	struct split_view v;
	struct slot *reps = NULL, *adds = NULL;
	uint32_t *dels = NULL, *repos = NULL;
	unsigned char **made_entries = NULL;
	unsigned char *where = NULL;   /* per change: 0 none, 1 addition, 2 shared */
	uint32_t *at = NULL;
	size_t i, nreps = 0, nadds = 0, ndels = 0, live = 0, nmade = 0;
	char full[PATH_MAX];
	struct stat st;
	struct entry_stat es;
	struct out *o = NULL;
	git_odb *odb = NULL;
	struct blob_src one = { NULL, NULL, CT_BUF_INIT };   /* libgit2 reads the blobs */
	ct_buf made = CT_BUF_INIT;
	int r, result = CT_GITINDEX_FALLBACK;

	if ((r = view_open(&v, m, gitdir, 1)) != 0)
		return r;
	if (!(where = calloc(n, 1)) || !(at = calloc(n, sizeof(*at))))
		goto done;
	for (i = 0; i < n; i++) {
		struct change *ch = &c[i];
		const unsigned char *e = NULL;
		size_t off = 0;
		const char *s;
		r = view_find(m, &v, ch->path, ch->len, &at[i], &off, &e);
		if (r < 0)
			goto done;
		where[i] = (unsigned char)r;
		ch->found = r > 0;
		if (r == 2) {   /* flags, or other stages of the same path next in the shared file */
			size_t esize = entry_size(v.sh.p, off, v.sh.size - HASH_LEN, v.sh.version), elen;
			if ((e[60] << 8 | e[61]) & (FLAG_STAGE | FLAG_EXTENDED | 0x8000))
				goto done;
			if (at[i] + 1 < v.sh.count) {
				size_t nsize = entry_size(v.sh.p, off + esize, v.sh.size - HASH_LEN, v.sh.version);
				const char *nn = nsize ? name_at(v.sh.p, off + esize, nsize, &elen) : NULL;
				if (!nn || (elen == ch->len && !memcmp(nn, ch->path, elen)))
					goto done;
			}
		}
		if (unchanged(ch))
			continue;
		live++;
		snprintf(full, sizeof(full), "%s%s", workdir, ch->path);
		if (ch->base_mode) {
			if (!ch->found || memcmp(e + 40, ch->base.id, HASH_LEN) || be32(e + 24) != ch->base_mode ||
			    !worktree_clean(e, full, &ch->base))
				goto done;
		} else if (ch->found || lstat(full, &st) == 0 || errno != ENOENT) {
			goto done;
		}
		if (ch->target_mode) {
			char below[PATH_MAX];
			uint32_t a2;
			const unsigned char *e2;
			for (s = strchr(ch->path, '/'); s; s = strchr(s + 1, '/'))
				if ((r = view_find(m, &v, ch->path, (size_t)(s - ch->path), &a2, &off, &e2)) != 0)
					goto done;
			memcpy(below, ch->path, ch->len);
			below[ch->len] = '/';
			if (view_has_below(m, &v, below, ch->len + 1) != 0)
				goto done;
		}
	}
	if (live == 0) {
		result = 0;
		goto done;
	}
	if (!extensions_parse(m, c, n))
		goto done;
	/* git's rule (too_many_not_shared_entries): a new shared index once more than
	 * maxPercentChange of all the entries are not in the shared one (0: always, 100: never).
	 * Replacements of shared entries do not count: git writes every racily clean shared entry
	 * into .git/index as a replacement, so counting them made a review's choice depend on timing. */
	if (max_percent < 100) {
		size_t not_shared = m->count - v.nrep, deleted = v.ndel, total;
		for (i = 0; i < n; i++) {
			if (unchanged(&c[i]))
				continue;
			if (c[i].target_mode && where[i] == 0)
				not_shared++;
			else if (!c[i].target_mode && where[i] == 1)
				not_shared--;
			else if (!c[i].target_mode && where[i] == 2)
				deleted++;
		}
		total = v.sh.count - deleted + not_shared;
		if (max_percent == 0 || not_shared * 100 > (size_t)max_percent * total) {
			result = CT_GITINDEX_RESPLIT;
			goto done;
		}
	}

	/* The new main file's entries, before anything is written. */
	if (!(reps = calloc(v.nrep + live, sizeof(*reps))) || !(adds = calloc(m->count - v.nrep + live, sizeof(*adds))) ||
	    !(dels = malloc((v.ndel + live) * sizeof(*dels))) || !(made_entries = calloc(live, sizeof(*made_entries))))
		goto done;
	for (i = 0; i < v.nrep; i++, nreps++) {
		reps[i].pos = v.rep[i];
		reps[i].e = m->p + m->off[i];
		reps[i].len = m->off[i + 1] - m->off[i];
	}
	for (i = v.nrep; i < m->count; i++, nadds++) {
		adds[nadds].name = entry_name(m, (uint32_t)i, &adds[nadds].nlen);
		adds[nadds].e = m->p + m->off[i];
		adds[nadds].len = m->off[i + 1] - m->off[i];
	}
	if (v.ndel)
		memcpy(dels, v.del, v.ndel * sizeof(*dels));
	ndels = v.ndel;

	/* The working tree, in path order; a failure from here on is an error (the index is unchanged). */
	result = -1;
	if (git_repository_odb(&odb, repo) < 0 || !(one.odb = odb))
		goto done;
	for (i = 0; i < n; i++) {
		struct change *ch = &c[i];
		size_t k;
		struct slot *sl = NULL;
		if (unchanged(ch))
			continue;
		if (ch->target_mode) {
			unsigned char *e = malloc((ENTRY_FIXED + ch->len + 8) & ~(size_t)7);   /* make_entry's length */
			if (!e || ct_buf_oom(&made) < 0) {
				free(e);
				git_error_set_str(GIT_ERROR_NOMEMORY, "out of memory");
				goto done;
			}
			made_entries[nmade++] = e;
			if (write_file(&one, workdir, ch, &made, &es) < 0)
				goto done;
			if (where[i] == 2) {
				if (in_sorted(v.rep, v.nrep, at[i], &k))
					sl = &reps[k];
				else
					sl = &reps[nreps++];
				sl->pos = at[i];
				sl->len = make_entry(e, ch, &es, 1);
			} else {
				if (where[i] == 1)
					adds[at[i] - v.nrep].gone = 1;
				sl = &adds[nadds++];
				sl->name = ch->path;
				sl->nlen = ch->len;
				sl->len = make_entry(e, ch, &es, 0);
			}
			sl->e = e;
		} else {
			snprintf(full, sizeof(full), "%s%s", workdir, ch->path);
			if (unlink(full) < 0 && errno != ENOENT) {
				git_error_set_str(GIT_ERROR_OS, strerror(errno));
				goto done;
			}
			remove_empty_parents(full, strlen(workdir));
			ct_buf_clear(&made);
			if (where[i] == 1) {
				adds[at[i] - v.nrep].gone = 1;
			} else {
				if (in_sorted(v.rep, v.nrep, at[i], &k))
					reps[k].gone = 1;
				dels[ndels++] = at[i];
			}
		}
	}
	qsort(reps, nreps, sizeof(*reps), slot_by_pos);
	qsort(adds, nadds, sizeof(*adds), slot_by_name);
	qsort(dels, ndels, sizeof(*dels), u32_cmp);
	if (!(repos = malloc((nreps ? nreps : 1) * sizeof(*repos))) || !(o = malloc(sizeof(*o)))) {
		git_error_set_str(GIT_ERROR_NOMEMORY, "out of memory");
		goto done;
	}
	{
		size_t kept = 0, count = 0, k;
		unsigned char head[12], sum[HASH_LEN];
		for (k = 0; k < nreps; k++)
			if (!reps[k].gone)
				repos[kept++] = reps[k].pos;
		for (k = 0; k < nadds; k++)
			count += !adds[k].gone;
		out_start(o, lock_fd);
		memcpy(head, m->p, 8);
		put_be32(head + 8, (uint32_t)(kept + count));
		out_put(o, head, 12);
		for (k = 0; k < nreps; k++)
			if (!reps[k].gone)
				out_put(o, reps[k].e, reps[k].len);
		for (k = 0; k < nadds; k++)
			if (!adds[k].gone)
				out_put(o, adds[k].e, adds[k].len);
		put_link(o, v.id, dels, ndels, repos, kept);
		if (copy_extensions(o, m, c, n) < 0) {
			git_error_set_str(GIT_ERROR_INDEX, "cannot copy the git index's cache-tree");
			goto done;
		}
		if (out_finish(o, sum) < 0)
			goto done;
		*wrote = 1;
	}
	{   /* git freshens the shared file it keeps using, so that its expiry does not take it */
		char hex[2 * HASH_LEN + 1], path[PATH_MAX];
		hex_of(hex, v.id);
		snprintf(path, sizeof(path), "%ssharedindex.%s", gitdir, hex);
		utimensat(AT_FDCWD, path, NULL, 0);
	}
	result = 0;
done:
	for (i = 0; i < nmade; i++)
		free(made_entries[i]);
	free(made_entries);
	free(o);
	free(reps);
	free(adds);
	free(dels);
	free(repos);
	free(where);
	free(at);
	git_odb_free(odb);
	ct_buf_release(&made);
	view_free(&v);
	return result;
}

/* The whole index of m and its shared index v into o (header, entries in order, extensions but
 * the link, no trailer). */
static int merge_out(struct out *o, const struct index_map *m, struct split_view *v)
{
	size_t nadd = m->count - v->nrep, a = v->nrep, off = 12, ri = 0, di = 0;
	uint32_t pos;
	unsigned char head[12];
	unsigned char *buf = malloc(ENTRY_FIXED + 2 + PATH_MAX + 8);
	if (!buf) {
		git_error_set_str(GIT_ERROR_NOMEMORY, "out of memory");
		return -1;
	}
	memcpy(head, m->p, 8);
	put_be32(head + 8, (uint32_t)(v->sh.count - v->ndel + nadd));
	out_put(o, head, 12);
	for (pos = 0; pos <= v->sh.count; pos++) {
		size_t esize = 0, elen = 0;
		const char *en = NULL;
		if (pos < v->sh.count) {
			if (!(esize = entry_size(v->sh.p, off, v->sh.size - HASH_LEN, v->sh.version)))
				goto corrupt;
			en = name_at(v->sh.p, off, esize, &elen);
		}
		/* the additions that sort before this entry */
		while (a < m->count) {
			size_t alen;
			const char *an = entry_name(m, (uint32_t)a, &alen);
			int cmp = en ? name_cmp(an, alen, en, elen) : -1;
			if (cmp > 0)
				break;
			if (cmp == 0 && !(di < v->ndel && v->del[di] == pos))
				goto corrupt;   /* an addition over a live shared entry: not what git writes */
			out_put(o, m->p + m->off[a], m->off[a + 1] - m->off[a]);
			a++;
		}
		if (pos == v->sh.count)
			break;
		if (di < v->ndel && v->del[di] == pos) {
			di++;
		} else if (ri < v->nrep && v->rep[ri] == pos) {
			const unsigned char *r = m->p + m->off[ri];
			uint16_t flags = (uint16_t)(r[60] << 8 | r[61]);
			size_t h = ENTRY_FIXED + ((flags & FLAG_EXTENDED) ? 2 : 0), len = (h + elen + 8) & ~(size_t)7;
			if (elen > PATH_MAX || ((flags & FLAG_EXTENDED) && m->version < 3))
				goto corrupt;
			memset(buf, 0, len);
			memcpy(buf, r, h);
			flags = (uint16_t)((flags & ~NAME_MASK) | (elen < NAME_MASK ? elen : NAME_MASK));
			buf[60] = (unsigned char)(flags >> 8);
			buf[61] = (unsigned char)flags;
			memcpy(buf + h, en, elen);
			out_put(o, buf, len);
			ri++;
		} else {
			out_put(o, v->sh.p + off, esize);
		}
		off += esize;
	}
	free(buf);
	return copy_extensions(o, m, NULL, 0);
corrupt:
	free(buf);
	git_error_set_str(GIT_ERROR_INDEX, "the split git index is corrupt");
	return -1;
}

int ct_gitindex_unsplit(const char *gitdir, const char *index_path, const char *out_path)
{
	char own[PATH_MAX], lock_path[PATH_MAX];
	struct index_map m = { NULL, 0, 0, 0, NULL, 0, 0, 0 };
	struct split_view v;
	struct stat st;
	struct out *o = NULL;
	void *map = MAP_FAILED;
	int fd = -1, out_fd = -1, result = -1, locked = 0, have_view = 0;
	unsigned char sum[HASH_LEN];

	memset(&v, 0, sizeof(v));
	if (!index_path) {
		snprintf(own, sizeof(own), "%sindex", gitdir);
		index_path = own;
	}
	if (!out_path) {
		if ((size_t)snprintf(lock_path, sizeof(lock_path), "%s.lock", index_path) >= sizeof(lock_path)) {
			git_error_set_str(GIT_ERROR_INDEX, "the git index's path is too long");
			return -1;
		}
		if ((out_fd = open(lock_path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666)) < 0) {
			git_error_set(GIT_ERROR_INDEX, "cannot lock the git index ('%s': %s)", lock_path, strerror(errno));
			return -1;
		}
		locked = 1;
	}
	if ((fd = open(index_path, O_RDONLY | O_CLOEXEC)) < 0 || fstat(fd, &st) < 0) {
		result = errno == ENOENT ? 0 : -1;   /* no index: nothing to unsplit */
		if (result)
			git_error_set(GIT_ERROR_OS, "cannot read the git index: %s", strerror(errno));
		goto done;
	}
	m.size = (size_t)st.st_size;
	if (m.size < 12 + HASH_LEN || (map = mmap(NULL, m.size, PROT_READ, MAP_PRIVATE, fd, 0)) == MAP_FAILED) {
		result = 0;   /* not an index we know: libgit2 reports it */
		goto done;
	}
	m.p = map;
	if (map_entries(&m) < 0 || !m.link_at) {
		result = 0;
		goto done;
	}
	if (view_open(&v, &m, gitdir, 0) < 0)
		goto done;
	have_view = 1;
	if (out_path && (out_fd = open(out_path, O_WRONLY | O_TRUNC | O_CLOEXEC)) < 0) {
		git_error_set(GIT_ERROR_OS, "cannot write '%s': %s", out_path, strerror(errno));
		goto done;
	}
	if (!(o = malloc(sizeof(*o)))) {
		git_error_set_str(GIT_ERROR_NOMEMORY, "out of memory");
		goto done;
	}
	if (!out_path && fchmod(out_fd, st.st_mode & 0777) < 0) {
		git_error_set(GIT_ERROR_OS, "cannot write the git index: %s", strerror(errno));
		goto done;
	}
	out_start(o, out_fd);
	if (merge_out(o, &m, &v) < 0 || out_finish(o, sum) < 0)
		goto done;
	if (close(out_fd) < 0) {
		out_fd = -1;
		git_error_set_str(GIT_ERROR_OS, strerror(errno));
		goto done;
	}
	out_fd = -1;
	if (locked) {
		if (rename(lock_path, index_path) < 0) {
			git_error_set_str(GIT_ERROR_OS, strerror(errno));
			goto done;
		}
		locked = 0;
		if (index_path == own)
			drop_shared(gitdir, v.id);
	}
	result = 1;
done:
	free(o);
	if (out_fd >= 0)
		close(out_fd);
	if (locked)
		unlink(lock_path);
	if (have_view)
		view_free(&v);
	if (map != MAP_FAILED)
		munmap(map, m.size);
	if (fd >= 0)
		close(fd);
	free(m.off);
	return result;
}

/* The checkout of the sorted changes c[0..n): see ct_gitindex_checkout. resplit: the index was
 * just made whole for a new shared index (a split index found now is not split again). */
static int checkout_paths(git_repository *repo, const char *workdir, const char *gitdir, struct change *c, size_t n,
			  int resplit)
{
	struct index_map m = { NULL, 0, 0, 0, NULL, 0, 0, 0 };
	char index_path[PATH_MAX], lock_path[PATH_MAX], full[PATH_MAX], shared_tmp[PATH_MAX] = "";
	struct stat st, st_index;
	size_t i, adds = 0, removes = 0, live = 0;
	int fd = -1, lock_fd = -1, shared_fd = -1, result = CT_GITINDEX_FALLBACK, locked = 0;
	void *map = MAP_FAILED;
	struct entry_stat es1, *es = NULL;
	git_odb *odb = NULL;
	struct blob_src one = { NULL, NULL, CT_BUF_INIT };   /* libgit2 reads the blobs */
	ct_buf made;

	ct_buf_init(&made);
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
	st_index = st;
	if (m.link_at) {
		int split, pct, wrote = 0;
		split_config(repo, &split, &pct);
		result = split == 0 ? CT_GITINDEX_RESPLIT : split_checkout(repo, workdir, gitdir, c, n, &m, lock_fd, pct, &wrote);
		if (result == CT_GITINDEX_RESPLIT && !resplit) {
			/* too much changed since the shared index was written (or core.splitIndex is now
			 * false): made whole, then patched (and split again) the ordinary way */
			close(lock_fd);
			lock_fd = -1;
			unlink(lock_path);
			locked = 0;
			munmap(map, m.size);
			map = MAP_FAILED;
			close(fd);
			fd = -1;
			result = ct_gitindex_unsplit(gitdir, NULL, NULL) < 0 ? -1 : checkout_paths(repo, workdir, gitdir, c, n, 1);
			goto done;
		}
		if (result == CT_GITINDEX_RESPLIT)
			result = CT_GITINDEX_FALLBACK;
		if (result != 0 || !wrote)
			goto done;
		result = -1;   /* until the lock file is the index */
		goto commit_lock;
	}

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
	if (!extensions_parse(&m, c, n))
		goto done;   /* the extensions we will copy must parse */

	/* The working tree and the new index together, in path order: the old index's bytes with
	 * each changed file's entry spliced in as soon as the file is written. A large index goes to
	 * a new shared index instead, .git/index then naming it (split). From here on a failure is an
	 * error, not a fallback (the lock file is dropped, the index stays as it was). */
	result = -1;
	if (git_repository_odb(&odb, repo) < 0 || !(one.odb = odb))
		goto done;
	if (live >= AHEAD_MIN && removes == 0) {
		if (!(es = malloc(n * sizeof(*es)))) {
			git_error_set_str(GIT_ERROR_NOMEMORY, "out of memory");
			goto done;
		}
		if (write_ahead(odb, workdir, gitdir, c, n, es) < 0)
			goto done;
	}
	{
		struct out *o = malloc(sizeof(*o));
		unsigned char head[12], sum[HASH_LEN], entry[ENTRY_FIXED + PATH_MAX + 8];
		size_t from = 0, total = m.count + adds - removes;
		int split, pct, to_split;
		if (!o) {
			git_error_set_str(GIT_ERROR_NOMEMORY, "out of memory");
			goto done;
		}
		split_config(repo, &split, &pct);
		to_split = split == 1 || (split == -1 && total >= split_min_entries());
		if (to_split) {
			snprintf(shared_tmp, sizeof(shared_tmp), "%ssharedindex_XXXXXX", gitdir);
			if ((shared_fd = mkstemp(shared_tmp)) < 0 || fchmod(shared_fd, st_index.st_mode & 0777) < 0) {
				git_error_set(GIT_ERROR_OS, "cannot write a shared index in '%s': %s", gitdir, strerror(errno));
				free(o);
				goto done;
			}
		}
		out_start(o, to_split ? shared_fd : lock_fd);
		memcpy(head, m.p, 8);
		put_be32(head + 8, (uint32_t)total);
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
				if (!es && write_file(&one, workdir, ch, &made, &es1) < 0) {
					free(o);
					goto done;
				}
				out_put(o, entry, make_entry(entry, ch, es ? &es[i] : &es1, 0));
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
		if (to_split) {   /* the shared index is named after its trailer; .git/index names it */
			char hex[2 * HASH_LEN + 1], path[PATH_MAX];
			if (out_finish(o, sum) < 0) {
				free(o);
				goto done;
			}
			hex_of(hex, sum);
			snprintf(path, sizeof(path), "%ssharedindex.%s", gitdir, hex);
			if (close(shared_fd) < 0 || rename(shared_tmp, path) < 0) {
				shared_fd = -1;
				git_error_set(GIT_ERROR_OS, "cannot write '%s': %s", path, strerror(errno));
				free(o);
				goto done;
			}
			shared_fd = -1;
			shared_tmp[0] = '\0';
			out_start(o, lock_fd);
			put_be32(head + 8, 0);
			out_put(o, head, 12);
			put_link(o, sum, NULL, 0, NULL, 0);
		}
		if (copy_extensions(o, &m, c, n) < 0) {
			git_error_set_str(GIT_ERROR_INDEX, "cannot copy the git index's cache-tree");
			free(o);
			goto done;
		}
		if (out_finish(o, sum) < 0) {
			free(o);
			goto done;
		}
		free(o);
	}
commit_lock:
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
	if (shared_fd >= 0)
		close(shared_fd);
	if (shared_tmp[0])
		unlink(shared_tmp);
	free(m.off);
	free(es);
	git_odb_free(odb);
	ct_buf_release(&made);
	return result;
}


int ct_gitindex_checkout(git_repository *repo, const char *workdir, const char *gitdir, git_tree *base,
			 git_tree *target, char **paths, size_t n)
{
	struct change *c = NULL;
	char **sorted = NULL;
	size_t i;
	int result = CT_GITINDEX_FALLBACK;

	if (!workdir || n == 0 || n > CT_GITINDEX_MAX_PATHS)
		return CT_GITINDEX_FALLBACK;
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

	result = checkout_paths(repo, workdir, gitdir, c, n, 0);
done:
	free(c);
	free(sorted);
	return result;
}
