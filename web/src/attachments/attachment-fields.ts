// Which fields of a form are attachment lists: every array the schema marks with x-attachment (found by the same
// schema walk the server uses), rendered by the AttachmentField, whatever the field is called.
import { fieldsWithKeyword, decodePointer } from '../../../platform/plugins/schema-walk';
import { AttachmentField } from './AttachmentField';

export { type AttachmentContext } from './AttachmentField';

/** rjsf `fields` for Form: stable, so the form is not re-rendered for a new registry. */
export const ATTACHMENT_FIELDS = { attachments: AttachmentField };

/** A copy of uiSchema with `ui:field: "attachments"` at each x-attachment field (a plugin's own ui:field wins). */
export function withAttachmentFields(schema: Record<string, any>, uiSchema: Record<string, any>): Record<string, any> {
  const fields = fieldsWithKeyword(schema, 'x-attachment');
  if (fields.length === 0) return uiSchema;
  const out: Record<string, any> = { ...uiSchema };
  for (const { pointer } of fields) {
    let node = out;
    for (const token of decodePointer(pointer)) {
      const next = node[token] && typeof node[token] === 'object' ? { ...node[token] } : {};
      node[token] = next;
      node = next;
    }
    node['ui:field'] ??= 'attachments';
    node['ui:options'] = { ...node['ui:options'], attachmentPointer: pointer };
  }
  return out;
}
