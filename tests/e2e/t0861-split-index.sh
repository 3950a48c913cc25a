#!/bin/bash
# The split git index (git's core.splitIndex): .git/index holds only what changed since a shared
# index, .git/sharedindex.<sha>, so that a review rewrites a few KB whatever the size of the desk.
# CLAIMTRACK_SPLIT_INDEX_MIN=1 splits even these small desks. Stock git is the oracle after each
# step (status, ls-files against ls-tree, write-tree from the cache-tree, diff-files, fsck): bulk
# adds, reviews, a corrected article, a staged user file, commits by hand through the pre-commit
# hook, a local change in the way (libgit2, which cannot read a split index, gets it whole), a
# sync that deletes, git's own --no-split-index, splitIndex.maxPercentChange, core.splitIndex=false
# and a shared index removed by hand (a clear error, the index untouched, then recovery).
. "$(dirname "$0")/lib.sh"

TRACE=$TEST_ROOT/trace
export CLAIMTRACK_TRACE_CHECKOUT=$TRACE
export CLAIMTRACK_SPLIT_INDEX_MIN=1

# "split <shared sha> <entries in .git/index>" or "whole <entries>", read from the file itself.
index_form() {
	python3 - "${1:-.}/.git/index" <<'PY'
import struct, sys
d = open(sys.argv[1], 'rb').read()
assert d[:4] == b'DIRC', 'not an index'
ver, n = struct.unpack('>II', d[4:12])
pos = 12
for _ in range(n):
    flags = struct.unpack('>H', d[pos + 60:pos + 62])[0]
    head = 62 + (2 if flags & 0x4000 else 0)
    nul = d.index(b'\0', pos + head)
    pos += (nul - pos + 8) & ~7
link = None
while pos < len(d) - 20:
    sig, size = d[pos:pos + 4], struct.unpack('>I', d[pos + 4:pos + 8])[0]
    if sig == b'link':
        link = d[pos + 8:pos + 28].hex()
    pos += 8 + size
print(('split %s %d' % (link, n)) if link else ('whole %d' % n))
PY
}

assert_split() {
	local f
	f=$(index_form "${1:-.}")
	case $f in split*) ;; *) fail "the index is not split: $f" ;; esac
	[ -f "${1:-.}/.git/sharedindex.$(echo "$f" | cut -d' ' -f2)" ] || fail "the shared index named is not there: $f"
}

stock_git() {
	env -u CLAIMTRACK PATH=/usr/bin:/bin git "$@"
}

new_desk desk
cd desk
expect_ok ct add --id wire --outlet "Wire" --published 2025-03-03 "$FIXTURES/bridge-wire.txt"
last_checkout patched
assert_split
index_is_head
# A second article: more than splitIndex.maxPercentChange (20%) of the shared entries change, so
# a new shared index is written, as git would.
first=$(index_form | cut -d' ' -f2)
expect_ok ct add --id gazette --outlet "Riverside Gazette" --published 2025-03-03 "$FIXTURES/bridge.txt"
last_checkout patched
assert_split
index_is_head
shared=$(index_form | cut -d' ' -f2)
[ "$shared" != "$first" ] || fail "the bulk add kept the old shared index"
[ ! -e ".git/sharedindex.$first" ] || fail "the old shared index, named by nothing, is still there"

# Reviews: the shared index stays, .git/index gets a few entries (this desk is so small that a
# few reviews are 20% of it: the limit is raised).
git config splitIndex.maxPercentChange 90
a=$(claim_of_source . wire 0)
b=$(claim_of_source . gazette 0)
c=$(claim_of_source . gazette 1)
# (.git/index may already hold replacements: git's racily clean entries, see below.)
before=$(index_form | cut -d' ' -f3)
expect_ok ct review "$a" --verdict corroborated --evidence "$b" --note "first"
last_checkout patched
expect_ok ct review "$a" --verdict unverifiable --note "second look"
expect_ok ct review "$c" --verdict unverifiable --note "third"
last_checkout patched
assert_eq "$shared" "$(index_form | cut -d' ' -f2)" "the shared index after three reviews"
after=$(index_form | cut -d' ' -f3)
# three reviews touch at most two claim records and add three review records
[ "$after" -le $((before + 5)) ] || fail ".git/index went from $before to $after entries in three reviews"
index_is_head

# Git writes every racily clean shared entry into .git/index as a smudged replacement; how many
# depends on timing. Here every working file is made newer than the index, so git's next write
# moves them all: replacements are not changes (git's rule counts entries not in the shared
# index), and a review still keeps the shared index.
git ls-files -z | xargs -0 touch -d '+3 seconds'
git status --porcelain >/dev/null
shared=$(index_form | cut -d' ' -f2)
[ "$(index_form | cut -d' ' -f3)" -ge "$(git ls-files | wc -l)" ] ||
	fail "git did not move the shared entries into .git/index: $(index_form)"
expect_ok ct review "$c" --verdict corroborated --evidence "$a" --note "racy"
last_checkout patched
assert_eq "$shared" "$(index_form | cut -d' ' -f2)" "the shared index after a review of a desk git refreshed"
index_is_head

# What the user staged stays staged (git itself rewrites the split index to stage it).
echo "desk notes" >notes.txt
git add notes.txt
expect_ok ct review "$b" --verdict corroborated --evidence "$a" --note "with a staged file"
last_checkout patched
assert_split
assert_eq "A  notes.txt" "$(git status --porcelain)" "the user's staged file"
git rm -q --cached notes.txt
rm notes.txt
index_is_head

# A corrected article: claim records replaced and withdrawn (replacements and deletions of
# shared entries, or a new shared index).
expect_ok ct add --id wire --outlet "Wire" --published 2025-03-03 "$FIXTURES/bridge-v2.txt"
last_checkout patched
assert_split
index_is_head
a=$(claim_of_source . wire 0)
expect_ok ct review "$a" --verdict corroborated --evidence "$b" --note "after the correction"
index_is_head

# Commits by hand through the pre-commit hook, which reads the staged records from the split
# index (.git/index, and the temporary one of `git commit -a`): a broken record is refused.
h=$(head_of)
claim=$(git ls-files 'claims/*.json' | head -n 1)
sed -i 's/"text":\t"/"text":\t"EDITED /' "$claim"
git add "$claim"
if stock_git commit -q -m "hand edit" >"$CAP/commit.out" 2>&1; then
	fail "the hook let a broken record in through a split index"
fi
grep -q "$claim" "$CAP/commit.out" || fail "the hook did not name the record: $(cat "$CAP/commit.out")"
git reset -q
if stock_git commit -q -a -m "hand edit, -a" >"$CAP/commit.out" 2>&1; then
	fail "the hook let a broken record in through git commit -a"
fi
grep -q "$claim" "$CAP/commit.out" || fail "the hook did not name the record (commit -a): $(cat "$CAP/commit.out")"
assert_eq "$h" "$(head_of)" "HEAD after the refused commits"
git checkout -q HEAD -- "$claim"
echo "notes" >NOTES.md
git add NOTES.md
stock_git commit -q -m "notes" || fail "the hook refused a good commit"
index_is_head
expect_ok ct review "$c" --verdict corroborated --evidence "$a" --note "after a commit by hand"
last_checkout patched
index_is_head

# A local change in the way: libgit2 does the checkout (on the index made whole) and names it.
rec=$(git ls-tree -r --name-only HEAD sources | grep gazette | grep -v '\.txt$' | head -1)
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
expect_ok ct review "$c" --verdict unverifiable --note "split again"
last_checkout patched
assert_split
index_is_head

# splitIndex.maxPercentChange=0: every write makes a new shared index (git's rule).
before=$(index_form | cut -d' ' -f2)
git config splitIndex.maxPercentChange 0
expect_ok ct review "$b" --verdict unverifiable --note "max 0"
last_checkout patched
assert_split
[ "$(index_form | cut -d' ' -f2)" != "$before" ] || fail "maxPercentChange=0 kept the shared index"
index_is_head
git config splitIndex.maxPercentChange 90

# git's round trip: --no-split-index makes it whole, claimtrack splits it again.
git update-index --no-split-index
case $(index_form) in whole*) ;; *) fail "git did not unsplit the index" ;; esac
index_is_head
expect_ok ct review "$a" --verdict corroborated --evidence "$c" --note "after no-split"
last_checkout patched
assert_split
index_is_head
git update-index --split-index
index_is_head
expect_ok ct review "$a" --verdict unverifiable --note "git split it"
last_checkout patched
index_is_head

# core.splitIndex=false: the index is made whole and never split again.
git config core.splitIndex false
expect_ok ct review "$b" --verdict corroborated --evidence "$a" --note "no split"
last_checkout patched
case $(index_form) in whole*) ;; *) fail "core.splitIndex=false, but the index is split" ;; esac
index_is_head
expect_ok ct review "$c" --verdict corroborated --evidence "$a" --note "still no split"
case $(index_form) in whole*) ;; *) fail "core.splitIndex=false, but the index was split again" ;; esac
index_is_head
git config --unset core.splitIndex

# The shared index removed by hand: a clear error naming it, .git/index untouched (never a
# half-written one); git's way out (a new index from HEAD), and the next command finishes.
expect_ok ct review "$a" --verdict unverifiable --note "split once more"
assert_split
shared=$(index_form | cut -d' ' -f2)
rm ".git/sharedindex.$shared"
cp .git/index "$CAP/index.before"
run_capture ct review "$b" --verdict unverifiable --note "no shared index"
[ "$LAST_RC" != 0 ] || fail "a review on an index whose shared part is missing succeeded"
grep -q "sharedindex.$shared' is missing" "$ERR" || fail "the missing shared index is not named: $(cat "$ERR")"
cmp -s .git/index "$CAP/index.before" || fail "the index changed"
[ ! -e .git/index.lock ] || fail "index.lock left behind"
rm .git/index
git reset -q
expect_ok ct validate
index_is_head
expect_ok ct review "$b" --verdict corroborated --evidence "$a" --note "after the repair"
last_checkout patched
assert_split
index_is_head

# A sync that deletes: stock git removes a review in another clone; the fast-forward (libgit2
# compares and merges on the index made whole) removes it here, and the index is split again.
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
assert_split desk
index_is_head desk
[ ! -e "desk/$gone" ] || fail "the deleted review is still in the working tree"
assert_eq "$(head_of other)" "$(head_of desk)" "HEAD after the fast-forward"
