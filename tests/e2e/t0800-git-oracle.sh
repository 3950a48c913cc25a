#!/bin/bash
# Stock git is the oracle: a desk of the story's articles is a plain, valid git repository with
# one commit per command, authored by the configured identity, that clones to the same files.
. "$(dirname "$0")/lib.sh"

new_desk desk
cd desk
# after_command: every claimtrack command leaves the working tree and the git index clean.
after_command() {
	assert_clean
}

n=0
articles=$(ls "$STORY"/*.txt 2>/dev/null | head -6)
[ "$(echo "$articles" | wc -l)" -ge 5 ] || articles=$(ls "$FIXTURES"/*.txt)
first=$(echo "$articles" | head -1)
rest=$(echo "$articles" | sed 1d)
expect_ok ct add --outlet "First Outlet" --published 2025-10-15 "$first"
after_command
n=$((n + 1))
# The others in one command, the last two with another author.
set -- $rest
while [ $# -gt 2 ]; do
	expect_ok ct add --outlet "Outlet $#" --published 2025-10-16 "$1"
	after_command
	n=$((n + 1))
	shift
done
GIT_AUTHOR_NAME="Guest Editor" GIT_AUTHOR_EMAIL=guest@example.org \
	expect_ok ct add --outlet "Guest Outlet" --url https://guest.example/a "$@"
after_command
n=$((n + 1))
assert_eq $((n + 1)) "$(commit_count)" "one commit per add, plus the desk's creation"

# Read-only commands leave the tree clean too.
for c in sources claims "claims --json" "claims --all" log "log --json" validate index \
	"index --rebuild" "claims --search gate"; do
	expect_ok ct $c
	after_command
done
expect_ok ct claims --json
cp "$OUT" ../claims.json
json_assert ../claims.json "len(d) >= 60" "claims of the desk (60 or more)"
expect_ok ct show "$(json_eval ../claims.json "d[0]['id'][:8]")"
after_command

# git fsck --strict, with no dangling objects either.
fsck_pristine
# git log: the commits, with the identities.
git log --format='%an <%ae>|%cn <%ce>|%aI' >../idents
assert_eq "Guest Editor <guest@example.org>" "$(head -1 ../idents | cut -d'|' -f1)" \
	"GIT_AUTHOR_NAME/GIT_AUTHOR_EMAIL override the configured identity"
assert_eq $n "$(sed 1d ../idents | grep -c '^Test Reviewer <test@example.org>|')" \
	"every other commit authored by the configured identity"
assert_eq $((n + 1)) "$(grep -c "|$TEST_AUTHOR_DATE\$" ../idents)" "GIT_AUTHOR_DATE honoured"
git log --format=%s >../subjects
assert_eq "Create claims desk" "$(tail -1 ../subjects)" "first subject"
[ "$(grep -c '^Add ' ../subjects)" -eq "$n" ] || fail "subjects: $(cat ../subjects)"
git log --format=%s -1 | grep -q "^Add 2 sources" || fail "subject of the two-file add"
# Linear history on main.
assert_eq refs/heads/main "$(git symbolic-ref HEAD)" "branch"
assert_eq 0 "$(git rev-list --min-parents=2 HEAD | wc -l)" "merge commits"

# git's index and the working tree equal HEAD byte for byte.
git diff --quiet HEAD || fail "working tree differs from HEAD"
git diff --cached --quiet HEAD || fail "git index differs from HEAD"
[ -z "$(git ls-files --others --exclude-standard)" ] || fail "untracked files"

# Clone: the clone's working tree holds the same files.
git clone -q "file://$PWD" ../clone
assert_eq "$(head_of)" "$(head_of ../clone)" "HEAD of the clone"
diff -r -x .git . ../clone >../clone.diff || { cat ../clone.diff; fail "clone differs"; }
fsck_ok ../clone
# The clone is a desk: same answers.
expect_ok ct -C ../clone claims --json
test_cmp ../claims.json "$OUT"
expect_ok ct -C ../clone validate
# A bare clone and a clone of that, too.
git clone -q --bare . ../bare.git
git clone -q ../bare.git ../clone2
diff -r -x .git . ../clone2 >../clone.diff || { cat ../clone.diff; fail "clone of the bare clone differs"; }

# The records are the JSON files git shows.
python3 - <<'PY' || fail "a committed record is not JSON"
import json, subprocess
for p in subprocess.check_output(["git", "ls-files", "*.json"]).decode().split():
    json.loads(subprocess.check_output(["git", "show", "HEAD:" + p]))
PY

# Adding to the desk, then git gc: still valid.
expect_ok ct add --outlet "Ostvale Post" "$FIXTURES/bridge.txt"
after_command
git gc -q
fsck_ok
expect_ok ct validate
