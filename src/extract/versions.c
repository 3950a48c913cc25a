/* Pairing of changed sentences across versions of a source: greedy on the best word overlap,
 * ties broken by how close the sentences sit in their texts. */
#include "extract/versions.h"

#include <ctype.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util/err.h"

#define MAX_WORDS 256

/* Hashes the lower-cased words of s into out (sorted, unique); returns how many. */
static size_t word_hashes(const char *s, uint32_t *out)
{
	size_t n = 0, i, j;
	while (*s && n < MAX_WORDS) {
		uint32_t h = 2166136261u;
		int len = 0;
		while (*s && !isalnum((unsigned char)*s) && !((unsigned char)*s & 0x80))
			s++;
		while (*s && (isalnum((unsigned char)*s) || ((unsigned char)*s & 0x80))) {
			h = (h ^ (uint32_t)tolower((unsigned char)*s)) * 16777619u;
			s++;
			len++;
		}
		if (len)
			out[n++] = h;
	}
	for (i = 1; i < n; i++) {  /* insertion sort: sentences are short */
		uint32_t v = out[i];
		for (j = i; j > 0 && out[j - 1] > v; j--)
			out[j] = out[j - 1];
		out[j] = v;
	}
	for (i = j = 0; i < n; i++)
		if (!j || out[j - 1] != out[i])
			out[j++] = out[i];
	return j;
}

static double overlap(const uint32_t *a, size_t na, const uint32_t *b, size_t nb)
{
	size_t i = 0, j = 0, both = 0;
	if (!na && !nb)
		return 1.0;
	while (i < na && j < nb) {
		if (a[i] == b[j]) {
			both++;
			i++;
			j++;
		} else if (a[i] < b[j])
			i++;
		else
			j++;
	}
	return (double)both / (double)(na + nb - both);
}

double ct_version_overlap(const char *a, const char *b)
{
	uint32_t ha[MAX_WORDS], hb[MAX_WORDS];
	size_t na = word_hashes(a, ha), nb = word_hashes(b, hb);
	return overlap(ha, na, hb, nb);
}

struct cand {
	double score;
	size_t o, n;
};

static int cmp_cand(const void *a, const void *b)
{
	const struct cand *x = a, *y = b;
	if (x->score != y->score)
		return x->score < y->score ? 1 : -1;
	if (x->n != y->n)
		return x->n < y->n ? -1 : 1;
	return x->o < y->o ? -1 : x->o > y->o;
}

int ct_version_pair(const struct ct_version_item *old, size_t nold, const struct ct_version_item *new_items,
		    size_t nnew, long *pair_out)
{
	uint32_t (*hold)[MAX_WORDS] = NULL;
	size_t *nh = NULL, i, j, nc = 0;
	struct cand *c = NULL;
	unsigned char *used = NULL;
	uint32_t hn[MAX_WORDS];
	int error = 0;

	for (i = 0; i < nnew; i++)
		pair_out[i] = -1;
	if (!nold || !nnew)
		return 0;
	hold = malloc(nold * sizeof(*hold));
	nh = malloc(nold * sizeof(*nh));
	c = malloc(nold * nnew * sizeof(*c));
	used = calloc(nold, 1);
	if (!hold || !nh || !c || !used) {
		error = ct_error_set(CT_ENOMEM, "out of memory");
		goto done;
	}
	for (i = 0; i < nold; i++)
		nh[i] = word_hashes(old[i].text, hold[i]);
	for (j = 0; j < nnew; j++) {
		size_t n = word_hashes(new_items[j].text, hn);
		for (i = 0; i < nold; i++) {
			double s = overlap(hold[i], nh[i], hn, n);
			if (s >= CT_VERSION_MIN_OVERLAP) {
				double dist = fabs((double)old[i].sentence - (double)new_items[j].sentence);
				c[nc].score = s - 0.001 * fmin(dist, 100.0);
				c[nc].o = i;
				c[nc].n = j;
				nc++;
			}
		}
	}
	qsort(c, nc, sizeof(*c), cmp_cand);
	for (i = 0; i < nc; i++) {
		if (used[c[i].o] || pair_out[c[i].n] >= 0)
			continue;
		used[c[i].o] = 1;
		pair_out[c[i].n] = (long)c[i].o;
	}
done:
	free(hold);
	free(nh);
	free(c);
	free(used);
	return error;
}
