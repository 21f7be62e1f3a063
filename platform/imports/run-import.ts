// An import of records from a spreadsheet, for one user into one form and period. The file is read twice: a first
// pass counts its rows under every limit (so a refused file never reaches the database, and progress has a total),
// the second maps, converts, checks and writes in batches inside ONE transaction that commits at the end — an
// import cut off half way leaves nothing behind. Mode `all` rolls everything back when any row is rejected. An
// update import (import-batch.ts) only patches the records its rows' keys match and lists the other rows back.
import type { PlatformContext } from '../context';
import { today } from '../context';
import { HezuoError, detail } from '../errors';
import { canSee, type Principal } from '../access/principal';
import { checkPeriod } from '../records/period';
import { effectiveParameters } from '../parameters/parameter-service';
import { getOrgUnit, listOrgUnits, type OrgUnit } from '../store/orgs-store';
import { openTable, summariseTable } from '../spreadsheets/read-table';
import { headerMatcher, mapColumns, naturalKeyPointers } from './column-map';
import { applyUserMapping, mappingHints, resolveUserMapping } from './mapping-override';
import { rememberMapping } from './remembered-mapping';
import { unitLookup } from './org-unit-lookup';
import { prepareRow } from './prepare-row';
import { importBatch, type ImportRun, type KeyKind } from './import-batch';
import { lockImportTarget } from '../store/import-store';
import { isUniqueKeyViolation } from '../store/records-store';
import { writeErrorFile } from './error-file';
import { refKeyFields } from './ref-keys';
import { attachTables, orphanRows, readDetailTables } from './detail-sheets';
import { detailNotes, keyTitle } from './detail-notes';
import type { ImportRequest, ImportResult } from './import-types';

const BATCH = 500;

class RollBack extends Error {}

function keyKindOf(run: Pick<ImportRun, 'form' | 'keyPointers'>): KeyKind {
  const m = run.form.manifest;
  if (run.keyPointers.length === 1 && m.uniquePer === 'subject' && run.keyPointers[0] === m.subject) return 'subject';
  if (run.keyPointers.length) return 'data';
  return m.uniquePer === 'orgUnit' ? 'orgUnit' : 'none';
}

export async function checkImportTarget(
  ctx: PlatformContext,
  principal: Principal,
  req: Pick<ImportRequest, 'plugin' | 'form' | 'period' | 'orgUnitId' | 'mode' | 'update'>,
) {
  if (req.mode !== 'all' && req.mode !== 'valid')
    throw new HezuoError('BAD_REQUEST', [detail('/mode', '导入方式应为 all 或 valid', 'mode must be "all" or "valid"')]);
  // An uninstalled plugin takes no new records, imported ones neither.
  ctx.registry.requireEnabled(req.plugin);
  const { plugin, form } = ctx.registry.form(req.plugin, req.form);
  // A form's own word wins: one whose imports are update-only never creates records, whatever the request says.
  const update = req.update === true || form.manifest.import?.update?.only === true;
  // An update-only import changes records already made, which a policy's end does not stop; creating needs it in force.
  if (!update) ctx.registry.requireOpen(req.plugin, today(ctx));
  if (update && naturalKeyPointers(form).length === 0)
    throw new HezuoError('BAD_REQUEST', [
      detail(
        '/update',
        '该表单没有可匹配记录的关键字段,不能更新导入',
        'This form has no key to match records by, so it cannot be imported as an update',
      ),
    ]);
  const period = checkPeriod(form.manifest.period.kind, req.period);
  let unit: OrgUnit | null = null;
  if (req.orgUnitId) {
    const u = await getOrgUnit(ctx.db, req.orgUnitId);
    if (!u || !canSee(principal, u.path))
      throw new HezuoError('ORG_UNIT_INVALID', [
        detail('/orgUnitId', '组织机构不存在或不在您的管辖范围', 'Unknown org unit or outside your units'),
      ]);
    unit = u;
  }
  return { plugin, form, period, unit, update };
}

export async function runImport(ctx: PlatformContext, principal: Principal, req: ImportRequest): Promise<ImportResult> {
  const { plugin, form, period, unit, update } = await checkImportTarget(ctx, principal, req);
  // The table is found by the form's own columns: the sheet and header rows that best match them.
  const matches = headerMatcher(plugin, form, mappingHints(req.mapping));
  const found = await summariseTable(req.source, req.limits, matches);
  const { rows: total, header } = found;
  const overrides = resolveUserMapping(plugin, form, header, req.mapping);
  const fixed = applyUserMapping(header, found.headerPaths, overrides);
  const map = mapColumns(plugin, form, fixed.header, fixed.mapping, fixed.paths);
  if (map.orgUnitColumn === null && !unit && !update) {
    throw new HezuoError('IMPORT_MAPPING_INVALID', [
      detail('/orgUnitId', '文件没有组织机构列,请指定默认组织机构', 'The file has no org-unit column; give a default org unit'),
    ]);
  }
  // Table fields come from their own sheets, read whole first: a record's table must be complete when it is written.
  const details = await readDetailTables(plugin, form, req.source, req.limits);
  const units = principal.scopePaths.length ? await listOrgUnits(ctx.db, principal.scopePaths) : [];
  const keyPointers = naturalKeyPointers(form);
  const run: ImportRun = {
    plugin,
    form,
    period,
    principal,
    keyPointers,
    keyKind: 'none',
    mode: req.mode,
    params: (await effectiveParameters(ctx.db, plugin)).values,
    asOf: today(ctx),
    unitsById: new Map(units.map((u) => [u.id, u])),
    comment: `导入 import: ${req.fileName}${req.jobId ? ` (${req.jobId})` : ''}`,
    counts: { rows: 0, created: 0, updated: 0, unchanged: 0, rejected: 0 },
    rejected: [],
    seenKeys: new Map(),
    claimedUnique: new Map(),
    update,
    alsoInStates: form.manifest.import?.update?.states ?? [],
    updateRoles: form.manifest.import?.update?.roles,
    refKeys: refKeyFields(plugin, form, map),
    unmatched: [],
    warnings: [],
    classChanges: [],
  };
  if (update) run.counts.unmatched = 0;
  run.keyKind = keyKindOf(run);
  const lookup = unitLookup(units);
  await req.onProgress?.(0, total);

  let committed = true;
  try {
    await ctx.db.transaction().execute(async (tx) => {
      await lockImportTarget(tx, { pluginId: plugin.id, formId: form.id, period });
      const table = await openTable(req.source, req.limits, matches);
      try {
        let batch: Parameters<typeof importBatch>[2] = [];
        const flush = async () => {
          await importBatch(tx, run, batch);
          batch = [];
          await req.onProgress?.(run.counts.rows, total);
        };
        for await (const r of table.rows) {
          const p = prepareRow(plugin, map, r, unit, lookup, update);
          attachTables(details, keyPointers, p);
          batch.push({ p, cells: r.cells });
          if (batch.length >= BATCH) await flush();
        }
        if (batch.length) await flush();
        const orphans = orphanRows(details, keyTitle(plugin, form, keyPointers));
        run.rejected.push(...orphans);
        run.counts.rejected += orphans.length;
      } finally {
        await table.close();
      }
      if (req.mode === 'all' && run.counts.rejected > 0) throw new RollBack();
      // Committed with the import, so a mapping is remembered exactly when the import it fixed succeeded.
      await rememberMapping(tx, principal, { pluginId: plugin.id, formId: form.id, header, overrides });
    });
  } catch (e) {
    // A create through the API took one of the new subjects while the import ran: nothing was imported.
    if (isUniqueKeyViolation(e))
      throw new HezuoError('DUPLICATE_RECORD', [
        detail(
          '',
          '导入期间另有记录登记了其中的对象,未导入任何记录,请重新导入',
          'A record for one of these subjects was saved while the import ran; nothing was imported, please import again',
        ),
      ]);
    if (!(e instanceof RollBack)) throw e;
    committed = false;
  }
  run.rejected.sort((a, b) => a.row - b.row);
  run.unmatched.sort((a, b) => a.row - b.row);
  run.warnings.sort((a, b) => a.row - b.row);
  const counts = committed ? run.counts : { ...run.counts, created: 0, updated: 0, unchanged: 0 };
  const title =
    req.locale === 'en'
      ? `Import errors: ${req.fileName} → ${form.manifest.title.en}, ${period}${committed ? '' : ' (nothing was imported)'}`
      : `导入错误:${req.fileName} → ${form.manifest.title['zh-CN']} ${period}${committed ? '' : '(未导入任何记录)'}`;
  const listed = [...run.rejected, ...run.unmatched];
  // Rows stored with warnings are listed too, marked as stored, so the user sees which records to complete.
  const errorFile = listed.length || run.warnings.length ? await writeErrorFile(header, listed, req.locale, title, run.warnings) : null;
  return {
    counts,
    committed,
    rejected: run.rejected,
    unmatched: run.unmatched,
    warnings: run.warnings,
    classChanges: committed ? run.classChanges : [],
    header,
    ignoredColumns: [...map.ignored, ...map.ambiguous].sort((a, b) => a.column - b.column).map((c) => c.header),
    table: { sheet: found.sheet, headerRows: found.headerRows, dataRows: found.dataRows },
    detailSheets: details.sheets,
    notes: detailNotes(details, plugin, form),
    skipped: found.skipped,
    ignored: map.ignored,
    ambiguous: map.ambiguous,
    errorFile,
  };
}
