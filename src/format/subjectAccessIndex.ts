import type { AnswerRecord, AnswerVersion, SubjectAccessAnswer } from '../history/subjectAccess.js';
import { html, longDate, pageHead } from './htmlText.js';
import { jsonSafe } from './safeText.js';
import { compareText } from '../model/textOrder.js';

/**
 * The index of a subject access answer: index.html for the person to read (every record, grouped
 * by type, its changes in date order, each linked to its copy) and index.json for a machine. Pure.
 */

export interface SubjectAccessReport {
  provider: string;
  person: { id: string; name: string; status: string; discharged?: string };
  /** The moment asked for (--as-of), local time; absent: as the records stand. */
  asOf?: string;
  /** Whether the records are in git: without it there are no past versions to give. */
  inGit: boolean;
  answer: SubjectAccessAnswer;
}

/** Record kinds in the order the index lists them, with what each is called there. */
const GROUPS: [string, string][] = [
  ['person', 'Your details'],
  ['assessment', 'Assessments of your needs'],
  ['plan', 'Your care plan'],
  ['signoffs', 'Sign-offs of your care plan by the manager'],
  ['agreements', 'Your agreement to your care plan'],
  ['acknowledgements', 'Staff confirming they have read your care plan'],
  ['outcomes', 'Notes of your care (outcome logs)'],
  ['review', 'Reviews of your care plan and outcomes'],
  ['escalations', 'Concerns raised with the manager'],
  ['spotcheck', 'Spot checks of care (only the parts about you)'],
  ['feedback', 'Feedback about your care'],
  ['supervision', 'Staff supervisions that discussed your care (only the parts about you)'],
  ['audit', 'Monthly audits (only the parts about you)'],
  ['auditActions', 'Actions from the monthly audits (only the parts about you)'],
  ['other', 'Other files in your folder'],
];

const STYLE = `
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { font-family: Arial, Verdana, sans-serif; font-size: 12pt; line-height: 1.5; color: #000; background: #fff; margin: 1.5rem auto;
  max-width: 60rem; padding: 0 1rem; overflow-wrap: anywhere; }
h1 { font-size: 1.6rem; } h2 { font-size: 1.25rem; border-bottom: 2px solid #000; margin-top: 2rem; }
table { border-collapse: collapse; width: 100%; font-size: .95rem; }
th, td { border: 1px solid #555; padding: .25rem .4rem; text-align: left; vertical-align: top; }
th { background: #eee; }
a { color: #00387a; }
.note { border-left: 4px solid #000; padding: .3rem .6rem; background: #f3f3f3; }
@page { size: A4; margin: 15mm; }
@media print { body { max-width: none; margin: 0; padding: 0; font-size: 10pt; } a { color: #000; } tr { break-inside: avoid; } }
`;

const who = (v: AnswerVersion) => {
  const staff = v.byName ? `${v.byName} (staff, ${v.by})` : v.by ? `staff member ${v.by}` : `${v.author.name} <${v.author.email}>`;
  return v.handEdit ? `${staff}, edited by hand` : staff;
};

const row = (cells: string[]) => `<tr>${cells.map((c) => `<td>${c}</td>`).join('')}</tr>`;

const CHANGE_WORDS = { added: 'written', changed: 'changed', removed: 'removed' };

function rowsOf(records: readonly AnswerRecord[]): string[] {
  const rows: { at: string; path: string; html: string }[] = [];
  for (const r of records) {
    for (const v of r.versions) {
      const copy = v.file
        ? `<a href="${html(v.file)}">version ${v.number}</a>`
        : v.startOf
          ? `the first ${v.entries ?? ''} entries of <a href="${html(v.startOf)}">a later version</a>`
          : '–';
      rows.push({
        at: v.at,
        path: r.path,
        html: row([html(v.at.replace('T', ' ')), html(r.path), CHANGE_WORDS[v.change], html(who(v)), copy]),
      });
    }
    if (r.uncommitted && r.current) {
      rows.push({
        at: '9999',
        path: r.path,
        html: row(['now', html(r.path), 'changed, not yet in the change trail', '–', `<a href="${html(r.current)}">as it is now</a>`]),
      });
    }
  }
  return rows.sort((a, b) => compareText(a.at, b.at) || compareText(a.path, b.path)).map((r) => r.html);
}

export function subjectAccessHtml(report: SubjectAccessReport): string {
  const { person, answer } = report;
  const title = `Records about ${person.name} held by ${report.provider}`;
  const body: string[] = [`<main><h1>${html(title)}</h1>`];
  const when = report.asOf ? `as they stood on ${html(longDate(report.asOf))} at ${html(report.asOf.slice(11, 16))}` : 'as they are now';
  body.push(
    `<p>This is an answer to a subject access request: every record ${html(report.provider)} keeps about ${html(person.name)} ` +
      `in its care records, ${when}, and every earlier version of each record.</p>`,
  );
  if (person.status === 'discharged')
    body.push(`<p>${html(person.name)} was discharged${person.discharged ? ` on ${html(longDate(person.discharged))}` : ''}.</p>`);
  body.push(
    '<ul>',
    '<li><strong>records/</strong> holds each record as it is now.</li>',
    '<li><strong>versions/</strong> holds each earlier version, numbered in date order.',
    'A list that only grew (such as the notes of your care) is given once in full: each earlier version is the beginning of it.</li>',
    '<li>Records the home keeps about several people (spot checks, feedback, supervisions, audits)',
    'are given only where they are about you.</li>',
    '<li>Other people the home supports, and their families, are shown as "another person"',
    `(${answer.replaced} ${answer.replaced === 1 ? 'time' : 'times'} in this answer).</li>`,
    '<li>Staff are named: who wrote or changed each record is part of the answer.</li>',
    '</ul>',
  );
  if (!report.inGit) body.push('<p class="note">These records are not kept in git, so there are no earlier versions to give.</p>');
  for (const [kind, heading] of GROUPS) {
    const records = answer.records.filter((r) => r.kind === kind);
    if (!records.length) continue;
    body.push(`<section><h2>${html(heading)}</h2>`);
    const now = records.filter((r) => r.current);
    if (now.length) body.push(`<p>As it is now: ${now.map((r) => `<a href="${html(r.current!)}">${html(r.path)}</a>`).join(', ')}.</p>`);
    const rows = rowsOf(records);
    if (rows.length) {
      body.push(
        '<table><thead><tr><th scope="col">When</th><th scope="col">Record</th><th scope="col">What happened</th><th scope="col">Who</th>' +
          `<th scope="col">Copy</th></tr></thead><tbody>${rows.join('')}</tbody></table>`,
      );
    }
    body.push('</section>');
  }
  body.push('</main>');
  return `${pageHead(title, STYLE)}\n<body>\n${body.join('\n')}\n</body>\n</html>\n`;
}

export function subjectAccessJson(report: SubjectAccessReport): string {
  const { answer } = report;
  return jsonSafe(
    `${JSON.stringify(
      {
        provider: report.provider,
        person: report.person,
        ...(report.asOf ? { asOf: report.asOf } : {}),
        inGit: report.inGit,
        replaced: answer.replaced,
        unreadable: answer.unreadable,
        records: answer.records,
      },
      null,
      2,
    )}\n`,
  );
}
