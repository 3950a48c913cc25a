#!/bin/bash
# match: alignments of claims across sources, stored in the index and brought up to date
# incrementally (only the claims of changed sources are matched again); show lists them.
. "$(dirname "$0")/lib.sh"

new_desk desk
cd desk
expect_ok ct add --id post --outlet "Ostvale Post" --published 2025-03-03 "$FIXTURES/bridge.txt"
expect_ok ct add --id wire --outlet "Wend Wire" --published 2025-03-04 "$FIXTURES/bridge-wire.txt"
head=$(head_of .)

expect_ok ct match --json
cp "$OUT" ../all.json
json_assert ../all.json "isinstance(d, list) and len(d) >= 4" "some alignments"
json_assert ../all.json "all(set(a) == {'claims', 'sources', 'relation', 'score', 'signals', 'independent'} for a in d)" \
	"fields of an alignment"
json_assert ../all.json "all(a['claims'][0] < a['claims'][1] and sorted(a['sources']) == ['post', 'wire'] for a in d)" \
	"pairs of claims of two sources, in id order"
json_assert ../all.json "all(a['relation'] in ('corroborates', 'contradicts', 'related') and 0 <= a['score'] <= 1 for a in d)" \
	"relations and scores"
json_assert ../all.json "[a['score'] for a in d] == sorted((a['score'] for a in d), reverse=True)" "best first"
json_assert ../all.json "all(a['independent'] for a in d)" "two short independent reports"
# The planted difference: Monday's vote in one, Tuesday's in the other, with the spans.
json_assert ../all.json "any(a['relation'] == 'contradicts' and {'kind': 'date', 'a': 'Monday', 'b': 'Tuesday'} in
	[dict(s) for s in a['signals']] + [{'kind': s['kind'], 'a': s['b'], 'b': s['a']} for s in a['signals']] for a in d)" \
	"the weekday contradiction"
# match writes the index only: the desk is as it was.
assert_untouched "$head"

# Nothing changed: a no-op.
expect_ok ct match --stats --json
json_assert "$OUT" "d['claims_matched'] == 0 and d['alignments'] == $(json_eval ../all.json 'len(d)')" "no-op when nothing changed"

# A new source: only its claims are matched (against all of them).
expect_ok ct add --id ferry --outlet "Harbour Post" --published 2025-03-05 "$FIXTURES/ferry.txt"
nferry=$(ct claims --source ferry | wc -l)
ntotal=$(ct claims | wc -l)
expect_ok ct match --stats --json
json_assert "$OUT" "d['claims_matched'] == $nferry and d['claims'] == $ntotal" "only the new source's claims"
expect_ok ct match --json
json_assert "$OUT" "sorted(map(json.dumps, d)) == sorted(map(json.dumps, json.load(open('../all.json'))))" \
	"an unrelated source adds no alignment"

# A new version of a source: its claims are matched again, old alignments of withdrawn claims go.
expect_ok ct add --id post "$FIXTURES/bridge-v2.txt"
expect_ok ct match --stats --json
json_assert "$OUT" "0 < d['claims_matched'] < d['claims']" "only the changed source"
expect_ok ct match --json
cp "$OUT" ../incremental.json
expect_ok ct claims --json
cp "$OUT" ../active.json
json_assert ../incremental.json "all(c in {x['id'] for x in json.load(open('../active.json'))} for a in d for c in a['claims'])" \
	"alignments only between active claims"

# --all and a rebuilt index give the same alignments as the incremental runs.
expect_ok ct match --all --stats --json
json_assert "$OUT" "d['claims_matched'] == d['claims'] == $(ct claims | wc -l)" "--all matches every claim"
expect_ok ct match --json
json_assert "$OUT" "d == json.load(open('../incremental.json'))" "--all agrees with the incremental result"
expect_ok ct index --rebuild
expect_ok ct match --json
json_assert "$OUT" "d == json.load(open('../incremental.json'))" "a rebuilt index has the same alignments"

# --source and --claim filter; ids by prefix.
expect_ok ct match --source wire --json
json_assert "$OUT" "d and all('wire' in a['sources'] for a in d)" "--source"
nwire=$(json_eval "$OUT" "len(d)")
expect_ok ct match --source wire --stats --json
json_assert "$OUT" "d['alignments'] == $nwire" "--stats counts the alignments --source lists"
claim=$(json_eval ../incremental.json "d[0]['claims'][0]")
expect_ok ct match --claim "${claim:0:8}" --json
json_assert "$OUT" "d and all('$claim' in a['claims'] for a in d)" "--claim by prefix"
nclaim=$(json_eval "$OUT" "len(d)")
expect_ok ct match --claim "$claim" --stats --json
json_assert "$OUT" "d['alignments'] == $nclaim" "--stats counts the alignments --claim lists"

# show lists the aligned claims with the relation, the differing words marked, the support.
monday=$(ct claims --source post --search Monday --json | "$PYTHON" -c 'import json,sys; print(json.load(sys.stdin)[0]["id"])')
expect_ok ct show "$monday"
expect_stdout_contains "aligned:"
expect_stdout_contains "contradicts"
expect_stdout_contains "[Tuesday]"
expect_stdout_contains 'date: "Monday" here, "Tuesday" there'
expect_stdout_lacks $'\033['
expect_ok ct --color show "$monday"
expect_stdout_contains $'\033[1;31mTuesday\033[0m'
expect_ok env NO_COLOR=1 "$CLAIMTRACK" --color show "$monday"
expect_stdout_lacks $'\033['
expect_stdout_contains "[Tuesday]"
expect_ok ct --no-color show "$monday"
expect_stdout_lacks $'\033['
expect_ok ct show --json "$monday"
json_assert "$OUT" "d['contradicting_sources'] == 1 and d['independent_sources'] <= d['corroborating_sources']
	and any(a['relation'] == 'contradicts' for a in d['alignments'])" "show --json alignments"
# A claim no other source states is single-source.
ferry=$(ct claims --source ferry --json | "$PYTHON" -c 'import json,sys; print(json.load(sys.stdin)[0]["id"])')
expect_ok ct show "$ferry"
expect_stdout_contains "no other source states this fact (single-source)"
expect_ok ct show --json "$ferry"
json_assert "$OUT" "d['corroborating_sources'] == 0 and d['independent_sources'] == 0" "single-source claim"

# Bad input.
expect_fail 3 ct match --source nosuch
expect_fail 3 ct match --claim ffffffff
expect_fail 3 ct match --claim 'x;DROP'
expect_fail 2 ct match --source wire --claim "$claim"
expect_fail 2 ct match extra
expect_fail 2 ct match --bogus
assert_clean
