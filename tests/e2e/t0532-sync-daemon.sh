#!/bin/bash
# sync over git:// (a git daemon on 127.0.0.1, random free port, killed on exit) as a second
# transport: the first push, two clones merging in turns, and a push the remote refuses because
# its branch moved meanwhile (a pre-receive hook moves it once): sync fetches, merges and pushes
# again.
. "$(dirname "$0")/lib.sh"
. "$E2E_DIR/sync-lib.sh"

if ! git daemon --help >/dev/null 2>&1 && ! git help -a 2>/dev/null | grep -qw daemon; then
	skip_step "git daemon is not installed"
	exit 0
fi

mkdir srv
git init -q --bare srv/remote.git
daemon_pid=
stop_daemon() {
	[ -z "$daemon_pid" ] || kill "$daemon_pid" 2>/dev/null || true
}
trap stop_daemon EXIT

# A free port: ask the kernel for one, then start the daemon on it (again if someone took it).
for try in 1 2 3 4 5; do
	port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
	git daemon --export-all --enable=receive-pack --informative-errors --reuseaddr --listen=127.0.0.1 \
		--port="$port" --base-path="$PWD/srv" "$PWD/srv" >daemon.log 2>&1 &
	daemon_pid=$!
	up=
	for i in $(seq 1 50); do
		if python3 -c 'import socket, sys; socket.create_connection(("127.0.0.1", int(sys.argv[1])), 0.2)' "$port" 2>/dev/null; then
			up=1
			break
		fi
		kill -0 "$daemon_pid" 2>/dev/null || break
		sleep 0.1
	done
	[ -n "$up" ] && break
	stop_daemon
	daemon_pid=
done
[ -n "$daemon_pid" ] || fail "git daemon did not start: $(cat daemon.log)"
url=git://127.0.0.1:$port/remote.git

new_desk desk
expect_ok ct -C desk add --outlet "Riverside Gazette" "$FIXTURES/bridge.txt"
git -C desk remote add origin "$url"
expect_ok ct -C desk sync
expect_stdout_contains "pushed: main to origin/main"
assert_eq "$(head_of desk)" "$(git -C srv/remote.git rev-parse main)" "remote main after the first push"

git clone -q "$url" x
git clone -q "$url" y
expect_ok ct -C x add --outlet "Ostvale Post" "$FIXTURES/market.txt"
expect_ok ct -C y add --outlet "Northwire" "$FIXTURES/ferry.txt"
expect_ok ct -C x sync
expect_stdout_contains "pushed: main to origin/main"
expect_ok ct -C y sync
expect_stdout_contains "merged: merge commit $(head_of y | cut -c1-12)"
expect_stdout_contains "pushed: main to origin/main"
expect_ok ct -C x sync
expect_stdout_contains "merged: fast-forward to $(head_of y | cut -c1-12)"
same_heads x y
assert_eq "$(head_of x)" "$(git -C srv/remote.git rev-parse main)" "remote main"

# The remote's branch moves between y's fetch and y's push: another reviewer's commit (pushed to a
# side branch beforehand) becomes main in a pre-receive hook, once. y's first push is refused.
git clone -q "$url" z
expect_ok ct -C z add --outlet "Wend Weekly" "$FIXTURES/quotes.txt"
git -C z push -q origin HEAD:refs/heads/intruder
intruder=$(head_of z)
cat >srv/remote.git/hooks/pre-receive <<'EOF2'
#!/bin/sh
# Test hook: the first time, move main to the intruder commit while this push waits.
[ -e moved-once ] && exit 0
: >moved-once
env -u GIT_QUARANTINE_PATH -u GIT_OBJECT_DIRECTORY -u GIT_ALTERNATE_OBJECT_DIRECTORIES \
	git update-ref refs/heads/main refs/heads/intruder
EOF2
chmod +x srv/remote.git/hooks/pre-receive
expect_ok ct -C y review "$(claim_of y ferry)" --verdict u --reviewer "Ben Okafor <ben@example.org>"
y_before=$(head_of y)
expect_ok ct -C y sync --json
[ -e srv/remote.git/moved-once ] || fail "the pre-receive hook did not run"
json_assert "$OUT" "d['attempts'] == 2 and d['pushed'] is True and d['merge'] == 'merge' and d['merge_commits'] == 1"
assert_eq "$y_before $intruder" "$(git -C y log -1 --format=%P)" "parents of y's merge"
assert_eq "$(head_of y)" "$(git -C srv/remote.git rev-parse main)" "remote main after the retried push"
expect_ok ct -C x sync
same_heads x y
expect_ok ct -C x sources --json
json_assert "$OUT" "sorted(s['id'] for s in d) == ['bridge', 'ferry', 'market', 'quotes']"
for d in x y; do
	fsck_ok $d
	assert_clean $d
done
fsck_ok srv/remote.git
