// The browser's check of a chosen file against its field's x-attachment limits, before any byte is sent: the size,
// then the type the file claims and whether its first bytes agree (the server runs the same checks again).
import { bytesMatchType, claimedType, isAccepted, typeLabel } from '../../../platform/attachments/media-types';

export interface AttachmentSpec {
  accept?: string[];
  maxSize?: number;
  maxFiles?: number;
}

export type Refusal = { kind: 'size' } | { kind: 'type'; accepted: string };

/** The accepted types as people name them ("PDF, JPG, PNG"); empty when any type is accepted. */
export const acceptedLabel = (spec: AttachmentSpec) => (spec.accept ?? []).map(typeLabel).join(', ');

/** Why the file may not be uploaded to this field, or null when it may. */
export async function refusalOf(file: File, spec: AttachmentSpec): Promise<Refusal | null> {
  if (spec.maxSize !== undefined && file.size > spec.maxSize) return { kind: 'size' };
  const type = claimedType(file.type, file.name) ?? '';
  const head = new Uint8Array(await file.slice(0, 16).arrayBuffer());
  if (!isAccepted(type, spec.accept) || !bytesMatchType(head, type)) return { kind: 'type', accepted: acceptedLabel(spec) };
  return null;
}
