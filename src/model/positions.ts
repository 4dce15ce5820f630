import type { Document, LineCounter, Node as YamlNode } from 'yaml';
import { CORE_YAML_OPTIONS, documentData, keyName, readCoreYaml } from './coreSchema.js';
import { yamlLib } from './yamlLib.js';
import { canonicalJson } from './planHash.js';
import type { Source } from './workspace.js';

/** A field's position in a record: keys and list indexes from the file's top. */
export type FieldPath = readonly (string | number)[];

interface Located {
  doc: Document;
  lines: LineCounter;
}

const parsed = new WeakMap<Source, Located | null>();

/** Set while findings are judged for their words only (withoutLines): no file is parsed again for a line. */
let linesOff = 0;

/**
 * Runs `judge` with every lineOf answering undefined: for findings that are compared or said
 * without their line (a write's warnings), which then cost no second parse of the files they are in.
 */
export function withoutLines<T>(judge: () => T): T {
  linesOff++;
  try {
    return judge();
  } finally {
    linesOff--;
  }
}

function locate(source: Source): Located | null {
  if (parsed.has(source)) return parsed.get(source)!;
  let located: Located | null = null;
  try {
    const { LineCounter, parseDocument } = yamlLib();
    const lines = new LineCounter();
    const text = source.text();
    const doc = parseDocument(text, { ...CORE_YAML_OPTIONS, lineCounter: lines, uniqueKeys: false });
    // The two libraries build different structures from a few odd documents (`---[]`, `- -` over
    // two lines): no line at all is better than a line that points at the wrong field.
    if (canonicalJson(documentData(doc)) === canonicalJson(readCoreYaml(text) ?? null)) located = { doc, lines };
  } catch {
    located = null;
  }
  parsed.set(source, located);
  return located;
}

/**
 * The 1-based line of a field, found by parsing the file again with positions. Only files with
 * findings pay for this; the loader's fast path keeps no positions. When the path runs out (a
 * missing key), the line of the deepest node that exists.
 */
export function lineOf(source: Source, path: FieldPath): number | undefined {
  if (linesOff) return undefined;
  const located = locate(source);
  if (!located) return undefined;
  const { isMap, isSeq } = yamlLib();
  let node: unknown = located.doc.contents;
  let offset = (node as YamlNode | null)?.range?.[0];
  for (const step of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => keyName(p.key) === String(step));
      if (!pair) break;
      offset = (pair.key as YamlNode | null)?.range?.[0] ?? offset;
      node = pair.value;
    } else if (isSeq(node) && typeof step === 'number' && step < node.items.length) {
      node = node.items[step];
      offset = (node as YamlNode | null)?.range?.[0] ?? offset;
    } else {
      break;
    }
  }
  return offset === undefined ? undefined : located.lines.linePos(offset).line;
}
