// GET /api/plugins as the pages read it: summaries of the active plugins (and, for admins, failures).
import { api, type ErrorDetail } from './api';
import type { LocalText } from './i18n';

export interface WorkflowSummary {
  id: string;
  title: LocalText;
  initial: string;
  states: { id: string; title: LocalText; editable?: boolean; final?: boolean }[];
  transitions: { id: string; title: LocalText; from: string[]; to: string; roles: string[]; level?: string; commentRequired?: boolean }[];
}

export interface FormSummary {
  id: string;
  title: LocalText;
  description: LocalText | null;
  period: { kind: string; title?: LocalText };
  workflow: string | null;
  createRoles: string[];
  rules: number;
  ranking: { by: string; order?: string; states: string[]; quotaParameter?: string } | null;
  /** Values lists show beside each record: a field of the data (pointer) or a rule outcome (result). */
  listColumns: ListColumnSummary[];
}

export interface ListColumnSummary {
  id: string;
  title: LocalText;
  pointer?: string;
  result?: string;
}

export interface PluginSummary {
  id: string;
  version: string;
  versions: string[];
  title: LocalText;
  description: LocalText | null;
  regions: string[];
  source: Record<string, unknown> | null;
  forms: FormSummary[];
  workflows: WorkflowSummary[];
  fixtures: number;
}

export interface PluginFailure {
  source: string;
  pluginId?: string;
  errors: (ErrorDetail & { file?: string })[];
}

export const loadSummaries = () => api<{ plugins: PluginSummary[]; failures: PluginFailure[] }>('GET', '/api/plugins');

/** Every workflow state of every plugin, once per id: the first title wins; `waiting` is neither initial nor final. */
export function allStates(plugins: PluginSummary[]): { id: string; title: LocalText; waiting: boolean }[] {
  const out = new Map<string, { id: string; title: LocalText; waiting: boolean }>();
  const initial = new Set(plugins.flatMap((p) => p.workflows.map((w) => w.initial)));
  for (const p of plugins)
    for (const w of p.workflows)
      for (const s of w.states) {
        if (!out.has(s.id)) out.set(s.id, { id: s.id, title: s.title, waiting: !initial.has(s.id) && !s.final });
      }
  return [...out.values()];
}
