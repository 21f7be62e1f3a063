// The HTTP API client: bearer token from the login kept in localStorage; refusals become ApiError.
import type { LocalText } from './i18n';

const TOKEN_KEY = 'hezuo.token';

export interface ErrorDetail { pointer: string; message: LocalText; keyword?: string }

export class ApiError extends Error {
  constructor(public status: number, public code: string, public text: LocalText, public details: ErrorDetail[]) {
    super(text.en);
  }
}

export const getToken = () => localStorage.getItem(TOKEN_KEY);
export const setToken = (t: string | null) => (t ? localStorage.setItem(TOKEN_KEY, t) : localStorage.removeItem(TOKEN_KEY));

export async function api<T = any>(method: string, url: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = {};
  const token = getToken();
  if (token) headers.authorization = `Bearer ${token}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  const json = text ? JSON.parse(text) : null;
  if (!res.ok) {
    const e = json?.error ?? {};
    throw new ApiError(res.status, e.code ?? 'HTTP_' + res.status, e.message ?? { 'zh-CN': `请求失败(${res.status})`, en: `Request failed (${res.status})` }, e.details ?? []);
  }
  return json as T;
}
