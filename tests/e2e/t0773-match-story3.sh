#!/bin/bash
# match on story3 (tests/fixtures/story3): floors at its measured figures (recall 0.91, precision
# 0.94, 6/6 planted errors flagged, no false contradiction). All three copies are found: the
# translation-style copy and the sloppy rewrite by their order, the reworded, reordered rewrite
# (islands-digest: 6 of its 13 claims aligned at 0.7 or more) by the three long quotes it keeps word
# for word; no outlet is called a copy of one it does not copy (the herald and the wire share one
# quote word for word).
. "$(dirname "$0")/lib.sh"

repo=$(cd "$(dirname "$0")/../.." && pwd)
"$PYTHON" "$repo/tests/eval/match_story.py" "$CLAIMTRACK" "$repo/tests/fixtures/story3" \
	"$repo/tests/fixtures/story3/README.md" \
	--outlet brenmouth-herald=2026-05-17 tidewire=2026-05-17 islands-digest=2026-05-18 \
	quickfeed=2026-05-18 nordkyst-english=2026-05-19 \
	--check recall=0.90 precision=0.93 flagged=6 false=0 deps=1 copies=3 extra=0 >story3.txt 2>&1 ||
	{ cat story3.txt; fail "match below its floors on story3"; }
grep -q "('nordkyst-english', 'tidewire')" story3.txt || { cat story3.txt; fail "the translation-style copy"; }
grep -q "('quickfeed', 'brenmouth-herald')" story3.txt || { cat story3.txt; fail "the sloppy rewrite"; }
grep -q "('islands-digest', 'brenmouth-herald')" story3.txt || { cat story3.txt; fail "the reworded rewrite"; }
