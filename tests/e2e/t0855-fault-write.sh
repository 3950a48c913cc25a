#!/bin/bash
# Failure injection: `add` and `review` run with tests/fault/faultshim.so preloaded, which makes
# every write, pwrite, fsync and rename fail (ENOSPC or EIO) after the first N of them, for N
# across the whole range the command uses. Each run either fails with a message and leaves the
# desk untouched (HEAD, clean working tree), or made its commit (a failure after the branch
# moved: the command says "committed" and the next command finishes the working tree); either
# way git fsck --strict and validate pass, and running the command again gives exactly the tree
# of an undisturbed run.
. "$(dirname "$0")/lib.sh"

shim=$(dirname "$CLAIMTRACK")/tests/faultshim.so
[ -f "$shim" ] || fail "no fault shim at $shim (make builds it with the tests)"
# Under AddressSanitizer the shim comes first in the library list, which ASan tolerates if told.
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0"

mkdir arts
for i in 1 2 3; do
	printf 'Ferry Fares Rise %d\n\nThe ferry operator raised fares by %d percent on Monday, the council said.\nMayor Lena Brandt said the rise would cost commuters $%d a year.\n' \
		"$i" $((i * 4)) $((i * 110)) >arts/art-$i.txt
done
arts="$TEST_ROOT/arts/art-1.txt $TEST_ROOT/arts/art-2.txt $TEST_ROOT/arts/art-3.txt"

new_desk base
(cd base && expect_ok ct claims)   # the index exists before the runs

# walk NAME SETUP_DIR CMD...: runs CMD in copies of SETUP_DIR with the shim failing after N calls.
walk() {
	local name=$1 from=$2 total step n rc h errno committed=0 untouched=0
	shift 2
	rm -rf ref && cp -a "$from" ref
	(cd ref && expect_ok ct "$@")
	local old new new_tree
	old=$(head_of "$from")
	new=$(head_of ref)
	new_tree=$(git -C ref rev-parse 'HEAD^{tree}')
	[ "$old" != "$new" ] || fail "$name: the undisturbed run made no commit"
	rm -rf count && cp -a "$from" count
	(cd count && CT_FAULT_COUNT=$TEST_ROOT/count.txt LD_PRELOAD=$shim "$CLAIMTRACK" "$@" >/dev/null 2>&1) ||
		fail "$name: the counting run failed"
	total=$(tail -n 1 "$TEST_ROOT/count.txt")
	step=$((total / 30 + 1))
	echo "# $name: $total write/fsync/rename calls, failing from every ${step}th"
	for ((n = 0; n < total; n += step)); do
		errno=ENOSPC
		[ $((n / step % 2)) = 1 ] && errno=EIO
		rm -rf work && cp -a "$from" work
		rc=0
		(cd work && CT_FAULT_AFTER=$n CT_FAULT_ERRNO=$errno LD_PRELOAD=$shim "$CLAIMTRACK" "$@") \
			>"$CAP/fault.out" 2>"$CAP/fault.err" || rc=$?
		h=$(head_of work)
		fsck_ok work
		if [ "$h" = "$old" ]; then
			[ "$rc" != 0 ] || fail "$name: N=$n: exit 0 without a commit"
			grep -q '^claimtrack: ' "$CAP/fault.err" || fail "$name: N=$n: no message: $(cat "$CAP/fault.err")"
			assert_clean work
			untouched=$((untouched + 1))
		elif [ "$h" = "$new" ]; then
			[ "$rc" = 0 ] || grep -q 'committed, but' "$CAP/fault.err" ||
				fail "$name: N=$n: HEAD moved, exit $rc, but the message does not say so: $(cat "$CAP/fault.err")"
			committed=$((committed + 1))
		else
			fail "$name: N=$n: HEAD is $h, neither $old nor $new"
		fi
		(cd work && expect_ok ct validate)
		assert_clean work
		if [ "$h" = "$old" ]; then
			(cd work && expect_ok ct "$@")
		fi
		assert_eq "$new_tree" "$(git -C work rev-parse 'HEAD^{tree}')" "$name: N=$n: the tree once the command ran"
	done
	echo "# $name: $untouched runs failed and left the desk untouched, $committed made their commit"
	[ "$untouched" -gt 0 ] || fail "$name: no injected failure stopped the command"
}

walk add base add --outlet "Ostvale Post" $arts

rm -rf reviewed && cp -a ref reviewed
(cd reviewed && expect_ok ct claims --json)
claim=$(python3 -c "import json,sys; print(json.load(open(sys.argv[1]))[0]['id'])" "$OUT")
walk review reviewed review "$claim" --verdict contradicted --no-evidence --note "The minutes say 6 percent."
