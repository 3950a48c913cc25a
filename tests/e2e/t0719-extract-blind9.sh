#!/bin/bash
# extract on the ninth blind set, three articles on one story (a football league's inquiry into a
# club's loan and stadium sale), written without reading the extractor, its docs, its unit tests
# or the earlier sets' articles (tests/fixtures/xblind9, issue 3): the articles and labels were
# committed (72951f1) before the extractor ran on them, then scored once by
# tests/eval/extract_labels.py at 15:40 UTC on 2026-12-03 (extractor as of 1d92542):
#   segments found 119/120, extra 2/121, kind 0.98 (118/120), furniture leaks 1/22, claims P 0.94
#   (61/65) R 0.97 (61/63) F1 0.95, type 0.85 (52/61), quote speaker 0.74 (14/19, surname
#   14/19), reported-speech speaker 0.61 (20/33), numbers recall 0.97 (73/75) precision 0.97
#   (71/73) approx 0.97 (71/73), dates recall 0.93 (40/43) precision 0.91 (40/44).
# Floors one item under each of those figures (extra and leaks: one item over). The extractor has
# since been changed because of these articles: they are no longer unseen
# (tests/fixtures/xblind9/README.md).
. "$(dirname "$0")/lib.sh"

blind=$(cd "$(dirname "$0")/../.." && pwd)/tests/fixtures/xblind9
extract_floors "$blind" "the ninth blind set" found=0.98 extra=0.03 kind=0.97 leaks=2 claim_p=0.92 \
	claim_r=0.95 claim_f1=0.93 type=0.83 speaker=0.68 surname=0.68 said=0.57 num_r=0.96 num_p=0.95 \
	approx=0.95 date_r=0.90 date_p=0.88

labels_consistent "$blind"
