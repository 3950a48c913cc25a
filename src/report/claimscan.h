/* The five fields of a claim record the report keeps (id, source, text, status, sentence), read
 * in one pass over the JSON without building a cJSON tree: most of the cost of a report. */
#ifndef CT_REPORT_CLAIMSCAN_H
#define CT_REPORT_CLAIMSCAN_H

#include <stddef.h>

#include "util/buf.h"

/* What rp_claim_scan found. A string field is NULL when the record has no such key or its value
 * is not a string; otherwise it is decoded (escapes resolved) and NUL-terminated, with its length.
 * The first of duplicate keys counts, as cJSON_GetObjectItemCaseSensitive has it. */
struct rp_claim_fields {
	const char *id, *source, *text, *status;   /* in the scratch buffer given to rp_claim_scan */
	size_t id_len, source_len, text_len, status_len;
	int has_sentence;                          /* "sentence" is a number */
	long sentence;
};

/* Reads data[0..len) as a claim record. 1: read, out set, and the fields are exactly those cJSON
 * (cJSON_ParseWithLength, then cJSON_GetObjectItemCaseSensitive) would give. 0: the text is not
 * one this scanner decides (malformed JSON, raw control characters, \u0000, a nesting deeper than
 * it follows, a sentence number with a fraction or exponent, ...): the caller parses it with
 * cJSON, which then accepts or rejects it. CT_ENOMEM when scratch cannot grow. The pointers in out
 * are valid until scratch is next changed. */
int rp_claim_scan(struct rp_claim_fields *out, const char *data, size_t len, ct_buf *scratch);

#endif
