#!/bin/bash
# show: one claim by id or unique id prefix, or one source by id; --json prints the record.
. "$(dirname "$0")/lib.sh"

new_desk desk
cd desk
# ferry.txt holds two sentences whose claim ids (under source id 'ferry') share the prefix 0ed46.
expect_ok ct add --outlet "Ostvale Post" --published 2025-03-03 "$FIXTURES/bridge.txt" "$FIXTURES/ferry.txt"
expect_ok ct add --id fade --outlet "Ostvale Post" "$FIXTURES/market.txt"
expect_ok ct claims --json
cp "$OUT" ../all.json
id=$(json_eval ../all.json "[c['id'] for c in d if 'voted 7 to 2' in c['text']][0]")
[ ${#id} -eq 16 ] || fail "no claim id for the vote sentence"

# --json: the record, exactly as committed.
for p in "$id" "${id:0:4}" "${id:0:10}" "$(echo "${id:0:8}" | tr a-f A-F)"; do
	expect_ok ct show --json "$p"
	json_assert "$OUT" "isinstance(d, dict) and d['id'] == '$id'" "show --json $p"
done
json_assert "$OUT" "set(d) >= {'id', 'source', 'text', 'type', 'span', 'version', 'status'}" "claim fields"
json_assert "$OUT" "d['source'] == 'bridge' and d['version'] == 1 and d['status'] == 'unreviewed' and d['record_status'] == 'active' and d['reviews'] == [] and
	isinstance(d['span'], list) and len(d['span']) == 2 and d['span'][0] < d['span'][1] and
	d['text'] == 'The city council of Ostvale voted 7 to 2 on Monday to build a new bridge over the Wend river.'" \
	"claim record"
cp "$OUT" ../claim.json
git show "HEAD:$(git ls-files "claims/*/bridge/$id.json")" >../committed.json
# show --json is the committed record, with the review status in "status" and the record's own
# lifecycle in "record_status", plus the reviews and the alignments (claimtrack match).
python3 -c '
import json, sys
shown, rec = json.load(open(sys.argv[1])), json.load(open(sys.argv[2]))
assert shown.pop("record_status") == rec["status"]
shown["status"] = rec["status"]
for k in ("reviews", "earlier_reviews", "quorum", "alignments", "corroborating_sources",
          "independent_sources", "contradicting_sources"):
    shown.pop(k)
assert shown == rec, (shown, rec)' ../claim.json ../committed.json || fail "show --json differs from the committed record"
# The span points at the text in the stored source.
python3 - ../claim.json "$(git ls-files 'sources/*/bridge.txt')" <<'PY' || fail "span does not point at the text"
import json, subprocess, sys
c = json.load(open(sys.argv[1]))
text = subprocess.check_output(["git", "show", "HEAD:" + sys.argv[2]])
a, b = c["span"]
assert text[a:b].decode() == c["text"]
PY

# The plain form, whole.
expect_ok ct show "${id:0:6}"
python3 - ../claim.json >../expect <<'PY'
import json, sys
c = json.load(open(sys.argv[1]))
print("claim %s  (%s, version %d)" % (c["id"], c["record_status"], c["version"]))
print("source:      bridge \u2014 Ostvale Post, 2025-03-03")
print("type:        %s" % c["type"])
print("checkworthy: %.2f" % c["checkworthy"])
print("span:        bytes %d-%d, sentence %d" % (c["span"][0], c["span"][1], c["sentence"]))
print()
print("    " + c["text"])
print()
print("status:      unreviewed  (no reviews)")
print()
# the other outlet of this desk tells another story: a related claim at most, never a witness
print("aligned:     no other source states this fact (single-source)")
related = sum(a["relation"] == "related" for a in c["alignments"])
assert related == len(c["alignments"]) and c["corroborating_sources"] == 0, c["alignments"]
if related:
    print("  %d related claim%s of other sources: claimtrack match --claim %s" % (related, "" if related == 1 else "s", c["id"][:10]))
PY
test_cmp ../expect "$OUT"

# A source, by id.
expect_ok ct show --json bridge
json_assert "$OUT" "d['id'] == 'bridge' and d['outlet'] == 'Ostvale Post' and d['claims'] == 6 and
	d['published'] == '2025-03-03'" "source record"
expect_ok ct show bridge
head -1 "$OUT" >../first
echo "source bridge" >../expect
test_cmp ../expect ../first
expect_stdout_contains "Council Approves New Bridge Over the Wend"
# A source whose id looks like a claim prefix is still found when no claim starts with it.
if ! json_eval ../all.json "[c['id'] for c in d]" | grep -q '^fade'; then
	expect_ok ct show --json fade
	json_assert "$OUT" "d['id'] == 'fade'" "source with a hex-looking id"
fi

# An ambiguous prefix: exit 3, the message names the candidates.
ferry=$(json_eval ../all.json "sorted(c['id'] for c in d if c['source'] == 'ferry')")
assert_eq 2 "$(echo "$ferry" | wc -l)" "ferry claims"
[ "$(echo "$ferry" | cut -c1-5 | sort -u | wc -l)" -eq 1 ] ||
	fail "the ferry fixture no longer gives two ids with a common prefix: $ferry"
expect_fail 3 ct show 0ed4
expect_stderr_contains "ambiguous"
for f in $ferry; do expect_stderr_contains "$f"; done
expect_fail 3 ct show --json 0ed46
expect_stderr_contains "ambiguous"
# ... one more digit makes it unique.
for f in $ferry; do
	p=${f:0:6}
	[ "$(echo "$ferry" | grep -c "^$p")" -eq 1 ] || p=${f:0:8}
	expect_ok ct show --json "$p"
	json_assert "$OUT" "d['id'] == '$f' and d['source'] == 'ferry'" "show $p"
done

# Unknown, malformed, too short, too long ids: exit 3, id named.
for bad in ffffffff 0000 zzzz "${id:0:3}" "${id}0" no-such-source "a/b" "../x" "x y" "g123"; do
	expect_fail 3 ct show "$bad"
	expect_stderr_contains "'$bad'"
	expect_fail 3 ct show --json "$bad"
done
expect_fail 2 ct show
expect_fail 2 ct show "$id" bridge
expect_fail 2 ct show --bogus "$id"
assert_clean
