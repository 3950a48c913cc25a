#!/bin/bash
# The matcher keeps each claim's weighted terms in the index (table match_terms), so that after a
# source changes only its claims are analysed again. What is kept must never change a result:
# a match from kept terms equals one from a fresh analysis; the terms of a changed source (here
# only its publication date, which anchors its weekdays) are analysed again; kept terms that the
# analyser would no longer give (another fingerprint) are all dropped; a kept row of the wrong
# size is analysed again.
. "$(dirname "$0")/lib.sh"

story=$SRC_ROOT/examples/story
db=.git/claimtrack/index.db

sql() {
	"$PYTHON" - "$db" "$1" <<'PY'
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
for row in c.execute(sys.argv[2]):
    print(*row)
c.commit()
PY
}

add_all() {
	local copy_date=$1
	expect_ok ct add --id harbour-herald --outlet "Harbour Herald" --published 2025-10-15 "$story/harbour-herald.txt"
	expect_ok ct add --id coastline-daily --outlet "Coastline Daily" --published 2025-10-15 "$story/coastline-daily.txt"
	expect_ok ct add --id wire-service --outlet "Northwire" --published 2025-10-15 "$story/wire-service.txt"
	expect_ok ct add --id sloppy-rewrite --outlet "BuzzWave Daily" --published 2025-10-16 "$story/sloppy-rewrite.txt"
	expect_ok ct add --id translated-copy --outlet "Kystnytt" --published "$copy_date" "$story/translated-copy.txt"
	expect_ok ct add --id opinion-column --outlet "The Alder Review" --published 2025-10-18 "$story/opinion-column.txt"
}

new_desk desk
cd desk
add_all 2025-10-16
claims=$(ct claims | wc -l)
expect_ok ct match --stats --json
json_assert "$OUT" "d['claims_analysed'] == d['claims'] == $claims" "the first match analyses every claim"
[ "$(sql 'SELECT count(*) FROM match_terms')" = "$claims" ] || fail "not every claim's terms kept"
expect_ok ct match --json
cp "$OUT" "$CAP/first.json"

# From the kept terms: nothing analysed, the same alignments.
expect_ok ct match --all --stats --json
json_assert "$OUT" "d['claims_analysed'] == 0 and d['claims_matched'] == $claims" "--all from kept terms"
expect_ok ct match --json
test_cmp "$CAP/first.json" "$OUT"

# The kept terms are what the matcher uses: zeroed (the right size), the alignments change...
sql "UPDATE match_terms SET terms = zeroblob(length(terms))"
expect_ok ct match --all
expect_ok ct match --json
cmp -s "$CAP/first.json" "$OUT" && fail "the kept terms are not what the matcher read"
# ...and a fingerprint that is not the analyser's drops them all: the first result again.
sql "UPDATE meta SET value = 'another analyser' WHERE key = 'match_terms'"
expect_ok ct match --all --stats --json
json_assert "$OUT" "d['claims_analysed'] == $claims" "terms of another analyser dropped"
expect_ok ct match --json
test_cmp "$CAP/first.json" "$OUT"
[ "$(sql "SELECT value = 'another analyser' FROM meta WHERE key = 'match_terms'")" = 0 ] ||
	fail "the fingerprint was not written again"

# A row of the wrong size is as if no terms were kept.
sql "UPDATE match_terms SET terms = x'0102030405' WHERE claim = (SELECT min(claim) FROM match_terms)"
expect_ok ct match --all --stats --json
json_assert "$OUT" "d['claims_analysed'] == 1" "a row of the wrong size analysed again"
expect_ok ct match --json
test_cmp "$CAP/first.json" "$OUT"

# The translated copy re-added with another publication date: the same claims (ids), other
# weekdays; its terms are analysed again, and the result from kept terms equals that of a desk
# that never saw the first date.
expect_ok ct add --id translated-copy --outlet "Kystnytt" --published 2025-10-21 "$story/translated-copy.txt"
copy_claims=$(ct claims --source translated-copy | wc -l)
expect_ok ct match --stats --json
json_assert "$OUT" "d['claims_analysed'] == $copy_claims" "only the changed source's claims analysed"
expect_ok ct match --all --stats --json
json_assert "$OUT" "d['claims_analysed'] == 0" "then kept"
expect_ok ct match --json
cp "$OUT" "$CAP/kept.json"
cd ..
new_desk fresh
cd fresh
add_all 2025-10-21
expect_ok ct match --json
test_cmp "$OUT" "$CAP/kept.json"
cmp -s "$CAP/first.json" "$CAP/kept.json" && fail "the publication date changed nothing: this step tests nothing"
true
