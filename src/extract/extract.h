/* Claim extraction: turns a source's cleaned text into claim candidates with their type,
 * check-worthiness, entities, numbers, dates and quotes. Pure: no I/O, no globals; the per-call
 * state (tokens, entities) lives in one allocation per call, nothing is allocated per token. */
#ifndef CT_EXTRACT_EXTRACT_H
#define CT_EXTRACT_EXTRACT_H

#include <stddef.h>

#include <cJSON.h>

#include "extract/dates.h"
#include "extract/numbers.h"
#include "extract/quotes.h"
#include "extract/tokens.h"
#include "text/segment.h"
#include "util/buf.h"

#define CT_EXTRACT_MAX_ITEMS 32

/* One segment of the text as the extractor sees it. The pointers are valid during the callback. */
struct ct_claim_draft {
	const ct_segment *seg;      /* offsets, kind, paragraph, index */
	const char *text;           /* the segment flattened to one line (NUL-terminated) */
	size_t text_len;
	int is_claim;               /* 1 when this is a claim a fact-checker would look at */
	const char *type;           /* claim type, as in claims/claim.schema.json */
	double checkworthy;         /* 0..1 */
	unsigned words;
	const char *published;      /* the source's date, anchoring relative dates (or NULL) */
	const struct ct_tokens *tokens;
	const struct ct_sentence_entities *entities;
	const struct ct_quote *quote;
	const struct ct_attribution *attribution;
	const struct ct_number *numbers;   /* the sentence's numbers (at most CT_EXTRACT_MAX_ITEMS) */
	size_t nnumbers;
	const struct ct_date *dates;       /* its dates, resolved against published */
	size_t ndates;
	const char *speaker;        /* who the sentence's quote or statement is attributed to,
	                             * resolved across sentences for "he said" and continued quotes;
	                             * NULL when unknown (not NUL-terminated: use speaker_len) */
	size_t speaker_len;
};

typedef int (*ct_extract_cb)(const struct ct_claim_draft *draft, void *payload);

/* Segments text (cleaned UTF-8, LF line ends) and calls cb for every segment in order, claims and
 * non-claims alike. published (YYYY-MM-DD or NULL) anchors relative dates. A non-zero cb return
 * stops and is returned. */
int ct_extract(const char *text, size_t len, const char *published, ct_extract_cb cb, void *payload);

/* ct_extract on up to `threads` threads (at most CT_EXTRACT_MAX_THREADS; 1 or less: ct_extract
 * itself): segments are analysed in parallel, and cb is called for them in the same order, with
 * the same drafts, as ct_extract calls it, one call at a time, from whichever thread resolved the
 * segment. A cb error stops every thread; the segments before it were all passed to cb. */
#define CT_EXTRACT_MAX_THREADS 8
int ct_extract_parallel(const char *text, size_t len, const char *published, ct_extract_cb cb, void *payload,
			int threads);

/* The number of characters (code points) of UTF-8 text: what CT_MAX_SENTENCE_CHARS
 * (util/limits.h) counts. A sentence longer than that is never a claim (is_claim is 0). */
size_t ct_extract_chars(const char *text, size_t len);

/* Adds the draft's features to obj: "type", "checkworthy", "entities", "numbers", "dates",
 * "quote" (spans are byte offsets into the draft's flattened text). Returns 0 or CT_ENOMEM. */
int ct_extract_features(cJSON *obj, const struct ct_claim_draft *draft);

/* Appends the draft as `claimtrack extract --json` prints each element of its array: the object
 * with "text", "kind", "is_claim", "span", "sentence", "paragraph" and the features above, in the
 * bytes cJSON_Print gives for it one level down (so the elements can be streamed between "[",
 * ", " and "]\n"). Returns 0 or CT_ENOMEM. */
int ct_extract_json(ct_buf *out, const struct ct_claim_draft *draft);

#endif
