#!/bin/bash
# report: the five formats of a reviewed fixture desk against golden files (tests/golden/report;
# UPDATE_GOLDEN=1 rewrites them), statuses, scorecards, kappas and the changelog checked in the
# JSON, --at reproducible to the byte, --source, -o written atomically, and refusals.
. "$(dirname "$0")/lib.sh"

GOLDEN=$SRC_ROOT/tests/golden/report
new_desk desk
cd desk
expect_ok ct config organisation.name "Ostvale Fact Desk"
expect_ok ct config organisation.url https://factdesk.example/
expect_ok ct config report.url https://factdesk.example/reports/bridge
expect_ok ct add --id post --outlet "Ostvale Post" --published 2025-03-03 --url https://ostvale-post.example/bridge \
	"$FIXTURES/bridge.txt"
expect_ok ct add --id wire --outlet "Wend Wire" --published 2025-03-04 --url https://wend-wire.example/ostvale-bridge \
	"$FIXTURES/bridge-wire.txt"
expect_ok ct add --outlet "Wend Courier" --published 2025-03-04 "$FIXTURES/market.txt"
expect_ok ct claims --json
cp "$OUT" ../claims.json
id_of() { # id_of SOURCE WORDS: the id of the one claim of SOURCE whose text contains WORDS
	json_eval ../claims.json "[c['id'] for c in d if c['source'] == '$1' and '$2' in c['text']]"
}
vote=$(id_of post "voted 7 to 2")
wvote=$(id_of wire "voted 6 to 3")
cost=$(id_of post "40 million")
wcost=$(id_of wire "40 million")
build=$(id_of post "Construction")
wbuild=$(id_of wire "Construction")
holt=$(id_of post "Councillor")
wholt=$(id_of wire "Councillor")
market=$(id_of market "12 million")
for v in "$vote" "$wvote" "$cost" "$wcost" "$build" "$wbuild" "$holt" "$wholt" "$market"; do
	[ ${#v} -eq 16 ] || fail "claim ids: $vote $wvote $cost $wcost $build $wbuild $holt $wholt $market"
done
base=$(head_of)

# Unreviewed: every claim is listed, nothing is rated.
expect_ok ct report --format json
json_assert "$OUT" "d['commit'] == '$base' and len(d['claims']) == 14 and
	all(c['status'] == 'unreviewed' for c in d['claims']) and d['reviewers'] == [] and
	d['agreement'] == {'pairs': [], 'fleiss': None, 'sources': []} and d['changes'] == {'since': None, 'verdicts': []}"
expect_ok ct report --format jsonld
assert_eq "[]" "$(cat "$OUT")" "no ClaimReview before any review"

# Scripted reviews, each at its own fixed date so the bytes are reproducible.
n=0
# (Through the git identity: `review --reviewer` stamps the current time, not GIT_AUTHOR_DATE.)
rv() { # rv "NAME <EMAIL>" ARGS...: one review by that reviewer at the next minute
	local who=$1 date
	shift
	n=$((n + 1))
	date=$(printf '2025-10-17T10:%02d:00+02:00' "$n")
	GIT_AUTHOR_NAME=${who% <*} GIT_AUTHOR_EMAIL=${who#*<} GIT_AUTHOR_EMAIL=${GIT_AUTHOR_EMAIL%>} \
		GIT_AUTHOR_DATE=$date GIT_COMMITTER_DATE=$date expect_ok ct review "$@"
}
ana="Ana Ruiz <ana@factdesk.example>"
bo="Bo Lind <bo@factdesk.example>"
cy="Cy Park <cy@factdesk.example>"
rv "$ana" "$vote" --verdict contradicted -e "$wvote" --note "the wire says 6 to 3"
rv "$bo" "$vote" --verdict contradicted -e "$wvote"
rv "$cy" "$vote" --verdict contradicted --no-evidence --note "council minutes: 6 to 3"
rv "$ana" "$cost" --verdict corroborated -e "$wcost"
rv "$bo" "$cost" --verdict corroborated -e "$wcost"
rv "$cy" "$cost" --verdict unverifiable
rv "$ana" "$build" --verdict corroborated -e "$wbuild"
rv "$bo" "$build" --verdict contradicted -e "$wbuild" --note "the start is not March"
rv "$bo" "$market" --verdict unverifiable --note "no second source"
rv "$cy" "$wholt" --verdict corroborated -e "$holt"
rv "$cy" "$cost" --verdict corroborated -e "$wcost" --note "checked the budget"

# The five formats against the golden files.
for f in md html json jsonld csv; do
	expect_ok ct report --since "$base" --format $f -o ../report.$f
	[ ! -s "$OUT" ] || fail "-o writes nothing on stdout"
	if [ -n "${UPDATE_GOLDEN:-}" ]; then
		cp ../report.$f "$GOLDEN/fixture.$f"
	fi
	test_cmp "$GOLDEN/fixture.$f" ../report.$f
done
ls .. | grep -q 'tmp' && fail "a temporary file was left beside the report"
expect_ok ct report --since "$base"
test_cmp ../report.md "$OUT"

# What the golden files hold, asserted.
head=$(head_of)
json_assert ../report.json "d['commit'] == '$head' and d['desk']['organisation'] == {'name': 'Ostvale Fact Desk',
	'url': 'https://factdesk.example/'} and sorted(d) == ['agreement', 'changes', 'claims', 'commit', 'desk',
	'reviewers', 'sources']" "shape"
json_assert ../report.json "{c['id']: c['status'] for c in d['claims'] if c['reviews']} == {'$vote': 'contradicted',
	'$cost': 'corroborated', '$build': 'disputed', '$market': 'unverifiable', '$wholt': 'corroborated'}" "statuses"
json_assert ../report.json "[s['id'] for s in d['sources']] == ['post', 'market', 'wire'] and
	[(s['contradicted'], s['corroborated'], s['independent_sources'], s['disputed'], s['unverifiable'],
	s['unreviewed'], s['single_source']) for s in d['sources']] == [(1, 1, 1, 1, 0, 3, 0), (0, 0, 0, 0, 1, 3, 1),
	(0, 1, 1, 0, 0, 3, 0)]" "scorecards, most contradicted first"
# Ana and Bo: 3 claims, 2 equal; Ana and Cy: 2 claims (vote, cost), both equal; Bo and Cy: the same.
json_assert ../report.json "[(p['a'], p['b'], p['claims'], p['same_verdict'], p['kappa']) for p in d['agreement']['pairs']] ==
	[('ana@factdesk.example', 'bo@factdesk.example', 3, 2, 0.4), ('ana@factdesk.example', 'cy@factdesk.example', 2, 2, 1.0),
	('bo@factdesk.example', 'cy@factdesk.example', 2, 2, 1.0)]" "Cohen's kappa"
json_assert ../report.json "d['agreement']['fleiss'] == {'claims': 2, 'verdicts': 6, 'agreement': 1.0, 'kappa': 1.0}" "Fleiss"
json_assert ../report.json "d['agreement']['sources'] == [{'a': 'post', 'b': 'wire', 'corroborate': 5, 'contradict': 3}]" "matrix"
json_assert ../report.json "len(d['changes']['verdicts']) == 11 and d['changes']['since'] == '$base' and
	d['changes']['verdicts'][0]['claim'] == '$cost' and d['changes']['verdicts'][0]['verdict'] == 'corroborated' and
	d['changes']['verdicts'][0]['previous'] == 'unverifiable' and d['changes']['verdicts'][0]['commit'] == '$head' and
	d['changes']['verdicts'][-1]['previous'] is None" "changelog"
json_assert ../report.json "[s for c in d['claims'] if c['id'] == '$vote' for r in c['reviews'] for e in r['evidence']
	for s in e['signals']][:2] == [{'kind': 'number', 'claim': '7 to 2', 'evidence': '6 to 3'},
	{'kind': 'date', 'claim': 'Monday', 'evidence': 'Tuesday'}]" "signals from ct_compare"
json_assert ../report.jsonld "len(d) == 4 and all(x['@type'] == 'ClaimReview' and len(x['claimReviewed']) < 75 and
	x['author'] == {'@type': 'Organization', 'name': 'Ostvale Fact Desk', 'url': 'https://factdesk.example/'} and
	x['url'].startswith('https://factdesk.example/reports/bridge#claim-') for x in d) and
	sorted(x['reviewRating']['ratingValue'] for x in d) == [1, 3, 5, 5]" "ClaimReview"
grep -q '^"post","Ostvale Post"' ../report.csv && fail "csv: unexpected quoting"
[ "$(grep -c $'\r$' ../report.csv)" -ge 15 ] || fail "csv: CRLF line ends"

# Reproducible: the same commit gives the same bytes, and the report names it.
prev=$(git rev-parse HEAD~1)
expect_ok ct report --at HEAD~1 --format html
cp "$OUT" ../at1.html
expect_ok ct report --at "$prev" --format html
test_cmp ../at1.html "$OUT"
grep -q "$prev" ../at1.html || fail "the report names its commit"
cmp -s ../at1.html ../report.html && fail "HEAD~1 and HEAD give the same report"
expect_ok ct report --at HEAD~1 --format json
json_assert "$OUT" "[c['status'] for c in d['claims'] if c['id'] == '$cost'] == ['pending'] or
	[c['status'] for c in d['claims'] if c['id'] == '$cost'] == ['corroborated']" "at HEAD~1"
json_assert "$OUT" "[r['verdict'] for c in d['claims'] if c['id'] == '$cost' for r in c['reviews']] ==
	['corroborated', 'corroborated', 'unverifiable']" "the verdicts of HEAD~1"

# One source.
expect_ok ct report --source wire --format json
json_assert "$OUT" "{c['source'] for c in d['claims']} == {'wire'} and [s['id'] for s in d['sources']] == ['wire'] and
	d['desk']['source'] == 'wire'" "--source"

# Refusals: nothing on stdout, nothing written.
expect_fail 2 ct report --format pdf
expect_fail 3 ct report --source nosuch
expect_fail 3 ct report --source ../etc
expect_fail 3 ct report --at nosuchrev
expect_fail 3 ct report --since nosuchrev
expect_fail 1 ct report -o ../no/such/dir/report.md
[ ! -e ../no ] || fail "a failed -o made a folder"
expect_ok ct report
cp "$OUT" ../plain.md
echo keep >../old.md
chmod 0444 ../old.md
expect_ok ct report -o ../old.md
test_cmp ../plain.md ../old.md
expect_fail 2 ct report extra
# The report is streamed to standard output: a write that fails is an error, whatever the format.
if [ -w /dev/full ]; then
	for f in md html json jsonld csv; do
		rc=0
		ct report --format $f >/dev/full 2>../full.err || rc=$?
		[ "$rc" -eq 1 ] || fail "report --format $f to a full disk: expected exit 1, got $rc"
		grep -q '^claimtrack: cannot write output' ../full.err || fail "report --format $f to a full disk: no message"
	done
fi
assert_clean
