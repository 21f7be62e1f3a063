import type { FastifyInstance } from 'fastify';
import type { PlatformContext } from '../../context';
import { HezuoError, detail } from '../../errors';
import { principalFor } from '../session';
import { canSee, holdsRole, isAdmin, requireAdmin } from '../../access/principal';
import { summarizePlugin } from '../../plugins/describe';
import type { PluginFailure } from '../../plugins/loader';
import { changeParameters, effectiveParameters } from '../../parameters/parameter-service';
import { parametersAccepted } from './jobs';
import { rankRecords } from '../../store/records-store';
import { listMarks } from '../../store/marks-store';
import { decodePointer } from '../../plugins/schema-walk';
import { checkPeriod } from '../../records/period';
import { runFixtures } from '../../fixtures/run-fixtures';

const pluginParam = { type: 'object', properties: { plugin: { type: 'string', maxLength: 64 } }, required: ['plugin'] } as const;

export function pluginRoutes(app: FastifyInstance, ctx: PlatformContext, failures: PluginFailure[]) {
  app.get('/api/plugins', { schema: { tags: ['plugins'], summary: 'Installed plugins (active versions); admins also see plugins that failed to load, with every error' } }, async (req) => {
    const p = await principalFor(ctx, req);
    return {
      plugins: ctx.registry.active().map((pl) => summarizePlugin(pl, ctx.registry.installedVersions(pl.id))),
      failures: isAdmin(p) ? failures : [],
    };
  });

  app.get('/api/forms', { schema: { tags: ['plugins'], summary: 'The forms the user may fill (holds a create role somewhere)' } }, async (req) => {
    const p = await principalFor(ctx, req);
    const out = [];
    for (const pl of ctx.registry.active()) {
      for (const f of pl.forms.values()) {
        const roles = f.manifest.createRoles ?? ['officer'];
        const units = p.grants.filter((g) => roles.includes(g.role as never)).map((g) => g.orgUnitId);
        if (units.length) out.push({ plugin: pl.id, pluginTitle: pl.manifest.title, form: f.id, title: f.manifest.title, period: f.manifest.period, orgUnits: units });
      }
    }
    return { forms: out };
  });

  app.get('/api/plugins/:plugin', { schema: { tags: ['plugins'], summary: 'One plugin: summary and every file (schemas, rules, workflows, code lists, calendars, translations)', params: pluginParam } }, async (req) => {
    await principalFor(ctx, req);
    const q = req.query as { version?: string };
    const pl = ctx.registry.get((req.params as { plugin: string }).plugin, q.version || undefined);
    return { ...summarizePlugin(pl, ctx.registry.installedVersions(pl.id)), files: pl.files };
  });

  app.get('/api/plugins/:plugin/fixtures', { schema: { tags: ['plugins'], summary: 'Run the plugin\'s fixtures and report each case', params: pluginParam } }, async (req) => {
    requireAdmin(await principalFor(ctx, req));
    const pl = ctx.registry.get((req.params as { plugin: string }).plugin);
    const cases = runFixtures(pl);
    return { passed: cases.filter((c) => c.mismatches.length === 0).length, failed: cases.filter((c) => c.mismatches.length > 0).length, cases };
  });

  app.get('/api/plugins/:plugin/parameters', { schema: { tags: ['parameters'], summary: 'Effective parameter values, their revision and the schema they must follow', params: pluginParam } }, async (req) => {
    await principalFor(ctx, req);
    const pl = ctx.registry.get((req.params as { plugin: string }).plugin);
    const { values, revision } = await effectiveParameters(ctx.db, pl);
    return { values, revision, defaults: pl.parameterDefaults, schema: pl.parameterSchema };
  });

  app.put('/api/plugins/:plugin/parameters', {
    schema: {
      tags: ['parameters'], params: pluginParam, response: { 202: parametersAccepted },
      summary: 'Change parameters (admin). Body: {revision, values}; invalid values are refused with pointers. 202 {values, revision, jobId}: the values are in force; the rule results of open records follow in the job GET /api/jobs/:jobId',
    },
  }, async (req, reply) => {
    const p = await principalFor(ctx, req);
    const pl = ctx.registry.get((req.params as { plugin: string }).plugin);
    const out = await changeParameters(ctx, p, pl, (req.body ?? {}) as object, app.jobs);
    reply.status(202);
    return out;
  });

  app.get('/api/plugins/:plugin/forms/:form/ranking', {
    schema: { tags: ['records'], summary: 'Ranking of a ranked form for a period (query: period), with the quota cut line; only records the user may see are listed' },
  }, async (req) => {
    const p = await principalFor(ctx, req);
    const { plugin, form: formId } = req.params as { plugin: string; form: string };
    const { plugin: pl, form } = ctx.registry.form(plugin, formId);
    const r = form.manifest.ranking;
    if (!r) throw new HezuoError('NOT_FOUND', [detail('/form', '该表单没有排名', 'This form is not ranked')]);
    const period = checkPeriod(form.manifest.period.kind, (req.query as { period?: string }).period);
    const { values } = await effectiveParameters(ctx.db, pl);
    const quota = r.quotaParameter ? values[r.quotaParameter] ?? null : null;
    const rows = await rankRecords(ctx.db, { pluginId: pl.id, formId, period, states: r.states, by: decodePointer(r.by), order: r.order ?? 'desc' });
    return {
      period, quota, count: rows.length,
      rows: rows.filter((x) => canSee(p, x.orgPath)).map(({ orgPath: _p, ...x }) => ({ ...x, withinQuota: typeof quota === 'number' ? x.rank <= quota : null })),
    };
  });

  app.get('/api/plugins/:plugin/marks', { schema: { tags: ['records'], summary: 'Marks on subjects (titles, bars); query kind=bar for the barred list', params: pluginParam } }, async (req) => {
    const p = await principalFor(ctx, req);
    if (!holdsRole(p, ['reviewer', 'admin'], p.scopePaths[0] ?? '\u0000')) throw new HezuoError('FORBIDDEN');
    const pl = ctx.registry.get((req.params as { plugin: string }).plugin);
    const rows = await listMarks(ctx.db, pl.id, (req.query as { kind?: string }).kind || undefined);
    return { marks: rows.map((m) => ({ subject: m.subject, kind: m.kind, from: m.from_date, until: m.until_date, reason: m.reason, recordId: m.record_id })) };
  });
}
