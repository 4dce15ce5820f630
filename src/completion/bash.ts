import { posixTables } from './posix.js';
import type { CompletionSpec } from './spec.js';

/** The bash completion script: `careplan completion bash`. */
export function bashScript(spec: CompletionSpec): string {
  const n = spec.name;
  return `# bash completion for ${n}: commands, options, and the people and staff ids of the records
# repository (asked of \`${n} completion --ids\`, which prints ids only, never names).
# Install: ${n} completion bash > ~/.local/share/bash-completion/completions/${n}
#      or: echo 'source <(${n} completion bash)' >> ~/.bashrc

${posixTables(spec, (name) => name)}

# The ids of people or staff ($1) in the records repository (--repo $2, else the one here).
_${n}_ids() {
  if [[ -n $2 ]]; then command ${n} --repo "$2" completion --ids "$1" 2>/dev/null
  else command ${n} completion --ids "$1" 2>/dev/null; fi
}

# Adds what a value of kind $1 may be, starting with $2, to COMPREPLY.
_${n}_complete_kind() {
  local IFS=$'\\n' choices
  case $1 in
    people|staff) COMPREPLY+=($(compgen -W "$(_${n}_ids "$1" "$3")" -- "$2")) ;;
    file) compopt -o filenames 2>/dev/null; COMPREPLY+=($(compgen -f -- "$2")) ;;
    dir) compopt -o filenames 2>/dev/null; COMPREPLY+=($(compgen -d -- "$2")) ;;
    'choices '*) choices=\${1#choices }; COMPREPLY+=($(compgen -W "\${choices// /$'\\n'}" -- "$2")) ;;
  esac
}

_${n}() {
  local cur=\${COMP_WORDS[COMP_CWORD]} cmdpath=${n} repo='' expect='' word i nargs=0 count
  local -a kinds
  COMPREPLY=()
  # Walk the words before the cursor: the command path, option values, and how many arguments.
  for ((i = 1; i < COMP_CWORD; i++)); do
    word=\${COMP_WORDS[i]}
    if [[ -n $expect ]]; then
      [[ $expect == --repo ]] && repo=$word
      expect=''
    elif [[ $word == --repo=* ]]; then
      repo=\${word#--repo=}
    elif [[ $word == -* ]]; then
      [[ $word != *=* && -n $(_${n}_value "$cmdpath" "$word") ]] && expect=$word
    elif ((nargs == 0)) && [[ $'\\n'$(_${n}_commands "$cmdpath")$'\\n' == *$'\\n'"$word"$'\\n'* ]]; then
      cmdpath+=" $word"
    else
      nargs=$((nargs + 1))
    fi
  done
  repo=\${repo/#\\~/$HOME}
  if [[ -n $expect ]]; then
    _${n}_complete_kind "$(_${n}_value "$cmdpath" "$expect")" "$cur" "$repo"
    return 0
  fi
  if [[ $cur == -* ]]; then
    COMPREPLY=($(compgen -W "$(_${n}_options "$cmdpath")" -- "$cur"))
    return 0
  fi
  ((nargs == 0)) && COMPREPLY=($(compgen -W "$(_${n}_commands "$cmdpath")" -- "$cur"))
  local IFS=$'\\n'
  kinds=($(_${n}_arguments "$cmdpath"))
  unset IFS
  count=\${#kinds[@]}
  if ((count > 0)) && [[ \${kinds[count - 1]} == ... ]]; then
    count=$((count - 1))
    ((nargs >= count)) && nargs=$((count - 1))
  fi
  ((nargs < count)) && _${n}_complete_kind "\${kinds[nargs]}" "$cur" "$repo"
  return 0
}

complete -F _${n} ${n}
`;
}
