/* claimtrack match: aligns the claims of different sources (src/align/match.c) and keeps the
 * alignments and the source dependence in the index, incrementally: only the claims of sources
 * changed since the last match are matched again (against every claim). */
#include "cmd/match.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <libstemmer.h>

#include "analyser.h"   /* generated (Makefile): CT_ANALYSER_SOURCES */
#include "util/err.h"

/* The claims' texts and ids, copied into 1 MB chunks (a million claims: no malloc per string). */
#define TEXT_CHUNK ((size_t)1 << 20)

struct strings {
	char **chunks;
	size_t nchunks, used, cap;
};

static char *strings_copy(struct strings *a, const char *s)
{
	size_t len = strlen(s) + 1;
	char *p;
	if (!a->nchunks || a->used + len > a->cap) {
		size_t cap = len > TEXT_CHUNK ? len : TEXT_CHUNK;
		char **c2 = realloc(a->chunks, (a->nchunks + 1) * sizeof(*c2));
		if (!c2)
			return NULL;
		a->chunks = c2;
		if (!(a->chunks[a->nchunks] = malloc(cap)))
			return NULL;
		a->nchunks++;
		a->used = 0;
		a->cap = cap;
	}
	p = a->chunks[a->nchunks - 1] + a->used;
	memcpy(p, s, len);
	a->used += len;
	return p;
}

static void strings_free(struct strings *a)
{
	size_t i;
	for (i = 0; i < a->nchunks; i++)
		free(a->chunks[i]);
	free(a->chunks);
	memset(a, 0, sizeof(*a));
}

struct loaded {
	struct strings text;     /* the claims' texts and ids */
	struct ct_match_claim *claims;
	const char **ids;        /* claim ids */
	long *pos;               /* sentence indexes */
	uint32_t *byid;          /* claim numbers in the order of their ids (after load_done) */
	uint32_t *rank;          /* claim number -> its place in byid */
	size_t n, cap;
	char **sources;          /* source ids by number (claims come sorted by source) */
	char **published;        /* by source number */
	size_t *nclaims;         /* by source number */
	size_t nsources, scap;
	char **dirty;            /* pending source ids */
	size_t ndirty, dcap;
	int all;
	/* the terms kept in the index (ct_index_terms_open), decoded in the order of the claims:
	 * claim i's are kt[koff[i] .. koff[i] + kn[i]), koff[i] SIZE_MAX when none were kept */
	uint32_t *kt;
	float *kw;
	size_t nk, kcap;
	size_t *koff;
	uint32_t *kn;
};

static void loaded_release(struct loaded *l)
{
	size_t i;
	strings_free(&l->text);
	for (i = 0; i < l->nsources; i++) {
		free(l->sources[i]);
		free(l->published[i]);
	}
	for (i = 0; i < l->ndirty; i++)
		free(l->dirty[i]);
	free(l->claims);
	free(l->ids);
	free(l->pos);
	free(l->byid);
	free(l->rank);
	free(l->sources);
	free(l->published);
	free(l->nclaims);
	free(l->dirty);
	free(l->kt);
	free(l->kw);
	free(l->koff);
	free(l->kn);
	memset(l, 0, sizeof(*l));
}

static int grow(void *pp, size_t *cap, size_t n, size_t size)
{
	void **p = pp, *q;
	size_t ncap;
	if (n < *cap)
		return 0;
	ncap = *cap ? *cap * 2 : 64;
	if (!(q = realloc(*p, ncap * size)))
		return ct_error_set(CT_ENOMEM, "out of memory");
	*p = q;
	*cap = ncap;
	return 0;
}

static int dirty_row(const char *source, const char *unused, void *payload)
{
	struct loaded *l = payload;
	(void)unused;
	if (grow(&l->dirty, &l->dcap, l->ndirty, sizeof(*l->dirty)) < 0 || !(l->dirty[l->ndirty] = strdup(source)))
		return ct_error_set(CT_ENOMEM, "out of memory");
	l->ndirty++;
	return 0;
}

static int is_dirty(const struct loaded *l, const char *source)
{
	size_t i;
	if (l->all)
		return 1;
	for (i = 0; i < l->ndirty; i++)
		if (!strcmp(l->dirty[i], source))
			return 1;
	return 0;
}

/* The terms kept for a claim, 8 bytes each: the term hash and the bits of its float weight, both
 * little-endian. */
#define TERM_BYTES 8

static uint32_t le32(const unsigned char *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static void put_le32(unsigned char *p, uint32_t v)
{
	p[0] = (unsigned char)v;
	p[1] = (unsigned char)(v >> 8);
	p[2] = (unsigned char)(v >> 16);
	p[3] = (unsigned char)(v >> 24);
}

/* Claim l->n's kept terms, decoded (a blob of another length is as if none were kept). */
static int keep_terms(struct loaded *l, const struct ct_match_row *row)
{
	const unsigned char *p = row->terms;
	size_t nt = row->terms_len / TERM_BYTES, i;
	l->koff[l->n] = SIZE_MAX;
	l->kn[l->n] = 0;
	if (!p || row->terms_len % TERM_BYTES || nt > UINT32_MAX)
		return 0;
	while (l->nk + nt > l->kcap) {
		size_t ncap = l->kcap ? 2 * l->kcap : 4096;
		uint32_t *t2 = realloc(l->kt, ncap * sizeof(*t2));
		float *w2;
		if (!t2)
			return ct_error_set(CT_ENOMEM, "out of memory");
		l->kt = t2;
		if (!(w2 = realloc(l->kw, ncap * sizeof(*w2))))
			return ct_error_set(CT_ENOMEM, "out of memory");
		l->kw = w2;
		l->kcap = ncap;
	}
	for (i = 0; i < nt; i++, p += TERM_BYTES) {
		uint32_t bits = le32(p + 4);
		l->kt[l->nk + i] = le32(p);
		memcpy(&l->kw[l->nk + i], &bits, sizeof(bits));
	}
	l->koff[l->n] = l->nk;
	l->kn[l->n] = (uint32_t)nt;
	l->nk += nt;
	return 0;
}

static int claim_row(const struct ct_match_row *row, void *payload)
{
	struct loaded *l = payload;
	struct ct_match_claim *c;
	size_t cap = l->cap;
	int error;
	if (!l->nsources || strcmp(l->sources[l->nsources - 1], row->source)) {
		size_t scap = l->scap;
		if (grow(&l->sources, &scap, l->nsources, sizeof(*l->sources)) < 0 ||
		    (scap = l->scap, grow(&l->published, &scap, l->nsources, sizeof(*l->published))) < 0 ||
		    (scap = l->scap, grow(&l->nclaims, &scap, l->nsources, sizeof(*l->nclaims))) < 0)
			return CT_ENOMEM;
		l->scap = scap;
		l->sources[l->nsources] = strdup(row->source);
		l->published[l->nsources] = row->published ? strdup(row->published) : NULL;
		l->nclaims[l->nsources] = 0;
		if (!l->sources[l->nsources++])
			return ct_error_set(CT_ENOMEM, "out of memory");
	}
	if (grow(&l->claims, &cap, l->n, sizeof(*l->claims)) < 0 || (cap = l->cap, grow(&l->ids, &cap, l->n, sizeof(*l->ids))) < 0 ||
	    (cap = l->cap, grow(&l->pos, &cap, l->n, sizeof(*l->pos))) < 0 ||
	    (cap = l->cap, grow(&l->koff, &cap, l->n, sizeof(*l->koff))) < 0 ||
	    (cap = l->cap, grow(&l->kn, &cap, l->n, sizeof(*l->kn))) < 0)
		return CT_ENOMEM;
	l->cap = cap;
	if ((error = keep_terms(l, row)) < 0)
		return error;
	c = &l->claims[l->n];
	memset(c, 0, sizeof(*c));
	c->source = l->nsources - 1;
	c->published = l->published[c->source];
	c->query = is_dirty(l, row->source);
	c->len = strlen(row->text);
	l->pos[l->n] = row->sentence;
	if (!(c->text = strings_copy(&l->text, row->text)) || !(l->ids[l->n] = strings_copy(&l->text, row->id)))
		return ct_error_set(CT_ENOMEM, "out of memory");
	l->nclaims[c->source]++;
	l->n++;
	return 0;
}

/* The claims in the order of their ids: alignments are stored in that order (appended to the
 * table's B-trees, not inserted at random), and ids read back are found by binary search. */
static const struct loaded *sort_ids;

static int cmp_byid(const void *x, const void *y)
{
	return strcmp(sort_ids->ids[*(const uint32_t *)x], sort_ids->ids[*(const uint32_t *)y]);
}

static int load_done(struct loaded *l)
{
	size_t i;
	if (!(l->byid = malloc((l->n ? l->n : 1) * sizeof(*l->byid))) ||
	    !(l->rank = malloc((l->n ? l->n : 1) * sizeof(*l->rank))))
		return ct_error_set(CT_ENOMEM, "out of memory");
	for (i = 0; i < l->n; i++)
		l->byid[i] = (uint32_t)i;
	sort_ids = l;
	if (l->n)
		qsort(l->byid, l->n, sizeof(*l->byid), cmp_byid);
	sort_ids = NULL;
	for (i = 0; i < l->n; i++)
		l->rank[l->byid[i]] = (uint32_t)i;
	return 0;
}

/* The number of the loaded claim with this id, or -1. */
static long claim_number(const struct loaded *l, const char *id)
{
	size_t lo = 0, hi = l->n;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		int c = strcmp(l->ids[l->byid[mid]], id);
		if (!c)
			return (long)l->byid[mid];
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return -1;
}

struct links {
	struct loaded *l;
	struct ct_match_link *v;
	size_t n, cap;
	/* only the links of the changed sources: by source number, the place of the source in
	 * l->dirty (or -1); the links of l->dirty[reading] are being read, and a link whose other
	 * side came before it in l->dirty was read with that one */
	const long *dirty_at;
	long reading;
};

static long source_number(const struct loaded *l, const char *id)
{
	size_t lo = 0, hi = l->nsources;
	/* sources are in the claims' order: ascending by id (SQLite's binary collation = strcmp) */
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		int c = strcmp(l->sources[mid], id);
		if (!c)
			return (long)mid;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return -1;
}

static int link_row(const char *a, const char *sa, const char *b, const char *sb, void *payload)
{
	struct links *k = payload;
	long x, y, ca, cb;
	if (!a || !sa || !b || !sb)
		return 0;
	x = source_number(k->l, sa);
	y = source_number(k->l, sb);
	if (x < 0 || y < 0 || x == y || (ca = claim_number(k->l, a)) < 0 || (cb = claim_number(k->l, b)) < 0)
		return 0;   /* alignments are only stored between active claims */
	if (k->dirty_at && ((k->dirty_at[x] >= 0 && k->dirty_at[x] < k->reading) ||
			    (k->dirty_at[y] >= 0 && k->dirty_at[y] < k->reading)))
		return 0;
	if (grow(&k->v, &k->cap, k->n, sizeof(*k->v)) < 0)
		return CT_ENOMEM;
	k->v[k->n].sa = (size_t)x;
	k->v[k->n].sb = (size_t)y;
	/* a claim without a sentence index is at position 0, as SQLite reads a NULL as an integer */
	k->v[k->n].pa = k->l->pos[ca] < 0 ? 0 : k->l->pos[ca];
	k->v[k->n].pb = k->l->pos[cb] < 0 ? 0 : k->l->pos[cb];
	k->n++;
	return 0;
}

static uint32_t group_of(uint32_t *parent, uint32_t x)
{
	while (parent[x] != x) {
		parent[x] = parent[parent[x]];
		x = parent[x];
	}
	return x;
}

static int cmp_link_pair(const void *x, const void *y)
{
	const struct ct_match_link *a = x, *b = y;
	size_t a0 = a->sa < a->sb ? a->sa : a->sb, a1 = a->sa ^ a->sb ^ a0;
	size_t b0 = b->sa < b->sb ? b->sa : b->sb, b1 = b->sa ^ b->sb ^ b0;
	if (a0 != b0)
		return a0 < b0 ? -1 : 1;
	return a1 < b1 ? -1 : a1 > b1;
}

static int cmp_dep(const void *x, const void *y)
{
	const uint64_t a = *(const uint64_t *)x, b = *(const uint64_t *)y;
	return a < b ? -1 : a > b;
}

/* At most this many changed sources have their dependence tested pair by pair; more, and it is
 * tested again for every pair of sources (as always with CLAIMTRACK_MATCH_ALL_PAIRS set: the
 * tests' oracle, tests/e2e/t0782). */
#define MATCH_FEW_SOURCES 256

/* The sources whose dependence was taken away or written (their alignments' marks of
 * independence are set again): ids, each once. */
struct touched {
	char **v;
	size_t n, cap;
};

static int touch(struct touched *t, const char *source)
{
	size_t i;
	for (i = 0; i < t->n; i++)
		if (!strcmp(t->v[i], source))
			return 0;
	if (grow(&t->v, &t->cap, t->n, sizeof(*t->v)) < 0 || !(t->v[t->n] = strdup(source)))
		return ct_error_set(CT_ENOMEM, "out of memory");
	t->n++;
	return 0;
}

static void touched_release(struct touched *t)
{
	size_t i;
	for (i = 0; i < t->n; i++)
		free(t->v[i]);
	free(t->v);
	memset(t, 0, sizeof(*t));
}

static int took_dep(const char *source, const char *on, void *payload)
{
	int error = touch(payload, source);
	return error ? error : touch(payload, on);
}

/* The stored links of the changed sources only (each link once), their old dependences taken
 * away and their sources touched. */
static int changed_links(ct_index *ix, struct loaded *l, struct links *k, struct touched *t)
{
	long *at;
	size_t i;
	int error = 0;
	if (!(at = malloc((l->nsources ? l->nsources : 1) * sizeof(*at))))
		return ct_error_set(CT_ENOMEM, "out of memory");
	for (i = 0; i < l->nsources; i++)
		at[i] = -1;
	for (i = 0; i < l->ndirty; i++) {
		long x = source_number(l, l->dirty[i]);
		if (x >= 0)
			at[x] = (long)i;
	}
	k->dirty_at = at;
	for (i = 0; i < l->ndirty && !error; i++) {
		k->reading = (long)i;
		if (!(error = touch(t, l->dirty[i])) && !(error = ct_index_deps_take(ix, l->dirty[i], took_dep, t)))
			error = ct_index_match_links_of(ix, CT_MATCH_DEP_SCORE, l->dirty[i], link_row, k);
	}
	k->dirty_at = NULL;
	free(at);
	return error;
}

/* Recomputes source_deps from the stored alignments: from every one (t NULL), or only for the
 * pairs of sources with a changed one (t: the sources touched are added to it). Whether a source
 * depends on another is decided from the links of that pair of sources alone, and needs
 * CT_MATCH_DEP_MIN links or more: the test runs on each group of sources joined by such pairs
 * (the outlets of one story), with a matrix of the group's size instead of one of every source's
 * (32,000 sources: 1 GB). */
static int store_dependence(ct_index *ix, struct loaded *l, struct touched *t, struct links *kept)
{
	struct links k = { l, NULL, 0, 0, NULL, 0 };
	struct ct_match_source *src = NULL;
	struct ct_match_link *gl = NULL;
	struct ct_match_claim *gc = NULL;
	uint32_t *parent = NULL, *members = NULL, *local = NULL, *byg = NULL;
	size_t *first = NULL, *mstart = NULL, *lstart = NULL, ndeps = 0, dcap = 0, i, j, g;
	unsigned char *dep = NULL;
	uint64_t *deps = NULL;
	int error;
	if (kept) {
		/* every alignment was just stored: its links were kept then (store_pairs) */
		k = *kept;
		memset(kept, 0, sizeof(*kept));
		if ((error = ct_index_deps_clear(ix)) < 0)
			goto done;
	} else if (t) {
		if ((error = changed_links(ix, l, &k, t)) < 0)
			goto done;
	} else if ((error = ct_index_match_links(ix, CT_MATCH_DEP_SCORE, link_row, &k)) < 0 ||
		   (error = ct_index_deps_clear(ix)) < 0) {
		goto done;
	}
	if (!l->nsources || !k.n)
		goto done;
	error = ct_error_set(CT_ENOMEM, "out of memory");
	if (!(parent = malloc(l->nsources * sizeof(*parent))) || !(local = malloc(l->nsources * sizeof(*local))) ||
	    !(first = malloc((l->nsources + 1) * sizeof(*first))) || !(members = malloc(l->nsources * sizeof(*members))) ||
	    !(mstart = calloc(l->nsources + 1, sizeof(*mstart))) || !(lstart = calloc(l->nsources + 1, sizeof(*lstart))) ||
	    !(byg = malloc(k.n * sizeof(*byg))))
		goto done;
	/* the claims come sorted by source: source s's are claims[first[s] .. first[s + 1]) */
	for (i = 0, first[0] = 0; i < l->nsources; i++) {
		first[i + 1] = first[i] + l->nclaims[i];
		parent[i] = (uint32_t)i;
	}
	/* the pairs of sources with enough links join their sources' groups */
	qsort(k.v, k.n, sizeof(*k.v), cmp_link_pair);
	for (i = 0; i < k.n; i = j) {
		for (j = i + 1; j < k.n && !cmp_link_pair(&k.v[i], &k.v[j]); j++)
			;
		if (j - i >= CT_MATCH_DEP_MIN) {
			uint32_t x = group_of(parent, (uint32_t)k.v[i].sa), y = group_of(parent, (uint32_t)k.v[i].sb);
			if (x != y)
				parent[x > y ? x : y] = x < y ? x : y;
		}
	}
	/* each group's sources (ascending) and links, by counting sorts on the group (its first
	 * source); a link between two groups can make no dependence */
	for (i = 0; i < l->nsources; i++)
		mstart[group_of(parent, (uint32_t)i) + 1]++;
	for (i = 0; i < k.n; i++) {
		g = group_of(parent, (uint32_t)k.v[i].sa);
		if (g == group_of(parent, (uint32_t)k.v[i].sb))
			lstart[g + 1]++;
	}
	for (i = 0; i < l->nsources; i++) {
		mstart[i + 1] += mstart[i];
		lstart[i + 1] += lstart[i];
	}
	for (i = 0; i < l->nsources; i++)
		members[mstart[group_of(parent, (uint32_t)i)]++] = (uint32_t)i;
	for (i = 0; i < k.n; i++) {
		g = group_of(parent, (uint32_t)k.v[i].sa);
		if (g == group_of(parent, (uint32_t)k.v[i].sb))
			byg[lstart[g]++] = (uint32_t)i;
	}
	/* now mstart[g] and lstart[g] are the ends of group g's runs, which start where the group
	 * before it ends (groups with no source or no link have empty runs) */
	for (g = 0; g < l->nsources; g++) {
		size_t m0 = g ? mstart[g - 1] : 0, m1 = mstart[g], l0 = g ? lstart[g - 1] : 0, l1 = lstart[g];
		size_t m = m1 - m0, nl = l1 - l0, nc = 0, x, y;
		void *p;
		if (m < 2 || !nl)
			continue;
		for (i = m0; i < m1; i++) {
			local[members[i]] = (uint32_t)(i - m0);
			nc += l->nclaims[members[i]];
		}
		if (!(p = realloc(src, m * sizeof(*src))))
			goto done;
		src = p;
		if (!(p = realloc(gl, nl * sizeof(*gl))))
			goto done;
		gl = p;
		if (!(p = realloc(gc, (nc ? nc : 1) * sizeof(*gc))))
			goto done;
		gc = p;
		free(dep);
		if (!(dep = malloc(m * m)))
			goto done;
		for (i = m0, nc = 0; i < m1; i++) {
			size_t s = members[i];
			src[i - m0].nclaims = l->nclaims[s];
			src[i - m0].published = l->published[s];
			src[i - m0].id = l->sources[s];
			for (j = first[s]; j < first[s + 1]; j++) {
				gc[nc] = l->claims[j];
				gc[nc++].source = i - m0;
			}
		}
		for (i = l0; i < l1; i++) {
			gl[i - l0] = k.v[byg[i]];
			gl[i - l0].sa = local[gl[i - l0].sa];
			gl[i - l0].sb = local[gl[i - l0].sb];
		}
		if ((error = ct_match_dependence_quoted(src, m, gl, nl, gc, nc, dep)) < 0)
			goto done;
		error = ct_error_set(CT_ENOMEM, "out of memory");
		for (x = 0; x < m; x++)
			for (y = 0; y < m; y++) {
				if (!dep[x * m + y])
					continue;
				if (ndeps == dcap) {
					dcap = dcap ? 2 * dcap : 64;
					if (!(p = realloc(deps, dcap * sizeof(*deps))))
						goto done;
					deps = p;
				}
				deps[ndeps++] = (uint64_t)members[m0 + x] << 32 | members[m0 + y];
			}
	}
	/* stored in the order of the sources' numbers, as before the groups */
	if (ndeps)
		qsort(deps, ndeps, sizeof(*deps), cmp_dep);
	error = 0;
	for (i = 0; i < ndeps && !error; i++) {
		const char *x = l->sources[deps[i] >> 32], *y = l->sources[deps[i] & 0xffffffffu];
		error = ct_index_dep_put(ix, x, y);
		if (!error && t && !(error = touch(t, x)))
			error = touch(t, y);
	}
done:
	free(k.v);
	free(src);
	free(gl);
	free(gc);
	free(parent);
	free(members);
	free(local);
	free(first);
	free(mstart);
	free(lstart);
	free(byg);
	free(dep);
	free(deps);
	return error;
}

struct stored {
	uint64_t key;    /* smaller id rank << 32 | greater id rank */
	size_t pair;
};

static int cmp_stored(const void *x, const void *y)
{
	uint64_t a = ((const struct stored *)x)->key, b = ((const struct stored *)y)->key;
	return a < b ? -1 : a > b;
}

/* A stored alignment as store_dependence reads it back (link_row): the sources and positions of
 * its sides, a the side with the smaller id. */
static int keep_link(struct links *k, const struct loaded *l, size_t a, size_t b)
{
	if (grow(&k->v, &k->cap, k->n, sizeof(*k->v)) < 0)
		return CT_ENOMEM;
	k->v[k->n].sa = l->claims[a].source;
	k->v[k->n].sb = l->claims[b].source;
	k->v[k->n].pa = l->pos[a] < 0 ? 0 : l->pos[a];
	k->v[k->n].pb = l->pos[b] < 0 ? 0 : l->pos[b];
	k->n++;
	return 0;
}

/* Stores the pairs in the order of their claim ids (a pair's smaller id first). With links (every
 * alignment being stored afresh), also keeps the links the dependence test reads, in the order
 * and with the filter of ct_index_match_links: reading 1.2 million rows back and finding their
 * claims by id took 10 s at 32,000 articles. */
static int store_pairs(ct_index *ix, struct loaded *l, const struct ct_match_result *res, struct links *links)
{
	struct stored *order;
	ct_buf sig = CT_BUF_INIT;
	size_t i;
	int error = 0;
	if (!(order = malloc((res->npairs ? res->npairs : 1) * sizeof(*order))))
		return ct_error_set(CT_ENOMEM, "out of memory");
	for (i = 0; i < res->npairs; i++) {
		uint64_t ra = l->rank[res->pairs[i].a], rb = l->rank[res->pairs[i].b];
		order[i].key = ra < rb ? ra << 32 | rb : rb << 32 | ra;
		order[i].pair = i;
	}
	if (res->npairs)
		qsort(order, res->npairs, sizeof(*order), cmp_stored);
	for (i = 0; i < res->npairs && !error; i++) {
		const struct ct_match_pair *pair = &res->pairs[order[i].pair];
		size_t x = l->byid[order[i].key >> 32], y = l->byid[order[i].key & 0xffffffffu], k;
		struct ct_comparison cmp;
		const struct ct_match_claim *a, *b;
		ct_match_comparison(res, pair, &cmp);
		if (x != pair->a) {
			/* stored in claim id order: swap the sides of the spans too */
			for (k = 0; k < cmp.nsignals; k++) {
				struct ct_signal *s = &cmp.signals[k], t = *s;
				s->a_start = t.b_start;
				s->a_end = t.b_end;
				s->b_start = t.a_start;
				s->b_end = t.a_end;
			}
		}
		a = &l->claims[x];
		b = &l->claims[y];
		ct_buf_clear(&sig);
		ct_match_signals_json(&sig, &cmp, a->text, b->text);
		if (ct_buf_oom(&sig) < 0)
			error = ct_error_set(CT_ENOMEM, "out of memory");
		else
			error = ct_index_align_put(ix, l->ids[x], l->ids[y], l->sources[a->source],
						   l->sources[b->source], cmp.relation, cmp.score, sig.ptr);
		if (!error && links && a->source != b->source && cmp.score >= CT_MATCH_DEP_SCORE &&
		    (!strcmp(cmp.relation, "corroborates") || !strcmp(cmp.relation, "contradicts")))
			error = keep_link(links, l, x, y);
	}
	ct_buf_release(&sig);
	free(order);
	return error;
}

/* Threads for the matcher: --jobs of the match command, else CLAIMTRACK_THREADS, else the online
 * CPUs (at most CT_MATCH_MAX_THREADS). 0: not chosen yet. */
static long match_jobs;

static unsigned match_threads(void)
{
	return match_jobs > 0 ? (unsigned)match_jobs : ct_cmd_threads(CT_MATCH_MAX_THREADS);
}

/* The terms kept in the index are named by a hash of the analyser's sources (CT_ANALYSER_SOURCES,
 * made by the Makefile) and by what the analysis gives on these sentences (which also sees another
 * libstemmer): another name empties the cache (ct_index_terms_open). Figures, dates, weekdays,
 * names, titles, quotes, negation, approximations, accents and a translation's forms. */
#define TERMS_FORMAT "terms1 " CT_ANALYSER_SOURCES
static const char *const sample_text[] = {
	"Mr. Smith said on Monday, Oct. 13, that 1,200 people had not left the city.",
	"\u201cWe will rebuild the bridge by the end of 2027,\u201d said Transport Minister Ana Ruiz.",
	"Nearly 40 percent of the 3 860 households lost power on Thursday night, the utility said.",
	"The Estravian Geological Survey recorded a magnitude 2.9 tremor at 5:48 a.m. on 4 March.",
	"Police in neighbouring Lusken arrested two men aged 31 and 45 in connection with the theft.",
	"The government of Norway pledged $84.8 million, about twice last year\u2019s figure.",
	"Secretary of State Marco Rubio said U.S. troops would not be on the ground in Gaza.",
	"Der B\u00fcrgermeister sagte, 18 von 41 Bergleuten seien entkommen; two were hurt.",
	"The council voted 7-2 to close the school for two weeks, from Feb. 3 to Feb. 17.",
	"Shares fell 9% to 12,50 kroner after the company cut its forecast for the third quarter.",
};

static void terms_fingerprint(struct sb_stemmer *stemmer, char out[2 * TERM_BYTES + 1])
{
	struct ct_prepared *p = ct_prepared_new();
	uint64_t h = 1469598103934665603ULL;
	size_t i, k;
	const char *f;
	for (f = TERMS_FORMAT; *f; f++)
		h = (h ^ (unsigned char)*f) * 1099511628211ULL;
	for (i = 0; p && i < sizeof(sample_text) / sizeof(*sample_text); i++) {
		size_t nt;
		ct_prepare(p, stemmer, sample_text[i], strlen(sample_text[i]), "2027-03-04");
		nt = ct_prepared_nterms(p);
		h = (h ^ nt) * 1099511628211ULL;
		for (k = 0; k < nt; k++) {
			uint32_t t, bits;
			double w;
			float fw;
			ct_prepared_term(p, k, &t, &w);
			fw = (float)w;
			memcpy(&bits, &fw, sizeof(bits));
			h = (h ^ t) * 1099511628211ULL;
			h = (h ^ bits) * 1099511628211ULL;
		}
	}
	if (!p)
		h = 0;   /* no memory: a fingerprint no cache was filled with */
	ct_prepared_free(p);
	snprintf(out, 2 * TERM_BYTES + 1, "%016llx", (unsigned long long)h);
}

/* Every claim's terms in claim order, in *all (for ct_match_run_terms): those kept in the index,
 * and those of the other claims analysed now and kept (in the order of the claims' ids: appended
 * to the table's B-tree). */
static int gather_terms(ct_index *ix, struct loaded *l, struct sb_stemmer *stemmer, struct ct_match_terms *all,
			size_t *analysed)
{
	struct ct_match_claim *miss = NULL;
	struct ct_match_terms fresh = { NULL, NULL, NULL };
	size_t *at = NULL, nmiss = 0, i, j, total;
	unsigned char *blob = NULL;
	size_t bcap = 0;
	int error = ct_error_set(CT_ENOMEM, "out of memory");

	memset(all, 0, sizeof(*all));
	for (i = 0; i < l->n; i++)
		nmiss += l->koff[i] == SIZE_MAX;
	*analysed = nmiss;
	/* the claims without kept terms, in the order of their ids; at[i]: claim i's place there */
	if (!(miss = malloc((nmiss ? nmiss : 1) * sizeof(*miss))) || !(at = malloc((l->n ? l->n : 1) * sizeof(*at))))
		goto done;
	for (i = 0, j = 0; i < l->n; i++) {
		size_t c = l->byid[i];
		at[c] = SIZE_MAX;
		if (l->koff[c] == SIZE_MAX) {
			at[c] = j;
			miss[j++] = l->claims[c];
		}
	}
	if ((error = ct_match_analyse(stemmer, miss, nmiss, match_threads(), &fresh)) < 0)
		goto done;
	error = ct_error_set(CT_ENOMEM, "out of memory");
	/* kept, in one transaction */
	if (nmiss && (error = ct_index_begin(ix)) < 0)
		goto done;
	for (i = 0, j = 0; i < l->n && nmiss; i++) {
		size_t c = l->byid[i], k, nt, len;
		if (at[c] == SIZE_MAX)
			continue;
		nt = fresh.off[at[c] + 1] - fresh.off[at[c]];
		len = nt * TERM_BYTES;
		if (len > bcap) {
			unsigned char *b2 = realloc(blob, len);
			if (!b2) {
				error = ct_error_set(CT_ENOMEM, "out of memory");
				break;
			}
			blob = b2;
			bcap = len;
		}
		for (k = 0; k < nt; k++) {
			uint32_t bits;
			memcpy(&bits, &fresh.weights[fresh.off[at[c]] + k], sizeof(bits));
			put_le32(blob + k * TERM_BYTES, fresh.terms[fresh.off[at[c]] + k]);
			put_le32(blob + k * TERM_BYTES + 4, bits);
		}
		if ((error = ct_index_terms_put(ix, l->ids[c], blob, len)) < 0)
			break;
		error = 0;
	}
	if (nmiss) {
		if (error < 0) {
			ct_index_rollback(ix);
			goto done;
		}
		if ((error = ct_index_commit(ix)) < 0)
			goto done;
	}
	error = ct_error_set(CT_ENOMEM, "out of memory");
	/* joined in the order of the claims */
	total = l->nk + (nmiss ? fresh.off[nmiss] : 0);
	if (!(all->off = malloc((l->n + 1) * sizeof(*all->off))) ||
	    !(all->terms = malloc((total ? total : 1) * sizeof(*all->terms))) ||
	    !(all->weights = malloc((total ? total : 1) * sizeof(*all->weights))))
		goto done;
	for (i = 0, j = 0; i < l->n; i++) {
		const uint32_t *t;
		const float *w;
		size_t nt;
		if (at[i] == SIZE_MAX) {
			t = l->kt + l->koff[i];
			w = l->kw + l->koff[i];
			nt = l->kn[i];
		} else {
			t = fresh.terms + fresh.off[at[i]];
			w = fresh.weights + fresh.off[at[i]];
			nt = fresh.off[at[i] + 1] - fresh.off[at[i]];
		}
		all->off[i] = j;
		if (nt) {
			memcpy(all->terms + j, t, nt * sizeof(*t));
			memcpy(all->weights + j, w, nt * sizeof(*w));
		}
		j += nt;
	}
	all->off[l->n] = j;
	error = 0;
done:
	if (error < 0)
		ct_match_terms_free(all);
	/* what was kept is not needed any more: the run takes *all */
	free(l->kt);
	free(l->kw);
	l->kt = NULL;
	l->kw = NULL;
	l->nk = l->kcap = 0;
	ct_match_terms_free(&fresh);
	free(miss);
	free(at);
	free(blob);
	return error;
}

static double seconds_since(struct timespec *t)
{
	struct timespec now;
	double d;
	clock_gettime(CLOCK_MONOTONIC, &now);
	d = (double)(now.tv_sec - t->tv_sec) + (double)(now.tv_nsec - t->tv_nsec) / 1e9;
	*t = now;
	return d;
}

int ct_match_refresh_ex(struct ct_ctx *ctx, ct_index *ix, int force, struct ct_match_stats *stats)
{
	struct timespec t;
	double secs_load, secs_terms;
	struct links kept;
	struct loaded l;
	struct ct_match_result res = { NULL, 0, NULL, 0 };
	struct sb_stemmer *stemmer = NULL;
	struct ct_match_stats st;
	struct touched touched = { NULL, 0, 0 };
	struct ct_match_terms terms = { NULL, NULL, NULL };
	char fingerprint[2 * TERM_BYTES + 1];
	size_t i, analysed = 0;
	int error, bulk;

	(void)ctx;
	memset(&l, 0, sizeof(l));
	memset(&st, 0, sizeof(st));
	memset(&kept, 0, sizeof(kept));
	kept.l = &l;
	clock_gettime(CLOCK_MONOTONIC, &t);
	if ((error = ct_index_match_pending(ix, &l.all, dirty_row, &l)) < 0)
		goto done;
	l.all |= force;
	if (!l.all && !l.ndirty)
		goto done;   /* nothing changed since the last match */
	if (!(stemmer = sb_stemmer_new("english", "UTF_8"))) {
		error = ct_error_set(CT_ENOMEM, "cannot create the English stemmer");
		goto done;
	}
	terms_fingerprint(stemmer, fingerprint);
	if ((error = ct_index_begin(ix)) < 0)
		goto done;
	if ((error = ct_index_terms_open(ix, fingerprint, l.all ? NULL : l.dirty, l.ndirty)) < 0) {
		ct_index_rollback(ix);
		goto done;
	}
	if ((error = ct_index_commit(ix)) < 0)
		goto done;
	if ((error = ct_index_match_claims(ix, claim_row, &l)) < 0 || (error = load_done(&l)) < 0)
		goto done;
	secs_load = seconds_since(&t);
	if ((error = gather_terms(ix, &l, stemmer, &terms, &analysed)) < 0)
		goto done;
	secs_terms = seconds_since(&t);
	if ((error = ct_match_run_terms(stemmer, l.claims, l.n, match_threads(), &terms, &res, &st)) < 0)
		goto done;
	st.analysed = analysed;
	st.secs_load = secs_load;   /* ct_match_run_terms set the stats afresh */
	st.secs_terms = secs_terms;
	st.secs_score = seconds_since(&t);
	if ((error = ct_index_begin(ix)) < 0)
		goto done;
	/* many alignments to write (every claim matched, or the changed sources hold a quarter of
	 * them): without the secondary indexes, built again once at the end */
	bulk = l.all || st.queries * 4 >= l.n;
	if (l.all)
		error = ct_index_align_clear(ix, NULL);
	for (i = 0; i < l.ndirty && !error && !l.all; i++)
		error = ct_index_align_clear(ix, l.dirty[i]);
	if (!error && bulk)
		error = ct_index_align_bulk(ix, 1);
	if (!error)
		error = store_pairs(ix, &l, &res, l.all ? &kept : NULL);
	ct_match_result_free(&res);   /* stored: not held while the indexes and dependence are built */
	if (!error && bulk)
		error = ct_index_align_bulk(ix, 0);
	st.secs_store = seconds_since(&t);
	/* a few sources changed: only their pairs' dependence is tested again, and only the
	 * alignments of the sources whose dependence changed are marked again */
	if (!error && !l.all && l.ndirty <= MATCH_FEW_SOURCES && !getenv("CLAIMTRACK_MATCH_ALL_PAIRS")) {
		if (!(error = store_dependence(ix, &l, &touched, NULL)))
			error = ct_index_match_done_of(ix, touched.v, touched.n);
	} else if (!error) {
		if (!(error = store_dependence(ix, &l, NULL, l.all ? &kept : NULL)))
			error = ct_index_match_done(ix);
	}
	st.secs_dependence = seconds_since(&t);
	if (!error)
		error = ct_index_commit(ix);
	st.secs_commit = seconds_since(&t);
	if (error)
		ct_index_rollback(ix);
done:
	if (stats)
		*stats = st;
	sb_stemmer_delete(stemmer);
	ct_match_result_free(&res);
	loaded_release(&l);
	touched_release(&touched);
	ct_match_terms_free(&terms);
	free(kept.v);
	return error;
}

int ct_match_refresh(struct ct_ctx *ctx, ct_index *ix)
{
	return ct_match_refresh_ex(ctx, ix, 0, NULL);
}

int ct_cmd_index_aligned(struct ct_ctx *ctx, ct_index **out)
{
	int error = ct_cmd_index(ctx, out);
	if (error < 0)
		return error;
	return ct_match_refresh(ctx, *out);
}

/* ---- the command ---- */

struct listing {
	struct ct_ctx *ctx;
	struct ct_json_stream *json;   /* --json: each alignment printed as it is read */
	size_t n;
};

static void print_clean(const char *s)
{
	for (; *s; s++)
		putchar((unsigned char)*s < 0x20 || *s == 0x7f ? ' ' : *s);
}

static const char *relation_color(const char *rel)
{
	return !strcmp(rel, "contradicts") ? CT_C_RED : !strcmp(rel, "corroborates") ? CT_C_GREEN : CT_C_DIM;
}

static int align_row(const char *path, const char *json, void *payload)
{
	struct listing *k = payload;
	cJSON *o = cJSON_Parse(json), *sig;
	const cJSON *c, *s;
	(void)path;
	if (!o)
		return ct_error_set(CT_ENOMEM, "out of memory");
	k->n++;
	if (k->json) {
		int r = ct_json_stream_item(k->json, o);
		cJSON_Delete(o);
		return r;
	}
	c = cJSON_GetObjectItemCaseSensitive(o, "claims");
	s = cJSON_GetObjectItemCaseSensitive(o, "sources");
	{
		const char *rel = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(o, "relation"));
		const cJSON *ind = cJSON_GetObjectItemCaseSensitive(o, "independent");
		printf("%.3f %s%-12s%s %s%.10s%s ", cJSON_GetNumberValue(cJSON_GetObjectItemCaseSensitive(o, "score")),
		       ct_color(k->ctx, relation_color(rel ? rel : "")), rel ? rel : "?", ct_color(k->ctx, CT_C_RESET),
		       ct_color(k->ctx, CT_C_YELLOW), cJSON_GetStringValue(cJSON_GetArrayItem(c, 0)),
		       ct_color(k->ctx, CT_C_RESET));
		print_clean(cJSON_GetStringValue(cJSON_GetArrayItem(s, 0)));
		printf(" ~ %s%.10s%s ", ct_color(k->ctx, CT_C_YELLOW), cJSON_GetStringValue(cJSON_GetArrayItem(c, 1)),
		       ct_color(k->ctx, CT_C_RESET));
		print_clean(cJSON_GetStringValue(cJSON_GetArrayItem(s, 1)));
		if (cJSON_IsFalse(ind))
			printf(" %s(dependent sources)%s", ct_color(k->ctx, CT_C_DIM), ct_color(k->ctx, CT_C_RESET));
		putchar('\n');
	}
	cJSON_ArrayForEach(sig, cJSON_GetObjectItemCaseSensitive(o, "signals")) {
		printf("      %s: \"", cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(sig, "kind")));
		print_clean(cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(sig, "a")));
		printf("\" / \"");
		print_clean(cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(sig, "b")));
		printf("\"\n");
	}
	cJSON_Delete(o);
	return 0;
}

static int dep_row(const char *on, const char *unused, void *payload)
{
	(void)unused;
	return cJSON_AddItemToArray(payload, cJSON_CreateString(on)) ? 0 : ct_error_set(CT_ENOMEM, "out of memory");
}

int ct_cmd_match(int argc, char **argv, struct ct_ctx *ctx)
{
	int json = 0, all = 0, want_stats = 0, n, r;
	long jobs = 0;
	const char *source = NULL, *claim = NULL;
	const struct ct_option opts[] = {
		{ 's', "source", CT_OPT_STRING, &source, "ID", "list only the alignments of this source's claims" },
		{ 0, "claim", CT_OPT_STRING, &claim, "ID", "list only the alignments of this claim (id or prefix)" },
		{ 0, "all", CT_OPT_FLAG, &all, NULL, "match every claim again, not only those of changed sources" },
		{ 0, "stats", CT_OPT_FLAG, &want_stats, NULL, "print the counts of the run instead of the alignments" },
		{ 0, "json", CT_OPT_FLAG, &json, NULL, "print a JSON array of alignments (with --stats: an object)" },
		{ 'j', "jobs", CT_OPT_LONG, &jobs, "N", "score with N threads (default: CLAIMTRACK_THREADS, else the CPUs)" },
		{ 0 }
	};
	const struct ct_usage u = { "match", "[--source ID] [--claim ID] [--all] [--stats] [--json] [--jobs N]",
		"Aligns the claims of different sources: for each claim, the claims of other sources that state "
		"the same fact, whether they corroborate or contradict it, and the differing spans. Alignments are "
		"kept in the index and brought up to date by every command that shows them; only the claims of "
		"sources changed since the last match are matched again. Then lists the alignments, best first.",
		opts, 0, 0 };
	struct ct_match_stats st;
	struct ct_align_filter f = { NULL, NULL };
	struct listing k = { ctx, NULL, 0 };
	struct ct_json_stream stream = { 0 };
	ct_buf full = CT_BUF_INIT, path = CT_BUF_INIT;
	ct_index *ix;
	struct timespec t0, t1;
	double secs;

	if ((r = ct_parse_options(&u, argc, argv, &n)) != 0)
		return r == CT_PARSE_HELP ? 0 : -r;
	if (source && claim)
		return ct_cmd_error(CT_EXIT_USAGE, "--source and --claim cannot be used together");
	if (jobs < 0 || jobs > CT_MATCH_MAX_THREADS)
		return ct_cmd_error(CT_EXIT_USAGE, "--jobs must be 1 to %d", CT_MATCH_MAX_THREADS);
	match_jobs = jobs;
	if ((r = ct_cmd_index(ctx, &ix)) < 0)
		return ct_cmd_fail(r);
	if (claim) {
		if ((r = ct_index_resolve_claim(ix, claim, &full, &path)) < 0)
			goto fail;
		f.claim = full.ptr;
	}
	if (source) {
		r = ct_index_get(ix, "source", source, &full, &path);
		if (r == CT_ENOTFOUND) {
			r = ct_error_set(CT_EINPUT, "no such source: '%s'", source);
			goto fail;
		}
		if (r < 0)
			goto fail;
		f.source = source;
	}
	clock_gettime(CLOCK_MONOTONIC, &t0);
	if ((r = ct_match_refresh_ex(ctx, ix, all, &st)) < 0)
		goto fail;
	clock_gettime(CLOCK_MONOTONIC, &t1);
	secs = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
	if (want_stats) {
		long aligned = 0;
		cJSON *o = NULL;
		if ((r = ct_index_align_count(ix, &f, &aligned)) < 0)
			goto fail;
		if (!(o = cJSON_CreateObject())) {
			r = ct_error_set(CT_ENOMEM, "out of memory");
			goto fail;
		}
		cJSON_AddNumberToObject(o, "claims_matched", (double)st.queries);
		cJSON_AddNumberToObject(o, "claims", (double)st.claims);
		cJSON_AddNumberToObject(o, "claims_analysed", (double)st.analysed);
		cJSON_AddNumberToObject(o, "terms", (double)st.terms);
		cJSON_AddNumberToObject(o, "postings", (double)st.postings);
		cJSON_AddNumberToObject(o, "skipped_terms", (double)st.skipped_terms);
		cJSON_AddNumberToObject(o, "candidates", (double)st.candidates);
		cJSON_AddNumberToObject(o, "candidates_other_stories", (double)st.gated);
		cJSON_AddNumberToObject(o, "pairs", (double)st.pairs);
		cJSON_AddNumberToObject(o, "blocks", (double)st.blocks);
		cJSON_AddNumberToObject(o, "prepared", (double)st.prepared);
		cJSON_AddNumberToObject(o, "alignments", (double)aligned);
		cJSON_AddNumberToObject(o, "seconds", (double)(long)(secs * 1000 + 0.5) / 1000);
		{
			cJSON *ph = cJSON_AddObjectToObject(o, "step_seconds");
			if (!ph) {
				cJSON_Delete(o);
				r = ct_error_set(CT_ENOMEM, "out of memory");
				goto fail;
			}
			cJSON_AddNumberToObject(ph, "load", (double)(long)(st.secs_load * 1000 + 0.5) / 1000);
			cJSON_AddNumberToObject(ph, "terms", (double)(long)(st.secs_terms * 1000 + 0.5) / 1000);
			cJSON_AddNumberToObject(ph, "score", (double)(long)(st.secs_score * 1000 + 0.5) / 1000);
			cJSON_AddNumberToObject(ph, "store", (double)(long)(st.secs_store * 1000 + 0.5) / 1000);
			cJSON_AddNumberToObject(ph, "dependence", (double)(long)(st.secs_dependence * 1000 + 0.5) / 1000);
			cJSON_AddNumberToObject(ph, "commit", (double)(long)(st.secs_commit * 1000 + 0.5) / 1000);
		}
		if (json) {
			r = ct_print_json(o);
		} else {
			if (!st.claims)
				printf("alignments up to date\n");
			else
				printf("matched %zu of %zu claims (%zu analysed, the terms of the others kept in the index): "
				       "%zu terms, %zu candidate pairs scored (%zu of sources of other stories left out), "
				       "%zu pairs kept\n", st.queries, st.claims, st.analysed, st.terms, st.candidates,
				       st.gated, st.pairs);
			printf("%ld alignments stored; %.3f s\n", aligned, secs);
			if (st.claims)
				printf("steps: load %.3f s, terms %.3f s, score %.3f s, store %.3f s, dependence %.3f s, "
				       "commit %.3f s\n", st.secs_load, st.secs_terms, st.secs_score, st.secs_store,
				       st.secs_dependence, st.secs_commit);
		}
		cJSON_Delete(o);
		if (r < 0)
			goto fail;
		goto done;
	}
	if (json)
		k.json = &stream;
	if ((r = ct_index_alignments(ix, &f, align_row, &k)) < 0)
		goto fail;
	if (json)
		ct_json_stream_end(&stream);
	goto done;
fail:
	ct_buf_release(&full);
	ct_buf_release(&path);
	return ct_cmd_fail(r);
done:
	ct_buf_release(&full);
	ct_buf_release(&path);
	return 0;
}

int ct_match_source_deps_json(ct_index *ix, const char *source, cJSON *array)
{
	return ct_index_source_deps(ix, source, dep_row, array);
}
