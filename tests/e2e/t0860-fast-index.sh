#!/bin/bash
# The git index patched in place (src/desk/gitindex.c) for commits of a few paths: stock git is the
# oracle. After add, review and a sync that deletes, `git status` is clean, the index lists exactly
# HEAD's blobs, `git write-tree` (which trusts the index's cache-tree) gives HEAD's tree, `git fsck`
# (which checks the index's checksum) is clean; a change the user staged stays staged; and where
# the patch cannot be exact (index v4, line-ending attributes, a local change in the way)
# libgit2's checkout does the work instead, with the same result.
. "$(dirname "$0")/lib.sh"

TRACE=$TEST_ROOT/trace
export CLAIMTRACK_TRACE_CHECKOUT=$TRACE

new_desk desk
cd desk
expect_ok ct add --id wire --outlet "Wire" --published 2025-03-03 "$FIXTURES/bridge-wire.txt"
last_checkout patched
index_is_head
expect_ok ct add --id gazette --outlet "Riverside Gazette" --published 2025-03-03 "$FIXTURES/bridge.txt"
last_checkout patched
index_is_head

# A review: one new file deep in reviews/, its folders new.
a=$(claim_of_source . wire 0)
b=$(claim_of_source . gazette 0)
expect_ok ct review "$a" --verdict corroborated --evidence "$b" --note "first"
last_checkout patched
index_is_head
ls reviews/*/*/*.json >/dev/null || fail "the review's file is not in the working tree"

# A second review beside the first, and one of another claim.
expect_ok ct review "$a" --verdict unverifiable --note "second look"
last_checkout patched
index_is_head
c=$(claim_of_source . gazette 1)
expect_ok ct review "$c" --verdict unverifiable --note "third"
index_is_head

# What the user staged stays staged; only claimtrack's paths move.
echo "desk notes" >notes.txt
git add notes.txt
expect_ok ct review "$b" --verdict corroborated --evidence "$a" --note "with a staged file"
last_checkout patched
assert_eq "A  notes.txt" "$(git status --porcelain)" "the user's staged file"
git rm -q --cached notes.txt
rm notes.txt
index_is_head

# A corrected article: claim records replaced in place (new versions, withdrawn ones).
expect_ok ct add --id wire --outlet "Wire" --published 2025-03-03 "$FIXTURES/bridge-v2.txt"
last_checkout patched
index_is_head
a=$(claim_of_source . wire 0)

# A local change in the way of a path the commit changes: left alone and named, as before (the
# commit is made; the working tree keeps the user's bytes until 'git checkout -f').
rec=$(git ls-tree -r --name-only HEAD sources | grep gazette | grep -v '\.txt$' | head -1)
[ -f "$rec" ] || fail "no source record of gazette found: '$rec'"
echo " " >>"$rec"
cp "$rec" "$CAP/mine"
: >"$TRACE"
run_capture ct add --id gazette --outlet "Riverside Gazette" --published 2025-03-04 "$FIXTURES/bridge.txt"
assert_eq 4 "$LAST_RC" "exit code of a commit whose checkout met a local change"
grep -q "1 conflict prevents checkout" "$ERR" || fail "the conflict is not named: $(cat "$ERR")"
last_checkout libgit2
test_cmp "$CAP/mine" "$rec"
git checkout -q -f HEAD
index_is_head

# Index version 4 (paths compressed): not patched, libgit2 does it, same result.
git update-index --index-version 4
expect_ok ct review "$c" --verdict corroborated --evidence "$a" --note "index v4"
last_checkout libgit2
index_is_head
git update-index --index-version 2
expect_ok ct review "$c" --verdict contradicted --evidence "$a" --note "index v2 again"
last_checkout patched
index_is_head

# A split index made by stock git (a mandatory extension, which libgit2 1.5 cannot read): patched
# through its shared index, the small .git/index rewritten (t0861 has the rest).
git update-index --split-index
: >"$TRACE"
expect_ok ct review "$a" --verdict corroborated --evidence "$c" --note "split index"
last_checkout patched
index_is_head
git update-index --no-split-index
index_is_head

# Line endings from attributes: the blob's bytes are not the file's, libgit2's filters write it.
printf '*.json text eol=crlf\n' >.git/info/attributes
expect_ok ct review "$b" --verdict unverifiable --note "crlf"
last_checkout libgit2
f=$(git diff-tree --no-commit-id --name-only -r HEAD | head -1)
grep -q $'\r$' "$f" || fail "the review file was written without the CRLF the attributes ask for"
assert_clean
rm .git/info/attributes
git rm -q --cached -r . >/dev/null
git reset -q --hard HEAD
index_is_head

# A sync that deletes: stock git removes a review in another clone; the fast-forward removes it
# here through the patched index, and empty folders go with it.
cd ..
git init -q --bare remote.git
git -C desk remote add origin "$PWD/remote.git"
expect_ok ct -C desk sync
git clone -q remote.git other
gone=$(git -C other ls-files 'reviews/*' | head -1)
git -C other -c core.hooksPath=/dev/null rm -q "$gone"
git -C other -c core.hooksPath=/dev/null commit -q -m "Drop one review"
git -C other push -q origin HEAD:main
expect_ok ct -C desk sync
last_checkout patched
index_is_head desk
[ ! -e "desk/$gone" ] || fail "the deleted review is still in the working tree"
assert_eq "$(head_of other)" "$(head_of desk)" "HEAD after the fast-forward"

# With the fast path turned off the same commands give the same index (stat data aside).
new_desk slow
: >"$TRACE"
CLAIMTRACK_NO_FAST_INDEX=1 expect_ok ct -C slow add --id wire --outlet "Wire" --published 2025-03-03 \
	"$FIXTURES/bridge-wire.txt"
[ ! -s "$TRACE" ] || fail "CLAIMTRACK_NO_FAST_INDEX did not turn the patching off"
index_is_head slow
git -C slow ls-files -s | grep -v "	desk.json$" >"$CAP/slow"
new_desk fast
expect_ok ct -C fast add --id wire --outlet "Wire" --published 2025-03-03 "$FIXTURES/bridge-wire.txt"
last_checkout patched
git -C fast ls-files -s | grep -v "	desk.json$" >"$CAP/fast"
test_cmp "$CAP/slow" "$CAP/fast"

# A bulk add of over 4096 files: two threads write the working tree (each half of the paths),
# then the index is written from their stat data. Same checks: stock git finds every file clean.
mkdir "$TEST_ROOT/bulk"
for a in $(seq 1 12); do
	{
		printf 'Budget Report %d\n\n' "$a"
		for i in $(seq 1 400); do
			printf 'The Ostvale council spent $%d.%d million on Route %d in %d, officials said. ' \
				$((i % 90 + 1)) $((a % 10)) $((a * 1000 + i)) $((1990 + i % 30))
			if [ $((i % 5)) = 0 ]; then printf '\n\n'; fi
		done
	} >"$TEST_ROOT/bulk/budget-$a.txt"
done
new_desk big
: >"$TRACE"
expect_ok ct -C big add --outlet "Wire" "$TEST_ROOT"/bulk/budget-*.txt
last_checkout patched
n=$(git -C big ls-files | wc -l)
[ "$n" -gt 4096 ] || fail "the bulk add wrote only $n files, not enough for two threads"
index_is_head big
