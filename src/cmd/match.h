/* Keeping the alignments of the index up to date (claimtrack match), callable from any command
 * that reads them. */
#ifndef CT_CMD_MATCH_H
#define CT_CMD_MATCH_H

#include "align/match.h"
#include "cmd/cmd.h"

/* Alignments scored at least this count as evidence of a copy (source dependence). */
#define CT_MATCH_DEP_SCORE 0.7

/* Brings the alignments of ix up to date: a no-op (one query) when no source or claim changed
 * since the last match; otherwise the claims of the changed sources (all claims after a rebuild)
 * are matched against every claim, their old alignments replaced, and source dependence
 * recomputed, in one index transaction. ix comes from ct_cmd_index. */
int ct_match_refresh(struct ct_ctx *ctx, ct_index *ix);
/* The same; force matches every claim again. stats (may be NULL) gets the run's counts (zero
 * claims when nothing was to do). */
int ct_match_refresh_ex(struct ct_ctx *ctx, ct_index *ix, int force, struct ct_match_stats *stats);
/* ct_cmd_index then ct_match_refresh: the index with alignments current. */
int ct_cmd_index_aligned(struct ct_ctx *ctx, ct_index **out);

/* Appends to array the ids of the sources source depends on (sources --json "dependent_on"). */
int ct_match_source_deps_json(ct_index *ix, const char *source, cJSON *array);

#endif
