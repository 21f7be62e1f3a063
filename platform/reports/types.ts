// Shapes of a report file (schemas/report.schema.json) and of its compiled plan. Browser-safe: no SQL text here;
// the plan's expressions are a small typed tree that only platform/store/reports-store.ts turns into SQL.
import type { LocalText } from '../errors';
import type { OrgLevel } from '../plugins/types';

export type ParameterType = 'integer' | 'number' | 'string' | 'boolean' | 'date';
export type ColumnFormat = 'text' | 'integer' | 'number' | 'percent' | 'date' | 'datetime' | 'boolean' | 'list';
export type Labels = 'orgUnit' | 'state' | 'rule';

export interface ReportParameter {
  name: string;
  title: LocalText;
  type: ParameterType;
  default?: string | number | boolean;
  defaultParameter?: string;
  defaultToday?: boolean;
  required?: boolean;
  minimum?: number;
  maximum?: number;
  enum?: (string | number)[];
}

export interface ReportGroup {
  id: string;
  orgLevel?: OrgLevel;
  value?: unknown;
  rollup?: OrgLevel;
  /** With orgLevel: every unit of that level in the user's scope is a row, those without records with zero counts. */
  allUnits?: boolean;
  /** With value and codeList: every code of the list is a row (in each combination of the other groups), zero counts. */
  allCodes?: boolean;
  labels?: Labels;
  codeList?: string;
}

export interface ReportColumn {
  id: string;
  label: LocalText;
  format?: ColumnFormat;
  decimals?: number;
  width?: number;
  labels?: Labels;
  codeList?: string;
  group?: string;
  value?: unknown;
  aggregate?: { fn: AggregateFn; of?: unknown; where?: unknown };
  rank?: { by: string; order?: 'asc' | 'desc' };
  /** current − previous-period value of another column of a grouped report. */
  change?: { of: string };
  /** `previous`: this aggregate, derived or rank column over the period before the requested one. */
  period?: 'current' | 'previous';
}
/** One row per record × rule outcome of the chosen kinds (failed ones by default): a problem ledger. */
export interface OutcomesSource {
  form: string;
  kinds?: ('check' | 'eligibility')[];
  failed?: boolean;
}

/**
 * Records of another form that name each source record in an x-ref field (`by`), optionally joined to the record
 * their own x-ref field names (`join`): per source record, how many of them meet each named condition.
 */
export interface ReportLinks {
  form: string;
  by: string;
  join?: { field: string };
  count: Record<string, unknown>;
}

export type AggregateFn = 'count' | 'sum' | 'avg' | 'min' | 'max' | 'ratio';

export interface ReportFile {
  id: string;
  title: LocalText;
  description?: LocalText;
  /** `rows`: a pointer to an array-of-objects field; each of its items is then a row, read as `row.<field>`. */
  source: { form: string; join?: { field: string }; links?: ReportLinks; rows?: string } | { marks: string } | { outcomes: OutcomesSource };
  period?: 'required' | 'optional' | 'none';
  parameters?: ReportParameter[];
  filter?: unknown;
  groupBy?: ReportGroup[];
  columns: ReportColumn[];
  sort?: { column: string; order?: 'asc' | 'desc' }[];
  limit?: number | { parameter: string };
  chart?: { type: 'bar' | 'line' | 'pie' | 'stacked'; title?: LocalText; category: string; series: string[] };
  print?: { title?: LocalText; headerLines?: LocalText[]; footerLines?: LocalText[]; orientation?: 'portrait' | 'landscape' };
}

// ---- The compiled expression tree (what a JsonLogic filter or value becomes) ----

export type SqlType = 'number' | 'text' | 'boolean' | 'json';

/** jsonb documents a row offers; `ref.*` is the joined record. */
export type JsonSource =
  | 'data'
  | 'results'
  | 'workflow'
  | 'ref.data'
  | 'ref.results'
  | 'ref.workflow'
  | 'mark.reason'
  | 'outcome.message'
  | 'outcome.title'
  /** One item of the table the form source's `rows` names. */
  | 'row'
  | LinkJsonSource;
/** Documents of a linking record (`link.*`) and of the record it joins (`link.ref.*`), in link conditions only. */
export type LinkJsonSource = 'link.data' | 'link.results' | 'link.workflow' | 'link.ref.data' | 'link.ref.results' | 'link.ref.workflow';
/** Plain columns a row offers, by their logic name. */
export type RowColumn =
  | 'id'
  | 'state'
  | 'period'
  | 'orgUnit'
  | 'subject'
  | 'subjectTitle'
  | 'submittedAt'
  | 'ref.id'
  | 'ref.state'
  | 'ref.subjectTitle'
  | 'mark.kind'
  | 'mark.from'
  | 'mark.until'
  | 'mark.subject'
  | OutcomeColumn
  | LinkColumn;
export type LinkColumn =
  'link.id' | 'link.state' | 'link.period' | 'link.subjectTitle' | 'link.ref.id' | 'link.ref.state' | 'link.ref.subjectTitle';
export type OutcomeColumn =
  | 'outcome.id'
  | 'outcome.kind'
  | 'outcome.code'
  | 'outcome.category'
  | 'outcome.group'
  | 'outcome.severity'
  | 'outcome.pointer'
  | 'outcome.reference';

export type Expr =
  /** A value inside a jsonb document; `safe`: the form schema guarantees the type, so a plain cast cannot fail. */
  | { k: 'field'; source: JsonSource; path: readonly string[]; type: SqlType; safe: boolean }
  | { k: 'column'; column: RowColumn; type: SqlType }
  | { k: 'param'; name: string; type: SqlType }
  | { k: 'today' }
  | { k: 'lit'; value: string | number | boolean | null; type: SqlType }
  /** A literal array for `in`, bound as one array parameter. */
  | { k: 'list'; values: readonly (string | number)[]; type: 'number' | 'text' }
  /** Another column of the report (derived columns only). */
  | { k: 'ref-column'; column: string; type: SqlType }
  | { k: 'cmp'; op: '=' | '<>' | '<' | '<=' | '>' | '>='; a: Expr; b: Expr; distinct?: boolean }
  | { k: 'is-null'; a: Expr; negate: boolean }
  | { k: 'logic'; op: 'and' | 'or'; args: readonly Expr[] }
  | { k: 'not'; a: Expr }
  | { k: 'truthy'; a: Expr }
  | { k: 'any'; a: Expr; list: Expr }
  | { k: 'json-contains'; array: Expr; item: Expr }
  | { k: 'text-contains'; text: Expr; part: Expr }
  | { k: 'arith'; op: '+' | '-' | '*' | '/'; args: readonly Expr[] }
  | { k: 'neg'; a: Expr }
  /** `round` (half away from zero) or `floor` to `digits` decimals (negative: tens, hundreds…). */
  | { k: 'round'; mode: 'round' | 'floor'; a: Expr; digits: number }
  | { k: 'case'; whens: readonly (readonly [Expr, Expr])[]; otherwise: Expr; type: SqlType }
  | { k: 'zero-if-null'; a: Expr }
  /** The record's follow-up items counted by status, or those overdue on the run's day (platform/follow-ups). */
  | { k: 'follow-ups'; count: FollowUpCount }
  /** How many linking records of the report's links meet its `index`-th condition (0 when none). */
  | { k: 'link-count'; index: number }
  /** The day (YYYY-MM-DD, platform time zone) the record first entered `state`, from its history; null if never. */
  | { k: 'entered'; state: string }
  /** The record's state at the end of a day (its last step into a state on or before it); null before it existed. */
  | { k: 'state-on'; on: Expr }
  /** Working days in (from, to] on a calendar (negative when `to` is earlier); null outside its listed years. */
  | { k: 'workdays'; calendar: string; from: Expr; to: Expr };

export type FollowUpCount = 'total' | 'open' | 'rectified' | 'confirmed' | 'reopened' | 'overdue';

// ---- The compiled plan ----

export type PlanColumn =
  | { kind: 'group'; alias: string; group: number }
  | { kind: 'value'; alias: string; expr: Expr }
  /** `previous`: over the records of the period before the run's (the run's own otherwise). */
  | { kind: 'aggregate'; alias: string; fn: AggregateFn; of: Expr | null; where: Expr | null; previous?: boolean }
  /** `previous`: ranks the previous period's values, where a group without one has no rank (and so no rank change). */
  | { kind: 'rank'; alias: string; by: string; order: 'asc' | 'desc'; overRecords: boolean; previous?: boolean }
  | { kind: 'derived'; alias: string; expr: Expr }
  /** The value of column `of` minus that of `previous` (its previous-period twin). */
  | { kind: 'change'; alias: string; of: string; previous: string };

export type PlanGroup =
  | { alias: string; orgLevel: OrgLevel; rollup: OrgLevel | null; allUnits?: boolean }
  /** `allCodes`: the codes of the group's code list, each a row even when no record has it. */
  | { alias: string; value: Expr; allCodes?: readonly string[] };

/** Compiled links: the linking form, its pointer to the source record, its join, and one condition per count. */
export interface PlanLinks {
  form: string;
  by: readonly string[];
  join: { path: readonly string[]; form: string } | null;
  counts: readonly Expr[];
}

/** What an outcome row reads of its rule: the plugin version's own words, bound into the statement as one value. */
export interface OutcomeDefinition {
  id: string;
  kind: 'check' | 'eligibility';
  code: string | null;
  category: string | null;
  group: string | null;
  severity: 'block' | 'warn';
  pointer: string | null;
  reference: string | null;
  message: LocalText;
  title: LocalText;
}

export interface ReportPlan {
  pluginId: string;
  source:
    | {
        kind: 'form';
        form: string;
        join: { path: readonly string[]; form: string } | null;
        links: PlanLinks | null;
        /** Path of the table whose items are the rows (`source.rows`); absent or null: one row per record. */
        rows?: readonly string[] | null;
      }
    | { kind: 'marks'; markKind: string }
    | { kind: 'outcomes'; form: string; failed: boolean; rules: readonly OutcomeDefinition[] };
  filter: Expr | null;
  groups: readonly PlanGroup[];
  columns: readonly PlanColumn[];
  sort: readonly { alias: string; order: 'asc' | 'desc' }[];
  limit: number | { parameter: string } | null;
  /** Every report parameter the SQL binds, with the type it is bound as. */
  parameterTypes: Readonly<Record<string, SqlType>>;
  /** Calendars `workdays_between` counts on: their dates are looked up and bound on each run. */
  calendars?: readonly string[];
}

/** A report as the platform keeps it: the file, its plan, and what the HTTP layer needs to show it. */
export interface ReportDefinition {
  file: string;
  report: ReportFile;
  period: 'required' | 'optional' | 'none';
  /** The form whose period kind, states and rules label the report (none for marks). */
  form: string | null;
  plan: ReportPlan;
}

/** What one run gets: values already checked against the declarations. */
export interface ReportRun {
  period: string | null;
  /** Materialised paths the principal may see (none: nothing). */
  scopePaths: readonly string[];
  /** Path of the requested org unit, when one was asked for. */
  underPath: string | null;
  params: Readonly<Record<string, unknown>>;
  today: string;
  /** The period before `period` (platform/reports/previous-period.ts), read by previous-period columns. */
  previousPeriod?: string | null;
  /** The platform's time zone: the day a state was entered (`entered.<state>`) is the day there. */
  timeZone?: string;
  /** The dates of the calendars the plan names (`plan.calendars`), as the plugin sees them at this moment. */
  calendars?: Readonly<Record<string, RunCalendar>>;
}

/** A working-day calendar as a run binds it (platform/rules/types.ts Calendar). */
export interface RunCalendar {
  years: readonly number[];
  holidays: readonly string[];
  workdays: readonly string[];
}

/** Rows as the store returns them: keyed by column alias, with `_rollup` on rollup rows. */
export type PlanRow = Record<string, unknown>;

/** The SQL type an expression yields. */
export function typeOf(e: Expr): SqlType {
  switch (e.k) {
    case 'field':
    case 'column':
    case 'param':
    case 'lit':
    case 'ref-column':
    case 'case':
      return e.type;
    case 'today':
    case 'entered':
    case 'state-on':
      return 'text';
    case 'list':
      return 'json';
    case 'arith':
    case 'neg':
    case 'round':
    case 'zero-if-null':
    case 'follow-ups':
    case 'link-count':
    case 'workdays':
      return 'number';
    default:
      return 'boolean';
  }
}
