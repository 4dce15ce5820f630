import { XMLValidator } from 'fast-xml-parser';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { careplan, copyRepo, gitIn, removeDir } from '../helpers/repo.js';
import { by, edieHistory, History, planFile, planVersions, staffAuthor } from '../helpers/trail.js';

/**
 * Records and a repository written to attack whoever reads careplan's output: file names and YAML
 * keys that carry a line break and a GitHub workflow command, escape sequences (an OSC 52 clipboard
 * write, clear screen, then a fake message) in an outcome's variation, a plan's wording and a git
 * author's name, HTML in the provider's name. Every output shows them as text.
 */

const ESCAPES = '\x1b]52;c;ZXZpbA==\x07\x1b[2J\x1b[HFAKE: all plans signed';
const SHOWN = '\\x1b]52;c;ZXZpbA==\\x07\\x1b[2J\\x1b[HFAKE: all plans signed';
const FILE_NAME = 'notes\n::error title=PWNED::owned\n::add-mask::secret.yaml';
/** A workflow command as GitHub Actions finds one: a line that starts, after white space, with `::`. */
const WORKFLOW_LINE = /^[\s\u0085\u00a0\ufeff]*::/m;
/** Any character that acts on a terminal; line feeds are the output's own. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const ACTING = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028-\u202e\u2066-\u2069]/;

let base: History;
beforeAll(async () => {
  base = await History.create();
  await edieHistory(base);
  const [, , v3] = planVersions();
  v3.needs[2].goals[0].description = `Drinks well ${ESCAPES}`;
  v3.version = 4;
  v3.updated = '2026-11-22T09:00';
  await base.commit(
    'Plan v4',
    {
      'people/p-edith/plan.yaml': planFile(v3).text.replace(
        /description: "Drinks well [^\n]*"/,
        `description: "Drinks well \\e]52;c;ZXZpbA==\\a\\e[2J\\e[HFAKE: all plans signed"`,
      ),
    },
    { author: staffAuthor('s-ben'), date: '2026-11-22T09:00:00+00:00', trailers: by('plan', 's-ben') },
  );
  await base.commit(
    'Outcome',
    {},
    { author: staffAuthor('s-carl'), date: '2026-11-22T12:40:00+00:00', trailers: by('outcome', 's-carl') },
    {
      'people/p-edith/outcomes/2026-11.yaml':
        '- at: 2026-11-22T12:40\n  by: s-carl\n  goal: nut-fluids\n  result: improving\n  ' +
        'variation: "\\e]52;c;ZXZpbA==\\a\\e[2J\\e[HFAKE: all plans signed"\n',
    },
  );
  // A hand edit by an author whose git name is an escape sequence, rewriting an earlier entry.
  const acks = path.join(base.dir, 'people/p-edith/acknowledgements.yaml');
  writeFileSync(acks, readFileSync(acks, 'utf8').replace('at: 2026-10-30T07:55', 'at: 2026-10-30T07:50'));
  await gitIn(base.dir, ['add', '-A']);
  await gitIn(base.dir, ['commit', '--quiet', `--author=Amina ${ESCAPES} <x@evil.example>`, '-m', 'tidy']);
  // Unknown YAML keys and a file name carrying workflow commands, committed.
  writeFileSync(path.join(base.dir, FILE_NAME), 'a: 1\n');
  writeFileSync(path.join(base.dir, 'careplan.yaml'), 'provider: { name: "<img src=x onerror=alert(1)>" }\ntimezone: Europe/London\n');
  const staff = path.join(base.dir, 'staff/s-dana.yaml');
  writeFileSync(staff, `${readFileSync(staff, 'utf8')}"odd\\n::error title=KEY::owned": 1\n`);
  await gitIn(base.dir, ['add', '-A']);
  await gitIn(base.dir, ['commit', '--quiet', '-m', 'hostile']);
});
afterAll(() => base.remove());

/** Output that a CI log or a terminal shows as it is, with nothing acting. */
function expectInert(text: string): void {
  expect(text).not.toMatch(WORKFLOW_LINE);
  // CRLF line ends are the CSV's own layout.
  expect(text.replace(/\r\n/g, '\n')).not.toMatch(ACTING);
  expect(text).not.toContain('##[');
}

describe('hostile record values in every output', () => {
  it.each([
    ['check', ['check', '--as-of', '2026-11-26']],
    ['check --format json', ['check', '--as-of', '2026-11-26', '--format', 'json']],
    ['check --format junit', ['check', '--as-of', '2026-11-26', '--format', 'junit']],
    ['validate', ['validate']],
    ['validate --format json', ['validate', '--format', 'json']],
    ['handover', ['handover', '--since', '2026-11-20', '--as-of', '2026-11-26']],
    ['handover --json', ['handover', '--since', '2026-11-20', '--as-of', '2026-11-26', '--json']],
    ['history', ['history', 'p-edith']],
    ['history --plan', ['history', 'p-edith', '--plan']],
    ['verify', ['verify']],
    ['verify --format json', ['verify', '--format', 'json']],
    ['audit', ['audit', '--month', '2026-11']],
    ['audit --format markdown', ['audit', '--month', '2026-11', '--format', 'markdown']],
    ['audit --format csv', ['audit', '--month', '2026-11', '--format', 'csv']],
    ['audit --format html', ['audit', '--month', '2026-11', '--format', 'html']],
    ['plan show', ['plan', 'show', 'p-edith']],
    ['due', ['due', '--as-of', '2026-11-26']],
  ])('%s: no escape sequence and no workflow command', async (_, argv) => {
    const r = await careplan(argv, { cwd: base.dir });
    expect(r.exitCode, r.stderr).toBeLessThan(2);
    expectInert(r.stdout);
    expectInert(r.stderr);
  });

  it("with colour on, only careplan's own colours reach the terminal", async () => {
    const r = await careplan(['handover', '--since', '2026-11-20', '--as-of', '2026-11-26'], {
      cwd: base.dir,
      env: { FORCE_COLOR: '1', NO_COLOR: '' },
    });
    expect(r.stdout).toContain('\x1b[1m');
    expect(r.stdout).toContain(SHOWN);
    // biome-ignore lint/suspicious/noControlCharactersInRegex: careplan's own colour sequences, removed to see what is left
    expect(r.stdout.replace(/\x1b\[(?:1|2|22|31|32|33|39|90)m/g, '')).not.toMatch(ACTING);
  });

  it('plain check, the default CI output, shows the file name and the key on one line each, escaped', async () => {
    const r = await careplan(['check', '--as-of', '2026-11-26'], { cwd: base.dir });
    expect(r.stdout).toContain('notes\\n::error title=PWNED::owned\\n::add-mask::secret.yaml');
    for (const line of r.stdout.split('\n').filter((l) => l.includes('PWNED'))) expect(line).toContain('notes\\n::error title=PWNED');
  });

  it('handover and history show the escape sequences as text', async () => {
    const handover = await careplan(['handover', '--since', '2026-11-20', '--as-of', '2026-11-26'], { cwd: base.dir });
    expect(handover.stdout).toContain(`p-edith: s-carl, goal nut-fluids: ${SHOWN}`);
    const history = await careplan(['history', 'p-edith'], { cwd: base.dir });
    expect(history.stdout).toContain(SHOWN);
    const verify = await careplan(['verify'], { cwd: base.dir });
    expect(verify.stdout).toContain(`Amina ${SHOWN} <x@evil.example>, not made with careplan) changed entry 1 (at)`);
  });

  it('--format github: every line that starts a workflow command is an annotation careplan wrote, its data escaped', async () => {
    const r = await careplan(['check', '--as-of', '2026-11-26', '--format', 'github'], { cwd: base.dir });
    const commands = r.stdout.split('\n').filter((l) => WORKFLOW_LINE.test(l));
    expect(commands.length).toBeGreaterThan(0);
    for (const line of commands) expect(line).toMatch(/^::(error|warning) (file=[^,:]*,)?(line=\d+,)?title=[^,:]*::[^\n]*$/);
    expect(r.stdout).not.toMatch(ACTING);
    expect(r.stdout).not.toMatch(/^::add-mask/m);
  });

  it("junit is well-formed XML; the markdown audit shows the provider's HTML as text", async () => {
    const junit = await careplan(['check', '--as-of', '2026-11-26', '--format', 'junit'], { cwd: base.dir });
    expect(XMLValidator.validate(junit.stdout)).toBe(true);
    const md = await careplan(['audit', '--month', '2026-11', '--format', 'markdown'], { cwd: base.dir });
    expect(md.stdout).toContain('# Monthly audit: \\<img src=x onerror=alert(1)\\>, November 2026');
    // Markdown shows `\<` as `<`: no tag starts unescaped.
    expect(md.stdout).not.toMatch(/(^|[^\\])<img/m);
    const html = await careplan(['audit', '--month', '2026-11', '--format', 'html'], { cwd: base.dir });
    expect(html.stdout).not.toContain('<img');
    // The CSV keeps its CRLF line ends on stdout: layout, not a control character.
    const csv = await careplan(['audit', '--month', '2026-11', '--format', 'csv'], { cwd: base.dir });
    expect(csv.stdout.split('\r\n')[0]).toMatch(/^scope,person,section,metric,/);
  });
});

describe('write commands refuse control characters in free text', () => {
  let dir: string;
  beforeAll(() => {
    dir = copyRepo(base.dir, 'careplan-injection-write-');
  });
  afterAll(() => removeDir(dir));
  const outcome = (...extra: string[]) =>
    careplan(
      ['outcome', 'p-edith', '--as', 's-carl', '--goal', 'nut-fluids', '--result', 'improving', '--at', '2026-11-29T12:00', ...extra],
      { cwd: dir },
    );

  it('an escape sequence in --variation is refused, naming the flag, and nothing is written', async () => {
    const head = await gitIn(dir, ['rev-parse', 'HEAD']);
    const r = await outcome('--variation', ESCAPES);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain('careplan: error: --variation holds a control character (\\x1b) at character 1');
    expect(r.stderr).not.toMatch(ACTING);
    expect(await gitIn(dir, ['rev-parse', 'HEAD'])).toBe(head);
    expect(await gitIn(dir, ['status', '--porcelain'])).toBe('');
  });

  it('a line break is refused in --variation and kept in --note', async () => {
    const broken = await outcome('--variation', 'one\n::error::two');
    expect(broken.exitCode).toBe(2);
    expect(broken.stderr).toContain('--variation holds a line break at character 4');
    expect(broken.stderr).toContain('only --note may run over several lines');
    const noted = await outcome('--note', 'Walked well.\nAte all of lunch.');
    expect(noted.exitCode, noted.stderr).toBe(0);
    expect(readFileSync(path.join(dir, 'people/p-edith/outcomes/2026-11.yaml'), 'utf8')).toContain('Ate all of lunch.');
    expect((await outcome('--note', 'bad\rreturn')).stderr).toContain('--note holds a control character (\\r) at character 4');
  });

  it('every write command checks what it is given: feedback --text, escalate --reason, staff add --name', async () => {
    const cases = [
      [
        'feedback',
        '--from',
        'family',
        '--sentiment',
        'positive',
        '--text',
        `Lovely ${ESCAPES}`,
        '--as',
        's-amina',
        '--at',
        '2026-11-29T10:00',
      ],
      ['escalate', 'p-edith', '--reason', 'x\u202eevil', '--as', 's-carl', '--at', '2026-11-29T10:00'],
      ['staff', 'add', 's-eve', '--name', 'Eve\x07', '--role', 'care-staff', '--as', 's-amina'],
    ];
    for (const argv of cases) {
      const r = await careplan(argv, { cwd: dir });
      expect(r.exitCode, argv.join(' ')).toBe(2);
      expect(r.stderr).toMatch(/--(text|reason|name) holds a control character/);
    }
  });
});
