import { decodeRecord, parseYaml } from '../model/yamlText.js';

/** A file's content from git as plain data; undefined when it is not a readable YAML record. */
export function parseContent(content: Buffer | undefined): unknown {
  if (content === undefined) return undefined;
  const decoded = decodeRecord(content);
  if (!decoded.ok) return undefined;
  const parsed = parseYaml(decoded.text);
  return parsed.ok ? (parsed.value ?? undefined) : undefined;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
