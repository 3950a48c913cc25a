#!/bin/bash
# claims: listing by source and position, --source, --type, --status, -n, --json, and --search
# (full-text) with hostile input.
. "$(dirname "$0")/lib.sh"

new_desk desk
cd desk
expect_ok ct claims
[ ! -s "$OUT" ] || fail "claims of an empty desk printed something"

expect_ok ct add --outlet "Ostvale Post" "$FIXTURES/bridge.txt" "$FIXTURES/market.txt" \
	"$FIXTURES/quotes.txt" "$FIXTURES/ferry.txt"

# The listing: by source id, then position in the text.
expect_ok ct claims --json
cp "$OUT" ../all.json
json_assert ../all.json "isinstance(d, list) and len(d) == 15" "15 claims"
json_assert ../all.json "[c['source'] for c in d] == sorted(c['source'] for c in d)" "ordered by source"
json_assert ../all.json "all(d[i]['span'][0] < d[i+1]['span'][0] for i in range(len(d) - 1)
	if d[i]['source'] == d[i+1]['source'])" "ordered by position within a source"
json_assert ../all.json "all(set(c) >= {'id', 'source', 'source_version', 'text', 'span', 'sentence',
	'version', 'status', 'supersedes', 'type', 'checkworthy'} for c in d)" "fields of every claim"
json_assert ../all.json "all(len(c['id']) == 16 and c['status'] == 'active' for c in d)" "ids, status"

# The plain listing says the same as --json, one line per claim: short id, source, type, text.
expect_ok ct claims
json_eval ../all.json "['%s %-12s %-10s %s' % (c['id'][:10], c['source'], c['type'], c['text']) for c in d]" >../expect
test_cmp ../expect "$OUT"

# --source
expect_ok ct claims --source market --json
json_assert "$OUT" "[c['id'] for c in d] == [c['id'] for c in json.load(open('../all.json'))
	if c['source'] == 'market']" "--source market"
expect_ok ct claims -s ferry
assert_eq 2 "$(wc -l <"$OUT")" "claims -s ferry"
expect_fail 3 ct claims --source nope
expect_stderr_contains "nope"
expect_fail 3 ct claims --source ../etc
expect_fail 2 ct claims --source

# --type
expect_ok ct claims --type quote --json
json_assert "$OUT" "len(d) >= 1 and all(c['type'] == 'quote' for c in d)" "--type quote"
expect_ok ct claims --type no-such-type --json
json_assert "$OUT" "d == []" "--type no-such-type"

# -n / --limit
expect_ok ct claims -n 3 --json
json_assert "$OUT" "[c['id'] for c in d] == [c['id'] for c in json.load(open('../all.json'))][:3]" "-n 3"
expect_ok ct claims --limit 1
assert_eq 1 "$(wc -l <"$OUT")" "--limit 1"
expect_fail 2 ct claims -n many
expect_fail 2 ct claims -n

# --status
expect_fail 2 ct claims --status bogus
expect_ok ct claims --status withdrawn --json
json_assert "$OUT" "d == []" "no withdrawn claims yet"

# --search: all the words, whatever their case; stems match (pumps ~ pump).
expect_ok ct claims --search "BRIDGE crowns" --json
json_assert "$OUT" "len(d) == 1 and '40 million crowns' in d[0]['text']" "search 'BRIDGE crowns'"
expect_ok ct claims --search "passengers" --json
json_assert "$OUT" "len(d) == 2 and {c['source'] for c in d} == {'ferry'}" "search 'passengers'"
expect_ok ct claims --search "passenger" --json
json_assert "$OUT" "len(d) == 2" "search 'passenger' (stemmed)"
expect_ok ct claims --search "passengers zeppelin" --json
json_assert "$OUT" "d == []" "search with a word nowhere"
expect_ok ct claims --search "passengers" --source market --json
json_assert "$OUT" "d == []" "search within another source"
expect_ok ct claims --search "crowns" -n 1 --json
json_assert "$OUT" "len(d) == 1" "search with -n"

# Hostile search text is text, not query syntax: no SQL/FTS errors, no crash; every claim found
# holds every word of the query (operators included, as plain words).
# search_holds_words QUERY: checks $OUT (claims --json) against QUERY.
search_holds_words() {
	python3 - "$OUT" "$1" ../all.json <<'PY' || fail "search '$1' found claims without its words"
import json, re, sys
found, query, every = json.load(open(sys.argv[1])), sys.argv[2], json.load(open(sys.argv[3]))
words = [w.lower() for w in re.findall(r"[A-Za-z0-9]+", query)]
def holds(text):
    toks = re.findall(r"[a-z0-9]+", text.lower())
    return all(any(t.startswith(w[:5]) for t in toks) for w in words)
assert isinstance(found, list)
assert all(holds(c["text"]) for c in found), [c["text"] for c in found]
# Nothing missing either: exactly the claims holding the words exactly.
exact = {c["id"] for c in every if all(w in re.findall(r"[a-z0-9]+", c["text"].lower()) for w in words)}
assert exact <= {c["id"] for c in found}, (exact, [c["id"] for c in found])
PY
}
for q in 'AND OR *' '"AND OR"' 'option" OR "best' 'NEAR(bridge crowns)' 'bridge NOT crowns' \
	'text:bridge' 'bridge^' "'; DROP TABLE claims; --" '-bridge' '{bridge}' 'bridge*'; do
	expect_ok ct claims --search "$q" --json
	search_holds_words "$q"
done
expect_ok ct claims --search 'AND OR *' --json
json_assert "$OUT" "len(d) == 3 and any('\"AND OR\" rule' in c['text'] for c in d)" "search 'AND OR *'"
expect_ok ct claims --search 'option" OR "best' --json
json_assert "$OUT" "len(d) == 1 and 'best option' in d[0]['text']" "search with quotes inside"
for q in '"' '*' '' '   ' '"""' '()' '(((' '\\' '%' '_'; do
	expect_fail 3 ct claims --search "$q"
	expect_stderr_contains "search has no words"
done
# The desk still answers normally afterwards.
expect_ok ct claims --json
json_assert "$OUT" "len(d) == 15" "claims after hostile searches"

# Extra arguments are a usage error.
expect_fail 2 ct claims extra
assert_clean
fsck_ok
