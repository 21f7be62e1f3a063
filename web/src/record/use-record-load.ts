// What the record page shows before anyone types: an existing record with its plugin version's form, the plugin's
// parameters and the history; or, for a new record, the form at the plugin's current version, the default period and
// the officer's first unit for that form. The history is read again after each save and step.
import { useCallback, useEffect, useState } from 'react';
import { ApiError, api } from '../api';
import type { HistoryEvent, RecordView } from '../api-types';
import { useI18n } from '../i18n';
import { clientForm, defaultPeriod, loadForm, type ClientForm } from '../plugin';
import type { RecordState } from './use-record-state';
import type { OrgUnitRow } from '../org-units';

export interface RecordTarget {
  recordId?: string;
  pluginId?: string;
  formId?: string;
}

const parametersOf = (plugin: string) =>
  api<{ values: Record<string, unknown> }>('GET', `/api/plugins/${encodeURIComponent(plugin)}/parameters`).then((p) => p.values);

/** `failed` says why loading failed (the page shows it where the form would be). */
export function useRecordLoad({ recordId, pluginId, formId }: RecordTarget, state: RecordState, failed: (title: string) => void) {
  const { lt } = useI18n();
  const [form, setForm] = useState<ClientForm | null>(null);
  const [params, setParams] = useState<Record<string, unknown>>({});
  const [period, setPeriod] = useState('');
  const [orgUnitId, setOrgUnitId] = useState<string | null>(null);
  /** For a new record: the units the user may file it at (their units with a create role, and below). */
  const [unitChoices, setUnitChoices] = useState<OrgUnitRow[]>([]);
  const [history, setHistory] = useState<HistoryEvent[]>([]);

  const loadHistory = useCallback(async (id: string) => {
    const h = await api<{ events: HistoryEvent[] }>('GET', `/api/records/${encodeURIComponent(id)}/history`);
    setHistory(h.events);
  }, []);

  /** The server's record again (a follow-up step re-evaluates it: new revision, perhaps a new class). */
  const reload = useCallback(
    async (id: string) => {
      state.showRecord(await api<RecordView>('GET', `/api/records/${encodeURIComponent(id)}`));
      await loadHistory(id);
    },
    [state, loadHistory],
  );

  useEffect(() => {
    let live = true;
    (async () => {
      if (recordId) {
        const r = await api<RecordView>('GET', `/api/records/${encodeURIComponent(recordId)}`);
        // Both depend on the record only: asked together, one round trip on a slow line instead of two.
        const [pl, values] = await Promise.all([loadForm(r.plugin.id, r.form, r.plugin.version), parametersOf(r.plugin.id)]);
        if (!live) return;
        state.showRecord(r);
        setPeriod(r.period);
        setForm(clientForm(pl, r.form));
        setParams(values);
        await loadHistory(r.id);
      } else if (pluginId && formId) {
        // Independent of each other: asked at once, one round trip on a slow line instead of three.
        const [pl, values, { forms }, { units }] = await Promise.all([
          loadForm(pluginId, formId),
          parametersOf(pluginId),
          api<{ forms: { plugin: string; form: string; orgUnits: string[] }[] }>('GET', '/api/forms'),
          api<{ units: OrgUnitRow[] }>('GET', '/api/org-units'),
        ]);
        if (!live) return;
        const f = clientForm(pl, formId);
        setForm(f);
        setParams(values);
        setPeriod(defaultPeriod(f.periodKind));
        // The user's own unit first (where they hold the role to file), then any unit below it.
        const own = forms.find((x) => x.plugin === pluginId && x.form === formId)?.orgUnits ?? [];
        const ownPaths = units.filter((u) => own.includes(u.id)).map((u) => u.path);
        setUnitChoices(units.filter((u) => ownPaths.some((p) => u.path.startsWith(p))));
        setOrgUnitId(own[0] ?? null);
      }
    })().catch((e) => live && failed(e instanceof ApiError ? lt(e.text) : String(e)));
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [recordId, pluginId, formId]);

  return { form, params, period, setPeriod, orgUnitId, unitChoices, history, loadHistory, reload };
}
