/**
 * Characters a record must not hold, found before any parser reads it, so every read path (the
 * fast path, js-yaml, the history readers) refuses the same files with the same finding.
 *
 * - Non-printable characters (YAML 1.2 section 5.1: C0 controls other than tab, LF and CR; DEL;
 *   C1 controls other than NEL; U+FFFE, U+FFFF; broken surrogates). YAML refuses the stream;
 *   js-yaml only notices them inside values, so careplan checks the whole text itself.
 * - A CR that is not part of a CRLF. YAML breaks the line there, but git, diff, terminals and many
 *   editors do not, so the record would say one thing to careplan and another to whoever reads it.
 *
 * The finding names the line, the column and the field, never the text around it: the text is a
 * person's record.
 */

export interface UnreadableCharacter {
  message: string;
  line: number;
  fix: string;
}

// A quick look first: most records are printable ASCII with LF or CRLF line ends.
const SUSPECT = /[^\t\n\x20-\x7e]/;
const UNREADABLE = /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]|\r(?!\n)/g;

export function findUnreadableCharacter(text: string): UnreadableCharacter | undefined {
  if (!SUSPECT.test(text)) return undefined;
  UNREADABLE.lastIndex = 0;
  const found = UNREADABLE.exec(text);
  if (!found) return undefined;
  let more = 0;
  while (UNREADABLE.exec(text)) more++;
  const at = found.index;
  const lineStart = text.lastIndexOf('\n', at - 1) + 1;
  let line = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < at; i = text.indexOf('\n', i + 1)) line++;
  const column = [...text.slice(lineStart, at)].length + 1;
  const field = fieldAt(text, lineStart, at);
  const where = `at column ${column}${field ? ` of the \`${field}\` line` : ''}`;
  const others = more === 0 ? '' : ` (and ${more} more in the file)`;
  const code = found[0].codePointAt(0) ?? 0;
  const name = `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
  const retype = field ? `retype the ${field}` : 'retype that text';
  if (found[0] === '\r') {
    return {
      line,
      message: `a carriage return (CR) on its own ${where}${others}: YAML starts a new line there, other programs do not, so the record is not read`,
      fix: `${retype} with an ordinary line break, or save the file with LF or CRLF line endings (an old Mac or pasted text leaves lone CRs)`,
    };
  }
  const kind = code >= 0xd800 && code <= 0xdfff ? 'a broken character' : code >= 0xfffe ? 'a non-character' : 'a control character';
  return {
    line,
    message: `${kind} ${name} ${where}${others}, which a YAML record may not hold, so the record is not read`,
    fix: `${retype} without it (text pasted from another program can carry invisible characters)`,
  };
}

const KEY_LINE = /^( *)(?:- +)?([a-z_][a-z0-9_]*) *:(?: |$)/;

/**
 * The field whose line holds the character: the key on its line (when the character comes after
 * it), else the nearest key above with less indentation (a value running over several lines).
 * Only careplan's own key names (lowercase words), never free text.
 */
function fieldAt(text: string, lineStart: number, at: number): string | undefined {
  let end = text.indexOf('\n', lineStart);
  const own = KEY_LINE.exec(text.slice(lineStart, end < 0 ? undefined : end));
  if (own && lineStart + own[0].length <= at) return own[2];
  let indent = own ? own[1].length : /^ */.exec(text.slice(lineStart))![0].length;
  for (let start = lineStart; start > 0;) {
    end = start - 1;
    start = text.lastIndexOf('\n', end - 1) + 1;
    const match = KEY_LINE.exec(text.slice(start, end));
    if (match && match[1].length < indent) return match[2];
    const lineIndent = /^ */.exec(text.slice(start, end))![0].length;
    if (text.slice(start, end).trim() !== '' && lineIndent < indent) indent = lineIndent;
  }
  return undefined;
}
