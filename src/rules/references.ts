import type { Finding } from '../model/findings.js';
import type { FieldPath } from '../model/positions.js';
import type { Plan } from '../model/records.generated.js';
import type { HomeKind, PersonKind } from '../model/recordKinds.js';
import { byKind, forEachHomeSlot, forEachPersonSlot, type RecordVisitors } from '../model/slots.js';
import { answers, raisedEscalations } from '../model/escalations.js';
import { isEscalationResponse, type Doc, type Entry, type PersonFolder, type Workspace } from '../model/workspace.js';
import { where } from './locate.js';
import { findingOf, type Rule, type RuleMetas } from './rule.js';

type AnyRecord = Doc<unknown> | Entry<unknown>;

export function planGoalIds(plan: Plan): Set<string> {
  return new Set(plan.needs.flatMap((n) => n.goals.map((g) => g.id)));
}

export function planActionIds(plan: Plan): Set<string> {
  return new Set(plan.needs.flatMap((n) => n.actions.map((a) => a.id)));
}

/** unknown-ref: every person, staff member, assessment, need, action and goal a record names exists. */
export function unknownRefs(ws: Workspace): Finding[] {
  const findings: Finding[] = [];
  const report = (record: AnyRecord, path: FieldPath, message: string, fix: string, person?: string) =>
    findings.push(finding('unknown-ref', { person, ...where(record, path), message, fix }));

  const staff = (record: AnyRecord, path: FieldPath, id: string | undefined, person?: string) => {
    if (id === undefined || ws.staffPresent.has(id)) return;
    report(
      record,
      path,
      `\`${path[path.length - 1]}\` names staff member ${id}, who is not on the roster`,
      `add them with \`careplan staff add ${id}\`, or correct the id`,
      person,
    );
  };
  const personExists = (id: string) => ws.people.get(id)?.presentFiles.has('person.yaml') ?? false;
  const person = (record: AnyRecord, path: FieldPath, id: string | undefined) => {
    if (id === undefined || personExists(id)) return;
    report(
      record,
      path,
      `\`${path[0]}\` names person ${id}, who has no people/${id}/person.yaml`,
      `correct the id, or add them with \`careplan person add ${id}\``,
    );
  };

  for (const f of ws.people.values()) forEachPersonSlot(f, byKind(personRefs(f)));
  // Every kind says whom its records name; `null` for a kind that names nobody.
  const home: RecordVisitors<HomeKind> = {
    config: null,
    staff: null,
    spotcheck: (s) => {
      staff(s, ['by'], s.data.by);
      s.data.people.forEach((id, i) => person(s, ['people', i], id));
      s.data.findings.forEach((finding, i) => person(s, ['findings', i, 'person'], finding.person));
    },
    feedback: (fb) => {
      person(fb, ['person'], fb.data.person);
      staff(fb, ['recorded_by'], fb.data.recorded_by);
    },
    audit: (a) => {
      staff(a, ['saved_by'], a.data.saved_by);
      a.data.actions.forEach((action, i) => staff(a, ['actions', i, 'owner'], action.owner));
    },
    auditActions: (s) => {
      staff(s, ['by'], s.data.by);
      const audit = ws.audits.find((a) => a.month === s.data.audit);
      if (!audit) {
        report(
          s,
          ['audit'],
          `\`audit\` names ${s.data.audit}, and audits/${s.data.audit}.yaml is not saved`,
          'use the month of a saved audit',
        );
      } else if (s.data.action > audit.data.actions.length) {
        report(
          s,
          ['action'],
          `the audit of ${s.data.audit} has ${audit.data.actions.length} actions, so there is no action ${s.data.action}`,
          `number the action by its place in audits/${s.data.audit}.yaml's \`actions\`, from 1`,
        );
      }
    },
    supervision: (s) => {
      staff(s, ['by'], s.data.by);
      staff(s, ['staff'], s.data.staff);
      s.data.people?.forEach((id, i) => person(s, ['people', i], id));
    },
  };
  forEachHomeSlot(ws, byKind(home));
  return findings;

  function personRefs(f: PersonFolder): RecordVisitors<PersonKind> {
    const id = f.id;
    if (!f.presentFiles.has('person.yaml')) {
      // Records under people/<id>/ name that person by their path; without person.yaml they
      // belong to nobody, and every care rule would pass them by in silence.
      for (const rel of [...f.presentFiles].sort()) {
        findings.push(
          finding('unknown-ref', {
            person: id,
            file: `people/${id}/${rel}`,
            message: `people/${id}/ has no person.yaml, so this record belongs to nobody the records know`,
            fix: `add the person with \`careplan person add ${id}\`, or move the folder to the right person's id`,
          }),
        );
      }
    }
    const plan = f.plan;
    const planFileExists = f.presentFiles.has('plan.yaml');
    const goals = plan ? planGoalIds(plan.data) : new Set<string>();
    const actions = plan ? planActionIds(plan.data) : new Set<string>();
    // With plan.yaml present but invalid, its goals are unknown to us: say nothing rather than guess.
    const checkGoal = (record: AnyRecord, path: FieldPath, goal: string | undefined) => {
      if (goal === undefined || (planFileExists && !plan) || goals.has(goal)) return;
      report(
        record,
        path,
        plan ? `goal ${goal} is not in ${id}'s plan` : `goal ${goal} is named but ${id} has no plan.yaml`,
        plan
          ? `use a goal id from people/${id}/plan.yaml (\`careplan plan show ${id}\`)`
          : `write the plan first: \`careplan plan create ${id}\``,
        id,
      );
    };
    const checkAction = (record: AnyRecord, path: FieldPath, action: string) => {
      if ((planFileExists && !plan) || actions.has(action)) return;
      report(
        record,
        path,
        plan ? `action ${action} is not in ${id}'s plan` : `action ${action} is named but ${id} has no plan.yaml`,
        plan
          ? `use an action id from people/${id}/plan.yaml (\`careplan plan show ${id}\`)`
          : `write the plan first: \`careplan plan create ${id}\``,
        id,
      );
    };

    return {
      person: (p) => {
        staff(p, ['key_worker'], p.data.key_worker, id);
        p.data.team?.forEach((member, i) => staff(p, ['team', i], member, id));
      },
      assessment: (a) => staff(a, ['by'], a.data.by, id),
      plan: (plan) => {
        staff(plan, ['author'], plan.data.author, id);
        const stem = plan.data.assessment;
        if (!f.presentFiles.has(`assessments/${stem}.yaml`)) {
          report(
            plan,
            ['assessment'],
            `\`assessment\` names ${stem}, but there is no people/${id}/assessments/${stem}.yaml`,
            'set it to the file stem of the assessment this plan reflects ' +
              `(${f.assessments.map((a) => a.id).join(', ') || `none recorded yet: run \`careplan assess ${id}\``})`,
            id,
          );
        } else {
          const assessment = f.assessments.find((a) => a.id === stem);
          if (assessment) {
            const needs = new Set(assessment.data.needs.map((n) => n.id));
            plan.data.needs.forEach((entry, i) => {
              if (!needs.has(entry.need)) {
                report(
                  plan,
                  ['needs', i, 'need'],
                  `need ${entry.need} is not in the assessment ${stem}`,
                  `use a need id from assessments/${stem}.yaml (${[...needs].join(', ')}), or record a new assessment first`,
                  id,
                );
              }
            });
          }
        }
      },
      signoffs: (s) => staff(s, ['by'], s.data.by, id),
      acknowledgements: (a) => staff(a, ['staff'], a.data.staff, id),
      agreements: (a) => staff(a, ['recorded_by'], a.data.recorded_by, id),
      outcomes: (o) => {
        staff(o, ['by'], o.data.by, id);
        checkGoal(o, ['goal'], o.data.goal);
        o.data.actions?.forEach((action, i) => checkAction(o, ['actions', i], action));
      },
      escalations: (e) => {
        staff(e, ['by'], e.data.by, id);
        if (!isEscalationResponse(e.data)) {
          staff(e, ['to'], e.data.to, id);
          return;
        }
        const respondsTo = e.data.responds_to;
        if (!raisedEscalations(f.escalations).some((r) => answers(respondsTo, r.data.at, ws.timezone))) {
          report(
            e,
            ['responds_to'],
            `\`responds_to\` is ${respondsTo}, and ${id} has no escalation raised then`,
            `use the \`at\` of the escalation answered (\`careplan escalate respond ${id}\` lists them)`,
            id,
          );
        }
      },
      review: (r) => {
        staff(r, ['by'], r.data.by, id);
        if (r.data.kind === 'outcomes') {
          staff(r, ['discussed_with'], r.data.discussed_with, id);
          r.data.goals.forEach((g, i) => checkGoal(r, ['goals', i, 'goal'], g.goal));
        }
      },
    };
  }
}

const meta = { 'unknown-ref': { severity: 'error', docs: 'unknown-ref' } } as const satisfies RuleMetas;
const finding = findingOf(meta);

export default { name: 'references', scope: 'record', meta, check: (ctx) => unknownRefs(ctx.ws) } satisfies Rule;
