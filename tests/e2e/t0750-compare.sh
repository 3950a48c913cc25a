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
