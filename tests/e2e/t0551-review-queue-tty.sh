#!/bin/bash
# review -i on a terminal (a pseudo-terminal driven by python3's pty): one keystroke per answer,
# a bad key explained and asked again, evidence and note as lines, the terminal's mode restored
# when the queue ends and when SIGINT stops it.
. "$(dirname "$0")/lib.sh"

new_desk desk
cd desk
expect_ok ct add --outlet "Ostvale Post" --published 2025-03-03 "$FIXTURES/bridge.txt"
expect_ok ct add --outlet "Wend Wire" --published 2025-03-04 "$FIXTURES/bridge-wire.txt"
expect_ok ct claims --json
cp "$OUT" ../claims.json
wire_vote=$(json_eval ../claims.json "[c['id'] for c in d if 'voted 6 to 3' in c['text']]")
[ ${#wire_vote} -eq 16 ] || fail "the wire's vote: '$wire_vote'"
# The first two claims of the queue (contradicted by the most other sources, then
# check-worthiness, then id) and a claim of the other source than the first one's, for evidence.
expect_ok ct match --json
cp "$OUT" ../align.json
mapfile -t q < <(python3 - ../claims.json ../align.json <<'EOF'
import json, sys
d = json.load(open(sys.argv[1]))
contra = {}
for a in json.load(open(sys.argv[2])):
    if a['relation'] == 'contradicts':
        for i in (0, 1):
            contra.setdefault(a['claims'][i], set()).add(a['sources'][1 - i])
for c in sorted(d, key=lambda c: (-len(contra.get(c['id'], ())), -c.get('checkworthy', 0), c['id'])):
    print(c['id'])
EOF
)
ev=$(json_eval ../claims.json "[c['id'] for c in d if c['source'] != [e['source'] for e in d if e['id'] == '${q[0]}'][0]][0]")

# drive KEYS...: runs review -i on a pty; each argument is written after the output settles
# (a key, or a line ending in \n, or SIGINT); prints the output, then the exit status and whether
# the terminal's flags after the run equal those before it.
cat >../drive.py <<'EOF'
import os, pty, select, signal, sys, termios, time
keys = sys.argv[2:]
pid, fd = pty.fork()
if pid == 0:
    os.execv(sys.argv[1], [sys.argv[1], "review", "-i", "--reviewer", "Tty Tester <tty@example.org>"])
before = termios.tcgetattr(fd)
out = b""
def drain(wait):
    global out
    end = time.time() + wait
    while True:
        r, _, _ = select.select([fd], [], [], max(0, end - time.time()))
        if not r:
            return
        try:
            b = os.read(fd, 4096)
        except OSError:
            return
        if not b:
            return
        out += b
        end = time.time() + 0.3
drain(5)
modes = []
for k in keys:
    if k == "SIGINT":
        os.kill(pid, signal.SIGINT)
    else:
        modes.append(termios.tcgetattr(fd)[3] & (termios.ICANON | termios.ECHO))
        os.write(fd, k.encode().decode("unicode_escape").encode())
    drain(5)
_, status = os.waitpid(pid, 0)
after = termios.tcgetattr(fd)
sys.stdout.write(out.decode("utf-8", "replace").replace("\r\n", "\n"))
code = os.WEXITSTATUS(status) if os.WIFEXITED(status) else 128 + os.WTERMSIG(status)
print("EXIT %d" % code)
print("RESTORED %s" % (before == after))
print("MODES %s" % " ".join(str(m) for m in modes))
EOF
drive() {
	LAST_CMD="drive $*"
	"$PYTHON" ../drive.py "$CLAIMTRACK" "$@" >"$OUT" 2>"$ERR" || fail "the pty driver failed"
}
canon=$("$PYTHON" -c 'import termios; print(termios.ICANON | termios.ECHO)')

# A bad key, then c with evidence by id and a note, then s, then q: one keystroke each.
h0=$(head_of)
drive z c "${ev:0:8}\n" "on the wire too\n" s q
expect_stdout_contains "EXIT 0"
expect_stdout_contains "RESTORED True"
# Keys are read in raw mode (no ICANON, no ECHO); the evidence and note lines in cooked mode.
expect_stdout_contains "MODES 0 0 $canon $canon 0 0"
expect_stdout_contains "unknown key 'z'"
# On a terminal the sentence is highlighted inside its context (bold yellow, then reset).
grep -q $'\033\\[1;33m[^\033]*\033\\[0m ' "$OUT" || fail "the highlighted sentence"
expect_stdout_contains "[1/${#q[@]}] ${q[0]}"
expect_stdout_contains "[2/${#q[@]}] ${q[1]}"
expect_stdout_contains "reviewed ${q[0]:0:10}: corroborated (1 evidence)"
expect_stdout_contains "1 reviewed, 1 skipped, $((${#q[@]} - 2)) left"
assert_eq 1 "$(git rev-list --count "$h0"..HEAD)" "one commit for one verdict"
assert_eq "Tty Tester" "$(git log -1 --format=%an)" "the verdict's author"
key=$(python3 -c 'import hashlib; print(hashlib.sha256(b"tty@example.org").hexdigest()[:16])')
json_assert "reviews/${q[0]:0:2}/${q[0]}/$key.json" "d['verdict'] == 'corroborated' and d['evidence'] == ['$ev'] and
	d['note'] == 'on the wire too'" "the review written from the terminal"

# x without evidence needs a note: refused, asked again; then u with the note given by n.
h1=$(head_of)
drive x "\n" "\n" n "checked by phone\n" u "\n" q
expect_stdout_contains "EXIT 0"
expect_stdout_contains "RESTORED True"
expect_stdout_contains "a verdict without evidence needs a note"
expect_stdout_contains "reviewed ${q[1]:0:10}: unverifiable (0 evidence)"
assert_eq 1 "$(git rev-list --count "$h1"..HEAD)" "one commit for one verdict"
json_assert "reviews/${q[1]:0:2}/${q[1]}/$key.json" "d['verdict'] == 'unverifiable' and d['note'] == 'checked by phone'" \
	"the note given with n"

# SIGINT (^C) at the prompt: the queue stops with 130 and the terminal is restored; so it is
# when ^C comes while a line is read.
h2=$(head_of)
drive SIGINT
expect_stdout_contains "EXIT 130"
expect_stdout_contains "RESTORED True"
expect_stdout_contains "0 reviewed, 0 skipped"
drive c SIGINT
expect_stdout_contains "EXIT 130"
expect_stdout_contains "RESTORED True"
assert_untouched "$h2"
fsck_ok
expect_ok ct validate
