import { kindWords, type CompletionSpec } from './spec.js';

/** One fish word, whatever it holds. */
const fishQuote = (text: string): string => `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

type Row = [pattern: string, lines: string[]];

/** A `switch` function printing lines; `described` lines are name, tab, description (fish shows both). */
function switchFunction(name: string, doc: string, rows: Row[], after: string[] = []): string {
  const body = rows
    .filter(([, lines]) => lines.length)
    .flatMap(([pattern, lines]) => [`        case ${pattern}`, `            printf '%s\\n' ${lines.map(fishQuote).join(' ')}`]);
  return [`# ${doc}`, `function ${name}`, '    switch $argv[1]', ...body, '    end', ...after.map((l) => `    ${l}`), 'end'].join('\n');
}

const item = (name: string, description: string) => `${name}\t${description.replace(/\s+/g, ' ')}`;

/** The fish completion script: `careplan completion fish`. */
export function fishScript(spec: CompletionSpec): string {
  const n = spec.name;
  const fn = `__${n}`;
  const values: Row[] = spec.commands.flatMap((c) =>
    c.options.filter((o) => o.value).flatMap((o) => o.flags.map((f): Row => [fishQuote(`${c.path}|${f}`), [kindWords(o.value!)]])),
  );
  const globalValues = spec.globals
    .filter((o) => o.value)
    .flatMap((o) => o.flags.map((f): Row => [fishQuote(`*|${f}`), [kindWords(o.value!)]]));
  const globals = spec.globals.flatMap((o) => o.flags.map((f) => item(f, o.description)));
  return `# fish completion for ${n}: commands, options, and the people and staff ids of the records
# repository (asked of \`${n} completion --ids\`, which prints ids only, never names).
# Install: ${n} completion fish > ~/.config/fish/completions/${n}.fish

${switchFunction(
  `${fn}_commands`,
  'The subcommands of a command path, each with its description.',
  spec.commands.map((c) => [fishQuote(c.path), c.subcommands.map((s) => item(s.name, s.description))]),
)}

${switchFunction(
  `${fn}_options`,
  'The options of a command path, then the global ones.',
  spec.commands.map((c) => [fishQuote(c.path), c.options.flatMap((o) => o.flags.map((f) => item(f, o.description)))]),
  [`printf '%s\\n' ${globals.map(fishQuote).join(' ')}`],
)}

# What the value of option $argv[2] of command path $argv[1] is (nothing: it takes none).
function ${fn}_value
    switch "$argv[1]|$argv[2]"
${[...values, ...globalValues].map(([pattern, [kind]]) => `        case ${pattern}\n            echo ${fishQuote(kind)}`).join('\n')}
    end
end

${switchFunction(
  `${fn}_arguments`,
  'What each argument of a command path is; a last line "..." repeats the one before.',
  spec.commands.map((c) => [fishQuote(c.path), [...c.args.map(kindWords), ...(c.variadic ? ['...'] : [])]]),
)}

# What a value of kind $argv[1] may be, starting with $argv[2] (--repo $argv[3], else the repository here).
function ${fn}_kind
    switch $argv[1]
        case people staff
            if test -n "$argv[3]"
                command ${n} --repo $argv[3] completion --ids $argv[1] 2>/dev/null
            else
                command ${n} completion --ids $argv[1] 2>/dev/null
            end
        case file
            __fish_complete_path $argv[2]
        case dir
            __fish_complete_directories $argv[2]
        case 'choices *'
            string split ' ' -- (string replace 'choices ' '' -- $argv[1])
    end
end

function ${fn}_complete
    set -l tokens (commandline -opc)
    set -e tokens[1]
    set -l cur (commandline -ct)
    set -l cmdpath ${n}
    set -l repo ''
    set -l expect ''
    set -l nargs 0
    # Walk the words before the cursor: the command path, option values, and how many arguments.
    for word in $tokens
        if test -n "$expect"
            test "$expect" = --repo; and set repo $word
            set expect ''
        else if string match -q -- '--repo=*' $word
            set repo (string replace -- '--repo=' '' $word)
        else if string match -q -- '-*' $word
            set -l value (${fn}_value $cmdpath $word)
            if not string match -q -- '*=*' $word; and test -n "$value"
                set expect $word
            end
        else if test $nargs -eq 0; and contains -- $word (${fn}_commands $cmdpath | string replace -r '\\t.*' '')
            set cmdpath "$cmdpath $word"
        else
            set nargs (math $nargs + 1)
        end
    end
    if test -n "$expect"
        ${fn}_kind (${fn}_value $cmdpath $expect) $cur $repo
        return
    end
    if string match -q -- '-*' $cur
        ${fn}_options $cmdpath
        return
    end
    test $nargs -eq 0; and ${fn}_commands $cmdpath
    set -l kinds (${fn}_arguments $cmdpath)
    set -l count (count $kinds)
    if test $count -gt 0; and test "$kinds[$count]" = '...'
        set count (math $count - 1)
        test $nargs -ge $count; and set nargs (math $count - 1)
    end
    if test $nargs -lt $count
        ${fn}_kind $kinds[(math $nargs + 1)] $cur $repo
    end
end

complete -c ${n} -f -a '(${fn}_complete)'
`;
}
