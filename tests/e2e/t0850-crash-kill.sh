#!/bin/bash
# Crash consistency: a bulk `add` of 200 files is killed (SIGKILL) at random moments, each time on
# a fresh copy of the same desk. After each kill: git fsck --strict is clean, HEAD is either the
# old commit or the one the uninterrupted add makes, validate passes (and, when HEAD moved, the
# next command finished the killed writer's checkout: the working tree is clean), and running
# the same add again ends with exactly the tree of the uninterrupted run. The delays are
# printed; CT_CRASH_SEED repeats a run.
. "$(dirname "$0")/lib.sh"

mkdir arts
for i in $(seq 1 200); do
	printf 'Council Votes on Route %d\n\nThe Ostvale council voted %d-%d on Tuesday to repave Route %d at a cost of $%d.%d million.\nMayor Lena Brandt said the work on Route %d would take %d weeks.\n"We promised this road in %d," Brandt said.\n' \
		"$i" $((i % 9 + 1)) $((i % 4)) "$i" $((i % 7 + 1)) $((i % 10)) "$i" $((i % 20 + 2)) $((2000 + i % 25)) >arts/art-$i.txt
done

new_desk base
old=$(head_of base)

# The reference: the same add, not interrupted (commit ids are fixed by the pinned dates).
cp -a base ref
(cd ref && expect_ok ct add --outlet Wire ../arts/*.txt)
new=$(head_of ref)
new_tree=$(git -C ref rev-parse 'HEAD^{tree}')
(cd ref && expect_ok ct claims --all --json)
cp "$OUT" claims.ref

RANDOM=${CT_CRASH_SEED:-$$}
start=$(date +%s%N)
(cd ref && ct add --outlet Wire ../arts/*.txt >/dev/null 2>&1) # a no-op run: how long reading all takes
full_ms=$(( ($(date +%s%N) - start) / 1000000 ))
# A full add takes about as long as writing the reference; kill within 0..1.5x a no-op run + 1.5 s.
span_ms=$((full_ms * 3 / 2 + 1500))

moved=0 stayed=0 pending=0
for round in $(seq 1 10); do
	rm -rf work
	cp -a base work
	# The branch moves early (after the objects are written); the checkout takes the rest.
	if [ $((round % 2)) = 1 ]; then delay_ms=$((RANDOM % 400)); else delay_ms=$((RANDOM % span_ms)); fi
	(cd work && exec "$CLAIMTRACK" add --outlet Wire ../arts/*.txt >/dev/null 2>&1) &
	pid=$!
	sleep "$(printf '%d.%03d' $((delay_ms / 1000)) $((delay_ms % 1000)))"
	kill -9 "$pid" 2>/dev/null || true
	wait "$pid" 2>/dev/null || true
	h=$(head_of work)
	echo "# round $round: killed after ${delay_ms} ms, HEAD $( [ "$h" = "$new" ] && echo new || echo old)"
	case $h in
	"$old") stayed=$((stayed + 1)) ;;
	"$new") moved=$((moved + 1)) ;;
	*) fail "round $round: HEAD is $h, neither the old commit $old nor the new one $new" ;;
	esac
	[ ! -e work/.git/claimtrack/checkout.pending ] || pending=$((pending + 1))
	fsck_ok work
	(cd work && expect_ok ct validate)
	# Any command finishes a killed writer's checkout: nothing is left behind HEAD.
	assert_clean work
	[ ! -e work/.git/claimtrack/checkout.pending ] || fail "round $round: checkout.pending left after validate"
	(cd work && expect_ok ct add --outlet Wire ../arts/*.txt)
	assert_eq "$new_tree" "$(git -C work rev-parse 'HEAD^{tree}')" "round $round: tree after the add is run again"
	fsck_ok work
	assert_clean work
done
echo "# $stayed kills left HEAD at the old commit, $moved at the new one; $pending left a checkout to finish"
# The last round's desk lists exactly what the uninterrupted run lists.
(cd work && expect_ok ct claims --all --json)
test_cmp claims.ref "$OUT"

# A git lock file nobody removes is named, and nothing is committed.
cp -a base locked
: >locked/.git/refs/heads/main.lock
rc=0
(cd locked && ct add --outlet Wire ../arts/art-1.txt) >lock.out 2>lock.err || rc=$?
assert_eq 4 "$rc" "exit code of add with a stale refs/heads/main.lock"
grep -q "refs/heads/main.lock' exists" lock.err || fail "the stale lock is not named: $(cat lock.err)"
assert_untouched "$old" locked
rm locked/.git/refs/heads/main.lock
(cd locked && expect_ok ct add --outlet Wire ../arts/art-1.txt)
fsck_ok locked
