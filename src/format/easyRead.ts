import { describeTarget, measureGoal, isMeasured, numericTarget } from '../model/goalMeasures.js';
import { assessedNeed, type PersonShare } from '../model/personShare.js';
import type { Plan } from '../model/records.generated.js';
import { addDays, timestampDate } from '../model/time.js';
import { html, longDate, pageHead } from './htmlText.js';

/**
 * "My plan" for the person (SPEC 5.6, the Accessible Information Standard): the plan in plain words
 * and large print, one idea to a line, in the first person, from the plan's own words. No ids: the
 * needs are named by what they are about, people by name and role. Pure.
 */

export interface EasyReadOptions {
  /** Local date the plan is shown as of: how I am doing looks back from it. */
  date: string;
  /** How many days "how I am doing" counts back (the policy's no_progress_days). */
  days: number;
}

type Need = Plan['needs'][number];
type Result = PersonShare['outcomes'][number]['data']['result'];

const DOMAIN_WORDS: Record<string, string> = {
  'personal-care': 'Washing and dressing',
  mobility: 'Moving about',
  'nutrition-hydration': 'Food and drink',
  medication: 'My medicines',
  continence: 'Using the toilet',
  'skin-integrity': 'Looking after my skin',
  communication: 'Talking and understanding',
  cognition: 'Memory and thinking',
  'mental-health': 'How I feel',
  social: 'Things I enjoy and people I see',
  sleep: 'Sleeping',
  safety: 'Keeping safe',
  other: 'Other things',
};

const RESULT_WORDS: [Result, string][] = [
  ['achieved', 'I did it'],
  ['improving', 'It went better'],
  ['no-change', 'About the same'],
  ['worsening', 'It was harder'],
  ['declined', 'I said no'],
  ['not-attempted', 'We did not try'],
];

const AUTHORITY_WORDS: Record<string, string | undefined> = {
  'lpa-health-welfare': 'can make decisions about my health and care if I cannot',
  deputy: 'is my deputy and can make some decisions for me',
  other: undefined,
};

const STYLE = `
:root { color-scheme: light; }
* { box-sizing: border-box; }
html { background: #fff; }
body { font-family: Arial, Verdana, Helvetica, sans-serif; font-size: 16pt; line-height: 1.5; color: #000; background: #fff;
  margin: 0 auto; max-width: 38em; padding: 1rem; overflow-wrap: anywhere; }
h1 { font-size: 28pt; margin: 0 0 .4em; }
h2 { font-size: 22pt; margin: 1.4em 0 .4em; padding-top: .3em; border-top: 4px solid #000; }
h3 { font-size: 18pt; margin: 1em 0 .3em; }
p, li { margin: .25em 0; }
ul { padding-left: 1.2em; margin: .2em 0 .6em; }
.who strong, .goal strong { font-weight: bold; }
.said { font-weight: bold; }
footer { margin-top: 2em; padding-top: .5em; border-top: 4px solid #000; }
@page { size: A4; margin: 16mm; }
@media print {
  body { max-width: none; padding: 0; }
  h2, h3 { break-after: avoid; page-break-after: avoid; }
  p, li { break-inside: avoid; }
}
`;

/** The plan's own words, a sentence to a line: split at full stops and semicolons. */
export function sentences(text: string): string[] {
  return text
    .trim()
    .split(/(?<=[.!?])\s+|;\s+/)
    .map((s) => s.trim())
    .filter(Boolean)
    .map((s) => `${s[0].toUpperCase()}${s.slice(1)}${/[.!?]$/.test(s) ? '' : '.'}`);
}

/** Needs grouped under the plain words of their assessed domain, in plan order. */
function byTopic(share: PersonShare, needs: readonly Need[]): [string, Need[]][] {
  const groups = new Map<string, Need[]>();
  for (const need of needs) {
    const words = DOMAIN_WORDS[assessedNeed(share, need.need).domain ?? 'other'] ?? DOMAIN_WORDS.other;
    groups.set(words, [...(groups.get(words) ?? []), need]);
  }
  return [...groups];
}

const times = (n: number) => `${n} ${n === 1 ? 'time' : 'times'}`;
const p = (text: string, cls?: string) => `<p${cls ? ` class="${cls}"` : ''}>${text}</p>`;

function aboutMe(share: PersonShare, plan: Plan): string[] {
  const person = share.person;
  const out = ['<section><h2>About me</h2>', p(`My name is ${html(person.name)}.`)];
  if (person.preferred_name) out.push(p(`I like to be called ${html(person.preferred_name)}.`));
  if (person.date_of_birth) out.push(p(`My birthday is ${html(longDate(person.date_of_birth).replace(/ \d+$/, ''))}.`));
  out.push(...sentences(plan.about_me).map((s) => p(html(s))));
  if (plan.strengths?.length)
    out.push('<h3>Things I am good at</h3>', `<ul>${plan.strengths.map((s) => `<li>${html(s)}</li>`).join('')}</ul>`);
  out.push('</section>');
  return out;
}

function whatMatters(share: PersonShare, plan: Plan): string[] {
  const out = ['<section><h2>What matters to me</h2>'];
  const topics = byTopic(
    share,
    plan.needs.filter((n) => n.preferences?.length),
  );
  if (!topics.length) out.push(p('Tell staff what matters to you, and they will write it here.'));
  for (const [topic, needs] of topics) {
    out.push(
      `<h3>${html(topic)}</h3>`,
      `<ul>${needs
        .flatMap((n) => n.preferences ?? [])
        .map((pref) => `<li>${html(pref)}</li>`)
        .join('')}</ul>`,
    );
  }
  out.push('</section>');
  return out;
}

function howStaffHelp(share: PersonShare, plan: Plan): string[] {
  const out = ['<section><h2>How staff help me</h2>'];
  for (const [topic, needs] of byTopic(share, plan.needs)) {
    const actions = needs.flatMap((n) => n.actions.filter((a) => a.status === 'active'));
    if (!actions.length) continue;
    out.push(`<h3>${html(topic)}</h3>`, '<ul>');
    for (const a of actions) out.push(`<li>${html(a.description)}${a.frequency ? `<br>When: ${html(a.frequency)}.` : ''}</li>`);
    out.push('</ul>');
  }
  out.push('</section>');
  return out;
}

function myGoals(share: PersonShare, plan: Plan, options: EasyReadOptions): string[] {
  const out = ['<section><h2>My goals and how I am doing</h2>'];
  const from = addDays(options.date, -(options.days - 1));
  const goals = plan.needs.flatMap((n) => n.goals).filter((g) => g.status !== 'discontinued');
  if (!goals.length) out.push(p('I do not have any goals yet.'));
  const entries = share.outcomes.map((e) => e.data);
  for (const goal of goals) {
    out.push(`<div class="goal"><h3>${html(goal.description)}</h3>`);
    if (goal.status === 'achieved') out.push(p('I have done this!', 'said'));
    if (goal.by && goal.status === 'active') out.push(p(`I want to do this by ${html(longDate(goal.by))}.`));
    if (isMeasured(goal, entries)) {
      const m = measureGoal(goal, entries, share.zone);
      const target = describeTarget(m);
      if (target) out.push(p(`My target: ${html(target)}.`));
      const amount = (v: number) => html(m.unit ? `${v} ${m.unit}` : String(v));
      if (m.first && m.latest && m.count > 1) out.push(p(`First: ${amount(m.first.value)} on ${html(longDate(m.first.date))}.`));
      if (m.latest) out.push(p(`Latest: ${amount(m.latest.value)} on ${html(longDate(m.latest.date))}.`));
      if (m.best && m.count > 1) out.push(p(`Best: ${amount(m.best.value)}.`));
      if (m.met !== undefined) out.push(p(m.met ? 'I have reached my target.' : 'I have not reached my target yet.', 'said'));
      if (!m.latest) out.push(p('Nothing has been measured yet.'));
    } else {
      const target = numericTarget(goal);
      if (target !== undefined || goal.target !== undefined)
        out.push(p(`My target: ${html(String(goal.target))}${goal.measure ? ` ${html(goal.measure)}` : ''}.`));
    }
    const recent = entries.filter((e) => {
      const date = timestampDate(e.at, share.zone);
      return e.goal === goal.id && date !== undefined && date >= from && date <= options.date;
    });
    if (recent.length) {
      out.push(p(`In the last ${options.days % 7 === 0 ? `${options.days / 7} weeks` : `${options.days} days`}:`), '<ul>');
      for (const [result, words] of RESULT_WORDS) {
        const n = recent.filter((e) => e.result === result).length;
        if (n) out.push(`<li>${words}: ${times(n)}.</li>`);
      }
      out.push('</ul>');
    } else if (goal.status === 'active') {
      out.push(p(`Nothing was written down about this in the last ${options.days} days.`));
    }
    out.push('</div>');
  }
  out.push('</section>');
  return out;
}

function whoToTalkTo(share: PersonShare): string[] {
  const out = ['<section class="who"><h2>Who to talk to</h2>'];
  const keyWorker = share.staff.get(share.person.key_worker);
  if (keyWorker) out.push(p(`<strong>${html(keyWorker.name)}</strong> is my key worker.`));
  const managers = [...share.staff.values()].filter((s) => s.active && s.roles.includes('registered-manager'));
  for (const m of managers) out.push(p(`<strong>${html(m.name)}</strong> is the manager of ${html(share.provider.name)}.`));
  for (const r of share.person.representatives ?? []) {
    out.push(p(`<strong>${html(r.name)}</strong> is my ${html(r.relationship)}.`));
    const authority = AUTHORITY_WORDS[r.authority];
    if (authority) out.push(p(`${html(r.name)} ${authority}.`));
  }
  out.push(p('I can talk to any of the staff about my plan.'), '</section>');
  return out;
}

function status(share: PersonShare, plan: Plan): string[] {
  const out = [p(`This is my care plan at ${html(share.provider.name)}.`), p('It says what matters to me and how staff help me.')];
  out.push(p(`It was last changed on ${html(longDate(plan.updated))}.`));
  const signed = [...share.signoffs].reverse().find((s) => s.authorised && s.data.plan === share.hash);
  if (share.state === 'approved' && signed) out.push(p(`The manager checked it on ${html(longDate(signed.data.at))}.`));
  else out.push(p('The manager has not checked the latest changes yet.'));
  const agreed = [...share.agreements].reverse().find((a) => a.data.plan === share.hash);
  if (agreed) {
    const who =
      agreed.data.by === 'person'
        ? 'I agreed to this plan'
        : `${html(agreed.data.name ?? 'Someone who can decide for me')} agreed to this plan for me`;
    out.push(p(`${who} on ${html(longDate(agreed.data.at))}.`));
  }
  if (share.person.status === 'discharged') {
    out.push(
      p(`I left ${html(share.provider.name)}${share.person.discharged ? ` on ${html(longDate(share.person.discharged))}` : ''}.`, 'said'),
    );
  }
  return out;
}

/** The easy-read plan as one self-contained HTML page, printable on A4. */
export function easyReadHtml(share: PersonShare, options: EasyReadOptions): string {
  const plan = share.plan;
  if (!plan) throw new Error('an easy-read plan needs a plan');
  const title = `My care plan: ${share.person.preferred_name ?? share.person.name}`;
  const body = [
    '<header>',
    `<h1>${html(title)}</h1>`,
    ...status(share, plan),
    '</header>',
    '<main>',
    ...aboutMe(share, plan),
    ...whatMatters(share, plan),
    ...howStaffHelp(share, plan),
    ...myGoals(share, plan, options),
    ...whoToTalkTo(share),
    '</main>',
    '<footer>',
    p('Ask staff if you want this plan read to you, in bigger print, or in another language.'),
    '</footer>',
  ];
  return `${pageHead(title, STYLE)}\n<body>\n${body.join('\n')}\n</body>\n</html>\n`;
}
