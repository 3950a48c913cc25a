#!/bin/bash
# add refuses bad input with a clear message and the documented exit code, and leaves the desk
# exactly as it was: same HEAD, clean working tree, same listings.
. "$(dirname "$0")/lib.sh"

new_desk desk
cd desk
expect_ok ct add --outlet "Ostvale Post" "$FIXTURES/bridge.txt"
expect_ok ct sources
cp "$OUT" ../sources.before
expect_ok ct claims --all
cp "$OUT" ../claims.before
h=$(head_of)
good=$FIXTURES/market.txt

# refused CODE TEXT ARGS...: `claimtrack add ARGS` exits CODE, says TEXT, changes nothing.
refused() {
	local code=$1 text=$2
	shift 2
	expect_fail "$code" ct add "$@"
	expect_stderr_contains "$text"
	assert_untouched "$h"
}

# Files that cannot be read.
refused 3 "no-such-file.txt" --outlet X ../no-such-file.txt
mkdir ../adir
refused 3 "adir" --outlet X ../adir
cp "$good" ../locked.txt
chmod 000 ../locked.txt
if [ "$IS_ROOT" = 1 ] || cat ../locked.txt >/dev/null 2>&1; then
	skip_step "running as root: chmod 000 does not stop reading, unreadable-file step skipped"
else
	refused 3 "locked.txt" --outlet X ../locked.txt
fi
chmod 644 ../locked.txt

# Files that are not articles.
: >../empty.txt
refused 3 "empty.txt" --outlet X ../empty.txt
printf ' \n\t\n\n' >../blank.txt
refused 3 "blank.txt" --outlet X ../blank.txt
head -c 4096 "$CLAIMTRACK" >../binary.txt
refused 3 "binary.txt" --outlet X ../binary.txt

# Bad ids.
refused 3 "a/b" --id a/b --outlet X "$good"
refused 3 "'..'" --id .. --outlet X "$good"
refused 3 "../up" --id ../up --outlet X "$good"
refused 3 "two words" --id "two words" --outlet X "$good"
refused 3 "empty" --id "" --outlet X "$good"
refused 3 "_under" --id _under --outlet X "$good"
cp "$good" ../.hidden.txt
refused 3 ".hidden" --outlet X ../.hidden.txt
refused 3 "longer than" --id "$(printf 'x%.0s' $(seq 1 65))" --outlet X "$good"

# Bad values.
for d in 2025-13-01 2025-02-30 2025-00-10 2025-1-01 yesterday 15.10.2025 2025-10-15T00:00 ""; do
	refused 3 "--published" --published "$d" --outlet X "$good"
done
for u in notaurl "http://exa mple.org/a" "/just/a/path" "" 'https://a.example/"x"' "https://a.example/<b>"; do
	refused 3 "--url" --url "$u" --outlet X "$good"
done
refused 3 "--outlet" --outlet "" "$good"
refused 3 "--outlet" "$good"
refused 3 "--outlet" --outlet "$(printf 'two\nlines')" "$good"

# Usage errors.
refused 2 "--id" --id one --outlet X "$good" "$FIXTURES/ferry.txt"
refused 2 "missing" --outlet X
refused 2 "--frobnicate" --frobnicate --outlet X "$good"
refused 2 "--published" --outlet X "$good" --published

# Two files that would be the same source.
mkdir ../other
cp "$FIXTURES/ferry.txt" ../other/market.txt
refused 3 "market" --outlet X "$good" ../other/market.txt
refused 3 "market" --outlet X "$good" "$good"

# Nothing of the above reached the index either.
expect_ok ct sources
test_cmp ../sources.before "$OUT"
expect_ok ct claims --all
test_cmp ../claims.before "$OUT"
expect_ok ct validate
fsck_ok
# Refused adds leave no stray objects behind.
fsck_pristine

# One bad file among good ones: nothing is committed, and nothing claims it was.
for order in good-first bad-first; do
	if [ $order = good-first ]; then
		run_capture ct add --outlet X "$good" "$FIXTURES/ferry.txt" ../no-such-file.txt
	else
		run_capture ct add --outlet X ../no-such-file.txt "$good" "$FIXTURES/ferry.txt"
	fi
	assert_eq 3 "$LAST_RC" "exit code of add with one missing file ($order)"
	expect_stderr_contains "no-such-file.txt"
	assert_untouched "$h"
	expect_ok ct sources
	test_cmp ../sources.before "$OUT"
	fsck_pristine
	run_capture ct add --outlet X "$good" "$FIXTURES/ferry.txt" ../no-such-file.txt
	# Nothing was committed, so stdout must not report any source as added.
	! grep -q '^added ' "$OUT" || fail "add printed 'added' for a source it did not commit ($order)"
done
