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

/* Packed prepared claims, in chunks that are never moved (claims point into them). */
#define ARENA_CHUNK ((size_t)1 << 20)

struct arena {
	unsigned char **chunks;
	size_t nchunks, used, cap;   /* used: bytes taken in the last chunk, cap its size */
};

static void *arena_take(struct arena *a, size_t bytes)
{
	unsigned char **c2;
	void *p;
	if (!a->nchunks || a->used + bytes > a->cap) {
		size_t cap = bytes > ARENA_CHUNK ? bytes : ARENA_CHUNK;
		if (!(c2 = realloc(a->chunks, (a->nchunks + 1) * sizeof(*c2))))
			return NULL;
		a->chunks = c2;
		if (!(a->chunks[a->nchunks] = malloc(cap)))
			return NULL;
		a->nchunks++;
		a->used = 0;
		a->cap = cap;
	}
	p = a->chunks[a->nchunks - 1] + a->used;
	a->used += bytes;
	return p;
}

static void arena_free(struct arena *a)
{
	size_t i;
	for (i = 0; i < a->nchunks; i++)
		free(a->chunks[i]);
	free(a->chunks);
	memset(a, 0, sizeof(*a));
}

/* One thread's share of the analysis (claims [lo, hi)): every claim packed into its arena, its
 * terms appended to tid/tw. */
struct analysis {
	struct sb_stemmer *stemmer;
	const struct ct_match_claim *claims;
	size_t lo, hi;
	const void **packed;       /* shared: claim i's packed form (each thread writes its range) */
	size_t *nterms;            /* shared: claim i's number of terms */
	struct arena arena;
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
		size_t nt, bytes;
		void *blob;
		ct_prepare(p, an->stemmer, c->text, c->len, c->published);
		bytes = ct_prepared_packed_size(p);
		if (!(blob = arena_take(&an->arena, bytes)))
			goto fail;
		ct_prepared_pack(p, blob);
		an->packed[i] = blob;
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

/* One thread's share of the scoring (candidate pairs [lo, hi)): the pairs kept and their
 * signals, in candidate order. */
struct scoring {
	const uint64_t *cand;
	size_t lo, hi;
	const void *const *packed;
	struct ct_match_pair *pairs;
	size_t npairs, pcap;
	struct ct_match_signal *sigs;
	size_t nsigs, scap;
	int failed;
};

static void *score_range(void *arg)
{
	struct scoring *sc = arg;
	struct ct_prepared *x = ct_prepared_new(), *y = ct_prepared_new();
	size_t i, k;
	if (!x || !y)
		goto fail;
	for (i = sc->lo; i < sc->hi; i++) {
		size_t a = (size_t)(sc->cand[i] >> 32), b = (size_t)(sc->cand[i] & 0xffffffffu);
		struct ct_comparison cmp;
		struct ct_match_pair *pp;
		ct_prepared_unpack(x, sc->packed[a]);
		ct_prepared_unpack(y, sc->packed[b]);
		if (ct_compare_prepared(x, y, &cmp) < 0)   /* a != b: cannot fail */
			goto fail;
		if (!strcmp(cmp.relation, "unrelated"))
			continue;
		if (sc->npairs == sc->pcap) {
			size_t ncap = sc->pcap ? sc->pcap * 2 : 256;
			struct ct_match_pair *p2 = realloc(sc->pairs, ncap * sizeof(*p2));
			if (!p2)
				goto fail;
			sc->pairs = p2;
			sc->pcap = ncap;
		}
		if (sc->nsigs + cmp.nsignals > sc->scap) {
			size_t ncap = sc->scap ? sc->scap * 2 : 256;
			struct ct_match_signal *s2;
			while (ncap < sc->nsigs + cmp.nsignals)
				ncap *= 2;
			if (!(s2 = realloc(sc->sigs, ncap * sizeof(*s2))))
				goto fail;
			sc->sigs = s2;
			sc->scap = ncap;
		}
		pp = &sc->pairs[sc->npairs++];
		pp->a = (uint32_t)a;
		pp->b = (uint32_t)b;
		pp->score = cmp.score;
		pp->relation = cmp.relation;
		if (sc->nsigs + cmp.nsignals >= UINT32_MAX)
			goto fail;
		pp->sig = (uint32_t)sc->nsigs;   /* within this thread's signals; rebased when joined */
		pp->nsig = (uint32_t)cmp.nsignals;
		for (k = 0; k < cmp.nsignals; k++) {
			struct ct_match_signal *ms = &sc->sigs[sc->nsigs++];
			ms->kind = (uint32_t)cmp.signals[k].kind;
			ms->a_start = (uint32_t)cmp.signals[k].a_start;
			ms->a_end = (uint32_t)cmp.signals[k].a_end;
			ms->b_start = (uint32_t)cmp.signals[k].b_start;
			ms->b_end = (uint32_t)cmp.signals[k].b_end;
		}
	}
	ct_prepared_free(x);
	ct_prepared_free(y);
	return NULL;
fail:
	ct_prepared_free(x);
	ct_prepared_free(y);
	sc->failed = 1;
	return NULL;
}

/* One thread's share of candidate generation (queries [lo, hi)): their best candidates as pairs
 * (smaller claim << 32 | greater claim), in no particular order. */
struct gathering {
	const struct ct_match_claim *claims;
	const size_t *off, *poff, *src;
	const uint32_t *tid, *post;
	const float *tw, *idf, *norm;
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
		if (!g->claims[i].query)
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

int ct_match_run(struct sb_stemmer *stemmer, const struct ct_match_claim *claims, size_t n, unsigned threads,
		 struct ct_match_result *out, struct ct_match_stats *stats)
{
	static const char warm[] = "Mr. Smith said on Monday, Oct. 13, that 1,200 people had not left.";
	struct analysis an[CT_MATCH_MAX_THREADS];
	struct scoring sc[CT_MATCH_MAX_THREADS];
	struct gathering gt[CT_MATCH_MAX_THREADS];
	struct ct_prepared *pa = NULL;
	size_t *off = NULL, i, j, t, total = 0, ntid = 0, hcap, npairs = 0, ncand = 0;
	size_t nthreads = threads < 1 ? 1 : threads > CT_MATCH_MAX_THREADS ? CT_MATCH_MAX_THREADS : threads;
	uint32_t *tid = NULL, *hkey = NULL, *hval = NULL, *df = NULL, *post = NULL;
	size_t *poff = NULL, *nterms = NULL, *src = NULL, gthreads;
	float *tw = NULL, *idf = NULL, *norm = NULL;
	uint64_t *cand = NULL;
	const void **packed = NULL;
	struct ct_match_pair *pairs = NULL;
	struct ct_match_signal *sigs = NULL;
	size_t nsigs = 0;
	struct ct_match_stats st;
	struct ct_story_gate gate;
	int error = 0;

	memset(&st, 0, sizeof(st));
	memset(&gate, 0, sizeof(gate));
	memset(out, 0, sizeof(*out));
	memset(an, 0, sizeof(an));
	memset(sc, 0, sizeof(sc));
	memset(gt, 0, sizeof(gt));
	st.claims = n;
	if (n >= UINT32_MAX)
		return ct_error_set(CT_EINPUT, "too many claims to match: %zu", n);
	for (i = 0; i < n; i++)
		if (claims[i].len >= UINT32_MAX)
			return ct_error_set(CT_EINPUT, "claim too long to match: %zu bytes", claims[i].len);
	if (nthreads > n)
		nthreads = n ? n : 1;
	gthreads = nthreads;
	if (!(pa = ct_prepared_new()) || !(off = malloc((n + 1) * sizeof(*off))) ||
	    !(packed = calloc(n ? n : 1, sizeof(*packed))) || !(nterms = calloc(n ? n : 1, sizeof(*nterms))))
		goto nomem;
	/* the analysers' word tables are built on first use: build them before any thread starts */
	ct_prepare(pa, stemmer, warm, sizeof(warm) - 1, "2025-10-13");

	/* 1. Every claim analysed once and packed (kept for the scorer), its weighted terms (the
	 * scorer's own analysis); each thread a contiguous range with its own stemmer. */
	for (t = 0; t < nthreads; t++) {
		an[t].claims = claims;
		an[t].lo = n * t / nthreads;
		an[t].hi = n * (t + 1) / nthreads;
		an[t].packed = packed;
		an[t].nterms = nterms;
		an[t].stemmer = t ? sb_stemmer_new("english", "UTF_8") : stemmer;
		if (!an[t].stemmer)
			goto nomem;
	}
	run_parallel(analyse_range, an, sizeof(an[0]), nthreads);
	for (t = 0; t < nthreads; t++) {
		if (an[t].failed)
			goto nomem;
		total += an[t].total;
	}
	/* joined into the first thread's arrays, each other thread's freed once copied */
	if (nthreads > 1) {
		uint32_t *t2 = realloc(an[0].tid, (total ? total : 1) * sizeof(*t2));
		float *w2;
		if (!t2)
			goto nomem;
		an[0].tid = t2;
		if (!(w2 = realloc(an[0].tw, (total ? total : 1) * sizeof(*w2))))
			goto nomem;
		an[0].tw = w2;
	}
	for (t = 1, j = an[0].total; t < nthreads; t++) {
		if (an[t].total) {
			memcpy(an[0].tid + j, an[t].tid, an[t].total * sizeof(*tid));
			memcpy(an[0].tw + j, an[t].tw, an[t].total * sizeof(*tw));
		}
		j += an[t].total;
		free(an[t].tid);
		free(an[t].tw);
		an[t].tid = NULL;
		an[t].tw = NULL;
	}
	tid = an[0].tid;
	tw = an[0].tw;
	an[0].tid = NULL;
	an[0].tw = NULL;
	if (!tid && (!(tid = malloc(sizeof(*tid))) || !(tw = malloc(sizeof(*tw)))))
		goto nomem;
	for (i = 0, j = 0; i < n; i++) {
		off[i] = j;
		j += nterms[i];
		st.queries += claims[i].query != 0;
	}
	off[n] = total;
	st.postings = total;
	free(nterms);
	nterms = NULL;

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

	/* 5. The pair scorer on each candidate pair, from the packed claims; each thread a
	 * contiguous range of the sorted pairs, joined in order (the same result as one thread). */
	if (nthreads > ncand)
		nthreads = ncand ? ncand : 1;
	for (t = 0; t < nthreads; t++) {
		sc[t].cand = cand;
		sc[t].lo = ncand * t / nthreads;
		sc[t].hi = ncand * (t + 1) / nthreads;
		sc[t].packed = packed;
	}
	run_parallel(score_range, sc, sizeof(sc[0]), nthreads);
	for (t = 0; t < nthreads; t++) {
		if (sc[t].failed)
			goto nomem;
		npairs += sc[t].npairs;
		nsigs += sc[t].nsigs;
	}
	/* the packed claims are no longer needed: freed before the pairs are joined */
	for (t = 0; t < CT_MATCH_MAX_THREADS; t++)
		arena_free(&an[t].arena);
	free(packed);
	packed = NULL;
	if (nsigs >= UINT32_MAX)
		goto nomem;
	/* joined into the first thread's arrays, each other thread's freed once copied */
	{
		size_t np = sc[0].npairs, ns = sc[0].nsigs;
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
		for (t = 1; t < nthreads; t++) {
			for (i = 0; i < sc[t].npairs; i++) {
				sc[0].pairs[np] = sc[t].pairs[i];
				sc[0].pairs[np++].sig += (uint32_t)ns;
			}
			if (sc[t].nsigs)
				memcpy(sc[0].sigs + ns, sc[t].sigs, sc[t].nsigs * sizeof(*sigs));
			ns += sc[t].nsigs;
			free(sc[t].pairs);
			free(sc[t].sigs);
			sc[t].pairs = NULL;
			sc[t].sigs = NULL;
		}
		pairs = sc[0].pairs;
		sigs = sc[0].sigs;
		sc[0].pairs = NULL;
		sc[0].sigs = NULL;
	}
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
		arena_free(&an[t].arena);
		free(an[t].tid);
		free(an[t].tw);
		free(sc[t].pairs);
		free(sc[t].sigs);
		free(gt[t].cand);
	}
	free(src);
	free(off);
	free(nterms);
	free(packed);
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
