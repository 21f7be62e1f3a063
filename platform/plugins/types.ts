// Shapes of plugin files as the meta-schemas in schemas/ allow them, and of a loaded, compiled plugin.
import type { LocalText } from '../errors';
import type { Calendar, CodeList, CompiledLogic } from '../rules';
import type { FormValidator } from '../forms';
import type { PlanLinks, ReportDefinition, ReportLinks } from '../reports/types';
import type { SensitiveFields } from '../access/sensitive-access';
import type { ReportMask } from '../reports/sensitive-columns';
import type { FieldDefault } from './field-defaults';

/** How far an x-ref reaches: `scope` = the user's units and below; `ancestors` = also units above them; `region` = also anywhere within the plugin's regions. */
export type RefReach = 'scope' | 'ancestors' | 'region';

export type Role = 'officer' | 'reviewer' | 'admin';
export type OrgLevel = 'province' | 'city' | 'county' | 'township' | 'village';
/** The manifest's name in every plugin's file map. */
export const MANIFEST_FILE = 'plugin.json';

export const ORG_LEVELS: readonly OrgLevel[] = ['province', 'city', 'county', 'township', 'village'];
export type PeriodKind = 'year' | 'month' | 'week' | 'campaign' | 'none';

export interface FormManifest {
  id: string;
  title: LocalText;
  description?: LocalText;
  schema: string;
  uiSchema?: string;
  rules?: string[];
  workflow?: string;
  period: { kind: PeriodKind; title?: LocalText };
  subject?: string;
  subjectTitle?: string;
  uniquePer?: 'subject' | 'orgUnit';
  createRoles?: Role[];
  ranking?: { by: string; order?: 'asc' | 'desc'; states: string[]; quotaParameter?: string };
  import?: FormImport;
  listColumns?: ListColumn[];
  /** Who sees the form's x-sensitive fields in full (admins at the record's unit or above always do). */
  sensitive?: { roles: Role[]; level?: OrgLevel };
  followUp?: FollowUpSpec;
  /** The same form's earlier records for the same subject or reference, which rules read as `earlier` (earlier-records.ts). */
  earlier?: EarlierSpec;
  /** Records of another form naming this one, counted on a date when the record is read (form-links.ts). */
  links?: ReportLinks;
  /** The record's status from those counts: the first entry whose `when` holds. */
  linkStatus?: { id: string; title: LocalText; when: unknown }[];
}

/** Which earlier records a record's rules read: same form, same value at `by` (subject or x-ref field), same unit. */
export interface EarlierSpec {
  by: string;
  limit: number;
}

/** Follow-up items on failed checks (docs/plugins.md, Follow-ups). */
export interface FollowUpSpec {
  on: { state: string };
  checks: { groups: string[] } | { ids: string[] };
  when?: unknown;
  deadline: unknown;
  evidence?: { accept?: string[]; maxSize?: number; maxFiles?: number; required?: boolean };
  roles: { mark: RoleAtLevel; confirm: RoleAtLevel };
}
export interface RoleAtLevel {
  role: Role;
  level?: OrgLevel;
}
/** A follow-up declaration with its logic compiled once per plugin version. */
export interface CompiledFollowUp {
  spec: FollowUpSpec;
  when: CompiledLogic | null;
  deadline: CompiledLogic;
}

/**
 * A value shown beside each record in lists and the review queue: one field of the data (`pointer`) or one rule
 * outcome (`result`, a pointer into the rule results such as /classes/improvement-class or /score/total).
 * Lists carry these values only, never the whole record.
 */
export interface ListColumn {
  id: string;
  title: LocalText;
  pointer?: string;
  result?: string;
}

/** Spreadsheet import: natural key of a re-import, declared columns (header aliases → field), org-unit column. */
export interface FormImport {
  key?: string[];
  columns?: ImportColumn[];
  orgUnitColumn?: string | string[];
  /** Update imports: rows patch the records their key matches and never create one (import-types.ts). */
  update?: { only?: boolean; states?: string[]; roles?: string[] };
  /** Table fields read from their own sheet (detail-sheets.ts): the sheet's other names, its columns' wordings. */
  tables?: ImportTable[];
}

/** A table field's detail sheet: other names of the sheet, headers of its columns (pointers inside one row). */
export interface ImportTable {
  pointer: string;
  sheet?: string | string[];
  columns?: { header: string | string[]; pointer: string }[];
}

/** A declared column: its headers, its field, and cell texts standing for allowed values ("注销" → "deregistered"). */
export interface ImportColumn {
  header: string | string[];
  pointer: string;
  aliases?: Record<string, string | number | boolean>;
  /** For a list of objects: each item of the cell fills this pointer inside one object ("A、B" → [{code: A}, {code: B}]). */
  item?: string;
  /** The values (or items) are natural keys of records of this form: each must name one in the user's units. */
  keyOf?: string;
}

export interface PluginManifest {
  id: string;
  version: string;
  platform: string;
  title: LocalText;
  description?: LocalText;
  regions?: string[];
  source?: { title: string; documentNumber?: string; issuedBy?: string; effective?: string; expires?: string };
  /** Other plugins needed, at versions in semver ranges (platform/packs/dependencies.ts). */
  dependencies?: { id: string; range: string }[];
  /** Days (YYYY-MM-DD, inclusive) outside which the forms take no new records; see policy-in-force.ts. */
  effective?: { from?: string; until?: string };
  parameters?: string;
  codeLists?: string[];
  calendars?: string[];
  workflows?: string[];
  reports?: string[];
  fixtures?: string[];
  translations?: { en?: string };
  forms: FormManifest[];
}

interface RuleBase {
  id: string;
  title?: LocalText;
  description?: LocalText;
  reference?: string;
  when?: unknown;
  logic: unknown;
}
/** Who may replace a compute or classify rule's outcome on a record, always with a reason (issue 11). */
export interface OverrideDeclaration {
  roles: ('officer' | 'reviewer' | 'admin')[];
  reason: 'required';
}
export interface ComputeRule extends RuleBase { kind: 'compute'; field?: string; override?: OverrideDeclaration }
export interface CheckRule extends RuleBase {
  kind: 'check' | 'eligibility';
  title: LocalText;
  group?: string;
  severity: 'block' | 'warn';
  message: LocalText;
  pointer?: string;
  /** Stable problem code, unique within the plugin version (check-rule-codes.ts); none unless the plugin gives one. */
  code?: string;
  category?: string;
  categoryList?: string;
}
export interface ScoreRule extends RuleBase { kind: 'score'; title: LocalText; dimension: string; max: number; mandatory?: boolean; pointer?: string }
export interface ClassifyRule extends RuleBase { kind: 'classify'; group?: string; codeList?: string; override?: OverrideDeclaration }
export interface GuardRule extends RuleBase { kind: 'guard'; message: LocalText; pointer?: string }
export type Rule = ComputeRule | CheckRule | ScoreRule | ClassifyRule | GuardRule;

export interface RuleFile {
  categoryList?: string;
  note?: string;
  dimensions?: { id: string; title: LocalText }[];
  rules: Rule[];
}

export interface WorkflowState {
  id: string;
  title: LocalText;
  editable?: boolean;
  final?: boolean;
  /** A step into this state sends the record's creator an in-app message (default: final states). */
  notify?: boolean;
}
export interface Transition {
  id: string;
  title: LocalText;
  from: string[];
  to: string;
  roles: Role[];
  level?: OrgLevel;
  requireChecks?: boolean;
  commentRequired?: boolean;
  /** Destructive or irreversible (reject, bar, revoke): a danger button, confirmed before it is taken. */
  danger?: boolean;
  /**
   * Confirmed before it is taken, naming the record and the state it leads to (e.g. an award); a text says the
   * consequence in the workflow's own words.
   */
  confirm?: boolean | LocalText;
  guards?: string[];
  set?: Record<string, unknown>;
  addMarks?: { kind: string; until?: unknown; reason: LocalText }[];
  endMarks?: string[];
}
export interface Workflow { id: string; title: LocalText; initial: string; states: WorkflowState[]; transitions: Transition[] }

export interface FixtureCase {
  description: string;
  reference?: string;
  asOf?: string;
  period?: string;
  params?: Record<string, unknown>;
  /** The record's facts its rules read: state, org unit, workflow values (absent ones read as null). */
  record?: { state?: string; orgUnit?: { code?: string; level?: OrgLevel }; workflow?: Record<string, unknown> };
  marks?: { kind: string; from: string; until?: string | null }[];
  /** Follow-up counts the classify rules see (platform/follow-ups). */
  followUps?: Partial<Record<'total' | 'open' | 'rectified' | 'confirmed' | 'reopened' | 'overdue', number>>;
  /** The same form's earlier records (a form declaring `earlier`), oldest first. */
  earlier?: { id?: string; period: string; state?: string; data: Record<string, unknown>; results?: Record<string, unknown> }[];
  /** Outcomes replaced as a stored record's are (`by` "fixture", `at` the case's asOf): rule id → value and reason. */
  overrides?: Record<string, { value: unknown; reason: string }>;
  /** Referenced records by x-ref pointer, merged onto the suite's (JSON Merge Patch; null removes one). */
  refs?: Record<string, Partial<FixtureRef> | null>;
  /** A workflow step tried on the case's record: its guards and whether it may be taken (`expected.guards`, `allowed`). */
  transition?: string;
  input: Record<string, unknown>;
  expected: FixtureExpectation;
  /** Seeded as a demo record on a new demo server (platform/demo); when a form marks none, every plain valid case is. */
  demo?: boolean;
}
export interface FixtureExpectation {
  valid?: boolean;
  errors?: string[];
  checks?: Record<string, boolean>;
  failed?: string[];
  blocking?: number;
  computed?: Record<string, unknown>;
  classes?: Record<string, unknown>;
  /** Per overridden rule, what it computed and what was chosen (results.overrides). */
  overrides?: Record<string, { computed?: unknown; chosen?: unknown }>;
  /** With `transition`: guard id → whether it holds. */
  guards?: Record<string, boolean>;
  /** With `transition`: whether the step may be taken (state, blocking checks, schema, guards; roles aside). */
  allowed?: boolean;
  score?: {
    total?: number;
    max?: number;
    dimensions?: Record<string, number>;
    items?: Record<string, number>;
    mandatoryFailed?: string[];
  };
}
/** A referenced record as a fixture states it: its data, state and (stored) results; results left out are computed. */
export interface FixtureRef {
  data: Record<string, unknown>;
  state?: string;
  results?: Record<string, unknown>;
}
export interface FixtureSuite {
  file: string;
  form: string;
  description: string;
  base?: Record<string, unknown>;
  /** Referenced records every case reads (by x-ref pointer). */
  refs?: Record<string, FixtureRef>;
  asOf?: string;
  cases: FixtureCase[];
}

/** A rule with its logic compiled once per plugin version. */
export interface CompiledRule<R extends Rule = Rule> {
  rule: R;
  when: CompiledLogic | null;
  logic: CompiledLogic;
}

export interface FormDefinition {
  manifest: FormManifest;
  id: string;
  schema: Record<string, unknown>;
  uiSchema: Record<string, unknown>;
  validate: FormValidator;
  dimensions: { id: string; title: LocalText }[];
  rules: CompiledRule[];
  guards: ReadonlyMap<string, CompiledRule<GuardRule>>;
  workflow: WorkflowDefinition | null;
  /** Pointers of x-ref fields, the form each refers to and how far up the org tree it reaches (ref-reach.ts). */
  references: { pointer: string; form: string; reach: RefReach }[];
  /** Fields whose default is another field's value (x-default, field-defaults.ts). */
  defaults: readonly FieldDefault[];
  /** Pointers of fields written by compute rules (whatever the client sends there is replaced). */
  computedFields: string[];
  /** The x-sensitive fields, the masks of subject and subject title, and who sees them in full. */
  sensitive: SensitiveFields;
  followUp: CompiledFollowUp | null;
  /** Classify rules that name a code list: rule id → code → label. */
  classLabels: ReadonlyMap<string, ReadonlyMap<string, LocalText>>;
}

export interface WorkflowDefinition {
  file: string;
  workflow: Workflow;
  states: ReadonlyMap<string, WorkflowState>;
  transitions: ReadonlyMap<string, Transition & { compiledSet: [string, CompiledLogic][]; compiledMarks: { kind: string; until: CompiledLogic | null; reason: LocalText }[] }>;
}

export interface PluginDefinition {
  id: string;
  version: string;
  manifest: PluginManifest;
  /** Every file of the plugin as parsed JSON, keyed by relative path: what an export or the database keeps. */
  files: Readonly<Record<string, unknown>>;
  forms: ReadonlyMap<string, FormDefinition>;
  workflows: ReadonlyMap<string, WorkflowDefinition>;
  parameterSchema: Record<string, unknown>;
  parameterDefaults: Record<string, unknown>;
  validateParameters: FormValidator;
  codeLists: ReadonlyMap<string, CodeList>;
  calendars: ReadonlyMap<string, Calendar>;
  translations: { en: Readonly<Record<string, string>> };
  fixtures: FixtureSuite[];
  /** Report templates, each compiled once per plugin version into a plan (platform/reports). */
  reports: ReadonlyMap<string, ReportDefinition>;
  /** Per report: the columns showing sensitive values and how they are masked (platform/reports/sensitive-columns). */
  reportMasks: ReadonlyMap<string, ReportMask>;
  /** Per form declaring links: the counts' plan and the status list, compiled once (form-links.ts). */
  formLinks: ReadonlyMap<string, CompiledFormLinks>;
}

export interface CompiledFormLinks {
  plan: PlanLinks;
  /** Count names in the plan's order. */
  names: readonly string[];
  status: readonly { id: string; title: LocalText; when: CompiledLogic }[];
}
