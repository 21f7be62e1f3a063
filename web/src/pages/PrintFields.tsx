// A record's data walked along its form schema for printing: every field in schema order (ui:order when given)
// with its title; scalars as label/value rows, nested objects as titled sections, arrays of objects as tables,
// values in words (values/format-value.ts: labels, 是/否, numbers with unit and decimals, file names). All plugin text is rendered as text.
import type { ReactNode } from 'react';
import { useTexts } from '../texts';
import { useI18n } from '../i18n';
import { VALUE_TEXTS, formatValue, isAttachment } from '../values/format-value';

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
  const tx = useTexts(VALUE_TEXTS);
  const { locale } = useI18n();
  const words = { locale, yes: tx('yes'), no: tx('no'), none: tx('none'), names };
  const scalar = (s: Schema, ui: Schema, v: unknown): string => formatValue(s, ui, v, words);
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
