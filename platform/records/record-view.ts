// A record as the API shows it: its stored row, its unit, whether the caller may edit it and the steps they may take.
import type { PlatformContext } from '../context';
import { holdsRole, type Principal } from '../access/principal';
import type { PluginDefinition } from '../plugins/types';
import type { Executor } from '../store/schema';
import { getOrgUnit, type OrgUnit } from '../store/orgs-store';
import type { RecordRow } from '../store/records-store';
import { allowedTransitions, type StepOffer } from '../workflows/allowed-transitions';
import { createRolesOf, isEditable } from './write-rules';
import { expandResults } from '../evaluation/expand-results';
import { maskedRecord } from '../access/sensitive-access';
import { logFullView } from '../access/sensitive-log';
import { rememberShape } from './record-shapes';

export interface RecordView {
  id: string;
  plugin: { id: string; version: string };
  form: string;
  period: string;
  orgUnit: { id: string; code: string; name: unknown; level: string } | null;
  subject: string | null;
  subjectTitle: string | null;
  data: Record<string, unknown>;
  results: Record<string, unknown>;
  state: string;
  stateTitle: unknown;
  editable: boolean;
  workflow: Record<string, unknown>;
  revision: number;
  createdAt: Date;
  updatedAt: Date;
  submittedAt: Date | null;
  transitions: StepOffer[];
}

/** The view of a row; `unit` when the caller has the record's unit at hand (else it is read). */
export async function viewOf(
  ctx: PlatformContext,
  ex: Executor,
  principal: Principal,
  row: RecordRow,
  unit?: OrgUnit,
): Promise<RecordView> {
  const plugin: PluginDefinition | undefined = ctx.registry.find(row.pluginId, row.pluginVersion);
  const form = plugin?.forms.get(row.formId);
  const u = unit ?? (await getOrgUnit(ex, row.orgUnitId));
  // A record shown is likely edited next: where it lives lets that edit read record and facts in one statement.
  rememberShape(ctx, row);
  // Sensitive fields masked for whoever may not see them; a full view is logged in the same transaction.
  const shown = maskedRecord(principal, form?.sensitive, row.orgPath, row);
  if (shown === row) await logFullView(ex, principal, form?.sensitive, [row], 'record');
  return {
    id: row.id,
    plugin: { id: row.pluginId, version: row.pluginVersion },
    form: row.formId,
    period: row.period,
    orgUnit: u ? { id: u.id, code: u.code, name: u.name, level: u.level } : null,
    subject: shown.subject,
    subjectTitle: shown.subjectTitle,
    data: shown.data,
    results: form ? (expandResults(form, row.results) as Record<string, unknown>) : row.results,
    state: row.state,
    stateTitle: form?.workflow?.states.get(row.state)?.title ?? null,
    editable: form ? isEditable(form, row.state) && holdsRole(principal, createRolesOf(form), row.orgPath) : false,
    workflow: row.workflow,
    revision: row.revision,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    submittedAt: row.submittedAt,
    transitions: form ? allowedTransitions(form, principal, row) : [],
  };
}
