// Reports of a plugin: the list with parameter declarations, and one run as JSON or as an .xlsx / .csv download.
import type { FastifyInstance } from 'fastify';
import type { PlatformContext } from '../../context';
import { principalFor } from '../session';
import { describeReport, runReport } from '../../reports/run-report';
import { attachmentHeader, reportSheet } from '../../reports/report-sheet';
import { writeXlsx } from '../../spreadsheets/write-xlsx';
import { writeCsv } from '../../spreadsheets/write-csv';
import { appendAudit } from '../../audit/audit-log';

const params = {
  type: 'object',
  properties: { plugin: { type: 'string', maxLength: 64 }, report: { type: 'string', maxLength: 64 } },
  required: ['plugin'],
} as const;

export function reportRoutes(app: FastifyInstance, ctx: PlatformContext) {
  app.get('/api/plugins/:plugin/reports', {
    schema: { tags: ['reports'], summary: 'Reports of a plugin, with the parameters each takes (period, orgUnitId and the declared ones)', params },
  }, async (req) => {
    await principalFor(ctx, req);
    const pl = ctx.registry.get((req.params as { plugin: string }).plugin);
    return { reports: [...pl.reports.values()].map((r) => describeReport(pl, r)) };
  });

  app.get('/api/plugins/:plugin/reports/:report', {
    schema: {
      tags: ['reports'],
      summary: 'Run a report over the records the user may see. Query: period, orgUnitId, the declared parameters, lang (zh-CN|en), format (json|xlsx|csv)',
      params,
    },
  }, async (req, reply) => {
    const p = await principalFor(ctx, req);
    const { plugin, report } = req.params as { plugin: string; report: string };
    const pl = ctx.registry.get(plugin);
    const { result, format } = await runReport(ctx, p, pl, report, (req.query ?? {}) as Record<string, unknown>);
    if (format === 'json') return result;
    // A download takes records out of the system: who, which report, with which parameters.
    await appendAudit(ctx.db, { actor: p, action: 'export.report', target: { type: 'report', id: `${plugin}/${report}` }, details: { format, query: req.query ?? {} }, address: req.ip });
    const table = reportSheet(result, ctx.timeZone);
    reply.header('content-disposition', attachmentHeader(result, format));
    if (format === 'xlsx') {
      reply.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      return reply.send(await writeXlsx(table));
    }
    reply.type('text/csv; charset=utf-8');
    return reply.send(writeCsv(table));
  });
}
