#!/bin/bash
# sync over smart HTTP with Basic authentication (git http-backend behind a small python server on
# 127.0.0.1, killed on exit): no credentials is a clear failure, the user and password come from
# the URL or from ~/.git-credentials (percent-encoded, as git's store helper writes it), a wrong
# password fails without looping, and two clones merge through the server.
. "$(dirname "$0")/lib.sh"
. "$E2E_DIR/sync-lib.sh"

if [ ! -x "$(git --exec-path)/git-http-backend" ]; then
	skip_step "git http-backend is not installed"
	exit 0
fi

mkdir srv
git init -q --bare srv/remote.git
password='p@ss:w/rd%'
# "$PYTHON", not the python3 function: $! must be the server itself, for the kill on exit.
"$PYTHON" "$E2E_DIR/sync-http-server.py" "$PWD/srv" ana "$password" "$PWD/port" 2>server.log &
server_pid=$!
trap 'kill "$server_pid" 2>/dev/null || true' EXIT
for i in $(seq 1 100); do
	[ -s port ] && break
	kill -0 "$server_pid" 2>/dev/null || fail "the test HTTP server died: $(cat server.log)"
	sleep 0.1
done
[ -s port ] || fail "the test HTTP server did not start"
base=http://127.0.0.1:$(cat port)
enc_password='p%40ss%3Aw%2Frd%25'

new_desk desk
expect_ok ct -C desk add --outlet "Riverside Gazette" "$FIXTURES/bridge.txt"
h=$(head_of desk)

# No credentials anywhere.
git -C desk remote add origin "$base/remote.git"
expect_fail 1 timeout 60 "$CLAIMTRACK" -C desk sync
expect_stderr_contains "cannot fetch from 'origin': authentication failed: no user and password accepted"
assert_untouched "$h" desk

# A wrong password in ~/.git-credentials: refused, no endless retry.
echo "http://ana:wrong@127.0.0.1:$(cat port)" >"$HOME/.git-credentials"
expect_fail 1 timeout 60 "$CLAIMTRACK" -C desk sync
expect_stderr_contains "authentication failed"

# The user and password in the URL (percent-encoded).
git -C desk remote set-url origin "http://ana:$enc_password@127.0.0.1:$(cat port)/remote.git"
expect_ok ct -C desk sync
expect_stdout_contains "pushed: main to origin/main"
assert_eq "$h" "$(git -C srv/remote.git rev-parse main)" "remote main after the push over HTTP"

# From ~/.git-credentials, the URL naming no user: a line for another host first, then ours.
git -C desk remote set-url origin "$base/remote.git"
cat >"$HOME/.git-credentials" <<EOF2
http://ana:nope@other.example.org
http://ana:$enc_password@127.0.0.1:$(cat port)
EOF2
expect_ok ct -C desk add --outlet "Northwire" "$FIXTURES/ferry.txt"
expect_ok ct -C desk sync
expect_stdout_contains "pushed: main to origin/main"
assert_eq "$(head_of desk)" "$(git -C srv/remote.git rev-parse main)" "remote main after the second push"

# A second reviewer clones (stock git, with the credential store) and both merge over HTTP.
git -c credential.helper=store clone -q "$base/remote.git" other
expect_ok ct -C other hooks install
expect_ok ct -C other add --outlet "Ostvale Post" "$FIXTURES/market.txt"
expect_ok ct -C desk add --outlet "Wend Weekly" "$FIXTURES/quotes.txt"
expect_ok ct -C other sync
expect_ok ct -C desk sync
expect_stdout_contains "merged: merge commit $(head_of desk | cut -c1-12)"
expect_ok ct -C other sync
expect_stdout_contains "merged: fast-forward to $(head_of desk | cut -c1-12)"
same_heads desk other
for d in desk other srv/remote.git; do
	fsck_ok $d
done
expect_ok ct -C other sources --json
json_assert "$OUT" "sorted(s['id'] for s in d) == ['bridge', 'ferry', 'market', 'quotes']"
