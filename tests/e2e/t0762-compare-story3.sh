#!/bin/bash
# The comparer on story3 (tests/fixtures/story3), written before the scorer was run on it; no longer
# held out since the second quality pass tuned the signals on it (story4 is). Floors at its measured
# figures (third quality pass): 0.91 aligned, precision 0.94, 6/6 planted errors flagged (the
# administration and the title open their sentences), no false contradiction.
. "$(dirname "$0")/lib.sh"

repo=$(cd "$(dirname "$0")/../.." && pwd)
"$PYTHON" "$repo/tests/eval/story_pairs.py" "$CLAIMTRACK" "$repo/tests/fixtures/story3/README.md" \
	--published 2026-05-17 --check aligned=0.90 precision=0.93 flagged=6 false=0 >report.txt 2>&1 ||
	{ cat report.txt; fail "comparer below its floors on story3"; }
for e in "E1 weekday" "E2 number" "E3 administration/body" "E4 title" "E5 quote" "E6 country"; do
	grep -q "^$e .*contradicts" report.txt || { cat report.txt; fail "planted error $e not flagged"; }
done
grep -q "^E3 .*('Marine Accident Authority', 'Skarra district council')" report.txt ||
	{ cat report.txt; fail "the opening body's spans"; }
grep -q "^E4 .*('Islands Minister Tobias Renner', 'Finance Minister Tobias Renner')" report.txt ||
	{ cat report.txt; fail "the opening title's spans"; }
