#!/usr/bin/env node
// Generates a seeded synthetic records repository for benchmarks: PEOPLE people, MONTHS months of
// records ending November 2026, PER_DAY outcome entries a person a day (defaults 1000 × 12 × 3:
// about 1.1 million outcome entries). Same parameters, same bytes. Usage:
//   node bench/generate.js [--people N] [--months N] [--per-day N] [--out DIR] [--git]
import { mkdirSync, writeFileSync, existsSync, rmSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { planHash } from '../dist/model/planHash.js';

const here = path.dirname(fileURLToPath(import.meta.url));

export function parseArgs(argv) {
  const get = (flag, fallback) => {
    const i = argv.indexOf(flag);
    return i >= 0 ? argv[i + 1] : fallback;
  };
  const people = Number(get('--people', process.env.PEOPLE ?? 1000));
  const months = Number(get('--months', process.env.MONTHS ?? 12));
  const perDay = Number(get('--per-day', process.env.PER_DAY ?? 3));
  const out = get('--out', path.join(here, 'out', `synthetic-${people}x${months}x${perDay}`));
  return { people, months, perDay, out, git: argv.includes('--git') };
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
const day = (ms) => new Date(ms).toISOString().slice(0, 10);
const DAY = 86_400_000;
const NOTES = [
  'Walked to lunch with her frame, I stayed beside her.',
  'Ate most of her lunch; fluids 1200 ml by teatime.',
  'Settled after a chat about her garden.',
  'Declined the morning wash, happy to wash at 10:15.',
  'Took medicines with yoghurt as she prefers.',
  'Sang along at the music session.',
  'Heels and sacrum checked, no redness.',
  'Twenty minutes in the garden with her daughter.',
]
const RESULTS = ['improving', 'improving', 'no-change', 'achieved', 'improving', 'no-change', 'worsening', 'declined'];
const DOMAINS = ['mobility', 'nutrition-hydration', 'personal-care', 'skin-integrity', 'social', 'medication'];

export function generate({ people, months, perDay, out, git }) {
  if (existsSync(path.join(out, 'careplan.yaml'))) return out;
  rmSync(out, { recursive: true, force: true });
  const rand = mulberry32(20261126);
  const pick = (list) => list[Math.floor(rand() * list.length)];
  const write = (rel, text) => {
    mkdirSync(path.dirname(path.join(out, rel)), { recursive: true });
    writeFileSync(path.join(out, rel), text);
  };
  const end = Date.UTC(2026, 10, 30, 12);
  const start = Date.UTC(2026, 10 - months + 1, 1, 9);
  write('careplan.yaml', 'provider: { name: Synthetic Care Home }\ntimezone: Europe/London\n');
  const staffCount = Math.max(12, Math.ceil(people / 15));
  const staff = [];
  for (let i = 1; i <= staffCount; i++) {
    const id = `s-${pad(i, 4)}`;
    const roles = i === 1 ? ['registered-manager'] : i % 10 === 0 ? ['shift-lead', 'care-staff'] : i % 4 === 0 ? ['key-worker'] : ['care-staff'];
    staff.push({ id, roles });
    write(`staff/${id}.yaml`, `id: ${id}\nname: Staff ${i}\nroles: [${roles.join(', ')}]\nactive: true\n`);
  }
  const keyWorkers = staff.filter((s) => s.roles.includes('key-worker'));
  const carers = staff.filter((s) => !s.roles.includes('registered-manager'));
  const leads = staff.filter((s) => s.roles.includes('shift-lead'));
  let entries = 0;
  for (let p = 1; p <= people; p++) {
    const id = `p-${pad(p, 5)}`;
    const keyWorker = pick(keyWorkers).id;
    const team = [...new Set([keyWorker, ...Array.from({ length: 5 }, () => pick(carers).id)])].sort();
    const admitted = day(start - DAY * 2);
    write(`people/${id}/person.yaml`, `id: ${id}\nname: Person ${p}\nadmitted: ${admitted}\nkey_worker: ${keyWorker}\nteam: [${team.join(', ')}]\nstatus: active\n`);
    const needs = DOMAINS.slice(0, 4).map((domain, i) => ({ id: `need-${i + 1}`, domain }));
    const assessedAt = `${admitted}T10:00`;
    write(`people/${id}/assessments/${admitted}-initial.yaml`, `type: initial\nat: ${assessedAt}\nby: ${keyWorker}\nwith_person: true\nneeds:\n${needs.map((n) => `  - id: ${n.id}\n    domain: ${n.domain}\n    description: Needs support with ${n.domain}.\n    risks:\n      - { description: Risk around ${n.domain}, tool: frat, score: ${Math.floor(rand() * 20)}, level: medium }\n    preferences: [Likes to be asked first]\n`).join('')}`);
    const plan = {
      version: 1, assessment: `${admitted}-initial`, author: keyWorker, updated: `${admitted}T16:00`, about_me: `Person ${p} likes the garden.`,
      needs: needs.map((n, i) => ({
        need: n.id, preferences: ['Asked before anything is done'],
        actions: [{ id: `a-${i + 1}`, description: `Support with ${n.domain}`, frequency: 'daily', status: 'active' }],
        goals: [{ id: `g-${i + 1}`, description: `Keeps ${n.domain} steady`, measure: 'days a week', target: 5, by: '2027-06-30', status: 'active' }],
      })),
    };
    write(`people/${id}/plan.yaml`, `${JSON.stringify(plan, null, 1)}\n`);
    const hash = planHash(plan);
    const signedAt = day(start - DAY);
    write(`people/${id}/signoffs.yaml`, `- { version: 1, plan: "${hash}", by: s-0001, at: ${signedAt}T09:00 }\n`);
    write(`people/${id}/acknowledgements.yaml`, team.map((s) => `- { staff: ${s}, version: 1, plan: "${hash}", at: ${signedAt}T15:00 }\n`).join(''));
    write(`people/${id}/agreements.yaml`, `- { version: 1, plan: "${hash}", by: person, at: ${signedAt}T11:00, recorded_by: ${keyWorker}, method: signed }\n`);
    let escalations = '';
    const byMonth = new Map();
    let variationsInRow = 0;
    for (let t = start; t <= end; t += DAY) {
      const date = day(t);
      for (let k = 0; k < perDay; k++) {
        const goal = ((Math.round((t - start) / DAY) * perDay + k) % 4) + 1;
        const varied = rand() < 0.01;
        variationsInRow = varied ? variationsInRow + 1 : variationsInRow;
        const actions = k === 0 ? `  actions: [a-${goal}]\n` : '';
        const text = `- at: ${date}T${pad(8 + k * 4)}:${pad(Math.floor(rand() * 60))}\n  by: ${pick(team)}\n  goal: g-${goal}\n${actions}  result: ${pick(RESULTS)}\n  note: ${pick(NOTES)}\n${varied ? '  variation: Support given differently today.\n' : ''}`;
        const month = date.slice(0, 7);
        byMonth.set(month, (byMonth.get(month) ?? '') + text);
        entries++;
      }
      if (variationsInRow >= 3) {
        escalations += `- { at: ${date}T20:00, by: ${keyWorker}, to: s-0001, reason: Pattern of variation this week }\n`;
        variationsInRow = 0;
      }
    }
    for (const [month, text] of byMonth) write(`people/${id}/outcomes/${month}.yaml`, text);
    write(`people/${id}/escalations.yaml`, escalations || '[]\n');
    for (let t = start + 6 * DAY, w = 0; t <= end; t += 7 * DAY, w++) {
      const date = day(t);
      write(`people/${id}/reviews/${date}-outcomes.yaml`, `kind: outcomes\nat: ${date}T15:00\nby: ${keyWorker}\nperiod: { from: ${day(t - 6 * DAY)}, to: ${date} }\ngoals:\n${[1, 2, 3, 4].map((g) => `  - { goal: g-${g}, trend: ${pick(['improving', 'stable'])} }\n`).join('')}plan_update_needed: false\n`);
      if (w % 4 === 3) {
        write(`people/${id}/reviews/${date}-plan.yaml`, `kind: plan\nat: ${date}T11:00\nby: ${keyWorker}\nwith_person: true\ntrigger: scheduled\nfindings: Plan still fits.\nresult: no-change\n`);
      }
    }
  }
  for (let t = start; t <= end; t += 7 * DAY) {
    const lead = pick(leads).id;
    write(`spotchecks/${day(t)}-${lead}.yaml`, `at: ${day(t)}T14:00\nby: ${lead}\npeople: [p-00001, p-00002]\nfindings: []\n`);
  }
  for (let m = 0; m < months; m++) {
    const d = new Date(start + m * 31 * DAY);
    const month = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}`;
    if (month >= '2026-11') continue;
    write(`audits/${month}.yaml`, `month: ${month}\nsaved_at: ${month}-28T10:00\nsaved_by: s-0001\nmetrics: {}\nfindings: { by_rule: {} }\nactions: []\n`);
  }
  if (git) {
    execFileSync('git', ['init', '-q', '-b', 'main'], { cwd: out });
    execFileSync('git', ['add', '-A'], { cwd: out });
    execFileSync('git', ['-c', 'user.name=bench', '-c', 'user.email=bench@example.invalid', 'commit', '-q', '-m', 'synthetic records'], { cwd: out });
  }
  writeFileSync(path.join(out, '.generated'), JSON.stringify({ people, months, perDay, entries }));
  return out;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const args = parseArgs(process.argv.slice(2));
  const t0 = Date.now();
  generate(args);
  console.log(`${args.out} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
}
