#!/bin/sh
# make demo: builds a desk from the example story (six invented outlets covering one invented
# flood) and walks through the workflow. Usage: sh examples/demo.sh /path/to/claimtrack
set -eu
CT=${1:?usage: demo.sh /path/to/claimtrack}
here=$(cd "$(dirname "$0")" && pwd)
story=$here/story
desk=$(pwd)/build/demo-desk
report=$(pwd)/build/demo-report.html

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
# Align the claims across outlets: the rewrite and the translation are recognised as copies.
step "$CT" match --stats
step "$CT" sources
step "$CT" claims --source northwire
step "$CT" claims --search "gate closed"
id=$("$CT" claims --source herald --type quantity -n 1 | cut -c1-8)
step "$CT" show "$id"
step "$CT" log -n 3
step "$CT" validate
step git fsck --strict

# Two reviewers judge a few claims of the sloppy rewrite against the other outlets, then the
# desk's report is written as one HTML page.
claim() { # claim SOURCE WORDS: the id of the one claim of SOURCE matching WORDS
	"$CT" claims --source "$1" --search "$2" | cut -d' ' -f1
}
if [ -f "$story/sloppy-rewrite.txt" ]; then
	ana="Ana Ruiz <ana@desk.example>"
	bo="Bo Lind <bo@desk.example>"
	homes=$(claim sloppy-rewrite "homes uninhabitable")
	vos=$(claim sloppy-rewrite "Senator Vos inquiry")
	surge=$(claim sloppy-rewrite "surge peaked")
	gate=$(claim sloppy-rewrite "steel gates estuary")
	emergency=$(claim sloppy-rewrite "state emergency")
	step "$CT" config organisation.name "Port Alder Fact Desk"
	step "$CT" review "$homes" --verdict contradicted -e "$(claim herald "homes uninhabitable")" \
		-e "$(claim northwire "41 homes")" --note "herald and the wire both say 41 homes" --reviewer "$ana"
	step "$CT" review "$homes" --verdict contradicted -e "$(claim herald "homes uninhabitable")" --reviewer "$bo"
	step "$CT" review "$vos" --verdict contradicted -e "$(claim herald "Vos inquiry")" \
		--note "Vos is the harbour minister, not a senator" --reviewer "$ana"
	step "$CT" review "$vos" --verdict corroborated -e "$(claim herald "Vos inquiry")" \
		--note "the inquiry and its 30 days are right" --reviewer "$bo"
	step "$CT" review "$surge" --verdict corroborated -e "$(claim northwire "surge peaked")" \
		-e "$(claim herald "surge peaked")" --reviewer "$ana"
	step "$CT" review "$gate" --verdict contradicted -e "$(claim herald "steel gates estuary")" \
		--note "the gate failed on Tuesday" --reviewer "$bo"
	step "$CT" review "$emergency" --verdict unverifiable --note "only the herald dates it" --reviewer "$bo"
	step "$CT" status
	step "$CT" report --format html -o "$report"
fi
printf '\nThe demo desk is %s (a git repository: try git log there).\n' "$desk"
if [ -f "$story/sloppy-rewrite.txt" ]; then
	printf 'The HTML report of the example story is %s\n' "$report"
fi
