// Spreadsheet imports over HTTP: POST a multipart form (file + plugin, form, period, orgUnitId, mode, mapping),
// get 202 and a job id; follow the job; download the error file. The file is checked (format, zip directory,
// header and mapping) before the 202, so most refusals come back at once; the row count and the rows are the job's.
import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { pipeline } from 'node:stream/promises';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import multipart from '@fastify/multipart';
import type { PlatformContext } from '../../context';
import { HezuoError, detail, type Locale } from '../../errors';
import { holdsRole, type Principal } from '../../access/principal';
import { SECURED, binary, idParam, responses } from '../schemas/common';
import { importAccepted, importJob, importUpload } from '../schemas/imports';
import { importPreview } from '../schemas/import-preview';
import { XLSX } from '../schemas/reports';
import { docsOnly } from '../validation';
import { createImportJobs, STALE_SECONDS } from '../../imports/import-jobs';
import { checkImportTarget } from '../../imports/run-import';
import { headerMatcher, mapColumns } from '../../imports/column-map';
import { applyUserMapping, mappingHints, parseUserMapping, resolveUserMapping } from '../../imports/mapping-override';
import { previewImport } from '../../imports/import-preview';
import { rememberedMapping } from '../../imports/remembered-mapping';
import { openTable } from '../../spreadsheets/read-table';
import { DEFAULT_TABLE_LIMITS, refuseSize } from '../../spreadsheets/table-limits';
import { interruptStaleImportJobs } from '../../store/import-jobs-store';
import type { ImportMode } from '../../imports/import-types';
import { appendAudit } from '../../audit/audit-log';

const FIELDS = ['plugin', 'form', 'period', 'orgUnitId', 'mode', 'mapping', 'update'] as const;

/** The multipart `update` field: "true" for an update import, "false" or absent for an upsert. */
function updateFlag(v: string | undefined): boolean {
  if (v === undefined || v === '' || v === 'false') return false;
  if (v === 'true') return true;
  throw new HezuoError('BAD_REQUEST', [detail('/update', 'update 应为 true 或 false', 'update must be "true" or "false"')]);
}

/** Saves the one file part to a temp file and collects the fields; a file over the limit refuses the request. */
async function receive(req: FastifyRequest): Promise<{ file: string | null; fileName: string; fields: Record<string, string> }> {
  const fields: Record<string, string> = {};
  let file: string | null = null;
  let fileName = 'import';
  try {
    for await (const part of req.parts()) {
      if (part.type === 'file') {
        if (file) {
          part.file.resume();
          continue;
        }
        file = path.join(os.tmpdir(), `hezuo-import-${randomUUID()}`);
        fileName = path.basename(part.filename || 'import');
        await pipeline(part.file, createWriteStream(file));
        if (part.file.truncated) throw refuseSize(DEFAULT_TABLE_LIMITS.maxBytes, DEFAULT_TABLE_LIMITS.maxBytes + 1);
      } else if ((FIELDS as readonly string[]).includes(part.fieldname) && typeof part.value === 'string') {
        fields[part.fieldname] = part.value;
      }
    }
  } catch (e) {
    if (file) await rm(file, { force: true });
    if ((e as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE')
      throw refuseSize(DEFAULT_TABLE_LIMITS.maxBytes, DEFAULT_TABLE_LIMITS.maxBytes + 1);
    throw e;
  }
  return { file, fileName, fields };
}

async function precheck(ctx: PlatformContext, p: Principal, file: string, fields: Record<string, string>) {
  const target = await checkImportTarget(ctx, p, {
    plugin: fields.plugin,
    form: fields.form,
    period: fields.period,
    orgUnitId: fields.orgUnitId || undefined,
    mode: (fields.mode || 'all') as ImportMode,
    update: updateFlag(fields.update),
  });
  const mapping = parseUserMapping(fields.mapping);
  const table = await openTable(file, {}, headerMatcher(target.plugin, target.form, mappingHints(mapping)));
  try {
    const fixed = applyUserMapping(table.header, table.headerPaths, resolveUserMapping(target.plugin, target.form, table.header, mapping));
    const map = mapColumns(target.plugin, target.form, fixed.header, fixed.mapping, fixed.paths);
    if (map.orgUnitColumn === null && !target.unit && !target.update) {
      throw new HezuoError('IMPORT_MAPPING_INVALID', [
        detail('/orgUnitId', '文件没有组织机构列,请指定默认组织机构', 'The file has no org-unit column; give a default org unit'),
      ]);
    }
    if (map.orgUnitColumn === null && target.unit && !holdsRole(p, target.form.manifest.createRoles ?? ['officer'], target.unit.path))
      throw new HezuoError('FORBIDDEN');
  } finally {
    await table.close();
  }
  return { ...target, mapping };
}

export async function importRoutes(app: FastifyInstance, ctx: PlatformContext) {
  const jobs = createImportJobs(ctx, (msg, err) => app.log.error({ err }, msg));
  // Jobs of a process that stopped never committed: say so instead of showing them running forever.
  app.addHook('onReady', async () => {
    await interruptStaleImportJobs(ctx.db, STALE_SECONDS);
  });
  app.addHook('onClose', async () => {
    await jobs.close();
  });
  app.decorate('importJobs', jobs);

  await app.register(async (scope) => {
    await scope.register(multipart, { limits: { fileSize: DEFAULT_TABLE_LIMITS.maxBytes, files: 1, fields: 20, fieldSize: 256 * 1024 } });

    scope.post(
      '/api/imports',
      {
        schema: {
          tags: ['imports'],
          security: SECURED,
          operationId: 'startImport',
          consumes: ['multipart/form-data'],
          body: docsOnly(importUpload),
          response: responses({ 202: importAccepted }, [400, 401, 403, 404, 413, 422]),
          summary:
            'Import records from an .xlsx or .csv (multipart: file, plugin, form, period, orgUnitId?, mode all|valid (default all), update? true|false (an update import patches matched records and creates none; default false unless the form is update-only), mapping? JSON {column index or header: pointer | "orgUnit" | null (not imported)}, remembered for files of the same shape once the import commits). 202 {id}; follow GET /api/imports/:id',
        },
      },
      async (req, reply) => {
        const p = req.principal;
        if (!req.isMultipart())
          throw new HezuoError('BAD_REQUEST', [
            detail('/file', '请以 multipart/form-data 上传文件', 'Upload the file as multipart/form-data'),
          ]);
        const { file, fileName, fields } = await receive(req);
        if (!file) throw new HezuoError('BAD_REQUEST', [detail('/file', '缺少文件', 'The file is missing')]);
        try {
          const t = await precheck(ctx, p, file, fields);
          const locale: Locale = p.user.locale === 'en' ? 'en' : 'zh-CN';
          const id = await jobs.submit(
            p,
            {
              plugin: t.plugin.id,
              form: t.form.id,
              period: t.period,
              orgUnitId: t.unit?.id,
              mode: (fields.mode || 'all') as ImportMode,
              update: t.update,
              mapping: t.mapping,
              source: file,
              fileName,
              locale,
            },
            t.unit?.path ?? p.scopePaths[0] ?? null,
          );
          reply.status(202);
          return { id };
        } catch (e) {
          await rm(file, { force: true });
          throw e;
        }
      },
    );

    scope.post(
      '/api/imports/preview',
      {
        schema: {
          tags: ['imports'],
          security: SECURED,
          operationId: 'previewImport',
          consumes: ['multipart/form-data'],
          body: docsOnly(importUpload),
          response: responses({ 200: importPreview }, [400, 401, 403, 404, 413, 422]),
          summary:
            'Preview an import (the same upload as POST /api/imports; nothing is written): each column with its target field and sample values, ignored columns with the nearest field, headers naming two fields, fields no column fills, the mapping remembered for files of this shape, and what the import would refuse',
        },
      },
      async (req) => {
        const p = req.principal;
        if (!req.isMultipart())
          throw new HezuoError('BAD_REQUEST', [
            detail('/file', '请以 multipart/form-data 上传文件', 'Upload the file as multipart/form-data'),
          ]);
        const { file, fields } = await receive(req);
        if (!file) throw new HezuoError('BAD_REQUEST', [detail('/file', '缺少文件', 'The file is missing')]);
        try {
          const t = await checkImportTarget(ctx, p, {
            plugin: fields.plugin,
            form: fields.form,
            period: fields.period,
            orgUnitId: fields.orgUnitId || undefined,
            mode: (fields.mode || 'all') as ImportMode,
            update: updateFlag(fields.update),
          });
          return await previewImport(
            file,
            { plugin: t.plugin, form: t.form, hasDefaultUnit: t.unit !== null, update: t.update },
            parseUserMapping(fields.mapping),
            (header) => rememberedMapping(ctx.db, p, { pluginId: t.plugin.id, formId: t.form.id, header }),
          );
        } finally {
          await rm(file, { force: true });
        }
      },
    );

    scope.get(
      '/api/imports/:id',
      {
        schema: {
          tags: ['imports'],
          security: SECURED,
          operationId: 'getImport',
          params: idParam,
          response: responses({ 200: importJob }, [400, 401, 404]),
          summary:
            'An import job: status (queued, running, done, failed, interrupted), progress {processed, total}, counts, the first errors, the refusal of a failed job',
        },
      },
      async (req) => {
        return jobs.view(req.principal, (req.params as { id: string }).id);
      },
    );

    scope.get(
      '/api/imports/:id/errors',
      {
        schema: {
          tags: ['imports'],
          security: SECURED,
          operationId: 'getImportErrors',
          params: idParam,
          response: responses({ 200: binary('The error file', XLSX) }, [400, 401, 404, 409]),
          summary: 'The error file (.xlsx) of a finished import: each rejected row with its row number, original cells and errors',
        },
      },
      async (req, reply) => {
        const { fileName, bytes } = await jobs.errorFile(req.principal, (req.params as { id: string }).id);
        await appendAudit(ctx.db, {
          actor: req.principal,
          action: 'download.import_errors',
          target: { type: 'import', id: (req.params as { id: string }).id },
          details: { fileName },
          address: req.ip,
        });
        reply.header('content-type', XLSX);
        reply.header('content-disposition', `attachment; filename="import-errors.xlsx"; filename*=UTF-8''${encodeURIComponent(fileName)}`);
        return reply.send(bytes);
      },
    );
  });
}

declare module 'fastify' {
  interface FastifyInstance {
    importJobs: import('../../imports/import-jobs').ImportJobs;
  }
}
