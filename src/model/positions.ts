import type { Document, LineCounter, Node as YamlNode } from 'yaml';
import { CORE_YAML_OPTIONS, documentData, keyName, readCoreYaml } from './coreSchema.js';
import { yamlLib } from './yamlLib.js';
import { canonicalJson } from './planHash.js';
import { scanLines, scannedLine } from './lineScan.js';
import type { Source } from './workspace.js';

/** A field's position in a record: keys and list indexes from the file's top. */
export type FieldPath = readonly (string | number)[];

interface Located {
  doc: Document;
  lines: LineCounter;
}

const parsed = new WeakMap<Source, Located | null>();
const scanned = new WeakMap<Source, ReturnType<typeof scanLines> | null>();

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

/** The file laid out line by line (lineScan.ts), once per source; null when its lines do not say what they are. */
function scan(source: Source): ReturnType<typeof scanLines> | null {
  let found = scanned.get(source);
  if (found === undefined) {
    try {
      found = scanLines(source.text()) ?? null;
    } catch {
      found = null;
    }
    scanned.set(source, found);
  }
  return found;
}

/**
 * The 1-based line of a field. Only files with findings pay for this; the loader's fast path
 * keeps no positions. A file whose lines say what they are is laid out from its text (lineScan.ts,
 * microseconds); any other is parsed again with positions by the `yaml` package. When the path
 * runs out (a missing key), the line of the deepest node that exists.
 */
export function lineOf(source: Source, path: FieldPath): number | undefined {
  if (linesOff) return undefined;
  const laidOut = scan(source);
  const quick = laidOut ? scannedLine(laidOut, path) : undefined;
  return quick ?? lineInDocument(source, path);
}

/** lineOf from the `yaml` package's document of the file (when it reads the file as js-yaml does). */
export function lineInDocument(source: Source, path: FieldPath): number | undefined {
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
