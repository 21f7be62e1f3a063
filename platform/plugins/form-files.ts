// The files of a plugin that one form needs to be built in the browser (buildClientForm): the manifest, the form's
// schema, UI schema and rule files, and what every form's build reads — code lists, calendars, workflows, the
// parameter schema, the English catalogue. Fixtures, reports and the other forms' files stay on the server: the
// form page of a township office's tablet downloads a third of the plugin instead of all of it.
import { MANIFEST_FILE, type PluginManifest } from './types';

export function formFiles(files: Readonly<Record<string, unknown>>, formId: string): Record<string, unknown> | null {
  const manifest = files[MANIFEST_FILE] as PluginManifest;
  const form = manifest.forms.find((f) => f.id === formId);
  if (!form) return null;
  const names = [
    MANIFEST_FILE,
    form.schema,
    form.uiSchema,
    ...(form.rules ?? []),
    ...(manifest.codeLists ?? []),
    ...(manifest.calendars ?? []),
    ...(manifest.workflows ?? []),
    manifest.parameters,
    manifest.translations?.en,
  ];
  const out: Record<string, unknown> = {};
  for (const n of names) if (n && n in files) out[n] = files[n];
  return out;
}
