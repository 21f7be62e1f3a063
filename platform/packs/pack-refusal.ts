// A pack refused: the catalogue code for the whole refusal and the details (pointer into the pack's JSON, the
// plugin file when there is one, a sub-code tests and tools can rely on). Never a text of the pack is quoted.
import { detail, type ErrorCode, type ErrorDetail } from '../errors';

export type PackErrorCode = Extract<
  ErrorCode,
  'PACK_INVALID' | 'PACK_TOO_LARGE' | 'PACK_TAMPERED' | 'PLUGIN_INVALID' | 'PLUGIN_INCOMPATIBLE'
>;

export interface PackRefusal {
  code: PackErrorCode;
  errors: ErrorDetail[];
}

export function refusal(code: PackErrorCode, ...errors: ErrorDetail[]): PackRefusal {
  return { code, errors };
}

/** One detail: `sub` is the stable sub-code (PATH_UNSAFE, HASH_MISMATCH, …). */
export function packDetail(sub: string, pointer: string, zh: string, en: string, file?: string): ErrorDetail {
  return detail(pointer, zh, en, { code: sub, ...(file ? { file } : {}) });
}
