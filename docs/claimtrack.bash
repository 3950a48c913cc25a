# bash completion for claimtrack(1); installed as share/bash-completion/completions/claimtrack.
# Completes the global options, the commands, each command's long options (keep these in step
# with `claimtrack help <command>`), files for add/extract/compare, directories after -C and
# for init, source ids (read from `claimtrack sources --json`) for --source, show and log, the
# actions of hooks, and remote names (from `git remote`) for sync.
# Claim ids are not completed: listing every claim would be too slow on a big desk.
# shellcheck disable=SC2207  # COMPREPLY=($(compgen ...)) with IFS set is the usual idiom

# _claimtrack_sources DIR: the source ids of the desk in DIR (or of the current directory).
_claimtrack_sources()
{
	local prog=${_claimtrack_prog:-claimtrack}
	if [[ -n $1 ]]; then
		"$prog" -C "$1" sources --json 2>/dev/null
	else
		"$prog" sources --json 2>/dev/null
	fi | sed -n 's/^[[:space:]]*"id":[[:space:]]*"\([^"]*\)".*/\1/p'
}

# _claimtrack_remotes DIR: the git remotes of the desk in DIR (or of the current directory).
_claimtrack_remotes()
{
	command -v git >/dev/null 2>&1 || return
	git -C "${1:-.}" remote 2>/dev/null
}

# _claimtrack_reply WORDLIST: COMPREPLY = the words of WORDLIST that start with $cur.
_claimtrack_reply()
{
	local IFS=$' \t\n'
	COMPREPLY=($(compgen -W "$1" -- "$cur"))
}

# _claimtrack_files [-d]: files (or, with -d, directories) matching $cur, names with spaces kept.
_claimtrack_files()
{
	local IFS=$'\n'
	compopt -o filenames 2>/dev/null
	if [[ ${1:-} == -d ]]; then
		COMPREPLY=($(compgen -d -- "$cur"))
	else
		COMPREPLY=($(compgen -f -- "$cur"))
	fi
}

_claimtrack()
{
	local cur prev words cword split=false
	if declare -F _init_completion >/dev/null 2>&1; then
		_init_completion -s || return
	else
		cur=${COMP_WORDS[COMP_CWORD]}
		prev=${COMP_WORDS[COMP_CWORD - 1]}
		words=("${COMP_WORDS[@]}")
		cword=$COMP_CWORD
		# Without bash-completion, "--opt=value" arrives as three words: --opt, =, value.
		if [[ $cur == = ]]; then
			cur=
			split=true
		elif [[ $prev == = ]] && ((cword >= 2)); then
			prev=${words[cword - 2]}
			split=true
		fi
	fi

	local commands="init add sources claims show log validate index extract review status config compare match report sync hooks help"
	local globals="-C --no-color --color --version --help"
	local _claimtrack_prog=${words[0]:-claimtrack}
	local i w cmd='' dir=''

	# The command is the first word that is not a global option (or the value of -C).
	for ((i = 1; i < cword; i++)); do
		w=${words[i]}
		case $w in
		-C) ((i++)); ((i < cword)) && dir=${words[i]} ;;
		-C?*) dir=${w#-C} ;;
		-*) ;;
		*) cmd=$w; break ;;
		esac
	done
	[[ $dir == \~ || $dir == \~/* ]] && dir=$HOME${dir#\~}
	[[ $_claimtrack_prog == \~/* ]] && _claimtrack_prog=$HOME${_claimtrack_prog#\~}

	if [[ -z $cmd ]]; then
		if [[ $prev == -C ]]; then
			_claimtrack_files -d
		elif [[ $cur == -* ]]; then
			_claimtrack_reply "$globals"
		else
			_claimtrack_reply "$commands"
		fi
		return
	fi

	local opts
	case $cmd in
	init) opts="--name --help" ;;
	add) opts="--id --outlet --published --url --title --manifest --help" ;;
	sources) opts="--json --help" ;;
	claims) opts="--source --search --status --all --type --review --limit --json --help" ;;
	show) opts="--json --help" ;;
	log) opts="--max-count --json --help" ;;
	validate) opts="--staged --help" ;;
	index) opts="--rebuild --help" ;;
	extract) opts="--published --json --jobs --help" ;;
	compare) opts="--published --json --pairs --help" ;;
	match) opts="--source --claim --all --stats --json --jobs --help" ;;
	review) opts="--verdict --evidence --no-evidence --note --reviewer --json --interactive --source --help" ;;
	status) opts="--json --help" ;;
	config) opts="--unset --json --help" ;;
	sync) opts="--no-push --json --help" ;;
	hooks) opts="--force --json --help" ;;
	report) opts="--format --output --source --since --at --help" ;;
	help)
		((cword == i + 1)) && _claimtrack_reply "${commands% help}"
		return
		;;
	*) return ;;
	esac

	# The value of an option.
	case $prev in
	-s | --source)
		_claimtrack_reply "$(_claimtrack_sources "$dir")"
		return
		;;
	--status)
		_claimtrack_reply "active superseded withdrawn"
		return
		;;
	--verdict)
		_claimtrack_reply "corroborated contradicted unverifiable"
		return
		;;
	--review)
		_claimtrack_reply "unreviewed pending corroborated contradicted disputed unverifiable"
		return
		;;
	-f | --format)
		[[ $cmd == report ]] && _claimtrack_reply "md html json jsonld csv"
		return
		;;
	-o | --output | --manifest)
		_claimtrack_files
		return
		;;
	--type)
		_claimtrack_reply "quantity quote statement event prediction position rule causation other"
		return
		;;
	--id | --outlet | --published | --url | --title | --name | --search | -n | --limit | --max-count | \
		--evidence | -e | --note | -m | --reviewer | --since | --at | --jobs | -j)
		return
		;;
	esac
	$split && return

	if [[ $cur == -* ]]; then
		_claimtrack_reply "$opts"
		return
	fi
	case $cmd in
	add | extract | compare) _claimtrack_files ;;
	init) _claimtrack_files -d ;;
	show | log) _claimtrack_reply "$(_claimtrack_sources "$dir")" ;;
	config) ((cword == i + 1)) && _claimtrack_reply "name organisation.name organisation.url report.url review.quorum review.unverifiable" ;;
	hooks) ((cword == i + 1)) && _claimtrack_reply "install status" ;;
	sync) ((cword == i + 1)) && _claimtrack_reply "$(_claimtrack_remotes "$dir")" ;;
	esac
}
complete -F _claimtrack claimtrack
