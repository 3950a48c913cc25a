#!/bin/bash
# Incremental matching: after a few sources change, only the pairs of sources with a changed one
# have their dependence tested again, and only the alignments of sources whose dependence moved
# are marked (in)dependent again. The oracle is the same desk matched step by step with
# CLAIMTRACK_MATCH_ALL_PAIRS=1, which tests every pair of sources and marks every alignment
# after each step: the stored alignments, their independence and every source's dependent_on
# must be the same after each step. The steps (story6): new sources, a second copy of one original
# (the siblings' alignments are not independent), the original corrected into another text (its
# copies stop depending on it, their siblings' alignments become independent) and back, two
# sources changed at once.
. "$(dirname "$0")/lib.sh"

story=$SRC_ROOT/tests/fixtures/story6

# The alignments (claims, sources, relation, score, independent) and the dependences, sorted.
state() {
	ct sources --json >"$CAP/s.json" || fail "sources --json failed"
	ct match --json >"$CAP/m.json" || fail "match --json failed"
	"$PYTHON" - "$CAP/s.json" "$CAP/m.json" <<'PY'
import json, sys
s = json.load(open(sys.argv[1]))
m = json.load(open(sys.argv[2]))
for x in sorted(s, key=lambda x: x['id']):
    print('dep', x['id'], ','.join(sorted(x['dependent_on'])))
for a in sorted(m, key=lambda a: a['claims']):
    print('al', *a['claims'], *a['sources'], a['relation'], a['score'], a['independent'])
PY
}

# Both desks take the same step; then the same state.
step() {
	(cd "$TEST_ROOT/desk" && ct "$@" >/dev/null) || fail "step: $*"
	(cd "$TEST_ROOT/oracle" && CLAIMTRACK_MATCH_ALL_PAIRS=1 ct "$@" >/dev/null) || fail "oracle step: $*"
}
same_as_oracle() {
	step match
	(cd "$TEST_ROOT/desk" && state) >"$CAP/incremental" || fail "state"
	(cd "$TEST_ROOT/oracle" && CLAIMTRACK_MATCH_ALL_PAIRS=1 state) >"$CAP/full" || fail "state"
	test_cmp "$CAP/full" "$CAP/incremental"
	grep -q '^al ' "$CAP/full" || fail "no alignment at all: $1"
}

new_desk desk
new_desk oracle
# story6: dailyglance and hotscoop both copy wirepoint and not each other (siblings: their
# alignments are not independent only because of the source they share); posten-english
# translates varrow-courier.
step add --id wirepoint --outlet "Wirepoint" --published 2027-03-04 "$story/wirepoint.txt"
step add --id varrow-courier --outlet "The Varrow Courier" --published 2027-03-05 "$story/varrow-courier.txt"
step match
step add --id dailyglance --outlet "Daily Glance" --published 2027-03-05 "$story/dailyglance.txt"
same_as_oracle "a rewrite added"
grep -qx "dep dailyglance wirepoint" "$CAP/full" || fail "the rewrite is not a copy: $(grep '^dep' "$CAP/full")"
step add --id hotscoop --outlet "HotScoop" --published 2027-03-05 "$story/hotscoop.txt"
same_as_oracle "a second copy of the wire"
grep -qx "dep hotscoop wirepoint" "$CAP/full" || fail "the sloppy copy is not a copy: $(grep '^dep' "$CAP/full")"
grep -q "^al .* \(dailyglance hotscoop\|hotscoop dailyglance\) .* False$" "$CAP/full" ||
	fail "no alignment of the two siblings is marked dependent"
step add --id posten-english --outlet "Varrow Posten" --published 2027-03-06 "$story/posten-english.txt"
same_as_oracle "a translation added"

# The alignments of the source matched last are those a desk matching everything at once finds:
# a pair is also found from the other claim's side (an older claim whose best candidates now
# include a new one).
new_desk "$TEST_ROOT/whole"
for o in wirepoint=2027-03-04 varrow-courier=2027-03-05 dailyglance=2027-03-05 hotscoop=2027-03-05 \
	posten-english=2027-03-06; do
	(cd "$TEST_ROOT/whole" && ct add --id "${o%=*}" --outlet "${o%=*}" --published "${o#*=}" \
		"$story/${o%=*}.txt" >/dev/null) || fail "whole: add $o"
done
(cd "$TEST_ROOT/whole" && ct match --json) >"$CAP/whole.json" || fail "whole: match"
(cd "$TEST_ROOT/desk" && ct match --json) >"$CAP/step.json" || fail "desk: match --json"
"$PYTHON" - "$CAP/whole.json" "$CAP/step.json" <<'PY' || fail "the last source's alignments differ from a whole match"
import json, sys
def last(f):
    return sorted((a['claims'], a['sources'], a['relation'], a['score'], a['signals'])
                  for a in json.load(open(f)) if 'posten-english' in a['sources'])
w, s = last(sys.argv[1]), last(sys.argv[2])
assert w, 'no alignment of posten-english at all'
assert w == s, (len(w), len(s), [x for x in w if x not in s][:3], [x for x in s if x not in w][:3])
PY

# The wire corrected into another text: its copies no longer depend on it, and the siblings'
# alignments, which touch no changed source, are independent again.
step add --id wirepoint --outlet "Wirepoint" --published 2027-03-04 "$story/posten-english.txt"
same_as_oracle "the original replaced"
grep -q "^dep hotscoop wirepoint" "$CAP/full" && fail "the copy still depends on a text it does not copy"
grep -q "^al .* \(dailyglance hotscoop\|hotscoop dailyglance\) .* False$" "$CAP/full" &&
	fail "the siblings' alignments are still marked dependent"

# And back: the dependences return.
step add --id wirepoint --outlet "Wirepoint" --published 2027-03-04 "$story/wirepoint.txt"
same_as_oracle "the original restored"
grep -qx "dep hotscoop wirepoint" "$CAP/full" || fail "the copy's dependence did not come back"

# Two sources changed in one step, one of them the original of the other.
step add --id varrow-courier --outlet "The Varrow Courier" --published 2027-03-05 "$story/dailyglance.txt"
step add --id dailyglance --outlet "Daily Glance" --published 2027-03-05 "$story/varrow-courier.txt"
same_as_oracle "two sources changed"
