// The packs page's requests and the dry-run report's shape (platform/http/schemas/packs.ts). The pack goes as the
// part "file" of multipart/form-data, beside the admin's parameter bindings, so the dry run and the install see the
// same values; the server checks everything again on install.
import { ApiError, NETWORK_ERROR, apiErrorOf } from '../../api';
import type { LocalText } from '../../i18n';

export interface Detail {
  pointer: string;
  file?: string;
  message: LocalText;
}

export interface ParameterBinding {
  name: string;
  schema: Record<string, unknown>;
  default: unknown;
  current: unknown;
  bound: unknown;
  source: 'binding' | 'current' | 'default';
}

export interface RecordImpact {
  id: string;
  form: string;
  state: string;
  subjectTitle: string | null;
  eligible?: { from: boolean; to: boolean };
  classes?: { id: string; from: unknown; to: unknown }[];
  score?: { from: number | null; to: number | null };
  blocking?: { from: string[]; to: string[] };
  invalid?: string[];
  other: boolean;
}

export interface ImpactPreview {
  from: string;
  to: string;
  totals: Record<
    'records' | 'changed' | 'unchanged' | 'eligibility' | 'class' | 'score' | 'blocking' | 'invalid' | 'formRemoved' | 'failed',
    number
  >;
  records: RecordImpact[];
  truncated: boolean;
}

export interface Report {
  outcome: 'ready' | 'blocked' | 'already-installed' | 'refused';
  plugin: { id: string; version: string } | null;
  signature: string | null;
  refusal: { code: string; message: LocalText; details: Detail[] } | null;
  fixtures: { passed: number; failed: number; failing: { suite: string; description: string; mismatches: string[] }[] } | null;
  installed: { active: string | null };
  change: string | null;
  diff: { breaking: boolean; forms: { added: string[]; removed: string[]; changed: { form: string; breaking: boolean }[] } } | null;
  parameters: ParameterBinding[];
  impact: ImpactPreview | null;
}

/** POSTs the pack as the part "file" with the bindings (name → value) as the part "bindings"; the JSON answer, or the ApiError of a refusal. */
export async function postPack<T>(url: string, file: File, bindings: Record<string, unknown> = {}): Promise<T> {
  const body = new FormData();
  body.append('file', file);
  if (Object.keys(bindings).length > 0) body.append('bindings', JSON.stringify(bindings));
  let res: Response;
  try {
    res = await fetch(url, { method: 'POST', body });
  } catch {
    throw new ApiError(0, 'NETWORK', NETWORK_ERROR, []);
  }
  const json = await res.json().catch(() => null);
  if (!res.ok) throw apiErrorOf(res.status, json, { 'zh-CN': `请求失败(${res.status})`, en: `Request failed (${res.status})` });
  return json as T;
}

/** The refusal's details under /bindings/<name>, by parameter name (pointer-unescaped). */
export function bindingErrors(details: Detail[]): Record<string, LocalText> {
  const out: Record<string, LocalText> = {};
  for (const d of details) {
    const m = /^\/bindings\/([^/]+)/.exec(d.pointer);
    if (m) out[m[1].replace(/~1/g, '/').replace(/~0/g, '~')] ??= d.message;
  }
  return out;
}
