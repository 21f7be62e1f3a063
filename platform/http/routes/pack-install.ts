// Routes that change which plugins a running server has: install a pack (same upload as the dry run), roll back,
// uninstall, enable, and the history of all of them. Admin only. Each commits before it answers; the live
// registry follows after commit (platform/packs/install-pack.ts, plugin-lifecycle.ts).
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { PlatformContext } from '../../context';
import { requireAdmin } from '../../access/principal';
import { installPack } from '../../packs/install-pack';
import { enablePlugin, rollbackPlugin, uninstallPlugin } from '../../packs/plugin-lifecycle';
import { packHistory } from '../../packs/pack-history';
import { PACK_LIMITS } from '../../packs/pack-format';
import { SECURED, responses } from '../schemas/common';
import { packUpload } from '../schemas/packs';
import {
  historyQuery,
  installQuery,
  installResult,
  lifecycleResult,
  packHistory as packHistorySchema,
  pluginBody,
} from '../schemas/pack-install';
import { docsOnly } from '../validation';
import { optionsFromFields } from '../../packs/dry-run-options';

type InstallQuery = { moveOpenRecords?: boolean; overrideFixtures?: string };

/** Registered inside the pack routes' scope, which parses the upload; `uploadOf` reads it (bytes and fields). */
export function packInstallRoutes(
  scope: FastifyInstance,
  ctx: PlatformContext,
  uploadOf: (req: FastifyRequest) => Promise<{ bytes: Buffer; fields: ReadonlyMap<string, string> }>,
) {
  scope.post(
    '/api/packs',
    {
      schema: {
        tags: ['packs'],
        security: SECURED,
        operationId: 'installPack',
        consumes: ['application/octet-stream', 'multipart/form-data'],
        querystring: installQuery,
        body: docsOnly(packUpload),
        response: responses({ 200: installResult }, [400, 401, 403, 409, 413, 422]),
        summary:
          'Install a pack (admin): the dry run again, then in one transaction the version stored and made active (live at once, no restart), open records moved if asked, the audit event. Refused with the dry run’s code (PACK_TAMPERED, PLUGIN_VERSION_CONFLICT, PLUGIN_INVALID …) or PACK_FIXTURES_FAILED; nothing changes then',
      },
      bodyLimit: PACK_LIMITS.packBytes + 1024 * 1024,
    },
    async (req) => {
      requireAdmin(req.principal);
      const { bytes, fields } = await uploadOf(req);
      const q = req.query as InstallQuery;
      // Beside the file, the multipart fields of the dry run: bindings (JSON object) and override (JSON { reason }).
      const o = optionsFromFields(fields);
      const reason = q.overrideFixtures ?? (o.override as { reason?: unknown } | undefined)?.reason;
      return installPack(ctx, req.principal, bytes, {
        moveOpenRecords: q.moveOpenRecords === true,
        ...(typeof reason === 'string' && reason.trim() ? { overrideFixtures: reason } : {}),
        bindings: o.bindings,
        address: req.ip,
      });
    },
  );

  const lifecycle = (url: string, operationId: string, summary: string, run: typeof rollbackPlugin) =>
    scope.post(
      url,
      {
        schema: {
          tags: ['packs'],
          security: SECURED,
          operationId,
          body: pluginBody,
          response: responses({ 200: lifecycleResult }, [400, 401, 403, 404, 409]),
          summary,
        },
      },
      async (req) => {
        requireAdmin(req.principal);
        return run(ctx, req.principal, (req.body as { plugin: string }).plugin, req.ip);
      },
    );
  lifecycle(
    '/api/packs/rollback',
    'rollbackPlugin',
    'Roll back a plugin (admin): the version active before the last install becomes active again; records keep their version. PLUGIN_NO_PREVIOUS_VERSION when there is none',
    rollbackPlugin,
  );
  lifecycle(
    '/api/packs/uninstall',
    'uninstallPlugin',
    'Uninstall a plugin (admin): its forms take no new records (PLUGIN_DISABLED); records and lists stay readable; nothing is deleted',
    uninstallPlugin,
  );
  lifecycle('/api/packs/enable', 'enablePlugin', 'Enable an uninstalled plugin again (admin)', enablePlugin);

  scope.get(
    '/api/packs/history',
    {
      schema: {
        tags: ['packs'],
        security: SECURED,
        operationId: 'packHistory',
        querystring: historyQuery,
        response: responses({ 200: packHistorySchema }, [400, 401, 403]),
        summary:
          'Installs, upgrades, rollbacks, uninstalls and enables of plugins, newest first (admin): who, when, version, pack sha256, signature',
      },
    },
    async (req) => {
      requireAdmin(req.principal);
      return packHistory(ctx.db, req.query as { plugin?: string; limit?: number; offset?: number });
    },
  );
}
