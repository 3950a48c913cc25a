/* Which sources tell the same story, from the terms of all their claims together. See story.h. */
#include "align/story.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/err.h"

static int oom(void)
{
	return ct_error_set(CT_ENOMEM, "out of memory grouping sources into stories");
}

struct pair {
	size_t s, i;
};

static int cmp_pair(const void *x, const void *y)
{
	const struct pair *a = x, *b = y;
	if (a->s != b->s)
		return a->s < b->s ? -1 : 1;
	return a->i < b->i ? -1 : a->i > b->i;
}

static int cmp_u32(const void *x, const void *y)
{
	uint32_t a = *(const uint32_t *)x, b = *(const uint32_t *)y;
	return a < b ? -1 : a > b;
}

void ct_story_gate_free(struct ct_story_gate *g)
{
	free(g->csrc);
	free(g->toff);
	free(g->terms);
	free(g->norm);
	free(g->idf);
	free(g->mkey);
	free(g->mval);
	memset(g, 0, sizeof(*g));
}

int ct_story_gate_build(struct ct_story_gate *g, const size_t *src, size_t n, const size_t *off, const uint32_t *tid,
			const float *idf, size_t ntid, size_t max_df)
{
	size_t *order = NULL, i, j, k, s, nsrc = 0, total = 0, cap, scap = 0;
	uint32_t *scratch = NULL;
	float min_idf;
	int error = 0;

	memset(g, 0, sizeof(*g));
	if (!(g->csrc = malloc((n ? n : 1) * sizeof(*g->csrc))) || !(order = malloc((n ? n : 1) * sizeof(*order))))
		goto nomem;
	/* Dense source numbers in order of the callers' numbers: the claims sorted by source (a
	 * counting pass when they come grouped, as the index gives them). */
	for (i = 0; i < n; i++)
		order[i] = i;
	for (i = 1; i < n && src[i - 1] <= src[i]; i++)
		;
	if (i < n) {
		/* not grouped by source: sorted by (source, claim) */
		struct pair *p = malloc(n * sizeof(*p));
		if (!p)
			goto nomem;
		for (i = 0; i < n; i++) {
			p[i].s = src[i];
			p[i].i = i;
		}
		qsort(p, n, sizeof(*p), cmp_pair);
		for (i = 0; i < n; i++)
			order[i] = p[i].i;
		free(p);
	}
	for (i = 0; i < n; i++) {
		if (i == 0 || src[order[i]] != src[order[i - 1]])
			nsrc++;
		g->csrc[order[i]] = (uint32_t)(nsrc - 1);
	}
	g->nsrc = nsrc;
	if (!(g->toff = calloc(nsrc + 1, sizeof(*g->toff))) || !(g->norm = calloc(nsrc ? nsrc : 1, sizeof(*g->norm))) ||
	    !(g->idf = malloc((ntid ? ntid : 1) * sizeof(*g->idf))))
		goto nomem;
	if (ntid)
		memcpy(g->idf, idf, ntid * sizeof(*idf));
	g->ntid = ntid;
	/* Each source's distinct terms, sorted: its claims' term ids gathered, sorted, deduplicated. */
	/* terms in more than max_df claims name no story: left out of the sources' lists */
	min_idf = max_df && n > max_df ? (float)log(1.0 + (double)n / (double)max_df) : 0;
	cap = 4096;
	if (!(g->terms = malloc(cap * sizeof(*g->terms))))
		goto nomem;
	for (i = 0; i < n; i = j) {
		size_t m = 0;
		s = g->csrc[order[i]];
		for (j = i; j < n && g->csrc[order[j]] == s; j++)
			m += off[order[j] + 1] - off[order[j]];
		if (m > scap) {
			uint32_t *s2 = realloc(scratch, m * sizeof(*s2));
			if (!s2)
				goto nomem;
			scratch = s2;
			scap = m;
		}
		m = 0;
		for (k = i; k < j; k++) {
			size_t c = order[k];
			if (off[c + 1] > off[c])   /* a claim without terms: no memcpy from or to NULL */
				memcpy(scratch + m, tid + off[c], (off[c + 1] - off[c]) * sizeof(*tid));
			m += off[c + 1] - off[c];
		}
		if (m)
			qsort(scratch, m, sizeof(*scratch), cmp_u32);
		if (total + m > cap) {
			uint32_t *t2;
			while (total + m > cap)
				cap *= 2;
			if (!(t2 = realloc(g->terms, cap * sizeof(*t2))))
				goto nomem;
			g->terms = t2;
		}
		for (k = 0; k < m; k++)
			if ((k == 0 || scratch[k] != scratch[k - 1]) && idf[scratch[k]] >= min_idf) {
				double w = idf[scratch[k]];
				g->terms[total++] = scratch[k];
				g->norm[s] += (float)(w * w);
			}
		g->toff[s + 1] = total;
	}
	/* (every dense source has a claim; the lists are contiguous, this only keeps them ordered) */
	for (s = 1; s <= nsrc; s++)
		if (g->toff[s] < g->toff[s - 1])
			g->toff[s] = g->toff[s - 1];
	goto done;
nomem:
	error = oom();
	ct_story_gate_free(g);
done:
	free(order);
	free(scratch);
	return error;
}

double ct_story_affinity(const struct ct_story_gate *g, uint32_t sa, uint32_t sb)
{
	const uint32_t *a = g->terms + g->toff[sa], *ae = g->terms + g->toff[sa + 1];
	const uint32_t *b = g->terms + g->toff[sb], *be = g->terms + g->toff[sb + 1];
	double shared = 0, m;
	if (g->norm[sa] <= 0 || g->norm[sb] <= 0)
		return 0;
	while (a < ae && b < be) {
		if (*a < *b)
			a++;
		else if (*b < *a)
			b++;
		else {
			double w = g->idf[*a];
			shared += w * w;
			a++;
			b++;
		}
	}
	m = g->norm[sa] < g->norm[sb] ? g->norm[sa] : g->norm[sb];
	return shared / m;
}

/* The memo of affinities by source pair: open addressing, at most half full. */
static int memo_get(struct ct_story_gate *g, uint64_t key, float *out)
{
	size_t h;
	if (!g->mcap)
		return 0;
	h = (size_t)((key * 0x9E3779B97F4A7C15ULL) >> 17) & (g->mcap - 1);
	while (g->mkey[h]) {
		if (g->mkey[h] == key) {
			*out = g->mval[h];
			return 1;
		}
		h = (h + 1) & (g->mcap - 1);
	}
	return 0;
}

static int memo_put(struct ct_story_gate *g, uint64_t key, float v)
{
	size_t h;
	if (g->mused + 1 > g->mcap / 2) {
		size_t ncap = g->mcap ? g->mcap * 2 : 4096, k;
		uint64_t *k2 = calloc(ncap, sizeof(*k2));
		float *v2 = malloc(ncap * sizeof(*v2));
		if (!k2 || !v2) {
			free(k2);
			free(v2);
			return oom();
		}
		for (k = 0; k < g->mcap; k++)
			if (g->mkey[k]) {
				size_t x = (size_t)((g->mkey[k] * 0x9E3779B97F4A7C15ULL) >> 17) & (ncap - 1);
				while (k2[x])
					x = (x + 1) & (ncap - 1);
				k2[x] = g->mkey[k];
				v2[x] = g->mval[k];
			}
		free(g->mkey);
		free(g->mval);
		g->mkey = k2;
		g->mval = v2;
		g->mcap = ncap;
	}
	h = (size_t)((key * 0x9E3779B97F4A7C15ULL) >> 17) & (g->mcap - 1);
	while (g->mkey[h])
		h = (h + 1) & (g->mcap - 1);
	g->mkey[h] = key;
	g->mval[h] = v;
	g->mused++;
	return 0;
}

int ct_story_gate_filter(struct ct_story_gate *g, uint64_t *cand, size_t *ncand, FILE *trace)
{
	size_t i, j;
	for (i = j = 0; i < *ncand; i++) {
		uint32_t sa = g->csrc[cand[i] >> 32], sb = g->csrc[cand[i] & 0xffffffffu], lo, hi;
		uint64_t key;
		float aff;
		lo = sa < sb ? sa : sb;
		hi = sa < sb ? sb : sa;
		key = ((uint64_t)lo << 32 | hi) + 1;   /* never 0: 0 marks an empty slot */
		if (!memo_get(g, key, &aff)) {
			aff = (float)ct_story_affinity(g, lo, hi);
			if (memo_put(g, key, aff) < 0)
				return CT_ENOMEM;
			if (trace)
				fprintf(trace, "%u %u %.4f\n", lo, hi, aff);
		}
		if (aff >= CT_STORY_MIN_AFFINITY)
			cand[j++] = cand[i];
		else
			g->dropped++;
	}
	*ncand = j;
	return 0;
}
