import jsYaml from 'js-yaml';
import { CORE_YAML_OPTIONS, readCoreYaml } from './coreSchema.js';
import { yamlLib } from './yamlLib.js';
import { isPlainAscii, isPlainAsciiBytes, readFast } from './fastYaml.js';
import { findUnreadableCharacter } from './yamlCharacters.js';
import { MAX_FILE_BYTES } from './limits.js';

/** A file larger than this is refused: a month of one person's outcomes is a few hundred KiB. */
export { MAX_FILE_BYTES } from './limits.js';
/**
 * What the data may grow to when aliases are expanded, relative to the text: rules, schemas and
 * the plan hash walk every expanded value, so a few aliases of a large anchor are a bomb too.
 */
export const MAX_EXPANSION = 10;

const SYNTAX_FIX =
  'correct the YAML syntax at that line (text that contains ": " or " #", or ' +
  'starts with a special character such as *, &, [ or {, must be in quotes)';

export type ParsedYaml = { ok: true; value: unknown } | { ok: false; message: string; line?: number; fix?: string };

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Bytes to text, refusing what is not a YAML record before any parser sees it. `plain` is set when
 * the text is printable ASCII and LF only (isPlainAscii), found from the bytes: most records are, and
 * they need no UTF-8 decoding, no look for NUL or a BOM, and no second scan by parseYaml.
 */
export function decodeRecord(bytes: Uint8Array): { ok: true; text: string; plain?: true } | { ok: false; message: string; fix: string } {
  if (bytes.length <= MAX_FILE_BYTES && isPlainAsciiBytes(bytes)) {
    const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('latin1');
    return /^[ \t\r\n]*$/.test(text) ? emptyFile() : { ok: true, text, plain: true };
  }
  if (bytes.length > MAX_FILE_BYTES) {
    return {
      ok: false,
      message: `file is ${(bytes.length / 1048576).toFixed(1)} MiB, over the ${MAX_FILE_BYTES / 1048576} MiB limit for one record`,
      fix: 'split it, or remove what does not belong in the records repository',
    };
  }
  if (bytes.includes(0))
    return {
      ok: false,
      message: 'file is binary, not YAML text (it contains NUL bytes)',
      fix: 'remove it, or restore the record from git (`git checkout -- FILE`)',
    };
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    return { ok: false, message: 'file is not UTF-8 text', fix: 'save it as UTF-8 in your editor' };
  }
  if (/^[ \t\r\n]*$/.test(text)) return emptyFile();
  return { ok: true, text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text };
}

function emptyFile(): { ok: false; message: string; fix: string } {
  return { ok: false, message: 'file is empty', fix: 'write the record, or delete the file' };
}

/**
 * YAML to plain data as the YAML 1.2 core schema reads it (src/model/coreSchema.ts: dates and
 * timestamps stay strings). A file holding a control character or a lone CR is refused, whichever
 * path would read it. Records in careplan's own flat shapes are read by the exact fast path;
 * everything else by js-yaml, which refuses duplicate keys and more than one document. js-yaml
 * shares an aliased value rather than copying it, so an alias bomb costs nothing to parse; what it
 * would expand to is measured (within a budget) before anything walks it.
 */
export function parseYaml(text: string, knownPlain?: true): ParsedYaml {
  // Printable ASCII and LF only (most records): nothing to refuse, and nothing for the fast path to
  // look at one by one; one scan of the text instead of two (none when decodeRecord found it from the bytes).
  const plain = knownPlain ?? isPlainAscii(text);
  const unreadable = plain ? undefined : findUnreadableCharacter(text);
  if (unreadable) return { ok: false, ...unreadable };
  // Most bytes of a large repository are append-only lists in careplan's own flat shape.
  const fast = readFast(text, plain);
  if (fast !== undefined) return { ok: true, value: fast };
  let value: unknown;
  try {
    value = readCoreYaml(text) ?? null;
  } catch (error) {
    if (error instanceof jsYaml.YAMLException) return explainJsYamlError(text, error);
    throw error;
  }
  const problem = text.includes('*') ? aliasProblem(value, MAX_EXPANSION * text.length + 10_000) : undefined;
  if (problem === 'bomb') return aliasBomb();
  if (problem === 'loop') {
    return {
      ok: false,
      message: 'an alias (*name) is used inside the value it names, so the record has no end',
      fix: 'write the value out instead of using anchors and aliases',
    };
  }
  return { ok: true, value };
}

function explainJsYamlError(text: string, error: jsYaml.YAMLException): ParsedYaml {
  const reason = error.reason ?? error.message;
  const line = error.mark ? error.mark.line + 1 : undefined;
  // A second document is the first thing to fix (an alias into it, for one, cannot resolve).
  if (/expected a single document/.test(reason) || /^(?:---|\.\.\.)(?:[ \t\r]|$)/m.test(text)) {
    const second = secondDocument(text);
    if (second) return second;
  }
  if (/duplicated mapping key/.test(reason)) {
    return {
      ok: false,
      message: 'a key appears twice in the same mapping',
      line,
      fix: 'keep one of them: a duplicate key silently hides a value',
    };
  }
  const tag = /^unknown tag !<(.*)>/.exec(reason)?.[1];
  if (tag !== undefined) {
    const shown = tag.replace(/^tag:yaml\.org,2002:/, '!!');
    return {
      ok: false,
      message: `unknown tag ${shown} (records are plain YAML: no tags)`,
      line,
      fix: 'remove the tag (a value starting with ! or !!)',
    };
  }
  const alias = /^unidentified alias "(.*)"/.exec(reason)?.[1];
  if (alias !== undefined) {
    return {
      ok: false,
      message: `alias *${alias} names no anchor set before it`,
      line,
      fix: 'define the anchor (&name) before using the alias, or write the value out',
    };
  }
  return { ok: false, message: reason, line, fix: SYNTAX_FIX };
}

/** js-yaml gives no position for a second document; `yaml` finds where it starts. */
function secondDocument(text: string): ParsedYaml | undefined {
  const docs = yamlLib().parseAllDocuments(text, CORE_YAML_OPTIONS);
  if (!Array.isArray(docs) || docs.length < 2) return undefined;
  const start = docs[1].range[0];
  return {
    ok: false,
    message: 'file holds more than one YAML document (a `---` separator)',
    line: lineAt(text, start),
    fix: 'keep one record per file',
  };
}

function aliasBomb(): ParsedYaml {
  return {
    ok: false,
    message: `aliases expand to more than ${MAX_EXPANSION} times the file's own size: this looks like a YAML alias bomb`,
    fix: 'write the values out instead of using anchors and aliases',
  };
}

class Leave {
  constructor(readonly node: object) {}
}

/**
 * What is wrong with the data's aliases, if anything: a loop (an alias inside the value it names),
 * or more than `budget` characters with every alias counted as a full copy. The walk stops as soon
 * as the budget is spent, so a bomb costs no more than the budget to find.
 */
function aliasProblem(root: unknown, budget: number): 'loop' | 'bomb' | undefined {
  let left = budget;
  const inside = new Set<object>();
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const node = stack.pop();
    if (node instanceof Leave) {
      inside.delete(node.node);
      continue;
    }
    if (typeof node === 'string') left -= node.length + 1;
    else if (node !== null && typeof node === 'object') {
      if (inside.has(node)) return 'loop';
      inside.add(node);
      stack.push(new Leave(node));
      left -= 1;
      if (Array.isArray(node)) for (const item of node) stack.push(item);
      else {
        for (const [key, item] of Object.entries(node)) {
          left -= key.length;
          stack.push(item);
        }
      }
    } else {
      left -= 1;
    }
    if (left < 0) return 'bomb';
  }
  return undefined;
}

function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}
