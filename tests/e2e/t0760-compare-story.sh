#!/bin/bash
# The comparer on the example story's answer key: floors that a regression must not cross
# (measured 0.92 aligned, precision 0.85, 8/8 flagged, 0 false contradictions).
. "$(dirname "$0")/lib.sh"

repo=$(cd "$(dirname "$0")/../.." && pwd)
"$PYTHON" "$repo/tests/eval/story_pairs.py" "$CLAIMTRACK" "$repo/examples/story/README.md" \
	--check aligned=0.91 precision=0.84 flagged=8 false=0 >report.txt 2>&1 || { cat report.txt; fail "comparer below its floors"; }
grep -q "planted errors flagged with their spans: 8/8" report.txt || { cat report.txt; fail "not every planted error flagged"; }
