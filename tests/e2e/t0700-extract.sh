#!/bin/bash
# extract: the claim extractor alone, no desk needed; --json gives every segment with is_claim.
. "$(dirname "$0")/lib.sh"

# No desk here.
expect_ok ct extract --json "$FIXTURES/bridge.txt"
cp "$OUT" bridge.json
json_assert bridge.json "isinstance(d, list) and len(d) >= 6" "extract --json is an array"
json_assert bridge.json "all(set(s) >= {'text', 'kind', 'is_claim', 'span', 'sentence', 'paragraph',
	'type', 'checkworthy'} for s in d)" "fields of every segment"
json_assert bridge.json "all(isinstance(s['is_claim'], bool) for s in d)" "is_claim is a boolean"
json_assert bridge.json "d[0]['text'] == 'Council Approves New Bridge Over the Wend' and
	d[0]['kind'] == 'heading' and d[0]['is_claim'] is False" "the heading is no claim"
json_assert bridge.json "[s['is_claim'] for s in d if s['text'].startswith('The city council of Ostvale voted 7 to 2')] == [True]" \
	"a body sentence is a claim"
json_assert bridge.json "[s['is_claim'] for s in d if s['text'].startswith('By Ada Quill')] == [False]" \
	"the byline is no claim"
json_assert bridge.json "[s['sentence'] for s in d] == list(range(len(d)))" "sentences numbered in order"
json_assert bridge.json "all(0 <= s['checkworthy'] <= 1 for s in d)" "checkworthy in [0, 1]"
# Spans are byte offsets into the (here unchanged) text.
python3 - bridge.json "$FIXTURES/bridge.txt" <<'PY' || fail "spans do not point at the segments"
import json, sys
segs, text = json.load(open(sys.argv[1])), open(sys.argv[2], "rb").read()
for s in segs:
    a, b = s["span"]
    assert text[a:b].decode() == s["text"], (s["span"], s["text"])
PY

# The plain form: one line per segment, claims marked '*', a summary on stderr.
expect_ok ct extract "$FIXTURES/bridge.txt"
n=$(json_eval bridge.json "len(d)")
c=$(json_eval bridge.json "sum(s['is_claim'] for s in d)")
assert_eq "$n" "$(wc -l <"$OUT")" "lines of extract"
assert_eq "$c" "$(grep -c '^\* ' "$OUT")" "claims marked '*'"
python3 - bridge.json >expect <<'PY'
import json, sys
for s in json.load(open(sys.argv[1])):
    print(s["text"])
PY
sed -E 's/^[* ] [a-z]+ +[0-9.]+  //' "$OUT" >actual
test_cmp expect actual
echo "$n segments, $c claims" >expect
test_cmp expect "$ERR"
# One of each is singular.
printf 'The council of Ostvale voted 7 to 2 on Monday to build the bridge.\n' >one.txt
expect_ok ct extract one.txt
echo "1 segment, 1 claim" >expect
test_cmp expect "$ERR"
# Ordinal words alone in a sentence are numbers too.
printf 'She finished thirtieth in the race, and her brother was fortieth.\n' >ordinal.txt
expect_ok ct extract --json ordinal.txt
json_assert "$OUT" "[(n['value'], n.get('ordinal')) for n in d[0]['numbers']] == [(30, True), (40, True)]" \
	"ordinal words"
# No segment at all: an empty array.
printf '\n\n' >blank.txt
expect_ok ct extract --json blank.txt
echo "[]" >expect
test_cmp expect "$OUT"

# Standard input.
run_capture ct extract --json - <"$FIXTURES/bridge.txt"
assert_eq 0 "$LAST_RC" "extract --json -"
test_cmp bridge.json "$OUT"

# --published does not change which sentences are claims.
expect_ok ct extract --json --published 2025-03-03 "$FIXTURES/bridge.txt"
json_assert "$OUT" "[s['is_claim'] for s in d] == [s['is_claim'] for s in json.load(open('bridge.json'))]" \
	"--published"

# extract and add agree: the claims add stores are the sentences extract marks.
expect_ok ct init desk
expect_ok ct -C desk add --outlet X "$FIXTURES/bridge.txt"
expect_ok ct -C desk claims --json
json_assert "$OUT" "[c['text'] for c in d] == [s['text'] for s in json.load(open('bridge.json')) if s['is_claim']]" \
	"add stores what extract marks"

# CRLF input gives the same segments.
sed 's/$/\r/' "$FIXTURES/market.txt" >crlf.txt
expect_ok ct extract --json "$FIXTURES/market.txt"
cp "$OUT" lf.json
expect_ok ct extract --json crlf.txt
json_assert "$OUT" "[(s['text'], s['is_claim']) for s in d] ==
	[(s['text'], s['is_claim']) for s in json.load(open('lf.json'))]" "CRLF input"

# The story articles: every one has claims and headings that are not.
for f in "$STORY"/*.txt; do
	expect_ok ct extract --json "$f"
	json_assert "$OUT" "sum(s['is_claim'] for s in d) >= 10" "claims of $(basename "$f")"
done

# Errors: missing file, directory, bad date, usage.
expect_fail 3 ct extract --json no-such-file.txt
expect_stderr_contains "no-such-file.txt"
expect_fail 3 ct extract no-such-file.txt
mkdir adir
expect_fail 3 ct extract adir
expect_fail 3 ct extract --published 2025-13-01 "$FIXTURES/bridge.txt"
expect_fail 3 ct extract --published yesterday "$FIXTURES/bridge.txt"
expect_fail 2 ct extract
expect_fail 2 ct extract "$FIXTURES/bridge.txt" "$FIXTURES/market.txt"
expect_fail 2 ct extract --bogus "$FIXTURES/bridge.txt"

# A binary file is refused as add refuses it ("not a text file"), not segmented into "claims".
head -c 4096 "$CLAIMTRACK" >binary.txt
expect_fail 3 ct extract binary.txt
expect_stderr_contains "binary.txt"

# A regular file is read from its own pages when nothing in it needs cleaning, else cleaned into
# a copy, and read whole when its size leaves no byte after it in its last page: every way gives
# what standard input gives (read and cleaned always), warnings included.
page=$(getconf PAGESIZE)
python3 - "$page" <<'PY'
import sys
page = int(sys.argv[1])
body = "The council said 40 people came on Monday. Caf\u00e9 owners agreed.\n".encode()
text = (body * (page // len(body) + 1))[:page - len(body)]
text += b"x" * (page - 1 - len(text)) + b"\n"
open("page.txt", "wb").write(text)                          # exactly a page: read
open("page1.txt", "wb").write(text + b"X")                  # a page and a byte: mapped
open("crlf.txt", "wb").write(text.replace(b"\n", b"\r\n"))  # CRLF: a copy
open("nfd.txt", "wb").write(("Cafe\u0301 owners said 12 tables were empty.\n" * 9).encode())
open("bad.txt", "wb").write(b"The mayor said \xff 40 people came.\n" * 3)
PY
[ "$(wc -c <page.txt)" -eq "$page" ] || fail "page.txt is not one page long"
for f in page.txt page1.txt crlf.txt nfd.txt bad.txt; do
	expect_ok ct extract --json $f
	cp "$OUT" file.json
	cp "$ERR" file.err
	expect_ok ct extract --json - <$f
	test_cmp file.json "$OUT"
	sed "s/: -: /: $f: /" "$ERR" >stdin.err
	test_cmp file.err stdin.err
done
json_assert file.json "d[0]['text'] == 'The mayor said \ufffd 40 people came.'" "a bad byte is replaced in a mapped file too"
expect_stderr_contains "replaced 3 invalid UTF-8 sequences"
expect_ok ct extract --json nfd.txt
json_assert "$OUT" "d[0]['text'].startswith('Caf\u00e9 owners')" "NFC in a mapped file too"
# a named pipe is opened once, by the read (not opened, closed and opened again)
mkfifo pipe.txt
cat page1.txt >pipe.txt &
expect_ok ct extract --json pipe.txt
cp "$OUT" pipe.json
wait
expect_ok ct extract --json page1.txt
test_cmp "$OUT" pipe.json

# --jobs: the same output on one thread and on several, with the default (threads from 256 KiB on)
# and with CLAIMTRACK_THREADS; a long text made of the fixtures and the story, over and over.
: >long.txt
for i in 1 2 3 4 5 6 7 8 9 10 11 12; do
	cat "$FIXTURES"/*.txt "$STORY"/*.txt >>long.txt
done
[ "$(wc -c <long.txt)" -gt 262144 ] || fail "long.txt is shorter than 256 KiB"
expect_ok ct extract --json --published 2026-03-04 --jobs 1 long.txt
cp "$OUT" long1.json
for j in 2 3 8; do
	expect_ok ct extract --json --published 2026-03-04 --jobs $j long.txt
	test_cmp long1.json "$OUT"
done
expect_ok ct extract --json --published 2026-03-04 long.txt
test_cmp long1.json "$OUT"
CLAIMTRACK_THREADS=2 expect_ok ct extract --json --published 2026-03-04 long.txt
test_cmp long1.json "$OUT"
expect_ok ct extract -j 2 long.txt
sed -n '$p' "$ERR" >summary2
expect_ok ct extract -j 1 long.txt
test_cmp summary2 "$ERR"
expect_fail 2 ct extract --jobs 9 long.txt
expect_stderr_contains "--jobs must be 1 to 8"
expect_fail 2 ct extract --jobs -1 long.txt
expect_fail 2 ct extract --jobs two long.txt
