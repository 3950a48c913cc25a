#!/bin/bash
# validate: a clean desk passes; records broken by hand with stock git are named and make it
# exit 1; --staged checks the git index instead of HEAD.
. "$(dirname "$0")/lib.sh"

new_desk desk
cd desk
expect_ok ct validate
echo "ok: sources: 0, claims: 0, reviews: 0" >../expect
test_cmp ../expect "$OUT"

expect_ok ct add --outlet "Ostvale Post" "$FIXTURES/bridge.txt" "$FIXTURES/market.txt"
expect_ok ct validate
echo "ok: sources: 2, claims: 10, reviews: 0" >../expect
test_cmp ../expect "$OUT"
expect_stderr_empty
good=$(head_of)

claim=$(grep -l 'voted 7 to 2' $(git ls-files 'claims/*/bridge/*.json'))
src=$(git ls-files 'sources/*/bridge.json')
txt=$(git ls-files 'sources/*/bridge.txt')
[ -n "$claim" ] && [ -n "$src" ] && [ -n "$txt" ] || fail "desk layout: '$claim' '$src' '$txt'"

# edit_json PATH PYTHON: rewrites the JSON file PATH after running PYTHON on it as d.
edit_json() {
	python3 - "$1" "$2" <<'PY'
import json, sys
p = sys.argv[1]
d = json.load(open(p))
exec(sys.argv[2])
json.dump(d, open(p, "w"), indent="\t", ensure_ascii=False)
PY
}
# broken WHAT: commits the working tree with stock git (no hooks), then expects validate to
# fail naming each path given in $NAMED.
broken() {
	git add -A
	git commit -q --no-verify -m "$1"
	expect_findings ct validate
	for p in $NAMED; do
		grep -q "^$p: " "$OUT" || fail "validate does not name $p ($1)"
	done
	expect_stderr_contains "validate:"
	git reset -q --hard "$good"
	expect_ok ct validate
}

# Not JSON at all.
echo '{"id": "broken' >"$claim"
NAMED=$claim broken "a claim that is not JSON"

# Against the schema: a missing field, a value not allowed.
edit_json "$claim" "d['status'] = 'bogus'; del d['type']"
NAMED=$claim broken "a claim against the schema"
edit_json "$src" "d['published'] = '2025-13-45'"
NAMED=$src broken "a source with an impossible date"

# A claim whose text no longer matches its span in the source text.
edit_json "$claim" "d['text'] = d['text'].replace('7 to 2', '8 to 1')"
NAMED=$claim broken "claim text edited"
edit_json "$claim" "d['span'] = [d['span'][0] + 1, d['span'][1] + 1]"
NAMED=$claim broken "claim span moved"
edit_json "$claim" "d['source_version'] = d['source_version'] + 1"
git add -A
git commit -q --no-verify -m "claim from a source version that does not exist yet"
expect_findings ct validate
grep -q "^$claim: source_version is newer than the source's version" "$OUT" ||
	fail "validate does not name a claim from a source version that does not exist yet"
git reset -q --hard "$good"
expect_ok ct claims --json
# The source text edited under its claims.
sed -i 's/40 million/41 million/' "$txt"
NAMED=$src broken "source text edited"

# A missing source: its record and text removed, its claims left behind.
git rm -q "$src" "$txt"
NAMED=$(git ls-files 'claims/*/bridge/*.json' | tr '\n' ' ')
broken "source removed"
# Only the record removed: the orphan text and the claims are reported.
git rm -q "$src"
NAMED=$(git ls-files 'claims/*/bridge/*.json' | tr '\n' ' ')
git add -A && git commit -q --no-verify -m "source record removed"
expect_findings ct validate
expect_stdout_contains "bridge"
for p in $NAMED; do grep -q "^$p: " "$OUT" || fail "validate does not name $p"; done
git reset -q --hard "$good"

# A file that is no record.
mkdir -p claims/ab
echo "notes" >claims/ab/notes.txt
NAMED=claims/ab/notes.txt broken "a stray file"

# The desk is back to good.
expect_ok ct validate
echo "ok: sources: 2, claims: 10, reviews: 0" >../expect
test_cmp ../expect "$OUT"

# --staged checks the git index: a broken file staged fails --staged, plain validate still
# passes (HEAD is fine).
echo '[1, 2' >"$claim"
git add "$claim"
expect_findings ct validate --staged
grep -q "^$claim: " "$OUT" || fail "validate --staged does not name $claim"
expect_ok ct validate
echo "ok: sources: 2, claims: 10, reviews: 0" >../expect
test_cmp ../expect "$OUT"
# A broken file only in the working tree (not staged) is not seen by --staged.
git checkout -q -- .
git reset -q --hard "$good"
echo '[1, 2' >"$claim"
expect_ok ct validate --staged
expect_ok ct validate
git checkout -q -- "$claim"
# A good change staged: --staged passes.
expect_ok ct validate --staged
assert_untouched "$good"

expect_fail 2 ct validate extra
expect_fail 2 ct validate --bogus
fsck_ok
