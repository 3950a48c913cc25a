# tests/e2e/lib.sh: sourced by every tests/e2e/tNNNN-*.sh (after git's t/test-lib.sh).
#
# Each test runs with bash in its own empty temporary directory (run.sh makes it), with the
# binary under test in $CLAIMTRACK. This file pins everything a developer's machine could leak
# into a test (HOME, the git config and identity, dates, locale, colour), and gives the helpers:
#
#   ct ARGS...                   run claimtrack
#   expect_ok CMD...             CMD must exit 0; its stdout/stderr are left in "$OUT"/"$ERR"
#   expect_fail CODE CMD...      CMD must exit exactly CODE, print nothing on stdout, and print a
#                                short "claimtrack: ..." message on stderr (a usage error may add
#                                the command's usage after its first line)
#   expect_findings CMD...       like expect_fail 1, but CMD reports on stdout (validate)
#   expect_stdout_contains TEXT / expect_stderr_contains TEXT / expect_stdout_lacks TEXT
#   test_cmp EXPECTED ACTUAL     the files must be equal (shows diff -u)
#   assert_eq EXPECTED ACTUAL [WHAT]
#   json_assert FILE EXPR [WHAT] the JSON in FILE, as d, must make the python3 EXPR true
#   head_of [DIR]                git rev-parse HEAD
#   fsck_ok [DIR]                git fsck --strict finds nothing (dangling objects allowed)
#   fsck_pristine [DIR]          ... and no dangling (unreferenced) objects either
#   assert_clean [DIR]           git status --porcelain is empty
#   assert_untouched REV [DIR]   HEAD is still REV and the working tree is clean
#   skip_step WHY                say (visibly) that one step is skipped
#   new_desk DIR                 claimtrack init DIR, checked
#   index_is_head [DIR]          .git/index agrees with HEAD in every way stock git can check
#   last_checkout HOW            the last checkout traced in $CLAIMTRACK_TRACE_CHECKOUT was HOW
#                                ("patched" or "libgit2")
#   claim_of_source DIR SRC K    the id of source SRC's K-th claim
#
# Every step is an assertion: the first failed one ends the test with its output.

set -eu

if [ -z "${CLAIMTRACK:-}" ] || [ ! -x "$CLAIMTRACK" ]; then
	echo "lib.sh: CLAIMTRACK must name the claimtrack binary (got '${CLAIMTRACK:-}')" >&2
	exit 1
fi

TEST_NAME=$(basename "$0" .sh)
TEST_ROOT=$(pwd)
E2E_DIR=$(cd "$(dirname "$0")" && pwd)
SRC_ROOT=$(cd "$E2E_DIR/../.." && pwd)
FIXTURES=$SRC_ROOT/tests/fixtures/e2e
STORY=$SRC_ROOT/examples/story

# Captured output of the last expect_* command; kept outside any desk's working tree.
CAP=$TEST_ROOT/.cap
mkdir -p "$CAP"
OUT=$CAP/out
ERR=$CAP/err
: >"$OUT"
: >"$ERR"
LAST_CMD=

# ---- environment ------------------------------------------------------------------------

HOME=$TEST_ROOT/home
mkdir -p "$HOME"
export HOME
unset XDG_CONFIG_HOME GIT_DIR GIT_WORK_TREE GIT_INDEX_FILE GIT_OBJECT_DIRECTORY \
	GIT_ALTERNATE_OBJECT_DIRECTORIES GIT_CEILING_DIRECTORIES GIT_CONFIG GIT_CONFIG_GLOBAL \
	GIT_CONFIG_COUNT GIT_AUTHOR_NAME GIT_AUTHOR_EMAIL GIT_COMMITTER_NAME GIT_COMMITTER_EMAIL \
	EMAIL NO_COLOR CLICOLOR CLICOLOR_FORCE
export GIT_CONFIG_NOSYSTEM=1
cat >"$HOME/.gitconfig" <<'EOF'
[user]
	name = Test Reviewer
	email = test@example.org
[init]
	defaultBranch = main
[advice]
	detachedHead = false
EOF
TEST_AUTHOR_DATE='2025-10-16T09:00:00+02:00'
export GIT_AUTHOR_DATE="$TEST_AUTHOR_DATE"
export GIT_COMMITTER_DATE="$TEST_AUTHOR_DATE"
export LC_ALL=C.UTF-8
export TZ=UTC
export GIT_PAGER=cat PAGER=cat
# Never prompt, never look above the test's directory for a repository.
export GIT_TERMINAL_PROMPT=0
export GIT_CEILING_DIRECTORIES=$(dirname "$TEST_ROOT")

# python3 is the JSON oracle. Resolve the interpreter once: version-manager shims (pyenv) cost a
# few hundred milliseconds per call.
PYTHON=$(command python3 -c 'import sys; print(sys.executable)') || {
	echo "lib.sh: python3 is needed" >&2
	exit 1
}
python3() {
	"$PYTHON" "$@"
}

IS_ROOT=0
[ "$(id -u)" = 0 ] && IS_ROOT=1

# ---- reporting --------------------------------------------------------------------------

fail() {
	local i where=
	# The line of the test script that made the failing step.
	for ((i = 0; i < ${#BASH_SOURCE[@]} - 1; i++)); do
		[ "${BASH_SOURCE[i + 1]}" = "$0" ] && where=${BASH_LINENO[i]}
	done
	{
		echo "FAIL: $TEST_NAME${where:+ (line $where)}: $*"
		if [ -n "$LAST_CMD" ]; then
			echo "  last command: $LAST_CMD"
			echo "  exit code:    ${LAST_RC:-?}"
			echo "  --- stdout ---"
			sed -n '1,40p' "$OUT" | cut -c1-200
			echo "  --- stderr ---"
			sed -n '1,40p' "$ERR" | cut -c1-200
		fi
	} >&2
	exit 1
}

skip_step() {
	echo "# skip: $TEST_NAME: $*"
}

# Runs "$@" with stdout in $OUT and stderr in $ERR; sets LAST_RC. Never fails by itself.
run_capture() {
	LAST_CMD="$*"
	LAST_RC=0
	"$@" >"$OUT" 2>"$ERR" || LAST_RC=$?
}

# ---- helpers ----------------------------------------------------------------------------

ct() {
	"$CLAIMTRACK" "$@"
}

expect_ok() {
	run_capture "$@"
	[ "$LAST_RC" -eq 0 ] || fail "expected exit 0, got $LAST_RC"
}

expect_fail() {
	local code=$1 first lines
	shift
	run_capture "$@"
	[ "$LAST_RC" -eq "$code" ] || fail "expected exit $code, got $LAST_RC"
	[ -n "${FINDINGS_ON_STDOUT:-}" ] || [ ! -s "$OUT" ] || fail "expected nothing on stdout when failing"
	[ -s "$ERR" ] || fail "expected a message on stderr"
	first=$(sed -n 1p "$ERR")
	case $first in
	"claimtrack: "?*) ;;
	*) fail "stderr does not start with 'claimtrack: '" ;;
	esac
	lines=$(wc -l <"$ERR")
	if [ "$code" -eq 2 ] && grep -q '^usage: claimtrack' "$ERR"; then
		# A usage error: the message, then the usage of the command.
		sed -n 2p "$ERR" | grep -q '^usage: claimtrack' ||
			fail "usage error: expected one message line, then the usage"
	elif [ "$lines" -gt 3 ]; then
		fail "expected a short error message (at most 3 lines), got $lines lines"
	fi
}

expect_findings() {
	FINDINGS_ON_STDOUT=1 expect_fail 1 "$@"
	[ -s "$OUT" ] || fail "expected the findings on stdout"
}

expect_stdout_contains() {
	grep -qF -- "$1" "$OUT" || fail "stdout does not contain '$1'"
}

expect_stdout_lacks() {
	! grep -qF -- "$1" "$OUT" || fail "stdout contains '$1'"
}

expect_stderr_contains() {
	grep -qF -- "$1" "$ERR" || fail "stderr does not contain '$1'"
}

expect_stderr_empty() {
	[ ! -s "$ERR" ] || fail "expected nothing on stderr"
}

test_cmp() {
	local d
	d=$(diff -u "$1" "$2" 2>&1) || {
		LAST_CMD=
		echo "$d" >&2
		fail "files differ: $1 $2"
	}
}

assert_eq() {
	[ "$1" = "$2" ] || {
		LAST_CMD=
		fail "${3:-value}: expected '$1', got '$2'"
	}
}

# json_assert FILE EXPR [WHAT]: python3 loads FILE as d; EXPR must be true.
json_assert() {
	local msg
	msg=$(python3 - "$1" "$2" <<'EOF' 2>&1
import json, sys
path, expr = sys.argv[1], sys.argv[2]
with open(path, encoding="utf-8") as f:
    d = json.load(f)
if not eval("(" + expr + "\n)", {"d": d, "json": json}):
    print("false: " + expr)
    sys.exit(1)
EOF
	) || {
		LAST_CMD=
		fail "JSON check ${3:-}: $msg"
	}
}

# json_eval FILE EXPR: prints the python3 value of EXPR (d = the JSON in FILE), one per line
# when it is a list.
json_eval() {
	python3 - "$1" "$2" <<'EOF'
import json, sys
with open(sys.argv[1], encoding="utf-8") as f:
    d = json.load(f)
v = eval("(" + sys.argv[2] + "\n)", {"d": d, "json": json})
for x in (v if isinstance(v, list) else [v]):
    print(x)
EOF
}

head_of() {
	git -C "${1:-.}" rev-parse HEAD
}

fsck_ok() {
	fsck_check "${1:-.}" --no-dangling
}

fsck_pristine() {
	fsck_check "${1:-.}" --dangling
}

fsck_check() {
	local out
	out=$(git -C "$1" fsck --strict --no-progress "$2" 2>&1) || {
		LAST_CMD=
		echo "$out" >&2
		fail "git fsck --strict failed"
	}
	[ -z "$out" ] || {
		LAST_CMD=
		echo "$out" >&2
		fail "git fsck --strict reported something"
	}
}

assert_clean() {
	local st
	st=$(git -C "${1:-.}" status --porcelain --untracked-files=all)
	[ -z "$st" ] || {
		LAST_CMD=
		echo "$st" >&2
		fail "git status --porcelain is not empty"
	}
}

# assert_untouched REV [DIR]: the command just run changed nothing in the desk.
assert_untouched() {
	assert_eq "$1" "$(head_of "${2:-.}")" "HEAD after '$LAST_CMD'"
	assert_clean "${2:-.}"
}

new_desk() {
	expect_ok ct init "$1"
	[ -d "$1/.git" ] || fail "init did not create $1/.git"
}

# commit_count [DIR]: the number of commits on HEAD.
commit_count() {
	git -C "${1:-.}" rev-list --count HEAD
}

# The index agrees with HEAD in every way stock git can check: status, ls-files against ls-tree,
# write-tree from the cache-tree, diff-files, fsck.
index_is_head() {
	local d=${1:-.}
	assert_clean "$d"
	git -C "$d" ls-tree -r --full-tree HEAD | awk '{print $1, $3, $4}' >"$CAP/tree"
	git -C "$d" ls-files -s | awk '{print $1, $2, $4}' >"$CAP/index"
	test_cmp "$CAP/tree" "$CAP/index"
	assert_eq "$(git -C "$d" rev-parse 'HEAD^{tree}')" "$(git -C "$d" write-tree)" "write-tree from the index's cache-tree"
	git -C "$d" diff-files --quiet || fail "git diff-files: stat data or contents differ"
	fsck_ok "$d"
}

# The last checkout traced in $CLAIMTRACK_TRACE_CHECKOUT went the way named ("patched" or "libgit2").
last_checkout() {
	[ -s "$CLAIMTRACK_TRACE_CHECKOUT" ] || fail "no checkout was traced"
	assert_eq "$1" "$(tail -1 "$CLAIMTRACK_TRACE_CHECKOUT" | cut -d' ' -f1)" "how the last checkout was done"
}

claim_of_source() {
	ct -C "$1" claims --source "$2" --json >"$CAP/claims.json"
	json_eval "$CAP/claims.json" "d[$3]['id']"
}

# labels_consistent DIR: a labelled extraction set's labels (DIR/labels.tsv) are consistent: the
# stand-in extractor that prints them is scored perfect on every figure.
# extract_floors DIR WHAT FIGURE=FLOOR...: the extractor scored against DIR's labels stays at or
# above each floor (tests/eval/extract_labels.py --check); the listing goes to blind.txt, shown
# with "extract below its floors on WHAT" when a floor is missed.
extract_floors() {
	_repo=$(cd "$(dirname "$0")/../.." && pwd)
	_dir=$1
	_what=$2
	shift 2
	"$PYTHON" "$_repo/tests/eval/extract_labels.py" "$CLAIMTRACK" "$_dir" --list --check "$@" >blind.txt 2>&1 ||
		{ cat blind.txt; fail "extract below its floors on $_what"; }
}

labels_consistent() {
	_repo=$(cd "$(dirname "$0")/../.." && pwd)
	"$PYTHON" "$_repo/tests/eval/extract_labels.py" "$_repo/tests/eval/stand_in_extract.py" "$1" \
		--check found=1 extra=0 kind=1 leaks=0 claim_p=1 claim_r=1 claim_f1=1 type=1 speaker=1 \
		surname=1 said=1 num_r=1 num_p=1 approx=1 date_r=1 date_p=1 >perfect.txt 2>&1 ||
		{ cat perfect.txt; fail "the labels scored against themselves are not perfect"; }
}
