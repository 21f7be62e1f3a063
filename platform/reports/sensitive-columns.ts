// Which columns of a compiled report show sensitive values, and how they are masked for a user without the right
// to see them. Computed once per plugin version from the plan's expressions:
// - a column that is a sensitive field (or its group key, or min/max of it) is masked like the field;
// - a column whose value is otherwise computed from a sensitive field (a comparison, a case) is withheld (null);
// - counts, sums and ratios over records are aggregates and stay (filters and conditions on a sensitive field run on
//   the real value: they are the plugin's, not the user's);
// - a report in which a parameter meets a sensitive field (the user's input compared with it) could probe the value
//   digit by digit, so a user without the right cannot run it at all (`probes`).
import { maskAt, maskText, touchesSensitive, type MaskStyle, type SensitiveField } from '../access/mask-sensitive';
import type { SensitiveFields } from '../access/sensitive-access';
import type { FormDefinition } from '../plugins/types';
import type { Expr, PlanColumn, ReportDefinition } from './types';

export type ColumnMask = { kind: 'mask'; apply: (v: unknown) => unknown } | { kind: 'withhold' };

export interface ReportMask {
  /** By column id: how its values are shown to a user without the right. */
  columns: ReadonlyMap<string, ColumnMask>;
  /** A parameter meets a sensitive field somewhere in the report. */
  probes: boolean;
  /** The declarations whose right the user needs (the source form's, the joined form's, a sensitive subject's). */
  declarations: readonly SensitiveFields[];
}

type Read = { mask: (v: unknown) => unknown; decl: SensitiveFields } | null;

/** Sub-expressions of an expression, one level down. */
function children(e: Expr): Expr[] {
  switch (e.k) {
    case 'cmp':
      return [e.a, e.b];
    case 'is-null':
    case 'not':
    case 'truthy':
    case 'neg':
    case 'round':
    case 'zero-if-null':
      return [e.a];
    case 'logic':
    case 'arith':
      return [...e.args];
    case 'any':
      return [e.a, e.list];
    case 'json-contains':
      return [e.array, e.item];
    case 'text-contains':
      return [e.text, e.part];
    case 'case':
      return [...e.whens.flatMap(([w, t]) => [w, t]), e.otherwise];
    case 'workdays':
      return [e.from, e.to];
    case 'state-on':
      return [e.on];
    default:
      return [];
  }
}

export function compileReportMask(forms: ReadonlyMap<string, FormDefinition>, def: ReportDefinition): ReportMask {
  const { plan } = def;
  const source = plan.source.kind === 'form' ? forms.get(plan.source.form)?.sensitive : undefined;
  const joined = plan.source.kind === 'form' && plan.source.join ? forms.get(plan.source.join.form)?.sensitive : undefined;
  const rows = plan.source.kind === 'form' ? plan.source.rows : null;
  // Marks belong to subjects of the plugin: a subject is sensitive when any form reads it from a sensitive field.
  const subjectForm = [...forms.values()].find((f) => f.sensitive.subject)?.sensitive;
  const used = new Set<SensitiveFields>();

  const byFields = (decl: SensitiveFields | undefined, path: readonly string[]): Read => {
    if (!decl || !touchesSensitive(decl.fields, path)) return null;
    const fields: readonly SensitiveField[] = decl.fields;
    return { mask: (v) => maskAt(fields, v, path), decl };
  };
  const byStyle = (decl: SensitiveFields | undefined, style: MaskStyle | null | undefined): Read =>
    decl && style ? { mask: (v) => maskText(v, style), decl } : null;

  /** The sensitive value an expression reads directly, or null. */
  const direct = (e: Expr): Read => {
    if (e.k === 'field' && e.source === 'data') return byFields(source, e.path);
    if (e.k === 'field' && e.source === 'ref.data') return byFields(joined, e.path);
    // A table row is an item of the source's table: its fields are the table's `*` fields.
    if (e.k === 'field' && e.source === 'row' && rows) return byFields(source, [...rows, '*', ...e.path]);
    if (e.k === 'column' && e.column === 'subject') return byStyle(source, source?.subject);
    if (e.k === 'column' && e.column === 'subjectTitle') return byStyle(source, source?.subjectTitle);
    if (e.k === 'column' && e.column === 'ref.subjectTitle') return byStyle(joined, joined?.subjectTitle);
    if (e.k === 'column' && e.column === 'mark.subject') return byStyle(subjectForm, subjectForm?.subject);
    return null;
  };
  const reads = (e: Expr | null): SensitiveFields[] => {
    if (!e) return [];
    const d = direct(e);
    return [...(d ? [d.decl] : []), ...children(e).flatMap(reads)];
  };
  const hasParam = (e: Expr | null): boolean => !!e && (e.k === 'param' || children(e).some(hasParam));

  const columns = new Map<string, ColumnMask>();
  const ids = def.report.columns.map((c) => c.id);
  let probes = false;
  const note = (e: Expr | null) => {
    const found = reads(e);
    found.forEach((d) => used.add(d));
    if (found.length && hasParam(e)) probes = true;
    return found.length > 0;
  };
  note(plan.filter);
  const groupExprs = plan.groups.map((g) => ('value' in g ? g.value : null));
  groupExprs.forEach(note);

  // Twins (p…, previous-period values other columns read) hold what their column holds: no mask of their own.
  const shown = plan.columns.filter((col) => !col.alias.startsWith('p'));
  shown.forEach((col: PlanColumn) => {
    const id = ids[Number(col.alias.slice(1))];
    const expr = col.kind === 'value' || col.kind === 'derived' ? col.expr : col.kind === 'group' ? groupExprs[col.group] : null;
    if (expr) {
      const d = direct(expr);
      const refersMasked = hasRefColumn(expr, columns, ids);
      if (d) columns.set(id, { kind: 'mask', apply: d.mask });
      else if (note(expr) || refersMasked) columns.set(id, { kind: 'withhold' });
      if (d) used.add(d.decl);
    } else if (col.kind === 'aggregate') {
      const of = col.of ? direct(col.of) : null;
      note(col.where);
      if (of && (col.fn === 'min' || col.fn === 'max')) columns.set(id, { kind: 'mask', apply: of.mask });
      if (of) used.add(of.decl);
      else note(col.of);
    }
  });
  // A change of a masked or withheld column would tell its values apart: withheld too.
  for (const col of shown) {
    const of = col.kind === 'change' ? ids[Number(col.of.slice(1))] : undefined;
    if (of !== undefined && columns.has(of)) columns.set(ids[Number(col.alias.slice(1))], { kind: 'withhold' });
  }
  return Object.freeze({ columns, probes, declarations: Object.freeze([...used]) });
}

/**
 * True when a derived expression reads another column that is masked or withheld. A reference names the column by
 * its SQL alias (c<i>, or p<i> for its previous-period twin), the masks by column id: `ids[i]` joins the two.
 */
function hasRefColumn(e: Expr, masked: ReadonlyMap<string, ColumnMask>, ids: readonly string[]): boolean {
  if (e.k === 'ref-column' && masked.has(ids[Number(e.column.slice(1))])) return true;
  return children(e).some((c) => hasRefColumn(c, masked, ids));
}

/** Rows (keyed by column id) with the masked columns masked and the withheld ones emptied. */
export function maskReportRows(mask: ReportMask, rows: Record<string, unknown>[]): Record<string, unknown>[] {
  if (mask.columns.size === 0) return rows;
  return rows.map((r) => {
    const out = { ...r };
    for (const [id, m] of mask.columns) if (id in out) out[id] = m.kind === 'withhold' ? null : m.apply(out[id]);
    return out;
  });
}
