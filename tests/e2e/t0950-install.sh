#!/bin/bash
# make install PREFIX=...: the binary, the man page and the bash completion land and work.
. "$(dirname "$0")/lib.sh"

repo=$(cd "$(dirname "$0")/../.." && pwd)
prefix=$PWD/prefix
make -s -C "$repo" install PREFIX="$prefix" >install.log 2>&1 || { cat install.log; fail "make install failed"; }

[ -x "$prefix/bin/claimtrack" ] || fail "no $prefix/bin/claimtrack"
"$prefix/bin/claimtrack" --version >version.out || fail "installed binary does not run"
grep -q '^claimtrack [0-9]' version.out || fail "unexpected --version output: $(cat version.out)"

man1=$prefix/share/man/man1/claimtrack.1
[ -f "$man1" ] || fail "no man page at $man1"
if command -v groff >/dev/null 2>&1; then
	groff -man -Tutf8 -ww "$man1" >man.out 2>man.err || fail "groff failed on the man page"
	[ ! -s man.err ] || fail "groff warnings: $(cat man.err)"
	sed "s/.\x08//g" man.out | grep -q "EXIT STATUS" || fail "the man page has no EXIT STATUS section"
else
	skip_step "groff is not installed: the man page is not rendered"
fi

comp=$prefix/share/bash-completion/completions/claimtrack
[ -f "$comp" ] || fail "no bash completion at $comp"
bash -c ". '$comp' && complete -p claimtrack" >comp.out || fail "the completion does not load"
grep -q "_claimtrack" comp.out || fail "claimtrack completion not registered: $(cat comp.out)"
# The completion offers the commands after the program name.
bash -c ". '$comp'; COMP_WORDS=(claimtrack va); COMP_CWORD=1; _claimtrack; printf '%s\n' \"\${COMPREPLY[@]}\"" >words.out
grep -qx validate words.out || fail "completion of 'va' did not offer validate: $(cat words.out)"
