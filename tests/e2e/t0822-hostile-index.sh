#!/bin/bash
# The index (.git/claimtrack/index.db) is a cache: corrupt, truncated, emptied, replaced by a
# directory's worth of garbage or by another file type, it is rebuilt automatically with a
# warning, and every listing is the same as before.
. "$(dirname "$0")/lib.sh"

new_desk desk
cd desk
expect_ok ct add --outlet "Ostvale Post" "$FIXTURES/bridge.txt" "$FIXTURES/market.txt"
expect_ok ct claims --all --json
cp "$OUT" ../claims.before
expect_ok ct sources --json
cp "$OUT" ../sources.before
db=.git/claimtrack/index.db
[ -s "$db" ] || fail "no index at $db"
size=$(stat -c %s "$db")
cp "$db" ../index.good

# same_listings: the listings match the ones taken before the damage.
same_listings() {
	expect_ok ct claims --all --json
	test_cmp ../claims.before "$OUT"
	expect_ok ct sources --json
	test_cmp ../sources.before "$OUT"
}

damage() {
	rm -f "$db" "$db-wal" "$db-shm" "$db-journal"
	case $1 in
	truncated) head -c $((size / 2)) ../index.good >"$db" ;;
	header) { printf 'SQLite format 3\000'; head -c $((size - 16)) /dev/urandom; } >"$db" ;;
	garbage) head -c "$size" /dev/urandom >"$db" ;;
	pages) cp ../index.good "$db"; dd if=/dev/urandom of="$db" bs=4096 seek=1 count=2 conv=notrunc 2>/dev/null ;;
	empty) : >"$db" ;;
	text) echo "not a database" >"$db" ;;
	missing) ;;
	esac
}

for how in truncated header garbage pages empty text missing; do
	damage "$how"
	expect_ok ct claims --all --json
	test_cmp ../claims.before "$OUT"
	same_listings
	expect_ok ct validate
done

# Rebuilt without a word of warning when it is only missing; with one naming it otherwise.
damage garbage
expect_ok ct sources --json
expect_stderr_contains "index"
expect_stderr_contains "rebuilding it"

# index.db as a directory cannot be replaced: a clear error, not a crash.
rm -f "$db" "$db-wal" "$db-shm" "$db-journal"
mkdir "$db"
run_capture ct claims --json || true
[ -n "$(cat "$ERR")" ] || fail "nothing said about an index.db that is a directory"
grep -q "^claimtrack: " "$ERR" || fail "unexpected message: $(cat "$ERR")"
rmdir "$db"
same_listings
fsck_ok
assert_clean
