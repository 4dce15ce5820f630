import type {
  Assessment,
  CareplanConfig,
  Feedback,
  Person,
  Plan,
  Review,
  SavedAudit,
  Spotcheck,
  Staff,
  SignoffList,
  AcknowledgementList,
  AgreementList,
  OutcomeLog,
  EscalationList,
  Supervision,
  AuditActionList,
  RaisedEscalation,
  EscalationResponse,
} from './records.generated.js';
import type { Finding } from './findings.js';
import type { Policy } from './policy.js';
import type { SettledMonth } from './settledMonth.js';

export type Signoff = SignoffList[number];
export type Acknowledgement = AcknowledgementList[number];
export type Agreement = AgreementList[number];
export type OutcomeEntry = OutcomeLog[number];
/** An entry of escalations.yaml: an escalation raised, or a later answer to one (SPEC section 5.2). */
export type EscalationListEntry = EscalationList[number];
/** An escalation raised with the Registered Manager (possibly answered inline). */
export type Escalation = RaisedEscalation;
export type { EscalationResponse };
export type AuditActionStatus = AuditActionList[number];

export function isEscalationResponse(data: EscalationListEntry): data is EscalationResponse {
  return 'responds_to' in data;
}

/** Where a record's text can be had again, to recover line numbers only when a finding needs one. */
export interface Source {
  text(): string;
}

/** A record that is a whole file. */
export interface Doc<T> {
  file: string;
  data: T;
  source: Source;
}

/** One entry of an append-only list file; `path` is its position for line look-ups. */
export interface Entry<T> {
  file: string;
  index: number;
  data: T;
  source: Source;
  /** `at` as epoch ms, worked out once (see momentOf); null when it is not a timestamp. */
  moment?: number | null;
}

export interface AssessmentDoc extends Doc<Assessment> {
  /** The file stem, e.g. 2026-10-28-initial: what plan.yaml's `assessment` names. */
  id: string;
  date: string;
}

export interface ReviewDoc extends Doc<Review> {
  date: string;
}

export interface OutcomeFile {
  file: string;
  month: string;
}

/** Everything under people/<id>/, as loaded. Records that failed YAML or schema checks are absent. */
export interface PersonFolder {
  id: string;
  person?: Doc<Person>;
  /** Oldest first, by file name (date, then type). */
  assessments: AssessmentDoc[];
  plan?: Doc<Plan>;
  signoffs: Entry<Signoff>[];
  acknowledgements: Entry<Acknowledgement>[];
  agreements: Entry<Agreement>[];
  /** Escalations raised and later answers to them, in file order (see isEscalationResponse). */
  escalations: Entry<EscalationListEntry>[];
  /** Every valid entry of every month's file, months in order, entries in file order. */
  outcomes: Entry<OutcomeEntry>[];
  outcomeFiles: OutcomeFile[];
  /**
   * Months read as facts, not entries (SettledMonth): set only when a command judges the present
   * and reads less. Their files are in outcomeFiles; their entries with a variation are in outcomes.
   */
  settledOutcomes?: SettledMonth[];
  /** Oldest first, by file name. */
  reviews: ReviewDoc[];
  /** Files present under the folder, valid or not: references to them are not unknown. */
  presentFiles: Set<string>;
}

export interface SpotcheckDoc extends Doc<Spotcheck> {
  date: string;
  staffId: string;
}

export interface FeedbackDoc extends Doc<Feedback> {
  date: string;
  slug: string;
}

export interface AuditDoc extends Doc<SavedAudit> {
  month: string;
}

/** A supervision; `staffId` is the file name's, the staff member supervised. */
export interface SupervisionDoc extends Doc<Supervision> {
  date: string;
  staffId: string;
}

/** The whole records repository in memory: loaded once, judged by pure functions. */
export interface Workspace {
  /** Absolute path of the folder holding careplan.yaml (informational; rules never read it). */
  root: string;
  config?: Doc<CareplanConfig>;
  policy: Policy;
  timezone: string;
  staff: Map<string, Doc<Staff>>;
  /** Staff ids whose file exists, valid or not. */
  staffPresent: Set<string>;
  people: Map<string, PersonFolder>;
  spotchecks: SpotcheckDoc[];
  feedback: FeedbackDoc[];
  audits: AuditDoc[];
  /** audits/actions.yaml: what became of saved audits' actions, in file order. */
  auditActions: Entry<AuditActionStatus>[];
  supervisions: SupervisionDoc[];
  /** Findings the loader made: yaml-syntax, schema, unexpected-file, and path identity problems. */
  loadFindings: Finding[];
  /** Every YAML file read, repository-relative. */
  files: string[];
  /**
   * What the home's rules need of people whose records this load left unread (`careplan check`
   * judging again only the people whose records changed: repo/personResults.ts). Absent when every
   * person's records were read.
   */
  unread?: UnreadPeople;
}

/** The facts about people whose records were not read that the home's rules ask (governance, supervision). */
export interface UnreadPeople {
  /** How many of them are active. */
  active: number;
  /** The instants of their authorised sign-offs (planState.authorisedSignoffs), each person's oldest first. */
  signoffs: number[];
  /** The earliest event date of any of their records (governance.earliestRecordDate). */
  earliest?: string;
}
