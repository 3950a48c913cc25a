#!/bin/bash
# The pre-commit hook refuses a broken record committed with stock git, and lets a good one in.
. "$(dirname "$0")/lib.sh"

repo=$(cd "$(dirname "$0")/../.." && pwd)
new_desk desk
cd desk
expect_ok ct add --outlet "Ostvale Post" --published 2025-03-03 "$FIXTURES/bridge.txt"
cp "$repo/hooks/pre-commit" .git/hooks/pre-commit
export CLAIMTRACK
h=$(head_of)

# A claim edited by hand so that its text no longer matches its id: refused.
claim=$(git ls-files 'claims/*.json' | head -n 1)
sed -i 's/"text":\t"/"text":\t"EDITED /' "$claim"
git add "$claim"
if git commit -q -m "hand edit" >../commit.out 2>&1; then
	fail "the hook let a broken record in"
fi
grep -q "$claim" ../commit.out || fail "the hook did not name the record: $(cat ../commit.out)"
assert_eq "$h" "$(head_of)" "HEAD after the refused commit"

# Put it back: an unrelated good file commits.
git checkout -q HEAD -- "$claim"
echo "notes" > NOTES.md
git add NOTES.md
git commit -q -m "notes" || fail "the hook refused a good commit"
