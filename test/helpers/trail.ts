import { execa } from 'execa';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { GIT_ENV, tempDir, writeFiles } from './repo.js';
import { planHash } from '../../src/model/planHash.js';

/**
 * Histories for change-trail tests, committed directly with git (not through careplan's write
 * commands): each commit has its own author, time and trailers, as careplan or a hand edit makes them.
 */

export interface Author {
  name: string;
  email: string;
}

export const STAFF: Record<string, Author & { roles: string }> = {
  's-amina': { name: 'Amina Okafor', email: 'amina@test.example', roles: 'registered-manager' },
  's-ben': { name: 'Ben Hollis', email: 'ben@test.example', roles: 'key-worker' },
  's-carl': { name: 'Carl Jenkins', email: 'carl@test.example', roles: 'care-staff' },
  's-dana': { name: 'Dana Morgan', email: 'dana@test.example', roles: 'shift-lead' },
};

export const OUTSIDER: Author = { name: 'Jo Bloggs', email: 'jo@elsewhere.example' };

export function baseRecords(): Record<string, string> {
  const files: Record<string, string> = { 'careplan.yaml': 'provider: { name: Test House }\ntimezone: Europe/London\n' };
  for (const [id, s] of Object.entries(STAFF))
    files[`staff/${id}.yaml`] = `id: ${id}\nname: ${s.name}\nroles: [${s.roles}]\nemail: ${s.email}\nactive: true\n`;
  files['people/p-edith/person.yaml'] =
    'id: p-edith\nname: Edith Clarke\npreferred_name: Edie\nadmitted: 2026-10-28\n' +
    'key_worker: s-ben\nteam: [s-ben, s-carl, s-dana]\nstatus: active\n';
  files['people/p-edith/assessments/2026-10-28-initial.yaml'] = [
    'type: initial',
    'at: 2026-10-28T14:00',
    'by: s-ben',
    'with_person: true',
    'needs:',
    '  - { id: mobility, domain: mobility, description: Unsteady walking }',
    '  - { id: cognition, domain: cognition, description: Muddled in the afternoons }',
    '  - { id: nutrition, domain: nutrition-hydration, description: Forgets to drink }',
    '',
  ].join('\n');
  return files;
}

type Item = Record<string, unknown>;
export interface PlanShape {
  version: number;
  updated: string;
  needs: { need: string; preferences: string[]; actions: Item[]; goals: Item[] }[];
}

/** Three versions of Edie's plan, each a meaningful change from the one before. */
export function planVersions(): PlanShape[] {
  const v1: PlanShape = {
    version: 1,
    updated: '2026-10-29T10:00',
    needs: [
      {
        need: 'mobility',
        preferences: ['Walks to lunch with a carer beside her'],
        actions: [{ id: 'mob-walk', description: 'Walk beside Edie to lunch', frequency: 'daily at 12:30', status: 'active' }],
        goals: [
          {
            id: 'mob-indep',
            description: 'Walks to lunch without help',
            measure: 'unaided walks a week',
            target: 5,
            by: '2027-01-31',
            status: 'active',
          },
        ],
      },
      {
        need: 'cognition',
        preferences: ['Day and date on her whiteboard'],
        actions: [{ id: 'cog-board', description: 'Update the whiteboard each morning', status: 'active' }],
        goals: [{ id: 'cog-settled', description: 'Settled in the late afternoon', status: 'active' }],
      },
    ],
  };
  const v2 = structuredClone(v1);
  v2.version = 2;
  v2.updated = '2026-11-12T10:00';
  v2.needs[0].actions[0].description = 'Walk beside Edie to the dining room with her walker';
  v2.needs.push({
    need: 'nutrition',
    preferences: ['Milky tea, no sugar'],
    actions: [{ id: 'nut-drinks', description: 'Offer a drink every hour', status: 'active' }],
    goals: [{ id: 'nut-fluids', description: 'Drinks 1500 ml a day', target: 6, status: 'active' }],
  });
  const v3 = structuredClone(v2);
  v3.version = 3;
  v3.updated = '2026-11-20T09:00';
  v3.needs[1].actions[0].status = 'stopped';
  v3.needs[0].goals[0].status = 'achieved';
  v3.needs[2].goals[0].target = 7;
  return [v1, v2, v3];
}

export function planObject(shape: PlanShape): Record<string, unknown> {
  return {
    version: shape.version,
    assessment: '2026-10-28-initial',
    author: 's-ben',
    updated: shape.updated,
    about_me: 'Retired teacher; loves crosswords.',
    needs: shape.needs,
  };
}

/** plan.yaml as a person would write it (block style, with a comment), and its hash. */
export function planFile(shape: PlanShape): { text: string; hash: string } {
  const plan = planObject(shape);
  const flow = (item: Item) =>
    `{ ${Object.entries(item)
      .map(([k, v]) => `${k}: ${typeof v === 'string' && /[:#,]/.test(v) ? JSON.stringify(v) : v}`)
      .join(', ')} }`;
  const lines = [
    `# Edie's care plan`,
    `version: ${shape.version}`,
    'assessment: 2026-10-28-initial',
    'author: s-ben',
    `updated: ${shape.updated}`,
    'about_me: Retired teacher; loves crosswords.',
    'needs:',
  ];
  for (const n of shape.needs) {
    lines.push(`  - need: ${n.need}`, '    preferences:', ...n.preferences.map((p) => `      - ${p}`), '    actions:');
    lines.push(...n.actions.map((a) => `      - ${flow(a)}`), '    goals:', ...n.goals.map((g) => `      - ${flow(g)}`));
  }
  return { text: `${lines.join('\n')}\n`, hash: planHash(plan) };
}

export interface CommitOptions {
  author: Author;
  /** Author and committer time, ISO with offset. */
  date: string;
  /** careplan trailers; omit for a hand edit. */
  trailers?: { action: string; person?: string; by?: string };
  /** Files to delete. */
  remove?: string[];
  /** An SSH private key to sign the commit with. */
  signWith?: string;
}

export class History {
  constructor(readonly dir: string) {}

  static async create(): Promise<History> {
    const dir = tempDir('careplan-trail-');
    await git(dir, ['init', '--quiet', '--initial-branch=main']);
    return new History(dir);
  }

  /** Writes (or appends to, with `append`) files and commits them with the given author and time. */
  async commit(
    subject: string,
    files: Record<string, string>,
    options: CommitOptions,
    append: Record<string, string> = {},
  ): Promise<string> {
    const { readFileSync, existsSync } = await import('node:fs');
    const all: Record<string, string> = { ...files };
    for (const [rel, text] of Object.entries(append)) {
      const abs = path.join(this.dir, rel);
      all[rel] = (existsSync(abs) ? readFileSync(abs, 'utf8') : '') + text;
    }
    writeFiles(this.dir, all);
    for (const rel of options.remove ?? []) rmSync(path.join(this.dir, rel));
    await git(this.dir, ['add', '-A']);
    const t = options.trailers;
    const message = t
      ? `${subject}\n\n` +
        `Careplan-Action: ${t.action}${t.person ? `\nCareplan-Person: ${t.person}` : ''}${t.by ? `\nCareplan-By: ${t.by}` : ''}\n`
      : `${subject}\n`;
    const sign = options.signWith ? ['-c', 'gpg.format=ssh', '-c', `user.signingkey=${options.signWith}`] : [];
    await git(this.dir, [...sign, 'commit', '--quiet', ...(options.signWith ? ['-S'] : []), '-m', message], {
      GIT_AUTHOR_NAME: options.author.name,
      GIT_AUTHOR_EMAIL: options.author.email,
      GIT_AUTHOR_DATE: options.date,
      GIT_COMMITTER_NAME: options.author.name,
      GIT_COMMITTER_EMAIL: options.author.email,
      GIT_COMMITTER_DATE: options.date,
    });
    return (await git(this.dir, ['rev-parse', 'HEAD'])).trim();
  }

  remove(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

export async function git(cwd: string, args: string[], env: Record<string, string> = {}): Promise<string> {
  const result = await execa('git', args, { cwd, env: { ...GIT_ENV, ...env }, reject: false });
  if (result.exitCode !== 0) throw new Error(`git ${args.join(' ')} failed: ${result.stderr}`);
  return String(result.stdout);
}

export const staffAuthor = (id: string): Author => STAFF[id];
export const by = (action: string, staff: string, person = 'p-edith') => ({ action, person, by: staff });

/**
 * Edie's trail: admission and assessment, three plan versions each signed off and acknowledged,
 * an agreement, a review and an escalation. Returns the commit of each step by name.
 */
export async function edieHistory(h: History): Promise<Record<string, string>> {
  const [v1, v2, v3] = planVersions().map(planFile);
  const c: Record<string, string> = {};
  const as = (id: string, date: string, action: string) => ({ author: staffAuthor(id), date, trailers: by(action, id) });
  c.admit = await h.commit('Admit Edie', baseRecords(), as('s-ben', '2026-10-28T15:00:00+00:00', 'assess'));
  c.plan1 = await h.commit('Plan v1', { 'people/p-edith/plan.yaml': v1.text }, as('s-ben', '2026-10-29T10:00:00+00:00', 'plan'));
  c.sign1 = await h.commit('Sign v1', {}, as('s-amina', '2026-10-29T16:20:00+00:00', 'signoff'), {
    'people/p-edith/signoffs.yaml': `- { version: 1, plan: "${v1.hash}", by: s-amina, at: 2026-10-29T16:20 }\n`,
  });
  c.ack1 = await h.commit('Ack v1', {}, as('s-carl', '2026-10-30T07:55:00+00:00', 'ack'), {
    'people/p-edith/acknowledgements.yaml': `- { staff: s-carl, version: 1, plan: "${v1.hash}", at: 2026-10-30T07:55 }\n`,
  });
  const agreement1 = `- { version: 1, plan: "${v1.hash}", by: person, at: 2026-10-30T11:00, recorded_by: s-ben, method: signed }\n`;
  c.agree1 = await h.commit('Agree v1', {}, as('s-ben', '2026-10-30T11:00:00+00:00', 'agree'), {
    'people/p-edith/agreements.yaml': agreement1,
  });
  c.plan2 = await h.commit('Plan v2', { 'people/p-edith/plan.yaml': v2.text }, as('s-ben', '2026-11-12T10:00:00+00:00', 'plan'));
  c.sign2 = await h.commit('Sign v2', {}, as('s-amina', '2026-11-12T16:00:00+00:00', 'signoff'), {
    'people/p-edith/signoffs.yaml': `- { version: 2, plan: "${v2.hash}", by: s-amina, at: 2026-11-12T16:00 }\n`,
  });
  c.ack2 = await h.commit('Ack v2', {}, as('s-dana', '2026-11-13T07:30:00+00:00', 'ack'), {
    'people/p-edith/acknowledgements.yaml': `- { staff: s-dana, version: 2, plan: "${v2.hash}", at: 2026-11-13T07:30 }\n`,
  });
  c.escalate = await h.commit('Escalate', {}, as('s-carl', '2026-11-15T18:00:00+00:00', 'escalate'), {
    'people/p-edith/escalations.yaml': '- { at: 2026-11-15T18:00, by: s-carl, to: s-amina, reason: Refused lunch three days running }\n',
  });
  c.review = await h.commit(
    'Review',
    {
      'people/p-edith/reviews/2026-11-20-plan.yaml':
        'kind: plan\nat: 2026-11-20T08:30\nby: s-ben\nwith_person: true\n' +
        'trigger: scheduled\nfindings: Walking well now.\nresult: updated\n',
    },
    as('s-ben', '2026-11-20T08:30:00+00:00', 'review'),
  );
  c.plan3 = await h.commit('Plan v3', { 'people/p-edith/plan.yaml': v3.text }, as('s-ben', '2026-11-20T09:00:00+00:00', 'plan'));
  c.sign3 = await h.commit('Sign v3', {}, as('s-amina', '2026-11-20T15:00:00+00:00', 'signoff'), {
    'people/p-edith/signoffs.yaml': `- { version: 3, plan: "${v3.hash}", by: s-amina, at: 2026-11-20T15:00 }\n`,
  });
  c.ack3 = await h.commit('Ack v3', {}, as('s-carl', '2026-11-21T07:45:00+00:00', 'ack'), {
    'people/p-edith/acknowledgements.yaml': `- { staff: s-carl, version: 3, plan: "${v3.hash}", at: 2026-11-21T07:45 }\n`,
  });
  c.outcome = await h.commit('Outcome', {}, as('s-carl', '2026-11-21T12:40:00+00:00', 'outcome'), {
    'people/p-edith/outcomes/2026-11.yaml':
      '- { at: 2026-11-21T12:40, by: s-carl, goal: nut-fluids, result: improving, variation: Drank from a beaker not her cup }\n',
  });
  return c;
}
