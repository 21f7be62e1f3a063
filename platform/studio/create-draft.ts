// Starting a draft: a blank plugin, a fork of an installed one under a new id, or an edit of an installed one
// (its next version). Committed with its audit event before the answer.
import { randomUUID } from 'node:crypto';
import type { PlatformContext } from '../context';
import type { Principal } from '../access/principal';
import { requireAdmin } from '../access/principal';
import { appendAudit } from '../audit/audit-log';
import { HezuoError, detail, type LocalText } from '../errors';
import type { StudioDraftOrigin } from '../store/schema';
import { getDraft, insertDraft } from '../store/studio-drafts-store';
import { blankPluginFiles } from './blank-template';
import { checkDraftFiles, type DraftFiles } from './draft-files';
import { draftView, type Draft } from './draft-view';
import { editedFiles, forkedFiles, installedSource } from './installed-files';

/** Title as the API takes it: English optional (the Chinese stands in for it, plugin.json needs both). */
export type TitleInput = { 'zh-CN': string; en?: string };

export type NewDraft =
  | { from: 'blank'; plugin: string; title: TitleInput }
  | { from: 'fork'; source: string; plugin: string; title: TitleInput; regions?: string[] }
  | { from: 'edit'; source: string };

/** plugin.json's id pattern (schemas/plugin.schema.json). */
const PLUGIN_ID = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;

const fullTitle = (t: TitleInput): LocalText => ({ 'zh-CN': t['zh-CN'].trim(), en: t.en?.trim() || t['zh-CN'].trim() });

/** A new plugin's id: well formed and not installed (any version, disabled ones included). */
export function checkNewPluginId(ctx: PlatformContext, id: string, pointer: string): void {
  if (id.length < 3 || id.length > 64 || !PLUGIN_ID.test(id))
    throw new HezuoError('STUDIO_PLUGIN_ID_INVALID', [
      detail(pointer, `插件编号不正确:${id}`, `Not a valid plugin id: ${id}`, { params: { pattern: PLUGIN_ID.source } }),
    ]);
  if (ctx.registry.find(id) || ctx.registry.installedVersions(id).length)
    throw new HezuoError('STUDIO_PLUGIN_EXISTS', [
      detail(pointer, `已安装插件 ${id}`, `Plugin ${id} is installed`, { params: { plugin: id } }),
    ]);
}

function startingPoint(
  ctx: PlatformContext,
  body: NewDraft,
): { pluginId: string; baseVersion: string | null; origin: StudioDraftOrigin; files: DraftFiles } {
  if (body.from === 'blank') {
    checkNewPluginId(ctx, body.plugin, '/plugin');
    return {
      pluginId: body.plugin,
      baseVersion: null,
      origin: { kind: 'blank' },
      files: blankPluginFiles(body.plugin, fullTitle(body.title)),
    };
  }
  const source = installedSource(ctx.registry, body.source);
  const from = { plugin: source.id, version: source.version };
  if (body.from === 'fork') {
    checkNewPluginId(ctx, body.plugin, '/plugin');
    return {
      pluginId: body.plugin,
      baseVersion: null,
      origin: { kind: 'fork', from },
      files: forkedFiles(source, body.plugin, fullTitle(body.title), body.regions),
    };
  }
  return {
    pluginId: source.id,
    baseVersion: source.version,
    origin: { kind: 'edit', from },
    files: editedFiles(source, ctx.registry.installedVersions(source.id)),
  };
}

export async function createDraft(ctx: PlatformContext, principal: Principal, body: NewDraft, address: string | null): Promise<Draft> {
  requireAdmin(principal);
  const start = startingPoint(ctx, body);
  // A bundled plugin is far inside the limits; checked anyway so no draft is ever stored that could not be saved.
  checkDraftFiles(start.files);
  const id = randomUUID();
  return ctx.db.transaction().execute(async (tx) => {
    await insertDraft(tx, { id, ...start, createdBy: principal.user.id, now: ctx.clock.now() });
    await appendAudit(tx, {
      actor: principal,
      action: 'studio.draft.create',
      target: { type: 'studio_draft', id },
      details: { plugin: start.pluginId, origin: start.origin, ...(start.baseVersion ? { baseVersion: start.baseVersion } : {}) },
      address,
      orgPaths: [],
    });
    return draftView((await getDraft(tx, id))!);
  });
}
