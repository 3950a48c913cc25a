#!/bin/bash
# extract on a third blind set, three articles written after the extractor was tuned on the first
# two (tests/fixtures/xblind3, issue 3): the articles and their labels were committed (ff2d44d)
# before the extractor ever ran on them, then scored once by tests/eval/extract_labels.py at
# 18:49 UTC on 2026-12-02 (extractor as of a764c9d):
#   segments found 84/86, extra 4/88, kind 0.94, furniture leaks 1/20 (a newsletter line),
#   claims P 0.93 R 1.00 F1 0.96, type 0.91, quote speaker 0.90 (9/10, surname 0.90),
#   reported-speech speaker 0.59 (17/29), numbers recall 0.98 precision 0.91 approx 1.00,
#   dates recall 0.88 precision 0.86.
# Floors a little under those figures (one item of slack on each count). If the extractor is
# tuned on these articles, they are no longer unseen: say so next to any new figure
# (tests/fixtures/xblind3/README.md).
# Tuned on since (numbers and dates, after the reported-speech session): segments found 85/86,
# extra 2/87, numbers recall and precision 54/54, approx 54/54, dates recall and precision 43/43;
# the floors of those figures are raised to one item under them (the others are as they were).
# And tuned on for segment kinds, types and speakers (2026-12-03): kind 86/86, leaks 0/20, type
# 51/53, reported speakers 28/29; those floors are one item under.
. "$(dirname "$0")/lib.sh"

repo=$(cd "$(dirname "$0")/../.." && pwd)
blind=$repo/tests/fixtures/xblind3

extract_floors "$blind" "the third blind set" \
	found=0.97 extra=0.04 kind=0.98 leaks=1 claim_p=0.93 claim_r=0.98 claim_f1=0.94 \
	type=0.94 speaker=0.8 surname=0.8 said=0.93 num_r=0.98 num_p=0.98 approx=0.98 \
	date_r=0.97 date_p=0.97

# The labels themselves are consistent: a stand-in extractor that prints them is scored perfect.
labels_consistent "$blind"
