#!/bin/bash
# make install PREFIX=...: the binary, the man page and the bash completion land and work, and the
# man page and the completion name every command and long option that `claimtrack help` lists.
. "$(dirname "$0")/lib.sh"

repo=$(cd "$(dirname "$0")/../.." && pwd)
prefix=$PWD/prefix
# DESTDIR= so that one set in the caller's environment cannot send the files elsewhere.
make -s -C "$repo" install PREFIX="$prefix" DESTDIR= >install.log 2>&1 || {
	cat install.log >&2
	fail "make install PREFIX=$prefix failed"
}

# The binary.
bin=$prefix/bin/claimtrack
[ -x "$bin" ] || fail "no executable $bin"
expect_ok "$bin" --version
grep -q '^claimtrack [0-9]' "$OUT" || fail "unexpected --version output"
installed_version=$(cat "$OUT")
assert_eq "$(ct --version)" "$installed_version" "version of the installed binary"
expect_ok "$bin" help
expect_stdout_contains "commands:"

# The commands and the long options of each, from the program's own table.
expect_ok ct help
commands=$(awk '/^commands:/ { on = 1; next } on && /^  [a-z]/ { print $1 } on && /^$/ { on = 0 }' "$OUT")
[ -n "$commands" ] || fail "could not read the commands from 'claimtrack help'"
# options_of COMMAND: its long options, one per line, in options.txt.
options_of() {
	expect_ok ct help "$1"
	sed -n '/^options:/,$p' "$OUT" | grep -o -- '--[a-z][a-z-]*' | sort -u >options.txt
	grep -qx -- --help options.txt || fail "'claimtrack help $1' lists no --help option"
}

# The man page: installed, renders without warnings, and documents every command and option.
man1=$prefix/share/man/man1/claimtrack.1
[ -f "$man1" ] || fail "no man page at $man1"
cmp -s "$man1" "$repo/docs/claimtrack.1" || fail "the installed man page differs from docs/claimtrack.1"
if command -v groff >/dev/null 2>&1; then
	# -P-cbou: plain text, without SGR escapes or overstrikes.
	groff -man -Tutf8 -P-cbou -ww "$man1" >man.out 2>man.err || fail "groff failed on the man page: $(cat man.err)"
	[ ! -s man.err ] || fail "groff warnings on the man page: $(cat man.err)"
elif command -v man >/dev/null 2>&1 && man --help 2>&1 | grep -q -- '--warnings'; then
	man --warnings -l "$man1" >man.out 2>man.err || fail "man failed on the man page: $(cat man.err)"
	[ ! -s man.err ] || fail "man warnings on the man page: $(cat man.err)"
else
	skip_step "neither groff nor man-db is installed: the man page is not rendered"
	: >man.out
fi
if [ -s man.out ]; then
	sed 's/.\x08//g' man.out >man.txt
	for section in NAME SYNOPSIS DESCRIPTION "GLOBAL OPTIONS" COMMANDS IDS ENVIRONMENT \
		"EXIT STATUS" FILES EXAMPLES "SEE ALSO"; do
		grep -q "^$section\$" man.txt || fail "the man page has no $section section"
	done
fi
# In the troff source, '-' is written '\-'.
man_src=$(sed 's/\\-/-/g; s/\\f[BIRP]//g' "$man1")
for c in $commands; do
	grep -q "^$c\( \|\$\)" <<<"$man_src" || fail "the man page does not document the command '$c'"
	[ "$c" = help ] && continue
	options_of "$c"
	for o in $(cat options.txt); do
		grep -q -- "$o" <<<"$man_src" || fail "the man page does not mention $o (of '$c')"
	done
done

# The bash completion: installed, loads in a plain bash, registers itself for claimtrack.
comp=$prefix/share/bash-completion/completions/claimtrack
[ -f "$comp" ] || fail "no bash completion at $comp"
bash -n "$comp" || fail "the bash completion has a syntax error"
bash --norc --noprofile -c '. "$1" && complete -p claimtrack' _ "$comp" >comp.out 2>comp.err ||
	fail "the completion does not load: $(cat comp.err)"
[ ! -s comp.err ] || fail "the completion printed errors when loaded: $(cat comp.err)"
grep -q -- '-F _claimtrack claimtrack$' comp.out || fail "claimtrack completion not registered: $(cat comp.out)"

# complete WORD...: what the completion offers for the command line WORD... (the last word is the
# one being completed), one per line, in complete.out.
complete_words() {
	PATH=$prefix/bin:$PATH bash --norc --noprofile -c '
		. "$1"; shift
		COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); COMP_LINE="$*"; COMP_POINT=${#COMP_LINE}
		_claimtrack
		printf "%s\n" "${COMPREPLY[@]}"' _ "$comp" "$@" >complete.out 2>complete.err ||
		fail "completing '$*' failed: $(cat complete.err)"
	[ ! -s complete.err ] || fail "completing '$*' printed errors: $(cat complete.err)"
}

complete_words claimtrack va
assert_eq validate "$(cat complete.out)" "completion of 'claimtrack va'"
complete_words claimtrack ''
for c in $commands; do
	grep -qx "$c" complete.out || fail "the completion does not offer the command '$c'"
done
complete_words claimtrack --no-color -C . sh
assert_eq show "$(cat complete.out)" "completion of a command after global options"
for c in $commands; do
	[ "$c" = help ] && continue
	options_of "$c"
	complete_words claimtrack "$c" --
	for o in $(cat options.txt); do
		grep -qx -- "$o" complete.out || fail "the completion does not offer $o for '$c'"
	done
done

# Directories after -C, files for add, source ids from the desk for show.
mkdir -p dirs/alpha dirs/beta
: >dirs/article.txt
complete_words claimtrack -C dirs/
sort complete.out >got
printf '%s\n' dirs/alpha dirs/beta >want
test_cmp want got
complete_words claimtrack add --outlet X dirs/ar
assert_eq dirs/article.txt "$(cat complete.out)" "file completion for add"
new_desk desk
printf 'Flood Report\n\nThe river rose 2 metres on Tuesday, the mayor said.\n' >flood.txt
expect_ok ct -C desk add --outlet "Test Post" "$PWD/flood.txt"
complete_words claimtrack -C desk show fl
assert_eq flood "$(cat complete.out)" "source id completion for show"
