// Row types of the tables the migrations create; the only description of the database the code relies on.
import type { ColumnType, Generated, Kysely, Transaction } from 'kysely';
import type { LocalText } from '../errors';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export interface OrgUnitsTable {
  id: string;
  parent_id: string | null;
  code: string;
  name: ColumnType<LocalText, string, string>;
  level: string;
  path: string;
  created_at: Timestamp;
}

export interface UsersTable {
  id: string;
  username: string;
  display_name: string;
  password_hash: string;
  locale: Generated<string>;
  disabled: Generated<boolean>;
  must_change_password: Generated<boolean>;
  created_at: Timestamp;
}

export interface UserRolesTable {
  user_id: string;
  org_unit_id: string;
  role: string;
}

export interface SessionsTable {
  token_hash: string;
  user_id: string;
  created_at: Timestamp;
  expires_at: Timestamp;
  last_seen_at: Timestamp;
}

export interface LoginThrottleTable {
  key: string;
  failures: number;
  last_failure_at: Timestamp;
  blocked_until: ColumnType<Date | null, Date | null | undefined, Date | null>;
  locked_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
}

/** id, prev_hash and hash are set by the chain trigger, whatever an insert names. */
export interface AdminAuditTable {
  id: Generated<number>;
  at: Generated<Date>;
  actor_id: string | null;
  actor_name: string | null;
  action: string;
  target_type: string | null;
  target_id: string | null;
  details: ColumnType<Record<string, unknown>, string | undefined, never>;
  address: string | null;
  org_paths: ColumnType<string[], string[] | undefined, never>;
  prev_hash: Generated<string>;
  hash: Generated<string>;
}

export interface PluginVersionsTable {
  plugin_id: string;
  version: string;
  files: ColumnType<Record<string, unknown>, string, string>;
  active: Generated<boolean>;
  installed_at: Timestamp;
}

/** Active version, the versions it replaced (oldest first) and whether the plugin's forms are disabled. */
export interface PluginStateTable {
  plugin_id: string;
  active_version: string;
  previous_versions: ColumnType<string[], string[] | undefined, string[]>;
  disabled: Generated<boolean>;
  updated_by: string | null;
  updated_at: Timestamp;
}

export interface PluginParametersTable {
  plugin_id: string;
  values: ColumnType<Record<string, unknown>, string, string>;
  revision: number;
  updated_at: Timestamp;
  updated_by: string | null;
}

export interface RecordsTable {
  id: string;
  plugin_id: string;
  plugin_version: string;
  form_id: string;
  period: string;
  org_unit_id: string;
  org_path: string;
  subject: string | null;
  subject_title: string | null;
  unique_key: string | null;
  data: ColumnType<Record<string, unknown>, string, string>;
  results: ColumnType<Record<string, unknown>, string, string>;
  state: string;
  workflow: ColumnType<Record<string, unknown>, string | undefined, string>;
  revision: number;
  create_digest: string;
  created_by: string;
  /** The browser's id of a create sent from an offline draft (unique per user). */
  client_id: ColumnType<string | null, string | null | undefined, string | null>;
  created_at: Timestamp;
  updated_at: Timestamp;
  submitted_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}

export interface AuditEventsTable {
  id: Generated<number>;
  record_id: string;
  at: Timestamp;
  actor_id: string | null;
  action: string;
  transition: string | null;
  from_state: string | null;
  to_state: string | null;
  revision: number;
  plugin_version: string;
  changes: ColumnType<unknown[], string | undefined, string>;
  comment: string | null;
  /** Set by the per-record chain trigger. */
  prev_hash: Generated<string>;
  hash: Generated<string>;
}

export interface MarksTable {
  id: Generated<number>;
  plugin_id: string;
  subject: string;
  kind: string;
  from_date: ColumnType<string, string, string>;
  until_date: ColumnType<string | null, string | null, string | null>;
  reason: ColumnType<LocalText, string, string>;
  record_id: string | null;
  created_by: string | null;
  created_at: Timestamp;
}

export interface AttachmentsTable {
  id: string;
  plugin_id: string;
  form_id: string;
  /** JSON pointer of the x-attachment field in the form's data. */
  field: string;
  file_name: string;
  media_type: string;
  size: number;
  sha256: string;
  content: Buffer;
  uploaded_by: string;
  org_path: string;
  record_id: string | null;
  created_at: Timestamp;
}

export interface ImportJobsTable {
  id: string;
  plugin_id: string;
  form_id: string;
  period: string;
  user_id: string;
  org_unit_id: string | null;
  org_path: string | null;
  mode: 'all' | 'valid';
  status: 'queued' | 'running' | 'done' | 'failed' | 'interrupted';
  file_name: string;
  locale: Generated<string>;
  total: number | null;
  processed: Generated<number>;
  counts: ColumnType<Record<string, unknown> | null, string | null | undefined, string | null>;
  first_errors: ColumnType<unknown[] | null, string | null | undefined, string | null>;
  failure: ColumnType<Record<string, unknown> | null, string | null | undefined, string | null>;
  error_file: Buffer | null;
  created_at: Timestamp;
  heartbeat_at: Timestamp;
  finished_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}

export interface ImportMappingsTable {
  plugin_id: string;
  form_id: string;
  org_path: string;
  signature: string;
  header: ColumnType<string[], string, string>;
  mapping: ColumnType<Record<string, string | null>, string, string>;
  saved_by: string;
  saved_at: Timestamp;
}

export interface PluginExtensionsTable {
  plugin_id: string;
  version: string;
  until: string;
  reason: string;
  extended_by: string;
  extended_at: Timestamp;
}

export interface SavedViewsTable {
  id: Generated<string>;
  user_id: string;
  name: string;
  filter: ColumnType<Record<string, unknown>, string, string>;
  created_at: Generated<Date>;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface StudioDraftOrigin {
  kind: 'blank' | 'fork' | 'edit' | 'import';
  from?: { plugin: string; version: string };
}

export interface StudioDraftsTable {
  id: string;
  plugin_id: string;
  base_version: string | null;
  origin: ColumnType<StudioDraftOrigin, string, string>;
  files: ColumnType<Record<string, string>, string, string>;
  revision: ColumnType<number, number | undefined, number>;
  created_by: string;
  created_at: Generated<Date>;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export type JobStatus = 'queued' | 'running' | 'done' | 'failed' | 'superseded';

export interface JobsTable {
  id: string;
  kind: string;
  plugin_id: string | null;
  user_id: string;
  status: JobStatus;
  input: ColumnType<Record<string, unknown>, string | undefined, string>;
  cursor: string | null;
  pending: ColumnType<string[], string | undefined, string>;
  total: Generated<number>;
  done: Generated<number>;
  counts: ColumnType<Record<string, unknown>, string | undefined, string>;
  failure: ColumnType<Record<string, unknown> | null, string | null | undefined, string | null>;
  superseded_by: string | null;
  owner: string | null;
  created_at: Timestamp;
  started_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  heartbeat_at: Timestamp;
  finished_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}

export interface Database {
  org_units: OrgUnitsTable;
  users: UsersTable;
  user_roles: UserRolesTable;
  sessions: SessionsTable;
  login_throttle: LoginThrottleTable;
  admin_audit: AdminAuditTable;
  plugin_versions: PluginVersionsTable;
  plugin_parameters: PluginParametersTable;
  plugin_state: PluginStateTable;
  records: RecordsTable;
  audit_events: AuditEventsTable;
  marks: MarksTable;
  import_jobs: ImportJobsTable;
  jobs: JobsTable;
  attachments: AttachmentsTable;
  import_mappings: ImportMappingsTable;
  plugin_extensions: PluginExtensionsTable;
  saved_views: SavedViewsTable;
  studio_drafts: StudioDraftsTable;
}

export type Db = Kysely<Database>;
export type Executor = Kysely<Database> | Transaction<Database>;
