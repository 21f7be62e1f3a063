// The HTTP API client. The only credential in the browser is the HttpOnly session cookie the login sets, sent by
// fetch and XMLHttpRequest on same-origin requests by default: no script can read it, so an injected script cannot
// carry the session away. Refusals become ApiError.
import type { LocalText } from './i18n';

export interface ErrorDetail {
  pointer: string;
  message: LocalText;
  keyword?: string;
}

export class ApiError extends Error {
  constructor(
    public status: number,
    public code: string,
    public text: LocalText,
    public details: ErrorDetail[],
  ) {
    super(text.en);
  }
}

/** What a request that never reached the server says (fetch's own "TypeError: Failed to fetch" tells an officer nothing). */
export const NETWORK_ERROR: LocalText = {
  'zh-CN': '无法连接服务器,本次操作未提交。请检查网络后重试。',
  en: 'Cannot reach the server; nothing was sent. Check the network and try again.',
};

const reached = new Set<() => void>();
/**
 * Called after each request the server answered (any status): the connection is back, so drafts kept offline can be
 * sent (record/outbox.ts). Returns the unsubscribe function.
 */
export function onServerReached(fn: () => void): () => void {
  reached.add(fn);
  return () => reached.delete(fn);
}

export async function api<T = any>(method: string, url: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = {};
  if (body !== undefined) headers['content-type'] = 'application/json';
  let res: Response;
  let text: string;
  try {
    res = await fetch(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    text = await res.text();
  } catch {
    throw new ApiError(0, 'NETWORK', NETWORK_ERROR, []);
  }
  for (const fn of reached) setTimeout(fn, 0);
  let json: any = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    // Not JSON: a proxy's or gateway's page. Refused answers still get their status; a 2xx without JSON is a fault.
    if (res.ok)
      throw new ApiError(res.status, 'NOT_JSON', { 'zh-CN': '服务器的答复无法读取', en: "The server's answer cannot be read" }, []);
  }
  if (!res.ok) throw apiErrorOf(res.status, json, { 'zh-CN': `请求失败(${res.status})`, en: `Request failed (${res.status})` });
  return json as T;
}

/** The ApiError of a refused response's body (`{error: {code, message, details}}`), or `fallback` when it has none. */
export function apiErrorOf(status: number, json: any, fallback: LocalText): ApiError {
  const e = json?.error ?? {};
  return new ApiError(status, e.code ?? `HTTP_${status}`, e.message ?? fallback, e.details ?? []);
}

/**
 * POSTs a multipart form with upload progress (XMLHttpRequest: fetch reports none); resolves with the JSON of a 2xx
 * answer, rejects with the ApiError of any other.
 */
export function postMultipart<T>(url: string, body: FormData, onProgress: (fraction: number) => void): Promise<T> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(e.loaded / e.total);
    };
    xhr.onload = () => {
      let json: any = null;
      try {
        json = JSON.parse(xhr.responseText);
      } catch {
        /* not JSON: a proxy's page */
      }
      if (xhr.status >= 200 && xhr.status < 300 && json) resolve(json as T);
      else reject(apiErrorOf(xhr.status, json, { 'zh-CN': `上传失败(${xhr.status})`, en: `Upload failed (${xhr.status})` }));
    };
    xhr.onerror = () => reject(new ApiError(0, 'NETWORK', NETWORK_ERROR, []));
    xhr.send(body);
  });
}
