/* Record naming and encoding: ids, where each record lives in the desk tree, and the
 * canonical JSON bytes written for a record. No I/O. */
#ifndef CT_RECORD_RECORD_H
#define CT_RECORD_RECORD_H

#include <stddef.h>

#include <cJSON.h>

#include "util/buf.h"

#define CT_CLAIM_ID_LEN 16
#define CT_SOURCE_ID_MAX 64

enum ct_record_kind { CT_REC_NONE = 0, CT_REC_SOURCE, CT_REC_CLAIM, CT_REC_REVIEW, CT_REC_DESK };

/* 1 when id is a valid source id: 1-64 of [A-Za-z0-9._-], starting with a letter or digit,
 * without "..", so it is safe as a file name. */
int ct_source_id_valid(const char *id);
/* Explains why id is not a valid source id, into a static message. */
const char *ct_source_id_problem(const char *id);
/* Derives a source id from a file name: the base name without its extension, with runs of
 * characters outside [A-Za-z0-9._-] turned into '-'. Appends to out; may yield an invalid id
 * (the caller checks). */
void ct_source_id_from_file(ct_buf *out, const char *path);
/* 1 when s is a real calendar date written YYYY-MM-DD. */
int ct_date_valid(const char *s);
/* 1 when s looks like an absolute URL: scheme ":" then at least one character, no spaces, control
 * characters or characters RFC 3986 never allows unencoded (" < > \ ^ ` { | }), at most 2000 bytes. */
int ct_url_valid(const char *s);

/* Hex SHA-256 of data (65 bytes with the NUL). */
void ct_sha256_hex(char out[65], const void *data, size_t len);
/* The two hex digits that shard a source's records: the start of sha256(source id). */
void ct_source_shard(char out[3], const char *source_id);
/* Desk paths of a source's record, its text, the folder of its claims, and one claim. */
void ct_source_path(ct_buf *out, const char *source_id);
void ct_source_text_path(ct_buf *out, const char *source_id);
void ct_claim_dir(ct_buf *out, const char *source_id);
void ct_claim_path(ct_buf *out, const char *source_id, const char *claim_id);
/* A claim's id: the first 16 hex digits of sha256(source id, NUL, claim text, NUL, n), where n
 * counts earlier claims of the same source with the same text (0 for the first), so re-adding the
 * same text gives the same ids. */
void ct_claim_id(char out[CT_CLAIM_ID_LEN + 1], const char *source_id, const char *text, unsigned n);
/* Which kind of record a desk path names (by its shape only). */
enum ct_record_kind ct_record_kind_of_path(const char *path);

/* Appends the canonical bytes of a record: cJSON's formatted print plus a final newline.
 * CT_EINPUT for a number out of range (infinite or NaN), which JSON cannot write. */
int ct_record_encode(ct_buf *out, const cJSON *record);

/* 1 when some object in rec (searched depth-first) holds the same key twice, else 0. cJSON keeps
 * both members and finds the first, where other JSON readers take the last, so validate refuses
 * such a record. The key is appended to name (when not NULL), cut at 64 bytes, with control
 * characters shown as '?'. */
int ct_record_duplicate_key(const cJSON *rec, ct_buf *name);

/* The JSON Schema text compiled into the program for "claim", "source" or "review"; NULL if
 * unknown. */
const char *ct_record_schema_text(const char *name);

#endif
