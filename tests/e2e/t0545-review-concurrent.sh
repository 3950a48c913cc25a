#!/bin/bash
# Two processes reviewing on one desk at once both succeed: thirty reviews, thirty commits, every
# record present, a linear history and a clean fsck. A lock left by a killed process is named.
. "$(dirname "$0")/lib.sh"

new_desk desk
cd desk
expect_ok ct add --outlet "Ostvale Post" --published 2025-03-03 "$FIXTURES/bridge.txt"
expect_ok ct add --outlet "Wend Courier" --published 2025-03-04 "$FIXTURES/market.txt"
expect_ok ct add --outlet "Ferry News" --published 2025-03-05 "$FIXTURES/ferry.txt"
expect_ok ct add --outlet "Quote Sheet" --published 2025-03-06 "$FIXTURES/quotes.txt"
expect_ok ct claims --json
cp "$OUT" ../claims.json
mapfile -t ids < <(json_eval ../claims.json "[c['id'] for c in d][:15]")
[ "${#ids[@]}" -eq 15 ] || fail "expected 15 claims to review, have ${#ids[@]}"
h0=$(head_of)

# Each process reviews the same 15 claims as another reviewer, as fast as it can.
reviewer() { # reviewer NAME EMAIL VERDICT
	local id
	for id in "${ids[@]}"; do
		"$CLAIMTRACK" review "$id" --verdict "$3" --no-evidence --note "checked by $1" \
			--reviewer "$1 <$2>" >/dev/null 2>>"../err.$2" || echo "FAILED $id" >>"../err.$2"
	done
}
reviewer Ana ana@example.org contradicted &
pa=$!
reviewer Bo bo@example.org corroborated &
pb=$!
wait "$pa" "$pb"
for e in ana@example.org bo@example.org; do
	[ ! -s "../err.$e" ] || fail "reviewer $e: $(head -c 600 "../err.$e")"
done

assert_eq 30 "$(git rev-list --count "$h0"..HEAD)" "commits after 30 concurrent reviews"
assert_eq 30 "$(git ls-files 'reviews/*.json' | wc -l)" "review records"
assert_eq 0 "$(git rev-list --merges "$h0"..HEAD | wc -l)" "merge commits"
assert_clean
fsck_ok
expect_ok ct validate
expect_ok ct status --json
json_assert "$OUT" "d['status']['disputed'] == 15 and len(d['reviewers']) == 2 and
	all(r['reviews'] == 15 for r in d['reviewers'])" "every review counted"

# A branch lock left by a killed git process: named, nothing committed, then recovered by hand.
branch=$(git symbolic-ref --short HEAD)
h=$(head_of)
: >".git/refs/heads/$branch.lock"
expect_fail 4 ct review "${ids[0]}" --verdict u --reviewer "Cy <cy@example.org>"
expect_stderr_contains "refs/heads/$branch.lock"
assert_eq "$h" "$(head_of)" "HEAD with a stale branch lock"
rm ".git/refs/heads/$branch.lock"
expect_ok ct review "${ids[0]}" --verdict u --reviewer "Cy <cy@example.org>"

# claimtrack's own writer lock is an flock: a writer that holds it makes others wait, and a
# killed holder leaves nothing behind.
if command -v flock >/dev/null 2>&1; then
	flock .git/claimtrack/write.lock sleep 2 &
	holder=$!
	sleep 0.3
	expect_ok ct review "${ids[1]}" --verdict u --reviewer "Cy <cy@example.org>"
	wait "$holder"
	flock .git/claimtrack/write.lock sleep 30 &
	holder=$!
	sleep 0.3
	kill -9 "$holder"
	pkill -9 -f "sleep 30" 2>/dev/null || true
	wait "$holder" 2>/dev/null || true
	expect_ok ct review "${ids[2]}" --verdict u --reviewer "Cy <cy@example.org>"
else
	skip_step "flock(1) is not installed: the writer-lock wait is not exercised"
fi
fsck_ok
expect_ok ct validate
