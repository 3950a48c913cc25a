/* Which sources tell the same story. Two claims of different sources speak of the same fact
 * only when their sources cover the same event: "The government of Iceland pledged 84.8 million
 * euros" and "The government of Vietnam pledged 11.8 million euros" in articles about two
 * different storms are two facts, not a contradiction, and two outlets' generic sentences ("A
 * spokesperson declined to comment") are no corroboration. A desk of many stories is full of
 * such pairs. The gate compares whole sources: the distinct terms of all their claims together
 * (but those too common to name anything), each weighted by the square of its IDF over the
 * claims; the affinity of two sources is the weight they share over the weight of the smaller
 * (a two-line brief on an event shares most of its names and figures with a long article on the
 * same event). Candidate claim pairs whose sources fall under CT_STORY_MIN_AFFINITY are not
 * scored. Articles on one event share its names, places, figures and dates; articles on two
 * events share the language of news. Pure: no I/O but the optional trace. */
#ifndef CT_ALIGN_STORY_H
#define CT_ALIGN_STORY_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* Least affinity of two sources for their claims to be compared. Measured (docs/matching.md):
 * sources of one story 0.25 and more on the fixture stories (an opinion column on the example
 * story's flood against the news reports: 0.25-0.30; news reports of one event 0.37 and more)
 * and 0.46 and more in the bench corpus; sources of two stories of the same kind in the bench
 * corpus at most 0.29, 99% of them under 0.20; a two-line brief and a long article on its event
 * 0.67. */
#define CT_STORY_MIN_AFFINITY 0.2

struct ct_story_gate {
	uint32_t *csrc;         /* dense source number of each claim */
	size_t nsrc;
	size_t *toff;           /* source s's distinct terms: terms[toff[s] .. toff[s + 1]), sorted */
	uint32_t *terms;
	float *norm;            /* the sum of the squared weights of each source's terms */
	float *idf;             /* a copy of the weights, by term id */
	size_t ntid;
	uint64_t *mkey;         /* affinities computed so far, by source pair */
	float *mval;
	size_t mcap, mused;
	size_t dropped;         /* candidate pairs the gate has refused */
};

/* Builds g over claims[0..n): src[i] the source number of claim i (equal = same source), its
 * term ids tid[off[i] .. off[i + 1]) (distinct within a claim; ids < ntid), idf[t] = log(1 + n /
 * df) each term's weight; terms in more than max_df claims (0: no limit) are left out. Source
 * numbers are made dense in their own order. 0 or CT_ENOMEM (g then empty). */
int ct_story_gate_build(struct ct_story_gate *g, const size_t *src, size_t n, const size_t *off, const uint32_t *tid,
			const float *idf, size_t ntid, size_t max_df);
/* The affinity (0..1) of dense sources sa and sb: the squared weights of the terms they share
 * over those of the source with less. */
double ct_story_affinity(const struct ct_story_gate *g, uint32_t sa, uint32_t sb);
/* Keeps, in order, the candidate pairs (claim a << 32 | claim b) of cand[0..*ncand) whose sources
 * have at least CT_STORY_MIN_AFFINITY; *ncand becomes their number. Each source pair's affinity
 * is computed once; with trace, each is written there ("sa sb affinity", dense numbers). 0 or
 * CT_ENOMEM. */
int ct_story_gate_filter(struct ct_story_gate *g, uint64_t *cand, size_t *ncand, FILE *trace);
/* Frees what g holds and zeroes it. */
void ct_story_gate_free(struct ct_story_gate *g);

#endif
