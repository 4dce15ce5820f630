import { createRequire } from 'node:module';
import type * as Yaml from 'yaml';
import type * as YamlUtil from 'yaml/util';

/**
 * The `yaml` package, loaded the first time something needs it: a line number for a finding, a
 * document careplan's fast reader hands on, or a write. Loading it takes about 30 ms, and a
 * command whose records are all read by the fast path with no findings (a `validate` in the
 * pre-commit hook, most checks) never needs it. Its node build is CommonJS, so `require` gives the
 * very module an `import` of it gives (one `Scalar` class for both).
 */
const require = createRequire(import.meta.url);

let lib: typeof Yaml | undefined;
let util: typeof YamlUtil | undefined;

export const yamlLib = (): typeof Yaml => (lib ??= require('yaml') as typeof Yaml);
export const yamlUtil = (): typeof YamlUtil => (util ??= require('yaml/util') as typeof YamlUtil);
