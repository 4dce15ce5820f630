import { execFileSync } from 'node:child_process';
import jsYaml from 'js-yaml';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeSource, axeViolations, hasChromium, visit } from '../helpers/chromium.js';
import { careplan, EXAMPLE, PROJECT, removeDir, tempDir, writeFiles } from '../helpers/repo.js';
import { by, edieHistory, History, OUTSIDER, staffAuthor } from '../helpers/trail.js';

/**
 * `careplan export --format sar` (issue 14's "done when"): a subject access answer holds every
 * version of the person's plan that git holds, and nothing naming another person.
 */

/** Every file of an answer folder, relative path → text. */
function answerFiles(dir: string, rel = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const name of readdirSync(path.join(dir, rel))) {
    const child = rel ? `${rel}/${name}` : name;
    if (statSync(path.join(dir, child)).isDirectory()) for (const [k, v] of answerFiles(dir, child)) out.set(k, v);
    else out.set(child, readFileSync(path.join(dir, child), 'utf8'));
  }
  return out;
}

const load = (text: string) => jsYaml.load(text, { schema: jsYaml.CORE_SCHEMA }) as Record<string, unknown>;

/** Another person's ids, names, parts of names and their file-name forms, from the example's person.yaml files. */
function otherPeoplesNames(subject: string): string[] {
  const names: string[] = [];
  for (const id of readdirSync(path.join(EXAMPLE, 'people'))) {
    if (id === subject) continue;
    const p = load(readFileSync(path.join(EXAMPLE, 'people', id, 'person.yaml'), 'utf8')) as {
      name: string;
      preferred_name?: string;
      representatives?: { name: string }[];
    };
    const whole = [p.name, p.preferred_name, ...(p.representatives ?? []).map((r) => r.name)].filter((n): n is string => Boolean(n));
    names.push(id, ...whole, ...whole.flatMap((n) => n.split(' ')), ...whole.map((n) => n.toLowerCase().replace(/[^a-z]+/g, '-')));
  }
  return [...new Set(names)];
}

const wholeWord = (word: string) =>
  new RegExp(`(?<![\\p{L}\\p{N}-])${word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\p{L}\\p{N}-])`, 'u');

describe("the subject access answer for the example's Edie", () => {
  const dir = tempDir('careplan-sar-example-');
  const out = path.join(dir, 'sar-p-edith');
  let files: Map<string, string>;
  let index: {
    person: { id: string };
    records: { kind: string; path: string; current?: string; versions: { file?: string; startOf?: string }[] }[];
    replaced: number;
  };
  beforeAll(async () => {
    const r = await careplan(['export', 'p-edith', '--repo', EXAMPLE, '--format', 'sar', '--out', out]);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stderr).toMatch(
      /^Wrote a subject access answer for p-edith to .*sar-p-edith: \d+ records, \d+ versions from git, \d+ mentions of other people/,
    );
    expect(r.stderr).toContain("Before sending it: check the requester's identity, read every file");
    files = answerFiles(out);
    index = JSON.parse(files.get('index.json')!);
  });
  afterAll(() => removeDir(dir));

  it('holds every version of her plan that git holds, each exactly as committed', () => {
    const repoPath = path.relative(PROJECT, path.join(EXAMPLE, 'people/p-edith/plan.yaml'));
    const commits = execFileSync('git', ['log', '--format=%H', '--', repoPath], { cwd: PROJECT, encoding: 'utf8' })
      .trim()
      .split('\n')
      .reverse();
    const versions = [
      ...new Set(commits.map((sha) => execFileSync('git', ['show', `${sha}:${repoPath}`], { cwd: PROJECT, encoding: 'utf8' }))),
    ];
    expect(versions.length).toBeGreaterThanOrEqual(2);
    const copies = [...files].filter(([name]) => name.startsWith('versions/people/p-edith/plan/')).map(([, text]) => text);
    expect(copies).toEqual(versions);
    expect(files.get('records/people/p-edith/plan.yaml')).toBe(readFileSync(path.join(EXAMPLE, 'people/p-edith/plan.yaml'), 'utf8'));
    const plan = index.records.find((r) => r.path === 'people/p-edith/plan.yaml')!;
    expect(plan.versions.map((v) => v.file)).toEqual(
      expect.arrayContaining([expect.stringMatching(/^versions\/people\/p-edith\/plan\/00\d-/)]),
    );
  });

  it('names no other person: not their ids, names, parts of names or file-name forms, in any file or file name', () => {
    const names = otherPeoplesNames('p-edith');
    expect(names).toContain('Nora');
    const found = [...files].flatMap(([name, text]) =>
      names.filter((n) => wholeWord(n).test(name) || wholeWord(n).test(text)).map((n) => `${name}: ${n}`),
    );
    expect(found).toEqual([]);
    // Her own outcome notes did mention another resident: replaced, and counted.
    expect(files.get('records/people/p-edith/outcomes/2026-11.yaml')).toContain('Stopped to chat to another person on the way.');
    expect(index.replaced).toBeGreaterThan(5);
  });

  it('has every record of her folder, and of the shared records only those about her', () => {
    const own = readdirSync(path.join(EXAMPLE, 'people/p-edith'), { recursive: true })
      .filter((f) => String(f).endsWith('.yaml'))
      .map((f) => `records/people/p-edith/${f}`);
    for (const f of own) expect(files.has(f), f).toBe(true);
    const about = (folder: string, concerns: (r: Record<string, unknown>) => boolean) =>
      readdirSync(path.join(EXAMPLE, folder))
        .filter((f) => concerns(load(readFileSync(path.join(EXAMPLE, folder, f), 'utf8'))))
        .map((f) => `records/${folder}/${f}`)
        .sort();
    const shared = (folder: string) => [...files.keys()].filter((f) => f.startsWith(`records/${folder}/`)).sort();
    const inPeople = (r: Record<string, unknown>) => (r.people as string[] | undefined)?.includes('p-edith') ?? false;
    expect(shared('spotchecks')).toEqual(
      about('spotchecks', (r) => inPeople(r) || (r.findings as { person?: string }[]).some((f) => f.person === 'p-edith')),
    );
    expect(shared('feedback')).toEqual(about('feedback', (r) => r.person === 'p-edith'));
    expect(shared('supervisions')).toEqual(about('supervisions', inPeople));
    expect(shared('spotchecks').length).toBeGreaterThan(2);
    const spotcheck = load(files.get(shared('spotchecks')[0])!);
    expect((spotcheck.findings as { person?: string }[]).every((f) => f.person === 'p-edith')).toBe(true);
  });

  it('index.html reads as a page: every record type heading, each change with who and when, links to the copies that exist', () => {
    const html = files.get('index.html')!;
    expect(html).toContain('<h1>Records about Edith Clarke held by Sunrise House</h1>');
    for (const heading of [
      'Your details',
      'Your care plan',
      'Sign-offs of your care plan by the manager',
      'Notes of your care (outcome logs)',
      'Spot checks of care (only the parts about you)',
    ]) {
      expect(html).toContain(`<h2>${heading}</h2>`);
    }
    const links = [...html.matchAll(/href="([^"]+)"/g)].map((m) => m[1]);
    expect(links.length).toBeGreaterThan(20);
    for (const link of links) expect(files.has(link), link).toBe(true);
    expect(html).not.toMatch(/<script|<link|<img|url\(/i);
  });

  it.skipIf(!hasChromium)('index.html opens without a request or an error, and axe-core finds no WCAG A or AA violation', async () => {
    const run = axeViolations(['wcag2a', 'wcag2aa', 'wcag21aa']);
    const page = await visit(path.join(out, 'index.html'), run, { scripts: [axeSource()] });
    expect(page.problems).toEqual([]);
    expect(page.requests).toEqual([]);
    expect(JSON.parse(page.result as string)).toEqual([]);
  });

  it('refuses to write into a folder that is not empty, and leaves it as it was', async () => {
    const r = await careplan(['export', 'p-edith', '--repo', EXAMPLE, '--format', 'sar', '--out', out]);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain(`--out ${out} is not empty; careplan writes this export only into a new or empty folder.`);
    expect(answerFiles(out)).toEqual(files);
    const empty = path.join(dir, 'empty');
    mkdirSync(empty);
    expect((await careplan(['export', 'p-edith', '--repo', EXAMPLE, '--format', 'sar', '--out', empty])).exitCode).toBe(0);
    expect(answerFiles(empty)).toEqual(files);
  });
});

describe('a discharged person', () => {
  const dir = tempDir('careplan-discharged-');
  afterAll(() => removeDir(dir));

  it('may be exported: the answer and the easy-read plan say they left, and stderr says so', async () => {
    const sar = await careplan(['export', 'p-walter', '--repo', EXAMPLE, '--format', 'sar', '--out', path.join(dir, 'sar')]);
    expect(sar.exitCode, sar.stderr).toBe(0);
    expect(sar.stderr).toContain('careplan: note: p-walter was discharged on 2026-10-23; the export says so.');
    expect(readFileSync(path.join(dir, 'sar', 'index.html'), 'utf8')).toContain('<p>Walter Hughes was discharged on 23 October 2026.</p>');
    const easy = await careplan(['export', 'p-walter', '--repo', EXAMPLE, '--format', 'easy-read', '--out', path.join(dir, 'walter.html')]);
    expect(easy.exitCode, easy.stderr).toBe(0);
    expect(readFileSync(path.join(dir, 'walter.html'), 'utf8')).toContain('<p class="said">I left Sunrise House on 23 October 2026.</p>');
  });
});

describe('the subject access answer from a history', () => {
  let h: History;
  let c: Record<string, string>;
  const dir = tempDir('careplan-sar-');
  beforeAll(async () => {
    h = await History.create();
    c = await edieHistory(h);
    const as = (id: string, date: string, action: string) => ({ author: staffAuthor(id), date, trailers: by(action, id) });
    c.frank = await h.commit(
      'Admit Frank',
      {
        'people/p-frank/person.yaml':
          'id: p-frank\nname: Frank Smith\nadmitted: 2026-11-01\nkey_worker: s-ben\n' +
          'representatives:\n  - { name: Mary Smith, relationship: wife, authority: other }\nstatus: active\n',
        'spotchecks/2026-11-22-s-dana.yaml':
          'at: 2026-11-22T15:00\nby: s-dana\npeople: [p-edith, p-frank]\nfindings:\n' +
          '  - { person: p-edith, description: Outcome missing after lunch, action: Asked Carl to add it }\n' +
          '  - { person: p-frank, description: Frank Smith refused his tablets twice, action: GP told }\n',
        'feedback/2026-11-22-mary-smith.yaml':
          'at: 2026-11-22T10:00\nfrom: family\nperson: p-frank\nsentiment: negative\ntext: Frank is lonely.\n',
      },
      as('s-dana', '2026-11-22T15:30:00+00:00', 'spotcheck'),
    );
    c.more = await h.commit('Outcomes', {}, as('s-carl', '2026-11-22T12:40:00+00:00', 'outcome'), {
      'people/p-edith/outcomes/2026-11.yaml':
        '- { at: 2026-11-22T12:40, by: s-carl, goal: nut-fluids, result: achieved, note: Had tea with Frank and Mary Smith }\n',
    });
    c.spot2 = await h.commit(
      'Spot check edited',
      {
        'spotchecks/2026-11-22-s-dana.yaml':
          'at: 2026-11-22T15:00\nby: s-dana\npeople: [p-edith, p-frank]\nfindings:\n' +
          '  - { person: p-edith, description: Outcome missing after lunch, action: Asked Carl to add it }\n' +
          '  - { person: p-frank, description: Frank Smith refused his tablets three times, action: GP told }\n',
      },
      { author: OUTSIDER, date: '2026-11-23T09:00:00+00:00' },
    );
    // A hand edit that rewrites an earlier acknowledgement: both versions are given whole.
    const acks = readFileSync(path.join(h.dir, 'people/p-edith/acknowledgements.yaml'), 'utf8');
    c.rewrite = await h.commit(
      'Tidy acks',
      { 'people/p-edith/acknowledgements.yaml': acks.replace('07:55', '07:50') },
      { author: OUTSIDER, date: '2026-11-24T09:00:00+00:00' },
    );
  });
  afterAll(() => {
    h.remove();
    removeDir(dir);
  });

  it('gives a list that only grew once, whole, and each earlier version as the start of it, with who added it and when', async () => {
    const out = path.join(dir, 'a');
    const r = await careplan(['export', 'p-edith', '--format', 'sar', '--out', out], { cwd: h.dir });
    expect(r.exitCode, r.stderr).toBe(0);
    const index = JSON.parse(readFileSync(path.join(out, 'index.json'), 'utf8'));
    const outcomes = index.records.find((x: { path: string }) => x.path === 'people/p-edith/outcomes/2026-11.yaml');
    const carl = { name: 'Carl Jenkins', email: staffAuthor('s-carl').email };
    expect(outcomes.versions.map(({ file: _f, startOf: _s, commit: _c, ...v }: Record<string, unknown>) => v)).toEqual([
      {
        number: 1,
        at: '2026-11-21T12:40',
        by: 's-carl',
        byName: 'Carl Jenkins',
        author: carl,
        handEdit: false,
        change: 'added',
        entries: 1,
      },
      { number: 2, at: '2026-11-22T12:40', by: 's-carl', byName: 'Carl Jenkins', author: carl, handEdit: false, change: 'changed' },
    ]);
    expect(outcomes.versions[0].startOf).toBe(outcomes.versions[1].file);
    expect(outcomes.versions[0].commit).toBe(c.outcome);
    const acks = index.records.find((x: { path: string }) => x.path === 'people/p-edith/acknowledgements.yaml');
    const [, , , rewritten] = acks.versions;
    expect(acks.versions[2].file).toBeDefined();
    expect(rewritten).toMatchObject({ number: 4, handEdit: true, author: OUTSIDER, change: 'changed' });
    expect(readFileSync(path.join(out, rewritten.file), 'utf8')).toContain('07:50');
    expect(readFileSync(path.join(out, acks.versions[2].file), 'utf8')).toContain('07:55');
  });

  it('a shared record: only the parts about her, another person for the rest, a version when what it says of her changed', async () => {
    const out = path.join(dir, 'b');
    expect((await careplan(['export', 'p-edith', '--format', 'sar', '--out', out], { cwd: h.dir })).exitCode).toBe(0);
    const spot = readFileSync(path.join(out, 'records/spotchecks/2026-11-22-s-dana.yaml'), 'utf8');
    expect(load(spot)).toEqual({
      at: '2026-11-22T15:00',
      by: 's-dana',
      people: ['p-edith', 'another person'],
      findings: [{ person: 'p-edith', description: 'Outcome missing after lunch', action: 'Asked Carl to add it' }],
    });
    const index = JSON.parse(readFileSync(path.join(out, 'index.json'), 'utf8'));
    expect(index.records.find((x: { path: string }) => x.path === 'spotchecks/2026-11-22-s-dana.yaml').versions).toHaveLength(1);
    const all = [...answerFiles(out)];
    expect(all.filter(([name, text]) => /frank|smith|mary/i.test(name + text))).toEqual([]);
    expect(readFileSync(path.join(out, 'records/people/p-edith/outcomes/2026-11.yaml'), 'utf8')).toContain(
      'note: Had tea with another person and another person',
    );
  });

  it('a change not yet committed is given and said to be outside the trail; --as-of gives what git held then', async () => {
    writeFiles(h.dir, {
      'people/p-edith/escalations.yaml': `${readFileSync(path.join(h.dir, 'people/p-edith/escalations.yaml'), 'utf8')}# note\n`,
    });
    const out = path.join(dir, 'c');
    expect((await careplan(['export', 'p-edith', '--format', 'sar', '--out', out], { cwd: h.dir })).exitCode).toBe(0);
    expect(readFileSync(path.join(out, 'index.html'), 'utf8')).toContain(
      '<td>now</td><td>people/p-edith/escalations.yaml</td><td>changed, not yet in the change trail</td>',
    );
    const then = path.join(dir, 'd');
    const r = await careplan(['export', 'p-edith', '--format', 'sar', '--out', then, '--as-of', '2026-11-13'], { cwd: h.dir });
    expect(r.exitCode, r.stderr).toBe(0);
    expect(readFileSync(path.join(then, 'records/people/p-edith/plan.yaml'), 'utf8')).toContain('version: 2');
    expect(existsSync(path.join(then, 'records/people/p-edith/outcomes'))).toBe(false);
    const index = JSON.parse(readFileSync(path.join(then, 'index.json'), 'utf8'));
    expect(index.asOf).toBe('2026-11-13T23:59');
    expect(index.records.find((x: { path: string }) => x.path === 'people/p-edith/plan.yaml').versions).toHaveLength(2);
    writeFileSync(
      path.join(h.dir, 'people/p-edith/escalations.yaml'),
      readFileSync(path.join(h.dir, 'people/p-edith/escalations.yaml'), 'utf8').replace('# note\n', ''),
    );
  });
});
