/* Which claim of a source's previous version a changed sentence revises: pairs sentences that
 * disappeared with sentences that appeared, by word overlap and position. Pure. */
#ifndef CT_EXTRACT_VERSIONS_H
#define CT_EXTRACT_VERSIONS_H

#include <stddef.h>

struct ct_version_item {
	const char *text;      /* the claim text */
	unsigned sentence;     /* its position in its version of the source */
};

/* Minimum word overlap (Jaccard over lower-cased words) for a new sentence to count as a
 * revision of an old one rather than a new claim. */
#define CT_VERSION_MIN_OVERLAP 0.5

/* For each of the nnew new items, writes to pair_out[i] the index of the old item it revises,
 * or -1 for a new claim. Each old item revises at most one new item; the best pairs are taken
 * first (overlap, then closeness of position). Returns 0 or CT_ENOMEM. */
int ct_version_pair(const struct ct_version_item *old, size_t nold, const struct ct_version_item *new_items,
		    size_t nnew, long *pair_out);
/* Word overlap (Jaccard) of two texts, 0..1. */
double ct_version_overlap(const char *a, const char *b);

#endif
