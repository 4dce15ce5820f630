import { describe, expect, it } from 'vitest';
import { easyReadHtml, sentences } from '../../src/format/easyRead.js';
import { html, longDate } from '../../src/format/htmlText.js';
import { expectGolden } from '../helpers/golden.js';
import { workspaceOf } from '../helpers/memory.js';
import { edieShare, shareFiles } from '../helpers/shareFixture.js';

const page = (change?: (f: Record<string, string>) => void, date = '2026-11-26') =>
  easyReadHtml(edieShare(workspaceOf(shareFiles(change))), { date, days: 28 });

/** The page's words, a line each, as a reader meets them. */
const lines = (text: string) =>
  text
    .replace(/<style>[\s\S]*?<\/style>/, '')
    .replace(/<br>/g, '\n')
    .replace(/<\/(p|li|h1|h2|h3)>/g, '\n')
    .replace(/<[^>]+>/g, '')
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);

describe('the easy-read plan', () => {
  it("one sentence to a line: the plan's words split at full stops and semicolons, each begun with a capital", () => {
    expect(sentences('Retired teacher; loves crosswords and her cat Moss.')).toEqual([
      'Retired teacher.',
      'Loves crosswords and her cat Moss.',
    ]);
    expect(sentences('I like tea. Do I? Yes!  ')).toEqual(['I like tea.', 'Do I?', 'Yes!']);
  });

  it('a measured goal shows its values against the target, in words; other goals their target and the last four weeks', () => {
    const words = lines(page());
    const weight = words.slice(words.indexOf('Keeps her weight'));
    expect(weight.slice(0, 5)).toEqual([
      'Keeps her weight',
      'My target: about 60 kg (within 5%).',
      'Latest: 58.9 kg on 20 November 2026.',
      'I have reached my target.',
      'In the last 4 weeks:',
    ]);
    const walk = words.slice(words.indexOf('Walks to lunch with her frame without help'));
    expect(walk.slice(0, 6)).toEqual([
      'Walks to lunch with her frame without help',
      'I want to do this by 31 January 2027.',
      'My target: 5 unaided walks a week.',
      'In the last 4 weeks:',
      'It went better: 1 time.',
      'About the same: 1 time.',
    ]);
    expect(lines(page(undefined, '2027-01-15'))).toContain('Nothing was written down about this in the last 28 days.');
  });

  it("says whether the manager has checked the plan and who agreed to it; a discharged person's plan says they left", () => {
    const words = lines(page());
    expect(words).toContain('The manager checked it on 29 October 2026.');
    expect(words).toContain('I agreed to this plan on 30 October 2026.');
    const changed = lines(
      page((f) => (f['people/p-edith/plan.yaml'] = f['people/p-edith/plan.yaml'].replace('Retired teacher', 'Retired head teacher'))),
    );
    expect(changed).toContain('The manager has not checked the latest changes yet.');
    expect(changed.some((l) => l.includes('agreed to this plan'))).toBe(false);
    const left = lines(
      page(
        (f) =>
          (f['people/p-edith/person.yaml'] = f['people/p-edith/person.yaml'].replace(
            'status: active',
            'status: discharged\ndischarged: 2026-11-28',
          )),
        '2026-11-28',
      ),
    );
    expect(left).toContain('I left Test House on 28 November 2026.');
  });

  it('record values are text, never markup', () => {
    const hostile = page(
      (f) =>
        (f['people/p-edith/plan.yaml'] = f['people/p-edith/plan.yaml'].replace('Retired teacher', '<script>alert(1)</script> & "quotes"')),
    );
    expect(hostile).not.toContain('<script>');
    expect(hostile).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quotes&quot;');
    expect(html('a\u202eb\u0007c<')).toBe('a\\u202eb\\x07c&lt;');
    expect(longDate('2026-02-03')).toBe('3 February 2026');
  });

  it('matches the reviewed golden file', () => {
    expectGolden('export/easy-read.html', page());
  });
});
