// Who sees a form's sensitive fields in full, and what a record's values look like to someone who does not. The
// right follows the role model workflows use: the form names roles (and optionally the level) that see in full;
// those roles count at the record's unit or above. Admins of the unit or above always see in full: they grant the
// roles, so withholding from them would be no protection, and someone must be able to correct a wrong number.
import { holdsRole, type Principal } from './principal';
import { fieldAt, maskAt, maskText, sensitiveFieldsOf, type MaskStyle, type SensitiveField } from './mask-sensitive';
import { decodePointer } from '../plugins/schema-walk';
import type { FormManifest, OrgLevel, Role } from '../plugins/types';

/** A form's sensitive fields compiled once per form version. */
export interface SensitiveFields {
  fields: readonly SensitiveField[];
  /** The mask of the record's subject / subject title when the field they are read from is sensitive. */
  subject: MaskStyle | null;
  subjectTitle: MaskStyle | null;
  roles: readonly Role[];
  level: OrgLevel | null;
}

export const NO_SENSITIVE: SensitiveFields = Object.freeze({ fields: [], subject: null, subjectTitle: null, roles: [], level: null });

export function compileSensitive(manifest: FormManifest, schema: Record<string, unknown>): SensitiveFields {
  const fields = sensitiveFieldsOf(schema);
  if (fields.length === 0) return NO_SENSITIVE;
  const styleOf = (pointer?: string) => (pointer === undefined ? null : (fieldAt(fields, decodePointer(pointer))?.style ?? null));
  return Object.freeze({
    fields: Object.freeze(fields),
    subject: styleOf(manifest.subject),
    subjectTitle: styleOf(manifest.subjectTitle),
    roles: Object.freeze([...(manifest.sensitive?.roles ?? [])]),
    level: manifest.sensitive?.level ?? null,
  });
}

/** May the principal see the sensitive fields of this form's record at `orgPath` in full? */
export function seesInFull(p: Principal, s: SensitiveFields, orgPath: string): boolean {
  if (s.fields.length === 0) return true;
  return holdsRole(p, ['admin'], orgPath) || (s.roles.length > 0 && holdsRole(p, s.roles, orgPath, s.level ?? undefined));
}

/** The fields to mask for this principal at `orgPath`: none when they see in full. */
export function fieldsToMask(p: Principal, s: SensitiveFields | undefined, orgPath: string): readonly SensitiveField[] {
  return !s || seesInFull(p, s, orgPath) ? [] : s.fields;
}

/** A record's data, subject and subject title as this principal may see them. */
export function maskedRecord<T extends { data?: Record<string, unknown>; subject: string | null; subjectTitle: string | null }>(
  p: Principal,
  s: SensitiveFields | undefined,
  orgPath: string,
  view: T,
): T {
  if (!s || fieldsToMask(p, s, orgPath).length === 0) return view;
  return {
    ...view,
    ...(view.data ? { data: maskAt(s.fields, view.data) as Record<string, unknown> } : {}),
    subject: maskSubject(view.subject, s.subject),
    subjectTitle: maskSubject(view.subjectTitle, s.subjectTitle),
  };
}

/** A subject (or its title) masked when the field it is read from is sensitive. */
export const maskSubject = (v: string | null, style: MaskStyle | null | undefined): string | null =>
  style && v !== null ? (maskText(v, style) as string) : v;

/** True when the record has a value in some sensitive field (a full view of it is worth logging). */
export function hasSensitiveValue(s: SensitiveFields | undefined, data: unknown): boolean {
  if (!s || s.fields.length === 0) return false;
  const masked = maskAt(s.fields, data);
  return JSON.stringify(masked) !== JSON.stringify(data);
}
