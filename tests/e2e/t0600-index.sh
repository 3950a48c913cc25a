#!/bin/bash
# index: .git/claimtrack/index.db is a cache of HEAD: missing, corrupt or stale, every command
# still answers from the desk and rebuilds it; `index --rebuild` rebuilds it on demand.
. "$(dirname "$0")/lib.sh"

new_desk desk
cd desk
expect_ok ct add --outlet "Ostvale Post" "$FIXTURES/bridge.txt" "$FIXTURES/market.txt" "$FIXTURES/ferry.txt"
db=.git/claimtrack/index.db

# snapshot NAME: the answers of the listing commands, to compare after damage.
snapshot() {
	mkdir -p "../$1"
	expect_ok ct sources
	cp "$OUT" "../$1/sources"
	expect_ok ct claims --all --json
	cp "$OUT" "../$1/claims.json"
	expect_ok ct claims --search "crowns"
	cp "$OUT" "../$1/search"
	expect_ok ct show --json market
	cp "$OUT" "../$1/show"
	expect_ok ct index
	cp "$OUT" "../$1/index"
}
same_as() { # same_as NAME: the answers now equal those of snapshot NAME
	snapshot now
	for f in sources claims.json search show index; do
		test_cmp "../$1/$f" "../now/$f"
	done
	rm -rf ../now
}

snapshot good
echo "sources: 3, claims: 12, reviews: 0" >../expect
test_cmp ../expect ../good/index
[ -f "$db" ] || fail "no index at $db"
# The index is never part of the desk.
assert_clean
[ -z "$(git ls-files | grep -i index.db)" ] || fail "index.db is tracked"

# Deleted: rebuilt silently.
rm "$db"
expect_ok ct claims --search crowns
test_cmp ../good/search "$OUT"
[ -f "$db" ] || fail "the index was not rebuilt"
same_as good
rm -rf .git/claimtrack
expect_ok ct sources
test_cmp ../good/sources "$OUT"
[ -f "$db" ] || fail "the index directory was not recreated"
same_as good

# Garbage: a warning naming the index, then rebuilt; the next command is quiet.
for damage in text random empty truncated; do
	case $damage in
	text) echo "this is not a database" >"$db" ;;
	random) head -c 16384 /dev/urandom >"$db" ;;
	empty) : >"$db" ;;
	truncated)
		expect_ok ct index --rebuild
		head -c 1024 "$db" >../half && cat ../half >"$db"
		;;
	esac
	expect_ok ct sources
	test_cmp ../good/sources "$OUT"
	if [ "$damage" != empty ]; then
		expect_stderr_contains "warning"
		expect_stderr_contains "index.db"
		grep -v '^claimtrack: warning: ' "$ERR" >../other-stderr && fail "unexpected stderr ($damage)"
	fi
	expect_ok ct claims --all --json
	expect_stderr_empty
	test_cmp ../good/claims.json "$OUT"
	same_as good
done

# A garbage index under validate and show, too.
echo "garbage" >"$db"
expect_ok ct validate
echo "garbage" >"$db"
expect_ok ct show --json market
test_cmp ../good/show "$OUT"

# index --rebuild
expect_ok ct index --rebuild
echo "rebuilt: sources: 3, claims: 12, reviews: 0" >../expect
test_cmp ../expect "$OUT"
same_as good
echo "garbage" >"$db"
expect_ok ct index --rebuild
test_cmp ../expect "$OUT"
same_as good
rm "$db"
expect_ok ct index --rebuild
test_cmp ../expect "$OUT"

# Stale: the desk moved under the index with stock git; the listings follow HEAD.
expect_ok ct add --outlet "Ostvale Post" "$FIXTURES/quotes.txt"
expect_ok ct sources
assert_eq 4 "$(wc -l <"$OUT")" "sources after adding quotes"
git reset -q --hard HEAD~1
same_as good
expect_ok ct claims --search minister --json
json_assert "$OUT" "d == []" "search after the reset"
# A commit made with stock git (a source removed by hand) shows at once.
git rm -q -r "$(dirname "$(git ls-files 'claims/*/ferry/*' | head -1)")" $(git ls-files 'sources/*/ferry.*')
git commit -q -m "Remove ferry by hand"
expect_ok ct sources
expect_stdout_lacks "ferry"
assert_eq 2 "$(wc -l <"$OUT")" "sources after removing ferry with git"
expect_fail 3 ct claims --source ferry
expect_stderr_contains "ferry"
expect_ok ct index
echo "sources: 2, claims: 10, reviews: 0" >../expect
test_cmp ../expect "$OUT"
git reset -q --hard HEAD~1
same_as good

expect_fail 2 ct index extra
expect_fail 2 ct index --bogus
assert_clean
fsck_ok
