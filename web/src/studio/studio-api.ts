// The studio's calls to the server (GET/POST/PUT/DELETE /api/studio/drafts…, admin only), typed by the client
// generated from the server's route schemas; every call goes through the app's fetch helper, so refusals arrive as
// ApiError (409 on a stale revision among them).
import { api, postMultipart } from '../api';
import { downloadFile } from '../download';
import type { Report } from '../pages/admin/pack-request';
import type {
  CheckStudioDraftResponse,
  CreateStudioDraftData,
  GetStudioDraftResponse,
  ImportStudioFolderResponse,
  ListStudioDraftsResponse,
  PreviewStudioDraftReportResponse,
  PublishStudioDraftResponse,
} from '../api-client';

export type DraftSummary = ListStudioDraftsResponse['drafts'][number];
export type Draft = GetStudioDraftResponse;
export type DraftFiles = Draft['files'];
export type NewDraft = CreateStudioDraftData['body'];
export type CheckResult = CheckStudioDraftResponse;
export type CheckError = CheckResult['errors'][number];
export type FixtureCase = NonNullable<CheckResult['fixtures']>['cases'][number];
export type Published = PublishStudioDraftResponse;
export type ReportPreview = PreviewStudioDraftReportResponse;

const base = '/api/studio/drafts';
const at = (id: string) => `${base}/${encodeURIComponent(id)}`;

export const listDrafts = () => api<{ drafts: DraftSummary[] }>('GET', base).then((r) => r.drafts);
export const createDraft = (body: NewDraft) => api<Draft>('POST', base, body);
export const getDraft = (id: string) => api<Draft>('GET', at(id));
export const saveDraft = (id: string, revision: number, files: DraftFiles) => api<Draft>('PUT', at(id), { revision, files });
export const checkDraft = (id: string) => api<CheckResult>('POST', `${at(id)}/check`, {});
export const publishDraft = (id: string, revision: number, overrideFixtures?: string) =>
  api<Published>('POST', `${at(id)}/publish`, overrideFixtures ? { revision, overrideFixtures } : { revision });
/** A report of the draft (as saved) over the records filed now. */
export const previewReport = (id: string, report: string, query: Record<string, string>) =>
  api<ReportPreview>('POST', `${at(id)}/reports/${encodeURIComponent(report)}/run`, { query });
/** The pack dry run of the draft as saved: outcome, fixtures, diff and impact on open records (the packs page's report). */
export const previewPublish = (id: string) => api<Report>('POST', `${at(id)}/publish-preview`, {});
export const deleteDraft = (id: string, revision: number) => api<unknown>('DELETE', `${at(id)}?revision=${revision}`);
export const exportDraft = (draft: DraftSummary) => downloadFile(`${at(draft.id)}/export`, `${draft.plugin}-${draft.version}.hzpack`);

export type Imported = ImportStudioFolderResponse;
/** A .hzpack as the part "file", as the pack page uploads one. */
export const importPack = (file: File) => {
  const body = new FormData();
  body.append('file', file);
  return postMultipart<Imported>(`${base}/import/pack`, body, () => {});
};
export const importFolder = (files: DraftFiles) => api<Imported>('POST', `${base}/import/folder`, { files });
