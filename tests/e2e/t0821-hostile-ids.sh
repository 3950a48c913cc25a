#!/bin/bash
# Hostile ids, dates and notes: ids with '/', '..', spaces or nothing, ids that look like paths
# given to show, log and review, impossible dates, huge and malformed notes. Each gets exit 3 (or
# 2 for a usage error) with a message naming it, nothing on stdout, and nothing written.
. "$(dirname "$0")/lib.sh"

new_desk desk
cd desk
expect_ok ct add --outlet "Ostvale Post" "$FIXTURES/bridge.txt"
h=$(head_of)
expect_ok ct claims --json
claim=$(python3 -c "import json,sys; print(json.load(open(sys.argv[1]))[0]['id'])" "$OUT")
printf 'The council voted 7-2 on Tuesday to close the ferry for 14 weeks, the mayor said.\n' >../one.txt

for id in "a/b" ".." "../up" "two words" "" "-" "/etc/passwd" "a..b" "x$(printf 'y%.0s' $(seq 1 64))" \
	$'new\nline' $'tab\tid' "ünïcode"; do
	expect_fail 3 ct add --id "$id" --outlet X ../one.txt
	expect_stderr_contains "invalid source id"
	assert_untouched "$h"
done

# Ids that look like paths, or nothing.
for id in ../../etc/passwd /etc/passwd .git/config "sources/$(git ls-files 'sources/*' | head -1 | cut -d/ -f2)/bridge.json" \
	"" " " "a b" "%s%n" "bridge/../bridge" "$claim/../.." "${claim:0:3}"; do
	expect_fail 3 ct show "$id"
	expect_fail 3 ct review "$id" --verdict corroborated --no-evidence --note "hostile id"
	assert_untouched "$h"
done
for id in ../../etc/passwd .git/config "a b"; do
	expect_fail 3 ct log "$id"
done

# Impossible or malformed dates.
for d in 2025-02-29 2024-02-30 2025-13-01 0000-00-00 99999-01-01 2025-1-1 "2025-10-16 " $'2025-10-16\n' ""; do
	expect_fail 3 ct add --published "$d" --outlet X ../one.txt
	expect_stderr_contains "--published"
	assert_untouched "$h"
done

# Notes: over the limit, not UTF-8; one at the limit is kept whole and printed safely.
big=$(head -c 100001 /dev/zero | tr '\0' 'n')
expect_fail 3 ct review "$claim" --verdict unverifiable --note "$big"
expect_stderr_contains "at most 100000"
assert_untouched "$h"
expect_fail 3 ct review "$claim" --verdict unverifiable --note $'bad \xff byte'
expect_stderr_contains "not valid UTF-8"
assert_untouched "$h"
limit=$(head -c 99990 /dev/zero | tr '\0' 'n')
expect_ok ct review "$claim" --verdict unverifiable --note "$limit"$'\e[31m<b>'
expect_ok ct show "$claim"
if grep -q $'\e' "$OUT"; then fail "show printed an escape sequence from a note"; fi
expect_ok ct validate
h=$(head_of)

# Outlets and titles with line breaks or beyond their limits.
expect_fail 3 ct add --outlet $'two\nlines' ../one.txt
expect_fail 3 ct add --outlet "$(head -c 201 /dev/zero | tr '\0' o)" ../one.txt
expect_fail 3 ct add --outlet X --title "$(head -c 1001 /dev/zero | tr '\0' t)" ../one.txt
expect_fail 3 ct add --outlet X --url "not a url" ../one.txt
# Control characters would reach the terminal (add's report, git log): refused.
expect_fail 3 ct add --outlet $'Evil\e[5mPost' ../one.txt
expect_stderr_contains "without control characters"
expect_fail 3 ct add --outlet X --title $'Title\e]0;pwned\a' ../one.txt
expect_fail 3 ct add --outlet $'bad \xff outlet' ../one.txt
expect_stderr_contains "valid UTF-8"
assert_untouched "$h"

fsck_ok
expect_ok ct validate
assert_clean
