#!/bin/bash
# sources: one line per source, by id; --json: an array of the source records.
. "$(dirname "$0")/lib.sh"

new_desk desk
cd desk

# An empty desk lists nothing.
expect_ok ct sources
[ ! -s "$OUT" ] || fail "sources of an empty desk printed something"
expect_ok ct sources --json
json_assert "$OUT" "d == []" "sources --json of an empty desk"

expect_ok ct add --outlet "Riverside Gazette" --published 2025-03-03 \
	--url https://gazette.example/bridge "$FIXTURES/bridge.txt"
expect_ok ct add --id market-hall --outlet "Ostvale Post" --title "Market hall reopens" \
	"$FIXTURES/market.txt"
expect_ok ct add --outlet "Ostvale Post" --published 2024-02-29 "$FIXTURES/ferry.txt" "$FIXTURES/quotes.txt"
expect_ok ct add --outlet "Northwire" --published 2025-10-15 "$STORY/wire-service.txt"

expect_ok ct sources
expect_stderr_empty
cat >../expect <<'EOT'
bridge        2025-03-03       6  Riverside Gazette  Council Approves New Bridge Over the Wend
ferry         2024-02-29       2  Ostvale Post       Ferry Traffic Rises on the Wend
market-hall   -                4  Ostvale Post       Market hall reopens
quotes        2024-02-29       3  Ostvale Post       Quote Marks and Odd Words
wire-service  2025-10-15      24  Northwire          Flood barrier gate failure swamps Port Alder district; minister orders inquiry
EOT
test_cmp ../expect "$OUT"

expect_ok ct sources --json
cp "$OUT" ../sources.json
json_assert ../sources.json "isinstance(d, list) and [s['id'] for s in d] ==
	['bridge', 'ferry', 'market-hall', 'quotes', 'wire-service']" "ids, in order"
json_assert ../sources.json "all(set(s) >= {'id', 'outlet', 'published', 'url', 'title', 'sha256',
	'text', 'bytes', 'version', 'claims'} for s in d)" "fields of every source"
json_assert ../sources.json "d[0] == {'id': 'bridge', 'outlet': 'Riverside Gazette',
	'published': '2025-03-03', 'url': 'https://gazette.example/bridge',
	'title': 'Council Approves New Bridge Over the Wend', 'sha256': d[0]['sha256'],
	'text': d[0]['text'], 'bytes': $(wc -c <"$FIXTURES/bridge.txt"), 'version': 1, 'claims': 6,
	'dependent_on': []}" \
	"the bridge record"
json_assert ../sources.json "d[2]['published'] is None and d[2]['url'] is None" "nulls"
# Each record is exactly the committed file (plus dependent_on, from the index), and its sha256
# and text path are right.
python3 - ../sources.json <<'PY' || fail "sources --json does not match the committed records"
import hashlib, json, subprocess, sys
for s in json.load(open(sys.argv[1])):
    rec = json.loads(subprocess.check_output(["git", "show", "HEAD:" + s["text"][:-4] + ".json"]))
    assert isinstance(s.pop("dependent_on"), list), s
    assert rec == s, (rec, s)
    text = subprocess.check_output(["git", "show", "HEAD:" + s["text"]])
    assert hashlib.sha256(text).hexdigest() == s["sha256"], s["id"]
    assert len(text) == s["bytes"], s["id"]
PY
# The claims count of each source is the number of its active claims.
for id in bridge ferry market-hall quotes wire-service; do
	expect_ok ct claims --source "$id" --json
	n=$(json_eval "$OUT" "len(d)")
	json_assert ../sources.json "[s['claims'] for s in d if s['id'] == '$id'] == [$n]" "claims of $id"
done

expect_fail 2 ct sources extra
expect_fail 2 ct sources --bogus
assert_clean
