#!/bin/bash
# A desk checked out on another branch or a detached HEAD: add either commits where HEAD points
# (as git would) or refuses and changes nothing; it never commits elsewhere behind HEAD's back.
. "$(dirname "$0")/lib.sh"

new_desk desk
cd desk
expect_ok ct add --outlet "Ostvale Post" "$FIXTURES/bridge.txt"
base=$(head_of)

check_add_on() { # check_add_on WHAT: after a checkout of something other than main
	local before_head before_main
	before_head=$(head_of)
	before_main=$(git rev-parse refs/heads/main)
	run_capture ct add --outlet "Ostvale Post" "$FIXTURES/quotes.txt"
	if [ "$LAST_RC" -eq 0 ]; then
		# Committed: on the checked-out branch (or detached HEAD), not on main.
		assert_eq "$before_head" "$(git rev-parse HEAD~1)" "add on $1: parent of the new HEAD"
		assert_eq "$before_main" "$(git rev-parse refs/heads/main)" "add on $1: main moved"
		assert_clean
		expect_ok ct sources
		expect_stdout_contains "quotes"
	else
		# Refused: nothing anywhere.
		case $(sed -n 1p "$ERR") in "claimtrack: "?*) ;; *) fail "stderr of the refused add" ;; esac
		assert_eq "$before_main" "$(git rev-parse refs/heads/main)" "refused add on $1: main moved"
		assert_untouched "$before_head"
	fi
}

git checkout -q -b topic
check_add_on "branch topic"
git checkout -q main
git reset -q --hard "$base"
git branch -q -D topic

git checkout -q --detach
check_add_on "a detached HEAD"
git checkout -q main
assert_eq "$base" "$(head_of)" "main after the detached add"
fsck_ok
