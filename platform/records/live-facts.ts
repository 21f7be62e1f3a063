// The facts a record's rules read that only the server has — referenced records (`refs.<pointer>`) and the form's
// earlier records (`earlier`) — for the browser's live rule panel, so an officer sees what is owed and what is left
// while typing, not only after the first save. Read-only: the same statement a write loads its facts with, the same
// visibility (a reference the user may not see is left out; the save refuses it with its pointer as before), and
// the values of sensitive fields masked for a user who may not see them in full. A masked record's rule results are
// left out too: they may have been computed from what is masked. What the browser computes from these is a preview;
// the save decides on the server's own facts.
import { HezuoError, detail } from '../errors';
import { canSee, type Principal } from '../access/principal';
import { fieldsToMask } from '../access/sensitive-access';
import { maskAt } from '../access/mask-sensitive';
import { getAtPointer } from '../plugins/schema-walk';
import { loadFacts } from '../store/write-store';
import type { PlatformContext } from '../context';
import type { FormDefinition, PluginDefinition } from '../plugins/types';
import { compactResults } from '../evaluation/compact-results';
import { withoutComputed } from './evaluate-record';
import { earlierAsk, earlierOf } from './earlier-records';
import { earlierQuery } from './write-facts';
import { refDefaultValues, refReader } from './ref-defaults';

export interface LiveFactsRequest {
  plugin: string;
  form: string;
  /** The plugin version the record is under (an existing record's); the active version when absent. */
  version?: string;
  orgUnitId: string;
  period: string;
  data: Record<string, unknown>;
}

interface FactRecord {
  id?: string;
  period?: string;
  state?: string;
  data: Record<string, unknown>;
  results?: Record<string, unknown>;
}

export interface LiveFacts {
  refs: Record<string, FactRecord>;
  earlier: FactRecord[];
  /** What the referenced records give the form's defaulted fields (x-default with `from`), by field pointer. */
  defaults: Record<string, unknown>;
}

/** A record as the user may see it: masked data and no results where they see the form's sensitive fields masked. */
export function asSeen(principal: Principal, form: FormDefinition | undefined, orgPath: string, r: FactRecord): FactRecord {
  const hidden = form ? fieldsToMask(principal, form.sensitive, orgPath) : [];
  if (!hidden.length) return r;
  const { results: _dropped, ...rest } = r;
  return { ...rest, data: maskAt(hidden, r.data) as Record<string, unknown> };
}

export async function liveFacts(ctx: PlatformContext, principal: Principal, q: LiveFactsRequest): Promise<LiveFacts> {
  let plugin: PluginDefinition;
  let form: FormDefinition;
  try {
    ({ plugin, form } = ctx.registry.form(q.plugin, q.form, q.version));
  } catch {
    throw new HezuoError('NOT_FOUND', [detail('/form', `没有该表单:${q.plugin}/${q.form}`, `No form ${q.plugin}/${q.form}`)]);
  }
  if (!form.references.length && !form.manifest.earlier) return { refs: {}, earlier: [], defaults: {} };
  const data = withoutComputed(form, q.data);
  const refIds = form.references.flatMap((r) => {
    const id = getAtPointer(data, r.pointer);
    return typeof id === 'string' && id !== '' ? [id] : [];
  });
  const f = await loadFacts(ctx.db, {
    unitIds: [q.orgUnitId],
    refIds,
    earlierOf: earlierQuery(plugin, [earlierAsk(form, data, q.period, q.orgUnitId)]),
  });
  const unit = f.units[0];
  // A unit the user cannot see answers as one that does not exist, as a create there does.
  if (!unit || !canSee(principal, unit.path))
    throw new HezuoError('NOT_FOUND', [detail('/orgUnitId', '没有该组织机构', 'No such org unit')]);

  const refs: Record<string, FactRecord> = {};
  for (const ref of form.references) {
    const id = getAtPointer(data, ref.pointer);
    const row = typeof id === 'string' ? f.refs.get(id) : undefined;
    if (!row || row.pluginId !== plugin.id || row.formId !== ref.form || !canSee(principal, row.orgPath)) continue;
    const target = plugin.forms.get(ref.form);
    refs[ref.pointer] = asSeen(principal, target, row.orgPath, {
      id: row.id,
      state: row.state,
      data: row.data,
      results: compactResults(row.results),
    });
  }
  const earlier = earlierOf(form, f.earlier, data, q.period, unit.id).map((r) => asSeen(principal, form, unit.path, r));
  const defaults = refDefaultValues(form, refReader(plugin, form, principal, data, f.refs));
  return { refs, earlier, defaults };
}
