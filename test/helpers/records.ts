import jsYaml from 'js-yaml';
import { planHash } from '../../src/model/planHash.js';
import { recordRules } from '../../src/rules/record.js';
import { loadWorkspace } from '../../src/repo/loader.js';
import { careplanYaml } from '../../src/repo/template.js';
import { MOBILITY_NEED } from '../fixtures/records.js';
import { gitIn, gitRepo } from './repo.js';

/** The staff of the seed repositories: one of each role the cycle needs. */
export const STAFF = {
  's-amina': { name: 'Amina Okafor', roles: ['registered-manager'], email: 'amina@sunrise.example' },
  's-ben': { name: 'Ben Hollis', roles: ['key-worker'], email: 'ben@sunrise.example' },
  's-carl': { name: 'Carl Jenkins', roles: ['care-staff'], email: 'carl@sunrise.example' },
  's-dana': { name: 'Dana Morgan', roles: ['shift-lead'], email: 'dana@sunrise.example' },
} as const;

export const NEEDS_YAML = `needs:
${MOBILITY_NEED}  - id: nutrition
    domain: nutrition-hydration
    description: Needs drinks offering through the day.
    preferences: ["Milky tea, no sugar"]
`;

export const PLAN_INPUT_YAML = `about_me: Retired teacher; loves crosswords and her cat Moss.
strengths: [Knows her own routine well]
needs:
  - need: mobility
    preferences: ["Walks to lunch with staff beside her, not holding her arm"]
    actions:
      - { id: mob-walk, description: Walk beside Edie to the dining room, frequency: daily at 12:30 }
    goals:
      - { id: mob-indep, description: Walks to lunch with her frame without help, measure: unaided walks a week, target: 5, by: 2027-01-31 }
  - need: nutrition
    actions:
      - { id: nut-drinks, description: Offer a drink every hour, frequency: hourly 08:00-20:00 }
    goals:
      - { id: nut-fluids, description: Drinks at least 1500 ml a day, measure: days a week with 1500 ml, target: 6 }
`;

/** p-edith's plan as the seed repositories hold it. */
export const SEED_PLAN = {
  version: 1,
  assessment: '2026-10-28-initial',
  author: 's-ben',
  updated: '2026-10-29T10:00',
  about_me: 'Retired teacher; loves crosswords and her cat Moss.',
  needs: [
    {
      need: 'mobility',
      preferences: ['Walks to lunch with staff beside her'],
      actions: [{ id: 'mob-walk', description: 'Walk beside Edie to the dining room', frequency: 'daily at 12:30', status: 'active' }],
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
      need: 'nutrition',
      preferences: ['Milky tea, no sugar'],
      actions: [{ id: 'nut-drinks', description: 'Offer a drink every hour', status: 'active' }],
      goals: [{ id: 'nut-fluids', description: 'Drinks at least 1500 ml a day', status: 'active' }],
    },
  ],
};

const dump = (value: unknown) => jsYaml.dump(value, { lineWidth: -1 });

/**
 * A committed records repository with staff, p-edith assessed, her plan written and (unless
 * `signed: false`) signed off by the Registered Manager: the starting point of most tests.
 */
export async function seedRepo(options: { signed?: boolean; plan?: unknown } = {}): Promise<string> {
  const plan = options.plan ?? SEED_PLAN;
  const assessment = `type: initial\nat: 2026-10-28T14:00\nby: s-ben\nwith_person: true\n${NEEDS_YAML}`;
  const files: Record<string, string> = {
    'careplan.yaml': careplanYaml({ name: 'Sunrise House' }, 'Europe/London'),
    '.gitignore': '.careplan/lock\n',
    'people/p-edith/person.yaml': dump({
      id: 'p-edith',
      name: 'Edith Clarke',
      preferred_name: 'Edie',
      admitted: '2026-10-28',
      key_worker: 's-ben',
      team: ['s-ben', 's-carl'],
      representatives: [{ name: 'Jo Clarke', relationship: 'daughter', authority: 'lpa-health-welfare' }],
      status: 'active',
    }),
    'people/p-edith/assessments/2026-10-28-initial.yaml': assessment,
    'people/p-edith/plan.yaml': dump(plan),
  };
  for (const [id, s] of Object.entries(STAFF)) files[`staff/${id}.yaml`] = dump({ id, ...s, active: true });
  if (options.signed !== false) {
    files['people/p-edith/signoffs.yaml'] = dump([{ version: 1, plan: planHash(plan), by: 's-amina', at: '2026-10-29T16:20' }]);
    files['people/p-edith/acknowledgements.yaml'] = dump([{ staff: 's-carl', version: 1, plan: planHash(plan), at: '2026-10-30T07:55' }]);
  }
  return gitRepo(files);
}

export interface CommitInfo {
  sha: string;
  subject: string;
  trailers: Record<string, string[]>;
  files: string[];
}

/** The newest commit: subject, Careplan trailers and the files it touched. */
export async function lastCommit(dir: string): Promise<CommitInfo> {
  const out = await gitIn(dir, ['log', '-1', '--format=%H%n%s%n%(trailers:only,unfold)%n--files--', '--name-only']);
  const [head, files = ''] = out.split('--files--');
  const [sha, subject, ...trailerLines] = head.trim().split('\n');
  const trailers: Record<string, string[]> = {};
  for (const line of trailerLines) {
    const m = /^([\w-]+): (.*)$/.exec(line.trim());
    if (m) (trailers[m[1]] ??= []).push(m[2]);
  }
  return {
    sha,
    subject,
    trailers,
    files: files
      .split('\n')
      .map((f) => f.trim())
      .filter(Boolean)
      .sort(),
  };
}

export async function commitCount(dir: string): Promise<number> {
  return Number((await gitIn(dir, ['rev-list', '--count', 'HEAD'])).trim());
}

/** What `careplan validate` checks (schema and record rules), run in this process: fast enough for every step. */
export function recordErrors(dir: string, asOf = Date.parse('2026-11-30T00:00:00Z')): string[] {
  return recordRules(loadWorkspace(dir), asOf)
    .filter((f) => f.severity === 'error')
    .map((f) => `${f.file}:${f.line ?? ''} ${f.rule}: ${f.message}`);
}

/** `git status --porcelain`: empty when every change is committed and nothing stray was written. */
export async function workingTreeChanges(dir: string): Promise<string> {
  return (await gitIn(dir, ['status', '--porcelain'])).trim();
}
