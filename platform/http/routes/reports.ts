// Reports of a plugin: the list with parameter declarations, and one run as JSON or as an .xlsx / .csv download.
import type { FastifyInstance } from 'fastify';
import { today, type PlatformContext } from '../../context';
import { effectiveParameters } from '../../parameters/parameter-service';
import { SECURED, pluginParam, pluginReportParams, responses } from '../schemas/common';
import { docsOnly } from '../validation';
import { XLSX, reportList, reportQuery, reportRunResponse } from '../schemas/reports';
import { describeReport, runReport } from '../../reports/run-report';
import { attachmentHeader, reportSheet } from '../../reports/report-sheet';
import { writeXlsx } from '../../spreadsheets/write-xlsx';
import { writeCsv } from '../../spreadsheets/write-csv';
import { appendAudit } from '../../audit/audit-log';
import { logReportShown } from '../../access/sensitive-log';

export function reportRoutes(app: FastifyInstance, ctx: PlatformContext) {
  app.get(
    '/api/plugins/:plugin/reports',
    {
      schema: {
        tags: ['reports'],
        security: SECURED,
        operationId: 'listReports',
        params: pluginParam,
        response: responses({ 200: reportList }, [400, 401, 404]),
        summary: 'Reports of a plugin, with the parameters each takes (period, orgUnitId and the declared ones)',
      },
    },
    async (req) => {
      const pl = ctx.registry.get((req.params as { plugin: string }).plugin);
      const defaults = { pluginParameters: (await effectiveParameters(ctx.db, pl)).values, today: today(ctx) };
      return { reports: [...pl.reports.values()].map((r) => describeReport(pl, r, defaults)) };
    },
  );

  app.get(
    '/api/plugins/:plugin/reports/:report',
    {
      schema: {
        tags: ['reports'],
        security: SECURED,
        operationId: 'runReport',
        params: pluginReportParams,
        querystring: docsOnly(reportQuery),
        response: responses({ 200: reportRunResponse }, [400, 401, 404, 422]),
        summary:
          'Run a report over the records the user may see. Query: period, orgUnitId, the declared parameters, lang (zh-CN|en), format (json|xlsx|csv)',
      },
    },
    async (req, reply) => {
      const p = req.principal;
      const { plugin, report } = req.params as { plugin: string; report: string };
      const pl = ctx.registry.get(plugin);
      const { result, format, sensitive } = await runReport(ctx, p, pl, report, (req.query ?? {}) as Record<string, unknown>);
      // Sensitive values shown in full: the access log names who, which report, which format and parameters.
      if (sensitive === 'full' && result.rows.length > 0) {
        await logReportShown(ctx.db, p, `${plugin}/${report}`, format, req.query, p.scopePaths, req.ip);
      }
      if (format === 'json') return result;
      // A download takes records out of the system: who, which report, with which parameters.
      await appendAudit(ctx.db, {
        actor: p,
        action: 'export.report',
        target: { type: 'report', id: `${plugin}/${report}` },
        details: { format, query: req.query ?? {} },
        address: req.ip,
      });
      const table = reportSheet(result, ctx.timeZone);
      reply.header('content-disposition', attachmentHeader(result, format));
      if (format === 'xlsx') {
        reply.type(XLSX);
        return reply.send(await writeXlsx(table));
      }
      reply.type('text/csv; charset=utf-8');
      return reply.send(writeCsv(table));
    },
  );
}
