/* Cross-source matching: an inverted index over the claims' weighted terms gives each claim its
 * few best candidates from other sources; only those pairs are scored. Then the dependence of
 * sources from the order of the claims they share. */
#include "align/match.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

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

/* Prepared claims kept for the pair scorer (about 20 KB each). */
#define CACHE_SLOTS 1024

/* Claim i analysed, from its cache slot (analysed into it if the slot holds another claim). The
 * slot busy (the other claim of the pair) is not taken: scratch is used instead. NULL when out of
 * memory. */
static struct ct_prepared *cached(struct ct_prepared **cache, size_t *cache_id, size_t nslots, struct sb_stemmer *stemmer,
				  const struct ct_match_claim *claims, size_t i, size_t busy, struct ct_prepared *scratch)
{
	size_t slot = i % nslots;
	struct ct_prepared *p;
	if (slot == busy) {
		ct_prepare(scratch, stemmer, claims[i].text, claims[i].len, claims[i].published);
		return scratch;
	}
	if (cache_id[slot] == i)
		return cache[slot];
	if (!cache[slot] && !(cache[slot] = ct_prepared_new()))
		return NULL;
	p = cache[slot];
	ct_prepare(p, stemmer, claims[i].text, claims[i].len, claims[i].published);
	cache_id[slot] = i;
	return p;
}

void ct_match_result_free(struct ct_match_result *r)
{
	free(r->pairs);
	free(r->signals);
	memset(r, 0, sizeof(*r));
}

void ct_match_comparison(const struct ct_match_result *r, const struct ct_match_pair *p, struct ct_comparison *out)
{
	memset(out, 0, sizeof(*out));
	out->score = p->score;
	out->relation = p->relation;
	out->nsignals = p->nsig;
	if (p->nsig)
		memcpy(out->signals, r->signals + p->sig, p->nsig * sizeof(*out->signals));
}

int ct_match_run(struct sb_stemmer *stemmer, const struct ct_match_claim *claims, size_t n,
		 struct ct_match_result *out, struct ct_match_stats *stats)
{
	struct ct_prepared *pa = NULL, *pb = NULL;
	size_t *off = NULL, i, j, total = 0, cap = 0, ntid = 0, hcap, npairs = 0, ncand = 0, candcap = 0, outcap = 0;
	uint32_t *tid = NULL, *hkey = NULL, *hval = NULL, *df = NULL, *post = NULL;
	size_t *poff = NULL;
	float *tw = NULL, *idf = NULL, *norm = NULL, *acc = NULL;
	uint32_t *touched = NULL;
	uint64_t *cand = NULL;
	struct ct_match_pair *pairs = NULL;
	struct ct_signal *sigs = NULL;
	size_t nsigs = 0, sigcap = 0;
	struct ct_match_stats st;
	struct ct_prepared **cache = NULL;
	size_t *cache_id = NULL, nslots = 0;
	int error = 0;

	memset(&st, 0, sizeof(st));
	memset(out, 0, sizeof(*out));
	st.claims = n;
	if (n >= UINT32_MAX)
		return ct_error_set(CT_EINPUT, "too many claims to match: %zu", n);
	if (!(pa = ct_prepared_new()) || !(pb = ct_prepared_new()) || !(off = malloc((n + 1) * sizeof(*off))))
		goto nomem;

	/* 1. The weighted terms of every claim (the scorer's own analysis). */
	for (i = 0; i < n; i++) {
		size_t k, nt;
		ct_prepare(pa, stemmer, claims[i].text, claims[i].len, claims[i].published);
		nt = ct_prepared_nterms(pa);
		off[i] = total;
		if (total + nt > cap) {
			size_t ncap = cap ? cap * 2 : 1024;
			uint32_t *t2;
			float *w2;
			while (ncap < total + nt)
				ncap *= 2;
			if (!(t2 = realloc(tid, ncap * sizeof(*tid))))
				goto nomem;
			tid = t2;
			if (!(w2 = realloc(tw, ncap * sizeof(*tw))))
				goto nomem;
			tw = w2;
			cap = ncap;
		}
		for (k = 0; k < nt; k++) {
			double w;
			ct_prepared_term(pa, k, &tid[total + k], &w);
			tw[total + k] = (float)w;
		}
		total += nt;
		st.queries += claims[i].query != 0;
	}
	off[n] = total;
	st.postings = total;

	/* 2. Term hashes to dense ids (open addressing; hashes are never 0), document frequencies. */
	for (hcap = 1024; hcap < total * 2; hcap *= 2)
		;
	if (!(hkey = calloc(hcap, sizeof(*hkey))) || !(hval = malloc(hcap * sizeof(*hval))) ||
	    !(df = calloc(total ? total : 1, sizeof(*df))))
		goto nomem;
	for (i = 0; i < total; i++) {
		size_t h = (tid[i] * 2654435761u) & (hcap - 1);
		while (hkey[h] && hkey[h] != tid[i])
			h = (h + 1) & (hcap - 1);
		if (!hkey[h]) {
			hkey[h] = tid[i];
			hval[h] = (uint32_t)ntid++;
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
	    !(idf = malloc((ntid ? ntid : 1) * sizeof(*idf))) || !(norm = calloc(n ? n : 1, sizeof(*norm))) ||
	    !(acc = calloc(n ? n : 1, sizeof(*acc))) || !(touched = malloc((n ? n : 1) * sizeof(*touched))))
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

	/* 4. Each query's best candidates of other sources by IDF-weighted overlap. */
	for (i = 0; i < n; i++) {
		struct cand top[CT_MATCH_TOPK];
		size_t ntop = 0, nt = 0, k;
		if (!claims[i].query)
			continue;
		for (j = off[i]; j < off[i + 1]; j++) {
			uint32_t t = tid[j];
			size_t p;
			float w = tw[j] * idf[t];
			if (poff[t + 1] - poff[t] > CT_MATCH_DF_CAP || poff[t + 1] - poff[t] < 2)
				continue;
			for (p = poff[t]; p < poff[t + 1]; p++) {
				uint32_t c = post[p];
				if (claims[c].source == claims[i].source)
					continue;
				if (acc[c] == 0)
					touched[nt++] = c;
				acc[c] += w;
			}
		}
		for (k = 0; k < nt; k++) {
			uint32_t c = touched[k];
			double s = 2.0 * acc[c] / (norm[i] + norm[c]);
			acc[c] = 0;
			if (s >= CT_MATCH_MIN_OVERLAP)
				keep_best(top, &ntop, CT_MATCH_TOPK, c, s);
		}
		if (ncand + ntop > candcap) {
			size_t ncap = candcap ? candcap * 2 : 4096;
			uint64_t *c2;
			while (ncap < ncand + ntop)
				ncap *= 2;
			if (!(c2 = realloc(cand, ncap * sizeof(*cand))))
				goto nomem;
			cand = c2;
			candcap = ncap;
		}
		for (k = 0; k < ntop; k++) {
			uint64_t a = i < top[k].c ? i : top[k].c, b = i < top[k].c ? top[k].c : i;
			cand[ncand++] = a << 32 | b;
		}
	}
	qsort(cand, ncand, sizeof(*cand), cmp_u64);
	for (i = j = 0; i < ncand; i++)
		if (!j || cand[j - 1] != cand[i])
			cand[j++] = cand[i];
	ncand = j;
	st.candidates = ncand;

	/* 5. The pair scorer on each candidate pair. Pairs are sorted by their first claim, whose
	 * neighbours (the same source) mostly have their candidates in the same few sources: a
	 * direct-mapped cache of prepared claims analyses most claims once. */
	free(acc);
	free(norm);
	free(touched);
	acc = norm = NULL;
	touched = NULL;
	nslots = n < CACHE_SLOTS ? (n ? n : 1) : CACHE_SLOTS;
	if (!(cache = calloc(nslots, sizeof(*cache))) || !(cache_id = malloc(nslots * sizeof(*cache_id))))
		goto nomem;
	for (i = 0; i < nslots; i++)
		cache_id[i] = SIZE_MAX;
	for (i = 0; i < ncand; i++) {
		size_t a = (size_t)(cand[i] >> 32), b = (size_t)(cand[i] & 0xffffffffu);
		struct ct_prepared *x, *y;
		struct ct_comparison cmp;
		if (!(x = cached(cache, cache_id, nslots, stemmer, claims, a, SIZE_MAX, pa)) ||
		    !(y = cached(cache, cache_id, nslots, stemmer, claims, b, a % nslots, pb)))
			goto nomem;
		if ((error = ct_compare_prepared(x, y, &cmp)) < 0)
			goto done;
		if (!strcmp(cmp.relation, "unrelated"))
			continue;
		if (npairs == outcap) {
			size_t ncap = outcap ? outcap * 2 : 256;
			struct ct_match_pair *p2 = realloc(pairs, ncap * sizeof(*pairs));
			if (!p2)
				goto nomem;
			pairs = p2;
			outcap = ncap;
		}
		if (nsigs + cmp.nsignals > sigcap) {
			size_t ncap = sigcap ? sigcap * 2 : 256;
			struct ct_signal *s2;
			while (ncap < nsigs + cmp.nsignals)
				ncap *= 2;
			if (!(s2 = realloc(sigs, ncap * sizeof(*sigs))))
				goto nomem;
			sigs = s2;
			sigcap = ncap;
		}
		pairs[npairs].a = (uint32_t)a;
		pairs[npairs].b = (uint32_t)b;
		pairs[npairs].score = cmp.score;
		pairs[npairs].relation = cmp.relation;
		pairs[npairs].sig = nsigs;
		pairs[npairs].nsig = (uint32_t)cmp.nsignals;
		if (cmp.nsignals)
			memcpy(sigs + nsigs, cmp.signals, cmp.nsignals * sizeof(*sigs));
		nsigs += cmp.nsignals;
		npairs++;
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
	ct_prepared_free(pb);
	free(off);
	free(tid);
	free(tw);
	free(hkey);
	free(hval);
	free(df);
	free(poff);
	free(post);
	free(idf);
	free(norm);
	free(acc);
	free(touched);
	free(cand);
	free(pairs);
	free(sigs);
	for (i = 0; cache && i < nslots; i++)
		ct_prepared_free(cache[i]);
	free(cache);
	free(cache_id);
	return error;
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

int ct_match_dependence(const struct ct_match_source *sources, size_t nsources, const struct ct_match_link *links,
			size_t nlinks, unsigned char *dep)
{
	struct ct_match_link *l;
	long *tails;
	size_t i, j;
	memset(dep, 0, nsources * nsources);
	if (!nlinks)
		return 0;
	if (!(l = malloc(nlinks * sizeof(*l))) || !(tails = malloc(nlinks * sizeof(*tails)))) {
		free(l);
		return oom();
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
		size_t x = l[i].sa, y = l[i].sb, run, smaller;
		for (j = i; j < nlinks && l[j].sa == x && l[j].sb == y; j++)
			;
		if (x == y || x >= nsources || y >= nsources)
			continue;
		run = lis(l + i, j - i, tails);
		smaller = sources[x].nclaims < sources[y].nclaims ? sources[x].nclaims : sources[y].nclaims;
		if (run < CT_MATCH_DEP_MIN || (double)run < CT_MATCH_DEP_SHARE * (double)smaller)
			continue;
		if (is_copy(&sources[x], &sources[y]))
			dep[x * nsources + y] = 1;
		else
			dep[y * nsources + x] = 1;
	}
	free(l);
	free(tails);
	return 0;
}
