#!/bin/bash
# match --jobs and CLAIMTRACK_THREADS: the number of threads changes nothing in the alignments,
# the listing or the source dependence; a bad --jobs is a usage error.
. "$(dirname "$0")/lib.sh"

new_desk desk
cd desk
expect_ok ct add --id post --outlet "Ostvale Post" --published 2025-03-03 "$FIXTURES/bridge.txt"
expect_ok ct add --id wire --outlet "Wend Wire" --published 2025-03-04 "$FIXTURES/bridge-wire.txt"
expect_ok ct add --id later --outlet "Ostvale Post" --published 2025-03-05 "$FIXTURES/bridge-v2.txt"
head=$(head_of .)

expect_ok ct match --all --json --jobs 1
cp "$OUT" ../one.json
json_assert ../one.json "len(d) >= 4" "some alignments"
for j in 2 3 16; do
	expect_ok ct match --all --json --jobs "$j"
	test_cmp ../one.json "$OUT"
done
expect_ok env CLAIMTRACK_THREADS=2 "$CLAIMTRACK" match --all --json
test_cmp ../one.json "$OUT"
# not a number in the environment: the default, same result
expect_ok env CLAIMTRACK_THREADS=lots "$CLAIMTRACK" match --all --json
test_cmp ../one.json "$OUT"
expect_ok ct sources --json
cp "$OUT" ../sources-default.json
expect_ok ct match --all --jobs 1
expect_ok ct sources --json
test_cmp ../sources-default.json "$OUT"

expect_fail 2 ct match --jobs 17
expect_stderr_contains "--jobs"
expect_fail 2 ct match --jobs -1
expect_fail 2 ct match --jobs two
assert_untouched "$head"
