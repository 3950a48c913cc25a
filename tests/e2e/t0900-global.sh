#!/bin/bash
# Global behaviour: -C, desk discovery, exit codes of usage errors, help, --version, colour.
. "$(dirname "$0")/lib.sh"

new_desk desk
expect_ok ct -C desk add --outlet "Ostvale Post" --published 2025-03-03 "$FIXTURES/bridge.txt"
expect_ok ct -C desk sources
cp "$OUT" sources.expect
[ "$(wc -l <sources.expect)" -eq 1 ] || fail "one source expected"

# -C DIR from elsewhere, and -CDIR.
mkdir elsewhere
(cd elsewhere && expect_ok ct -C ../desk sources && test_cmp ../sources.expect "$OUT")
expect_ok ct -Cdesk sources
test_cmp sources.expect "$OUT"
expect_fail 2 ct -C
run_capture ct -C does-not-exist sources
[ "$LAST_RC" -ne 0 ] || fail "-C to a missing directory succeeded"
expect_stderr_contains "does-not-exist"

# From a subdirectory of the desk (like git), and from inside .git's parent dirs.
mkdir -p desk/notes/deeper
(cd desk/notes/deeper && expect_ok ct sources && test_cmp ../../../sources.expect "$OUT")
rmdir desk/notes/deeper desk/notes

# Outside any desk: exit 4, for every command that needs one.
mkdir outside
for c in sources claims "show bridge" log validate index; do
	(cd outside && expect_fail 4 ct $c)
	expect_stderr_contains "not a claimtrack desk"
done
(cd outside && expect_fail 4 ct add --outlet X "$FIXTURES/bridge.txt")
# A git repository that is not a desk is not a desk either.
git init -q plain
(cd plain && expect_fail 4 ct sources)

# Unknown commands and options: usage errors.
expect_fail 2 ct frobnicate
expect_stderr_contains "frobnicate"
expect_fail 2 ct --frobnicate sources
expect_fail 2 ct -C desk sources --frobnicate
expect_fail 2 ct -C desk claims --limit
run_capture ct
assert_eq 2 "$LAST_RC" "exit code of claimtrack without a command"
expect_stderr_contains "usage: claimtrack"

# help, help CMD, CMD --help, CMD -h: exit 0, usage on stdout.
expect_ok ct help
expect_stdout_contains "usage: claimtrack"
for c in init add sources claims show log validate index extract; do
	expect_stdout_contains "  $c "
done
for c in init add sources claims show log validate index extract; do
	expect_ok ct help $c
	expect_stdout_contains "usage: claimtrack $c"
	cp "$OUT" help.out
	expect_ok ct $c --help
	test_cmp help.out "$OUT"
	expect_ok ct $c -h
	test_cmp help.out "$OUT"
done
expect_ok ct help add
expect_stdout_contains "--outlet"
expect_stdout_contains "--published"
expect_fail 2 ct help frobnicate
# --help works outside a desk.
(cd outside && expect_ok ct add --help && expect_stdout_contains "usage: claimtrack add")

# --version
expect_ok ct --version
grep -Eq '^claimtrack [0-9]+\.[0-9]+\.[0-9]+' "$OUT" || fail "--version: '$(cat "$OUT")'"
[ "$(wc -l <"$OUT")" -eq 1 ] || fail "--version prints one line"

# No escape bytes when output is not a terminal, with or without NO_COLOR.
esc=$(printf '\033')
for c in sources claims "claims --json" log "show bridge" validate index "extract $FIXTURES/bridge.txt"; do
	ct -C desk $c >plain.out 2>plain.err
	! grep -q "$esc" plain.out plain.err || fail "escape bytes in the output of '$c' to a pipe"
	NO_COLOR=1 ct -C desk $c >plain.out 2>plain.err
	! grep -q "$esc" plain.out plain.err || fail "escape bytes in the output of '$c' with NO_COLOR"
done

# On a terminal: colour by default, none with NO_COLOR or --no-color.
if command -v script >/dev/null 2>&1 && script -qec true /dev/null >/dev/null 2>&1; then
	tty_run() { # tty_run ENV... -- ARGS: stdout of claimtrack on a pseudo-terminal
		script -qec "$* 2>/dev/null" /dev/null </dev/null
	}
	tty_run "'$CLAIMTRACK'" -C desk claims >tty.out
	grep -q "$esc" tty.out || fail "no colour on a terminal (is colour gone?)"
	tty_run NO_COLOR=1 "'$CLAIMTRACK'" -C desk claims >tty.out
	! grep -q "$esc" tty.out || fail "escape bytes on a terminal with NO_COLOR=1"
	tty_run "'$CLAIMTRACK'" --no-color -C desk claims >tty.out
	! grep -q "$esc" tty.out || fail "escape bytes on a terminal with --no-color"
else
	skip_step "no usable script(1): terminal colour checks skipped"
fi

assert_clean desk
fsck_ok desk
