// The titles of the records a stored record names in its x-ref fields, for views that show values as words
// (the print view): one picker lookup by id per field (GET …/ref-options?ids=…).
import { api } from '../api';
import { decodePointer, fieldsWithKeyword, getAtPointer } from '../../../platform/plugins/schema-walk';
import { refOptionsUrl, type RefOption } from './RefSelect';

export async function refTitles(
  ctx: { plugin: string; form: string },
  schema: Record<string, any>,
  data: Record<string, unknown>,
): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const { pointer } of fieldsWithKeyword(schema, 'x-ref')) {
    if (decodePointer(pointer).includes('*')) continue;
    const id = getAtPointer(data, pointer);
    if (typeof id !== 'string' || id === '') continue;
    try {
      const r = await api<{ options: RefOption[] }>('GET', refOptionsUrl(ctx, pointer, { ids: id }));
      for (const o of r.options) out[o.id] = o.title;
    } catch {
      // The id stays as it is: printing does not fail for a title.
    }
  }
  return out;
}
