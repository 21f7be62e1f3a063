// Talking to /api/attachments: an upload with progress and the
// names and sizes of attachments already in a record, remembered for the page's lifetime.
import { api, postMultipart } from '../api';
import { downloadFile } from '../download';

export interface AttachmentMeta {
  id: string;
  name: string;
  size: number;
  type: string;
}

const known = new Map<string, AttachmentMeta>();

export async function uploadAttachment(
  target: { plugin: string; form: string; field: string; orgUnitId?: string | null },
  file: File,
  onProgress: (fraction: number) => void,
): Promise<AttachmentMeta> {
  const body = new FormData();
  // The fields come before the file: the server checks the field's limits before it reads the bytes.
  body.append('plugin', target.plugin);
  body.append('form', target.form);
  body.append('field', target.field);
  if (target.orgUnitId) body.append('orgUnitId', target.orgUnitId);
  body.append('file', file, file.name);
  const meta = await postMultipart<AttachmentMeta>('/api/attachments', body, onProgress);
  known.set(meta.id, meta);
  return meta;
}

/** Names and sizes of the given attachments (those the user may see); cached. */
export async function attachmentMetas(ids: string[]): Promise<Map<string, AttachmentMeta>> {
  const missing = ids.filter((id) => !known.has(id));
  if (missing.length) {
    const r = await api<{ attachments: AttachmentMeta[] }>('GET', `/api/attachments?ids=${missing.map(encodeURIComponent).join(',')}`);
    for (const m of r.attachments) known.set(m.id, m);
  }
  return new Map(ids.filter((id) => known.has(id)).map((id) => [id, known.get(id)!]));
}

export const downloadUrl = (id: string) => `/api/attachments/${encodeURIComponent(id)}`;

/**
 * Downloads with the bearer token: the link's plain href works with the session cookie alone, but a cookie may be
 * missing (blocked, or expired before the session), so a click fetches the file and saves it from memory.
 */
export const downloadAttachment = (id: string, name: string): Promise<void> => downloadFile(downloadUrl(id), name);
