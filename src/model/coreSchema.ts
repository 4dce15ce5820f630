import jsYaml from 'js-yaml';
import type { Document, DocumentOptions, ParseOptions, ScalarTag, SchemaOptions } from 'yaml';
import { yamlLib, yamlUtil } from './yamlLib.js';

/**
 * careplan's one definition of the YAML 1.2 core schema: js-yaml's CORE_SCHEMA. It is the
 * reference every read path is held to (a differential fuzz test checks the fast path, the js-yaml
 * path and the `yaml` package path against it), and the `yaml` package, which careplan uses for
 * line numbers, in-place edits and writing, resolves plain scalars with the very same functions.
 * Without this the two libraries disagree at the edges: `0b1` (an integer to js-yaml, text to
 * `yaml`), `+.5`, `+0x1F`, a `~:` key.
 */
export function readCoreYaml(text: string): unknown {
  return jsYaml.load(text, { schema: jsYaml.CORE_SCHEMA });
}

interface JsYamlType {
  tag: string;
  resolve(text: string): boolean;
  construct(text: string): unknown;
}

/** js-yaml's implicit types, in the order it tries them on a plain scalar: null, bool, int, float. */
const IMPLICIT = (jsYaml.CORE_SCHEMA as unknown as { compiledImplicit: JsYamlType[] }).compiledImplicit;
const implicit = (name: string): JsYamlType => {
  const type = IMPLICIT.find((t) => t.tag === `tag:yaml.org,2002:${name}`);
  if (!type) throw new Error(`js-yaml's core schema has no ${name} type`);
  return type;
};
const NULL = implicit('null');
const BOOL = implicit('bool');
const INT = implicit('int');
const FLOAT = implicit('float');

/**
 * `yaml` asks a tag whether a plain scalar is its kind through `tag.test.test(text)` (to read it,
 * and to decide whether a string must be quoted when written). Answering with js-yaml's own
 * resolver makes the answer js-yaml's by construction rather than by a second regular expression.
 */
const askJsYaml = (resolve: (text: string) => boolean): RegExp => ({ test: resolve }) as unknown as RegExp;

// Characters a record must not hold raw (yamlCharacters.ts refuses them), and invisible ones
// (BOM, line and paragraph separators, NEL) that would hide in the text.
const ESCAPED =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point here
  /[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const ESCAPED_IN_JSON = /[\u007f-\u009f\u2028\u2029\ufeff\ufffe\uffff]/g;

/**
 * A string as a double-quoted YAML scalar that is also JSON: every character a record may not
 * hold raw written as an escape, so what careplan writes it can read back.
 */
export function quotedText(value: string): string {
  return JSON.stringify(value).replace(ESCAPED_IN_JSON, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

// Text over several lines is written as a block scalar only in block context and when no line
// starts or ends in white space (Unicode spaces included): the `yaml` package wrote " \n" as `|+`
// and a line of three spaces (YAML reads "\n"), and text in a flow list as a plain scalar over
// several lines, where a line ending in ":" starts a mapping.
const EDGE_WHITE_SPACE = /(^|\n)[^\S\n]|[^\S\n](\n|$)/;

let tags: ScalarTag[] | undefined;

/** The core schema's tags for the `yaml` package, made on first use (yamlLib.ts). */
function coreTags(): ScalarTag[] {
  if (tags) return tags;
  const { Scalar } = yamlLib();
  const { mapTag, seqTag, stringTag, stringifyNumber } = yamlUtil();
  const nullTag: ScalarTag = {
    tag: NULL.tag,
    default: true,
    identify: (value) => value === null || value === undefined,
    // An empty plain scalar (`key:` with nothing after it) is null; js-yaml decides that before it
    // asks its types, `yaml` asks the tag.
    test: askJsYaml((text) => text === '' || NULL.resolve(text)),
    resolve: () => new Scalar(null),
    stringify: () => 'null',
  };

  const boolTag: ScalarTag = {
    tag: BOOL.tag,
    default: true,
    identify: (value) => typeof value === 'boolean',
    test: askJsYaml((text) => BOOL.resolve(text)),
    resolve: (text) => new Scalar(BOOL.construct(text)),
    stringify: ({ value }) => (value ? 'true' : 'false'),
  };

  const intTag: ScalarTag = {
    tag: INT.tag,
    default: true,
    identify: (value) => typeof value === 'number' && Number.isInteger(value),
    test: askJsYaml((text) => INT.resolve(text)),
    resolve: (text) => new Scalar(INT.construct(text)),
    stringify: stringifyNumber,
  };

  const floatTag: ScalarTag = {
    tag: FLOAT.tag,
    default: true,
    identify: (value) => typeof value === 'number',
    test: askJsYaml((text) => FLOAT.resolve(text)),
    resolve: (text) => new Scalar(FLOAT.construct(text)),
    stringify: stringifyNumber,
  };

  const stringTagForRecords: ScalarTag = {
    ...stringTag,
    stringify: (item, ctx, onComment, onChompKeep) => {
      const value = String(item.value);
      const quoted = ESCAPED.test(value) || (value.includes('\n') && (Boolean(ctx.inFlow) || EDGE_WHITE_SPACE.test(value)));
      return quoted ? quotedText(value) : stringTag.stringify!(item, ctx, onComment, onChompKeep);
    },
  };
  tags = [mapTag, seqTag, stringTagForRecords, nullTag, boolTag, intTag, floatTag] as ScalarTag[];
  return tags;
}

/**
 * Options for every `yaml` parse, Document and stringify in careplan. `resolveKnownTags: false`
 * keeps `!!timestamp` and `!!binary` unresolved, as js-yaml's core schema refuses them.
 */
export const CORE_YAML_OPTIONS = {
  schema: 'core',
  customTags: () => coreTags().slice(),
  resolveKnownTags: false,
} as const satisfies ParseOptions & DocumentOptions & SchemaOptions;

/**
 * How careplan writes YAML: no line folding, and double quotes as JSON writes them. `yaml`'s own
 * folded double quotes lose a character on text such as "a \n \nb" (a line of one space), and
 * JSON's escapes are YAML's.
 */
export const CORE_YAML_TO_STRING = { lineWidth: 0, minContentWidth: 0, doubleQuotedAsJSON: true } as const;

/**
 * A mapping key of a `yaml` node as js-yaml names it: the resolved scalar as a string (`~` is
 * "null", `0x1F` is "31"), so a field path taken from js-yaml's data finds its node.
 */
export function keyName(key: unknown): string | undefined {
  if (yamlLib().isScalar(key)) return String(key.value);
  return undefined;
}

/**
 * A `yaml` document's content as the plain data js-yaml would build (keys named by `keyName`), or
 * undefined when an alias loops. Line numbers come from the `yaml` document, so they are trusted
 * only where this equals what js-yaml read.
 */
export function documentData(doc: Document): unknown {
  const { isAlias, isMap, isScalar, isSeq } = yamlLib();
  const resolving = new Set<unknown>();
  const data = (node: unknown): unknown => {
    if (isAlias(node)) {
      const target = node.resolve(doc);
      if (resolving.has(target)) throw new RangeError('alias loop');
      resolving.add(target);
      const value = data(target);
      resolving.delete(target);
      return value;
    }
    if (isScalar(node)) return node.value;
    if (isSeq(node)) return node.items.map(data);
    if (isMap(node)) {
      const out: Record<string, unknown> = {};
      for (const pair of node.items) {
        const name = pair.key === null ? 'null' : (keyName(pair.key) ?? String(data(pair.key)));
        Object.defineProperty(out, name, { value: data(pair.value), enumerable: true, writable: true, configurable: true });
      }
      return out;
    }
    return null;
  };
  try {
    return data(doc.contents);
  } catch (error) {
    if (error instanceof RangeError) return undefined;
    throw error;
  }
}
