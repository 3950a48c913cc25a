#!/bin/bash
# Hostile source files: empty, invalid UTF-8, NUL bytes, a line over the size limit, a long line
# without punctuation, CRLF, binary data, directories. Each is refused with a clear message and
# exit 3 (nothing committed), or accepted with its bytes cleaned and a warning; nothing crashes,
# and the desk stays valid for git fsck --strict and validate.
. "$(dirname "$0")/lib.sh"

new_desk desk
cd desk
h=$(head_of)

# refused TEXT FILE: `add` exits 3 naming the problem, prints nothing on stdout, changes nothing.
refused() {
	expect_fail 3 ct add --outlet "Hostile Wire" "$2"
	expect_stderr_contains "$1"
	expect_stderr_contains "nothing was committed"
	assert_untouched "$h"
}

: >../empty.txt
refused "source is empty" ../empty.txt
printf '\n\r\n \t \r\n\n' >../blank.txt
refused "source is empty" ../blank.txt
mkdir ../adir.txt
refused "it is a directory" ../adir.txt
head -c 20000 "$CLAIMTRACK" >../binary.txt
refused "binary.txt" ../binary.txt
head -c 4000 /dev/zero >../zeros.txt
refused "zeros.txt" ../zeros.txt
expect_fail 3 ct add --outlet "Hostile Wire" ../no-such.txt
expect_stderr_contains "no-such.txt"
assert_untouched "$h"

# Larger than the 16 MiB limit: a 20 MB line with no punctuation.
python3 -c "
import sys
w = ['harbour', 'Ferry', 'council', 'tariff', 'Ostvale', 'bridge']
s = ' '.join(w[i % 6] for i in range(3500000))
open('../huge.txt', 'w').write(s[:20 * 1000 * 1000] + '\n')"
refused "source is larger than 16 MiB" ../huge.txt

# Under the limit, 2 MB without a sentence end: stored, never a claim (the longest sentence a
# claim may be is 20000 characters), with a warning saying so.
head -c 2000000 ../huge.txt >../long-line.txt
expect_ok ct add --outlet "Hostile Wire" ../long-line.txt
expect_stderr_contains "1 sentence longer than 20000 characters (the first at byte 0) was not taken as claims"
expect_stdout_contains "added long-line (Hostile Wire): 0 claims"
# A real sentence after the long run is still a claim.
{ head -c 30000 ../huge.txt; printf '.\n\nThe council voted 7-2 on Tuesday to close the ferry for 14 weeks.\n'; } >../long-then-claim.txt
expect_ok ct add --outlet "Hostile Wire" ../long-then-claim.txt
expect_stdout_contains "added long-then-claim (Hostile Wire): 1 claim"
expect_stderr_contains "not taken as claims"

h=$(head_of)
# More claims than one source may hold (10000): refused before anything is written.
python3 -c "
print('Route Votes\n')
for i in range(10001):
    print('The council voted 7-2 on Tuesday to repave Route %d at a cost of \$%d million.' % (i, i % 50 + 1))" >../many.txt
refused "holds more than 10000 claims" ../many.txt

# Invalid UTF-8 and NUL bytes inside text: replaced by U+FFFD, counted, reported.
printf 'Ferry Fares Rise\n\nThe ferry operator raised fares by 12\377\376 percent on Monday, the council said.\nThe mayor said\000 the rise would cost commuters $300 a year.\n' >../badbytes.txt
expect_ok ct add --outlet "Hostile Wire" ../badbytes.txt
expect_stderr_contains "replaced 3 invalid UTF-8 sequences"
expect_ok ct show badbytes --json
json_assert "$OUT" "d['invalid_utf8'] == 3" "the source counts the replaced sequences"
expect_ok ct claims --source badbytes --json
json_assert "$OUT" "len(d) == 2 and all('\ufffd' in c['text'] for c in d)" "claims keep U+FFFD where the bad bytes were"
json_assert "$OUT" "all('\x00' not in c['text'] for c in d)" "no NUL reaches a record"

# CRLF: the same claims as the LF text, the stored text has no CR.
printf 'Bridge Repairs Approved\n\nThe council voted 7-2 on Tuesday to repair the Harbour Bridge.\nRepairs will cost $4.2 million, the mayor said.\n' >../lf.txt
sed 's/$/\r/' ../lf.txt >../crlf.txt
expect_ok ct add --outlet "Hostile Wire" ../lf.txt ../crlf.txt
expect_ok ct claims --source lf --json
python3 -c "import json,sys; print('\n'.join(c['text'] for c in json.load(open(sys.argv[1]))))" "$OUT" >../lf.claims
expect_ok ct claims --source crlf --json
python3 -c "import json,sys; print('\n'.join(c['text'] for c in json.load(open(sys.argv[1]))))" "$OUT" >../crlf.claims
test_cmp ../lf.claims ../crlf.claims
if git grep -q $'\r' HEAD -- sources; then fail "a stored source text holds a CR"; fi

# The extractor alone takes the same files without crashing.
for f in ../badbytes.txt ../crlf.txt ../long-line.txt; do
	expect_ok ct extract "$f"
done
expect_fail 3 ct extract ../huge.txt
expect_fail 3 ct extract ../binary.txt

fsck_ok
expect_ok ct validate
assert_clean

# Messages that quote the user's own arguments never pass control characters to the terminal.
for args in "$(printf 'sh\033]0;owned\007ow')" "$(printf -- '--co\033[2Jlor')"; do
	run_capture ct $args
	[ "$LAST_RC" -eq 2 ] || fail "expected exit 2 for '$args', got $LAST_RC"
	if LC_ALL=C grep -q "$(printf '[\033\007]')" "$ERR"; then
		fail "a control character reached stderr: $(od -c "$ERR" | head -3)"
	fi
done
new_desk esc
run_capture ct -C esc show "$(printf 'ab\033[31mcd')"
[ "$LAST_RC" -eq 3 ] || fail "expected exit 3 for an unknown id, got $LAST_RC"
if LC_ALL=C grep -q "$(printf '\033')" "$ERR"; then
	fail "a control character reached stderr: $(od -c "$ERR" | head -3)"
fi
