import { existsSync, readFileSync } from 'node:fs';

/**
 * careplan's own name and version, read from the package.json that ships beside dist/ (and src/),
 * so `--version` and the CI templates' pinned `careplan@<version>` never drift from a release.
 */
export const PACKAGE: { name: string; version: string } = JSON.parse(readFileSync(packageJson(), 'utf8'));

/** The package's package.json: beside src/ and dist/, or beside dist/ from dist/bundle/ (scripts/bundle.js). */
function packageJson(): URL {
  const beside = new URL('../package.json', import.meta.url);
  return existsSync(beside) ? beside : new URL('../../package.json', import.meta.url);
}
