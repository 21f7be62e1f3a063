// The data tables of the record lists over HTTP (issue 15): the fields a list may show as columns, "导出全部" of
// the filtered records, and the caller's saved views. The engine decides; this only translates.
import type { FastifyInstance } from 'fastify';
import type { PlatformContext } from '../../context';
import type { Locale } from '../../errors';
import { SECURED, binary, pluginFormParams, responses } from '../schemas/common';
import { XLSX } from '../schemas/reports';
import { deletedView, exportQuery, formColumnList, saveViewBody, savedView, savedViewList, savedViewParam } from '../schemas/data-tables';
import { formColumns } from '../../records/form-columns';
import { exportRecords, type ExportFormat } from '../../records/export-records';
import { parseQueueFilter } from '../../records/record-query';
import { deleteMyView, mySavedViews, saveMyView, type ViewFilter } from '../../records/saved-views';

const str = (v: unknown) => (typeof v === 'string' && v !== '' ? v : undefined);

export function dataTableRoutes(app: FastifyInstance, ctx: PlatformContext) {
  app.get(
    '/api/plugins/:plugin/forms/:form/columns',
    {
      schema: {
        tags: ['records'],
        security: SECURED,
        operationId: 'listFormColumns',
        params: pluginFormParams,
        response: responses({ 200: formColumnList }, [400, 401, 404]),
        summary: "The fields of a form a list may show as columns (the column picker's choices) and an export writes",
      },
    },
    async (req) => {
      const { plugin, form } = req.params as { plugin: string; form: string };
      const found = ctx.registry.form(plugin, form);
      return { columns: formColumns(found.plugin, found.form) };
    },
  );

  app.get(
    '/api/records/export',
    {
      schema: {
        tags: ['records'],
        security: SECURED,
        operationId: 'exportRecords',
        querystring: exportQuery,
        response: responses({ 200: binary('Every matching record, one row each', XLSX, 'text/csv') }, [400, 401, 404, 422]),
        summary:
          "导出全部: every record the list's filter matches (not only a page) in the user's units, with every field of the form (titles as headers; 是/否, option labels, state names, numbers), the attachments' file names, as .xlsx or .csv (UTF-8 with BOM); streamed. Query: the list's filters and sort, plugin and form (required), format, lang",
      },
    },
    async (req, reply) => {
      const q = req.query as Record<string, unknown>;
      const out = await exportRecords(
        ctx,
        req.principal,
        {
          plugin: str(q.plugin),
          form: str(q.form),
          period: str(q.period),
          state: str(q.state),
          orgUnitId: str(q.orgUnitId),
          format: q.format as ExportFormat | undefined,
          lang: q.lang as Locale | undefined,
          ...parseQueueFilter(q),
        },
        req.ip,
      );
      reply.type(out.contentType);
      const ascii = out.fileName.replace(/[^\x20-\x7e]/g, '_').replace(/"/g, '');
      reply.header('content-disposition', `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(out.fileName)}`);
      return reply.send(out.body);
    },
  );

  app.get(
    '/api/me/saved-views',
    {
      schema: {
        tags: ['me'],
        security: SECURED,
        operationId: 'mySavedViews',
        response: responses({ 200: savedViewList }, [401]),
        summary: "The caller's saved list views (name and filter), by name; never another user's",
      },
    },
    async (req) => mySavedViews(ctx, req.principal),
  );

  app.post(
    '/api/me/saved-views',
    {
      schema: {
        tags: ['me'],
        security: SECURED,
        operationId: 'saveView',
        body: saveViewBody,
        response: responses({ 200: { ...savedView, description: 'Replaced the view of that name' }, 201: savedView }, [400, 401, 422]),
        summary:
          'Save a list view {name, filter}: checked as GET /api/records checks its query (unknown column: 400 COLUMN_UNKNOWN at /filter/columns); a view of the same name is replaced',
      },
    },
    async (req, reply) => {
      const { view, created } = await saveMyView(ctx, req.principal, req.body as { name: string; filter: ViewFilter });
      reply.status(created ? 201 : 200);
      return view;
    },
  );

  app.delete(
    '/api/me/saved-views/:id',
    {
      schema: {
        tags: ['me'],
        security: SECURED,
        operationId: 'deleteSavedView',
        params: savedViewParam,
        response: responses({ 200: deletedView }, [400, 401, 404]),
        summary: "Delete one of the caller's saved views; another user's is 404 SAVED_VIEW_NOT_FOUND and stays",
      },
    },
    async (req) => deleteMyView(ctx, req.principal, (req.params as { id: string }).id),
  );
}
