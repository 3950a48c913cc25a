# bash completion for claimtrack
_claimtrack_sources()
{
	claimtrack ${1:+-C "$1"} sources --json 2>/dev/null | sed -n 's/^[[:space:]]*"id":[[:space:]]*"\([^"]*\)".*/\1/p'
}

_claimtrack()
{
	local cur prev words cword
	if declare -F _init_completion >/dev/null; then
		_init_completion || return
	else
		cur=${COMP_WORDS[COMP_CWORD]}
		prev=${COMP_WORDS[COMP_CWORD-1]}
		words=("${COMP_WORDS[@]}")
		cword=$COMP_CWORD
	fi
	local commands="init add sources claims show log validate index extract compare help"
	local i cmd= dir=
	for ((i = 1; i < cword; i++)); do
		case ${words[i]} in
		-C) dir=${words[i+1]}; ((i++)) ;;
		-*) ;;
		*) cmd=${words[i]}; break ;;
		esac
	done
	if [[ $prev == -C ]]; then
		COMPREPLY=($(compgen -d -- "$cur"))
		return
	fi
	if [[ -z $cmd ]]; then
		COMPREPLY=($(compgen -W "$commands -C --no-color --color --version --help" -- "$cur"))
		return
	fi
	local opts
	case $cmd in
	init) opts="--name --help" ;;
	add) opts="--id --outlet --published --url --title --help" ;;
	sources) opts="--json --help" ;;
	claims) opts="--source --search --status --all --type --limit --json --help" ;;
	show) opts="--json --help" ;;
	log) opts="--max-count --json --help" ;;
	validate) opts="--staged --help" ;;
	index) opts="--rebuild --help" ;;
	extract) opts="--published --json --help" ;;
	compare) opts="--published --json --help" ;;
	help) COMPREPLY=($(compgen -W "$commands" -- "$cur")); return ;;
	esac
	case $prev in
	--source|-s) COMPREPLY=($(compgen -W "$(_claimtrack_sources "$dir")" -- "$cur")); return ;;
	--status) COMPREPLY=($(compgen -W "active superseded withdrawn" -- "$cur")); return ;;
	--type) COMPREPLY=($(compgen -W "quantity quote statement event prediction position rule causation other" -- "$cur")); return ;;
	--id|--outlet|--published|--url|--title|--name|--search|--limit|-n|--max-count) return ;;
	esac
	if [[ $cur == -* ]]; then
		COMPREPLY=($(compgen -W "$opts" -- "$cur"))
		return
	fi
	case $cmd in
	add|extract|compare) COMPREPLY=($(compgen -f -- "$cur")) ;;
	init) COMPREPLY=($(compgen -d -- "$cur")) ;;
	show|log) COMPREPLY=($(compgen -W "$(_claimtrack_sources "$dir")" -- "$cur")) ;;
	esac
}
complete -F _claimtrack claimtrack
