import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { PROJECT } from '../helpers/repo.js';

/**
 * bin/careplan.js runs dist/bundle/cli.cjs compiled with the V8 code cache the build wrote beside it
 * (bin/loadBundle.js, scripts/code-cache.js). The cache must be the one for this bundle and this
 * Node, a cache V8 does not accept must cost nothing but time, and code compiled that way cannot
 * import() anything, so the bundle must hold no import().
 */

const LOADER = pathToFileURL(path.join(PROJECT, 'bin', 'loadBundle.js')).href;

/**
 * Compiles the bundle in a process of its own (V8 keeps what it compiled, so a second compile of
 * the same text in one process never looks at the cache it is given) with `cache`: the build's, or
 * bytes that are not one; says whether V8 set the cache aside and what `careplan --version` prints.
 */
function compiledWith(cache: 'built' | 'damaged'): { rejected: boolean; version: string } {
  const script = `
    import { readFileSync } from 'node:fs';
    import { createRequire } from 'node:module';
    import path from 'node:path';
    import { BUNDLE, CODE_CACHE, compileBundle } from ${JSON.stringify(LOADER)};
    const script = compileBundle(${cache === 'built' ? 'readFileSync(CODE_CACHE)' : "Buffer.from('not a code cache')"});
    const module = { exports: {} };
    script.runInThisContext()(module.exports, createRequire(BUNDLE), module, BUNDLE, path.dirname(BUNDLE));
    let version = '';
    const io = {
      cwd: process.cwd(), env: { NO_COLOR: '1' }, stdout: { write: (t) => (version += t) }, stderr: { write: () => true },
      stdin: process.stdin, now: Date.now,
    };
    await module.exports.run(['--version'], io);
    console.log(JSON.stringify({ rejected: script.cachedDataRejected, version: version.trim() }));
  `;
  return JSON.parse(
    execFileSync(process.execPath, ['--input-type=module', '-e', script], {
      cwd: PROJECT,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    }),
  );
}

const VERSION: string = JSON.parse(readFileSync(path.join(PROJECT, 'package.json'), 'utf8')).version;

describe('the bundle and its code cache', () => {
  it('the cache the build wrote is the one V8 takes for this bundle on this Node', () => {
    expect(compiledWith('built')).toEqual({ rejected: false, version: VERSION });
  });

  it('a cache V8 does not take is set aside, and the CLI compiled without it runs as ever', () => {
    expect(compiledWith('damaged')).toEqual({ rejected: true, version: VERSION });
  });

  it('holds no import(): code compiled from a script has no loader to import with', () => {
    expect(readFileSync(path.join(PROJECT, 'dist', 'bundle', 'cli.cjs'), 'utf8')).not.toMatch(/\bimport\(/);
  });
});
