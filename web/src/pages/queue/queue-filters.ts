// The queue's filter as the page holds it, and as the API takes it: the list's query string (a page of it), the
// export's (every match), and a saved view's filter (what GET/POST /api/me/saved-views keep).

export interface Filters {
  /** 'plugin/form', or '' for every form. */
  form: string;
  orgUnitId?: string;
  states: string[];
  period: string;
  minScore: number | null;
  maxScore: number | null;
  q: string;
  /** updated, score, state or a picked field's pointer. */
  sort: string;
  order: '' | 'asc' | 'desc';
  /** Pointers of the fields picked as columns (of the chosen form). */
  columns: string[];
}

export interface ViewFilter {
  plugin?: string;
  form?: string;
  states?: string[];
  orgUnitId?: string;
  period?: string;
  q?: string;
  minScore?: number | null;
  maxScore?: number | null;
  columns?: string[];
  sort?: string;
  order?: 'asc' | 'desc';
}

export const PAGE_SIZE = 20;

/** The filters every list shares: form, unit, states, period, scores, text, sort. */
function filterParams(f: Filters): URLSearchParams {
  const q = new URLSearchParams({ sort: f.sort });
  const [plugin, form] = f.form ? f.form.split('/') : [];
  if (plugin) q.set('plugin', plugin);
  if (form) q.set('form', form);
  if (f.order) q.set('order', f.order);
  if (f.orgUnitId) q.set('orgUnitId', f.orgUnitId);
  if (f.states.length) q.set('state', f.states.join(','));
  if (f.period.trim()) q.set('period', f.period.trim());
  if (f.minScore !== null) q.set('minScore', String(f.minScore));
  if (f.maxScore !== null) q.set('maxScore', String(f.maxScore));
  if (f.q.trim()) q.set('q', f.q.trim());
  return q;
}

/** A page of the list; `declared` are the chosen form's declared column ids, kept beside the picked fields. */
export function listQuery(f: Filters, page: number, declared: string[]): string {
  const q = filterParams(f);
  q.set('limit', String(PAGE_SIZE));
  q.set('offset', String((page - 1) * PAGE_SIZE));
  if (f.columns.length) q.set('columns', [...declared, ...f.columns].join(','));
  return q.toString();
}

export const exportQuery = (f: Filters, format: 'xlsx' | 'csv'): string => {
  const q = filterParams(f);
  q.set('format', format);
  return q.toString();
};

export function viewOf(f: Filters): ViewFilter {
  const [plugin, form] = f.form ? f.form.split('/') : [];
  return {
    ...(plugin ? { plugin, form } : {}),
    states: f.states,
    ...(f.orgUnitId ? { orgUnitId: f.orgUnitId } : {}),
    period: f.period,
    q: f.q,
    minScore: f.minScore,
    maxScore: f.maxScore,
    columns: f.columns,
    sort: f.sort,
    ...(f.order ? { order: f.order } : {}),
  };
}

export const filtersOf = (v: ViewFilter): Filters => ({
  form: v.plugin && v.form ? `${v.plugin}/${v.form}` : '',
  orgUnitId: v.orgUnitId,
  states: v.states ?? [],
  period: v.period ?? '',
  minScore: v.minScore ?? null,
  maxScore: v.maxScore ?? null,
  q: v.q ?? '',
  sort: v.sort ?? 'updated',
  order: v.order ?? '',
  columns: v.columns ?? [],
});
