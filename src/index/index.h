/* ct_index: the SQLite cache of a desk at .git/claimtrack/index.db (sources, claims, reviews, FTS5 over
 * claim text). Only a cache: deleting the file and feeding every record again rebuilds it. */
#ifndef CT_INDEX_INDEX_H
#define CT_INDEX_INDEX_H

#include <stddef.h>

#include "util/buf.h"

/* Schema version stored in PRAGMA user_version. Bump it whenever the schema or the way rows are
 * derived from records changes: an index with another version is refused with CT_EDESK, and the
 * caller deletes it and rebuilds. */
#define CT_INDEX_VERSION 2

typedef struct ct_index ct_index;

/* Opens or creates the index at path (its parent directory must exist) and stores the handle in *out
 * (free it with ct_index_free). Sets journal_mode=DELETE (faster than WAL for bulk loads),
 * synchronous=NORMAL, foreign_keys=OFF, and creates the schema in an empty file.
 * A file that is not a database or fails PRAGMA quick_check returns CT_EDESK "index is corrupt";
 * one with another user_version (or foreign tables) returns CT_EDESK "index has an old format".
 * The caller then deletes the file and calls again. A locked database returns CT_EDESK too. */
int ct_index_open(ct_index **out, const char *path);
/* Finalizes every statement and closes the database; rolls back an open transaction. NULL is a no-op. */
void ct_index_free(ct_index *ix);

/* BEGIN IMMEDIATE: takes the write lock now, so a bulk load never fails half way on a busy lock. */
int ct_index_begin(ct_index *ix);
int ct_index_commit(ct_index *ix);
/* Inside a transaction: brings the full-text index up to date with the rows written so far (a
 * bulk load defers it), so that the commit that follows is quick. ct_index_commit does it too. */
int ct_index_flush(ct_index *ix);
/* Rolls back the open transaction, if any. */
void ct_index_rollback(ct_index *ix);

/* Reads metadata key into out (its contents are replaced), e.g. "commit" = the commit the index
 * reflects. CT_ENOTFOUND when absent. */
int ct_index_meta_get(ct_index *ix, const char *key, ct_buf *out);
/* Sets (inserts or replaces) metadata key. */
int ct_index_meta_set(ct_index *ix, const char *key, const char *value);

/* Deletes every record row, broken rows and the full-text index (before a rebuild); meta is kept. */
int ct_index_clear(ct_index *ix);

/* Stores (upserts by path) the record whose desk path is path and whose blob is json[0..len).
 * The table is chosen from the path's shape: sources/<xx>/<id>.json, claims/<xx>/<source>/<id>.json,
 * reviews/<cc>/<claim>/<key>.json; any other path (desk.json, *.txt, the schemas) is ignored and
 * returns 0. A blob that is not a JSON object, lacks the fields the table needs (source: id; claim:
 * id of 16 lowercase hex digits and source; review: claim), disagrees with its path, or reuses an id
 * already stored under another path is stored in the broken table (path, error) instead, and any
 * previous row for path is dropped; that still returns 0. Outside a transaction each put is atomic
 * on its own; for many puts wrap them in ct_index_begin/ct_index_commit. */
int ct_index_put(ct_index *ix, const char *path, const char *json, size_t len);
/* Removes whatever row (record or broken) was stored for path; no error if none. */
int ct_index_remove(ct_index *ix, const char *path);

/* Row callback: path and stored JSON (for ct_index_broken: path and error message). Both strings
 * are borrowed for the duration of the call. A non-zero return stops the iteration and is returned
 * by the iterating function. The callback may call other ct_index query functions. */
typedef int (*ct_index_row_cb)(const char *path, const char *json, void *payload);

/* Calls cb with every source, ordered by id. */
int ct_index_sources(ct_index *ix, ct_index_row_cb cb, void *payload);

struct ct_claim_filter {
	const char *source;   /* exact source id, or NULL */
	const char *search;   /* full-text query over claim text, or NULL */
	const char *status;   /* "active", "superseded", "withdrawn", or NULL for all */
	const char *type;     /* claim type or NULL */
	long limit;           /* <= 0: no limit */
};
/* Calls cb with every claim matching f, ordered by source id, sentence index, version, id; with a
 * search, by FTS5 rank (bm25) then the same keys. The search is user text and never reaches FTS5
 * syntax: it is split on white space, each word is quoted as an FTS5 string, and all words must
 * occur (in any order; porter stemming, case and accents ignored, "U.N." == "UN").
 * A search with no word left (only punctuation, or empty) returns CT_EINPUT. */
int ct_index_claims(ct_index *ix, const struct ct_claim_filter *f, ct_index_row_cb cb, void *payload);
/* Calls cb with the reviews of one claim (full id), ordered by date then reviewer email; with
 * claim_id NULL, every review of the desk ordered by claim, then date and reviewer email. */
int ct_index_reviews(ct_index *ix, const char *claim_id, ct_index_row_cb cb, void *payload);
/* Calls cb with (path, error message) of every record the index could not use, ordered by path. */
int ct_index_broken(ct_index *ix, ct_index_row_cb cb, void *payload);

/* Resolves a claim id prefix of 4 to 16 hex digits (upper case accepted) to the full id and its
 * path (both out buffers are replaced). CT_EINPUT for anything else, CT_ENOTFOUND if no claim has
 * the prefix, CT_EAMBIGUOUS if several do, with a message naming up to 5 of them. */
int ct_index_resolve_claim(ct_index *ix, const char *prefix, ct_buf *out_id, ct_buf *out_path);
/* Fetches one record by exact id: kind is "source" or "claim". Either out buffer may be NULL;
 * the others are replaced. CT_ENOTFOUND if absent, CT_EINPUT for an unknown kind. */
int ct_index_get(ct_index *ix, const char *kind, const char *id, ct_buf *out_json, ct_buf *out_path);
/* Number of rows of kind "source", "claim", "review" or "broken"; a negative CT_E* code on error
 * (CT_EINPUT for an unknown kind). */
long ct_index_count(ct_index *ix, const char *kind);

/* Checks the database (PRAGMA quick_check) and that the full-text index agrees with the claims
 * (FTS5 integrity-check). CT_EDESK "index is corrupt" if not; the caller deletes and rebuilds. */
int ct_index_check(ct_index *ix);

/* Rewrites text the way it is indexed for search: dotted acronyms lose their dots ("U.N." -> "UN",
 * "U.S.A." -> "USA") so the tokenizer sees one word, as it does for "UN". Appends to out; returns 0
 * or CT_ENOMEM. Exposed for tests and for callers that highlight matches. */
int ct_index_fold_text(ct_buf *out, const char *text, size_t len);

/* ---- alignments: derived by `claimtrack match` (src/cmd/match.c), rebuilt with the index ---- */

struct ct_align_filter {
	const char *source;   /* exact source id, or NULL */
	const char *claim;    /* full claim id, or NULL */
};
/* cb(path=NULL, json, payload) for every stored alignment touching the source/claim (NULL =
 * all), best score first; json is one object {"claims": [a, b], "sources": [sa, sb], "relation",
 * "score", "signals": [{"kind", "a", "b"}], "independent"} as `match --json` prints it. */
int ct_index_alignments(ct_index *ix, const struct ct_align_filter *f, ct_index_row_cb cb, void *payload);
/* *out: the number of alignments ct_index_alignments would give for f. */
int ct_index_align_count(ct_index *ix, const struct ct_align_filter *f, long *out);
/* For claim (full id): the number of other sources with a corroborating alignment, how many of
 * them are independent (distinct after counting a copy as the source it copies, and not the
 * claim's own source or what it copies), and how many sources contradict it. */
int ct_index_claim_support(ct_index *ix, const char *claim, int *corroborating, int *independent,
			   int *contradicting);
/* cb(on_id, NULL) for every source the source is a dependent (copy, rewrite, translation) of. */
int ct_index_source_deps(ct_index *ix, const char *source, ct_index_row_cb cb, void *payload);

/* What the matcher needs. *all is 1 when no match ever ran on this index (every source is to
 * match); else cb(source id, NULL) for each source whose claims changed since the last match. */
int ct_index_match_pending(ct_index *ix, int *all, ct_index_row_cb cb, void *payload);
struct ct_match_row {
	const char *id, *source, *text;
	const char *published;   /* the source's publication day (YYYY-MM-DD) or NULL */
	long sentence;           /* -1 when unknown */
	const void *terms;       /* the claim's weighted terms kept by ct_index_terms_put, or NULL */
	size_t terms_len;        /* bytes */
};
typedef int (*ct_index_match_cb)(const struct ct_match_row *row, void *payload);
/* Every active claim with text, ordered by source, sentence and id; strings are borrowed. */
int ct_index_match_claims(ct_index *ix, ct_index_match_cb cb, void *payload);
/* The matcher's cache of each claim's weighted terms (a table of its own, made on first use):
 * emptied when fingerprint (what the analysis gives on sample sentences) is not the one it was
 * filled with; the terms of the claims of each changed source deleted (changed NULL: every
 * source is matched again, and the terms of claims no longer in the index are dropped). The rows
 * of ct_index_match_claims then carry the terms kept for the others. */
int ct_index_terms_open(ct_index *ix, const char *fingerprint, char *const *changed, size_t nchanged);
/* Keeps claim's terms (len bytes). */
int ct_index_terms_put(ct_index *ix, const char *claim, const void *terms, size_t len);
/* Deletes the alignments touching source (NULL: all). */
int ct_index_align_clear(ct_index *ix, const char *source);
/* Before many alignments are written in one transaction (on=1): drops the secondary indexes of
 * the alignments table; after (on=0): creates them again, one sort each instead of a random
 * B-tree insert per row and per index. */
int ct_index_align_bulk(ct_index *ix, int on);
/* Stores (replaces) one alignment: a < b (claim ids), sa and sb their sources, signals the JSON
 * array of the comparison of a with b. */
int ct_index_align_put(ct_index *ix, const char *a, const char *b, const char *sa, const char *sb,
		       const char *relation, double score, const char *signals);
typedef int (*ct_index_link_cb)(const char *a, const char *sa, const char *b, const char *sb, void *payload);
/* cb with the claims and their sources of every corroborating or contradicting alignment scored
 * min_score or more (the dependence test's input), in no particular order. */
int ct_index_match_links(ct_index *ix, double min_score, ct_index_link_cb cb, void *payload);
/* As ct_index_match_links, only the alignments with source on one side. */
int ct_index_match_links_of(ct_index *ix, double min_score, const char *source, ct_index_link_cb cb,
			    void *payload);
int ct_index_deps_clear(ct_index *ix);
/* cb(source, on_source) for every stored dependence with source on either side, then deletes
 * them. */
int ct_index_deps_take(ct_index *ix, const char *source, ct_index_row_cb cb, void *payload);
/* Records that source depends on on. */
int ct_index_dep_put(ct_index *ix, const char *source, const char *on);
/* Marks each alignment independent or not from source_deps, forgets the pending sources and
 * records that a match ran. */
int ct_index_match_done(ct_index *ix);
/* As ct_index_match_done, marking only the alignments with one of sources[0..n) on a side (the
 * sources whose dependence may have changed: every other alignment's mark stands). */
int ct_index_match_done_of(ct_index *ix, char *const *sources, size_t n);

#endif
