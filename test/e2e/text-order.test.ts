import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { home } from '../helpers/care.js';
import { careplanBin, gitRepo, removeDir } from '../helpers/repo.js';

/**
 * src/model/textOrder.ts: careplan sorts text in one order whatever language the machine is set
 * to. Danish sorts "aa" after "z", Lithuanian "y" between "i" and "j": with the machine's order,
 * the same records printed differently on a Danish laptop than in CI.
 */
describe("the order of what careplan prints does not depend on the machine's language", () => {
  let dir: string;
  beforeAll(async () => {
    // No assessment for anyone, admitted weeks ago: a finding for each person, printed in the order of their ids.
    const h = home();
    for (const id of ['p-aase', 'p-yusuf', 'p-jan', 'p-zoe', 'p-ivy']) h.person(id, { admitted: '2026-10-01' });
    dir = await gitRepo(h.files());
  });
  afterAll(() => removeDir(dir));

  it('check and due print the same in English, Danish, Lithuanian and C', async () => {
    const printed = async (language: string) => {
      const env = { LANG: language, LC_ALL: language, LANGUAGE: '' };
      const [check, due] = await Promise.all([
        careplanBin(['check', '--repo', dir, '--as-of', '2026-11-20', '--fail-on', 'never'], { env }),
        careplanBin(['due', '--repo', dir, '--as-of', '2026-11-20', '--within', '60'], { env }),
      ]);
      expect(check.exitCode, check.stderr).toBe(0);
      return `${check.stdout}\n${due.stdout}`;
    };
    const english = await printed('en_GB.UTF-8');
    // The people in the order of their ids, as an English speaker reads them.
    const order = ['p-aase', 'p-ivy', 'p-jan', 'p-yusuf', 'p-zoe'].map((id) => english.indexOf(id));
    expect(order.every((at) => at >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    const others = ['da_DK.UTF-8', 'lt_LT.UTF-8', 'C'];
    const printedIn = await Promise.all(others.map(printed));
    others.forEach((language, i) => expect(printedIn[i], language).toBe(english));
  });
});
