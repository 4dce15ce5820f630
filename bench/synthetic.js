// A synthetic records repository with a long git history, made with `git fast-import` (one
// process for the whole history, instead of one `git commit` per record).
//
// Shape: PEOPLE people, each with a team of four; every day every person gets one outcome entry in
// its own commit; every 28 days (staggered) each plan gets a new version, a plan review, a sign-off
// by the Registered Manager and four acknowledgements, each its own commit; now and then an
// escalation. Commits carry careplan's trailers and the author email of the staff member who acted.
import { spawn, execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import yaml from 'js-yaml';
import { planHash } from '../dist/model/planHash.js';

const DAY = 86_400_000;
const START = Date.UTC(2025, 0, 1);
const pad = (n, w = 2) => String(n).padStart(w, '0');
const stamp = (ms) => new Date(ms).toISOString().slice(0, 16);
const date = (ms) => new Date(ms).toISOString().slice(0, 10);

function staffList() {
  const staff = [{ id: 's-rm', name: 'Rita Manager', roles: ['registered-manager'] }];
  for (let i = 1; i <= 15; i++) staff.push({ id: `s-kw${pad(i)}`, name: `Key Worker ${i}`, roles: ['key-worker'] });
  for (let i = 1; i <= 30; i++) staff.push({ id: `s-cs${pad(i)}`, name: `Care Staff ${i}`, roles: ['care-staff'] });
  for (let i = 1; i <= 5; i++) staff.push({ id: `s-sl${pad(i)}`, name: `Shift Lead ${i}`, roles: ['shift-lead'] });
  return staff.map((s) => ({ ...s, email: `${s.id.slice(2)}@bench.example`, active: true }));
}

const NEEDS = [
  { id: 'mobility', domain: 'mobility', action: 'Walk beside them to the dining room', goal: 'Walks to lunch without help' },
  { id: 'nutrition', domain: 'nutrition-hydration', action: 'Offer a drink every hour and record it', goal: 'Drinks 1500 ml a day' },
  { id: 'social', domain: 'social', action: 'Invite them to the afternoon activity', goal: 'Joins an activity most days' },
];

function firstPlan(personId, keyWorker, assessment, at) {
  return {
    version: 1,
    assessment,
    author: keyWorker,
    updated: at,
    about_me: `Synthetic person ${personId}; likes tea and the radio.`,
    needs: NEEDS.map((n) => ({
      need: n.id,
      preferences: [`Prefers help with ${n.id} in the morning`],
      actions: [{ id: `${n.id.slice(0, 3)}-a1`, description: n.action, frequency: 'daily', status: 'active' }],
      goals: [{ id: `${n.id.slice(0, 3)}-g1`, description: n.goal, measure: 'days a week', target: 5, by: '2026-06-30', status: 'active' }],
    })),
  };
}

/** The next version: one meaningful change, cycling through rewording, targets, new and stopped actions. */
function nextPlan(plan, at) {
  const next = structuredClone(plan);
  next.version += 1;
  next.updated = at;
  const need = next.needs[next.version % next.needs.length];
  switch (next.version % 4) {
    case 0:
      need.actions[0].description = `${need.actions[0].description.replace(/ \(v\d+\)$/, '')} (v${next.version})`;
      break;
    case 1:
      need.goals[0].target = (need.goals[0].target % 7) + 1;
      break;
    case 2:
      need.actions.push({
        id: `${need.need.slice(0, 3)}-a${need.actions.length + 1}`,
        description: `Extra support added in version ${next.version}`,
        frequency: 'weekly',
        status: 'active',
      });
      break;
    default: {
      const active = need.actions.filter((a) => a.status === 'active');
      if (active.length > 1) active[active.length - 1].status = 'stopped';
      else need.preferences.push(`Preference noted in version ${next.version}`);
    }
  }
  return next;
}

const dump = (value) => yaml.dump(value, { lineWidth: 120, flowLevel: -1 });
const flow = (entry) => `- ${yaml.dump(entry, { flowLevel: 0, lineWidth: 400 }).trim()}\n`;

/**
 * Writes the repository into `dir` (created), on branch main, checked out. Returns counts.
 */
export async function generateRepository(dir, { people = 300, days = 365, log = () => {} } = {}) {
  mkdirSync(dir, { recursive: true });
  execFileSync('git', ['init', '--quiet', '--initial-branch=main', dir]);
  const importer = spawn('git', ['fast-import', '--quiet', '--done'], { cwd: dir, stdio: ['pipe', 'inherit', 'inherit'] });
  const exited = new Promise((resolve, reject) =>
    importer.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`git fast-import exited ${code}`)))),
  );
  let pending = [];
  let pendingBytes = 0;
  const flush = async () => {
    if (!pending.length) return;
    const chunk = Buffer.concat(pending);
    pending = [];
    pendingBytes = 0;
    if (!importer.stdin.write(chunk)) await new Promise((r) => importer.stdin.once('drain', r));
  };
  const emit = async (text) => {
    const buf = Buffer.from(text, 'utf8');
    pending.push(buf);
    pendingBytes += buf.length;
    if (pendingBytes > 1 << 20) await flush();
  };

  const staff = staffList();
  const byId = new Map(staff.map((s) => [s.id, s]));
  const files = new Map();
  let commits = 0;
  const commit = async (at, actor, subject, trailers, changes) => {
    const who = byId.get(actor);
    const message = `${subject}\n\n${Object.entries(trailers)
      .map(([k, v]) => `Careplan-${k}: ${v}`)
      .join('\n')}\n`;
    const secs = Math.floor(at / 1000);
    let text =
      `commit refs/heads/main\nauthor ${who.name} <${who.email}> ${secs} +0000\n` +
      `committer ${who.name} <${who.email}> ${secs} +0000\ndata ${Buffer.byteLength(message)}\n${message}`;
    for (const [path, content] of Object.entries(changes)) {
      files.set(path, content);
      text += `M 100644 inline ${path}\ndata ${Buffer.byteLength(content)}\n${content}\n`;
    }
    await emit(`${text}\n`);
    commits++;
  };
  const append = (path, entry) => (files.get(path) ?? '') + entry;

  const setup = {
    'careplan.yaml': dump({ provider: { name: 'Benchmark House' }, timezone: 'Europe/London' }),
  };
  for (const s of staff) setup[`staff/${s.id}.yaml`] = dump(s);
  await commit(START, 's-rm', 'Start care records', { Action: 'init' }, setup);

  const carers = staff.filter((s) => s.roles[0] === 'care-staff').map((s) => s.id);
  const leads = staff.filter((s) => s.roles[0] === 'shift-lead').map((s) => s.id);
  const persons = [];
  for (let i = 1; i <= people; i++) {
    const id = `p-${pad(i, 3)}`;
    const keyWorker = `s-kw${pad(((i - 1) % 15) + 1)}`;
    const team = [keyWorker, carers[i % carers.length], carers[(i + 7) % carers.length], leads[i % leads.length]];
    persons.push({ id, keyWorker, team, plan: undefined, goals: [], index: i });
  }

  const signOff = async (p, at) => {
    const hash = planHash(p.plan);
    await commit(
      at,
      's-rm',
      `Sign off ${p.id} plan version ${p.plan.version}`,
      { Action: 'signoff', Person: p.id, By: 's-rm' },
      {
        [`people/${p.id}/signoffs.yaml`]: append(
          `people/${p.id}/signoffs.yaml`,
          flow({ version: p.plan.version, plan: hash, by: 's-rm', at: stamp(at) }),
        ),
      },
    );
    for (const [k, member] of p.team.entries()) {
      const ackAt = at + (k + 1) * 3_600_000;
      await commit(
        ackAt,
        member,
        `Acknowledge ${p.id} plan version ${p.plan.version}`,
        { Action: 'ack', Person: p.id, By: member },
        {
          [`people/${p.id}/acknowledgements.yaml`]: append(
            `people/${p.id}/acknowledgements.yaml`,
            flow({ staff: member, version: p.plan.version, plan: hash, at: stamp(ackAt) }),
          ),
        },
      );
    }
  };

  for (const p of persons) {
    const at = START + 3_600_000 + p.index * 60_000;
    const assessment = `${date(at)}-initial`;
    await commit(
      at,
      p.keyWorker,
      `Admit ${p.id} and record the initial assessment`,
      { Action: 'assess', Person: p.id, By: p.keyWorker },
      {
        [`people/${p.id}/person.yaml`]: dump({
          id: p.id,
          name: `Person ${p.index}`,
          admitted: date(at),
          key_worker: p.keyWorker,
          team: p.team,
          status: 'active',
        }),
        [`people/${p.id}/assessments/${assessment}.yaml`]: dump({
          type: 'initial',
          at: stamp(at),
          by: p.keyWorker,
          with_person: true,
          needs: NEEDS.map((n) => ({
            id: n.id,
            domain: n.domain,
            description: `Needs support with ${n.id}.`,
            risks: [{ description: 'Falls', level: 'medium' }],
          })),
        }),
      },
    );
    p.plan = firstPlan(p.id, p.keyWorker, assessment, stamp(at + 1_800_000));
    await commit(
      at + 1_800_000,
      p.keyWorker,
      `Write ${p.id} plan version 1`,
      { Action: 'plan', Person: p.id, By: p.keyWorker },
      { [`people/${p.id}/plan.yaml`]: dump(p.plan) },
    );
    await signOff(p, at + 2 * 3_600_000);
  }
  log(`  setup: ${commits} commits`);

  const RESULTS = ['improving', 'no-change', 'achieved', 'improving', 'declined'];
  for (let day = 1; day <= days; day++) {
    const morning = START + day * DAY + 8 * 3_600_000;
    for (const p of persons) {
      const at = morning + p.index * 150_000;
      const month = date(at).slice(0, 7);
      const goals = p.plan.needs.flatMap((n) => n.goals.map((g) => g.id));
      const by = p.team[(day + p.index) % p.team.length];
      const entry = {
        at: stamp(at),
        by,
        goal: goals[day % goals.length],
        result: RESULTS[(day + p.index) % RESULTS.length],
        note: `Day ${day}: support given as planned.`,
      };
      if ((day + p.index) % 10 === 0) entry.variation = 'Support given later than planned';
      const path = `people/${p.id}/outcomes/${month}.yaml`;
      await commit(
        at,
        by,
        `Record an outcome for ${p.id}`,
        { Action: 'outcome', Person: p.id, By: by },
        {
          [path]: append(
            path,
            `- at: ${entry.at}\n  by: ${entry.by}\n  goal: ${entry.goal}\n  result: ${entry.result}\n  ` +
              `note: "${entry.note}"\n${entry.variation ? `  variation: ${entry.variation}\n` : ''}`,
          ),
        },
      );
      if ((day + p.index) % 61 === 0) {
        const escAt = at + 1_800_000;
        await commit(
          escAt,
          by,
          `Escalate for ${p.id}`,
          { Action: 'escalate', Person: p.id, By: by },
          {
            [`people/${p.id}/escalations.yaml`]: append(
              `people/${p.id}/escalations.yaml`,
              flow({ at: stamp(escAt), by, to: 's-rm', reason: 'Pattern of late support' }),
            ),
          },
        );
      }
      if ((day + p.index) % 28 === 0) {
        const reviewAt = at + 2 * 3_600_000;
        p.plan = nextPlan(p.plan, stamp(reviewAt));
        await commit(
          reviewAt,
          p.keyWorker,
          `Review and update ${p.id} plan to version ${p.plan.version}`,
          { Action: 'plan', Person: p.id, By: p.keyWorker },
          {
            [`people/${p.id}/plan.yaml`]: dump(p.plan),
            [`people/${p.id}/reviews/${date(reviewAt)}-plan.yaml`]: dump({
              kind: 'plan',
              at: stamp(reviewAt),
              by: p.keyWorker,
              with_person: true,
              trigger: 'scheduled',
              findings: 'Reviewed with the person.',
              result: 'updated',
            }),
          },
        );
        await signOff(p, reviewAt + 2 * 3_600_000);
      }
    }
    if (day % 30 === 0) log(`  day ${day}: ${commits} commits`);
  }
  await emit('done\n');
  await flush();
  importer.stdin.end();
  await exited;
  execFileSync('git', ['checkout', '--quiet', '-f', 'main'], { cwd: dir });
  return { commits, people, days };
}
