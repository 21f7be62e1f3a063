// The import template of a form as an .xlsx (with its 填表说明 sheet) or a .csv: headers from field titles with their
// units, an example row, code columns as text. It holds no records, so any signed-in user may download it.
import type { FastifyInstance } from 'fastify';
import type { PlatformContext } from '../../context';
import type { Locale } from '../../errors';
import { SECURED, binary, pluginFormParams, responses } from '../schemas/common';
import { XLSX } from '../schemas/reports';
import { importTemplate, type TemplateFormat } from '../../imports/import-template';

const templateQuery = {
  type: 'object',
  properties: {
    format: { type: 'string', enum: ['xlsx', 'csv'], default: 'xlsx', description: 'xlsx (default, with the instructions sheet) or csv' },
    lang: { type: 'string', enum: ['zh-CN', 'en'], description: "Language of titles and instructions; default the user's" },
  },
  additionalProperties: false,
} as const;

export function importTemplateRoutes(app: FastifyInstance, ctx: PlatformContext) {
  app.get(
    '/api/plugins/:plugin/forms/:form/import-template',
    {
      schema: {
        tags: ['imports'],
        security: SECURED,
        operationId: 'getImportTemplate',
        params: pluginFormParams,
        querystring: templateQuery,
        response: responses({ 200: binary('The import template', XLSX, 'text/csv') }, [400, 401, 404]),
        summary:
          "A form's import template: title line, headers from field titles with their units, an example row, code columns as text; the .xlsx adds a 填表说明 sheet (each column's meaning, format, required, allowed values)",
      },
    },
    async (req, reply) => {
      const { plugin, form } = req.params as { plugin: string; form: string };
      const q = (req.query ?? {}) as { format?: TemplateFormat; lang?: Locale };
      const found = ctx.registry.form(plugin, form);
      const locale: Locale = q.lang ?? (req.principal.user.locale === 'en' ? 'en' : 'zh-CN');
      const t = await importTemplate(found.plugin, found.form, q.format ?? 'xlsx', locale);
      reply.type(t.contentType);
      reply.header(
        'content-disposition',
        `attachment; filename="import-template.${q.format ?? 'xlsx'}"; filename*=UTF-8''${encodeURIComponent(t.fileName)}`,
      );
      return reply.send(t.bytes);
    },
  );
}
