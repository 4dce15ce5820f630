import { chmodSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { blobIdOf, gitContent } from '../../src/repo/blobIds.js';
import { workTreeStatus } from '../../src/repo/git.js';
import { listRecordFiles } from '../../src/repo/loader.js';
import { gitIn, gitRepo } from '../helpers/repo.js';

/**
 * `check` takes the files that differ from git's index from the `git status` it runs anyway,
 * instead of a `git diff-files` of its own. Either way, a blob id git vouches for must be the id
 * of the bytes on disk: a kept finding or a cached record is only as true as that.
 */
describe('files git vouches for, from git status or from git diff-files', () => {
  it('every vouched blob is the blob of the file on disk, after every kind of change, in a records folder below the top', async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 12; i++) files[`records/people/p-${i}/plan.yaml`] = `version: ${i}\n`;
    files['records/careplan.yaml'] = 'timezone: Europe/London\n';
    files['elsewhere/other.yaml'] = 'x: 1\n';
    const top = await gitRepo(files);
    const root = path.join(top, 'records');
    const at = (rel: string) => path.join(root, rel);
    writeFileSync(at('people/p-0/plan.yaml'), 'version: 100\n');
    // The same size and a second later: only content can tell.
    writeFileSync(at('people/p-1/plan.yaml'), 'version: 9\n');
    utimesSync(at('people/p-2/plan.yaml'), new Date(), new Date(Date.now() + 1000));
    rmSync(at('people/p-3/plan.yaml'));
    writeFileSync(at('people/p-4/plan.yaml'), 'version: 44\n');
    await gitIn(top, ['add', 'records/people/p-4/plan.yaml']);
    writeFileSync(at('people/p-4/plan.yaml'), 'version: 444\n');
    writeFileSync(at('people/p-5/plan.yaml'), 'version: 55\n');
    await gitIn(top, ['add', 'records/people/p-5/plan.yaml']);
    writeFileSync(at('people/p-6/new.yaml'), 'untracked: true\n');
    writeFileSync(at('people/p-7/intent.yaml'), 'intent: true\n');
    await gitIn(top, ['add', '-N', 'records/people/p-7/intent.yaml']);
    chmodSync(at('people/p-8/plan.yaml'), 0o755);
    writeFileSync(path.join(top, 'elsewhere/other.yaml'), 'x: 2\n');

    const status = await workTreeStatus(root);
    expect(status).toBeDefined();
    const byStatus = await gitContent(root, Promise.resolve(status!.differFromIndex));
    const byDiffFiles = await gitContent(root);
    const listed = listRecordFiles(root).files;
    for (const content of [byStatus!, byDiffFiles!]) {
      const vouched = listed.filter((file) => content.blobs.has(file));
      for (const file of vouched) expect(content.blobs.get(file), file).toBe(blobIdOf(readFileSync(at(file))));
      // Unchanged files are vouched for; changed ones are not (they are hashed from disk).
      expect(vouched).toContain('people/p-9/plan.yaml');
      expect(vouched).toContain('careplan.yaml');
      for (const file of ['people/p-0/plan.yaml', 'people/p-1/plan.yaml', 'people/p-4/plan.yaml', 'people/p-6/new.yaml'])
        expect(vouched, file).not.toContain(file);
    }
    // Status compared content, so the touched file and the staged one stay vouched for.
    expect(byStatus!.blobs.get('people/p-2/plan.yaml')).toBe(blobIdOf(readFileSync(at('people/p-2/plan.yaml'))));
    expect(byStatus!.blobs.get('people/p-5/plan.yaml')).toBe(blobIdOf(readFileSync(at('people/p-5/plan.yaml'))));
    // No status (outside git, or git failed): nothing is vouched for.
    expect(await gitContent(root, Promise.resolve(undefined))).toBeUndefined();
  });
});
