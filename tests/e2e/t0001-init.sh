#!/bin/bash
# init: a desk is a git repository on main whose first commit holds desk.json.
. "$(dirname "$0")/lib.sh"

# init DIR
expect_ok ct init desk
echo "Initialized claims desk 'desk' in desk" >expect
test_cmp expect "$OUT"
assert_eq refs/heads/main "$(git -C desk symbolic-ref HEAD)" "branch"
assert_eq 1 "$(commit_count desk)" "commits after init"
assert_eq "Create claims desk" "$(git -C desk log -1 --format=%s)" "first commit message"
assert_eq "Test Reviewer <test@example.org>" "$(git -C desk log -1 --format='%an <%ae>')" "author"
assert_eq "$TEST_AUTHOR_DATE" "$(git -C desk log -1 --format=%aI)" "author date (GIT_AUTHOR_DATE)"
assert_eq "desk.json" "$(git -C desk ls-files)" "files of the first commit"
json_assert desk/desk.json 'd == {"format": 1, "name": "desk"}' "desk.json"
fsck_ok desk
assert_clean desk

# A second init of the same desk is refused and changes nothing.
h=$(head_of desk)
expect_fail 4 ct init desk
expect_stderr_contains "already a claimtrack desk"
assert_untouched "$h" desk

# init in the current directory, with --name.
mkdir here
(cd here && expect_ok ct init --name "Harbour desk")
json_assert here/desk.json 'd == {"format": 1, "name": "Harbour desk"}' "desk.json with --name"
assert_eq 1 "$(commit_count here)" "commits after init ."
fsck_ok here
assert_clean here

# init creates missing parents (like mkdir -p).
expect_ok ct init deep/er/desk
[ -f deep/er/desk/desk.json ] || fail "init deep/er/desk did not create desk.json"

# A plain, empty git repository becomes a desk.
git init -q plain
expect_ok ct init plain
assert_eq 1 "$(commit_count plain)" "commits after init of an empty repository"
fsck_ok plain

# Usage errors.
expect_fail 2 ct init a b
[ ! -e a ] && [ ! -e b ] || fail "init a b created something"
expect_fail 2 ct init --bogus x
[ ! -e x ] || fail "init --bogus x created x"

# A file in the way: refused, the file untouched.
echo "not a directory" >afile
run_capture ct init afile
[ "$LAST_RC" -ne 0 ] || fail "init over a file succeeded"
case $(sed -n 1p "$ERR") in "claimtrack: "?*) ;; *) fail "stderr does not start with 'claimtrack: '" ;; esac
assert_eq "not a directory" "$(cat afile)" "the file in the way"

# No identity at all: refused with a message naming the fix, nothing created.
rm "$HOME/.gitconfig"
expect_fail 3 ct init anon
expect_stderr_contains "user.name"
[ ! -e anon/desk.json ] || fail "init without an identity wrote desk.json"
