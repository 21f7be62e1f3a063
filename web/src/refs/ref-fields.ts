// Which fields of a form name another record: every string the schema marks with x-ref (found by the same schema
// walk the server uses), rendered by the record picker (RefSelect) instead of a text box for a record id.
import { decodePointer, fieldsWithKeyword } from '../../../platform/plugins/schema-walk';
import { RefSelect } from './RefSelect';

/** rjsf `widgets` for Form: stable, so the form is not re-rendered for a new registry. */
export const REF_WIDGETS = { recordRef: RefSelect };

/** A copy of uiSchema with `ui:widget: "recordRef"` at each x-ref field (a plugin's own ui:widget wins). */
export function withRefWidgets(schema: Record<string, any>, uiSchema: Record<string, any>): Record<string, any> {
  const fields = fieldsWithKeyword(schema, 'x-ref');
  if (fields.length === 0) return uiSchema;
  const out: Record<string, any> = { ...uiSchema };
  for (const { pointer } of fields) {
    const tokens = decodePointer(pointer);
    // The server resolves references at plain object paths only (form.references); so does the picker.
    if (tokens.some((t) => t === '*' || /^\d+$/.test(t))) continue;
    let node = out;
    for (const token of tokens) {
      const next = node[token] && typeof node[token] === 'object' ? { ...node[token] } : {};
      node[token] = next;
      node = next;
    }
    node['ui:widget'] ??= 'recordRef';
    node['ui:options'] = { ...node['ui:options'], refPointer: pointer };
  }
  return out;
}
