#!/bin/bash
# extract on a fourth blind set, three articles written without reading the extractor, its docs,
# its unit tests or the earlier blind sets (tests/fixtures/xblind4, issue 3): the articles and
# their labels were committed (e037838) before the extractor ever ran on them, then scored once
# by tests/eval/extract_labels.py at 07:57 UTC on 2026-12-03 (extractor as of e037838, source as
# of e745968):
#   segments found 81/83, extra 3/84, kind 0.94 (78/83), furniture leaks 1/14 (a newsletter line),
#   claims P 0.91 (43/47) R 1.00 (43/43) F1 0.96, type 0.95 (41/43), quote speaker 0.83 (20/24,
#   surname 21/24), reported-speech speaker 0.55 (11/20), numbers recall 0.88 (50/57) precision
#   0.94 (50/53) approx 1.00 (50/50), dates recall 0.95 (36/38) precision 1.00 (36/36).
# Its labels counted ordinals used as adjectives ("second vote") as numbers, which no other set
# and not the extractor do; normalised to the project's convention in session 10 (four labels;
# README), numbers recall is 0.94 (50/53), and its floor one item under that.
# Its misses of speakers were described (as forms, not its sentences) to the developer of the
# session-10 speaker rules (tests/fixtures/xrep), so its speaker figures since are not unseen:
# quote speaker 0.96 (23/24), reported speaker 0.95 (19/20); the floors hold those.
# Floors one item under each of those figures (extra and leaks: one item over). If the extractor
# is tuned on these articles, they are no longer unseen: say so next to any new figure
# (tests/fixtures/xblind4/README.md).
. "$(dirname "$0")/lib.sh"

repo=$(cd "$(dirname "$0")/../.." && pwd)
blind=$repo/tests/fixtures/xblind4

extract_floors "$blind" "the fourth blind set" \
	found=0.96 extra=0.05 kind=0.92 leaks=2 claim_p=0.89 claim_r=0.97 claim_f1=0.93 \
	type=0.93 speaker=0.91 surname=0.91 said=0.9 num_r=0.92 num_p=0.92 approx=0.98 \
	date_r=0.92 date_p=0.97

# The labels themselves are consistent: a stand-in extractor that prints them is scored perfect.
labels_consistent "$blind"
