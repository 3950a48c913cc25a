#!/bin/sh
# tests/e2e/run.sh: runs the end-to-end tests against one claimtrack binary.
#
#   sh tests/e2e/run.sh /abs/path/to/build/claimtrack [tNNNN...]
#
# Every tests/e2e/t[0-9]*.sh (or only those named) runs with bash, in order, each in its own
# fresh temporary directory, with the binary in $CLAIMTRACK. A failed test prints its name and
# the failing step's output. E2E_VERBOSE=1 prints every test's output. The last line is
# "e2e: N passed, M failed"; the exit code is non-zero when any test failed.

if [ $# -lt 1 ]; then
	echo "usage: sh tests/e2e/run.sh /path/to/claimtrack [TEST...]" >&2
	exit 2
fi
bin=$1
shift
case $bin in
/*) ;;
*) bin=$(pwd)/$bin ;;
esac
if [ ! -x "$bin" ]; then
	echo "e2e: not an executable: '$bin'" >&2
	exit 2
fi
if ! command -v bash >/dev/null 2>&1 || ! command -v python3 >/dev/null 2>&1 ||
	! command -v git >/dev/null 2>&1; then
	echo "e2e: bash, git and python3 are needed to run the end-to-end tests" >&2
	exit 2
fi

here=$(cd "$(dirname "$0")" && pwd)
base=$(mktemp -d "${TMPDIR:-/tmp}/claimtrack-e2e.XXXXXX") || exit 2
trap 'rm -rf "$base"' EXIT
trap 'exit 130' INT TERM

pass=0
fail=0
for t in "$here"/t[0-9]*.sh; do
	[ -f "$t" ] || continue
	name=$(basename "$t" .sh)
	if [ $# -gt 0 ]; then
		want=
		for a in "$@"; do
			case $name in "$a"*) want=1 ;; esac
		done
		[ -n "$want" ] || continue
	fi
	dir=$base/$name
	mkdir "$dir"
	log=$base/$name.log
	start=$(date +%s)
	if (cd "$dir" && CLAIMTRACK=$bin exec bash "$t") >"$log" 2>&1 </dev/null; then
		pass=$((pass + 1))
		echo "ok   $name ($(($(date +%s) - start))s)"
		if [ -n "${E2E_VERBOSE:-}" ]; then
			sed 's/^/    /' "$log"
		else
			grep '^# skip' "$log" | sed 's/^/    /'
		fi
	else
		fail=$((fail + 1))
		echo "FAIL $name"
		sed 's/^/    /' "$log"
	fi
	# A test may leave unreadable files behind (chmod 000); make them removable.
	chmod -R u+rwX "$dir" 2>/dev/null
	rm -rf "$dir" "$log"
done

echo "e2e: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
