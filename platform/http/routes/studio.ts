// The plugin studio's server side (issue 16): drafts of a plugin's files kept in the database, checked through the
// pack dry run, published through the pack install, exported as a pack. Admin only; every change committed with
// its audit event before the answer (platform/studio).
import type { FastifyInstance } from 'fastify';
import type { PlatformContext } from '../../context';
import { PACK_LIMITS } from '../../packs/pack-format';
import { checkDraft } from '../../studio/check-draft';
import { DraftBuilds, previewDraftReport } from '../../studio/preview-report';
import { previewPublish } from '../../studio/preview-publish';
import { dryRunReport } from '../schemas/packs';
import { reportResult } from '../schemas/reports';
import { createDraft, type NewDraft } from '../../studio/create-draft';
import { deleteStudioDraft, listStudioDrafts, readDraft, saveDraft } from '../../studio/drafts';
import { exportDraft, publishDraft } from '../../studio/publish-draft';
import { contentDisposition } from './attachments';
import { SECURED, binary, responses } from '../schemas/common';
import {
  checkBody,
  deletedDraft,
  draft,
  draftCheck,
  draftList,
  draftParams,
  draftReportBody,
  draftReportParams,
  newDraftBody,
  published,
  publishBody,
  revisionQuery,
  saveDraftBody,
} from '../schemas/studio';

const common = { tags: ['studio'], security: SECURED };
const idOf = (req: { params: unknown }) => (req.params as { id: string }).id;

export function studioRoutes(app: FastifyInstance, ctx: PlatformContext) {
  // Drafts built for report previews, per revision: this server's, not a global.
  const builds = new DraftBuilds();
  app.get(
    '/api/studio/drafts',
    {
      schema: {
        ...common,
        operationId: 'listStudioDrafts',
        response: responses({ 200: draftList }, [401, 403]),
        summary: 'The plugin drafts of the studio (admin), most recently changed first',
      },
    },
    async (req) => listStudioDrafts(ctx, req.principal),
  );

  app.post(
    '/api/studio/drafts',
    {
      schema: {
        ...common,
        operationId: 'createStudioDraft',
        body: newDraftBody,
        response: responses({ 201: draft }, [400, 401, 403, 409, 422]),
        summary:
          'Start a draft (admin): from a blank plugin, a fork of an installed plugin under a new id, title and regions, or an edit of an installed plugin (its next patch version). STUDIO_PLUGIN_EXISTS when a new id is installed, STUDIO_SOURCE_UNKNOWN when the source is not',
      },
    },
    async (req, reply) => {
      reply.code(201);
      return createDraft(ctx, req.principal, req.body as NewDraft, req.ip);
    },
  );

  app.get(
    '/api/studio/drafts/:id',
    {
      schema: {
        ...common,
        operationId: 'getStudioDraft',
        params: draftParams,
        response: responses({ 200: draft }, [400, 401, 403, 404]),
        summary: 'A draft with its files (admin)',
      },
    },
    async (req) => readDraft(ctx, req.principal, idOf(req)),
  );

  app.put(
    '/api/studio/drafts/:id',
    {
      schema: {
        ...common,
        operationId: 'saveStudioDraft',
        params: draftParams,
        body: saveDraftBody,
        response: responses({ 200: draft }, [400, 401, 403, 404, 409, 413, 422]),
        summary:
          'Save all files of a draft (admin) at the revision it was loaded at; the answer has the next revision. STALE_REVISION when another save came first, STUDIO_FILES_INVALID for a path out of the plugin or files past the pack limits; nothing changes then',
      },
      // A plugin may hold PACK_LIMITS.totalBytes of files; JSON escaping of quotes and newlines adds to that.
      bodyLimit: PACK_LIMITS.inflatedBytes,
    },
    async (req) => saveDraft(ctx, req.principal, idOf(req), req.body as { revision: number; files: Record<string, string> }, req.ip),
  );

  app.post(
    '/api/studio/drafts/:id/check',
    {
      schema: {
        ...common,
        operationId: 'checkStudioDraft',
        params: draftParams,
        body: checkBody,
        response: responses({ 200: draftCheck }, [400, 401, 403, 404]),
        summary:
          "Check a draft (admin) as a pack dry run would, changing nothing: the loader's errors with file and pointer, and each fixture case with its differences",
      },
    },
    async (req) => checkDraft(ctx, req.principal, idOf(req)),
  );

  app.post(
    '/api/studio/drafts/:id/reports/:report/run',
    {
      schema: {
        ...common,
        operationId: 'previewStudioDraftReport',
        params: draftReportParams,
        body: draftReportBody,
        response: responses({ 200: reportResult }, [400, 401, 403, 404, 422]),
        summary:
          "Run a report of a draft (admin) over the records filed now, read only, as the report route runs an installed one (JSON only). PLUGIN_INVALID with the loader's errors when the saved draft does not build",
      },
    },
    async (req) => {
      const { id, report } = req.params as { id: string; report: string };
      const query = (req.body as { query?: Record<string, unknown> }).query ?? {};
      return previewDraftReport(ctx, builds, req.principal, id, report, query, req.ip);
    },
  );

  app.post(
    '/api/studio/drafts/:id/publish-preview',
    {
      schema: {
        ...common,
        operationId: 'previewStudioDraftPublish',
        params: draftParams,
        body: checkBody,
        response: responses({ 200: dryRunReport }, [400, 401, 403, 404, 422]),
        summary:
          "What publishing the draft (as saved) would do (admin), changing nothing: the pack dry run's report — outcome, fixtures, the diff against the installed version and the impact on its open records. PLUGIN_INVALID when plugin.json lacks id, version or platform",
      },
    },
    async (req) => previewPublish(ctx, req.principal, idOf(req)),
  );

  app.post(
    '/api/studio/drafts/:id/publish',
    {
      schema: {
        ...common,
        operationId: 'publishStudioDraft',
        params: draftParams,
        body: publishBody,
        response: responses({ 200: published }, [400, 401, 403, 404, 409, 422]),
        summary:
          "Publish a draft (admin): its pack installed as an uploaded one is (live at once, no restart), audited as plugin.publish. Refused with the dry run's code (PLUGIN_INVALID, PLUGIN_VERSION_CONFLICT …) or PACK_FIXTURES_FAILED without overrideFixtures; STALE_REVISION when the draft changed; nothing changes then",
      },
    },
    async (req) => publishDraft(ctx, req.principal, idOf(req), req.body as { revision: number; overrideFixtures?: string }, req.ip),
  );

  app.get(
    '/api/studio/drafts/:id/export',
    {
      schema: {
        ...common,
        operationId: 'exportStudioDraft',
        params: draftParams,
        response: responses(
          { 200: binary('The draft as an unsigned pack (.hzpack)', 'application/octet-stream') },
          [400, 401, 403, 404, 422],
        ),
        summary: 'The draft as a pack file (admin), named <plugin>-<version>.hzpack; refused as the pack dry run would refuse it',
      },
    },
    async (req, reply) => {
      const out = await exportDraft(ctx, req.principal, idOf(req));
      reply.type('application/octet-stream');
      reply.header('content-disposition', contentDisposition(out.fileName));
      reply.header('cache-control', 'private, no-store');
      return reply.send(out.bytes);
    },
  );

  app.delete(
    '/api/studio/drafts/:id',
    {
      schema: {
        ...common,
        operationId: 'deleteStudioDraft',
        params: draftParams,
        querystring: revisionQuery,
        response: responses({ 200: deletedDraft }, [400, 401, 403, 404, 409]),
        summary: 'Delete a draft (admin) at the revision it was loaded at (?revision=N); STALE_REVISION when it changed since',
      },
    },
    async (req) => {
      await deleteStudioDraft(ctx, req.principal, idOf(req), (req.query as { revision: number }).revision, req.ip);
      return { id: idOf(req), deleted: true };
    },
  );
}
