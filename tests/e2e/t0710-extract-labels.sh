#!/bin/bash
# extract --json on a labelled fixture (tests/fixtures/extract/wire-perline.txt, an invented rail
# strike): which segments are claims, one resolved "he said" speaker, one number, one date.
. "$(dirname "$0")/lib.sh"

WIRE=$SRC_ROOT/tests/fixtures/extract/wire-perline.txt
[ -f "$WIRE" ] || fail "missing fixture $WIRE"

expect_ok ct extract --published 2025-10-15 --json "$WIRE"
expect_stderr_empty
cp "$OUT" wire.json
json_assert wire.json "isinstance(d, list) and len(d) == 19" "one entry per segment"

# The whole layout: kind and claim label of every segment, in order.
cat >expect <<'KINDS'
heading -
byline -
sentence claim
sentence claim
sentence claim
sentence claim
sentence claim
sentence claim
sentence claim
sentence claim
sentence claim
sentence claim
sentence claim
sentence claim
sentence claim
sentence claim
sentence -
sentence claim
byline -
KINDS
json_eval wire.json "[s['kind'] + (' claim' if s['is_claim'] else ' -') for s in d]" >actual
test_cmp expect actual

# Claim and non-claim labels by text.
label() {
	json_assert wire.json "[s['is_claim'] for s in d if s['text'].startswith($1)] == [$2]" "$1 is_claim $2"
}
label "'Kessendale rail strike stretches'" False   # headline
label "'By Osman Trell'" False                      # byline
label "'Is a mediator the answer?'" False           # a question
label "'(Reporting by Osman Trell'" False           # credit line
label "'LENDMOUTH (Wire) — A strike'" True          # the dateline sentence
label "'Around 1,900 members'" True
label "'According to the operator'" True
label "'Business groups estimate'" True

# "..., he said." takes the speaker of the quote before it.
json_assert wire.json "[s['quote']['speaker'] for s in d if s['text'].startswith('\"If the company wants')] ==
	['Declan Brannock']" "he said -> Declan Brannock"
json_assert wire.json "[s['type'] for s in d if s['text'].startswith('\"If the company wants')] == ['quote']" \
	"quote type"

# "Around 1,900 members": value, unit and approximation.
json_assert wire.json "[(n['text'], n['value'], n.get('unit'), n.get('approx')) for s in d
	if s['text'].startswith('Around 1,900') for n in s['numbers']][0] ==
	('Around 1,900 members', 1900, 'member', 'around')" "Around 1,900 members"

# "Oct. 21" resolved against the publication date; the bare "Tuesday" of the past is Oct. 14.
json_assert wire.json "[(t['text'], t['kind'], t['date']) for s in d
	if s['text'].startswith('Sen. Harriet Colby said') for t in s['dates']] ==
	[('Oct. 21', 'date', '2025-10-21')]" "Oct. 21"
json_assert wire.json "[(t['text'], t['date'], t['weekday']) for s in d
	if s['text'].startswith('\"Our members have gone') for t in s['dates']] ==
	[('Tuesday', '2025-10-14', 'Tuesday')]" "Tuesday"

# The title is split from the name: "Sen." is the title of "Sen. Harriet Colby".
json_assert wire.json "[(e['kind'], e['title']) for s in d if s['text'].startswith('Sen. Harriet Colby said')
	for e in s['entities'] if e['text'] == 'Sen. Harriet Colby'] == [('person', 'Sen.')]" "Sen. title"

# Spans point into the file (one paragraph per line, LF: the text is unchanged by cleaning).
python3 - wire.json "$WIRE" <<'PY' || fail "spans do not point at the segments"
import json, sys
segs, text = json.load(open(sys.argv[1])), open(sys.argv[2], "rb").read()
for s in segs:
    a, b = s["span"]
    assert text[a:b].decode() == s["text"], (s["span"], s["text"])
PY

# The same text with CRLF line ends gives the same segments and labels.
sed 's/$/\r/' "$WIRE" >crlf.txt
expect_ok ct extract --published 2025-10-15 --json crlf.txt
json_assert "$OUT" "[(s['text'], s['kind'], s['is_claim'], s['type']) for s in d] ==
	[(s['text'], s['kind'], s['is_claim'], s['type']) for s in json.load(open('wire.json'))]" "CRLF input"
