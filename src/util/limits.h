/* The limits claimtrack enforces on its input, in one place (documented in README.md and
 * claimtrack.1). Input over a limit gets a clear error (or, for one overlong sentence, a
 * warning), never a record that validate would reject. */
#ifndef CT_UTIL_LIMITS_H
#define CT_UTIL_LIMITS_H

/* Largest source text accepted by add, extract and compare (bytes, before cleaning). */
#define CT_MAX_SOURCE_BYTES (16u << 20)

/* Longest sentence that can be a claim, in characters (code points) of its flattened text: the
 * claim schema's maxLength of "text". A longer run of text without a sentence end (a pasted
 * table, a page without punctuation) is never a claim; add warns about it. */
#define CT_MAX_SENTENCE_CHARS 20000

/* Most claims one version of a source may hold; a source with more is refused by add. */
#define CT_MAX_CLAIMS_PER_SOURCE 10000

#endif
