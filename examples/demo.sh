#!/bin/sh
# make demo: builds a desk from the example story (six invented outlets covering one invented
# flood) and walks through the workflow. Usage: sh examples/demo.sh /path/to/claimtrack
set -eu
CT=${1:?usage: demo.sh /path/to/claimtrack}
here=$(cd "$(dirname "$0")" && pwd)
story=$here/story
desk=$(pwd)/build/demo-desk

# The demo must also run on a machine with no git identity configured.
if [ -z "$(git config user.name 2>/dev/null)" ] || [ -z "$(git config user.email 2>/dev/null)" ]; then
	export GIT_AUTHOR_NAME="${GIT_AUTHOR_NAME:-Demo Desk}"
	export GIT_AUTHOR_EMAIL="${GIT_AUTHOR_EMAIL:-demo@claimtrack.invalid}"
fi
if [ -t 1 ] && [ -z "${NO_COLOR:-}" ]; then bold=$(printf '\033[1m'); off=$(printf '\033[0m'); else bold= off=; fi

step() { printf '\n%s$ %s%s\n' "$bold" "$*" "$off" | sed "s|$CT|claimtrack|"; "$@"; }

rm -rf "$desk"
step "$CT" init "$desk"
cd "$desk"
step "$CT" add --id herald --outlet "Harbour Herald" --published 2025-10-15 \
	--url https://harbour-herald.example/news/saltmere-gate "$story/harbour-herald.txt"
step "$CT" add --id coastline --outlet "Coastline Daily" --published 2025-10-15 \
	--url https://coastline-daily.example/port-alder-flood "$story/coastline-daily.txt"
step "$CT" add --id northwire --outlet "Northwire" --published 2025-10-15 \
	--url https://northwire.example/wire/port-alder "$story/wire-service.txt"
for f in sloppy-rewrite translated-copy opinion-column; do
	[ -f "$story/$f.txt" ] || continue
	case $f in
	sloppy-rewrite) outlet="NewsNow Aggregator" ;;
	translated-copy) outlet="Le Courrier du Port (translated)" ;;
	opinion-column) outlet="Harbour Herald Opinion" ;;
	esac
	step "$CT" add --id "$f" --outlet "$outlet" --published 2025-10-16 "$story/$f.txt"
done
step "$CT" add --id herald "$story/harbour-herald.txt"
step "$CT" sources
step "$CT" claims --source northwire
step "$CT" claims --search "gate closed"
id=$("$CT" claims --source herald --type quantity -n 1 | cut -c1-8)
step "$CT" show "$id"
step "$CT" log -n 3
step "$CT" validate
step git fsck --strict
printf '\nThe demo desk is %s (a git repository: try git log there).\n' "$desk"
