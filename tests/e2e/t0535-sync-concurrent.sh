#!/bin/bash
# Three clones reviewing at once (background processes), each syncing through one bare remote
# after every review: in the end every clone holds every review, git fsck is clean everywhere,
# and all clones and the remote have the same HEAD and tree.
. "$(dirname "$0")/lib.sh"
. "$E2E_DIR/sync-lib.sh"

new_desk desk
expect_ok ct -C desk add --outlet "Ostvale Post" --published 2025-03-03 "$FIXTURES/bridge.txt"
expect_ok ct -C desk add --outlet "Wend Wire" --published 2025-03-04 "$FIXTURES/bridge-wire.txt"
git init -q --bare remote.git
git -C desk remote add origin "$PWD/remote.git"
expect_ok ct -C desk sync
for c in c1 c2 c3; do
	git clone -q remote.git $c
	expect_ok ct -C $c hooks install
done
expect_ok ct -C c1 claims --json --source bridge
mapfile -t ids < <(json_eval "$OUT" "[c['id'] for c in d]")
[ "${#ids[@]}" -eq 6 ] || fail "expected the 6 claims of bridge, have ${#ids[@]}"

# reviewer DIR NAME EMAIL VERDICT: reviews every claim, syncing after each review (a sync that
# loses a race with another clone's push is tried again).
reviewer() {
	local id tries
	for id in "${ids[@]}"; do
		"$CLAIMTRACK" -C "$1" review "$id" --verdict "$4" --no-evidence --note "checked by $2" \
			--reviewer "$2 <$3>" >/dev/null 2>>"err.$1" || echo "REVIEW FAILED $id" >>"err.$1"
		tries=0
		until "$CLAIMTRACK" -C "$1" sync >>"out.$1" 2>>"sync-err.$1"; do
			tries=$((tries + 1))
			if [ $tries -ge 30 ]; then
				echo "SYNC FAILED after $id" >>"err.$1"
				break
			fi
			sleep 0.$((RANDOM % 5 + 1))
		done
	done
}
reviewer c1 Ana ana@example.org corroborated &
p1=$!
reviewer c2 Ben ben@example.org contradicted &
p2=$!
reviewer c3 Cy cy@example.org unverifiable &
p3=$!
wait "$p1" "$p2" "$p3"
for c in c1 c2 c3; do
	[ ! -s "err.$c" ] || fail "$c: $(head -c 600 "err.$c") / $(tail -c 600 "sync-err.$c" 2>/dev/null)"
done
# Any failed sync said why in one line; none may have lost data (checked below).
if [ -s sync-err.c1 ] || [ -s sync-err.c2 ] || [ -s sync-err.c3 ]; then
	! grep -hv '^claimtrack: ' sync-err.c* | grep -q . || fail "a sync failed without a claimtrack message"
fi

# The last clone to push is the only one sure to hold everything: two rounds bring the others up.
for round in 1 2; do
	for c in c1 c2 c3; do
		expect_ok ct -C $c sync
	done
done
same_heads c1 c2 c3
assert_eq "$(head_of c1)" "$(git -C remote.git rev-parse main)" "the remote's main"
tree=$(git -C c1 rev-parse 'HEAD^{tree}')
for c in c1 c2 c3; do
	assert_eq "$tree" "$(git -C $c rev-parse 'HEAD^{tree}')" "the tree of $c"
	assert_eq 18 "$(git -C $c ls-files 'reviews/*.json' | wc -l)" "review records in $c"
	assert_clean $c
	fsck_ok $c
	expect_ok ct -C $c validate
	expect_ok ct -C $c status --json
	json_assert "$OUT" "d['status']['disputed'] == 6 and sorted((r['email'], r['reviews']) for r in d['reviewers']) ==
		[('ana@example.org', 6), ('ben@example.org', 6), ('cy@example.org', 6)]" "every review counted in $c"
done
fsck_ok remote.git
# Every review is one commit authored by its reviewer, whichever clone's history it came through.
for e in ana@example.org ben@example.org cy@example.org; do
	assert_eq 6 "$(git -C c1 log --no-merges --author="<$e>" --format=%H | wc -l)" "commits by $e"
done
