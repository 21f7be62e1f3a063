// Importing into the studio (admin): a pack file, uploaded as for the pack dry run (octet-stream or the multipart
// part "file", capped as it streams in), or a plugin folder's files as JSON. Registered inside the pack routes'
// scope, which parses the upload; 201 with the new draft, or a refusal that created nothing.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { PlatformContext } from '../../context';
import { requireAdmin } from '../../access/principal';
import { PACK_LIMITS } from '../../packs/pack-format';
import { importFolderDraft, importPackDraft } from '../../studio/import-draft';
import { SECURED, responses } from '../schemas/common';
import { packUpload } from '../schemas/packs';
import { importedDraft, importFolderBody } from '../schemas/studio';
import { docsOnly } from '../validation';

const common = { tags: ['studio'], security: SECURED };

export function studioImportRoutes(
  scope: FastifyInstance,
  ctx: PlatformContext,
  uploadOf: (req: FastifyRequest) => Promise<{ bytes: Buffer; fields: ReadonlyMap<string, string> }>,
) {
  scope.post(
    '/api/studio/drafts/import/pack',
    {
      schema: {
        ...common,
        operationId: 'importStudioPack',
        consumes: ['application/octet-stream', 'multipart/form-data'],
        body: docsOnly(packUpload),
        response: responses({ 201: importedDraft }, [400, 401, 403, 409, 413, 422]),
        summary:
          "Import a pack into the studio (admin): read as the dry run reads it (PACK_TOO_LARGE, PACK_INVALID, PACK_TAMPERED refuse it; the signature is reported), then a draft of the plugin's next version when its id is installed, else of a new plugin. PLUGIN_INVALID when a file does not parse; nothing is created then",
      },
      bodyLimit: PACK_LIMITS.packBytes + 1024 * 1024,
    },
    async (req, reply) => {
      requireAdmin(req.principal); // before the upload is read
      const { bytes } = await uploadOf(req);
      const out = await importPackDraft(ctx, req.principal, bytes, req.ip);
      reply.code(201);
      return out;
    },
  );

  scope.post(
    '/api/studio/drafts/import/folder',
    {
      schema: {
        ...common,
        operationId: 'importStudioFolder',
        body: importFolderBody,
        response: responses({ 201: importedDraft }, [400, 401, 403, 409, 413, 422]),
        summary:
          'Import a plugin folder into the studio (admin): its files (path → text) as a draft, as for a pack. STUDIO_FILES_INVALID for a path out of the folder or past the pack limits, PLUGIN_INVALID when plugin.json or a file it names is missing or does not parse (file and line); files plugin.json does not name are left out and listed. Nothing is created on a refusal',
      },
      bodyLimit: PACK_LIMITS.inflatedBytes,
    },
    async (req, reply) => {
      const out = await importFolderDraft(ctx, req.principal, (req.body as { files: Record<string, string> }).files, req.ip);
      reply.code(201);
      return out;
    },
  );
}
