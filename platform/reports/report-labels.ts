// Plan rows (keyed by generated alias, holding codes) → report rows keyed by column id, with codes shown in the
// user's language: org units by name, states and rules by title, code-list items by label.
import type { Locale, LocalText } from '../errors';
import type { PluginDefinition } from '../plugins/types';
import type { Labels, PlanRow, ReportColumn, ReportDefinition } from './types';

export type UnitNames = ReadonlyMap<string, LocalText>;

const isLocalText = (v: unknown): v is LocalText =>
  !!v &&
  typeof v === 'object' &&
  !Array.isArray(v) &&
  typeof (v as LocalText)['zh-CN'] === 'string' &&
  typeof (v as LocalText).en === 'string';

/** How each column's codes are labelled: its own labels/codeList, else those of the group it shows. */
function labelling(def: ReportDefinition, c: ReportColumn): { labels?: Labels; codeList?: string } {
  if (c.labels || c.codeList) return { labels: c.labels, codeList: c.codeList };
  if (c.group !== undefined) {
    const g = def.report.groupBy?.find((x) => x.id === c.group);
    if (g?.orgLevel) return { labels: 'orgUnit' };
    return { labels: g?.labels, codeList: g?.codeList };
  }
  return {};
}

/** Ids of org units the rows name, to fetch their names in one query. */
export function unitIdsIn(def: ReportDefinition, rows: PlanRow[]): string[] {
  const ids = new Set<string>();
  def.report.columns.forEach((c, i) => {
    if (labelling(def, c).labels !== 'orgUnit') return;
    for (const r of rows) if (typeof r[`c${i}`] === 'string') ids.add(r[`c${i}`] as string);
  });
  return [...ids];
}

export function labelRows(
  def: ReportDefinition,
  plugin: PluginDefinition,
  rows: PlanRow[],
  lang: Locale,
  units: UnitNames,
): Record<string, unknown>[] {
  const form = def.form ? plugin.forms.get(def.form) : undefined;
  const ruleTitles = new Map<string, LocalText>();
  for (const r of form?.rules ?? []) if (r.rule.title) ruleTitles.set(r.rule.id, r.rule.title);
  const pick = (t: LocalText) => t[lang];

  const labellers = def.report.columns.map((c) => {
    const { labels, codeList } = labelling(def, c);
    const items = codeList ? new Map((plugin.codeLists.get(codeList)?.items ?? []).map((x) => [x.code, x.label] as const)) : null;
    return (v: unknown, rollup: boolean): unknown => {
      if (v === null || v === undefined) return labels === 'orgUnit' && !rollup ? (lang === 'zh-CN' ? '(未归属)' : '(unassigned)') : null;
      if (Array.isArray(v)) return v.map((x) => one(x, false));
      return one(v, rollup);
      function one(x: unknown, isRollup: boolean): unknown {
        if (isLocalText(x)) return pick(x);
        if (typeof x !== 'string') return x;
        if (labels === 'orgUnit') {
          const name = units.get(x);
          if (!name) return x;
          return isRollup ? (lang === 'zh-CN' ? `${name['zh-CN']}合计` : `${name.en} total`) : pick(name);
        }
        if (labels === 'state') {
          const s = form?.workflow?.states.get(x);
          return s ? pick(s.title) : x;
        }
        if (labels === 'rule') {
          const t = ruleTitles.get(x);
          return t ? pick(t) : x;
        }
        if (items) {
          const t = items.get(x);
          return t ? pick(t) : x;
        }
        return x;
      }
    };
  });

  return rows.map((r) => {
    const out: Record<string, unknown> = {};
    const rollup = r._rollup === true;
    def.report.columns.forEach((c, i) => {
      out[c.id] = labellers[i](r[`c${i}`], rollup && c.group !== undefined);
    });
    if (rollup) out._rollup = true;
    return out;
  });
}
