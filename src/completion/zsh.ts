import { posixTables } from './posix.js';
import type { CompletionSpec } from './spec.js';

/** `name:description` for _describe; a colon in the name would end it early. */
const described = (name: string, description: string) => `${name.replace(/:/g, '\\:')}:${description.replace(/\s+/g, ' ')}`;

/** The zsh completion script: `careplan completion zsh`. */
export function zshScript(spec: CompletionSpec): string {
  const n = spec.name;
  return `#compdef ${n}
# zsh completion for ${n}: commands, options, and the people and staff ids of the records
# repository (asked of \`${n} completion --ids\`, which prints ids only, never names).
# Install: ${n} completion zsh > ~/.zfunc/_${n}   (with fpath+=(~/.zfunc) before compinit in ~/.zshrc)
#      or: source <(${n} completion zsh)   (after compinit, e.g. in ~/.zshrc)

${posixTables(spec, described)}

# The ids of people or staff ($1) in the records repository (--repo $2, else the one here).
_${n}_ids() {
  if [[ -n $2 ]]; then command ${n} --repo "$2" completion --ids "$1" 2>/dev/null
  else command ${n} completion --ids "$1" 2>/dev/null; fi
}

# Offers what a value of kind $1 may be.
_${n}_complete_kind() {
  case $1 in
    people|staff) compadd -- \${(f)"$(_${n}_ids "$1" "$2")"} ;;
    file) _files ;;
    dir) _files -/ ;;
    'choices '*) compadd -- \${=1#choices } ;;
  esac
}

_${n}() {
  local cmdpath=${n} repo='' expect='' word i nargs=0 count
  local -a kinds names entries
  # Walk the words before the cursor: the command path, option values, and how many arguments.
  for ((i = 2; i < CURRENT; i++)); do
    word=\${words[i]}
    if [[ -n $expect ]]; then
      [[ $expect == --repo ]] && repo=$word
      expect=''
    elif [[ $word == --repo=* ]]; then
      repo=\${word#--repo=}
    elif [[ $word == -* ]]; then
      [[ $word != *=* && -n $(_${n}_value "$cmdpath" "$word") ]] && expect=$word
    else
      names=(\${\${(f)"$(_${n}_commands "$cmdpath")"}%%:*})
      if ((nargs == 0 && \${names[(Ie)$word]})); then
        cmdpath+=" $word"
      else
        nargs=$((nargs + 1))
      fi
    fi
  done
  [[ $repo == '~'* ]] && repo=$HOME\${repo#\\~}
  if [[ -n $expect ]]; then
    _${n}_complete_kind "$(_${n}_value "$cmdpath" "$expect")" "$repo"
    return 0
  fi
  if [[ \${words[CURRENT]} == -* ]]; then
    entries=(\${(f)"$(_${n}_options "$cmdpath")"})
    _describe -t options 'option' entries
    return 0
  fi
  if ((nargs == 0)); then
    entries=(\${(f)"$(_${n}_commands "$cmdpath")"})
    ((\${#entries})) && _describe -t commands 'command' entries
  fi
  kinds=(\${(f)"$(_${n}_arguments "$cmdpath")"})
  count=\${#kinds}
  if ((count > 0)) && [[ \${kinds[count]} == ... ]]; then
    count=$((count - 1))
    ((nargs >= count)) && nargs=$((count - 1))
  fi
  ((nargs < count)) && _${n}_complete_kind "\${kinds[nargs + 1]}" "$repo"
  return 0
}

if [[ \${funcstack[1]} == _${n} ]]; then
  _${n} "$@"
else
  compdef _${n} ${n}
fi
`;
}
