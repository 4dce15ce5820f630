import jsYaml from 'js-yaml';
import { createRequire } from 'node:module';
import { parseEntryList, parseRecordMapping } from './fastYaml.js';

// The \`yaml\` package (~40 ms to load) is needed only for anchors, line numbers and error messages:
// loaded on first use, so commands that meet none of them do not pay for it.
const require = createRequire(import.meta.url);
let yaml: typeof import('yaml') | undefined;
export function yamlPackage(): typeof import('yaml') {
  yaml ??= require('yaml') as typeof import('yaml');
  return yaml;
}

/** A file larger than this is refused: a month of one person's outcomes is a few hundred KiB. */
export const MAX_FILE_BYTES = 10 * 1024 * 1024;
/**
 * Alias uses `yaml` allows per anchor (weighted by the aliases inside it) before refusing the file:
 * stops an exponential "billion laughs" before it is built. Plain reuse (`by: *ben` in a month of
 * outcomes) stays well under it.
 */
export const MAX_ALIASES = 10_000;
/**
 * What the data may grow to when aliases are expanded, relative to the text: rules, schemas and
 * the plan hash walk every expanded value, so a few aliases of a large anchor are a bomb too.
 */
export const MAX_EXPANSION = 10;

const SYNTAX_FIX = 'correct the YAML syntax at that line (text that contains ": " or " #", or starts with a special character such as *, &, [ or {, must be in quotes)';

export type ParsedYaml =
  | { ok: true; value: unknown }
  | { ok: false; message: string; line?: number; fix?: string };

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Bytes to text, refusing what is not a YAML record before any parser sees it. */
export function decodeRecord(bytes: Uint8Array): { ok: true; text: string } | { ok: false; message: string; fix: string } {
  if (bytes.length > MAX_FILE_BYTES) {
    return { ok: false, message: `file is ${(bytes.length / 1048576).toFixed(1)} MiB, over the ${MAX_FILE_BYTES / 1048576} MiB limit for one record`, fix: 'split it, or remove what does not belong in the records repository' };
  }
  if (bytes.includes(0)) return { ok: false, message: 'file is binary, not YAML text (it contains NUL bytes)', fix: 'remove it, or restore the record from git (`git checkout -- FILE`)' };
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    return { ok: false, message: 'file is not UTF-8 text', fix: 'save it as UTF-8 in your editor' };
  }
  if (text.trim() === '') return { ok: false, message: 'file is empty', fix: 'write the record, or delete the file' };
  return { ok: true, text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text };
}

// Anchors (&a) and aliases (*a) can appear only after a space, a line start or a flow indicator.
const ANCHOR_OR_ALIAS = /(^|[\s,[{:-])[&*][^\s,[\]{}]/m;

/**
 * YAML to plain data, dates and timestamps left as strings (the YAML 1.2 core schema). Records
 * without anchors take js-yaml's fast path (about ten times faster than `yaml` on a large
 * repository); a file that uses anchors or aliases goes through `yaml`, which bounds alias
 * expansion. Both refuse duplicate keys and more than one document.
 */
export function parseYaml(text: string): ParsedYaml {
  // Most bytes of a large repository are append-only lists in careplan's own flat shape.
  const first = text.trimStart()[0];
  if (first === '-' || first === '[') {
    const entries = parseEntryList(text);
    if (entries !== undefined) return { ok: true, value: entries };
  } else if (first !== undefined && first >= 'a' && first <= 'z') {
    const record = parseRecordMapping(text);
    if (record !== undefined) return { ok: true, value: record };
  }
  if (!ANCHOR_OR_ALIAS.test(text)) {
    try {
      return { ok: true, value: jsYaml.load(text, { schema: jsYaml.CORE_SCHEMA }) };
    } catch (error) {
      if (error instanceof jsYaml.YAMLException) {
        const reason = error.reason ?? error.message;
        const line = error.mark ? error.mark.line + 1 : undefined;
        if (/duplicated mapping key/.test(reason)) {
          return { ok: false, message: 'a key appears twice in the same mapping', line, fix: 'keep one of them: a duplicate key silently hides a value' };
        }
        if (/expected a single document/.test(reason)) {
          // js-yaml gives no position for this one; `yaml` finds where the second document starts.
          return parseWithAliases(text);
        }
        return { ok: false, message: reason, line, fix: SYNTAX_FIX };
      }
      throw error;
    }
  }
  return parseWithAliases(text);
}

function parseWithAliases(text: string): ParsedYaml {
  // resolveKnownTags: false keeps `!!timestamp` and `!!binary` from becoming Date or bytes, as
  // js-yaml's core schema refuses them; an unresolved tag is then a warning, treated as an error.
  const docs = yamlPackage().parseAllDocuments(text, { schema: 'core', uniqueKeys: true, prettyErrors: true, resolveKnownTags: false });
  // Only comments (which may mention `*` or `&`): no document, like js-yaml's null.
  if (docs.length === 0) return { ok: true, value: null };
  if (docs.length > 1) {
    return { ok: false, message: 'file holds more than one YAML document (a `---` separator)', line: docs[1].range ? lineAt(text, docs[1].range[0]) : undefined, fix: 'keep one record per file' };
  }
  const [doc] = docs;
  const error = doc.errors[0] ?? doc.warnings.find((w) => w.code === 'TAG_RESOLVE_FAILED');
  if (error) {
    const line = error.linePos?.[0].line;
    if (error.code === 'DUPLICATE_KEY') return { ok: false, message: 'a key appears twice in the same mapping', line, fix: 'keep one of them: a duplicate key silently hides a value' };
    if (error.code === 'TAG_RESOLVE_FAILED') {
      const tag = /Unresolved tag: (\S+)/.exec(error.message)?.[1] ?? '';
      return { ok: false, message: `unknown tag ${tag} (records are plain YAML: no tags)`, line, fix: 'remove the tag (a value starting with ! or !!)' };
    }
    return { ok: false, message: error.message.split('\n')[0], line, fix: SYNTAX_FIX };
  }
  try {
    const value = doc.toJS({ maxAliasCount: MAX_ALIASES });
    if (!withinSize(value, MAX_EXPANSION * text.length + 10_000)) return aliasBomb();
    return { ok: true, value };
  } catch (err) {
    if (err instanceof ReferenceError && /Unresolved alias/.test(err.message)) {
      const name = /: (.*)$/.exec(err.message)?.[1];
      return { ok: false, message: `alias *${name ?? ''} names no anchor set before it`, fix: 'define the anchor (&name) before using the alias, or write the value out' };
    }
    if (err instanceof ReferenceError || (err instanceof Error && /alias/i.test(err.message))) return aliasBomb();
    throw err;
  }
}

function aliasBomb(): ParsedYaml {
  return { ok: false, message: `aliases expand to more than ${MAX_EXPANSION} times the file's own size: this looks like a YAML alias bomb`, fix: 'write the values out instead of using anchors and aliases' };
}

/** Whether the data, with every alias counted as a full copy, stays within `budget` characters. */
function withinSize(root: unknown, budget: number): boolean {
  let left = budget;
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const node = stack.pop();
    if (typeof node === 'string') left -= node.length + 1;
    else if (Array.isArray(node)) {
      left -= 1;
      for (const item of node) stack.push(item);
    } else if (node !== null && typeof node === 'object') {
      left -= 1;
      for (const [key, item] of Object.entries(node)) {
        left -= key.length;
        stack.push(item);
      }
    } else {
      left -= 1;
    }
    if (left < 0) return false;
  }
  return true;
}

function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}
