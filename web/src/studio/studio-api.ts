// The studio's calls to the server (GET/POST/PUT/DELETE /api/studio/drafts…, admin only), typed by hand after the
// contract of the server branch until its generated client exists; every call goes through the app's fetch helper,
// so refusals arrive as ApiError (409 on a stale revision among them).
import { api } from '../api';
import { downloadFile } from '../download';
import type { LocalText } from '../i18n';

export interface DraftOrigin {
  kind: 'blank' | 'fork' | 'edit';
  from?: string;
}

export interface DraftSummary {
  id: string;
  plugin: string;
  title: { 'zh-CN': string; en?: string };
  baseVersion: string | null;
  version: string;
  origin: DraftOrigin;
  revision: number;
  updatedAt: string;
  createdBy: string;
}

export type DraftFiles = Record<string, string>;

export interface Draft extends DraftSummary {
  files: DraftFiles;
}

export type NewDraft =
  | { from: 'blank'; plugin: string; title: { 'zh-CN': string; en?: string } }
  | { from: 'fork'; source: string; plugin: string; title: { 'zh-CN': string; en?: string }; regions?: string[] }
  | { from: 'edit'; source: string };

export interface CheckError {
  code: string;
  pointer: string;
  message: LocalText;
  file?: string;
}

export interface FixtureCase {
  file: string;
  name: string;
  passed: boolean;
  differences: { pointer: string; expected: unknown; actual: unknown }[];
}

export interface CheckResult {
  ok: boolean;
  errors: CheckError[];
  fixtures: { cases: FixtureCase[]; passed: number; failed: number } | null;
}

export interface Published {
  plugin: string;
  version: string;
  installed: true;
}

const base = '/api/studio/drafts';
const at = (id: string) => `${base}/${encodeURIComponent(id)}`;

export const listDrafts = () => api<{ drafts: DraftSummary[] }>('GET', base).then((r) => r.drafts);
export const createDraft = (body: NewDraft) => api<Draft>('POST', base, body);
export const getDraft = (id: string) => api<Draft>('GET', at(id));
export const saveDraft = (id: string, revision: number, files: DraftFiles) => api<Draft>('PUT', at(id), { revision, files });
export const checkDraft = (id: string) => api<CheckResult>('POST', `${at(id)}/check`, {});
export const publishDraft = (id: string, revision: number, overrideFixtures?: string) =>
  api<Published>('POST', `${at(id)}/publish`, overrideFixtures ? { revision, overrideFixtures } : { revision });
export const deleteDraft = (id: string, revision: number) => api<unknown>('DELETE', `${at(id)}?revision=${revision}`);
export const exportDraft = (draft: DraftSummary) => downloadFile(`${at(draft.id)}/export`, `${draft.plugin}-${draft.version}.hzpack`);
