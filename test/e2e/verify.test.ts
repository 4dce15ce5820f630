import { execa } from 'execa';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { careplan, copyRepo, removeDir, tempDir } from '../helpers/repo.js';
import { by, edieHistory, git, History, OUTSIDER, planFile, planVersions, staffAuthor } from '../helpers/trail.js';

const ACKS = 'people/p-edith/acknowledgements.yaml';
const SIGNOFFS = 'people/p-edith/signoffs.yaml';

describe('careplan verify', () => {
  // Edie's fourteen commits are made once; each test changes its own copy.
  let edie: History;
  let commits: Record<string, string>;
  beforeAll(async () => {
    edie = await History.create();
    commits = await edieHistory(edie);
  });
  afterAll(() => edie.remove());

  let h: History;
  afterEach(() => h?.remove());

  async function trail(): Promise<Record<string, string>> {
    h = new History(copyRepo(edie.dir, 'careplan-trail-'));
    return commits;
  }

  it('passes a clean history and lists every sign-off', async () => {
    const c = await trail();
    const r = await careplan(['verify'], { cwd: h.dir });
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain('Sign-offs added: 3; in cryptographically signed commits: 0.');
    expect(r.stdout).toContain('No problems found (14 commits (whole history), 9 list versions, 3 sign-offs checked).');
    const json = JSON.parse((await careplan(['verify', '--format', 'json'], { cwd: h.dir })).stdout);
    expect(json.summary).toMatchObject({ errors: 0, warnings: 0, commits: 14, signoffs: 3, signedCommits: 0 });
    expect(
      json.signoffs
        .map((s: { version: number; commit: string; hashKnown: boolean; committedBySigner: boolean }) => [
          s.version,
          s.commit,
          s.hashKnown,
          s.committedBySigner,
        ])
        .sort(),
    ).toEqual([
      [1, c.sign1, true, true],
      [2, c.sign2, true, true],
      [3, c.sign3, true, true],
    ]);
  });

  it('fails when a later commit rewrites an acknowledgement, naming the commit, its author and the entry', async () => {
    await trail();
    const text = readFileSync(path.join(h.dir, ACKS), 'utf8').replace('at: 2026-10-30T07:55', 'at: 2026-10-29T18:00');
    const sha = await h.commit('fix time', { [ACKS]: text }, { author: OUTSIDER, date: '2026-11-23T10:00:00+00:00' });
    const r = await careplan(['verify'], { cwd: h.dir });
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toContain(
      `${ACKS}\n  line 1    error    commit ${sha.slice(0, 7)} (2026-11-23 10:00, Jo Bloggs <jo@elsewhere.example>, not made ` +
        'with careplan) changed entry 1 (at) of this append-only list  [append-only-rewritten]',
    );
    expect(r.stdout).toContain(`git diff ${sha.slice(0, 7)}^ ${sha.slice(0, 7)} -- ${ACKS}`);
    expect(r.stdout).toContain('1 error, 0 warnings');
    // The person's history shows the rewrite, attributed, and not as a new acknowledgement.
    const timeline = (await careplan(['history', 'p-edith'], { cwd: h.dir })).stdout.split('\n');
    expect(timeline[timeline.length - 1]).toBe(
      '2026-11-23 10:00  acknowledgements.yaml: earlier entries rewritten by Jo Bloggs <jo@elsewhere.example> (edited by hand, ' +
        `not with careplan): entry 1 changed (at)  ${sha.slice(0, 7)}`,
    );
    expect(timeline.filter((l) => l.includes('acknowledged by s-carl'))).toHaveLength(2);
    // --since the rewrite checks only what came after it.
    const since = await careplan(['verify', '--since', sha], { cwd: h.dir });
    expect(since.exitCode).toBe(0);
    expect(since.stdout).toContain('No problems found (0 commits (since');
  });

  it('fails when entries are removed or a list is deleted, and names the staff member who did it', async () => {
    await trail();
    const kept = readFileSync(path.join(h.dir, ACKS), 'utf8').split('\n').slice(1).join('\n');
    const removal = await h.commit('tidy', { [ACKS]: kept }, { author: staffAuthor('s-dana'), date: '2026-11-23T10:00:00+00:00' });
    const deletion = await h.commit(
      'clean up',
      {},
      { author: staffAuthor('s-dana'), date: '2026-11-23T11:00:00+00:00', remove: ['people/p-edith/agreements.yaml'] },
    );
    const r = await careplan(['verify', '--format', 'json'], { cwd: h.dir });
    expect(r.exitCode).toBe(1);
    const { findings } = JSON.parse(r.stdout);
    expect(findings).toEqual([
      expect.objectContaining({
        rule: 'append-only-rewritten',
        file: ACKS,
        line: 1,
        message: expect.stringContaining(
          `commit ${removal.slice(0, 7)} (2026-11-23 10:00, s-dana, not made with careplan) removed entry 1`,
        ),
      }),
      expect.objectContaining({
        rule: 'append-only-rewritten',
        file: 'people/p-edith/agreements.yaml',
        message: expect.stringContaining(
          `commit ${deletion.slice(0, 7)} (2026-11-23 11:00, s-dana, not made with careplan) deleted ` +
            'this append-only list, which held 1 entry',
        ),
      }),
    ]);
  });

  it('fails a sign-off whose hash matches no plan content git held at or before it', async () => {
    await trail();
    const [, , v3] = planVersions();
    const next = structuredClone(v3);
    next.version = 4;
    const v4 = planFile(next);
    // Signed before the content existed in git, then the content committed: still not "at or before".
    const early = await h.commit(
      'Sign v4',
      {},
      { author: staffAuthor('s-amina'), date: '2026-11-24T09:00:00+00:00', trailers: by('signoff', 's-amina') },
      { [SIGNOFFS]: `- { version: 4, plan: "${v4.hash}", by: s-amina, at: 2026-11-24T09:00 }\n` },
    );
    await h.commit(
      'Plan v4',
      { 'people/p-edith/plan.yaml': v4.text },
      { author: staffAuthor('s-ben'), date: '2026-11-24T10:00:00+00:00', trailers: by('plan', 's-ben') },
    );
    const invented = await h.commit(
      'Sign v5',
      {},
      { author: staffAuthor('s-amina'), date: '2026-11-24T11:00:00+00:00', trailers: by('signoff', 's-amina') },
      { [SIGNOFFS]: `- { version: 5, plan: "sha256:${'0'.repeat(64)}", by: s-amina, at: 2026-11-24T11:00 }\n` },
    );
    const r = await careplan(['verify'], { cwd: h.dir });
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toContain(
      `line 4    error    sign-off of version 4 by s-amina (entry 4, added in commit ${early.slice(0, 7)} (2026-11-24 09:00, ` +
        `s-amina, careplan signoff)) approves sha256:${v4.hash.slice(7, 15)}…, a plan content git never held at or before that ` +
        'commit: nothing shows what was signed  [signoff-hash-unknown]',
    );
    expect(r.stdout).toContain(`line 5    error    sign-off of version 5 by s-amina (entry 5, added in commit ${invented.slice(0, 7)}`);
    expect(r.stdout).toContain('2 errors, 0 warnings');
  });

  it('warns when a sign-off was not committed by its signer', async () => {
    await trail();
    const [, , v3] = planVersions();
    const hash = planFile(v3).hash;
    // Ben commits Amina's sign-off under his own name, with his own trailer.
    const sha = await h.commit(
      'Sign again',
      {},
      { author: staffAuthor('s-ben'), date: '2026-11-24T09:00:00+00:00', trailers: by('signoff', 's-ben') },
      { [SIGNOFFS]: `- { version: 3, plan: "${hash}", by: s-amina, at: 2026-11-24T09:00 }\n` },
    );
    const r = await careplan(['verify'], { cwd: h.dir });
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain(
      `warning  sign-off of version 3 by s-amina (entry 4, added in commit ${sha.slice(0, 7)} (2026-11-24 09:00, s-ben, ` +
        `careplan signoff)): neither the commit's author email nor a Careplan-By trailer is s-amina's, so git does not show ` +
        'the signer made it  [signoff-not-by-signer]',
    );
    expect((await careplan(['verify', '--fail-on', 'warning'], { cwd: h.dir })).exitCode).toBe(1);
    // A Careplan-By trailer naming the signer is enough (careplan committed it for her).
    h.remove();
    await trail();
    await h.commit(
      'Sign again',
      {},
      { author: staffAuthor('s-ben'), date: '2026-11-24T09:00:00+00:00', trailers: by('signoff', 's-amina') },
      { [SIGNOFFS]: `- { version: 3, plan: "${hash}", by: s-amina, at: 2026-11-24T09:00 }\n` },
    );
    const ok = await careplan(['verify', '--fail-on', 'warning'], { cwd: h.dir });
    expect(ok.exitCode).toBe(0);
  });

  it('lets an escalation gain its response, but not be reworded', async () => {
    await trail();
    const file = 'people/p-edith/escalations.yaml';
    const original = readFileSync(path.join(h.dir, file), 'utf8');
    await h.commit(
      'Respond',
      { [file]: original.replace(' }', ', response: GP informed, responded_at: 2026-11-16T09:00 }') },
      { author: staffAuthor('s-amina'), date: '2026-11-16T09:00:00+00:00', trailers: by('escalate', 's-amina') },
    );
    expect((await careplan(['verify'], { cwd: h.dir })).exitCode).toBe(0);
    const history = await careplan(['history', 'p-edith'], { cwd: h.dir });
    expect(history.stdout).toContain('response recorded to the escalation of 2026-11-15 18:00 by s-amina');
    const responded = readFileSync(path.join(h.dir, file), 'utf8');
    const sha = await h.commit(
      'Soften',
      { [file]: responded.replace('Refused lunch three days running', 'Skipped lunch') },
      { author: OUTSIDER, date: '2026-11-17T09:00:00+00:00' },
    );
    const r = await careplan(['verify', '--format', 'json'], { cwd: h.dir });
    expect(r.exitCode).toBe(1);
    const json = JSON.parse(r.stdout);
    expect(json.findings).toEqual([
      expect.objectContaining({ rule: 'append-only-rewritten', file, message: expect.stringContaining(`commit ${sha.slice(0, 7)}`) }),
    ]);
    expect(json.findings[0].message).toContain('changed entry 1 (reason)');
    // Personal data: ids, dates, commit ids and field names only; never the record's text.
    expect(r.stdout).not.toContain('lunch');
    expect(r.stdout).not.toContain('GP informed');
  });

  it("accepts a merge that keeps both branches' entries, and fails one that drops an entry", async () => {
    await trail();
    const [, , v3] = planVersions();
    const hash = planFile(v3).hash;
    const ack = (staff: string, at: string) => `- { staff: ${staff}, version: 3, plan: "${hash}", at: ${at} }\n`;
    await git(h.dir, ['checkout', '--quiet', '-b', 'tablet']);
    await h.commit(
      'Ack on the tablet',
      {},
      { author: staffAuthor('s-dana'), date: '2026-11-21T08:00:00+00:00', trailers: by('ack', 's-dana') },
      { [ACKS]: ack('s-dana', '2026-11-21T08:00') },
    );
    await git(h.dir, ['checkout', '--quiet', 'main']);
    await h.commit(
      'Ack in the office',
      {},
      { author: staffAuthor('s-ben'), date: '2026-11-21T08:30:00+00:00', trailers: by('ack', 's-ben') },
      { [ACKS]: ack('s-ben', '2026-11-21T08:30') },
    );
    await git(h.dir, ['merge', '--quiet', 'tablet', '-m', 'merge'], {}).catch(() => undefined);
    const merged = readFileSync(path.join(h.dir, ACKS), 'utf8').replace(/^[<=>]{7}.*\n/gm, '');
    writeFileSync(path.join(h.dir, ACKS), merged);
    await git(h.dir, ['add', ACKS]);
    await git(h.dir, ['commit', '--quiet', '--no-edit'], {
      GIT_AUTHOR_DATE: '2026-11-21T09:00:00+00:00',
      GIT_COMMITTER_DATE: '2026-11-21T09:00:00+00:00',
    });
    expect(merged.match(/^- /gm)).toHaveLength(5);
    const clean = await careplan(['verify'], { cwd: h.dir });
    expect(clean.stdout).toContain('No problems found');
    expect(clean.exitCode).toBe(0);

    // The same merge resolved by taking only one side loses Dana's acknowledgement.
    await git(h.dir, ['reset', '--quiet', '--hard', 'HEAD~1']);
    await git(h.dir, ['merge', '--quiet', '-s', 'ours', 'tablet', '-m', 'merge, ours'], {
      GIT_AUTHOR_DATE: '2026-11-21T09:00:00+00:00',
      GIT_COMMITTER_DATE: '2026-11-21T09:00:00+00:00',
    });
    const lost = await careplan(['verify', '--format', 'json'], { cwd: h.dir });
    expect(lost.exitCode).toBe(1);
    const { findings } = JSON.parse(lost.stdout);
    expect(findings).toEqual([
      expect.objectContaining({ rule: 'append-only-rewritten', file: ACKS, message: expect.stringContaining('removed entry 4') }),
    ]);
  });

  it('reports which sign-off commits are cryptographically signed', async () => {
    await trail();
    const keys = tempDir('careplan-keys-');
    const key = path.join(keys, 'amina');
    await execa('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'amina', '-f', key]);
    const [, , v3] = planVersions();
    const sha = await h.commit(
      'Sign again, signed',
      {},
      { author: staffAuthor('s-amina'), date: '2026-11-24T09:00:00+00:00', trailers: by('signoff', 's-amina'), signWith: key },
      { [SIGNOFFS]: `- { version: 3, plan: "${planFile(v3).hash}", by: s-amina, at: 2026-11-24T09:00 }\n` },
    );
    const unlisted = await careplan(['verify', '--format', 'json'], { cwd: h.dir });
    expect(JSON.parse(unlisted.stdout).signoffs.find((s: { commit: string }) => s.commit === sha).signature).toBe('U');
    // The repository's own allowed-signers file is not trusted (anyone could have written it) ...
    writeFileSync(path.join(keys, 'allowed'), `s-amina ${readFileSync(`${key}.pub`, 'utf8')}`);
    await git(h.dir, ['config', 'gpg.ssh.allowedSignersFile', path.join(keys, 'allowed')]);
    expect(
      JSON.parse((await careplan(['verify', '--format', 'json'], { cwd: h.dir })).stdout).signoffs.find(
        (s: { commit: string }) => s.commit === sha,
      ).signature,
    ).toBe('U');
    // ... the staff file's signing_key is.
    const staff = path.join(h.dir, 'staff/s-amina.yaml');
    writeFileSync(staff, `${readFileSync(staff, 'utf8')}signing_key: ${readFileSync(`${key}.pub`, 'utf8')}`);
    const r = await careplan(['verify'], { cwd: h.dir });
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain('Sign-offs added: 4; in cryptographically signed commits: 1.');
    expect(r.stdout).toContain(`  p-edith version 3 by s-amina, commit ${sha.slice(0, 7)}: good signature, by s-amina's listed key`);
    removeDir(keys);
  });

  it('refuses a shallow clone (exit 2); with --allow-shallow checks what it holds, starting the trail at its cut', async () => {
    await trail();
    const clone = tempDir('careplan-shallow-');
    await git(clone, ['clone', '--quiet', '--depth', '3', `file://${h.dir}`, 'records']);
    const refused = await careplan(['verify'], { cwd: path.join(clone, 'records') });
    expect(refused.exitCode).toBe(2);
    expect(refused.stdout).toBe('');
    expect(refused.stderr).toContain(
      'is a shallow clone: it holds only the latest commits, so the change trail before them cannot be verified.',
    );
    expect(refused.stderr).toContain('git fetch --unshallow');
    const r = await careplan(['verify', '--allow-shallow'], { cwd: path.join(clone, 'records') });
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain('This is a shallow clone: only the history it holds was checked.');
    expect(r.stdout).toContain('No problems found (3 commits (whole history)');
    removeDir(clone);
  });

  it('refuses an unknown --since revision and a folder outside git', async () => {
    await trail();
    const r = await careplan(['verify', '--since', 'no-such-tag'], { cwd: h.dir });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain('"no-such-tag" does not name a commit in this repository.');
    const loose = tempDir();
    writeFileSync(path.join(loose, 'careplan.yaml'), 'provider: { name: Loose }\n');
    const outside = await careplan(['verify'], { cwd: loose, env: { GIT_CEILING_DIRECTORIES: path.dirname(loose) } });
    expect(outside.exitCode).toBe(2);
    expect(outside.stderr).toContain('is not in a git repository, so there is no change trail to read.');
    removeDir(loose);
  });
});
