#!/usr/bin/env node
// Generates a seeded synthetic records repository of a well-run home for benchmarks: PEOPLE people,
// MONTHS months of records ending the day before END (default: today, so that the home is well run
// as of now and `careplan check` judges the present, as a care home does every day), in one of
// several SHAPES. Same parameters, same bytes. Usage:
//   node bench/generate.js [--people N] [--months N] [--shape NAME] [--end YYYY-MM-DD] [--out DIR] [--git]
//
// Every care rule is met (no findings as of the day after the last records), so `check` pays for
// no line look-ups and the figures are those of a home doing its job.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { planHash } from '../dist/model/planHash.js';

const here = path.dirname(fileURLToPath(import.meta.url));

/**
 * The shapes a home's records can take, so that a lead on one cannot hide a loss on another.
 * perDay: outcome entries a person a day (0: `weekly`, one a goal a week); note: words in a note;
 * outcomeReviewDays / planReviewDays: how often the key worker reviews (the policy allows for it,
 * with a week to spare so that no review falls due either).
 */
export const SHAPES = {
  // Many small files: three short entries a day, weekly outcome reviews, plan reviews every 20 days.
  small: { perDay: 3, note: 'short', outcomeReviewDays: 7, planReviewDays: 20 },
  // Few large files: three long entries a day, monthly outcome reviews, quarterly plan reviews.
  large: { perDay: 3, note: 'long', outcomeReviewDays: 30, planReviewDays: 84 },
  // Outcomes and reviews weekly: one entry a goal a week, weekly outcome reviews.
  weekly: { perDay: 0, note: 'short', outcomeReviewDays: 7, planReviewDays: 20 },
  // The home: three long entries a day, weekly outcome reviews, three-weekly plan reviews.
  mixed: { perDay: 3, note: 'long', outcomeReviewDays: 7, planReviewDays: 21 },
};

export function parseArgs(argv) {
  const get = (flag, fallback) => {
    const i = argv.indexOf(flag);
    return i >= 0 ? argv[i + 1] : fallback;
  };
  const people = Number(get('--people', process.env.PEOPLE ?? 1000));
  const months = Number(get('--months', process.env.MONTHS ?? 12));
  const shape = get('--shape', process.env.SHAPE ?? 'small');
  if (!SHAPES[shape]) throw new Error(`--shape must be one of ${Object.keys(SHAPES).join(', ')}, not ${shape}`);
  const end = get('--end', process.env.END ?? new Date().toISOString().slice(0, 10));
  const out = get('--out', path.join(here, 'out', `${shape}-${people}x${months}-${end}`));
  return { people, months, shape, end, out, git: argv.includes('--git') };
}

function mulberry32(seed) {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pad = (n, w = 2) => String(n).padStart(w, '0');
/** YAML text of these lines, each ended. */
const lines = (...list) => `${list.join('\n')}\n`;
const day = (ms) => new Date(ms).toISOString().slice(0, 10);
const DAY = 86_400_000;
const SHORT_NOTES = [
  'Walked to lunch with her frame, I stayed beside her.',
  'Ate most of her lunch; fluids 1200 ml by teatime.',
  'Settled after a chat about her garden.',
  'Declined the morning wash, happy to wash at 10:15.',
  'Took medicines with yoghurt as she prefers.',
  'Sang along at the music session.',
  'Heels and sacrum checked, no redness.',
  'Twenty minutes in the garden with her daughter.',
];
// Long notes: what a carer writes after a longer interaction (about 500 bytes an entry, as in the
// issue's home), on one line as `careplan outcome --note` writes them.
const LONG_NOTES = SHORT_NOTES.map(
  (first, i) =>
    `${first} ${SHORT_NOTES[(i + 3) % 8]} She talked about the war years and her sister ` +
    "in Leeds, and asked twice about her grandson's visit on Sunday; I reminded her it is on the calendar by her bed. Skin intact, " +
    `fluids encouraged, chair cushion checked and turned. ${SHORT_NOTES[(i + 5) % 8]} Nothing else of note; handed over to the next shift.`,
);
// Results that make progress: a well-run home sees progress within no_progress_days on every goal.
const RESULTS = ['improving', 'no-change', 'improving', 'achieved', 'no-change', 'improving', 'worsening', 'declined'];
const DOMAINS = ['mobility', 'nutrition-hydration', 'personal-care', 'skin-integrity'];

export function generate({ people, months, shape, end, out, git }) {
  if (existsSync(path.join(out, '.generated'))) {
    if (git && !existsSync(path.join(out, '.git'))) commit(out);
    return out;
  }
  rmSync(out, { recursive: true, force: true });
  const spec = SHAPES[shape];
  const rand = mulberry32(20261126);
  const pick = (list) => list[Math.floor(rand() * list.length)];
  const write = (rel, text) => {
    mkdirSync(path.dirname(path.join(out, rel)), { recursive: true });
    writeFileSync(path.join(out, rel), text);
  };
  // Records end the day before `end`; the months are the calendar months up to that day.
  const last = Date.parse(`${end}T12:00:00Z`) - DAY;
  const lastDate = new Date(last);
  const start = Date.UTC(lastDate.getUTCFullYear(), lastDate.getUTCMonth() - months + 1, 1, 9);
  write(
    'careplan.yaml',
    [
      'provider: { name: Synthetic Care Home }',
      'timezone: Europe/London',
      `policy: { outcome_review_days: ${Math.max(7, spec.outcomeReviewDays + 1)}, ` +
        `review_interval_days: ${Math.max(28, spec.planReviewDays + 8)} }`,
      '',
    ].join('\n'),
  );
  const staffCount = Math.max(12, Math.ceil(people / 15));
  const staff = [];
  for (let i = 1; i <= staffCount; i++) {
    const id = `s-${pad(i, 4)}`;
    const roles =
      i === 1 ? ['registered-manager'] : i % 10 === 0 ? ['shift-lead', 'care-staff'] : i % 4 === 0 ? ['key-worker'] : ['care-staff'];
    staff.push({ id, roles });
    write(`staff/${id}.yaml`, `id: ${id}\nname: Staff ${i}\nroles: [${roles.join(', ')}]\nactive: true\n`);
  }
  const keyWorkers = staff.filter((s) => s.roles.includes('key-worker'));
  const carers = staff.filter((s) => !s.roles.includes('registered-manager'));
  const leads = staff.filter((s) => s.roles.includes('shift-lead'));
  const notes = spec.note === 'long' ? LONG_NOTES : SHORT_NOTES;
  let entries = 0;
  for (let p = 1; p <= people; p++) {
    const id = `p-${pad(p, 5)}`;
    const keyWorker = pick(keyWorkers).id;
    const team = [...new Set([keyWorker, ...Array.from({ length: 5 }, () => pick(carers).id)])].sort();
    const admitted = day(start - DAY * 2);
    write(
      `people/${id}/person.yaml`,
      `id: ${id}\nname: Person ${p}\nadmitted: ${admitted}\nkey_worker: ${keyWorker}\nteam: [${team.join(', ')}]\nstatus: active\n`,
    );
    const needs = DOMAINS.map((domain, i) => ({ id: `need-${i + 1}`, domain }));
    write(
      `people/${id}/assessments/${admitted}-initial.yaml`,
      lines(
        'type: initial',
        `at: ${admitted}T10:00`,
        `by: ${keyWorker}`,
        'with_person: true',
        'needs:',
        ...needs.flatMap((n) => [
          `  - id: ${n.id}`,
          `    domain: ${n.domain}`,
          `    description: Needs support with ${n.domain}.`,
          '    risks:',
          `      - { description: Risk around ${n.domain}, tool: frat, score: ${Math.floor(rand() * 20)}, level: medium }`,
          '    preferences: [Likes to be asked first]',
        ]),
      ),
    );
    const plan = {
      version: 1,
      assessment: `${admitted}-initial`,
      author: keyWorker,
      updated: `${admitted}T16:00`,
      about_me: `Person ${p} likes the garden.`,
      needs: needs.map((n, i) => ({
        need: n.id,
        preferences: ['Asked before anything is done'],
        actions: [{ id: `a-${i + 1}`, description: `Support with ${n.domain}`, frequency: 'daily', status: 'active' }],
        goals: [
          {
            id: `g-${i + 1}`,
            description: `Keeps ${n.domain} steady`,
            measure: 'days a week',
            target: 5,
            by: '2099-06-30',
            status: 'active',
          },
        ],
      })),
    };
    write(`people/${id}/plan.yaml`, `${JSON.stringify(plan, null, 1)}\n`);
    const hash = planHash(plan);
    const signedAt = day(start - DAY);
    write(`people/${id}/signoffs.yaml`, `- { version: 1, plan: "${hash}", by: s-0001, at: ${signedAt}T09:00 }\n`);
    write(
      `people/${id}/acknowledgements.yaml`,
      team.map((s) => `- { staff: ${s}, version: 1, plan: "${hash}", at: ${signedAt}T15:00 }\n`).join(''),
    );
    write(
      `people/${id}/agreements.yaml`,
      `- { version: 1, plan: "${hash}", by: person, at: ${signedAt}T11:00, recorded_by: ${keyWorker}, method: signed }\n`,
    );
    let escalations = '';
    const byMonth = new Map();
    for (let t = start, d = 0; t <= last; t += DAY, d++) {
      const date = day(t);
      // Daily: perDay entries cycling over the goals. Weekly: one entry a goal a week, a goal a day.
      const slots = spec.perDay > 0 ? spec.perDay : d % 7 < 4 ? 1 : 0;
      let varied = false;
      for (let k = 0; k < slots; k++) {
        const goal = spec.perDay > 0 ? ((d * spec.perDay + k) % 4) + 1 : (d % 7) + 1;
        const variation = rand() < 0.01;
        varied ||= variation;
        const actions = k === 0 ? `  actions: [a-${goal}]` : '';
        const note = pick(notes);
        const result = spec.perDay > 0 ? pick(RESULTS) : 'improving';
        const at = `${date}T${pad(8 + k * 4)}:${pad(Math.floor(rand() * 60))}`;
        const text = lines(
          `- at: ${at}`,
          `  by: ${pick(team)}`,
          `  goal: g-${goal}`,
          ...(actions ? [actions] : []),
          `  result: ${result}`,
          `  note: ${note}`,
          ...(variation ? ['  variation: Support given differently today.'] : []),
        );
        const month = date.slice(0, 7);
        byMonth.set(month, (byMonth.get(month) ?? '') + text);
        entries++;
      }
      // Every variation is raised with the Registered Manager that evening and answered within the hour.
      if (varied) {
        const answer = `response: Discussed with the key worker; plan still fits, responded_at: ${date}T20:45`;
        escalations += `- { at: ${date}T20:00, by: ${keyWorker}, to: s-0001, reason: Support given differently today, ${answer} }\n`;
      }
    }
    for (const [month, text] of byMonth) write(`people/${id}/outcomes/${month}.yaml`, text);
    write(`people/${id}/escalations.yaml`, escalations || '[]\n');
    // Reviews counted back from the last day, so the newest is always recent.
    for (let t = last - (p % spec.outcomeReviewDays) * DAY; t >= start + 6 * DAY; t -= spec.outcomeReviewDays * DAY) {
      const date = day(t);
      write(
        `people/${id}/reviews/${date}-outcomes.yaml`,
        lines(
          'kind: outcomes',
          `at: ${date}T15:00`,
          `by: ${keyWorker}`,
          `period: { from: ${day(t - 6 * DAY)}, to: ${date} }`,
          'goals:',
          ...[1, 2, 3, 4].map((g) => `  - { goal: g-${g}, trend: ${pick(['improving', 'stable'])} }`),
          'plan_update_needed: false',
        ),
      );
    }
    for (let t = last - (p % spec.planReviewDays) * DAY; t >= start + 6 * DAY; t -= spec.planReviewDays * DAY) {
      const date = day(t);
      write(
        `people/${id}/reviews/${date}-plan.yaml`,
        lines('kind: plan', `at: ${date}T11:00`, `by: ${keyWorker}`, 'with_person: true', 'trigger: scheduled') +
          lines('findings: Plan still fits.', 'result: no-change'),
      );
    }
  }
  // Weekly spot checks by a shift lead; each member of the care team supervised every six weeks.
  for (let t = last; t >= start; t -= 7 * DAY) {
    const lead = pick(leads).id;
    write(`spotchecks/${day(t)}-${lead}.yaml`, `at: ${day(t)}T14:00\nby: ${lead}\npeople: [p-00001]\nfindings: []\n`);
  }
  staff.slice(1).forEach((member, i) => {
    for (let t = last - (i % 42) * DAY; t >= start; t -= 42 * DAY) {
      const by = member.roles.includes('shift-lead') ? 's-0001' : pick(leads).id;
      write(
        `supervisions/${day(t)}-${member.id}.yaml`,
        `at: ${day(t)}T13:00\nby: ${by}\nstaff: ${member.id}\nkind: supervision\ntopics: [care-plan-adherence]\nfindings: Going well.\n`,
      );
    }
  });
  // Each month's audit saved in the first days of the next.
  for (let m = new Date(start); m.getTime() < last; m.setUTCMonth(m.getUTCMonth() + 1)) {
    const month = `${m.getUTCFullYear()}-${pad(m.getUTCMonth() + 1)}`;
    const next = new Date(Date.UTC(m.getUTCFullYear(), m.getUTCMonth() + 1, 3, 10));
    if (next.getTime() > last) break;
    write(
      `audits/${month}.yaml`,
      `month: ${month}\nsaved_at: ${day(next.getTime())}T10:00\nsaved_by: s-0001\nmetrics: {}\nfindings: { by_rule: {} }\nactions: []\n`,
    );
  }
  write('bench-scratch.txt', 'A file for the bench to commit: a bare git commit of one file.\n');
  if (git) commit(out);
  writeFileSync(path.join(out, '.generated'), JSON.stringify({ people, months, shape, end, entries }));
  return out;
}

/** The generated records in a git repository of their own, committed once. */
function commit(out) {
  execFileSync('git', ['init', '-q', '-b', 'main'], { cwd: out });
  execFileSync('git', ['config', 'user.name', 'Bench'], { cwd: out });
  execFileSync('git', ['config', 'user.email', 'bench@example.invalid'], { cwd: out });
  execFileSync('git', ['add', '-A'], { cwd: out });
  execFileSync('git', ['commit', '-q', '-m', 'synthetic records'], { cwd: out });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const args = parseArgs(process.argv.slice(2));
  const t0 = Date.now();
  generate(args);
  console.log(`${args.out} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
}
