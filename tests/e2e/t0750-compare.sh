#!/bin/bash
# compare: two statements or two files, as text or JSON; the planted number error is flagged.
. "$(dirname "$0")/lib.sh"

expect_ok ct compare --json "Mr. Brandt said 41 homes in Lowharbour had been declared uninhabitable." \
	"Brandt said 14 homes in Lowharbour had been declared uninhabitable."
json_assert "$OUT" "d['relation'] == 'contradicts'"
json_assert "$OUT" "0 <= d['score'] <= 1"
json_assert "$OUT" "[s['kind'] for s in d['signals']] == ['number']"
json_assert "$OUT" "d['signals'][0]['a'] == '41 homes' and d['signals'][0]['b'] == '14 homes'"

# Files work too, and the text output names the relation and the signals.
printf 'Nearly 40 people were\ntreated for injuries.\n' > a.txt
printf 'About 40 people were treated for injuries.\n' > b.txt
expect_ok ct compare a.txt b.txt
expect_stdout_contains "corroborates"
expect_stdout_contains "approximation"

expect_ok ct compare --json "The cabinet approved a fund." "Schools will stay closed until Monday."
json_assert "$OUT" "d['relation'] == 'unrelated' and d['signals'] == []"

# Usage and input errors.
expect_fail 2 ct compare "only one"
expect_fail 2 ct compare a b c
expect_fail 3 ct compare --published 2025-02-30 a.txt b.txt
expect_fail 3 ct compare "" "something"

# --pairs: one pair per line (A TAB B), one result per line, blank lines skipped but counted.
printf 'Mr. Brandt said 41 homes were lost.\tBrandt said 14 homes were lost.\n\nThe cabinet approved a fund.\tSchools will stay closed until Monday.\n' >pairs.tsv
expect_ok ct compare --json --pairs pairs.tsv
assert_eq 2 "$(wc -l <"$OUT")" "result lines"
sed -n 1p "$OUT" >r1.json
sed -n 2p "$OUT" >r2.json
json_assert r1.json "d['line'] == 1 and d['relation'] == 'contradicts' and d['signals'][0]['kind'] == 'number'"
json_assert r2.json "d['line'] == 3 and d['relation'] == 'unrelated'"
expect_ok ct compare --pairs - <pairs.tsv
assert_eq "$(printf '1\tcontradicts\t')" "$(sed -n 1p "$OUT" | cut -f1,2 | tr '\n' '\t')" "first text result"
# A line without exactly one tab is refused before anything is printed.
printf 'fine\tline\nno tab here\n' >bad.tsv
expect_fail 3 ct compare --pairs bad.tsv
expect_stderr_contains "line 2"
expect_fail 2 ct compare --pairs pairs.tsv "a" "b"
expect_fail 3 ct compare --pairs missing.tsv
