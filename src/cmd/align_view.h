/* The alignments of one claim for `claimtrack show`: JSON fields and the terminal listing. */
#ifndef CT_CMD_ALIGN_VIEW_H
#define CT_CMD_ALIGN_VIEW_H

#include <cJSON.h>

#include "cmd/cmd.h"

/* Adds to the claim record rec "alignments" (the objects of `match --json` touching it, best
 * first), "corroborating_sources", "independent_sources" and "contradicting_sources" (see
 * ct_index_claim_support). The alignments must be current (ct_match_refresh). */
int ct_align_add_json(ct_index *ix, cJSON *rec);
/* Prints the aligned claims of rec (after ct_align_add_json): relation (coloured), score, the
 * other claim's source and text with its differing words highlighted (in brackets without
 * colour), and each signal's spans. */
void ct_align_print(struct ct_ctx *ctx, ct_index *ix, const cJSON *rec);

#endif
