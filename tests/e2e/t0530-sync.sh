#!/bin/bash
# sync through a bare remote: the first sync creates the remote branch; three clones (stock git
# clone + hooks install) each add a source and a review and commit before syncing, then sync in
# turns (merge commits, fast-forwards) until all three hold every record; git fsck --strict is
# clean everywhere, the index follows, --json and --no-push.
. "$(dirname "$0")/lib.sh"
. "$E2E_DIR/sync-lib.sh"

new_desk desk
expect_ok ct -C desk add --outlet "Riverside Gazette" --published 2025-03-03 "$FIXTURES/bridge.txt"
git init -q --bare remote.git
git -C desk remote add origin "$PWD/remote.git"

# The remote has no branch yet: sync pushes main.
expect_ok ct -C desk sync
cat >expect <<'EOF2'
fetched: origin has no branch 'main' yet
pushed: main to origin/main
EOF2
test_cmp expect "$OUT"
assert_eq "$(head_of desk)" "$(git -C remote.git rev-parse main)" "remote main after the first sync"
assert_eq "$(head_of desk)" "$(git -C desk rev-parse refs/remotes/origin/main)" "tracking ref after the push"

# Nothing new anywhere: fetch, up to date, nothing to push.
expect_ok ct -C desk sync
cat >expect <<EOF2
fetched: origin/main at $(head_of desk | cut -c1-12)
merged: already up to date
pushed: nothing to push
EOF2
test_cmp expect "$OUT"

for c in c1 c2 c3; do
	git clone -q remote.git $c
	expect_ok ct -C $c hooks install
done
base=$(head_of c1)
claim=$(claim_of c1 bridge)

# Each clone works on its own before syncing: a source and a review, each reviewer under their
# own identity (Ana and Ben disagree).
expect_ok ct -C c1 add --outlet "Ostvale Post" "$FIXTURES/market.txt"
expect_ok ct -C c2 add --outlet "Northwire" "$FIXTURES/ferry.txt"
expect_ok ct -C c3 add --outlet "Wend Weekly" "$FIXTURES/quotes.txt"
GIT_AUTHOR_DATE=2025-10-16T10:00:00+02:00 expect_ok ct -C c1 review "$claim" --verdict corroborated --no-evidence \
	--note "seen at the meeting" --reviewer "Ana Ruiz <ana@example.org>"
GIT_AUTHOR_DATE=2025-10-16T10:05:00+02:00 expect_ok ct -C c2 review "$claim" --verdict contradicted --no-evidence \
	--note "the minutes differ" --reviewer "Ben Okafor <ben@example.org>"
GIT_AUTHOR_DATE=2025-10-16T10:10:00+02:00 expect_ok ct -C c3 review "$claim" --verdict unverifiable \
	--reviewer "Cy Lind <cy@example.org>"

# c1 first: the remote has nothing new, c1's two commits go up.
expect_ok ct -C c1 sync
cat >expect <<EOF2
fetched: origin/main at $(echo "$base" | cut -c1-12)
merged: already up to date
pushed: main to origin/main
EOF2
test_cmp expect "$OUT"

# c2: a merge commit with two parents (c2's work first, as git does), then pushed.
c2_before=$(head_of c2)
expect_ok ct -C c2 sync --json
json_assert "$OUT" "d['remote'] == 'origin' and d['branch'] == 'main' and d['remote_branch'] == 'main'"
json_assert "$OUT" "d['tracking'] == 'refs/remotes/origin/main' and d['fetched'] == '$(head_of c1)'"
json_assert "$OUT" "d['merge'] == 'merge' and d['merge_commits'] == 1 and d['pushed'] is True and d['attempts'] == 1"
json_assert "$OUT" "d['head_before'] == '$c2_before' and d['head'] == '$(head_of c2)' and d['resolved'] == []"
# From c1: the market source, its claims and Ana's review (git counts them too).
received=$(git -C c2 diff --name-only "$c2_before" HEAD -- sources claims reviews | grep -c '\.json$')
json_assert "$OUT" "d['records_changed'] == $received and $received >= 3" "records received by c2"
assert_eq "$c2_before $(head_of c1)" "$(git -C c2 log -1 --format=%P)" "parents of c2's merge commit"
assert_eq "Merge origin/main into main" "$(git -C c2 log -1 --format=%s)" "merge commit message"
assert_eq "Test Reviewer <test@example.org>" "$(git -C c2 log -1 --format='%an <%ae>')" "merge author"
assert_eq "$(head_of c2)" "$(git -C remote.git rev-parse main)" "remote after c2's sync"
assert_clean c2

# c3: another merge; then c1 and c2 fast-forward to it.
expect_ok ct -C c3 sync
expect_stdout_contains "merged: merge commit $(head_of c3 | cut -c1-12), "
expect_stdout_contains "pushed: main to origin/main"
c1_before=$(head_of c1)
expect_ok ct -C c1 sync
c1_received=$(git -C c1 diff --name-only "$c1_before" HEAD -- sources claims reviews | grep -c '\.json$')
cat >expect <<EOF2
fetched: origin/main at $(head_of c3 | cut -c1-12)
merged: fast-forward to $(head_of c3 | cut -c1-12), $c1_received records changed
pushed: nothing to push
EOF2
test_cmp expect "$OUT"
expect_ok ct -C c2 sync
expect_stdout_contains "merged: fast-forward to $(head_of c3 | cut -c1-12)"
expect_ok ct -C desk sync
expect_stdout_contains "merged: fast-forward to $(head_of c3 | cut -c1-12)"

# Everyone holds everything, in the index too, and git agrees it is all sound.
same_heads c1 c2 c3 desk
assert_eq "$(head_of c1)" "$(git -C remote.git rev-parse main)" "remote main"
assert_eq 2 "$(git -C c1 rev-list --merges --count HEAD)" "merge commits"
for d in c1 c2 c3 desk; do
	assert_clean $d
	fsck_ok $d
	expect_ok ct -C $d validate
	expect_ok ct -C $d sources --json
	json_assert "$OUT" "sorted(s['id'] for s in d) == ['bridge', 'ferry', 'market', 'quotes']" "sources of $d"
	assert_eq 3 "$(git -C $d ls-files "reviews/*/$claim/*.json" | wc -l)" "reviews of $claim in $d"
	expect_ok ct -C $d index
	expect_stdout_contains "sources: 4, "
	expect_stdout_contains "reviews: 3"
	# Ana and Ben disagree: the claim is disputed everywhere, with every verdict in its history.
	expect_ok ct -C $d show --json "$claim"
	json_assert "$OUT" "d['status'] == 'disputed' and sorted((r['email'], r['verdict']) for r in d['reviews']) ==
		[('ana@example.org', 'corroborated'), ('ben@example.org', 'contradicted'), ('cy@example.org', 'unverifiable')]" \
		"status of $claim in $d"
	expect_ok ct -C $d log --json "$claim"
	json_assert "$OUT" "sorted(e['message'].split(chr(10))[0] for e in d if e['message'].startswith('review:')) ==
		['review: ${claim:0:8} contradicted', 'review: ${claim:0:8} corroborated', 'review: ${claim:0:8} unverifiable']" \
		"history of $claim in $d"
done
fsck_ok remote.git

# --no-push: fetch and merge only; the remote keeps what it had.
expect_ok ct -C c1 add --outlet "Ostvale Post" --id market-v2 "$FIXTURES/bridge-v2.txt"
remote_main=$(git -C remote.git rev-parse main)
expect_ok ct -C c1 sync --no-push
cat >expect <<EOF2
fetched: origin/main at $(echo "$remote_main" | cut -c1-12)
merged: already up to date
pushed: no (--no-push)
EOF2
test_cmp expect "$OUT"
assert_eq "$remote_main" "$(git -C remote.git rev-parse main)" "remote main after --no-push"
expect_ok ct -C c1 sync origin
expect_stdout_contains "pushed: main to origin/main"
assert_eq "$(head_of c1)" "$(git -C remote.git rev-parse main)" "remote main after sync origin"

# A branch's upstream remote is the default: c2 calls the remote 'hub'.
git -C c2 remote rename origin hub
git -C c2 branch -q --set-upstream-to=hub/main main
expect_ok ct -C c2 sync
expect_stdout_contains "fetched: hub/main at $(head_of c1 | cut -c1-12)"
same_heads c1 c2
assert_eq "$(head_of c2)" "$(git -C c2 rev-parse refs/remotes/hub/main)" "hub's tracking ref"

# The bash completion offers the desk's remotes after sync.
git -C c2 remote add backup "$PWD/remote.git"
out=$(bash --norc --noprofile -c '. "$1"; COMP_WORDS=(claimtrack -C c2 sync ""); COMP_CWORD=4
	COMP_LINE="claimtrack -C c2 sync "; COMP_POINT=${#COMP_LINE}; _claimtrack; printf "%s\n" "${COMPREPLY[@]}"' \
	_ "$SRC_ROOT/docs/claimtrack.bash")
assert_eq "backup hub" "$(echo $out)" "completion of 'claimtrack -C c2 sync '"
