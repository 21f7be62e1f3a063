// A record's data walked along its form schema for printing: every field in schema order (ui:order when given)
// with its title; scalars as label/value rows, nested objects as titled sections, arrays of objects as tables,
// enum values by their labels, attachment fields by file names. All plugin text is rendered as text.
import type { ReactNode } from 'react';
import { useTexts } from '../texts';

const TEXTS = { yes: ['是', 'Yes'], no: ['否', 'No'], none: ['—', '—'] } as const;

type Schema = Record<string, any>;

/** Property names in display order: ui:order first (with "*" for the rest), otherwise schema order. */
export function orderedKeys(schema: Schema, ui: Schema): string[] {
  const keys = Object.keys(schema.properties ?? {});
  const order: string[] | undefined = Array.isArray(ui?.['ui:order']) ? ui['ui:order'] : undefined;
  if (!order) return keys;
  const listed = order.filter((k) => k !== '*' && keys.includes(k));
  const rest = keys.filter((k) => !listed.includes(k));
  const star = order.indexOf('*');
  if (star < 0) return [...listed, ...rest];
  const before = order.slice(0, star).filter((k) => keys.includes(k));
  const after = order.slice(star + 1).filter((k) => keys.includes(k));
  return [...before, ...rest, ...after];
}

const isAttachment = (s: Schema) => !!(s?.['x-attachment'] || s?.items?.['x-attachment']);

/** The label of an enum value from enumNames (schema or UI schema) or a oneOf/anyOf const with a title. */
function enumLabel(s: Schema, ui: Schema, v: unknown): string | undefined {
  const names: unknown[] | undefined = ui?.['ui:enumNames'] ?? s?.enumNames;
  if (Array.isArray(s?.enum) && Array.isArray(names)) {
    const i = s.enum.indexOf(v);
    if (i >= 0 && typeof names[i] === 'string') return names[i] as string;
  }
  for (const alt of s?.oneOf ?? s?.anyOf ?? []) if (alt && alt.const === v && typeof alt.title === 'string') return alt.title;
  return undefined;
}

/** Attachment fields hold upload ids; the page resolves them to file names (an unknown id is shown as is). */
const fileName = (f: unknown, names: Record<string, string>) =>
  f && typeof f === 'object' ? String((f as any).name ?? (f as any).id ?? JSON.stringify(f)) : (names[String(f)] ?? String(f));

/** Every attachment id in `value`, walking `schema`. */
export function attachmentIds(schema: Schema, value: unknown): string[] {
  if (!schema || value === null || value === undefined) return [];
  if (isAttachment(schema)) return Array.isArray(value) ? value.filter((x): x is string => typeof x === 'string') : [];
  if (schema.properties && typeof value === 'object' && !Array.isArray(value)) {
    return Object.entries(schema.properties).flatMap(([k, s]) => attachmentIds(s as Schema, (value as Record<string, unknown>)[k]));
  }
  if (schema.items && Array.isArray(value)) return value.flatMap((v) => attachmentIds(schema.items, v));
  return [];
}

export function usePrintValue(names: Record<string, string> = {}) {
  const tx = useTexts(TEXTS);
  const scalar = (s: Schema, ui: Schema, v: unknown): string => {
    if (v === null || v === undefined || v === '') return tx('none');
    if (isAttachment(s)) return Array.isArray(v) && v.length ? v.map((f) => fileName(f, names)).join('、') : tx('none');
    if (typeof v === 'boolean') return enumLabel(s, ui, v) ?? (v ? tx('yes') : tx('no'));
    if (Array.isArray(v)) return v.length ? v.map((x) => scalar(s.items ?? {}, ui?.items ?? {}, x)).join('、') : tx('none');
    if (typeof v === 'object') return JSON.stringify(v);
    return enumLabel(s, ui, v) ?? String(v);
  };
  return { scalar, tx };
}

const title = (s: Schema, ui: Schema, key: string) => String(ui?.['ui:title'] ?? s?.title ?? key);
const hidden = (ui: Schema) => ui?.['ui:widget'] === 'hidden';

export function PrintFields({
  schema,
  ui,
  value,
  names,
  depth = 2,
}: {
  schema: Schema;
  ui: Schema;
  value: Record<string, unknown> | undefined;
  names: Record<string, string>;
  depth?: number;
}) {
  const { scalar, tx } = usePrintValue(names);
  const blocks: ReactNode[] = [];
  let rows: ReactNode[] = [];
  const flush = () => {
    if (!rows.length) return;
    blocks.push(
      <table key={`t${blocks.length}`} className="print-table">
        <tbody>{rows}</tbody>
      </table>,
    );
    rows = [];
  };
  const H = `h${Math.min(depth, 6)}` as 'h2';
  for (const key of orderedKeys(schema, ui)) {
    const s: Schema = schema.properties[key] ?? {};
    const u: Schema = ui?.[key] ?? {};
    if (hidden(u)) continue;
    const v = value?.[key];
    if (s.type === 'object' && s.properties) {
      flush();
      blocks.push(
        <section key={key} data-field={key}>
          <H className="print-heading">{title(s, u, key)}</H>
          <PrintFields schema={s} ui={u} value={v as Record<string, unknown> | undefined} names={names} depth={depth + 1} />
        </section>,
      );
    } else if (s.type === 'array' && s.items?.type === 'object' && s.items.properties && !isAttachment(s)) {
      flush();
      const cols = orderedKeys(s.items, u.items ?? {}).filter((c) => !hidden(u.items?.[c]));
      const items = Array.isArray(v) ? (v as Record<string, unknown>[]) : [];
      blocks.push(
        <section key={key} data-field={key}>
          <H className="print-heading">{title(s, u, key)}</H>
          {items.length === 0 ? (
            <p>{tx('none')}</p>
          ) : (
            <table className="print-table">
              <thead>
                <tr>
                  <th scope="col">#</th>
                  {cols.map((c) => (
                    <th key={c} scope="col">
                      {title(s.items.properties[c], u.items?.[c], c)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {items.map((it, i) => (
                  <tr key={i}>
                    <td>{i + 1}</td>
                    {cols.map((c) => (
                      <td key={c}>{scalar(s.items.properties[c] ?? {}, u.items?.[c] ?? {}, it?.[c])}</td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>,
      );
    } else {
      rows.push(
        <tr key={key} data-field={key}>
          <th scope="row">{title(s, u, key)}</th>
          <td>{scalar(s, u, v)}</td>
        </tr>,
      );
    }
  }
  flush();
  return <>{blocks}</>;
}
