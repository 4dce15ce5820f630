import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { mappingProblems, toMapping, type CqcMapping } from '../audit/cqcMapping.js';
import { UsageError } from '../errors.js';
import type { Finding } from '../model/findings.js';
import { lineOf } from '../model/positions.js';
import type { Workspace } from '../model/workspace.js';
import { decodeRecord, parseYaml } from '../model/yamlText.js';
import { loadFinding } from '../rules/loading.js';
import { symlinkFinding } from '../rules/symlinks.js';
import { CONFIG_FILE } from './configFile.js';
import { inspectPath, partsInside, readInside, sizeText, type PathState } from './safePath.js';

/** The mapping shipped with the package. */
export const SHIPPED_MAPPING = fileURLToPath(new URL('../../data/cqc-mapping.yaml', import.meta.url));

/** A CQC mapping is a page of YAML (the shipped one is a few KiB); anything larger is not one. */
export const MAX_MAPPING_BYTES = 1024 * 1024;

/** Why the file careplan.yaml names cannot be the mapping; words about the path, never the file's content. */
export interface MappingPathProblem {
  link: boolean;
  message: string;
  fix: string;
}

const FIX_PATH =
  `keep the mapping in the records repository (for example .careplan/cqc-mapping.yaml) and set \`cqc_mapping\` in ${CONFIG_FILE} ` +
  'to its path relative to it, or remove `cqc_mapping` to use the mapping shipped with careplan';

/**
 * The mapping must be a regular file inside the repository, reached without a link, under
 * MAX_MAPPING_BYTES: careplan.yaml comes with the records (a contributor, a zip), so it must not
 * be able to make careplan read, or print, any other file on the machine.
 */
export function mappingPathProblem(configured: string, inspect: (rel: string) => PathState): MappingPathProblem | undefined {
  // The configured value is never quoted: careplan.yaml is free text to a finding, and findings end up in CI logs.
  const shown = 'cqc_mapping';
  const parts = partsInside(configured);
  if (!parts)
    return {
      link: false,
      message: `${shown} is outside the records repository; careplan reads a CQC mapping only from a file inside it`,
      fix: FIX_PATH,
    };
  const state = inspect(parts.join('/'));
  switch (state.kind) {
    case 'file':
      if (state.size <= MAX_MAPPING_BYTES) return undefined;
      return {
        link: false,
        message: `${shown} is ${sizeText(state.size)}, over the ${sizeText(MAX_MAPPING_BYTES)} limit for a CQC mapping`,
        fix: FIX_PATH,
      };
    case 'missing':
      return { link: false, message: `${shown}: there is no such file`, fix: FIX_PATH };
    case 'link':
      return {
        link: true,
        message: `${shown} leads through a symbolic link, and careplan never follows a link`,
        fix: `replace the link with the mapping file itself; ${FIX_PATH}`,
      };
    case 'outside':
      return {
        link: false,
        message: `${shown} is outside the records repository; careplan reads a CQC mapping only from a file inside it`,
        fix: FIX_PATH,
      };
    default:
      return { link: false, message: `${shown} is not a regular file`, fix: FIX_PATH };
  }
}

/** The mapping file's content as data, or why it is not YAML (the parser's words, never the content). */
function mappingValue(bytes: Uint8Array): { ok: true; value: unknown } | { ok: false; message: string; line?: number } {
  const decoded = decodeRecord(bytes);
  if (!decoded.ok) return { ok: false, message: decoded.message };
  const parsed = parseYaml(decoded.text);
  return parsed.ok ? parsed : { ok: false, message: `not valid YAML: ${parsed.message}`, line: parsed.line };
}

/**
 * What `check` and `validate` say about the mapping careplan.yaml names: a path it may not read
 * (a link is `symlink`, the rest `schema`, at careplan.yaml's `cqc_mapping` line), or a mapping
 * that is not sound (`schema`, in the mapping file). Nothing when careplan.yaml names none.
 */
export function mappingFindings(ws: Workspace, reader: { read(file: string): Uint8Array; inspect?(file: string): PathState }): Finding[] {
  const configured = ws.config?.data.cqc_mapping;
  if (configured === undefined || !ws.config) return [];
  const inspect = reader.inspect ?? ((): PathState => ({ kind: 'missing' }));
  const problem = mappingPathProblem(configured, inspect);
  const at = { file: CONFIG_FILE, line: lineOf(ws.config.source, ['cqc_mapping']) };
  if (problem) return [problem.link ? symlinkFinding('symlink', { ...at, ...problem }) : loadFinding('schema', { ...at, ...problem })];
  const file = partsInside(configured)!.join('/');
  let value: ReturnType<typeof mappingValue>;
  try {
    value = mappingValue(reader.read(file));
  } catch (error) {
    return [
      loadFinding('schema', {
        ...at,
        message: `cqc_mapping cannot be read (${(error as NodeJS.ErrnoException).code ?? 'unreadable'})`,
        fix: FIX_PATH,
      }),
    ];
  }
  if (!value.ok)
    return [
      loadFinding('yaml-syntax', {
        file,
        line: value.line,
        message: `the CQC mapping ${value.message}`,
        fix: 'correct the mapping (see data/cqc-mapping.yaml in careplan for its shape)',
      }),
    ];
  return mappingProblems(value.value, false).map((message) =>
    loadFinding('schema', {
      file,
      message: `the CQC mapping is not sound: ${message}`,
      fix: 'correct the mapping (see data/cqc-mapping.yaml in careplan for its shape)',
    }),
  );
}

/**
 * The CQC mapping for a repository: the shipped one, with the measures of the file named by
 * `cqc_mapping` in careplan.yaml (relative to it) put over it. A path careplan may not read, or a
 * mapping that is not sound, is a configuration error naming the file and each problem.
 */
export function loadCqcMapping(ws: Workspace): CqcMapping {
  const shipped = mappingValue(readFileSync(SHIPPED_MAPPING));
  const shippedProblems = shipped.ok ? mappingProblems(shipped.value, true) : [shipped.message];
  if (!shipped.ok || shippedProblems.length) throw new Error(`the shipped ${SHIPPED_MAPPING} is not sound: ${shippedProblems.join('; ')}`);
  const base = toMapping(shipped.value);
  const override = ws.config?.data.cqc_mapping;
  if (override === undefined) return base;
  const refuse = (message: string, fix: string): never => {
    throw new UsageError(`${CONFIG_FILE}: ${message}; the audit was not made.`, `${fix[0].toUpperCase()}${fix.slice(1)}.`);
  };
  const problem = mappingPathProblem(override, (rel) => inspectPath(ws.root, rel));
  if (problem) refuse(problem.message, problem.fix);
  const file = partsInside(override)!.join('/');
  let value: ReturnType<typeof mappingValue>;
  try {
    value = mappingValue(readInside(ws.root, file, MAX_MAPPING_BYTES));
  } catch (error) {
    return refuse(`cqc_mapping cannot be read (${(error as NodeJS.ErrnoException).code ?? 'unreadable'})`, FIX_PATH);
  }
  if (!value.ok) {
    throw new UsageError(`${file}${value.line ? `:${value.line}` : ''}: the CQC mapping is ${value.message}.`, 'Correct the YAML syntax.');
  }
  const problems = mappingProblems(value.value, false);
  if (problems.length) {
    throw new UsageError(
      `${override} (cqc_mapping in ${CONFIG_FILE}) is not a sound CQC mapping:\n${problems.map((p) => `  - ${p}`).join('\n')}`,
      `Each entry under \`measures\` maps a measure id to key_question, quality_statements (a list) and evidence_category; see ` +
        `${SHIPPED_MAPPING}.`,
    );
  }
  return toMapping(value.value, base);
}
