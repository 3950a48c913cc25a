#!/bin/bash
# sync when both sides changed the same file: a review record by the same reviewer on two machines
# keeps the later date (whatever the side; tie: the greater blob id); two versions of one source
# stop the sync with the paths named, HEAD and the working tree unchanged and the fetched commit
# kept; local changes in the way, unknown remotes and bad usage are refused.
. "$(dirname "$0")/lib.sh"
. "$E2E_DIR/sync-lib.sh"

new_desk desk
expect_ok ct -C desk add --outlet "Riverside Gazette" "$FIXTURES/bridge.txt"
expect_ok ct -C desk add --outlet "Northwire" "$FIXTURES/ferry.txt"
git init -q --bare remote.git
git -C desk remote add origin "$PWD/remote.git"
expect_ok ct -C desk sync
git clone -q remote.git a
git clone -q remote.git b
expect_ok ct -C a hooks install
expect_ok ct -C b hooks install
c1=$(git -C a ls-files 'claims/*/bridge/*.json' | sed -n 1p | sed 's|.*/||; s|\.json$||')
c2=$(git -C a ls-files 'claims/*/bridge/*.json' | sed -n 2p | sed 's|.*/||; s|\.json$||')
c3=$(git -C a ls-files 'claims/*/ferry/*.json' | sed -n 1p | sed 's|.*/||; s|\.json$||')

# The same reviewer on two machines, three claims:
# c1: a's verdict at 10:00+02:00 (08:00Z), b's at 09:30Z: b's is later though its clock reads less.
# c2: a's later. c3: the same instant written two ways: the greater blob id wins.
# c1 and c3 are written by claimtrack review (the date from GIT_AUTHOR_DATE); c2's dates carry
# fractions of a second, which claimtrack never writes but another tool or a hand edit may: they
# are written as files and committed with stock git (the pre-commit hook validates them).
ana="Ana Ruiz <ana@example.org>"
GIT_AUTHOR_DATE=2025-10-16T10:00:00+02:00 expect_ok ct -C a review "$c1" --verdict c --no-evidence --note laptop --reviewer "$ana"
GIT_AUTHOR_DATE=2025-10-16T09:30:00Z expect_ok ct -C b review "$c1" --verdict x --no-evidence --note desktop --reviewer "$ana"
GIT_AUTHOR_DATE=2025-10-18T12:00:00Z expect_ok ct -C a review "$c3" --verdict c --no-evidence --note laptop --reviewer "$ana"
GIT_AUTHOR_DATE=2025-10-18T14:00:00+02:00 expect_ok ct -C b review "$c3" --verdict x --no-evidence --note desktop --reviewer "$ana"
key=$(python3 -c 'import hashlib; print(hashlib.sha256(b"ana@example.org").hexdigest()[:16])')
r1=reviews/${c1:0:2}/$c1/$key.json
r3=reviews/${c3:0:2}/$c3/$key.json
r2=$(write_review a "$c2" ana@example.org "Ana Ruiz" unverifiable 2025-10-17T12:00:00.5Z)
write_review b "$c2" ana@example.org "Ana Ruiz" corroborated 2025-10-17T12:00:00.25Z >/dev/null
for f in "$r1" "$r2" "$r3"; do
	cp "a/$f" "a-$(basename "$(dirname "$f")")"
	cp "b/$f" "b-$(basename "$(dirname "$f")")"
done
json_assert "a/$r1" "d['date'] == '2025-10-16T10:00:00+02:00'" "the laptop's date of c1"
json_assert "b/$r3" "d['date'] == '2025-10-18T14:00:00+02:00'" "the desktop's date of c3"
commit_all a "Ana's reviews (laptop)"
commit_all b "Ana's reviews (desktop)"
if [[ "$(git hash-object a-$c3)" > "$(git hash-object b-$c3)" ]]; then win3=a-$c3; else win3=b-$c3; fi

expect_ok ct -C a sync
expect_stdout_contains "pushed: main to origin/main"
b_before=$(head_of b)
expect_ok ct -C b sync
# b's records change where a's won: c2, and c3 when a's blob id is the greater.
changed="1 record"
[ "$win3" = "a-$c3" ] && changed="2 records"
expect_stdout_contains "merged: merge commit $(head_of b | cut -c1-12), $changed changed"
sorted=$(printf '%s\n' "$r1" "$r2" "$r3" | sort | paste -sd, | sed 's/,/, /g')
expect_stdout_contains "settled by date (the later review kept): $sorted"
expect_stdout_contains "pushed: main to origin/main"
cmp -s b-$c1 "b/$r1" || fail "c1: the later review (b's) was not kept"
cmp -s a-$c2 "b/$r2" || fail "c2: the later review (a's) was not kept"
cmp -s $win3 "b/$r3" || fail "c3: the tie did not go to the greater blob id"
assert_eq "$b_before $(head_of a)" "$(git -C b log -1 --format=%P)" "parents of the merge"
git -C b log -1 --format=%B >msg
cat >expect <<EOF2
Merge origin/main into main

Review records changed on both sides, the later date kept:
$(printf '  %s\n' "$r1" "$r2" "$r3" | sort)

EOF2
test_cmp expect msg
assert_clean b
fsck_ok b
expect_ok ct -C b validate
expect_ok ct -C a sync
expect_stdout_contains "merged: fast-forward"
same_heads a b
cmp -s b-$c1 "a/$r1" || fail "a did not receive the settled review"

# Two versions of one source, one per side: a genuine conflict. b stops, names the paths, keeps
# its HEAD and working tree, and the fetched commit stays under refs/remotes/.
expect_ok ct -C a add --id bridge --outlet "Riverside Gazette" "$FIXTURES/bridge-v2.txt"
expect_ok ct -C b add --id bridge --outlet "Riverside Gazette" "$FIXTURES/market.txt"
expect_ok ct -C a sync
b_before=$(head_of b)
bridge_json=$(git -C b ls-files 'sources/*/bridge.json')
expect_fail 1 ct -C b sync
expect_stderr_contains "claimtrack: cannot merge origin/main: both sides changed "
expect_stderr_contains "$bridge_json"
expect_stderr_contains "HEAD is unchanged and the fetched commit is kept in refs/remotes/origin/main"
assert_untouched "$b_before" b
assert_eq "$(head_of a)" "$(git -C b rev-parse refs/remotes/origin/main)" "the fetched commit in b"
git -C b cat-file -e "$(head_of a)^{commit}" || fail "the fetched commit is not in b's object store"
assert_eq "$(head_of a)" "$(git -C remote.git rev-parse main)" "remote after the refused merge"
fsck_ok b
expect_ok ct -C b sources --json
json_assert "$OUT" "[s['version'] for s in d if s['id'] == 'bridge'] == [2]" "b's own version of bridge"

# --json on the refusal: the same message, nothing on stdout.
expect_fail 1 ct -C b sync --json
assert_untouched "$b_before" b

# Local changes in the way of a merge: refused before anything moves, the change kept.
git clone -q remote.git c
git clone -q remote.git d
echo "desk notes" >c/NOTES.md
commit_all c "notes"
expect_ok ct -C c sync
echo "my local draft" >d/NOTES.md
d_before=$(head_of d)
expect_fail 4 ct -C d sync
expect_stderr_contains "local changes would be overwritten by the merge; commit or discard them first: NOTES.md"
assert_eq "$d_before" "$(head_of d)" "HEAD of d after the refused sync"
assert_eq "my local draft" "$(cat d/NOTES.md)" "d's local change"
rm d/NOTES.md
expect_ok ct -C d sync
assert_eq "desk notes" "$(cat d/NOTES.md)" "NOTES.md after the sync"
assert_clean d

# Without an identity (no user.name / user.email anywhere) a fast-forward works; a merge, which
# needs an author, is refused before anything moves.
mkdir nohome
anon() {
	HOME=$PWD/nohome "$@"
}
echo "more notes" >>c/NOTES.md
commit_all c "more notes"
expect_ok ct -C c sync
expect_ok anon ct -C d sync
expect_stdout_contains "merged: fast-forward to $(head_of c | cut -c1-12)"
echo "even more notes" >>c/NOTES.md
commit_all c "even more notes"
expect_ok ct -C c sync
echo "d's own file" >d/OWN.md
commit_all d "own file"
d_before=$(head_of d)
expect_fail 3 anon ct -C d sync
expect_stderr_contains "a merge commit needs an identity: set git config user.name and user.email"
assert_untouched "$d_before" d
expect_ok ct -C d sync
expect_stdout_contains "merged: merge commit"

# A push never overwrites commits the remote has and we did not merge: here the remote fetches
# from a stale copy and pushes to the real one, which is ahead, so every round's push is stopped
# before it updates anything; after five rounds sync gives up, and the remote keeps its commits.
git clone -q --bare remote.git stale.git
echo "newer notes" >>c/NOTES.md
commit_all c "newer notes"
expect_ok ct -C c sync
remote_main=$(git -C remote.git rev-parse main)
git -C d remote add split "$PWD/stale.git"
git -C d remote set-url --push split "$PWD/remote.git"
echo "d's other file" >d/OTHER.md
commit_all d "other file"
d_head=$(head_of d)
expect_fail 1 ct -C d sync split
expect_stderr_contains "the remote's branch kept moving: gave up after 5 attempts; run sync again"
assert_eq "$remote_main" "$(git -C remote.git rev-parse main)" "the remote's main after the refused pushes"
git -C remote.git merge-base --is-ancestor "$d_head" main && fail "d's commit reached the remote"
assert_eq "$d_head" "$(head_of d)" "d's HEAD (stale.git had nothing new)"
expect_ok ct -C d sync
expect_stdout_contains "pushed: main to origin/main"

# Unknown remote, unreachable remote, bad usage, detached HEAD, not a desk.
h=$(head_of d)
expect_fail 3 ct -C d sync nowhere
expect_stderr_contains "no such remote: 'nowhere' (add one with 'git remote add nowhere URL')"
git -C d remote add gone "$PWD/no-such-remote.git"
expect_fail 1 ct -C d sync gone
expect_stderr_contains "cannot fetch from 'gone': "
expect_fail 2 ct -C d sync origin gone
expect_fail 2 ct -C d sync --bogus
assert_untouched "$h" d
git -C d checkout -q --detach
expect_fail 4 ct -C d sync
expect_stderr_contains "HEAD is detached"
git -C d checkout -q main
mkdir plain
expect_fail 4 ct -C plain sync
