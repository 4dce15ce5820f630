import type { Doc, Entry, PersonFolder, Workspace } from './workspace.js';

/**
 * The one table of record kinds (SPEC section 1, "The records repository"). Layout, loading,
 * schema look-up, the editor wiring of `careplan init`, type generation, verify's append-only set,
 * future-date and the audit's month-end snapshot all read it, so a new kind is its schema, one row
 * here, the Workspace field the row names, and the rules that use it. scripts/gen-types.js loads this
 * file on its own: keep it free of runtime imports (type imports are fine).
 *
 * Path patterns: `/`-separated; a placeholder is `<person-id>`, `<staff-id>` or `<slug>` (an id),
 * `<YYYY-MM-DD>` (a calendar date), `<YYYY-MM>` (a month), or `<name:a|b>` (one of the words, kept as
 * `name`). Each placeholder becomes a field of the record's placement (see CapturesOf).
 */
export const RECORD_KINDS = {
  config: {
    path: 'careplan.yaml',
    schema: 'careplan.schema.json',
    typeName: 'CareplanConfig',
    editorGlob: 'careplan.yaml',
    list: false,
    appendOnly: false,
    eventDates: {},
    slot: { in: 'home', one: 'config' },
  },
  staff: {
    path: 'staff/<staff-id>.yaml',
    schema: 'staff.schema.json',
    typeName: 'Staff',
    editorGlob: 'staff/*.yaml',
    // `left` may be planned ahead, so it is no event date.
    list: false,
    appendOnly: false,
    eventDates: {},
    slot: { in: 'home', byId: 'staff' },
  },
  person: {
    path: 'people/<person-id>/person.yaml',
    schema: 'person.schema.json',
    typeName: 'Person',
    editorGlob: 'people/*/person.yaml',
    list: false,
    appendOnly: false,
    eventDates: { admitted: 'date', discharged: 'date' },
    slot: { in: 'person', one: 'person' },
  },
  assessment: {
    path: 'people/<person-id>/assessments/<YYYY-MM-DD>-<type:initial|review|change-in-needs>.yaml',
    schema: 'assessment.schema.json',
    typeName: 'Assessment',
    editorGlob: 'people/*/assessments/*.yaml',
    list: false,
    appendOnly: false,
    made: 'at',
    eventDates: { at: 'timestamp' },
    slot: { in: 'person', each: 'assessments' },
  },
  plan: {
    path: 'people/<person-id>/plan.yaml',
    schema: 'plan.schema.json',
    typeName: 'Plan',
    editorGlob: 'people/*/plan.yaml',
    list: false,
    appendOnly: false,
    made: 'updated',
    eventDates: { updated: 'timestamp' },
    slot: { in: 'person', one: 'plan' },
  },
  signoffs: {
    path: 'people/<person-id>/signoffs.yaml',
    schema: 'signoffs.schema.json',
    typeName: 'SignoffList',
    editorGlob: 'people/*/signoffs.yaml',
    list: true,
    appendOnly: true,
    made: 'at',
    eventDates: { at: 'timestamp' },
    slot: { in: 'person', entries: 'signoffs' },
  },
  acknowledgements: {
    path: 'people/<person-id>/acknowledgements.yaml',
    schema: 'acknowledgements.schema.json',
    typeName: 'AcknowledgementList',
    editorGlob: 'people/*/acknowledgements.yaml',
    list: true,
    appendOnly: true,
    made: 'at',
    eventDates: { at: 'timestamp' },
    slot: { in: 'person', entries: 'acknowledgements' },
  },
  agreements: {
    path: 'people/<person-id>/agreements.yaml',
    schema: 'agreements.schema.json',
    typeName: 'AgreementList',
    editorGlob: 'people/*/agreements.yaml',
    list: true,
    appendOnly: true,
    made: 'at',
    eventDates: { at: 'timestamp' },
    slot: { in: 'person', entries: 'agreements' },
  },
  outcomes: {
    path: 'people/<person-id>/outcomes/<YYYY-MM>.yaml',
    schema: 'outcomes.schema.json',
    typeName: 'OutcomeLog',
    editorGlob: 'people/*/outcomes/*.yaml',
    list: true,
    appendOnly: true,
    made: 'at',
    eventDates: { at: 'timestamp' },
    slot: { in: 'person', entries: 'outcomes', files: 'outcomeFiles' },
  },
  escalations: {
    path: 'people/<person-id>/escalations.yaml',
    schema: 'escalations.schema.json',
    typeName: 'EscalationList',
    editorGlob: 'people/*/escalations.yaml',
    list: true,
    appendOnly: true,
    made: 'at',
    eventDates: { at: 'timestamp', responded_at: 'timestamp' },
    slot: { in: 'person', entries: 'escalations' },
  },
  review: {
    path: 'people/<person-id>/reviews/<YYYY-MM-DD>-<reviewKind:plan|outcomes>.yaml',
    schema: 'review.schema.json',
    typeName: 'Review',
    editorGlob: 'people/*/reviews/*.yaml',
    list: false,
    appendOnly: false,
    made: 'at',
    eventDates: { at: 'timestamp' },
    slot: { in: 'person', each: 'reviews' },
  },
  spotcheck: {
    path: 'spotchecks/<YYYY-MM-DD>-<staff-id>.yaml',
    schema: 'spotcheck.schema.json',
    typeName: 'Spotcheck',
    editorGlob: 'spotchecks/*.yaml',
    list: false,
    appendOnly: false,
    made: 'at',
    eventDates: { at: 'timestamp' },
    slot: { in: 'home', each: 'spotchecks' },
  },
  feedback: {
    path: 'feedback/<YYYY-MM-DD>-<slug>.yaml',
    schema: 'feedback.schema.json',
    typeName: 'Feedback',
    editorGlob: 'feedback/*.yaml',
    list: false,
    appendOnly: false,
    made: 'at',
    eventDates: { at: 'timestamp' },
    slot: { in: 'home', each: 'feedback' },
  },
  audit: {
    path: 'audits/<YYYY-MM>.yaml',
    schema: 'audit.schema.json',
    typeName: 'SavedAudit',
    editorGlob: 'audits/2*.yaml',
    list: false,
    appendOnly: false,
    made: 'saved_at',
    eventDates: { saved_at: 'timestamp' },
    slot: { in: 'home', each: 'audits' },
  },
  auditActions: {
    path: 'audits/actions.yaml',
    schema: 'audit-actions.schema.json',
    typeName: 'AuditActionList',
    editorGlob: 'audits/actions.yaml',
    list: true,
    appendOnly: true,
    made: 'at',
    eventDates: { at: 'timestamp' },
    slot: { in: 'home', entries: 'auditActions' },
  },
  supervision: {
    path: 'supervisions/<YYYY-MM-DD>-<staff-id>.yaml',
    schema: 'supervision.schema.json',
    typeName: 'Supervision',
    editorGlob: 'supervisions/*.yaml',
    list: false,
    appendOnly: false,
    made: 'at',
    eventDates: { at: 'timestamp' },
    slot: { in: 'home', each: 'supervisions' },
  },
} as const satisfies Record<string, RecordKindSpec>;

export type RecordKind = keyof typeof RECORD_KINDS;

/** A kind's row, seen as any row (the table itself keeps each row's literal types). */
export const kindSpec = (kind: RecordKind): RecordKindSpec => RECORD_KINDS[kind];

/**
 * One row of the table. Only lists are append-only; a record kept among others of its kind (`each`,
 * `entries`) says when it was made (`made`), so the audit's month-end snapshot can leave it out.
 */
export type RecordKindSpec = KindCommon &
  (
    | { list: false; appendOnly: false; slot: OwnSlot<'home', Workspace> | OwnSlot<'person', PersonFolder>; made?: string }
    | { list: false; appendOnly: false; slot: EachSlot<'home', Workspace> | EachSlot<'person', PersonFolder>; made: string }
    | { list: true; appendOnly: boolean; slot: EntriesSlot<'home', Workspace> | EntriesSlot<'person', PersonFolder>; made: string }
  );

interface KindCommon {
  /** Where its files live (see the pattern syntax above). */
  path: string;
  schema: `${string}.schema.json`;
  /** The TypeScript type scripts/gen-types.js generates from the schema. */
  typeName: string;
  /** Which files VS Code validates against the schema (`careplan init` writes .vscode/settings.json). */
  editorGlob: string;
  /**
   * Fields saying when something happened, so never after as-of (`future-date`). Planned dates (a
   * goal's `by`, an audit action's `due`) are not event dates.
   */
  eventDates: { readonly [field: string]: 'date' | 'timestamp' };
  /**
   * The field with the timestamp the record was made at: a date in its file name must be its date
   * (`id-mismatch`), and an audit's month-end snapshot leaves out records made after the month.
   */
  made?: string;
}

/**
 * Where a loaded record goes (`in` the home's Workspace or the person's folder): the one record of
 * its kind (`one`), a map by file stem (`byId`), one more record in a list (`each`; it carries its
 * file stem as `id` and its file name's placeholders); a list file's entries (`entries`), its files
 * too when they are named by date or month (`files`).
 */
type OwnSlot<In, T> =
  | { in: In; one: FieldsHolding<T, Doc<unknown>> }
  | { in: In; byId: FieldsHolding<T, ReadonlyMap<string, Doc<unknown>>> };
type EachSlot<In, T> = { in: In; each: Exclude<FieldsHolding<T, readonly Doc<unknown>[]>, FieldsHolding<T, readonly Entry<unknown>[]>> };
type EntriesSlot<In, T> = {
  in: In;
  entries: FieldsHolding<T, readonly Entry<unknown>[]>;
  files?: Exclude<FieldsHolding<T, readonly { file: string }[]>, FieldsHolding<T, readonly Doc<unknown>[]>>;
};
type FieldsHolding<T, V> = { [F in keyof T]-?: NonNullable<T[F]> extends V ? F : never }[keyof T] & string;

type SlotOf<K extends RecordKind> = (typeof RECORD_KINDS)[K]['slot'];
/** Kinds kept by the home (careplan.yaml, staff, spot checks…) and by each person (people/<person-id>/…). */
export type HomeKind = { [K in RecordKind]: SlotOf<K> extends { in: 'home' } ? K : never }[RecordKind];
export type PersonKind = Exclude<RecordKind, HomeKind>;
type HolderOf<S> = S extends { in: 'home' } ? Workspace : PersonFolder;
type FieldOf<S> = S extends { one: infer F }
  ? F
  : S extends { byId: infer F }
    ? F
    : S extends { each: infer F }
      ? F
      : S extends { entries: infer F }
        ? F
        : never;
/** The Workspace or PersonFolder fields a kind's records (and list files) are kept in. */
export type SlotFieldOf<K extends RecordKind> = FieldOf<SlotOf<K>> | FilesOf<SlotOf<K>>;
type FilesOf<S> = S extends { files: infer F } ? F : never;
type ItemOf<H> = H extends ReadonlyMap<string, infer D> ? D : H extends readonly (infer D)[] ? D : NonNullable<H>;
/** One loaded record of a kind as the rules see it: SpotcheckDoc, Entry<Signoff>, Doc<Plan>… */
export type RecordOf<K extends RecordKind> = ItemOf<HolderOf<SlotOf<K>>[FieldOf<SlotOf<K>> & keyof HolderOf<SlotOf<K>>]>;

/** The fields a path pattern gives its placement, e.g. `{ personId; date; type }` for an assessment. */
export type CapturesOf<P extends string> = { [F in FieldOfPlaceholder<PlaceholdersOf<P>>]: string };
type PlaceholdersOf<P extends string> = P extends `${string}<${infer Name}>${infer Rest}` ? Name | PlaceholdersOf<Rest> : never;
type FieldOfPlaceholder<N> = N extends 'person-id'
  ? 'personId'
  : N extends 'staff-id'
    ? 'staffId'
    : N extends 'slug'
      ? 'slug'
      : N extends 'YYYY-MM-DD'
        ? 'date'
        : N extends 'YYYY-MM'
          ? 'month'
          : N extends `${infer Field}:${string}`
            ? Field
            : never;

/**
 * Where a record of the kind was found: its kind, its file name without `.yaml` (`stem`, the id of
 * an `each` record such as an assessment), and what its path says (person, date, month…).
 */
export type PlacementOfKind<K extends RecordKind> = { kind: K; stem: string } & CapturesOf<(typeof RECORD_KINDS)[K]['path']>;

// A record kept in an `each` slot gets its file stem as `id` and its path's placeholders. A field its
// Doc type declares that the path cannot fill would be undefined at run time: the compiler names it here.
type Unfilled<K extends RecordKind> =
  SlotOf<K> extends { each: string }
    ? Exclude<keyof RecordOf<K>, keyof Doc<unknown> | keyof CapturesOf<(typeof RECORD_KINDS)[K]['path']> | 'id'>
    : never;
type NoneLeft<T extends never> = T;
export type EveryRecordFieldFilled = NoneLeft<{ [K in RecordKind]: Unfilled<K> }[RecordKind]>;

// Every field of the Workspace or a PersonFolder that holds records is some kind's slot: the empty
// workspace is made from the table, so a field no row names would be missing at run time.
type RecordFields<T> = FieldsHolding<T, Doc<unknown> | ReadonlyMap<string, Doc<unknown>> | readonly Doc<unknown>[]>;
export type EveryHomeFieldIsASlot = NoneLeft<Exclude<RecordFields<Workspace>, SlotFieldOf<HomeKind>>>;
export type EveryPersonFieldIsASlot = NoneLeft<Exclude<RecordFields<PersonFolder>, SlotFieldOf<PersonKind>>>;
