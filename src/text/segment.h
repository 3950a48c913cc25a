/* Sentence segmentation of news article text: paragraphs, sentences, and the lines around them
 * (titles, headings, bylines, page furniture, teasers) told apart so only body sentences become claims. */
#ifndef CT_TEXT_SEGMENT_H
#define CT_TEXT_SEGMENT_H

#include <stddef.h>

#include "util/buf.h"

typedef enum {
	CT_SEG_SENTENCE = 0,  /* a sentence of body text: a claim candidate */
	CT_SEG_HEADING,       /* title or section heading ("What Comes Next"), no final punctuation */
	CT_SEG_BYLINE,        /* "By Jane Doe", "Jane Doe, Staff Writer", dateline-only lines, author bio lines ("Jane Doe is a reporter who covers ...") */
	CT_SEG_FURNITURE,     /* page furniture: "0 Comments", "Share this article", "The post ... appeared first on ...", "Advertisement", "Read more:", "Sign up for ...", copyright lines, photo credits ("Photo: ..."), "Related:" */
	CT_SEG_TEASER         /* all-caps teaser lines of other stories, link lists */
} ct_seg_kind;

#define CT_SEG_KIND_COUNT 5

typedef struct ct_segment {
	size_t start, end;      /* byte offsets into the text, end exclusive; leading/trailing whitespace excluded */
	ct_seg_kind kind;
	unsigned paragraph;     /* 0-based paragraph number */
	unsigned index;         /* 0-based running number of the segment */
} ct_segment;

/* Splits text (already cleaned: UTF-8, LF line ends) into segments in order, calling cb for each;
 * a non-zero return from cb stops and is returned. No heap allocation per sentence or token:
 * a single pass over the bytes. Returns 0, cb's value, or negative.
 *
 * Layout: a quick scan over the line lengths first decides whether the text is hard-wrapped (some
 * line stops mid-sentence and the next goes on in lowercase) and at what width. Then every newline
 * of one-paragraph-per-line text ends a paragraph; in hard-wrapped text a paragraph ends at a blank
 * line, before an indented or bulleted line, after a line the next line's first word would have fitted
 * on, and around a heading-like line (short, no final punctuation, Title Case or caps) that follows a
 * finished sentence. A paragraph that is one unpunctuated line may be a heading, byline, furniture
 * or teaser as a whole; otherwise it is split into sentences, each of which may still be furniture
 * ("The post ... appeared first on ..."), a byline (author bio, "Reporting by ...") or a teaser.
 *
 * A sentence ends at . ! ? or an ellipsis, after any closing quotes and brackets, when whitespace and
 * a word that is not lowercase follow. A period never ends a sentence after a title (Mr. Dr. Gen.
 * Sen. St. ...), an initial (John F. Kennedy), "vs." or "No." before a number. After dotted
 * abbreviations (U.S., a.m.), months (Jan. ...) and company or name suffixes (Inc. Ltd. Co. Corp.
 * Jr. Sr.) it ends one only when the next word is a common sentence opener ("The", "It", "But" ...);
 * after "etc." whenever the next word is capitalised.
 * Returns CT_EINPUT when text or cb is NULL (text may be NULL when len is 0). */
int ct_segment_text(const char *text, size_t len,
		    int (*cb)(const ct_segment *seg, void *payload), void *payload);

/* Appends the segment's text with every run of whitespace (including the newlines of hard-wrapped
 * lines, and no-break spaces) folded into one space, and a hyphen at a line end followed by a
 * lowercase letter kept as is: "well-\nknown" gives "well-known". Leading and trailing whitespace
 * of the range is dropped. An allocation failure is left in out (ct_buf_oom). */
void ct_segment_flatten(ct_buf *out, const char *text, size_t start, size_t end);

/* The lowercase name of a kind: "sentence", "heading", "byline", "furniture", "teaser";
 * "unknown" for a value out of range. */
const char *ct_seg_kind_name(ct_seg_kind kind);

#endif
