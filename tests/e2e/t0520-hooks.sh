#!/bin/bash
# init installs the git hooks; the pre-commit hook refuses a broken record committed with stock
# git even with no CLAIMTRACK and no claimtrack on PATH (the hook records the binary's path), and
# lets a good commit in; post-merge and post-checkout refresh the index.
. "$(dirname "$0")/lib.sh"

new_desk desk
cd desk
for h in pre-commit post-merge post-checkout; do
	[ -x .git/hooks/$h ] || fail "init did not install an executable .git/hooks/$h"
	grep -qx "installed_by='$CLAIMTRACK'" .git/hooks/$h || fail "$h does not record the binary: $(cat .git/hooks/$h)"
	sh -n .git/hooks/$h || fail "$h is not a valid shell script"
done

expect_ok ct hooks status
cat >../expect <<EOF2
pre-commit     installed, runs $CLAIMTRACK
post-merge     installed, runs $CLAIMTRACK
post-checkout  installed, runs $CLAIMTRACK
EOF2
test_cmp ../expect "$OUT"
expect_ok ct hooks
test_cmp ../expect "$OUT"
expect_ok ct hooks status --json
json_assert "$OUT" "[(h['hook'], h['state'], h['binary']) for h in d] == [('pre-commit', 'installed', '$CLAIMTRACK'), ('post-merge', 'installed', '$CLAIMTRACK'), ('post-checkout', 'installed', '$CLAIMTRACK')]"
json_assert "$OUT" "all(h['path'] == '$PWD/.git/hooks/' + h['hook'] for h in d)"

expect_ok ct add --outlet "Ostvale Post" --published 2025-03-03 "$FIXTURES/bridge.txt"
h=$(head_of)

# Stock git with neither CLAIMTRACK nor claimtrack on PATH: the recorded binary still runs.
stock_git() {
	env -u CLAIMTRACK PATH=/usr/bin:/bin git "$@"
}
PATH=/usr/bin:/bin command -v claimtrack >/dev/null && skip_step "a claimtrack is installed in /usr/bin"

# A claim edited by hand so that its text no longer matches its id: refused, named.
claim=$(git ls-files 'claims/*.json' | head -n 1)
sed -i 's/"text":\t"/"text":\t"EDITED /' "$claim"
git add "$claim"
if stock_git commit -q -m "hand edit" >../commit.out 2>&1; then
	fail "the hook let a broken record in"
fi
grep -q "$claim" ../commit.out || fail "the hook did not name the record: $(cat ../commit.out)"
assert_eq "$h" "$(head_of)" "HEAD after the refused commit"

# The same edit through `git commit -a` and `git commit PATH`, which commit a temporary index
# (GIT_INDEX_FILE) instead of .git/index: refused as well.
git reset -q
if stock_git commit -q -a -m "hand edit, -a" >../commit.out 2>&1; then
	fail "the hook let a broken record in through git commit -a"
fi
grep -q "$claim" ../commit.out || fail "the hook did not name the record (commit -a): $(cat ../commit.out)"
assert_eq "$h" "$(head_of)" "HEAD after the refused commit -a"
if stock_git commit -q -m "hand edit, path" -- "$claim" >../commit.out 2>&1; then
	fail "the hook let a broken record in through git commit PATH"
fi
grep -q "$claim" ../commit.out || fail "the hook did not name the record (commit PATH): $(cat ../commit.out)"
assert_eq "$h" "$(head_of)" "HEAD after the refused commit PATH"

# Bad JSON in a new review record: refused too.
git checkout -q HEAD -- "$claim"
mkdir -p reviews/ab/abababababababab
echo '{"claim": ' >reviews/ab/abababababababab/0123456789abcdef.json
git add reviews
if stock_git commit -q -m "broken review" >../commit.out 2>&1; then
	fail "the hook let a broken review record in"
fi
assert_eq "$h" "$(head_of)" "HEAD after the refused review"
git rm -q --cached -r reviews
rm -rf reviews

# An unrelated good file commits.
echo "notes" >NOTES.md
git add NOTES.md
stock_git commit -q -m "notes" || fail "the hook refused a good commit"
assert_eq "$h" "$(git rev-parse HEAD~1)" "parent of the good commit"
assert_clean

# post-checkout: a branch switch with stock git brings the index to the new HEAD (a claimtrack
# command would do it too; the hook does it at once). The index records the commit it reflects.
index_commit() {
	python3 -c 'import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
print(c.execute("select value from meta where key = ?", ("commit",)).fetchone()[0])' .git/claimtrack/index.db
}
if ! python3 -c 'import sqlite3' 2>/dev/null; then
	skip_step "python3 has no sqlite3 module: index freshness after git checkout/merge not checked"
else
	expect_ok ct index
	assert_eq "$(git rev-parse HEAD)" "$(index_commit)" "index commit after 'claimtrack index'"
	stock_git checkout -q -b other HEAD~1
	assert_eq "$(git rev-parse HEAD)" "$(index_commit)" "index commit after git checkout (post-checkout)"
	stock_git checkout -q main
	# post-merge: a merge made with stock git.
	stock_git checkout -q other
	git reset -q --hard HEAD~1
	stock_git merge -q --ff-only main
	assert_eq "$(git rev-parse main)" "$(index_commit)" "index commit after git merge (post-merge)"
fi
