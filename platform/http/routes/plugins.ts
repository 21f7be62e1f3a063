import type { FastifyInstance } from 'fastify';
import { today, type PlatformContext } from '../../context';
import { HezuoError, detail } from '../../errors';
import { maskedRecord } from '../../access/sensitive-access';
import { logRecordsShown } from '../../access/sensitive-log';
import { SECURED, pluginFormParams, pluginParam, responses } from '../schemas/common';
import {
  changeParametersBody,
  fillableForms,
  fixtureReport,
  marks,
  marksQuery,
  parametersView,
  pluginDetail,
  pluginFormDetail,
  pluginList,
  pluginVersionQuery,
  ranking,
  rankingQuery,
} from '../schemas/plugins';
import { isAdmin, requireAdmin } from '../../access/principal';
import { summarizePlugin } from '../../plugins/describe';
import type { PluginDefinition } from '../../plugins/types';
import type { PluginFailure } from '../../plugins/loader';
import { changeParameters, effectiveParameters } from '../../parameters/parameter-service';
import { parametersAccepted } from '../schemas/jobs';
import { rankRecords } from '../../store/records-store';
import { listMarks } from '../../store/marks-store';
import { decodePointer } from '../../plugins/schema-walk';
import { checkPeriod } from '../../records/period';
import { runFixtures } from '../../fixtures/run-fixtures';
import { orgPathsByCodes } from '../../store/orgs-store';
import { formFiles } from '../../plugins/form-files';
import { withDependencyCalendars } from '../../plugins/dependency-calendars';

const common = { tags: ['plugins'], security: SECURED };

export function pluginRoutes(app: FastifyInstance, ctx: PlatformContext, failures: PluginFailure[]) {
  // The summary with the version's effective dates as of today (they change with the day, so not in describe.ts).
  const summary = (pl: PluginDefinition) => ({
    ...summarizePlugin(pl, ctx.registry.installedVersions(pl.id)),
    policy: ctx.registry.window(pl.id, today(ctx), pl.version),
  });
  app.get(
    '/api/plugins',
    {
      schema: {
        ...common,
        operationId: 'listPlugins',
        response: responses({ 200: pluginList }, [401]),
        summary: 'Installed plugins (active versions); admins also see plugins that failed to load, with every error',
      },
    },
    async (req) => {
      const p = req.principal;
      return {
        plugins: ctx.registry.active().map(summary),
        failures: isAdmin(p) ? failures : [],
      };
    },
  );

  app.get(
    '/api/forms',
    {
      schema: {
        ...common,
        operationId: 'listFillableForms',
        response: responses({ 200: fillableForms }, [401]),
        summary: "The forms the user may fill: holds a create role at a unit within (or above) the plugin's regions",
      },
    },
    async (req) => {
      const p = req.principal;
      // An uninstalled plugin's forms take no new records, so they are not offered.
      const plugins = ctx.registry.active().filter((pl) => !ctx.registry.isDisabled(pl.id));
      const regions = await orgPathsByCodes(ctx.db, [...new Set(plugins.flatMap((pl) => pl.manifest.regions ?? []))]);
      const out = [];
      for (const pl of plugins) {
        // A plugin naming regions is offered at units within them, and at units above them (whose officers file for them).
        const paths = pl.manifest.regions?.length
          ? regions.filter((r) => pl.manifest.regions!.includes(r.code)).map((r) => r.path)
          : undefined;
        const applies = (orgPath: string) => paths === undefined || paths.some((r) => orgPath.startsWith(r) || r.startsWith(orgPath));
        const window = ctx.registry.window(pl.id, today(ctx));
        for (const f of pl.forms.values()) {
          const roles = f.manifest.createRoles ?? ['officer'];
          const units = p.grants.filter((g) => roles.includes(g.role as never) && applies(g.orgPath)).map((g) => g.orgUnitId);
          if (units.length)
            out.push({
              plugin: pl.id,
              pluginTitle: pl.manifest.title,
              form: f.id,
              title: f.manifest.title,
              period: f.manifest.period,
              orgUnits: units,
              // Shown, not hidden, when out of force: officers see why the form takes no new records.
              policy: window,
            });
        }
      }
      return { forms: out };
    },
  );

  app.get(
    '/api/plugins/:plugin',
    {
      schema: {
        ...common,
        operationId: 'getPlugin',
        params: pluginParam,
        querystring: pluginVersionQuery,
        response: responses({ 200: pluginDetail }, [400, 401, 404]),
        summary:
          'One plugin: summary and every file (schemas, rules, workflows, code lists, calendars, translations); query version for an installed older one',
      },
    },
    async (req) => {
      const q = req.query as { version?: string };
      const pl = ctx.registry.get((req.params as { plugin: string }).plugin, q.version || undefined);
      return { ...summary(pl), files: withDependencyCalendars(pl.files, pl.manifest, (id) => ctx.registry.find(id)) };
    },
  );

  app.get(
    '/api/plugins/:plugin/forms/:form',
    {
      schema: {
        ...common,
        operationId: 'getPluginForm',
        params: pluginFormParams,
        querystring: pluginVersionQuery,
        response: responses({ 200: pluginFormDetail }, [400, 401, 404]),
        summary:
          "One form of a plugin as the web app builds it: the plugin's summary and only the files that form needs (not fixtures, reports or other forms); query version for an installed older one",
      },
    },
    async (req) => {
      const q = req.query as { version?: string };
      const { plugin, form } = req.params as { plugin: string; form: string };
      const { plugin: pl } = ctx.registry.form(plugin, form, q.version || undefined);
      return { ...summary(pl), files: withDependencyCalendars(formFiles(pl.files, form)!, pl.manifest, (id) => ctx.registry.find(id)) };
    },
  );

  app.get(
    '/api/plugins/:plugin/fixtures',
    {
      schema: {
        ...common,
        operationId: 'runFixtures',
        params: pluginParam,
        response: responses({ 200: fixtureReport }, [400, 401, 403, 404]),
        summary: "Run the plugin's fixtures and report each case",
      },
    },
    async (req) => {
      requireAdmin(req.principal);
      const pl = ctx.registry.get((req.params as { plugin: string }).plugin);
      const cases = runFixtures(pl);
      return {
        passed: cases.filter((c) => c.mismatches.length === 0).length,
        failed: cases.filter((c) => c.mismatches.length > 0).length,
        cases,
      };
    },
  );

  app.get(
    '/api/plugins/:plugin/parameters',
    {
      schema: {
        tags: ['parameters'],
        security: SECURED,
        operationId: 'getParameters',
        params: pluginParam,
        response: responses({ 200: parametersView }, [400, 401, 404]),
        summary: 'Effective parameter values, their revision and the schema they must follow',
      },
    },
    async (req) => {
      const pl = ctx.registry.get((req.params as { plugin: string }).plugin);
      const { values, revision } = await effectiveParameters(ctx.db, pl);
      return { values, revision, defaults: pl.parameterDefaults, schema: pl.parameterSchema };
    },
  );

  app.put(
    '/api/plugins/:plugin/parameters',
    {
      schema: {
        tags: ['parameters'],
        security: SECURED,
        operationId: 'changeParameters',
        params: pluginParam,
        body: changeParametersBody,
        response: responses({ 202: parametersAccepted }, [400, 401, 403, 404, 409, 422]),
        summary:
          'Change parameters (admin). Body: {revision, values}; invalid values are refused with pointers. 202 {values, revision, jobId}: the values are in force; the rule results of open records follow in the job GET /api/jobs/:jobId',
      },
    },
    async (req, reply) => {
      const pl = ctx.registry.get((req.params as { plugin: string }).plugin);
      const out = await changeParameters(ctx, req.principal, pl, req.body as object, app.jobs, req.ip);
      reply.status(202);
      return out;
    },
  );

  app.get(
    '/api/plugins/:plugin/forms/:form/ranking',
    {
      schema: {
        tags: ['records'],
        security: SECURED,
        operationId: 'getRanking',
        params: pluginFormParams,
        querystring: rankingQuery,
        response: responses({ 200: ranking }, [400, 401, 404, 422]),
        summary: 'Ranking of a ranked form for a period (query: period), with the quota cut line; only records the user may see are listed',
      },
    },
    async (req) => {
      const p = req.principal;
      const { plugin, form: formId } = req.params as { plugin: string; form: string };
      const { plugin: pl, form } = ctx.registry.form(plugin, formId);
      const r = form.manifest.ranking;
      if (!r) throw new HezuoError('NOT_FOUND', [detail('/form', '该表单没有排名', 'This form is not ranked')]);
      const period = checkPeriod(form.manifest.period.kind, (req.query as { period?: string }).period);
      const { values } = await effectiveParameters(ctx.db, pl);
      const quota = r.quotaParameter ? (values[r.quotaParameter] ?? null) : null;
      // Ranked within the caller's units only (store): rank, count and the quota cut never count records beside them.
      const rows = await rankRecords(ctx.db, {
        pluginId: pl.id,
        formId,
        period,
        states: r.states,
        by: decodePointer(r.by),
        order: r.order ?? 'desc',
        scopePaths: p.scopePaths,
      });
      // Subjects read from a sensitive field masked by the form's right at each record's unit; full ones logged.
      const shown = rows.map((r) => maskedRecord(p, form.sensitive, r.orgPath, r));
      const full = form.sensitive.subject || form.sensitive.subjectTitle ? rows.filter((r, i) => shown[i] === r) : [];
      await logRecordsShown(ctx.db, p, full, 'ranking', req.ip);
      return {
        period,
        quota,
        count: rows.length,
        rows: shown.map(({ orgPath: _p, ...x }) => ({ ...x, withinQuota: typeof quota === 'number' ? x.rank <= quota : null })),
      };
    },
  );

  app.get(
    '/api/plugins/:plugin/marks',
    {
      schema: {
        tags: ['records'],
        security: SECURED,
        operationId: 'listMarks',
        params: pluginParam,
        querystring: marksQuery,
        response: responses({ 200: marks }, [400, 401, 403, 404]),
        summary: 'Marks on subjects (titles, bars); query kind=bar for the barred list',
      },
    },
    async (req) => {
      const p = req.principal;
      // Only where the user reviews or administers, and only marks set on records there (store).
      const paths = p.grants.filter((g) => g.role === 'reviewer' || g.role === 'admin').map((g) => g.orgPath);
      if (paths.length === 0) throw new HezuoError('FORBIDDEN');
      const pl = ctx.registry.get((req.params as { plugin: string }).plugin);
      const rows = await listMarks(ctx.db, pl.id, paths, (req.query as { kind?: string }).kind || undefined);
      // A subject read from a sensitive field is masked by the marking form's right at the record's unit.
      const shown = rows.map((m) => {
        const sensitive = ctx.registry.find(pl.id, m.record_plugin_version)?.forms.get(m.record_form_id)?.sensitive;
        const view = maskedRecord(p, sensitive, m.record_org_path, { subject: m.subject, subjectTitle: null });
        return { m, subject: view.subject, full: !!sensitive?.subject && view.subject === m.subject };
      });
      await logRecordsShown(
        ctx.db,
        p,
        shown.flatMap(({ m, full }) => (full && m.record_id ? [{ id: m.record_id, orgPath: m.record_org_path }] : [])),
        'marks',
        req.ip,
      );
      return {
        marks: shown.map(({ m, subject }) => ({
          subject,
          kind: m.kind,
          from: m.from_date,
          until: m.until_date,
          reason: m.reason,
          recordId: m.record_id,
        })),
      };
    },
  );
}
