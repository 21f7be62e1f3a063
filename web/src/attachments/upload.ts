// Talking to /api/attachments: an upload with progress (XMLHttpRequest: fetch reports no upload progress) and the
// names and sizes of attachments already in a record, remembered for the page's lifetime.
import { ApiError, api, getToken } from '../api';
import { downloadFile } from '../download';

export interface AttachmentMeta { id: string; name: string; size: number; type: string }

const known = new Map<string, AttachmentMeta>();

export function uploadAttachment(target: { plugin: string; form: string; field: string; orgUnitId?: string | null }, file: File,
  onProgress: (fraction: number) => void): Promise<AttachmentMeta> {
  return new Promise((resolve, reject) => {
    const body = new FormData();
    // The fields come before the file: the server checks the field's limits before it reads the bytes.
    body.append('plugin', target.plugin);
    body.append('form', target.form);
    body.append('field', target.field);
    if (target.orgUnitId) body.append('orgUnitId', target.orgUnitId);
    body.append('file', file, file.name);
    const xhr = new XMLHttpRequest();
    xhr.open('POST', '/api/attachments');
    const token = getToken();
    if (token) xhr.setRequestHeader('authorization', `Bearer ${token}`);
    xhr.upload.onprogress = (e) => { if (e.lengthComputable) onProgress(e.loaded / e.total); };
    xhr.onload = () => {
      let json: any = null;
      try { json = JSON.parse(xhr.responseText); } catch { /* not JSON: a proxy's page */ }
      if (xhr.status === 201 && json) {
        known.set(json.id, json);
        resolve(json);
      } else {
        const e = json?.error ?? {};
        reject(new ApiError(xhr.status, e.code ?? `HTTP_${xhr.status}`, e.message ?? { 'zh-CN': `上传失败(${xhr.status})`, en: `Upload failed (${xhr.status})` }, e.details ?? []));
      }
    };
    xhr.onerror = () => reject(new ApiError(0, 'NETWORK', { 'zh-CN': '网络错误，上传失败', en: 'Network error; the upload failed' }, []));
    xhr.send(body);
  });
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
