import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { mappingProblems, toMapping, type CqcMapping } from '../audit/cqcMapping.js';
import { UsageError } from '../errors.js';
import type { Workspace } from '../model/workspace.js';
import { CONFIG_FILE } from './loader.js';
import { parseYaml } from '../model/yamlText.js';

/** The mapping shipped with the package. */
export const SHIPPED_MAPPING = fileURLToPath(new URL('../../data/cqc-mapping.yaml', import.meta.url));

function readMapping(file: string, shown: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(
      `${shown}: cannot read the CQC mapping${code === 'ENOENT' ? ': there is no such file' : ` (${(error as Error).message})`}.`,
      `Correct \`cqc_mapping\` in ${CONFIG_FILE} (a path relative to it), or remove it to use the mapping shipped with careplan.`,
    );
  }
  const parsed = parseYaml(text);
  if (!parsed.ok) {
    throw new UsageError(`${shown}${parsed.line ? `:${parsed.line}` : ''}: the CQC mapping is not valid YAML: ${parsed.message}.`, parsed.fix ?? 'Correct the YAML syntax.');
  }
  return parsed.value;
}

/**
 * The CQC mapping for a repository: the shipped one, with the measures of the file named by
 * `cqc_mapping` in careplan.yaml (relative to it) put over it. A mapping that is not sound is a
 * configuration error naming the file and each problem.
 */
export function loadCqcMapping(ws: Workspace): CqcMapping {
  const shipped = readMapping(SHIPPED_MAPPING, SHIPPED_MAPPING);
  const shippedProblems = mappingProblems(shipped, true);
  if (shippedProblems.length) throw new Error(`the shipped ${SHIPPED_MAPPING} is not sound: ${shippedProblems.join('; ')}`);
  const base = toMapping(shipped);
  const override = ws.config?.data.cqc_mapping;
  if (override === undefined) return base;
  const file = path.resolve(ws.root, override);
  const value = readMapping(file, override);
  const problems = mappingProblems(value, false);
  if (problems.length) {
    throw new UsageError(
      `${override} (cqc_mapping in ${CONFIG_FILE}) is not a sound CQC mapping:\n${problems.map((p) => `  - ${p}`).join('\n')}`,
      `Each entry under \`measures\` maps a measure id to key_question, quality_statements (a list) and evidence_category; see ${SHIPPED_MAPPING}.`,
    );
  }
  return toMapping(value, base);
}
