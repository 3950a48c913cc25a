/* Cross-source matching: an inverted index over the claims' weighted terms gives each claim its
 * few best candidates from other sources; only those pairs are scored. Then the dependence of
 * sources from the order of the claims they share. */
#include "align/match.h"

#include <math.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libstemmer.h>

#include "align/story.h"
#include "util/err.h"

static int oom(void)
{
	return ct_error_set(CT_ENOMEM, "out of memory matching claims");
}

static int cmp_u64(const void *x, const void *y)
{
	uint64_t a = *(const uint64_t *)x, b = *(const uint64_t *)y;
	return a < b ? -1 : a > b;
}

struct cand {
	size_t c;
	double score;
};

/* Inserts (c, score) into the best-first list top[0..*n) of at most k entries. */
static void keep_best(struct cand *top, size_t *n, size_t k, size_t c, double score)
{
	size_t i;
	if (*n == k && score <= top[k - 1].score)
		return;
	i = *n < k ? (*n)++ : k - 1;
	while (i > 0 && top[i - 1].score < score) {
		top[i] = top[i - 1];
		i--;
	}
	top[i].c = c;
	top[i].score = score;
}

/* Packed prepared claims of one block, in chunks that are never moved (claims point into them)
 * and are kept for the next block (arena_reset). */
#define ARENA_CHUNK ((size_t)1 << 20)

struct arena {
	unsigned char **chunks;
	size_t *caps;
	size_t nchunks, cur, used;   /* cur: the chunk being filled, used: bytes taken in it */
};

static void *arena_take(struct arena *a, size_t bytes)
{
	void *p;
	while (a->cur < a->nchunks && a->used + bytes > a->caps[a->cur]) {
		a->cur++;
		a->used = 0;
	}
	if (a->cur == a->nchunks) {
		size_t cap = bytes > ARENA_CHUNK ? bytes : ARENA_CHUNK;
		unsigned char **c2;
		size_t *k2;
		if (!(c2 = realloc(a->chunks, (a->nchunks + 1) * sizeof(*c2))))
			return NULL;
		a->chunks = c2;
		if (!(k2 = realloc(a->caps, (a->nchunks + 1) * sizeof(*k2))))
			return NULL;
		a->caps = k2;
		if (!(a->chunks[a->nchunks] = malloc(cap)))
			return NULL;
		a->caps[a->nchunks++] = cap;
		a->used = 0;
	}
	p = a->chunks[a->cur] + a->used;
	a->used += bytes;
	return p;
}

static void arena_reset(struct arena *a)
{
	a->cur = 0;
	a->used = 0;
}

static void arena_free(struct arena *a)
{
	size_t i;
	for (i = 0; i < a->nchunks; i++)
		free(a->chunks[i]);
	free(a->chunks);
	free(a->caps);
	memset(a, 0, sizeof(*a));
}

/* One thread's share of the analysis (claims [lo, hi)): the terms of each claim appended to
 * tid/tw. The analysis itself is not kept: the scorer analyses the claims again, block by block. */
struct analysis {
	struct sb_stemmer *stemmer;
	const struct ct_match_claim *claims;
	size_t lo, hi;
	size_t *nterms;            /* shared: claim i's number of terms */
	uint32_t *tid;
	float *tw;
	size_t total, cap;
	int failed;
};

static void *analyse_range(void *arg)
{
	struct analysis *an = arg;
	struct ct_prepared *p = ct_prepared_new();
	size_t i, k;
	if (!p)
		goto fail;
	for (i = an->lo; i < an->hi; i++) {
		const struct ct_match_claim *c = &an->claims[i];
		size_t nt;
		ct_prepare(p, an->stemmer, c->text, c->len, c->published);
		nt = ct_prepared_nterms(p);
		an->nterms[i] = nt;
		if (an->total + nt > an->cap) {
			size_t ncap = an->cap ? an->cap * 2 : 1024;
			uint32_t *t2;
			float *w2;
			while (ncap < an->total + nt)
				ncap *= 2;
			if (!(t2 = realloc(an->tid, ncap * sizeof(*t2))))
				goto fail;
			an->tid = t2;
			if (!(w2 = realloc(an->tw, ncap * sizeof(*w2))))
				goto fail;
			an->tw = w2;
			an->cap = ncap;
		}
		for (k = 0; k < nt; k++) {
			double w;
			ct_prepared_term(p, k, &an->tid[an->total + k], &w);
			an->tw[an->total + k] = (float)w;
		}
		an->total += nt;
	}
	ct_prepared_free(p);
	return NULL;
fail:
	ct_prepared_free(p);
	an->failed = 1;
	return NULL;
}

/* The scorer's work, in blocks: block k holds the candidate pairs byblock[bstart[k] ..
 * bstart[k + 1]) (candidate indexes, ascending). Threads take the next block in turn; each
 * analyses the claims its block needs once, packs them into its arena, scores the block's pairs
 * and forgets them. */
struct blocks {
	const struct ct_match_claim *claims;
	const uint64_t *cand;
	const uint32_t *byblock;
	const size_t *bstart;
	size_t nblocks, next;
	pthread_mutex_t lock;
	uint64_t *kept;            /* per candidate: thread << 32 | (its pair's index + 1); 0 unrelated */
};

/* One thread's share of the scoring: the pairs it kept and their signals. */
struct scoring {
	struct blocks *bl;
	struct sb_stemmer *stemmer;
	size_t thread;
	struct arena arena;
	uint32_t *need;            /* the claims of the block being scored, ascending */
	const void **packed;       /* need[j]'s packed analysis */
	size_t ncap;
	size_t prepared;           /* claims analysed */
	struct ct_match_pair *pairs;
	size_t npairs, pcap;
	struct ct_match_signal *sigs;
	size_t nsigs, scap;
	int failed;
};

static int cmp_u32(const void *x, const void *y)
{
	uint32_t a = *(const uint32_t *)x, b = *(const uint32_t *)y;
	return a < b ? -1 : a > b;
}

/* The place of claim c in need[0..n) (it is there). */
static size_t need_index(const uint32_t *need, size_t n, uint32_t c)
{
	size_t lo = 0, hi = n;
	while (hi - lo > 1) {
		size_t mid = (lo + hi) / 2;
		if (need[mid] <= c)
			lo = mid;
		else
			hi = mid;
	}
	return lo;
}

/* Scores block k: 0, or -1 when out of memory. */
static int score_block(struct scoring *sc, struct ct_prepared *x, struct ct_prepared *y, size_t k)
{
	const struct blocks *bl = sc->bl;
	size_t lo = bl->bstart[k], hi = bl->bstart[k + 1], m = hi - lo, nn, i, j;
	if (2 * m > sc->ncap) {
		size_t ncap = 2 * m;
		uint32_t *n2 = realloc(sc->need, ncap * sizeof(*n2));
		const void **p2;
		if (!n2)
			return -1;
		sc->need = n2;
		if (!(p2 = realloc(sc->packed, ncap * sizeof(*p2))))
			return -1;
		sc->packed = p2;
		sc->ncap = ncap;
	}
	for (i = 0; i < m; i++) {
		uint64_t cd = bl->cand[bl->byblock[lo + i]];
		sc->need[2 * i] = (uint32_t)(cd >> 32);
		sc->need[2 * i + 1] = (uint32_t)(cd & 0xffffffffu);
	}
	if (m)
		qsort(sc->need, 2 * m, sizeof(*sc->need), cmp_u32);
	for (i = nn = 0; i < 2 * m; i++)
		if (!nn || sc->need[nn - 1] != sc->need[i])
			sc->need[nn++] = sc->need[i];
	arena_reset(&sc->arena);
	for (j = 0; j < nn; j++) {
		const struct ct_match_claim *c = &bl->claims[sc->need[j]];
		void *blob;
		ct_prepare(x, sc->stemmer, c->text, c->len, c->published);
		if (!(blob = arena_take(&sc->arena, ct_prepared_packed_size(x))))
			return -1;
		ct_prepared_pack(x, blob);
		sc->packed[j] = blob;
	}
	sc->prepared += nn;
	for (i = lo; i < hi; i++) {
		uint32_t ci = bl->byblock[i];
		uint32_t a = (uint32_t)(bl->cand[ci] >> 32), b = (uint32_t)(bl->cand[ci] & 0xffffffffu);
		struct ct_comparison cmp;
		struct ct_match_pair *pp;
		ct_prepared_unpack(x, sc->packed[need_index(sc->need, nn, a)]);
		ct_prepared_unpack(y, sc->packed[need_index(sc->need, nn, b)]);
		if (ct_compare_prepared(x, y, &cmp) < 0)   /* a != b: cannot fail */
			return -1;
		if (!strcmp(cmp.relation, "unrelated"))
			continue;
		if (sc->npairs == sc->pcap) {
			size_t ncap = sc->pcap ? sc->pcap * 2 : 256;
			struct ct_match_pair *p2 = realloc(sc->pairs, ncap * sizeof(*p2));
			if (!p2)
				return -1;
			sc->pairs = p2;
			sc->pcap = ncap;
		}
		if (sc->nsigs + cmp.nsignals > sc->scap) {
			size_t ncap = sc->scap ? sc->scap * 2 : 256;
			struct ct_match_signal *s2;
			while (ncap < sc->nsigs + cmp.nsignals)
				ncap *= 2;
			if (!(s2 = realloc(sc->sigs, ncap * sizeof(*s2))))
				return -1;
			sc->sigs = s2;
			sc->scap = ncap;
		}
		if (sc->nsigs + cmp.nsignals >= UINT32_MAX || sc->npairs + 1 >= UINT32_MAX)
			return -1;
		pp = &sc->pairs[sc->npairs++];
		pp->a = a;
		pp->b = b;
		pp->score = cmp.score;
		pp->relation = cmp.relation;
		pp->sig = (uint32_t)sc->nsigs;   /* within this thread's signals; rebased when joined */
		pp->nsig = (uint32_t)cmp.nsignals;
		for (j = 0; j < cmp.nsignals; j++) {
			struct ct_match_signal *ms = &sc->sigs[sc->nsigs++];
			ms->kind = (uint32_t)cmp.signals[j].kind;
			ms->a_start = (uint32_t)cmp.signals[j].a_start;
			ms->a_end = (uint32_t)cmp.signals[j].a_end;
			ms->b_start = (uint32_t)cmp.signals[j].b_start;
			ms->b_end = (uint32_t)cmp.signals[j].b_end;
		}
		bl->kept[ci] = (uint64_t)sc->thread << 32 | sc->npairs;
	}
	return 0;
}

static void *score_blocks(void *arg)
{
	struct scoring *sc = arg;
	struct blocks *bl = sc->bl;
	struct ct_prepared *x = ct_prepared_new(), *y = ct_prepared_new();
	if (!x || !y)
		goto fail;
	for (;;) {
		size_t k;
		pthread_mutex_lock(&bl->lock);
		k = bl->next < bl->nblocks ? bl->next++ : bl->nblocks;
		pthread_mutex_unlock(&bl->lock);
		if (k == bl->nblocks)
			break;
		if (score_block(sc, x, y, k) < 0)
			goto fail;
	}
	ct_prepared_free(x);
	ct_prepared_free(y);
	return NULL;
fail:
	ct_prepared_free(x);
	ct_prepared_free(y);
	sc->failed = 1;
	/* the other threads stop at their next block */
	pthread_mutex_lock(&bl->lock);
	bl->next = bl->nblocks;
	pthread_mutex_unlock(&bl->lock);
	return NULL;
}

/* One thread's share of candidate generation (queries [lo, hi)): their best candidates as pairs
 * (smaller claim << 32 | greater claim), in no particular order. */
struct gathering {
	const struct ct_match_claim *claims;
	const size_t *off, *poff, *src;
	const uint32_t *tid, *post;
	const float *tw, *idf, *norm;
	const unsigned char *reverse;  /* claims that are no query but may have one among their best */
	size_t n, lo, hi;
	uint64_t *cand;
	size_t ncand, cap;
	int failed;
};

static void *gather_range(void *arg)
{
	struct gathering *g = arg;
	float *acc = calloc(g->n ? g->n : 1, sizeof(*acc));
	uint32_t *touched = malloc((g->n ? g->n : 1) * sizeof(*touched));
	size_t i, j;
	if (!acc || !touched)
		goto fail;
	for (i = g->lo; i < g->hi; i++) {
		struct cand top[CT_MATCH_TOPK];
		size_t ntop = 0, nt = 0, k;
		if (!g->claims[i].query && !(g->reverse && g->reverse[i]))
			continue;
		for (j = g->off[i]; j < g->off[i + 1]; j++) {
			uint32_t tt = g->tid[j];
			size_t p;
			float w = g->tw[j] * g->idf[tt];
			if (g->poff[tt + 1] - g->poff[tt] > CT_MATCH_DF_CAP || g->poff[tt + 1] - g->poff[tt] < 2)
				continue;
			for (p = g->poff[tt]; p < g->poff[tt + 1]; p++) {
				uint32_t c = g->post[p];
				if (g->src[c] == g->src[i])
					continue;
				if (acc[c] == 0)
					touched[nt++] = c;
				acc[c] += w;
			}
		}
		for (k = 0; k < nt; k++) {
			uint32_t c = touched[k];
			double sc = 2.0 * acc[c] / (g->norm[i] + g->norm[c]);
			acc[c] = 0;
			if (sc >= CT_MATCH_MIN_OVERLAP)
				keep_best(top, &ntop, CT_MATCH_TOPK, c, sc);
		}
		if (g->ncand + ntop > g->cap) {
			size_t ncap = g->cap ? g->cap * 2 : 4096;
			uint64_t *c2;
			while (ncap < g->ncand + ntop)
				ncap *= 2;
			if (!(c2 = realloc(g->cand, ncap * sizeof(*c2))))
				goto fail;
			g->cand = c2;
			g->cap = ncap;
		}
		for (k = 0; k < ntop; k++) {
			uint64_t a = i < top[k].c ? i : top[k].c, b = i < top[k].c ? top[k].c : i;
			/* a claim looked at from the other side: only its pairs with a query */
			if (!g->claims[i].query && !g->claims[top[k].c].query)
				continue;
			g->cand[g->ncand++] = a << 32 | b;
		}
	}
	free(acc);
	free(touched);
	return NULL;
fail:
	free(acc);
	free(touched);
	g->failed = 1;
	return NULL;
}

/* ---- blocks of candidate pairs with locality ---- */

struct claim_source {
	size_t source;
	uint32_t claim;
};

static int cmp_claim_source(const void *x, const void *y)
{
	const struct claim_source *a = x, *b = y;
	if (a->source != b->source)
		return a->source < b->source ? -1 : 1;
	return a->claim < b->claim ? -1 : a->claim > b->claim;
}

static uint32_t uf_find(uint32_t *parent, uint32_t x)
{
	while (parent[x] != x) {
		parent[x] = parent[parent[x]];
		x = parent[x];
	}
	return x;
}

/* Groups the candidate pairs cand[0..ncand) into blocks of about block_pairs pairs whose claims
 * are near each other: sources that share at least CT_MATCH_BLOCK_LINK candidate pairs (the
 * outlets covering one story) are put together, the claims in the order of their sources, and a
 * pair goes to the block of its later claim. Sets *byblock (candidate indexes, by block, ascending
 * in each), *bstart (nblocks + 1 offsets) and *nblocks. 0 or -1 (out of memory). */
static int make_blocks(const struct ct_match_claim *claims, size_t n, const uint64_t *cand, size_t ncand,
		       size_t block_pairs, uint32_t **byblock, size_t **bstart, size_t *nblocks)
{
	uint32_t *sid = NULL, *parent = NULL, *comp = NULL, *srank = NULL, *pos = NULL, *cnt = NULL;
	size_t *start = NULL, nsrc = 0, ncomp = 0, i, j, k, acc;
	uint64_t *links = NULL;
	struct claim_source *cs = NULL;
	int error = -1;

	*byblock = NULL;
	*bstart = NULL;
	*nblocks = 0;
	if (!(sid = malloc((n ? n : 1) * sizeof(*sid))) || !(pos = malloc((n ? n : 1) * sizeof(*pos))))
		goto done;
	/* dense source numbers, in the order of the callers' numbers */
	for (i = 1; i < n && claims[i - 1].source <= claims[i].source; i++)
		;
	if (i >= n) {
		for (i = 0; i < n; i++) {
			nsrc += i && claims[i].source != claims[i - 1].source;
			sid[i] = (uint32_t)nsrc;
		}
	} else {
		if (!(cs = malloc(n * sizeof(*cs))))
			goto done;
		for (i = 0; i < n; i++) {
			cs[i].source = claims[i].source;
			cs[i].claim = (uint32_t)i;
		}
		qsort(cs, n, sizeof(*cs), cmp_claim_source);
		for (i = 0; i < n; i++) {
			nsrc += i && cs[i].source != cs[i - 1].source;
			sid[cs[i].claim] = (uint32_t)nsrc;
		}
		free(cs);
		cs = NULL;
	}
	nsrc += n > 0;
	/* sources joined by their shared candidate pairs */
	if (!(parent = malloc((nsrc ? nsrc : 1) * sizeof(*parent))) || !(links = malloc((ncand ? ncand : 1) * sizeof(*links))))
		goto done;
	for (i = 0; i < nsrc; i++)
		parent[i] = (uint32_t)i;
	for (i = 0; i < ncand; i++) {
		uint64_t x = sid[cand[i] >> 32], y = sid[cand[i] & 0xffffffffu];
		links[i] = x < y ? x << 32 | y : y << 32 | x;
	}
	if (ncand)
		qsort(links, ncand, sizeof(*links), cmp_u64);
	for (i = 0; i < ncand; i = j) {
		for (j = i + 1; j < ncand && links[j] == links[i]; j++)
			;
		if (j - i >= CT_MATCH_BLOCK_LINK) {
			uint32_t x = uf_find(parent, (uint32_t)(links[i] >> 32)), y = uf_find(parent, (uint32_t)(links[i] & 0xffffffffu));
			if (x != y)
				parent[x > y ? x : y] = x < y ? x : y;
		}
	}
	free(links);
	links = NULL;
	/* sources ranked by group (groups in the order of their first source), then by number */
	if (!(comp = malloc((nsrc ? nsrc : 1) * sizeof(*comp))) || !(srank = malloc((nsrc ? nsrc : 1) * sizeof(*srank))) ||
	    !(start = calloc(nsrc + 2, sizeof(*start))))
		goto done;
	for (i = 0; i < nsrc; i++) {
		uint32_t r = uf_find(parent, (uint32_t)i);
		comp[i] = r == i ? (uint32_t)ncomp++ : comp[r];   /* a root is its group's first source */
		start[comp[i] + 1]++;
	}
	for (i = 0; i < ncomp; i++)
		start[i + 1] += start[i];
	for (i = 0; i < nsrc; i++)
		srank[i] = (uint32_t)start[comp[i]]++;
	/* claims by their source's rank, in their own order within a source */
	memset(start, 0, (nsrc + 2) * sizeof(*start));
	for (i = 0; i < n; i++)
		start[srank[sid[i]] + 1]++;
	for (i = 0; i < nsrc; i++)
		start[i + 1] += start[i];
	for (i = 0; i < n; i++)
		pos[i] = (uint32_t)start[srank[sid[i]]]++;
	free(start);
	start = NULL;
	/* a pair in the block of its later claim; a block cut after block_pairs pairs */
	if (!(cnt = calloc(n ? n : 1, sizeof(*cnt))))
		goto done;
	for (i = 0; i < ncand; i++) {
		uint32_t pa = pos[cand[i] >> 32], pb = pos[cand[i] & 0xffffffffu];
		cnt[pa > pb ? pa : pb]++;
	}
	for (i = acc = k = 0; i < n; i++) {
		acc += cnt[i];
		cnt[i] = (uint32_t)k;   /* now the block of position i */
		if (acc >= block_pairs) {
			k++;
			acc = 0;
		}
	}
	k += acc > 0;
	if (!(*bstart = calloc(k + 1, sizeof(**bstart))) || !(*byblock = malloc((ncand ? ncand : 1) * sizeof(**byblock))))
		goto done;
	for (i = 0; i < ncand; i++) {
		uint32_t pa = pos[cand[i] >> 32], pb = pos[cand[i] & 0xffffffffu];
		(*bstart)[cnt[pa > pb ? pa : pb] + 1]++;
	}
	for (i = 0; i < k; i++)
		(*bstart)[i + 1] += (*bstart)[i];
	for (i = 0; i < ncand; i++) {
		uint32_t pa = pos[cand[i] >> 32], pb = pos[cand[i] & 0xffffffffu];
		(*byblock)[(*bstart)[cnt[pa > pb ? pa : pb]]++] = (uint32_t)i;
	}
	for (i = k; i > 0; i--)   /* the fill cursors back to the starts */
		(*bstart)[i] = (*bstart)[i - 1];
	(*bstart)[0] = 0;
	*nblocks = k;
	error = 0;
done:
	if (error) {
		free(*byblock);
		free(*bstart);
		*byblock = NULL;
		*bstart = NULL;
	}
	free(sid);
	free(parent);
	free(comp);
	free(srank);
	free(pos);
	free(cnt);
	free(start);
	free(links);
	free(cs);
	return error;
}

/* Runs fn on each of args[0..nthreads) (of size bytes each): the first in this thread, the
 * others in threads of their own (in this thread too when one cannot be started). */
static void run_parallel(void *(*fn)(void *), void *args, size_t size, size_t nthreads)
{
	pthread_t tids[CT_MATCH_MAX_THREADS];
	int started[CT_MATCH_MAX_THREADS] = { 0 };
	size_t t;
	for (t = 1; t < nthreads; t++)
		started[t] = pthread_create(&tids[t], NULL, fn, (char *)args + t * size) == 0;
	fn(args);
	for (t = 1; t < nthreads; t++) {
		if (started[t])
			pthread_join(tids[t], NULL);
		else
			fn((char *)args + t * size);
	}
}

void ct_match_result_free(struct ct_match_result *r)
{
	free(r->pairs);
	free(r->signals);
	memset(r, 0, sizeof(*r));
}

void ct_match_comparison(const struct ct_match_result *r, const struct ct_match_pair *p, struct ct_comparison *out)
{
	uint32_t i;
	memset(out, 0, sizeof(*out));
	out->score = p->score;
	out->relation = p->relation;
	out->nsignals = p->nsig;
	for (i = 0; i < p->nsig; i++) {
		const struct ct_match_signal *ms = &r->signals[p->sig + i];
		out->signals[i].kind = (enum ct_signal_kind)ms->kind;
		out->signals[i].a_start = ms->a_start;
		out->signals[i].a_end = ms->a_end;
		out->signals[i].b_start = ms->b_start;
		out->signals[i].b_end = ms->b_end;
	}
}

static const char warm_text[] = "Mr. Smith said on Monday, Oct. 13, that 1,200 people had not left.";

void ct_match_terms_free(struct ct_match_terms *t)
{
	free(t->off);
	free(t->terms);
	free(t->weights);
	memset(t, 0, sizeof(*t));
}

int ct_match_analyse(struct sb_stemmer *stemmer, const struct ct_match_claim *claims, size_t n, unsigned threads,
		     struct ct_match_terms *out)
{
	struct analysis an[CT_MATCH_MAX_THREADS];
	struct ct_prepared *pa = NULL;
	size_t *nterms = NULL, nthreads = threads < 1 ? 1 : threads > CT_MATCH_MAX_THREADS ? CT_MATCH_MAX_THREADS : threads;
	size_t i, t, j, total = 0;
	int error = 0;

	memset(an, 0, sizeof(an));
	memset(out, 0, sizeof(*out));
	if (nthreads > n)
		nthreads = n ? n : 1;
	if (!(pa = ct_prepared_new()) || !(nterms = calloc(n ? n : 1, sizeof(*nterms))) ||
	    !(out->off = malloc((n + 1) * sizeof(*out->off))))
		goto nomem;
	/* the analysers' word tables are built on first use: built before any thread starts */
	ct_prepare(pa, stemmer, warm_text, sizeof(warm_text) - 1, "2025-10-13");
	for (t = 0; t < nthreads; t++) {
		an[t].claims = claims;
		an[t].lo = n * t / nthreads;
		an[t].hi = n * (t + 1) / nthreads;
		an[t].nterms = nterms;
		if (!(an[t].stemmer = t ? sb_stemmer_new("english", "UTF_8") : stemmer))
			goto nomem;
	}
	run_parallel(analyse_range, an, sizeof(an[0]), nthreads);
	for (t = 0; t < nthreads; t++) {
		if (an[t].failed)
			goto nomem;
		total += an[t].total;
	}
	if (!(out->terms = malloc((total ? total : 1) * sizeof(*out->terms))) ||
	    !(out->weights = malloc((total ? total : 1) * sizeof(*out->weights))))
		goto nomem;
	for (t = 0, j = 0; t < nthreads; t++) {
		if (an[t].total) {
			memcpy(out->terms + j, an[t].tid, an[t].total * sizeof(*out->terms));
			memcpy(out->weights + j, an[t].tw, an[t].total * sizeof(*out->weights));
		}
		j += an[t].total;
	}
	for (i = 0, j = 0; i < n; i++) {
		out->off[i] = j;
		j += nterms[i];
	}
	out->off[n] = total;
	goto done;
nomem:
	error = oom();
	ct_match_terms_free(out);
done:
	for (t = 0; t < CT_MATCH_MAX_THREADS; t++) {
		if (t && an[t].stemmer)
			sb_stemmer_delete(an[t].stemmer);
		free(an[t].tid);
		free(an[t].tw);
	}
	ct_prepared_free(pa);
	free(nterms);
	return error;
}

static int run(struct sb_stemmer *stemmer, const struct ct_match_claim *claims, size_t n, unsigned threads,
	       size_t block_pairs, struct ct_match_terms *given, struct ct_match_result *out, struct ct_match_stats *stats);

int ct_match_run_terms(struct sb_stemmer *stemmer, const struct ct_match_claim *claims, size_t n, unsigned threads,
		       struct ct_match_terms *terms, struct ct_match_result *out, struct ct_match_stats *stats)
{
	return run(stemmer, claims, n, threads, CT_MATCH_BLOCK_PAIRS, terms, out, stats);
}

int ct_match_run(struct sb_stemmer *stemmer, const struct ct_match_claim *claims, size_t n, unsigned threads,
		 struct ct_match_result *out, struct ct_match_stats *stats)
{
	return ct_match_run_blocks(stemmer, claims, n, threads, CT_MATCH_BLOCK_PAIRS, out, stats);
}

int ct_match_run_blocks(struct sb_stemmer *stemmer, const struct ct_match_claim *claims, size_t n, unsigned threads,
			size_t block_pairs, struct ct_match_result *out, struct ct_match_stats *stats)
{
	return run(stemmer, claims, n, threads, block_pairs, NULL, out, stats);
}

/* given: the claims' terms, taken over (NULL: the claims are analysed here) */
static int run(struct sb_stemmer *stemmer, const struct ct_match_claim *claims, size_t n, unsigned threads,
	       size_t block_pairs, struct ct_match_terms *given, struct ct_match_result *out, struct ct_match_stats *stats)
{
	struct analysis an[CT_MATCH_MAX_THREADS];
	struct scoring sc[CT_MATCH_MAX_THREADS];
	struct gathering gt[CT_MATCH_MAX_THREADS];
	struct ct_prepared *pa = NULL;
	size_t *off = NULL, i, j, k, t, total = 0, ntid = 0, hcap, npairs = 0, ncand = 0;
	size_t nthreads = threads < 1 ? 1 : threads > CT_MATCH_MAX_THREADS ? CT_MATCH_MAX_THREADS : threads;
	uint32_t *tid = NULL, *hkey = NULL, *hval = NULL, *df = NULL, *post = NULL;
	size_t *poff = NULL, *nterms = NULL, *src = NULL, gthreads;
	float *tw = NULL, *idf = NULL, *norm = NULL;
	uint64_t *cand = NULL, *kept = NULL;
	uint32_t *byblock = NULL, *dest = NULL;
	size_t base[CT_MATCH_MAX_THREADS];
	size_t *bstart = NULL, nblocks = 0;
	struct blocks bl;
	int locked = 0;
	struct ct_match_pair *pairs = NULL;
	struct ct_match_signal *sigs = NULL;
	size_t nsigs = 0;
	struct ct_match_stats st;
	struct ct_story_gate gate;
	struct ct_match_terms own = { NULL, NULL, NULL };
	unsigned char *reverse = NULL;
	int error = 0;

	memset(&st, 0, sizeof(st));
	memset(&gate, 0, sizeof(gate));
	memset(out, 0, sizeof(*out));
	memset(an, 0, sizeof(an));
	memset(sc, 0, sizeof(sc));
	memset(gt, 0, sizeof(gt));
	st.claims = n;
	if (n >= UINT32_MAX) {
		if (given)
			ct_match_terms_free(given);
		return ct_error_set(CT_EINPUT, "too many claims to match: %zu", n);
	}
	for (i = 0; i < n; i++)
		if (claims[i].len >= UINT32_MAX) {
			if (given)
				ct_match_terms_free(given);
			return ct_error_set(CT_EINPUT, "claim too long to match: %zu bytes", claims[i].len);
		}
	if (nthreads > n)
		nthreads = n ? n : 1;
	gthreads = nthreads;
	if (block_pairs < 1)
		block_pairs = 1;
	/* 1. Every claim's weighted terms (the scorer's own analysis): given, or analysed here, each
	 * thread a contiguous range with its own stemmer; then the threads' stemmers made for the
	 * scoring */
	if (!given) {
		if ((error = ct_match_analyse(stemmer, claims, n, (unsigned)nthreads, &own)) < 0)
			goto done;
		given = &own;
		st.analysed = n;
	}
	off = given->off;
	tid = given->terms;
	tw = given->weights;
	memset(given, 0, sizeof(*given));
	if (!off || !tid || !tw)
		goto nomem;
	for (t = 0; t < nthreads; t++)
		if (!(an[t].stemmer = t ? sb_stemmer_new("english", "UTF_8") : stemmer))
			goto nomem;
	/* the analysers' word tables are built on first use: built before any thread starts */
	if (!(pa = ct_prepared_new()))
		goto nomem;
	ct_prepare(pa, stemmer, warm_text, sizeof(warm_text) - 1, "2025-10-13");
	for (i = 0; i < n; i++)
		st.queries += claims[i].query != 0;
	total = off[n];
	st.postings = total;


	/* 2. Term hashes to dense ids (open addressing, at most half full, grown with the distinct
	 * terms; hashes are never 0), document frequencies. */
	hcap = 1024;
	if (!(hkey = calloc(hcap, sizeof(*hkey))) || !(hval = malloc(hcap * sizeof(*hval))) ||
	    !(df = malloc(hcap / 2 * sizeof(*df))))
		goto nomem;
	for (i = 0; i < total; i++) {
		size_t h = (tid[i] * 2654435761u) & (hcap - 1);
		while (hkey[h] && hkey[h] != tid[i])
			h = (h + 1) & (hcap - 1);
		if (!hkey[h]) {
			if (ntid + 1 > hcap / 2) {
				/* twice the slots; every key placed again */
				size_t ncap = hcap * 2, k;
				uint32_t *k2 = calloc(ncap, sizeof(*k2)), *v2 = malloc(ncap * sizeof(*v2)), *d2;
				if (!k2 || !v2) {
					free(k2);
					free(v2);
					goto nomem;
				}
				for (k = 0; k < hcap; k++)
					if (hkey[k]) {
						size_t g = (hkey[k] * 2654435761u) & (ncap - 1);
						while (k2[g])
							g = (g + 1) & (ncap - 1);
						k2[g] = hkey[k];
						v2[g] = hval[k];
					}
				free(hkey);
				free(hval);
				hkey = k2;
				hval = v2;
				hcap = ncap;
				if (!(d2 = realloc(df, hcap / 2 * sizeof(*df))))
					goto nomem;
				df = d2;
				h = (tid[i] * 2654435761u) & (hcap - 1);
				while (hkey[h])
					h = (h + 1) & (hcap - 1);
			}
			hkey[h] = tid[i];
			hval[h] = (uint32_t)ntid;
			df[ntid++] = 0;
		}
		tid[i] = hval[h];
		df[tid[i]]++;   /* terms of one claim are distinct */
	}
	free(hkey);
	free(hval);
	hkey = hval = NULL;
	st.terms = ntid;

	/* 3. Posting lists (claims in ascending order) and IDF weights. */
	if (!(poff = calloc(ntid + 1, sizeof(*poff))) || !(post = malloc((total ? total : 1) * sizeof(*post))) ||
	    !(idf = malloc((ntid ? ntid : 1) * sizeof(*idf))) || !(norm = calloc(n ? n : 1, sizeof(*norm))))
		goto nomem;
	for (i = 0; i < ntid; i++) {
		poff[i + 1] = poff[i] + df[i];
		idf[i] = (float)log(1.0 + (double)n / df[i]);
		st.skipped_terms += df[i] > CT_MATCH_DF_CAP;
	}
	for (i = 0; i < ntid; i++)
		df[i] = 0;   /* reused as fill cursors */
	for (i = 0; i < n; i++)
		for (j = off[i]; j < off[i + 1]; j++) {
			post[poff[tid[j]] + df[tid[j]]++] = (uint32_t)i;
			norm[i] += tw[j] * idf[tid[j]];
		}

	/* 4. Each query's best candidates of other sources by IDF-weighted overlap; each thread a
	 * range of queries with its own accumulators (the pairs are sorted below). */
	if (!(src = malloc((n ? n : 1) * sizeof(*src))))
		goto nomem;
	for (i = 0; i < n; i++)
		src[i] = claims[i].source;
	if (ct_story_gate_build(&gate, src, n, off, tid, idf, ntid, CT_MATCH_DF_CAP) < 0)
		goto nomem;
	/* When only some claims are queries (the claims of changed sources), a pair is also found
	 * from its other side, as a run over every claim finds it: each claim of another source
	 * that shares a gathered term with a query looks for its own best, and keeps those that are
	 * queries. */
	if (st.queries < n && st.queries) {
		if (!(reverse = calloc(n, 1)))
			goto nomem;
		for (i = 0; i < n; i++) {
			if (!claims[i].query)
				continue;
			for (j = off[i]; j < off[i + 1]; j++) {
				size_t p, tt = tid[j];
				if (poff[tt + 1] - poff[tt] > CT_MATCH_DF_CAP || poff[tt + 1] - poff[tt] < 2)
					continue;
				for (p = poff[tt]; p < poff[tt + 1]; p++)
					if (!claims[post[p]].query && src[post[p]] != src[i])
						reverse[post[p]] = 1;
			}
		}
	}
	for (t = 0; t < gthreads; t++) {
		gt[t].claims = claims;
		gt[t].off = off;
		gt[t].poff = poff;
		gt[t].src = src;
		gt[t].tid = tid;
		gt[t].post = post;
		gt[t].tw = tw;
		gt[t].idf = idf;
		gt[t].norm = norm;
		gt[t].reverse = reverse;
		gt[t].n = n;
		gt[t].lo = n * t / gthreads;
		gt[t].hi = n * (t + 1) / gthreads;
	}
	run_parallel(gather_range, gt, sizeof(gt[0]), gthreads);
	for (t = 0; t < gthreads; t++) {
		if (gt[t].failed)
			goto nomem;
		ncand += gt[t].ncand;
	}
	if (gthreads > 1) {
		uint64_t *c2 = realloc(gt[0].cand, (ncand ? ncand : 1) * sizeof(*c2));
		if (!c2)
			goto nomem;
		gt[0].cand = c2;
	}
	for (t = 1, j = gt[0].ncand; t < gthreads; t++) {
		if (gt[t].ncand)
			memcpy(gt[0].cand + j, gt[t].cand, gt[t].ncand * sizeof(*cand));
		j += gt[t].ncand;
		free(gt[t].cand);
		gt[t].cand = NULL;
	}
	cand = gt[0].cand;
	gt[0].cand = NULL;
	if (ncand)   /* qsort must not be given NULL */
		qsort(cand, ncand, sizeof(*cand), cmp_u64);
	for (i = j = 0; i < ncand; i++)
		if (!j || cand[j - 1] != cand[i])
			cand[j++] = cand[i];
	ncand = j;
	/* only the pairs whose sources tell the same story (align/story.h) */
	if (ct_story_gate_filter(&gate, cand, &ncand, NULL) < 0)
		goto nomem;
	st.gated = gate.dropped;
	ct_story_gate_free(&gate);
	st.candidates = ncand;
	free(src);
	src = NULL;
	free(reverse);
	reverse = NULL;
	free(norm);
	free(tid);
	free(tw);
	free(post);
	free(poff);
	free(idf);
	free(df);
	norm = tw = idf = NULL;
	tid = post = df = NULL;
	poff = NULL;

	/* 5. The pair scorer on each candidate pair, block by block: the claims of a block analysed
	 * again and packed, kept only while the block is scored (a claim needed by two blocks is
	 * analysed for each), so that the analyses of every claim are never all in memory. The kept
	 * pairs are then joined in candidate order: the same result whatever the blocks and threads. */
	if (make_blocks(claims, n, cand, ncand, block_pairs, &byblock, &bstart, &nblocks) < 0 ||
	    !(kept = calloc(ncand ? ncand : 1, sizeof(*kept))))
		goto nomem;
	st.blocks = nblocks;
	memset(&bl, 0, sizeof(bl));
	bl.claims = claims;
	bl.cand = cand;
	bl.byblock = byblock;
	bl.bstart = bstart;
	bl.nblocks = nblocks;
	bl.kept = kept;
	if (pthread_mutex_init(&bl.lock, NULL) != 0)
		goto nomem;
	locked = 1;
	if (nthreads > nblocks)
		nthreads = nblocks ? nblocks : 1;
	for (t = 0; t < nthreads; t++) {
		sc[t].bl = &bl;
		sc[t].stemmer = an[t].stemmer;
		sc[t].thread = t;
	}
	run_parallel(score_blocks, sc, sizeof(sc[0]), nthreads);
	for (t = 0; t < nthreads; t++) {
		if (sc[t].failed)
			goto nomem;
		npairs += sc[t].npairs;
		nsigs += sc[t].nsigs;
		st.prepared += sc[t].prepared;
		arena_free(&sc[t].arena);
		free(sc[t].need);
		free(sc[t].packed);
		sc[t].need = NULL;
		sc[t].packed = NULL;
	}
	free(byblock);
	free(bstart);
	byblock = NULL;
	bstart = NULL;
	if (nsigs >= UINT32_MAX || npairs >= UINT32_MAX)
		goto nomem;
	/* each kept pair's place in candidate order (the pairs of thread t after those of threads
	 * before it), then the threads' arrays joined into the first's and put in that order in
	 * place: no second copy of the pairs */
	free(cand);
	cand = NULL;
	if (!(dest = malloc((npairs ? npairs : 1) * sizeof(*dest))))
		goto nomem;
	for (t = 0, j = 0; t < nthreads; t++) {
		base[t] = j;
		j += sc[t].npairs;
	}
	for (i = 0, j = 0; i < ncand; i++)
		if (kept[i])
			dest[base[kept[i] >> 32] + (kept[i] & 0xffffffffu) - 1] = (uint32_t)j++;
	free(kept);
	kept = NULL;
	if (nthreads > 1) {
		struct ct_match_pair *p2 = realloc(sc[0].pairs, (npairs ? npairs : 1) * sizeof(*p2));
		struct ct_match_signal *s2;
		if (!p2)
			goto nomem;
		sc[0].pairs = p2;
		if (!(s2 = realloc(sc[0].sigs, (nsigs ? nsigs : 1) * sizeof(*s2))))
			goto nomem;
		sc[0].sigs = s2;
	}
	for (t = 1, j = sc[0].npairs, k = sc[0].nsigs; t < nthreads; t++) {
		for (i = 0; i < sc[t].npairs; i++) {
			sc[0].pairs[j] = sc[t].pairs[i];
			sc[0].pairs[j++].sig += (uint32_t)k;
		}
		if (sc[t].nsigs)
			memcpy(sc[0].sigs + k, sc[t].sigs, sc[t].nsigs * sizeof(*sigs));
		k += sc[t].nsigs;
		free(sc[t].pairs);
		free(sc[t].sigs);
		sc[t].pairs = NULL;
		sc[t].sigs = NULL;
	}
	pairs = sc[0].pairs;
	sigs = sc[0].sigs;
	sc[0].pairs = NULL;
	sc[0].sigs = NULL;
	for (i = 0; i < npairs; i++)
		while (dest[i] != i) {   /* pair i goes to dest[i]: swapped there, and the one from there looked at */
			struct ct_match_pair tmp = pairs[dest[i]];
			uint32_t d = dest[dest[i]];
			pairs[dest[i]] = pairs[i];
			dest[dest[i]] = dest[i];
			pairs[i] = tmp;
			dest[i] = d;
		}
	free(dest);
	dest = NULL;
	st.pairs = npairs;
	out->pairs = pairs;
	out->npairs = npairs;
	out->signals = sigs;
	out->nsignals = nsigs;
	pairs = NULL;
	sigs = NULL;
	goto done;
nomem:
	error = oom();
done:
	if (stats)
		*stats = st;
	ct_prepared_free(pa);
	ct_story_gate_free(&gate);
	for (t = 0; t < CT_MATCH_MAX_THREADS; t++) {
		if (t && an[t].stemmer)
			sb_stemmer_delete(an[t].stemmer);
		arena_free(&sc[t].arena);
		free(sc[t].need);
		free(sc[t].packed);
		free(an[t].tid);
		free(an[t].tw);
		free(sc[t].pairs);
		free(sc[t].sigs);
		free(gt[t].cand);
	}
	free(src);
	free(reverse);
	free(off);
	free(nterms);
	free(tid);
	free(tw);
	free(hkey);
	free(hval);
	free(df);
	free(poff);
	free(post);
	free(idf);
	free(norm);
	free(cand);
	free(kept);
	free(dest);
	free(byblock);
	free(bstart);
	if (locked)
		pthread_mutex_destroy(&bl.lock);
	free(pairs);
	free(sigs);
	return error;
}

/* Appends text[start, end) as a JSON string, escaped as cJSON escapes it. */
static void json_span(ct_buf *out, const char *text, size_t start, size_t end)
{
	size_t i, from = start;
	ct_buf_putc(out, '"');
	for (i = start; i < end; i++) {
		unsigned char c = (unsigned char)text[i];
		const char *esc;
		char u[8];
		if (c >= 0x20 && c != '"' && c != '\\')
			continue;
		ct_buf_put(out, text + from, i - from);
		from = i + 1;
		switch (c) {
		case '"': esc = "\\\""; break;
		case '\\': esc = "\\\\"; break;
		case '\b': esc = "\\b"; break;
		case '\f': esc = "\\f"; break;
		case '\n': esc = "\\n"; break;
		case '\r': esc = "\\r"; break;
		case '\t': esc = "\\t"; break;
		default:
			snprintf(u, sizeof(u), "\\u%04x", c);
			esc = u;
		}
		ct_buf_puts(out, esc);
	}
	ct_buf_put(out, text + from, end - from);
	ct_buf_putc(out, '"');
}

void ct_match_signals_json(ct_buf *out, const struct ct_comparison *cmp, const char *a, const char *b)
{
	size_t i;
	ct_buf_putc(out, '[');
	for (i = 0; i < cmp->nsignals; i++) {
		const struct ct_signal *s = &cmp->signals[i];
		ct_buf_printf(out, "%s{\"kind\":\"%s\",\"a\":", i ? "," : "", ct_signal_kind_name(s->kind));
		json_span(out, a, s->a_start, s->a_end);
		ct_buf_puts(out, ",\"b\":");
		json_span(out, b, s->b_start, s->b_end);
		ct_buf_putc(out, '}');
	}
	ct_buf_putc(out, ']');
}

/* ---- dependence ---- */

static int cmp_link(const void *x, const void *y)
{
	const struct ct_match_link *a = x, *b = y;
	if (a->sa != b->sa)
		return a->sa < b->sa ? -1 : 1;
	if (a->sb != b->sb)
		return a->sb < b->sb ? -1 : 1;
	if (a->pa != b->pa)
		return a->pa < b->pa ? -1 : 1;
	/* equal positions in sa: descending in sb, so a strictly increasing run takes one of them */
	return a->pb > b->pb ? -1 : a->pb < b->pb;
}

/* Length of the longest strictly increasing subsequence of pb over l[0..n) (patience sorting). */
static size_t lis(const struct ct_match_link *l, size_t n, long *tails)
{
	size_t len = 0, i;
	for (i = 0; i < n; i++) {
		size_t lo = 0, hi = len;
		while (lo < hi) {
			size_t mid = (lo + hi) / 2;
			if (tails[mid] < l[i].pb)
				lo = mid + 1;
			else
				hi = mid;
		}
		tails[lo] = l[i].pb;
		if (lo == len)
			len++;
	}
	return len;
}

/* 1 when x is the copy of y (later published, then smaller, then greater id). */
static int is_copy(const struct ct_match_source *x, const struct ct_match_source *y)
{
	int c = 0;
	if (x->published && y->published)
		c = strcmp(x->published, y->published);
	if (c)
		return c > 0;
	if (x->nclaims != y->nclaims)
		return x->nclaims < y->nclaims;
	return x->id && y->id && strcmp(x->id, y->id) > 0;
}

/* Shared quotes. A quote is the quoted words of a claim (straight or curly double quotes, at least
 * three words of four letters or more), each word cut to its first five letters (a cheap stem that
 * survives "cooperate"/"cooperation" and most inflections), and its attribution: the capitalised
 * words of four letters or more outside the quotes (not the claim's first word), cut alike. Two
 * quotes are the same when half the words of the shorter are in the other (a translation keeps
 * most of them) and their attributions share a word, or one has none ("he said"). */
#define QUOTE_WORDS 32
/* The fourth kind of evidence, a translation: it keeps its original's order but aligns fewer of
 * its claims (reworded sentence by sentence), and renders every quote in other words, so none is
 * verbatim. Claims aligned in the same order over CT_MATCH_DEP_QUOTED_SHARE of the smaller source
 * (and CT_MATCH_DEP_MIN), and CT_MATCH_DEP_QUOTES of the quotes of each side found on the other,
 * at least CT_MATCH_DEP_TRANSLATED of them. Independent outlets quoting one news conference share
 * a quote or two, rarely every quote of the outlet that quotes more. */
#define CT_MATCH_DEP_TRANSLATED 2
#define QUOTE_SPEAKERS 8
#define QUOTE_MIN_WORDS 3

struct quote {
	uint32_t w[QUOTE_WORDS], spk[QUOTE_SPEAKERS];
	unsigned nw, nspk;
	uint32_t exact;         /* every word of the quote, whole and in order (case folded) */
};

struct quotes {
	struct quote *v;
	size_t n, cap;
};

static int is_alnum_byte(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c >= 0x80;
}

/* FNV-1a of the first five bytes of the word [s, e), ASCII letters folded. */
static uint32_t word_key(const char *s, const char *e)
{
	uint32_t h = 2166136261u;
	size_t k;
	for (k = 0; s + k < e && k < 5; k++) {
		unsigned char c = (unsigned char)s[k];
		if (c >= 'A' && c <= 'Z')
			c = (unsigned char)(c - 'A' + 'a');
		h = (h ^ c) * 16777619u;
	}
	return h;
}

/* h extended by the word [s, e), ASCII letters folded, and a separator. */
static uint32_t fold_hash(uint32_t h, const char *s, const char *e)
{
	for (; s < e; s++) {
		unsigned char c = (unsigned char)*s;
		if (c >= 'A' && c <= 'Z')
			c = (unsigned char)(c - 'A' + 'a');
		h = (h ^ c) * 16777619u;
	}
	return (h ^ ' ') * 16777619u;
}

static void add_key(uint32_t *v, unsigned *n, unsigned max, uint32_t k)
{
	unsigned i;
	for (i = 0; i < *n; i++)
		if (v[i] == k)
			return;
	if (*n < max)
		v[(*n)++] = k;
}

/* Length in bytes of a double quote mark at s (", U+201C, U+201D), 0 when none. */
static size_t quote_mark(const char *s, const char *end)
{
	if (*s == '"')
		return 1;
	if (end - s >= 3 && (unsigned char)s[0] == 0xE2 && (unsigned char)s[1] == 0x80 &&
	    ((unsigned char)s[2] == 0x9C || (unsigned char)s[2] == 0x9D))
		return 3;
	return 0;
}

/* Appends the quotes of one claim to q. 0 or CT_ENOMEM. */
static int claim_quotes(const char *text, size_t len, struct quotes *q)
{
	const char *end = text + len, *s = text, *open = NULL;
	const char *spans[2 * QUOTE_SPEAKERS];
	size_t nspans = 0, i;
	uint32_t spk[QUOTE_SPEAKERS];
	unsigned nspk = 0;
	int first_word = 1;
	/* the quoted spans, and the attribution words outside them */
	while (s < end) {
		size_t m = quote_mark(s, end);
		if (m) {
			if (!open) {
				open = s + m;
			} else {
				if (nspans + 2 <= sizeof(spans) / sizeof(*spans)) {
					spans[nspans++] = open;
					spans[nspans++] = s;
				}
				open = NULL;
			}
			s += m;
			continue;
		}
		if (is_alnum_byte((unsigned char)*s)) {
			const char *w = s;
			while (s < end && is_alnum_byte((unsigned char)*s))
				s++;
			if (!open && !first_word && *w >= 'A' && *w <= 'Z' && s - w >= 4)
				add_key(spk, &nspk, QUOTE_SPEAKERS, word_key(w, s));
			first_word = 0;
			continue;
		}
		s++;
	}
	for (i = 0; i + 1 < nspans; i += 2) {
		struct quote qt;
		const char *p = spans[i], *e = spans[i + 1];
		qt.nw = 0;
		qt.exact = 2166136261u;
		while (p < e) {
			if (is_alnum_byte((unsigned char)*p)) {
				const char *w = p;
				while (p < e && is_alnum_byte((unsigned char)*p))
					p++;
				qt.exact = fold_hash(qt.exact, w, p);
				if (p - w >= 4)
					add_key(qt.w, &qt.nw, QUOTE_WORDS, word_key(w, p));
			} else {
				p++;
			}
		}
		if (qt.nw < QUOTE_MIN_WORDS)
			continue;
		memcpy(qt.spk, spk, nspk * sizeof(*spk));
		qt.nspk = nspk;
		if (q->n == q->cap) {
			size_t ncap = q->cap ? 2 * q->cap : 16;
			struct quote *v = realloc(q->v, ncap * sizeof(*v));
			if (!v)
				return oom();
			q->v = v;
			q->cap = ncap;
		}
		q->v[q->n++] = qt;
	}
	return 0;
}

static int keys_meet(const uint32_t *a, unsigned na, const uint32_t *b, unsigned nb)
{
	unsigned i, j, shared = 0;
	for (i = 0; i < na; i++)
		for (j = 0; j < nb; j++)
			if (a[i] == b[j]) {
				shared++;
				break;
			}
	return (int)shared;
}

static int same_quote(const struct quote *a, const struct quote *b)
{
	unsigned shorter = a->nw < b->nw ? a->nw : b->nw;
	if (2 * (unsigned)keys_meet(a->w, a->nw, b->w, b->nw) < shorter)
		return 0;
	return !a->nspk || !b->nspk || keys_meet(a->spk, a->nspk, b->spk, b->nspk) > 0;
}

/* The same quote word for word, long (CT_MATCH_DEP_LONG_QUOTE words of four letters or more),
 * attributed to the same speaker on both sides (a name shared outside the quotes): what a
 * rewrite keeps of its original. */
static int verbatim_quote(const struct quote *a, const struct quote *b)
{
	return a->exact == b->exact && a->nw >= CT_MATCH_DEP_LONG_QUOTE && a->nspk && b->nspk &&
	       keys_meet(a->spk, a->nspk, b->spk, b->nspk) > 0 && same_quote(a, b);
}

/* Quotes of the source with fewer shared with the other, those of them shared word for word (long,
 * with their speakers), the quotes of the source with fewer, and the quotes of the source with
 * more that the other shares (*both: every quote of either side found on the other, as in a
 * translation). */
static void shared_quotes(const struct quotes *qx, const struct quotes *qy, size_t *shared, size_t *verbatim,
			  size_t *fewer, size_t *more_shared, size_t *more)
{
	const struct quotes *a = qx->n <= qy->n ? qx : qy, *b = a == qx ? qy : qx;
	size_t i, j;
	*shared = *verbatim = *more_shared = 0;
	*fewer = a->n;
	*more = b->n;
	for (i = 0; i < a->n; i++) {
		int same = 0, exact = 0;
		for (j = 0; j < b->n && !exact; j++) {
			same |= same_quote(&a->v[i], &b->v[j]);
			exact |= verbatim_quote(&a->v[i], &b->v[j]);
		}
		*shared += same;
		*verbatim += exact;
	}
	for (j = 0; j < b->n; j++) {
		int same = 0;
		for (i = 0; i < a->n && !same; i++)
			same = same_quote(&a->v[i], &b->v[j]);
		*more_shared += same;
	}
}

static int cmp_long(const void *x, const void *y)
{
	long a = *(const long *)x, b = *(const long *)y;
	return a < b ? -1 : a > b;
}

/* Claims aligned in any order, counted on the side with fewer distinct positions: l[0..n) sorted
 * by pa; scratch holds n longs. */
static size_t coverage(const struct ct_match_link *l, size_t n, long *scratch)
{
	size_t i, da = 0, db = 0;
	for (i = 0; i < n; i++) {
		da += !i || l[i].pa != l[i - 1].pa;
		scratch[i] = l[i].pb;
	}
	qsort(scratch, n, sizeof(*scratch), cmp_long);
	for (i = 0; i < n; i++)
		db += !i || scratch[i] != scratch[i - 1];
	return da < db ? da : db;
}

/* The quotes of source x (its claims' numbers in order[start[x] .. start[x + 1])). */
static int source_quotes(const struct ct_match_claim *claims, const size_t *order, const size_t *start, size_t x,
			 struct quotes *q)
{
	size_t i;
	int error = 0;
	q->n = 0;
	for (i = start[x]; i < start[x + 1] && !error; i++)
		error = claim_quotes(claims[order[i]].text, claims[order[i]].len, q);
	return error;
}

int ct_match_dependence(const struct ct_match_source *sources, size_t nsources, const struct ct_match_link *links,
			size_t nlinks, unsigned char *dep)
{
	return ct_match_dependence_quoted(sources, nsources, links, nlinks, NULL, 0, dep);
}

int ct_match_dependence_quoted(const struct ct_match_source *sources, size_t nsources,
			       const struct ct_match_link *links, size_t nlinks, const struct ct_match_claim *claims,
			       size_t nclaims, unsigned char *dep)
{
	struct ct_match_link *l = NULL;
	long *tails = NULL;
	size_t *order = NULL, *start = NULL;
	struct quotes qx = { NULL, 0, 0 }, qy = { NULL, 0, 0 };
	size_t i, j;
	int error = 0;
	memset(dep, 0, nsources * nsources);
	if (!nlinks)
		return 0;
	if (!(l = malloc(nlinks * sizeof(*l))) || !(tails = malloc(nlinks * sizeof(*tails)))) {
		error = oom();
		goto done;
	}
	if (claims && nclaims) {
		/* the claims of each source, by a counting sort on the source number */
		if (!(order = malloc(nclaims * sizeof(*order))) || !(start = calloc(nsources + 2, sizeof(*start)))) {
			error = oom();
			goto done;
		}
		for (i = 0; i < nclaims; i++)
			if (claims[i].source < nsources)
				start[claims[i].source + 2]++;
		for (i = 2; i < nsources + 2; i++)
			start[i] += start[i - 1];
		for (i = 0; i < nclaims; i++)
			if (claims[i].source < nsources)
				order[start[claims[i].source + 1]++] = i;
	}
	/* each link with the lower source number first */
	for (i = 0; i < nlinks; i++) {
		l[i] = links[i];
		if (l[i].sa > l[i].sb) {
			size_t s = l[i].sa;
			long p = l[i].pa;
			l[i].sa = l[i].sb;
			l[i].pa = l[i].pb;
			l[i].sb = s;
			l[i].pb = p;
		}
	}
	qsort(l, nlinks, sizeof(*l), cmp_link);
	for (i = 0; i < nlinks; i = j) {
		size_t x = l[i].sa, y = l[i].sb, run, smaller, cover, shared, verbatim, fewer, more_shared, more;
		int copied;
		for (j = i; j < nlinks && l[j].sa == x && l[j].sb == y; j++)
			;
		if (x == y || x >= nsources || y >= nsources)
			continue;
		run = lis(l + i, j - i, tails);
		smaller = sources[x].nclaims < sources[y].nclaims ? sources[x].nclaims : sources[y].nclaims;
		copied = run >= CT_MATCH_DEP_MIN && (double)run >= CT_MATCH_DEP_SHARE * (double)smaller;
		if (!copied && order) {
			/* reordered: most claims aligned in any order and the quotes shared; or, for a
			 * rewrite that rewords its narrative, fewer claims aligned and the quotes shared,
			 * at least CT_MATCH_DEP_VERBATIM of them long and word for word; or, for a
			 * translation, fewer claims aligned but in the same order, and every quote of
			 * either side rendered on the other (CT_MATCH_DEP_TRANSLATED at least) */
			cover = coverage(l + i, j - i, tails);
			if (cover >= CT_MATCH_DEP_MIN && (double)cover >= CT_MATCH_DEP_QUOTED_SHARE * (double)smaller) {
				if ((error = source_quotes(claims, order, start, x, &qx)) < 0 ||
				    (error = source_quotes(claims, order, start, y, &qy)) < 0)
					goto done;
				shared_quotes(&qx, &qy, &shared, &verbatim, &fewer, &more_shared, &more);
				copied = shared >= 1 && (double)shared >= CT_MATCH_DEP_QUOTES * (double)fewer &&
					 ((double)cover >= CT_MATCH_DEP_SHARE * (double)smaller ||
					  verbatim >= CT_MATCH_DEP_VERBATIM ||
					  (run >= CT_MATCH_DEP_MIN &&
					   (double)run >= CT_MATCH_DEP_QUOTED_SHARE * (double)smaller &&
					   more_shared >= CT_MATCH_DEP_TRANSLATED &&
					   (double)more_shared >= CT_MATCH_DEP_QUOTES * (double)more));
			}
		}
		if (!copied)
			continue;
		if (is_copy(&sources[x], &sources[y]))
			dep[x * nsources + y] = 1;
		else
			dep[y * nsources + x] = 1;
	}
done:
	free(l);
	free(tails);
	free(order);
	free(start);
	free(qx.v);
	free(qy.v);
	return error;
}
