#!/bin/bash
# add of several files: one commit for the whole call, whatever the number of files; past a few
# hundred objects the records go into a packfile, which stock git must accept.
. "$(dirname "$0")/lib.sh"

new_desk desk
cd desk
h0=$(head_of)

# Three files, one commit.
expect_ok ct add --outlet "Ostvale Post" "$FIXTURES/bridge.txt" "$FIXTURES/market.txt" "$FIXTURES/ferry.txt"
cat >../expect <<EOT
added bridge (Ostvale Post): 6 claims
added market (Ostvale Post): 4 claims
added ferry (Ostvale Post): 2 claims
[$(git rev-parse --short=10 HEAD)] Add 3 sources, 12 claims
EOT
test_cmp ../expect "$OUT"
assert_eq "$h0" "$(git rev-parse HEAD~1)" "exactly one new commit"
assert_eq 2 "$(commit_count)" "commits"
git log -1 --format=%s >../subject
grep -q '^Add 3 sources' ../subject || fail "subject '$(cat ../subject)' does not start with 'Add 3 sources'"
printf '%s\n' "Add 3 sources, 12 claims" "" "bridge: Ostvale Post, 6 claims" \
	"market: Ostvale Post, 4 claims" "ferry: Ostvale Post, 2 claims" >../expect
git log -1 --format=%B | sed '$d' >../actual
test_cmp ../expect ../actual
assert_eq 3 "$(git diff --name-only HEAD~1 HEAD -- sources | grep -c '\.json$')" "source records in the commit"
assert_eq 12 "$(git diff --name-only HEAD~1 HEAD -- claims | wc -l)" "claim records in the commit"
assert_clean
fsck_ok

expect_ok ct sources
cat >../expect <<'EOT'
bridge  -                6  Ostvale Post  Council Approves New Bridge Over the Wend
ferry   -                2  Ostvale Post  Ferry Traffic Rises on the Wend
market  -                4  Ostvale Post  Ostvale Market Hall to Reopen
EOT
test_cmp ../expect "$OUT"

# The same three again plus one new: only the new one is committed.
h1=$(head_of)
expect_ok ct add --outlet "Ostvale Post" "$FIXTURES/bridge.txt" "$FIXTURES/market.txt" \
	"$FIXTURES/ferry.txt" "$FIXTURES/quotes.txt"
expect_stdout_contains "unchanged: bridge"
expect_stdout_contains "unchanged: market"
expect_stdout_contains "unchanged: ferry"
expect_stdout_contains "added quotes (Ostvale Post): 3 claims"
assert_eq "$h1" "$(git rev-parse HEAD~1)" "one commit for the new source"
assert_eq "Add 1 source, 3 claims" "$(git log -1 --format=%s)" "subject"
assert_eq 5 "$(git diff --name-only HEAD~1 HEAD | wc -l)" "files of the commit (record, text, 3 claims)"

# All unchanged: no commit.
h2=$(head_of)
expect_ok ct add "$FIXTURES/bridge.txt" "$FIXTURES/market.txt" "$FIXTURES/ferry.txt" "$FIXTURES/quotes.txt"
assert_untouched "$h2"

# A new version of one, a new source and an unchanged one, in one call.
mkdir ../v2
cp "$FIXTURES/bridge-v2.txt" ../v2/bridge.txt
expect_ok ct add ../v2/bridge.txt "$FIXTURES/market.txt" "$STORY/wire-service.txt" --outlet "Ostvale Post"
expect_stdout_contains "unchanged: market"
assert_eq "$h2" "$(git rev-parse HEAD~1)" "one commit for the mixed add"
assert_eq "Add 1 source, update 1 source, 25 new claims, 1 revised, 2 withdrawn" \
	"$(git log -1 --format=%s)" "subject of the mixed add"
expect_ok ct validate
assert_clean
fsck_ok

# Many files in one call: hundreds of records, one commit, written as a packfile.
mkdir ../many
python3 - ../many <<'PY'
import sys
towns = ["Ostvale", "Brenmark", "Kessholm", "Lindby", "Tarrow", "Velmouth"]
for i in range(30):
    t = towns[i % 6]
    lines = ["Budget Report %d From %s" % (i, t), ""]
    for j in range(10):
        lines.append("The %s council spent %d thousand crowns on item %d of report %d in %d, "
                     "the treasurer said." % (t, 100 + i * 10 + j, j, i, 2000 + j))
    open("%s/report-%02d.txt" % (sys.argv[1], i), "w").write("\n".join(lines) + "\n")
PY
h3=$(head_of)
expect_ok ct add --outlet "Budget Office" --published 2025-01-31 ../many/*.txt
grep -q '^\[[0-9a-f]\{10\}\] Add 30 sources, 300 claims$' "$OUT" || fail "summary of the bulk add"
assert_eq "$h3" "$(git rev-parse HEAD~1)" "one commit for 30 files"
assert_eq 360 "$(git diff --name-only HEAD~1 HEAD | wc -l)" "files of the bulk commit (30 records, 30 texts, 300 claims)"
packs=$(git count-objects -v | sed -n 's/^packs: //p')
[ "$packs" -ge 1 ] || fail "300 claims were not written as a packfile"
for p in .git/objects/pack/*.pack; do
	git verify-pack "$p" || fail "git verify-pack $p"
done
fsck_ok
assert_clean
expect_ok ct claims --source report-17 --json
json_assert "$OUT" "len(d) == 10 and all('report 17' in c['text'] for c in d)" "claims of one bulk source"
expect_ok ct validate
expect_stdout_contains "sources: 35,"
# Stock git sees exactly the files claimtrack wrote, with the same bytes.
git clone -q . ../clone
diff -r -x .git . ../clone || fail "a clone of the desk differs from its working tree"
