// A stored draft as the studio API shows it: the list's summary (id, title and version read from plugin.json as it
// stands, falling back to what the draft was made for while plugin.json is half written) and the whole draft.
import type { LocalText } from '../errors';
import type { StudioDraftOrigin } from '../store/schema';
import type { StudioDraftRow } from '../store/studio-drafts-store';
import { draftManifest } from './draft-files';

export interface DraftSummary {
  id: string;
  plugin: string;
  title: LocalText;
  baseVersion: string | null;
  version: string;
  origin: StudioDraftOrigin;
  revision: number;
  updatedAt: string;
  /** The user name of the admin who started the draft. */
  createdBy: string;
}

export interface Draft extends DraftSummary {
  files: Record<string, string>;
}

export function draftSummary(row: StudioDraftRow): DraftSummary {
  const m = draftManifest(row.files);
  return {
    id: row.id,
    plugin: m.id ?? row.pluginId,
    title: m.title ?? { 'zh-CN': row.pluginId, en: row.pluginId },
    baseVersion: row.baseVersion,
    version: m.version ?? '',
    origin: row.origin,
    revision: row.revision,
    updatedAt: row.updatedAt.toISOString(),
    createdBy: row.createdBy.username,
  };
}

export const draftView = (row: StudioDraftRow): Draft => ({ ...draftSummary(row), files: row.files });
