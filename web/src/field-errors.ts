// Server refusals shown where they belong: details whose pointer names a field go to that field, the rest to the
// page's alert. Pointers are the request body's JSON pointers (see platform/errors.ts).
import type { ErrorDetail } from './api';
import type { Locale } from './i18n';

export interface FieldErrors {
  fields: Record<string, string[]>;
  general: string[];
}

/** `fieldOf` maps a pointer ("/roles/0/orgUnitId") to a field name, or null when no field shows it. */
export function fieldErrors(
  details: ErrorDetail[],
  locale: Locale,
  fieldOf: (pointer: string) => string | null = (p) => p.slice(1) || null,
): FieldErrors {
  const out: FieldErrors = { fields: {}, general: [] };
  for (const d of details) {
    const msg = d.message?.[locale] ?? d.message?.['zh-CN'] ?? '';
    const field = d.pointer ? fieldOf(d.pointer) : null;
    if (field) (out.fields[field] ??= []).push(msg);
    else out.general.push(msg);
  }
  return out;
}
