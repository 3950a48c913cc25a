#!/bin/bash
# review -i through a pipe: the queue's order (disputed first, then contradicted by the most
# other sources, then check-worthiness, then id), the aligned claims listed with their signals,
# what it leaves out (claims the reviewer judged, settled claims, superseded and withdrawn ones),
# evidence by number or claim id, notes (a refused answer's note is not kept), skip, bad answers asked
# again, quit, end of input, one commit per verdict authored by the reviewer, a refused write,
# --source, and untrusted text printed inert.
. "$(dirname "$0")/lib.sh"

new_desk desk
cd desk
mkdir ../in
cp "$FIXTURES/bridge.txt" ../in/bridge.txt
expect_ok ct add --outlet "Ostvale Post" --published 2025-03-03 ../in/bridge.txt
expect_ok ct add --outlet "Wend Wire" --published 2025-03-04 "$FIXTURES/bridge-wire.txt"
expect_ok ct add --outlet "Wend Courier" --published 2025-03-05 "$FIXTURES/market.txt"
expect_ok ct claims --json
cp "$OUT" ../claims.json
id_of() { # id_of WORDS: the id of the one claim whose text contains WORDS
	json_eval ../claims.json "[c['id'] for c in d if '$1' in c['text']]"
}
vote=$(id_of "voted 7 to 2")
wire_vote=$(id_of "voted 6 to 3")
cost=$(id_of "bridge will cost 40 million crowns, Mayor")
wire_cost=$(id_of "said after the vote that the bridge will cost")
for v in "$vote" "$wire_vote" "$cost" "$wire_cost"; do
	[ ${#v} -eq 16 ] || fail "claim ids: '$vote' '$wire_vote' '$cost' '$wire_cost'"
done
total=$(json_eval ../claims.json "len(d)")

# Before the queue: the vote is disputed (Ana and Bo disagree), the cost is settled by Ana.
expect_ok ct review "$vote" --verdict corroborated -e "$wire_vote" --reviewer "Ana <ana@example.org>"
expect_ok ct review "$vote" --verdict contradicted --no-evidence --note "6 to 3 in the minutes" \
	--reviewer "Bo <bo@example.org>"
expect_ok ct review "$cost" --verdict corroborated -e "$wire_cost" --reviewer "Ana <ana@example.org>"

# The alignments (claimtrack match) decide the order after disputed claims and give the numbered
# evidence.
expect_ok ct match --json
cp "$OUT" ../align.json
json_assert ../align.json "any(sorted(a['claims']) == sorted(['$vote', '$wire_vote']) and a['relation'] == 'contradicts' and
	{'kind': 'date', 'a': 'Tuesday', 'b': 'Monday'} in a['signals'] + [{'kind': s['kind'], 'a': s['b'], 'b': s['a']} for s in a['signals']]
	for a in d)" "the two votes contradict (Monday / Tuesday)"
# The expected queue for Cy: the disputed vote, then every other claim but the settled cost, those
# contradicted by the most other sources first, then the most check-worthy, then by id.
order() { # order EXCLUDED-IDS...: the queue's ids after the disputed vote
	python3 - ../claims.json ../align.json "$@" <<'EOF'
import json, sys
d = json.load(open(sys.argv[1]))
contra = {}
for a in json.load(open(sys.argv[2])):
    if a['relation'] == 'contradicts':
        for i in (0, 1):
            contra.setdefault(a['claims'][i], set()).add(a['sources'][1 - i])
skip = set(sys.argv[3:])
rest = sorted((c for c in d if c['id'] not in skip),
              key=lambda c: (-len(contra.get(c['id'], ())), -c.get('checkworthy', 0), c['id']))
for c in rest:
    print(c['id'])
EOF
}
# The vote's aligned claims, best score first: the wire's contradicting vote is number 1.
nal=$(json_eval ../align.json "min(9, len([a for a in d if '$vote' in a['claims']]))")
assert_eq "$wire_vote" "$(json_eval ../align.json "[[x for x in a['claims'] if x != '$vote'][0] for a in d if '$vote' in a['claims']][0]")" \
	"the vote's best alignment"
{ echo "$vote"; order "$vote" "$cost"; } >../expected-order
n=$(wc -l <../expected-order)
assert_eq $((total - 1)) "$n" "claims in Cy's queue"
mapfile -t q <../expected-order
src_of() { json_eval ../claims.json "[c['source'] for c in d if c['id'] == '$1']"; }
same=$(json_eval ../claims.json "[c['id'] for c in d if c['source'] == '$(src_of "${q[2]}")' and c['id'] != '${q[2]}'][0]")

# ---- one scripted session --------------------------------------------------------------------
h0=$(head_of)
cat >../answers <<EOF
c
c 12
x 1 zz
x zz -- a note of a refused answer
x
x 1 ${wire_vote:0:6} -- the wire says 6 to 3
bogus
s extra
s
c ${same:0:8}
n the figures match the council minutes
u
q
c ${same}
EOF
expect_ok ct review -i --reviewer "Cy Checker <cy@example.org>" <../answers
grep '^\[' "$OUT" | sed 's/^\[\([0-9]*\)\/\([0-9]*\)\] \([0-9a-f]*\) .*/\1 \2 \3/' >../shown
printf '1 %s %s\n2 %s %s\n3 %s %s\n4 %s %s\n' "$n" "${q[0]}" "$n" "${q[1]}" "$n" "${q[2]}" "$n" "${q[3]}" >../shown.expected
test_cmp ../shown.expected ../shown
cat >../err.expected <<EOF
claimtrack: a verdict of corroborated rests on evidence: give numbers from the list or claim ids, or say why there is none with a note ('c -- NOTE')
claimtrack: no aligned claim numbered 12 (the list has 1 to $nal)
claimtrack: not a claim id: 'zz' (4 to 16 hex digits)
claimtrack: not a claim id: 'zz' (4 to 16 hex digits)
claimtrack: a verdict of contradicted rests on evidence: give numbers from the list or claim ids, or say why there is none with a note ('x -- NOTE')
claimtrack: unknown answer 'bogus': c, x, u, s, n, q or ? (one per line)
claimtrack: 's' takes nothing after it
claimtrack: evidence '${same:0:8}' is a claim of the same source '$(src_of "${q[2]}")'; evidence must come from other sources
EOF
test_cmp ../err.expected "$ERR"
expect_stdout_contains "1 skipped"
assert_eq "2 reviewed, 1 skipped, $((n - 3)) left" "$(tail -1 "$OUT")" "the summary"
head -1 "$OUT" | grep -qx "$n claims to review for Cy Checker <cy@example.org>" || fail "the header"
# The vote's line: disputed, with both reviews shown and the sentence in its context.
grep -A3 "^\[1/$n\] $vote" "$OUT" >../first
grep -q "bridge (Ostvale Post)  event  disputed" ../first || fail "the disputed claim's heading"
grep -q ">>> The city council of Ostvale voted 7 to 2 on Monday to build a new bridge over the Wend river. <<< The bridge will cost" \
	../first || fail "the sentence in its context"
grep -q "reviewed: corroborated by Ana <ana@example.org>" ../first || fail "Ana's review shown"
grep -q "reviewed: contradicted by Bo <bo@example.org>" ../first || fail "Bo's review shown"
# Its aligned claims: the first is the wire's vote, with the differing words (ours / theirs).
sed -n "/^\[1\/$n\] $vote/,/^\[2\/$n\]/p" "$OUT" >../first
grep -q "^    1\. ${wire_vote:0:10} bridge-wire (Wend Wire)  contradicts 0\.[0-9][0-9]$" ../first || fail "aligned claim 1"
grep -q "^       The Ostvale city council voted 6 to 3 on Tuesday" ../first || fail "aligned claim 1's text"
grep -q "^       differs: .*number: 7 to 2 / 6 to 3" ../first || fail "aligned claim 1's tally signal"
grep -q "^       differs: .*date: Monday / Tuesday" ../first || fail "aligned claim 1's date signal"
assert_eq "$nal" "$(grep -c '^    [1-9]\. ' ../first)" "aligned claims listed"

# Two verdicts, two commits, each authored by Cy at the pinned date.
assert_eq 2 "$(git rev-list --count "$h0"..HEAD)" "commits of the session"
assert_eq "Cy Checker <cy@example.org> $TEST_AUTHOR_DATE|Cy Checker <cy@example.org> $TEST_AUTHOR_DATE" \
	"$(git log -2 --format='%an <%ae> %aI' | paste -sd'|')" "authors of the session's commits"
key=$(python3 -c 'import hashlib; print(hashlib.sha256(b"cy@example.org").hexdigest()[:16])')
json_assert "reviews/${vote:0:2}/$vote/$key.json" "d['verdict'] == 'contradicted' and d['evidence'] == ['$wire_vote'] and
	d['note'] == 'the wire says 6 to 3' and d['date'] == '$TEST_AUTHOR_DATE'" "Cy's contradiction"
json_assert "reviews/${q[2]:0:2}/${q[2]}/$key.json" "d['verdict'] == 'unverifiable' and d.get('evidence', []) == [] and
	d['note'] == 'the figures match the council minutes'" "Cy's unverifiable verdict with the note given by n"
[ ! -e "reviews/${q[1]:0:2}/${q[1]}/$key.json" ] || fail "the skipped claim has no review"
grep -q "reviewed $(echo "${vote:0:10}"): contradicted (1 evidence); claim is now disputed; commit" "$OUT" ||
	fail "the verdict's line"
assert_clean
fsck_ok
expect_ok ct validate

# ---- the queue after the session: the judged claims are gone; end of input quits -------------
printf 's\n' >../answers
expect_ok ct review -i --reviewer "Cy Checker <cy@example.org>" <../answers
head -1 "$OUT" | grep -qx "$((n - 2)) claims to review for Cy Checker <cy@example.org>" || fail "the shorter queue"
grep -q "^\[1/$((n - 2))\] ${q[1]} " "$OUT" || fail "the skipped claim comes back first"
assert_eq "0 reviewed, 1 skipped, $((n - 3)) left" "$(tail -1 "$OUT")" "summary at end of input"
expect_stderr_empty
expect_ok ct review -i --reviewer "Cy Checker <cy@example.org>" </dev/null
assert_eq "0 reviewed, 0 skipped, $((n - 2)) left" "$(tail -1 "$OUT")" "summary on empty input"

# Ana has judged the vote and the cost: neither is in her queue, nor the claim Cy settled as
# unverifiable (quorum 1).
expect_ok ct review -i --reviewer "Ana <ana@example.org>" </dev/null
head -1 "$OUT" | grep -qx "$((total - 3)) claims to review for Ana <ana@example.org>" || fail "Ana's queue"
expect_stdout_lacks "$vote"
expect_stdout_lacks "$cost"

# ---- --source, the git identity, a one-line answer per claim ------------------------------------
nm=$(json_eval ../claims.json "len([c for c in d if c['source'] == 'market' and c['id'] != '${q[2]}'])")
yes s | head -n "$nm" >../answers
expect_ok ct review -i --source market <../answers
head -1 "$OUT" | grep -qx "$nm claims to review for Test Reviewer <test@example.org>" || fail "the market queue"
assert_eq "$nm" "$(grep -c '^\[.*  market (Wend Courier)  ' "$OUT")" "every listed claim is of market"
yes u | head -n "$nm" >../answers
h1=$(head_of)
expect_ok ct review -i --source market <../answers
assert_eq "$nm reviewed, 0 skipped, 0 left" "$(tail -1 "$OUT")" "every market claim judged"
assert_eq "$nm" "$(git rev-list --count "$h1"..HEAD)" "one commit per verdict"
assert_eq "Test Reviewer" "$(git log -1 --format=%an)" "the git identity reviews"
expect_ok ct review -i --source market </dev/null
assert_eq "0 claims to review for Test Reviewer <test@example.org>" "$(head -1 "$OUT")" "an empty queue"
assert_eq "0 reviewed, 0 skipped, 0 left" "$(tail -1 "$OUT")" "an empty queue's summary"

# ---- refusals ---------------------------------------------------------------------------------
h2=$(head_of)
expect_fail 3 ct review -i --source nosuch
expect_stderr_contains "no source 'nosuch'"
expect_fail 3 ct review -i --source ../etc
expect_fail 2 ct review -i "$vote"
expect_fail 2 ct review -i --verdict u
expect_fail 2 ct review "$vote" --verdict u --source bridge
expect_fail 3 ct review -i --reviewer "no email"
assert_untouched "$h2"

# A write that fails (a branch lock left behind) stops the queue with exit 4; nothing is lost.
branch=$(git symbolic-ref --short HEAD)
: >".git/refs/heads/$branch.lock"
printf 'u\nu\n' >../answers
run_capture ct review -i --reviewer "Dee <dee@example.org>" <../answers
assert_eq 4 "$LAST_RC" "exit code when a review cannot be written"
expect_stderr_contains "refs/heads/$branch.lock"
nd=$(head -1 "$OUT" | cut -d' ' -f1)
[ "$nd" -gt 1 ] || fail "Dee's queue: '$(head -1 "$OUT")'"
assert_eq "0 reviewed, 0 skipped, $nd left" "$(tail -1 "$OUT")" "summary after a failed write"
rm ".git/refs/heads/$branch.lock"
assert_untouched "$h2"

# ---- untrusted text: control characters from an article never reach the terminal ---------------
printf 'Evil Times\n\nThe council paid 12 million crowns \033[2J\033]0;owned\007 for software on Monday, the mayor said.\n' >../evil.txt
# add refuses an outlet with control characters; the article's own ones reach the queue.
expect_fail 3 ct add --outlet "$(printf 'Bad\033[31m Outlet')" --published 2025-03-06 ../evil.txt
expect_ok ct add --outlet "Bad Outlet" --published 2025-03-06 ../evil.txt
expect_ok ct review -i --source evil --reviewer "Dee <dee@example.org>" </dev/null
expect_stdout_contains "12 million crowns [2J ]0;owned for software"
if grep -q "$(printf '[\033\007]')" "$OUT"; then
	fail "a control character from the article or the outlet reached stdout"
fi

# ---- a revised article: its superseded and withdrawn claims leave the queue ---------------------
cp "$FIXTURES/bridge-v2.txt" ../in/bridge.txt
expect_ok ct add ../in/bridge.txt
expect_ok ct claims --all --source bridge --json
cp "$OUT" ../bridge-all.json
mapfile -t gone < <(json_eval ../bridge-all.json "[c['id'] for c in d if c['status'] != 'active']")
[ "${#gone[@]}" -ge 2 ] || fail "the revision should supersede or withdraw claims: ${gone[*]}"
nb=$(json_eval ../bridge-all.json "len([c for c in d if c['status'] == 'active'])")
yes s | head -n 40 >../answers
expect_ok ct review -i --source bridge --reviewer "Eve <eve@example.org>" <../answers
head -1 "$OUT" | grep -qx "$nb claims\{0,1\} to review for Eve <eve@example.org>" || fail "Eve's queue of the revised bridge"
for g in "${gone[@]}"; do
	expect_stdout_lacks "$g"
done
