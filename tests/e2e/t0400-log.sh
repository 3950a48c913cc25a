#!/bin/bash
# log: the commits of the desk, newest first, as stock git sees them; log ID: exactly the commits
# that touched that claim (any of its versions) or source.
. "$(dirname "$0")/lib.sh"

new_desk desk
cd desk
mkdir ../in
cp "$FIXTURES/bridge.txt" ../in/bridge.txt
expect_ok ct add --outlet "Ostvale Post" ../in/bridge.txt
GIT_AUTHOR_NAME="Second Reviewer" GIT_AUTHOR_EMAIL=second@example.org \
	GIT_AUTHOR_DATE=2025-10-17T10:30:00-05:00 expect_ok ct add --outlet "Ostvale Post" "$FIXTURES/market.txt"
cp "$FIXTURES/bridge-v2.txt" ../in/bridge.txt
expect_ok ct add ../in/bridge.txt
expect_ok ct add --outlet "Ostvale Post" "$FIXTURES/ferry.txt"
assert_eq 5 "$(commit_count)" "commits"

# The oracle: what git itself says of every commit.
python3 - >../oracle.json <<'PY'
import json, subprocess
def git(*a):
    return subprocess.check_output(["git"] + list(a)).decode()
out = []
for c in git("rev-list", "HEAD").split():
    raw = git("cat-file", "commit", c)
    msg = raw.split("\n\n", 1)[1]
    name, email, date = git("log", "-1", "--format=%an%x00%ae%x00%aI", c).rstrip("\n").split("\0")
    out.append({"commit": c, "author": name, "email": email, "date": date, "message": msg})
print(json.dumps(out))
PY

expect_ok ct log --json
cp "$OUT" ../log.json
json_assert ../log.json "isinstance(d, list) and len(d) == 5" "log --json is an array of 5"
json_assert ../log.json "all(set(e) == {'commit', 'author', 'email', 'date', 'message'} for e in d)" "fields"
json_assert ../log.json "d == json.load(open('../oracle.json'))" "log --json equals git's view"
json_assert ../log.json "d[2]['author'] == 'Second Reviewer' and d[2]['email'] == 'second@example.org' and
	d[2]['date'] == '2025-10-17T10:30:00-05:00'" "GIT_AUTHOR_* of the second add"
json_assert ../log.json "d[0]['date'] == '$TEST_AUTHOR_DATE' and d[0]['author'] == 'Test Reviewer'" "pinned identity"
json_assert ../log.json "d[-1]['message'].rstrip('\n') == 'Create claims desk'" "first commit"

# The plain form, whole: git's medium format with ISO dates.
python3 - ../oracle.json >../expect <<'PY'
import json, sys
for e in json.load(open(sys.argv[1])):
    print("commit " + e["commit"])
    print("Author: %s <%s>" % (e["author"], e["email"]))
    print("Date:   " + e["date"])
    print()
    for line in e["message"].rstrip("\n").split("\n"):
        print("    " + line)
    print()
PY
expect_ok ct log
test_cmp ../expect "$OUT"

# -n
expect_ok ct log --json -n 2
json_assert "$OUT" "d == json.load(open('../oracle.json'))[:2]" "log -n 2"
expect_ok ct log --max-count 1
assert_eq "commit $(head_of)" "$(head -1 "$OUT")" "log --max-count 1"
assert_eq 1 "$(grep -c '^commit ' "$OUT")" "commits shown by log --max-count 1"
expect_fail 2 ct log -n lots

# log ID: exactly the commits git lists for the record's files.
# commits_of PATH...: git's answer, newest first, one per line
commits_of() { git log --format=%H -- "$@"; }
log_ids() { # log_ids ID: claimtrack's answer, one per line
	expect_ok ct log --json "$1"
	json_eval "$OUT" "[e['commit'] for e in d]"
}
src_paths() { git ls-files "sources/*/$1.json" "sources/*/$1.txt"; }

# A source: its record or its text changed in the first add and the update.
log_ids bridge >../actual
commits_of $(src_paths bridge) >../expect
test_cmp ../expect ../actual
assert_eq 2 "$(wc -l <../actual)" "commits of source bridge"
log_ids market >../actual
commits_of $(src_paths market) >../expect
test_cmp ../expect ../actual
assert_eq 1 "$(wc -l <../actual)" "commits of source market"

expect_ok ct claims --all --json
cp "$OUT" ../claims.json
claim_id() { json_eval ../claims.json "[c['id'] for c in d if '$1' in c['text']][0]"; }
claim_path() { git ls-files "claims/*/$1.json"; }

# An unchanged claim of bridge: written by the add; rewritten by the update (source_version).
c=$(claim_id "voted 7 to 2")
log_ids "$c" >../actual
commits_of "$(claim_path "$c")" >../expect
test_cmp ../expect ../actual
# A withdrawn claim.
c=$(claim_id "grandchildren")
log_ids "${c:0:8}" >../actual
commits_of "$(claim_path "$c")" >../expect
test_cmp ../expect ../actual
# A revised claim: the commits of both its versions.
old=$(claim_id "40 million")
new=$(claim_id "45 million")
log_ids "$new" >../actual
commits_of "$(claim_path "$old")" "$(claim_path "$new")" >../expect
test_cmp ../expect ../actual
assert_eq 2 "$(wc -l <../actual)" "commits of the revised claim"
# A claim of the market source only: the one commit, with the other author.
c=$(claim_id "12 million crowns")
log_ids "$c" >../actual
commits_of "$(claim_path "$c")" >../expect
test_cmp ../expect ../actual
expect_ok ct log "$c"
expect_stdout_contains "Author: Second Reviewer <second@example.org>"
assert_eq 1 "$(grep -c '^commit ' "$OUT")" "plain log of a market claim"
expect_ok ct log -n 1 --json bridge
json_assert "$OUT" "[e['commit'] for e in d] == ['$(commits_of $(src_paths bridge) | head -1)']" "log -n 1 ID"

# Unknown ids: exit 3.
for bad in ffffffff no-such-source "a/b" ""; do
	expect_fail 3 ct log "$bad"
done
expect_fail 2 ct log bridge market
assert_clean
