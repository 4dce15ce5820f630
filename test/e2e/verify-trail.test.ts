import { execa } from 'execa';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { careplan, copyRepo, removeDir, tempDir } from '../helpers/repo.js';
import { by, edieHistory, History, OUTSIDER, planFile, planVersions, staffAuthor } from '../helpers/trail.js';

const ACKS = 'people/p-edith/acknowledgements.yaml';
const SIGNOFFS = 'people/p-edith/signoffs.yaml';

let edie: History;
let commits: Record<string, string>;
let keys: string;
const key = (who: string) => path.join(keys, who);
const publicKey = (who: string) => readFileSync(`${key(who)}.pub`, 'utf8').trim();
beforeAll(async () => {
  edie = await History.create();
  commits = await edieHistory(edie);
  keys = tempDir('careplan-keys-');
  for (const who of ['amina', 'carl', 'stranger']) await execa('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', who, '-f', key(who)]);
});
afterAll(() => {
  edie.remove();
  removeDir(keys);
});

let h: History;
afterEach(() => h?.remove());
const trail = () => (h = new History(copyRepo(edie.dir, 'careplan-trail-')));

describe('verify closes every comparison', () => {
  it('a rewrite made in two commits after --since (a broken list, then the rewritten one) is found', async () => {
    trail();
    const text = readFileSync(path.join(h.dir, ACKS), 'utf8');
    await h.commit('break', { [ACKS]: `${text}- { staff: s-dana, version: [\n` }, { author: OUTSIDER, date: '2026-11-23T10:00:00+00:00' });
    const rewrite = await h.commit(
      'tidy',
      { [ACKS]: text.replace('at: 2026-10-30T07:55', 'at: 2026-10-29T18:00') },
      { author: OUTSIDER, date: '2026-11-23T11:00:00+00:00' },
    );
    for (const argv of [['verify'], ['verify', '--since', commits.outcome]]) {
      const r = await careplan([...argv, '--format', 'json'], { cwd: h.dir });
      expect(r.exitCode, argv.join(' ')).toBe(1);
      const { findings } = JSON.parse(r.stdout);
      expect(findings.filter((f: { rule: string }) => f.rule === 'append-only-rewritten')).toEqual([
        expect.objectContaining({
          file: ACKS,
          line: 1,
          message: expect.stringContaining(
            `commit ${rewrite.slice(0, 7)} (2026-11-23 11:00, Jo Bloggs <jo@elsewhere.example>, not ` +
              'made with careplan) changed entry 1 (at)',
          ),
        }),
      ]);
    }
  });

  it('a commit that leaves a list invalid YAML is reported, even when a later one mends it', async () => {
    trail();
    const text = readFileSync(path.join(h.dir, SIGNOFFS), 'utf8');
    const broke = await h.commit(
      'oops',
      { [SIGNOFFS]: `${text}- { version: 4, by: [\n` },
      { author: OUTSIDER, date: '2026-11-23T10:00:00+00:00' },
    );
    await h.commit('mend', { [SIGNOFFS]: text }, { author: OUTSIDER, date: '2026-11-23T11:00:00+00:00' });
    const r = await careplan(['verify'], { cwd: h.dir });
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain(
      `warning  commit ${broke.slice(0, 7)} (2026-11-23 10:00, Jo Bloggs <jo@elsewhere.example>, not made with careplan) left ` +
        'this append-only list not valid YAML, so its entries could not be checked in that version (the versions before and after ' +
        'it were compared instead)  [append-only-unreadable]',
    );
    expect((await careplan(['verify', '--fail-on', 'warning'], { cwd: h.dir })).exitCode).toBe(1);
  });
});

describe('signed sign-offs', () => {
  const hash = () => planFile(planVersions()[2]).hash;
  const entry = (at: string) => ({ [SIGNOFFS]: `- { version: 3, plan: "${hash()}", by: s-amina, at: ${at} }\n` });
  const CARL = staffAuthor('s-carl');

  /** Amina's and Carl's keys in their staff files, and (with `required`) the policy on, committed. */
  async function withKeys(required: boolean): Promise<string> {
    const files: Record<string, string> = {};
    for (const [id, who] of [
      ['s-amina', 'amina'],
      ['s-carl', 'carl'],
    ]) {
      files[`staff/${id}.yaml`] = `${readFileSync(path.join(h.dir, `staff/${id}.yaml`), 'utf8')}signing_key: ${publicKey(who)}\n`;
    }
    if (required)
      files['careplan.yaml'] = `${readFileSync(path.join(h.dir, 'careplan.yaml'), 'utf8')}policy: { require_signed_signoffs: true }\n`;
    return h.commit('Signing keys', files, { author: staffAuthor('s-amina'), date: '2026-11-22T09:00:00+00:00' });
  }

  /** Four sign-offs after the keys: Amina's own signed one, and three that claim to be hers. */
  async function claims(): Promise<Record<string, string>> {
    const c: Record<string, string> = {};
    c.own = await h.commit(
      'Sign',
      {},
      { author: staffAuthor('s-amina'), date: '2026-11-24T09:00:00+00:00', trailers: by('signoff', 's-amina'), signWith: key('amina') },
      entry('2026-11-24T09:00'),
    );
    // Carl writes the trailer naming Amina, unsigned.
    c.trailer = await h.commit(
      'Sign',
      {},
      { author: CARL, date: '2026-11-24T10:00:00+00:00', trailers: by('signoff', 's-amina') },
      entry('2026-11-24T10:00'),
    );
    // Carl commits as Amina (git commit --author), unsigned.
    c.author = await h.commit(
      'Sign',
      {},
      { author: staffAuthor('s-amina'), date: '2026-11-24T11:00:00+00:00', trailers: by('signoff', 's-amina') },
      entry('2026-11-24T11:00'),
    );
    // `careplan signoff --as s-amina` run by Carl, whose git signs with his own key.
    c.carl = await h.commit(
      'Sign',
      {},
      { author: CARL, date: '2026-11-24T12:00:00+00:00', trailers: by('signoff', 's-amina'), signWith: key('carl') },
      entry('2026-11-24T12:00'),
    );
    c.stranger = await h.commit(
      'Sign',
      {},
      { author: staffAuthor('s-amina'), date: '2026-11-24T13:00:00+00:00', trailers: by('signoff', 's-amina'), signWith: key('stranger') },
      entry('2026-11-24T13:00'),
    );
    return c;
  }

  it('without the policy, forged trailers, --author and --as all pass, and verify says who signed off is self-asserted', async () => {
    trail();
    const since = await withKeys(false);
    await claims();
    const r = await careplan(['verify', '--since', since], { cwd: h.dir });
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain(
      'Who signed off is taken from commit authors and Careplan-By trailers, which anyone who can commit can write.',
    );
    expect(JSON.parse((await careplan(['verify', '--since', since, '--format', 'json'], { cwd: h.dir })).stdout).signoffIdentity).toBe(
      'self-asserted',
    );
  });

  it("with policy.require_signed_signoffs, only the commit signed with the signer's listed key passes", async () => {
    trail();
    const since = await withKeys(true);
    const c = await claims();
    const r = await careplan(['verify', '--since', since, '--format', 'json'], { cwd: h.dir });
    expect(r.exitCode).toBe(1);
    const json = JSON.parse(r.stdout);
    expect(json.signoffIdentity).toBe('signed');
    const unsigned = json.findings.filter((f: { rule: string }) => f.rule === 'signoff-unsigned');
    const about = (sha: string) => unsigned.find((f: { message: string }) => f.message.includes(sha.slice(0, 7)))?.message;
    expect(unsigned).toHaveLength(4);
    expect(about(c.own)).toBeUndefined();
    expect(about(c.trailer)).toContain(
      ": its commit is not signed, and policy.require_signed_signoffs asks for a signature by the signer's own key",
    );
    expect(about(c.author)).toContain(': its commit is not signed');
    expect(about(c.carl)).toContain(": its commit is signed with s-carl's key, not s-amina's");
    expect(about(c.stranger)).toContain(': its commit is signed (good signature, by a key no staff file lists');
    expect(json.signoffs.find((s: { commit: string }) => s.commit === c.own).signedBy).toBe('s-amina');
    const text = await careplan(['verify', '--since', since], { cwd: h.dir });
    expect(text.stdout).toContain("Each must be signed with the signer's own key (policy.require_signed_signoffs): 1 of 5 are.");
  });

  it("`careplan signoff` signs its commit when the policy asks, with the user's own signing key", async () => {
    trail();
    const since = await withKeys(true);
    // Version 2's content again, as version 4: every need has an active action, so it can be signed.
    const [, v2] = planVersions();
    await h.commit(
      'Plan v4',
      { 'people/p-edith/plan.yaml': planFile({ ...v2, version: 4, updated: '2026-11-25T09:00' }).text },
      { author: staffAuthor('s-ben'), date: '2026-11-25T09:00:00+00:00', trailers: by('plan', 's-ben') },
    );
    const signing = (who: string) => {
      const config = path.join(keys, `${who}.gitconfig`);
      writeFileSync(config, `[gpg]\n\tformat = ssh\n[user]\n\tsigningkey = ${key(who)}\n`);
      return { GIT_CONFIG_GLOBAL: config };
    };
    // Carl, at Amina's desk as it were: `--as s-amina`, but git signs with his key.
    const carl = await careplan(['signoff', 'p-edith', '--as', 's-amina', '--at', '2026-11-25T10:00', '--no-input'], {
      cwd: h.dir,
      env: signing('carl'),
    });
    expect(carl.exitCode, carl.stderr).toBe(0);
    const forged = await careplan(['verify', '--since', since], { cwd: h.dir });
    expect(forged.exitCode).toBe(1);
    expect(forged.stdout).toContain("its commit is signed with s-carl's key, not s-amina's");
    await execa('git', ['reset', '--quiet', '--hard', 'HEAD~1'], { cwd: h.dir });
    const amina = await careplan(['signoff', 'p-edith', '--as', 's-amina', '--at', '2026-11-25T10:00', '--no-input'], {
      cwd: h.dir,
      env: signing('amina'),
    });
    expect(amina.exitCode, amina.stderr).toBe(0);
    const good = await careplan(['verify', '--since', since], { cwd: h.dir });
    expect(good.stdout).toContain("Each must be signed with the signer's own key (policy.require_signed_signoffs): 1 of 1 are.");
    expect(good.exitCode, good.stdout).toBe(0);
  });

  it('`careplan signoff` refuses when the policy asks for a signature and the signer lists no key', async () => {
    trail();
    await h.commit(
      'Policy',
      { 'careplan.yaml': `${readFileSync(path.join(h.dir, 'careplan.yaml'), 'utf8')}policy: { require_signed_signoffs: true }\n` },
      { author: staffAuthor('s-amina'), date: '2026-11-22T09:00:00+00:00' },
    );
    // Version 2's content again, as version 4: every need has an active action, so it can be signed.
    const [, v2] = planVersions();
    await h.commit(
      'Plan v4',
      { 'people/p-edith/plan.yaml': planFile({ ...v2, version: 4, updated: '2026-11-25T09:00' }).text },
      { author: staffAuthor('s-ben'), date: '2026-11-25T09:00:00+00:00', trailers: by('plan', 's-ben') },
    );
    const r = await careplan(['signoff', 'p-edith', '--as', 's-amina', '--at', '2026-11-25T10:00', '--no-input'], { cwd: h.dir });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain('staff/s-amina.yaml lists no signing_key');
  });
});
