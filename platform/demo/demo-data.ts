// A fixture case's data made fileable on a live server: fixtures name attachments and referenced records by
// made-up ids (they run without a database); a demo record needs real ones. Each attachment becomes a small file
// uploaded by the demo user through the ordinary upload path, each reference a demo record of the referenced form
// seeded before it (seed-demo-records.ts seeds referenced forms first).
import { isAccepted } from '../attachments/media-types';
import { attachmentFields, saveUpload, uploadTarget } from '../attachments/attachment-service';
import type { Principal } from '../access/principal';
import type { PlatformContext } from '../context';
import type { FormDefinition, PluginDefinition } from '../plugins/types';
import { getAtPointer, setAtPointer } from '../plugins/schema-walk';
import type { RoleGrant } from '../store/users-store';

/** A one-page PDF saying what it is: the type every bundled attachment field accepts. */
const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n' +
    '3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]/Contents 4 0 R/Resources<</Font<</F1 5 0 R>>>>>>endobj\n' +
    '4 0 obj<</Length 44>>stream\nBT /F1 24 Tf 72 760 Td (Demo attachment) Tj ET\nendstream endobj\n' +
    '5 0 obj<</Type/Font/Subtype/Type1/BaseFont/Helvetica>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
);
/** A 1×1 PNG, for fields that take images only. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

/**
 * Records seeded so far, by `plugin/form`, with their unit's path: what references are pointed at. `as` is the
 * made-up id of the fixtures that a record stands for, once a reference has used it.
 */
export type Seeded = Map<string, { id: string; orgPath: string; as?: string }[]>;

/** The forms of a plugin, each after the forms it references (a cycle keeps the manifest's order). */
export function referencedFirst(plugin: PluginDefinition): FormDefinition[] {
  const out: FormDefinition[] = [];
  const visit = (f: FormDefinition, seen: Set<string>) => {
    if (out.includes(f) || seen.has(f.id)) return;
    seen.add(f.id);
    for (const r of f.references) {
      const target = plugin.forms.get(r.form);
      if (target) visit(target, seen);
    }
    out.push(f);
  };
  for (const f of plugin.forms.values()) visit(f, new Set());
  return out;
}

export async function fileableData(
  ctx: PlatformContext,
  principal: Principal,
  grant: RoleGrant,
  plugin: PluginDefinition,
  form: FormDefinition,
  data: Record<string, unknown>,
  seeded: Seeded,
): Promise<Record<string, unknown>> {
  const out = structuredClone(data);
  for (const ref of form.references) {
    const named = getAtPointer(out, ref.pointer);
    if (typeof named !== 'string') continue;
    // A record the filer sees: at the filer's unit or below it, or above it (a cooperative the county registered).
    const visible = (seeded.get(`${plugin.id}/${ref.form}`) ?? []).filter(
      (r) => r.orgPath.startsWith(grant.orgPath) || grant.orgPath.startsWith(r.orgPath),
    );
    // The same made-up id names the same record, different ones different records while there are enough: cases
    // naming hh-1 and hh-2 link two demo records, as they mean to (a plugin with one made-up id gets the first).
    const target = visible.find((r) => r.as === named) ?? visible.find((r) => r.as === undefined) ?? visible[0];
    if (target) {
      target.as ??= named;
      setAtPointer(out, ref.pointer, target.id);
    }
  }
  for (const [field, spec] of attachmentFields(form)) {
    const named = getAtPointer(out, field);
    if (!Array.isArray(named) || named.length === 0) continue;
    const file = isAccepted('application/pdf', spec.accept)
      ? { name: 'demo.pdf', type: 'application/pdf', content: PDF }
      : isAccepted('image/png', spec.accept)
        ? { name: 'demo.png', type: 'image/png', content: PNG }
        : null;
    if (!file) {
      setAtPointer(out, field, []);
      continue;
    }
    const target = await uploadTarget(ctx, principal, { plugin: plugin.id, form: form.id, field, orgUnitId: grant.orgUnitId });
    const ids: string[] = [];
    for (let i = 0; i < named.length; i++) ids.push((await saveUpload(ctx, principal, target, file)).id);
    setAtPointer(out, field, ids);
  }
  return out;
}
