#!/bin/bash
# add: one source, its text and its claims in one commit; re-adding unchanged text is a no-op.
. "$(dirname "$0")/lib.sh"

new_desk desk
cd desk
h0=$(head_of)

expect_ok ct add --outlet "Ostvale Post" --published 2025-03-03 \
	--url https://post.example/news/bridge "$FIXTURES/bridge.txt"
h1=$(head_of)
[ "$h1" != "$h0" ] || fail "add made no commit"
assert_eq "$h0" "$(git rev-parse HEAD~1)" "parent of the add commit"
cat >../expect <<EOT
added bridge (Ostvale Post): 6 claims
[$(git rev-parse --short=10 HEAD)] Add 1 source, 6 claims
EOT
test_cmp ../expect "$OUT"
printf 'Add 1 source, 6 claims\n\nbridge: Ostvale Post, 6 claims\n' >../expect
git log -1 --format=%B | sed '$d' >../actual
test_cmp ../expect ../actual
assert_eq "Test Reviewer <test@example.org>" "$(git log -1 --format='%an <%ae>')" "author"
assert_clean
fsck_ok

# The stored text is the file's text; the record describes it.
shard=$(printf bridge | sha256sum | cut -c1-2)
git show "HEAD:sources/$shard/bridge.txt" >../stored.txt
test_cmp "$FIXTURES/bridge.txt" ../stored.txt
sha=$(sha256sum <../stored.txt | cut -d' ' -f1)
json_assert "sources/$shard/bridge.json" "d == {
	'id': 'bridge', 'outlet': 'Ostvale Post', 'published': '2025-03-03',
	'url': 'https://post.example/news/bridge', 'title': 'Council Approves New Bridge Over the Wend',
	'sha256': '$sha', 'text': 'sources/$shard/bridge.txt', 'bytes': $(wc -c <../stored.txt),
	'version': 1, 'claims': 6}" "source record"

# The claims are the sentences extract marks as claims, each at its content-derived path, its
# text exactly the bytes of its span in the stored text.
expect_ok ct extract --json "$FIXTURES/bridge.txt"
cp "$OUT" ../extract.json
git ls-files claims >../claim-files
python3 - "$shard" ../extract.json ../stored.txt ../claim-files <<'PY' || fail "claim records do not match the extractor"
import hashlib, json, sys
shard, ex, stored, files = sys.argv[1:]
text = open(stored, "rb").read()
want = [s["text"] for s in json.load(open(ex)) if s["is_claim"]]
seen = {}
paths = []
for t in want:
    n = seen.get(t, 0); seen[t] = n + 1
    cid = hashlib.sha256(b"bridge\0" + t.encode() + b"\0" + str(n).encode()).hexdigest()[:16]
    p = "claims/%s/bridge/%s.json" % (shard, cid)
    paths.append(p)
    r = json.load(open(p))
    a, b = r["span"]
    assert r["id"] == cid, (p, r["id"])
    assert r["source"] == "bridge" and r["source_version"] == 1, p
    assert r["text"] == t, (p, r["text"], t)
    assert text[a:b].decode() == t, (p, r["span"])
    assert r["status"] == "active" and r["version"] == 1 and r["supersedes"] is None, p
got = sorted(open(files).read().split())
assert got == sorted(paths), (got, sorted(paths))
PY
assert_eq 6 "$(git ls-files claims | wc -l)" "claim files"

# Re-adding the same text: exit 0, says unchanged, no commit, nothing touched.
expect_ok ct add --outlet "Ostvale Post" --published 2025-03-03 \
	--url https://post.example/news/bridge "$FIXTURES/bridge.txt"
expect_stdout_contains "unchanged: bridge"
assert_untouched "$h1"
# ... also without the options, and with CRLF line ends (the same text once normalised).
expect_ok ct add "$FIXTURES/bridge.txt"
expect_stdout_contains "unchanged"
assert_untouched "$h1"
mkdir ../crlf
sed 's/$/\r/' "$FIXTURES/bridge.txt" >../crlf/bridge.txt
expect_ok ct add ../crlf/bridge.txt
expect_stdout_contains "unchanged"
assert_untouched "$h1"

# --id and --title; no --published/--url gives nulls.
expect_ok ct add --id market-hall --outlet "Riverside Gazette" --title "Market hall reopens" \
	"$FIXTURES/market.txt"
expect_stdout_contains "added market-hall (Riverside Gazette): 4 claims"

assert_eq "$h1" "$(git rev-parse HEAD~1)" "one commit per add"
expect_ok ct show --json market-hall
json_assert "$OUT" "d['id'] == 'market-hall' and d['title'] == 'Market hall reopens' and
	d['published'] is None and d['url'] is None and d['outlet'] == 'Riverside Gazette' and
	d['claims'] == 4" "source record with --id and --title"
[ -z "$(git ls-files | grep '/market\.')" ] || fail "--id market-hall still stored under the file name"

# The default id comes from the file name: extension dropped, other characters to '-'.
mkdir ../names
cp "$FIXTURES/ferry.txt" "../names/Ferry Traffic (draft).TXT"
expect_ok ct add --outlet "Ostvale Post" "../names/Ferry Traffic (draft).TXT"
expect_stdout_contains "added Ferry-Traffic-draft- (Ostvale Post)"
cp "$FIXTURES/ferry.txt" ../names/ferry2
expect_ok ct add --outlet "Ostvale Post" ../names/ferry2
expect_stdout_contains "added ferry2 "

# A relative path.
mkdir ../rel && cp "$FIXTURES/quotes.txt" ../rel/
expect_ok ct add --outlet "Wire" ../rel/quotes.txt
expect_ok ct show quotes
assert_eq 6 "$(commit_count)" "commits"

expect_ok ct validate
assert_clean
fsck_ok
