#!/bin/bash
# Source dependence from shared quotes: the example story's sloppy rewrite and translated copy
# with their paragraphs in reverse order (no ordered run of shared claims left) are still found
# as copies, since they share most claims in any order and their originals' quotes, attributed
# alike; the independent outlets, which share some quotes, stay independent.
. "$(dirname "$0")/lib.sh"

story=$SRC_ROOT/examples/story
new_desk desk
cd desk
tac "$story/sloppy-rewrite.txt" >../sloppy-reversed.txt
tac "$story/translated-copy.txt" >../translated-reversed.txt
expect_ok ct add --id harbour-herald --outlet "Harbour Herald" --published 2025-10-15 "$story/harbour-herald.txt"
expect_ok ct add --id coastline-daily --outlet "Coastline Daily" --published 2025-10-15 "$story/coastline-daily.txt"
expect_ok ct add --id wire-service --outlet "Northwire" --published 2025-10-15 "$story/wire-service.txt"
expect_ok ct add --id sloppy-rewrite --outlet "BuzzWave Daily" --published 2025-10-16 ../sloppy-reversed.txt
expect_ok ct add --id translated-copy --outlet "Kystnytt" --published 2025-10-16 ../translated-reversed.txt
expect_ok ct add --id opinion-column --outlet "The Alder Review" --published 2025-10-18 "$story/opinion-column.txt"

expect_ok ct sources --json
json_assert "$OUT" "{s['id']: s['dependent_on'] for s in d} == {'coastline-daily': [], 'harbour-herald': [],
	'opinion-column': [], 'sloppy-rewrite': ['harbour-herald'], 'translated-copy': ['coastline-daily'],
	'wire-service': []}" "dependent_on with reordered copies"

# The reversal leaves no ordered run: the longest run of links at 0.7 or more increasing in both
# sources stays under 0.7 of the smaller source, so the order alone would not make them copies.
expect_ok ct match --json
cp "$OUT" ../aligns.json
expect_ok ct claims --json
cp "$OUT" ../claims.json
"$PYTHON" - ../aligns.json ../claims.json <<'PY' || fail "the reversed copies still follow their originals in order"
import bisect, json, sys
aligns, claims = json.load(open(sys.argv[1])), json.load(open(sys.argv[2]))
pos = {c['id']: (c['source'], c['sentence']) for c in claims}
count = {}
for c in claims:
    count[c['source']] = count.get(c['source'], 0) + 1
for copy, orig in (('sloppy-rewrite', 'harbour-herald'), ('translated-copy', 'coastline-daily')):
    links = []
    for a in aligns:
        if sorted(a['sources']) == sorted([copy, orig]) and a['score'] >= 0.7 and a['relation'] != 'related':
            p = sorted((pos[c] for c in a['claims']), key=lambda t: t[0] != orig)
            links.append((p[0][1], -p[1][1]))
    tails = []
    for _, neg in sorted(links):
        k = bisect.bisect_left(tails, -neg)
        tails[k:k + 1] = [-neg]
    smaller = min(count[copy], count[orig])
    assert len(tails) < 0.7 * smaller <= len(links), (copy, len(tails), len(links), smaller)
PY
assert_clean
