#!/bin/bash
# Source dependence: the sloppy rewrite of the example story depends on the Harbour Herald, the
# translated copy on Coastline Daily; independent outlets stay independent even though they
# share facts and quotes. Corroboration between a copy and its original is not independent,
# and a claim backed only by its own copy has no independent support.
. "$(dirname "$0")/lib.sh"

story=$SRC_ROOT/examples/story
new_desk desk
cd desk
expect_ok ct add --id harbour-herald --outlet "Harbour Herald" --published 2025-10-15 "$story/harbour-herald.txt"
expect_ok ct add --id coastline-daily --outlet "Coastline Daily" --published 2025-10-15 "$story/coastline-daily.txt"
expect_ok ct add --id wire-service --outlet "Northwire" --published 2025-10-15 "$story/wire-service.txt"
expect_ok ct add --id sloppy-rewrite --outlet "BuzzWave Daily" --published 2025-10-16 "$story/sloppy-rewrite.txt"
expect_ok ct add --id translated-copy --outlet "Kystnytt" --published 2025-10-16 "$story/translated-copy.txt"
expect_ok ct add --id opinion-column --outlet "The Alder Review" --published 2025-10-18 "$story/opinion-column.txt"

# sources brings the alignments up to date by itself.
expect_ok ct sources --json
json_assert "$OUT" "{s['id']: s['dependent_on'] for s in d} == {'coastline-daily': [], 'harbour-herald': [],
	'opinion-column': [], 'sloppy-rewrite': ['harbour-herald'], 'translated-copy': ['coastline-daily'],
	'wire-service': []}" "dependent_on"

expect_ok ct match --json
cp "$OUT" ../aligns.json
json_assert ../aligns.json "all(a['independent'] == (sorted(a['sources']) not in (['harbour-herald', 'sloppy-rewrite'],
	['coastline-daily', 'translated-copy'])) for a in d)" "independent unless between a copy and its original"

# A claim of the translated copy: coastline-daily and its own copy count once; another outlet
# is a second witness.
expect_ok ct claims --source translated-copy --search "640 million" --json
id=$(json_eval "$OUT" "d[0]['id']")
expect_ok ct show --json "$id"
cp "$OUT" ../show.json
json_assert ../show.json "d['corroborating_sources'] >= 1" "corroborated"
"$PYTHON" - ../show.json <<'PY' || fail "independent sources of a copy's claim"
import json, sys
d = json.load(open(sys.argv[1]))
others = {a['sources'][0] if a['sources'][1] == 'translated-copy' else a['sources'][1]
          for a in d['alignments'] if a['relation'] == 'corroborates'}
roots = {{'sloppy-rewrite': 'harbour-herald'}.get(s, s) for s in others} - {'coastline-daily'}
assert d['corroborating_sources'] == len(others), (d['corroborating_sources'], others)
assert d['independent_sources'] == len(roots), (d['independent_sources'], roots)
PY

# Changing the copy's text re-matches it; the dependence is recomputed and stays.
sed 's/Saltmere/Saltmere Barrier/' "$story/sloppy-rewrite.txt" >../sloppy2.txt
expect_ok ct add --id sloppy-rewrite ../sloppy2.txt
expect_ok ct sources --json
json_assert "$OUT" "[s['dependent_on'] for s in d if s['id'] == 'sloppy-rewrite'] == [['harbour-herald']]" \
	"dependence after a new version"
assert_clean
