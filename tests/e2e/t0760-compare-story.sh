#!/bin/bash
# The comparer on the example story's answer key: floors that a regression must not cross.
. "$(dirname "$0")/lib.sh"

repo=$(cd "$(dirname "$0")/../.." && pwd)
"$PYTHON" "$repo/tests/eval/story_pairs.py" "$CLAIMTRACK" "$repo/examples/story/README.md" \
	--check aligned=0.70 flagged=6 false=6 >report.txt 2>&1 || { cat report.txt; fail "comparer below its floors"; }
grep -q "planted errors flagged" report.txt || fail "no report"
