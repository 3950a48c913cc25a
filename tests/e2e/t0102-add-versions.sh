#!/bin/bash
# add with changed text under the same id: a new version of the source; unchanged sentences keep
# their claim ids, changed ones supersede the old claim, vanished ones are withdrawn (and kept).
. "$(dirname "$0")/lib.sh"

new_desk desk
cd desk
mkdir ../in
cp "$FIXTURES/bridge.txt" ../in/bridge.txt
expect_ok ct add --outlet "Ostvale Post" --published 2025-03-03 ../in/bridge.txt
h1=$(head_of)
expect_ok ct claims --json
cp "$OUT" ../v1.json
id_of() { # id_of FILE WORDS: the id of the one claim whose text contains WORDS
	json_eval "$1" "[c['id'] for c in d if '$2' in c['text']]"
}
vote=$(id_of ../v1.json "voted 7 to 2")
cost1=$(id_of ../v1.json "40 million")
holt=$(id_of ../v1.json "Councillor Maren Holt")
quote=$(id_of ../v1.json "grandchildren")
for v in "$vote" "$cost1" "$holt" "$quote"; do
	[ ${#v} -eq 16 ] || fail "claim ids of version 1: '$vote' '$cost1' '$holt' '$quote'"
done

# Version 2: one sentence changed (40 -> 45 million), two gone, one new.
cp "$FIXTURES/bridge-v2.txt" ../in/bridge.txt
expect_ok ct add ../in/bridge.txt
cat >../expect <<EOT
updated bridge (Ostvale Post): version 2, 5 claims: 1 new, 1 revised, 2 withdrawn
[$(git rev-parse --short=10 HEAD)] Update 1 source, 1 new claim, 1 revised, 2 withdrawn
EOT
test_cmp ../expect "$OUT"
h2=$(head_of)
assert_eq "$h1" "$(git rev-parse HEAD~1)" "one commit for the update"
assert_eq "Update 1 source, 1 new claim, 1 revised, 2 withdrawn" "$(git log -1 --format=%s)" "subject"
assert_clean
fsck_ok

# The options given at the first add are kept.
expect_ok ct show --json bridge
json_assert "$OUT" "d['version'] == 2 and d['claims'] == 5 and d['outlet'] == 'Ostvale Post' and
	d['published'] == '2025-03-03'" "source record of version 2"
git show HEAD:"$(json_eval "$OUT" "d['text']")" >../stored.txt
test_cmp "$FIXTURES/bridge-v2.txt" ../stored.txt

# Active claims: the unchanged ones keep their ids; the revised one supersedes the old.
expect_ok ct claims --json
cp "$OUT" ../v2.json
json_assert ../v2.json "len(d) == 5 and all(c['status'] == 'active' for c in d)" "active claims"
assert_eq "$vote" "$(id_of ../v2.json "voted 7 to 2")" "id of an unchanged sentence"
cost2=$(id_of ../v2.json "45 million")
[ -n "$cost2" ] && [ "$cost2" != "$cost1" ] || fail "the revised sentence needs a new id"
expect_ok ct show --json "$cost2"
json_assert "$OUT" "d['supersedes'] == '$cost1' and d['version'] == 2 and d['source_version'] == 2" \
	"revised claim"
expect_ok ct show --json "$cost1"
json_assert "$OUT" "d['status'] == 'superseded' and '40 million' in d['text']" "superseded claim"
for w in "$holt" "$quote"; do
	expect_ok ct show --json "$w"
	json_assert "$OUT" "d['status'] == 'withdrawn'" "withdrawn claim $w"
done

# Listings by status.
expect_ok ct claims --status withdrawn --json
json_assert "$OUT" "sorted(c['id'] for c in d) == sorted(['$holt', '$quote'])" "--status withdrawn"
expect_ok ct claims --status superseded --json
json_assert "$OUT" "[c['id'] for c in d] == ['$cost1']" "--status superseded"
expect_ok ct claims --all --json
json_assert "$OUT" "len(d) == 8 and len(set(c['id'] for c in d)) == 8" "--all"
expect_ok ct claims --all
grep -q '\[withdrawn\].*grandchildren' "$OUT" || fail "claims --all does not mark withdrawn claims"
grep -q '\[superseded\].*40 million' "$OUT" || fail "claims --all does not mark superseded claims"
expect_ok ct claims
expect_stdout_lacks "grandchildren"
expect_stdout_lacks "40 million"

# The withdrawn claims are still in the desk (files kept, history intact).
assert_eq 8 "$(git ls-files claims | wc -l)" "claim files after the update"

# Re-adding version 2: unchanged, no commit.
expect_ok ct add ../in/bridge.txt
expect_stdout_contains "unchanged"
assert_untouched "$h2"

# Back to the first text: version 3; the old sentences come back under their old ids.
cp "$FIXTURES/bridge.txt" ../in/bridge.txt
expect_ok ct add ../in/bridge.txt
expect_stdout_contains "version 3"
expect_ok ct claims --json
json_assert "$OUT" "sorted(c['id'] for c in d) == sorted(c['id'] for c in json.load(open('../v1.json')))" \
	"active claims of version 3 are those of version 1"
expect_ok ct show --json "$cost2"
json_assert "$OUT" "d['status'] == 'superseded'" "the 45-million claim after the revert"
# History of a claim that went back and forth ends (no endless supersedes walk).
run_capture timeout 10 "$CLAIMTRACK" log --json "$cost1"
assert_eq 0 "$LAST_RC" "log of a reverted claim"
json_assert "$OUT" "len(d) == 3" "commits of the reverted claim"
expect_ok ct validate
assert_clean
fsck_ok
