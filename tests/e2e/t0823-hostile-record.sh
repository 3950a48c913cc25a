#!/bin/bash
# Records broken by hand and committed with `git commit --no-verify` (past the pre-commit hook):
# validate names each one and exits 1; every other command keeps working, leaves the unreadable
# record out and says so with ONE warning; git fsck --strict stays clean.
. "$(dirname "$0")/lib.sh"

new_desk desk
cd desk
expect_ok ct add --outlet "Ostvale Post" "$FIXTURES/bridge.txt" "$FIXTURES/market.txt"
expect_ok ct claims --json
nclaims=$(python3 -c "import json,sys; print(len(json.load(open(sys.argv[1]))))" "$OUT")
claim=$(git ls-files 'claims/*/bridge/*.json' | head -1)
other=$(git ls-files 'claims/*/market/*.json' | head -1)

# Not JSON: cut in the middle.
head -c 40 "$claim" >../cut && mv ../cut "$claim"
git commit -q --no-verify -am "a claim cut short by hand"
fsck_ok
expect_findings ct validate
expect_stdout_contains "$claim: not valid JSON"

for cmd in "claims" "claims --all --json" "sources" "status" "report --format md" "report --format html" \
	"claims --search council"; do
	expect_ok ct $cmd
	n=$(grep -c "warning" "$ERR" || true)
	assert_eq 1 "$n" "warnings printed by '$cmd'"
	expect_stderr_contains "1 unreadable record is left out ($claim: invalid JSON"
	expect_stderr_contains "'claimtrack validate' lists it"
done
expect_ok ct claims --json
json_assert "$OUT" "len(d) == $nclaims - 1" "the broken claim is left out, the others are listed"
id=$(basename "$other" .json)
expect_ok ct show "$id"
expect_ok ct review "$id" --verdict corroborated --no-evidence --note "seen in the minutes"
fsck_ok

# A second broken record, with a duplicate key (cJSON would read the first, others the last):
# validate names both; the warning stays one line.
python3 - "$other" <<'PY'
import sys
p = sys.argv[1]
s = open(p).read()
s = s.replace('"status":', '"status":\t"withdrawn",\n\t"status":', 1)
open(p, "w").write(s)
PY
printf '\x01\x02 not json \xff' >"$(dirname "$claim")/0000000000000000.json"
git add -A
git commit -q --no-verify -m "more hand edits"
fsck_ok
expect_findings ct validate
expect_stdout_contains "$other: the key 'status' appears twice in one object"
expect_stdout_contains "$claim: not valid JSON"
expect_stdout_contains "0000000000000000.json: not valid JSON"
expect_ok ct claims --all
assert_eq 1 "$(grep -c warning "$ERR" || true)" "warnings with two unreadable records"
expect_stderr_contains "2 unreadable records are left out (the first:"
if grep -q $'\x01' "$ERR"; then fail "a control character reached the terminal"; fi

# Adding again works on top of the broken records, and validate still names them.
printf 'The ferry operator raised fares by 12 percent on Monday, the council said.\n' >../ferry.txt
expect_ok ct add --outlet "Ostvale Post" ../ferry.txt
expect_findings ct validate
expect_stdout_contains "$claim: not valid JSON"
fsck_ok
