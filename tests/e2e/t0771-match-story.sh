#!/bin/bash
# match on the two invented stories' answer keys (tests/eval/match_story.py): floors that a
# regression must not cross. Measured (third quality pass): example story recall 0.92, precision
# 0.85, 8/8 planted errors flagged, 1 false contradiction; story2 recall 0.92, precision 0.98, 9/9
# flagged, 0 false; both stories' copies found, and no other dependence. Fifth quality pass: the
# example story's false contradiction gone (a loose pair's dates must stand by a shared word).
. "$(dirname "$0")/lib.sh"

repo=$(cd "$(dirname "$0")/../.." && pwd)
"$PYTHON" "$repo/tests/eval/match_story.py" "$CLAIMTRACK" "$repo/examples/story" "$repo/examples/story/README.md" \
	--outlet harbour-herald=2025-10-15 coastline-daily=2025-10-15 wire-service=2025-10-15 \
	sloppy-rewrite=2025-10-16 translated-copy=2025-10-16 opinion-column=2025-10-18 \
	--check recall=0.91 precision=0.84 flagged=8 false=0 deps=1 >story.txt 2>&1 ||
	{ cat story.txt; fail "match below its floors on the example story"; }
"$PYTHON" "$repo/tests/eval/match_story.py" "$CLAIMTRACK" "$repo/tests/fixtures/story2" \
	"$repo/tests/fixtures/story2/README.md" \
	--outlet kelder-courier=2026-03-11 meridian-wire=2026-03-11 ridgeline-post=2026-03-12 \
	clickstream=2026-03-12 nordlys-english=2026-03-13 \
	--check recall=0.92 precision=0.97 flagged=9 false=0 deps=1 >story2.txt 2>&1 ||
	{ cat story2.txt; fail "match below its floors on story2"; }
grep -q "copies recognised: 2/2" story.txt || { cat story.txt; fail "the example story's copies"; }
grep -q "copies recognised: 2/2" story2.txt || { cat story2.txt; fail "story2's copies"; }
