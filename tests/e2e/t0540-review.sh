#!/bin/bash
# review: one commit per verdict authored by the reviewer, one record per (claim, reviewer),
# evidence from other sources only, statuses (disputed, pending under a quorum, superseded),
# reviews of an earlier version shown as such, and every refusal leaves the desk untouched.
. "$(dirname "$0")/lib.sh"

new_desk desk
cd desk
mkdir ../in
cp "$FIXTURES/bridge.txt" ../in/bridge.txt
expect_ok ct add --outlet "Ostvale Post" --published 2025-03-03 ../in/bridge.txt
expect_ok ct add --outlet "Wend Courier" --published 2025-03-04 "$FIXTURES/market.txt"
expect_ok ct claims --json
cp "$OUT" ../claims.json
id_of() { # id_of WORDS: the id of the one claim whose text contains WORDS
	json_eval ../claims.json "[c['id'] for c in d if '$1' in c['text']]"
}
vote=$(id_of "voted 7 to 2")
cost=$(id_of "40 million")
ev1=$(json_eval ../claims.json "[c['id'] for c in d if c['source'] == 'market'][0]")
ev2=$(json_eval ../claims.json "[c['id'] for c in d if c['source'] == 'market'][1]")
other_bridge=$(json_eval ../claims.json "[c['id'] for c in d if c['source'] == 'bridge' and c['id'] != '$vote'][0]")
for v in "$vote" "$cost" "$ev1" "$ev2" "$other_bridge"; do
	[ ${#v} -eq 16 ] || fail "claim ids: '$vote' '$cost' '$ev1' '$ev2' '$other_bridge'"
done
key() { python3 -c 'import hashlib,sys; print(hashlib.sha256(sys.argv[1].lower().encode()).hexdigest()[:16])' "$1"; }

# ---- refusals: nothing is committed ---------------------------------------------------------
h0=$(head_of)
expect_fail 2 ct review "$vote" --verdict corroborated
expect_stderr_contains "--evidence"
assert_untouched "$h0"
expect_fail 2 ct review "$vote" --verdict maybe -e "$ev1"
expect_fail 2 ct review "$vote" --verdict c --no-evidence
expect_stderr_contains "--note"
expect_fail 2 ct review "$vote" --verdict c --no-evidence -e "$ev1" --note x
expect_fail 2 ct review --verdict c -e "$ev1"
expect_fail 3 ct review "$vote" --verdict c -e "$other_bridge"
expect_stderr_contains "same source 'bridge'"
expect_fail 3 ct review "$vote" --verdict c -e "$vote"
expect_fail 3 ct review "$vote" --verdict c -e 0000000000000000
expect_stderr_contains "not a claim of this desk"
expect_fail 3 ct review "$vote" --verdict c -e ../../etc/passwd
expect_fail 3 ct review ffffffffffffffff --verdict u
expect_fail 3 ct review "../$vote" --verdict u
expect_fail 3 ct review "$vote" --verdict u --reviewer "no email here"
expect_fail 3 ct review "$vote" --verdict u --note "$(printf 'bad \377 byte')"
expect_stderr_contains "UTF-8"
expect_fail 3 ct review "$vote" --verdict u --note "$(head -c 100001 /dev/zero | tr '\0' n)"
expect_stderr_contains "100000"
assert_untouched "$h0"

# ---- a first reviewer corroborates --------------------------------------------------------
note='Council minutes <script>alert(1)</script> "agree"'
expect_ok ct review "${vote:0:8}" --verdict corroborated -e "${ev1:0:6}" -e "$ev1" -e "$ev2" --note "$note" \
	--reviewer "Ana Reviewer <Ana@Example.org>"
expect_stdout_contains "claim is now corroborated"
assert_eq "$h0" "$(git rev-parse HEAD~1)" "one commit per review"
assert_eq "Ana Reviewer <Ana@Example.org>" "$(git log -1 --format='%an <%ae>')" "the review's author"
path_a="reviews/${vote:0:2}/$vote/$(key Ana@Example.org).json"
assert_eq "$path_a" "$(git show --name-only --format= HEAD)" "the one file of the review"
git log -1 --format=%B | grep -q "^Evidence: $ev1$" || fail "the commit message lists the evidence"
json_assert "$path_a" "d['claim'] == '$vote' and d['claim_version'] == 1 and d['verdict'] == 'corroborated' and
	d['evidence'] == ['$ev1', '$ev2'] and d['note'] == '''$note''' and
	d['reviewer'] == {'name': 'Ana Reviewer', 'email': 'Ana@Example.org'} and d['date'] == '$TEST_AUTHOR_DATE'" "review record"
# --reviewer takes its date from GIT_AUTHOR_DATE as the git identity does, in git's forms.
assert_eq "Ana Reviewer <Ana@Example.org> $TEST_AUTHOR_DATE" "$(git log -1 --format='%an <%ae> %aI')" "the review's author and date"
assert_clean
fsck_ok
expect_ok ct validate

expect_ok ct show --json "$vote"
json_assert "$OUT" "d['status'] == 'corroborated' and d['record_status'] == 'active' and len(d['reviews']) == 1 and
	d['reviews'][0]['verdict'] == 'corroborated' and d['reviews'][0]['evidence'] == ['$ev1', '$ev2'] and
	d['reviews'][0]['email'] == 'Ana@Example.org' and d['reviews'][0]['note'] == '''$note'''" "show after one review"
expect_ok ct show "$vote"
expect_stdout_contains "corroborated"
expect_stdout_contains "evidence $ev1"

# ---- a second reviewer (the git identity) disagrees: disputed ------------------------------
GIT_AUTHOR_NAME="Bo Checker" GIT_AUTHOR_EMAIL=bo@example.org expect_ok \
	ct review "$vote" --verdict contradicted --no-evidence --note "The minutes say 6 to 3"
expect_stdout_contains "claim is now disputed"
expect_ok ct show --json "$vote"
json_assert "$OUT" "d['status'] == 'disputed' and sorted(r['verdict'] for r in d['reviews']) == ['contradicted', 'corroborated']" "disputed"
expect_ok ct status --json
json_assert "$OUT" "d['status']['disputed'] == 1 and d['disputed'][0]['id'] == '$vote' and
	len(d['disputed'][0]['reviews']) == 2 and {r['email'] for r in d['reviewers']} == {'Ana@Example.org', 'bo@example.org'}" "status"
expect_ok ct claims --review disputed --json
json_assert "$OUT" "[c['id'] for c in d] == ['$vote']" "claims --review disputed"
expect_ok ct claims --review unreviewed -n 2 --json
json_assert "$OUT" "len(d) == 2 and '$vote' not in [c['id'] for c in d]" "claims --review unreviewed -n 2"
expect_fail 2 ct claims --review withdrawn
expect_ok ct status
expect_stdout_contains "disputed:"
expect_stdout_contains "${vote:0:10}"

# Ana changes her mind: her own record is replaced, history keeps both.
expect_ok ct review "$vote" --verdict x -e "$ev2" --reviewer "Ana Reviewer <ana@example.org>"
expect_stdout_contains "claim is now contradicted"
assert_eq 2 "$(git log --format=%H -- "$path_a" | wc -l)" "commits of Ana's record"
assert_eq 2 "$(git ls-files "reviews/${vote:0:2}/$vote/" | wc -l)" "one record per reviewer"
json_assert "$path_a" "d['verdict'] == 'contradicted' and d['note'] is None and d['reviewer']['email'] == 'ana@example.org'" "replaced record"
# log of the claim shows who decided what, when: the three review commits and the add.
expect_ok ct log --json "$vote"
json_assert "$OUT" "[e['message'].split(chr(10))[0] for e in d] == ['review: ${vote:0:8} contradicted'] * 2 +
	['review: ${vote:0:8} corroborated', 'Add 1 source, 6 claims'] and
	[e['email'] for e in d][:3] == ['ana@example.org', 'bo@example.org', 'Ana@Example.org']" "log of a reviewed claim"

# ---- quorum --------------------------------------------------------------------------------
expect_fail 3 ct config review.quorum 0
expect_fail 3 ct config review.quorum many
expect_fail 3 ct config no.such.key 1
run_capture ct config review.quorum   # unset: like git config, exit 1 and print nothing
assert_eq 1 "$LAST_RC" "exit code of config for an unset key"
[ ! -s "$OUT" ] && [ ! -s "$ERR" ] || fail "config of an unset key printed something"
expect_ok ct config review.quorum 2
expect_stdout_contains "Set review.quorum"
expect_ok ct config review.quorum
assert_eq 2 "$(cat "$OUT")" "config value"
expect_ok ct validate
expect_ok ct review "$cost" --verdict u --reviewer "Ana Reviewer <ana@example.org>"
expect_stdout_contains "claim is now pending"
expect_ok ct review "$cost" --verdict unverifiable --reviewer "Cy Third <cy@example.org>"
expect_stdout_contains "claim is now unverifiable"
expect_ok ct config review.unverifiable disputes
expect_ok ct config --json
json_assert "$OUT" "d['review.quorum'] == 2 and d['review.unverifiable'] == 'disputes' and d['report.url'] is None" "config --json"
expect_ok ct config --unset review.quorum
expect_ok ct config --json
json_assert "$OUT" "d['review.quorum'] is None" "unset"
git show HEAD:desk.json | python3 -c 'import json,sys; d=json.load(sys.stdin); assert d["review"] == {"unverifiable": "disputes"}, d' ||
	fail "desk.json after config"

# ---- versions: reviews of an earlier version stay attached -------------------------------
cost_rev=$(json_eval ../claims.json "[c['version'] for c in d if c['id'] == '$cost'][0]")
assert_eq 1 "$cost_rev" "version of the cost claim"
cp "$FIXTURES/bridge-v2.txt" ../in/bridge.txt
expect_ok ct add ../in/bridge.txt
expect_ok ct claims --json
new_cost=$(json_eval "$OUT" "[c['id'] for c in d if '45 million' in c['text']][0]")
expect_ok ct show --json "$new_cost"
json_assert "$OUT" "d['status'] == 'unreviewed' and d['reviews'] == [] and len(d['earlier_reviews']) == 2 and
	all(r['claim'] == '$cost' and r['claim_version'] == 1 for r in d['earlier_reviews'])" "earlier reviews"
expect_ok ct show "$new_cost"
expect_stdout_contains "(on an earlier version)"
expect_ok ct show --json "$cost"
json_assert "$OUT" "d['status'] == 'superseded' and d['record_status'] == 'superseded' and len(d['reviews']) == 2" "old version"
h=$(head_of)
expect_fail 3 ct review "$cost" --verdict u
expect_stderr_contains "$new_cost"
assert_untouched "$h"

expect_ok ct validate
fsck_ok
assert_clean
