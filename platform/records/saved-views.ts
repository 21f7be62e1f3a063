// A user's saved views of the record lists: a name and the list's filter (state, unit, period, text, score range,
// columns, sort). A view is checked as the list would check its query before it is kept — a view that names a
// column the form lacks or a unit outside the user's is refused now, not every time it is opened.
import { HezuoError, detail, type ErrorDetail } from '../errors';
import type { PlatformContext } from '../context';
import type { Principal } from '../access/principal';
import { countSavedViews, deleteSavedView, listSavedViews, saveView, type SavedViewRow } from '../store/saved-views-store';
import { chooseColumns, listFilter } from './list-records';
import { parseQueueFilter } from './record-query';

export const MAX_SAVED_VIEWS = 50;

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

export const mySavedViews = async (ctx: PlatformContext, p: Principal) => ({ views: await listSavedViews(ctx.db, p.user.id) });

/** Checks the filter as the list checks its query: every refusal the list would give, with pointers under /filter. */
async function checkFilter(ctx: PlatformContext, p: Principal, f: ViewFilter): Promise<void> {
  const num = (v: number | null | undefined) => (v === null || v === undefined ? undefined : String(v));
  try {
    const q = {
      plugin: f.plugin || undefined,
      form: f.form || undefined,
      state: f.states?.length ? f.states.join(',') : undefined,
      orgUnitId: f.orgUnitId || undefined,
      period: f.period || undefined,
      columns: f.columns ? f.columns.join(',') : undefined,
      ...parseQueueFilter({ q: f.q, minScore: num(f.minScore), maxScore: num(f.maxScore), sort: f.sort, order: f.order }),
    };
    const { forms } = await listFilter(ctx, p, q);
    chooseColumns(forms, q);
  } catch (e) {
    if (!(e instanceof HezuoError)) throw e;
    const under = (d: ErrorDetail): ErrorDetail => ({ ...d, pointer: `/filter${d.pointer === '/state' ? '/states' : d.pointer}` });
    throw new HezuoError(e.code, e.details.map(under), e.localMessage);
  }
}

export async function saveMyView(
  ctx: PlatformContext,
  p: Principal,
  body: { name: string; filter: ViewFilter },
): Promise<{ view: SavedViewRow; created: boolean }> {
  const name = body.name.trim();
  if (!name) throw new HezuoError('BAD_REQUEST', [detail('/name', '请填写名称', 'Give the view a name')]);
  await checkFilter(ctx, p, body.filter);
  return ctx.db.transaction().execute(async (tx) => {
    const saved = await saveView(tx, p.user.id, name, body.filter as Record<string, unknown>, ctx.clock.now());
    if (saved.created && (await countSavedViews(tx, p.user.id)) > MAX_SAVED_VIEWS)
      throw new HezuoError('BAD_REQUEST', [
        detail('/name', `每人最多保存 ${MAX_SAVED_VIEWS} 个筛选`, `At most ${MAX_SAVED_VIEWS} saved views per user`, {
          params: { limit: MAX_SAVED_VIEWS },
        }),
      ]);
    return saved;
  });
}

export async function deleteMyView(ctx: PlatformContext, p: Principal, id: string): Promise<{ deleted: string }> {
  const gone = await ctx.db.transaction().execute((tx) => deleteSavedView(tx, p.user.id, id));
  if (!gone)
    throw new HezuoError('SAVED_VIEW_NOT_FOUND', [detail('/id', '找不到该已保存的筛选', 'No such saved view', { params: { id } })]);
  return { deleted: id };
}
