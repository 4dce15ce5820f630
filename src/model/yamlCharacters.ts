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

// Candidates, in a plain character class (V8 runs it many times faster than an exact pattern with
// lookarounds): control characters, CR, surrogates, U+FFFE/FFFF. Most records hold none.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point here
const SUSPECT = /[\x00-\x08\x0b-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff]/g;

/**
 * Where the characters a record may not hold are (at most `limit` of them): each candidate that is
 * not part of a CRLF or of a surrogate pair.
 */
export function unreadableAt(text: string, limit = Infinity): number[] {
  const found: number[] = [];
  const suspect = new RegExp(SUSPECT);
  for (let m = suspect.exec(text); m && found.length < limit; m = suspect.exec(text)) {
    const i = m.index;
    const c = text.charCodeAt(i);
    const next = text.charCodeAt(i + 1);
    if (c === 13 && next === 10) continue;
    if (c >= 0xd800 && c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
      suspect.lastIndex = i + 2;
      continue;
    }
    found.push(i);
  }
  return found;
}

export function findUnreadableCharacter(text: string): UnreadableCharacter | undefined {
  SUSPECT.lastIndex = 0;
  if (!SUSPECT.test(text)) return undefined;
  const all = unreadableAt(text);
  if (all.length === 0) return undefined;
  const more = all.length - 1;
  const at = all[0];
  const lineStart = text.lastIndexOf('\n', at - 1) + 1;
  let line = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < at; i = text.indexOf('\n', i + 1)) line++;
  const column = [...text.slice(lineStart, at)].length + 1;
  const field = fieldAt(text, lineStart, at);
  const where = `at column ${column}${field ? ` of the \`${field}\` line` : ''}`;
  const others = more === 0 ? '' : ` (and ${more} more in the file)`;
  const code = text.charCodeAt(at);
  const name = `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
  const retype = field ? `retype the ${field}` : 'retype that text';
  if (code === 13) {
    return {
      line,
      message:
        `a carriage return (CR) on its own ${where}` +
        `${others}: YAML starts a new line there, other programs do not, so the record is not read`,
      fix:
        `${retype} with an ordinary line break, or save the file with LF or CRLF line endings (an ` +
        'old Mac or pasted text leaves lone CRs)',
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
  const lineEnd = text.indexOf('\n', lineStart);
  const line = text.slice(lineStart, lineEnd < 0 ? undefined : lineEnd);
  const own = KEY_LINE.exec(line);
  if (own && lineStart + own[0].length <= at) return own[2];
  let indent = own ? own[1].length : leadingSpaces(line);
  const above = text.slice(0, lineStart).split('\n');
  for (let n = above.length - 2; n >= 0 && indent > 0; n--) {
    const match = KEY_LINE.exec(above[n]);
    if (match && match[1].length < indent) return match[2];
    const text = above[n].trimStart();
    if (text !== '' && !text.startsWith('#')) indent = Math.min(indent, leadingSpaces(above[n]));
  }
  return undefined;
}

function leadingSpaces(line: string): number {
  let n = 0;
  while (line.charCodeAt(n) === 32) n++;
  return n;
}
