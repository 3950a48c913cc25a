/* The scorer's relatedness lexicon: Snowball stems of general news English grouped by what they
 * name ("blaze"/"fire"/"flames", "struck"/"hit"/"collided", "backup"/"reserve"/"spare"). */
#ifndef CT_ALIGN_RELATED_H
#define CT_ALIGN_RELATED_H

#include <stddef.h>

/* The concepts (at most two, each a small positive number) the stem stem[0..n) belongs to, in
 * out[0] and out[1] (0: none). Two words sharing a concept are related: not the same word, but
 * one reporter's way of saying what another says with the other. Returns how many were found. */
int ct_related_concepts(const char *stem, size_t n, unsigned char out[2]);
/* 1 when the table is sorted by stem (it is searched by bisection); for the unit tests. */
int ct_related_table_sorted(void);

#endif
