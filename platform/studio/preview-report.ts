// A report of a draft run over the records filed now (studio, issue 16): the admin sees what the template they are
// editing gives on real data before publishing it. The draft is built by the same loader as an install (dependencies
// from the running server) and the report runs through the report engine as any report does — the admin's scope,
// masks and row limit, read only. The built draft is kept per draft revision (DraftBuilds), so a run compiles the
// plugin once per saved change, never once per run.
import type { PlatformContext } from '../context';
import { requireAdmin, type Principal } from '../access/principal';
import { HezuoError } from '../errors';
import { memorySource } from '../packs/memory-source';
import { installedLoader } from '../plugins/loader';
import { readPluginFiles } from '../plugins/read-folder';
import type { PluginDefinition } from '../plugins/types';
import type { BuildResult } from '../plugins/build-plugin';
import { runReport } from '../reports/run-report';
import { logReportShown } from '../access/sensitive-log';
import { draftRow } from './drafts';

type Built = { plugin: PluginDefinition } | { error: HezuoError };

/** The last few drafts built, by id and revision: an admin editing one draft at a time rebuilds only after a save. */
export class DraftBuilds {
  private readonly built = new Map<string, Built>();
  constructor(private readonly capacity = 8) {}

  async get(ctx: PlatformContext, id: string, revision: number, files: Record<string, string>): Promise<PluginDefinition> {
    const key = `${id}@${revision}`;
    let b = this.built.get(key);
    if (!b) {
      b = await build(ctx, files);
      this.built.set(key, b);
      while (this.built.size > this.capacity) this.built.delete(this.built.keys().next().value!);
    }
    if ('error' in b) throw b.error;
    return b.plugin;
  }
}

async function build(ctx: PlatformContext, files: Record<string, string>): Promise<Built> {
  const read = await readPluginFiles(memorySource(new Map(Object.entries(files))));
  const result: BuildResult = read.errors.length ? { errors: read.errors } : installedLoader(ctx.registry).fromFiles(read.files);
  if (result.plugin) return { plugin: result.plugin };
  return { error: new HezuoError('PLUGIN_INVALID', result.errors) };
}

export async function previewDraftReport(
  ctx: PlatformContext,
  builds: DraftBuilds,
  principal: Principal,
  id: string,
  reportId: string,
  query: Record<string, unknown>,
  address: string | null,
) {
  requireAdmin(principal);
  const row = await draftRow(ctx.db, id);
  const plugin = await builds.get(ctx, id, row.revision, row.files);
  const { result, sensitive } = await runReport(ctx, principal, plugin, reportId, { ...query, format: 'json' });
  // Values shown in full are logged as from any report (who, which report, parameters).
  if (sensitive === 'full' && result.rows.length > 0)
    await logReportShown(ctx.db, principal, `${plugin.id}/${reportId} (studio draft)`, 'json', query, principal.scopePaths, address);
  return result;
}
