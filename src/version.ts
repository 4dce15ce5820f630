import { readFileSync } from 'node:fs';

/**
 * careplan's own name and version, read from the package.json that ships beside dist/ (and src/),
 * so `--version` and the CI templates' pinned `careplan@<version>` never drift from a release.
 */
export const PACKAGE: { name: string; version: string } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
