#!/bin/bash
# claimtrack hooks install in a clone made with stock git: installs the three hooks, leaves a
# foreign hook alone (naming it, exit 1) unless --force, updates an outdated claimtrack hook, and
# the installed pre-commit hook refuses a broken record in the clone.
. "$(dirname "$0")/lib.sh"

new_desk origin
expect_ok ct -C origin add --outlet "Ostvale Post" "$FIXTURES/bridge.txt"
git clone -q origin clone
cd clone
hooks=$PWD/.git/hooks

# A clone has no hooks of ours yet.
expect_ok ct hooks status
cat >../expect <<EOF2
pre-commit     not installed ('claimtrack hooks install' installs it)
post-merge     not installed ('claimtrack hooks install' installs it)
post-checkout  not installed ('claimtrack hooks install' installs it)
EOF2
test_cmp ../expect "$OUT"

# A foreign post-merge hook is there before us.
printf '#!/bin/sh\necho my own hook\n' >"$hooks/post-merge"
chmod +x "$hooks/post-merge"
cp "$hooks/post-merge" ../foreign
# Exit 1, the hooks it did install on stdout, the one left alone named on stderr.
run_capture ct hooks install
assert_eq 1 "$LAST_RC" "exit code of hooks install next to a foreign hook"
printf 'pre-commit: installed\npost-checkout: installed\n' >../expect
test_cmp ../expect "$OUT"
expect_stderr_contains "left alone '$hooks/post-merge': not a claimtrack hook"
expect_stderr_contains "1 hook was left alone"
cmp -s ../foreign "$hooks/post-merge" || fail "the foreign hook was changed"
grep -qx "installed_by='$CLAIMTRACK'" "$hooks/pre-commit" || fail "pre-commit not installed next to a foreign hook"
grep -qx "installed_by='$CLAIMTRACK'" "$hooks/post-checkout" || fail "post-checkout not installed"
expect_ok ct hooks status
cat >../expect <<EOF2
pre-commit     installed, runs $CLAIMTRACK
post-merge     not claimtrack's ('claimtrack hooks install --force' replaces it)
post-checkout  installed, runs $CLAIMTRACK
EOF2
test_cmp ../expect "$OUT"

# --force replaces it; a second install changes nothing.
expect_ok ct hooks install --force
cat >../expect <<'EOF2'
pre-commit: up to date
post-merge: installed (replaced a foreign hook)
post-checkout: up to date
EOF2
test_cmp ../expect "$OUT"
expect_ok ct hooks install
cat >../expect <<'EOF2'
pre-commit: up to date
post-merge: up to date
post-checkout: up to date
EOF2
test_cmp ../expect "$OUT"

# A hook of ours installed by another binary (or an older claimtrack) is outdated, and updated.
sed -i "s|^installed_by=.*|installed_by='/opt/old/claimtrack'|" "$hooks/pre-commit"
chmod -x "$hooks/post-checkout"
expect_ok ct hooks status --json
json_assert "$OUT" "[(h['state'], h['binary']) for h in d] == [('outdated', '/opt/old/claimtrack'), ('installed', '$CLAIMTRACK'), ('outdated', '$CLAIMTRACK')]"
expect_ok ct hooks install
cat >../expect <<'EOF2'
pre-commit: updated
post-merge: up to date
post-checkout: updated
EOF2
test_cmp ../expect "$OUT"
[ -x "$hooks/post-checkout" ] || fail "post-checkout not made executable again"
grep -qx "installed_by='$CLAIMTRACK'" "$hooks/pre-commit" || fail "pre-commit not updated"

# The hook works in the clone.
h=$(head_of)
claim=$(git ls-files 'claims/*.json' | head -n 1)
sed -i 's/"text":\t"/"text":\t"EDITED /' "$claim"
git add "$claim"
if env -u CLAIMTRACK git commit -q -m "hand edit" >../commit.out 2>&1; then
	fail "the hook let a broken record in"
fi
grep -q "$claim" ../commit.out || fail "the hook did not name the record: $(cat ../commit.out)"
assert_eq "$h" "$(head_of)" "HEAD after the refused commit"
git checkout -q HEAD -- "$claim"

# core.hooksPath elsewhere: git would not run these hooks, and claimtrack says so.
git config core.hooksPath /somewhere/else
expect_ok ct hooks status
expect_stderr_contains "core.hooksPath is set"
git config --unset core.hooksPath

# Usage errors and no desk.
expect_fail 2 ct hooks uninstall
expect_stderr_contains "unknown hooks action: 'uninstall'"
expect_fail 2 ct hooks status --force
expect_fail 2 ct hooks install --json
expect_fail 2 ct hooks install status
cd ..
mkdir plain
expect_fail 4 ct -C plain hooks install
[ ! -e plain/.git ] || fail "hooks install outside a desk created something"

# init in an existing repository with a hook of its own: the desk is made, that hook left alone
# (with a warning), the others installed.
git init -q mine
printf '#!/bin/sh\nexit 0\n' >mine/.git/hooks/pre-commit
chmod +x mine/.git/hooks/pre-commit
cp mine/.git/hooks/pre-commit foreign-pre-commit
run_capture ct init mine
assert_eq 0 "$LAST_RC" "exit code of init next to a foreign hook"
assert_eq "Initialized claims desk 'mine' in mine" "$(cat "$OUT")" "init's output"
expect_stderr_contains "claimtrack: warning: left alone '$PWD/mine/.git/hooks/pre-commit': not a claimtrack hook"
cmp -s foreign-pre-commit mine/.git/hooks/pre-commit || fail "init changed the foreign hook"
expect_ok ct -C mine hooks status --json
json_assert "$OUT" "[h['state'] for h in d] == ['foreign', 'installed', 'installed']"

# The bash completion offers the actions of hooks.
out=$(bash --norc --noprofile -c '. "$1"; COMP_WORDS=(claimtrack hooks ""); COMP_CWORD=2
	COMP_LINE="claimtrack hooks "; COMP_POINT=${#COMP_LINE}; _claimtrack; printf "%s\n" "${COMPREPLY[@]}"' \
	_ "$SRC_ROOT/docs/claimtrack.bash")
assert_eq "install status" "$(echo $out)" "completion of 'claimtrack hooks '"
