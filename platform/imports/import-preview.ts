// The preview of an import, before anything is written: how each column of the file maps to a field (with a few
// sample values), which columns would be ignored (with the nearest field title offered), which headers name two
// fields and must be chosen, which fields no column fills, and what the import would refuse. A mapping the office
// fixed before for a file of this shape is applied and named. Each column is mapped by column-map's own mapColumns
// (one column at a time, with the form's key check relaxed), so the preview shows exactly what an import does.
import type { LocalText, ErrorDetail } from '../errors';
import { HezuoError } from '../errors';
import type { FormDefinition, PluginDefinition } from '../plugins/types';
import { openTable, type Cell } from '../spreadsheets/read-table';
import { headerMatcher, mapColumns, naturalKeyPointers, ORG_UNIT_TARGET, type ColumnMap } from './column-map';
import { headerSignature } from './remembered-mapping';
import { importFields, type ImportField } from './form-fields';
import { applyUserMapping, mappingHints, resolveUserMapping, type UserMapping } from './mapping-override';
import { nearestField, sameTitleFields } from './nearest-field';
import type { RememberedMapping } from '../store/import-mappings-store';
import { readDetailTables, type DetailSheet, type DetailTables } from './detail-sheets';
import { detailNotes } from './detail-notes';

const SAMPLES = 3;
const SAMPLE_CHARS = 100;

export interface FieldRef {
  field: string;
  title: LocalText;
}
export interface PreviewColumn {
  index: number;
  header: string;
  /** The target the import uses: a pointer, 'orgUnit', or null (not imported). */
  field: string | null;
  title: LocalText | null;
  /** What the automatic mapping alone gives (differs from `field` where the user's or a remembered mapping set it). */
  automatic: string | null;
  samples: string[];
}
export interface ImportPreview {
  format: string;
  sheet: string | null;
  headerRow: number;
  header: string[];
  signature: string;
  columns: PreviewColumn[];
  ignored: { column: number; header: string; nearest: FieldRef | null }[];
  ambiguous: { column: number; header: string; fields: FieldRef[] }[];
  uncovered: (FieldRef & { key: boolean })[];
  fields: (FieldRef & { path: LocalText })[];
  remembered: { savedAt: string; savedBy: string } | null;
  /** Detail sheets a table field would be read from, with their column mapping (detail-sheets.ts). */
  detailSheets: DetailSheet[];
  /** What would not be imported, not errors (a CSV cannot carry tables). */
  notes: LocalText[];
  /** What POST /api/imports would refuse with this mapping (empty when it would start). */
  problems: ErrorDetail[];
}

const sampleText = (c: Cell) => (c === null ? '' : c instanceof Date ? c.toISOString().slice(0, 10) : String(c)).slice(0, SAMPLE_CHARS);

/** The form without its key check: a preview maps a file that lacks the key column too (and says so in problems). */
function withoutKey(form: FormDefinition): FormDefinition {
  return { ...form, manifest: { ...form.manifest, import: { ...(form.manifest.import ?? {}), key: [] } } } as FormDefinition;
}

/** What mapColumns makes of one header cell alone; a header that fills no field throws, so ask again beside a pad. */
function autoTarget(plugin: PluginDefinition, relaxed: FormDefinition, h: string, path: string[] | undefined, pad: string | undefined) {
  if (h === '') return { target: null, ambiguous: undefined as string[] | undefined };
  const read = (m: ColumnMap) => {
    const t = m.targets[0];
    const amb = m.ambiguous.find((a) => a.column === 0)?.fields.map((f) => f.field);
    return { target: t.kind === 'field' ? t.field.pointer : t.kind === 'orgUnit' ? ORG_UNIT_TARGET : null, ambiguous: amb };
  };
  try {
    return read(mapColumns(plugin, relaxed, [h], undefined, path ? [path] : undefined));
  } catch (e) {
    if (!(e instanceof HezuoError) || !pad) return { target: null, ambiguous: undefined };
  }
  try {
    return read(mapColumns(plugin, relaxed, [h, pad], undefined, path ? [path, [pad]] : undefined));
  } catch {
    return { target: null, ambiguous: undefined };
  }
}

export async function previewImport(
  file: string | Buffer,
  t: { plugin: PluginDefinition; form: FormDefinition; hasDefaultUnit: boolean; update: boolean },
  mapping: UserMapping | undefined,
  remembered: (header: string[]) => Promise<RememberedMapping | null>,
): Promise<ImportPreview> {
  const { plugin, form } = t;
  const table = await openTable(file, {}, headerMatcher(plugin, form, mappingHints(mapping)));
  const samples: Cell[][] = [];
  try {
    for await (const r of table.rows) {
      samples.push(r.cells);
      if (samples.length >= SAMPLES) break;
    }
  } finally {
    await table.close();
  }
  const header = table.header;
  const fields = importFields(plugin, form);
  const byPointer = new Map(fields.map((f) => [f.pointer, f]));
  const ref = (f: ImportField): FieldRef => ({ field: f.pointer, title: f.title });

  // The user's mapping wins; else the office's remembered one, as long as it still fits the form.
  let overrides = resolveUserMapping(plugin, form, header, mapping);
  let applied: RememberedMapping | null = null;
  if (!mapping) {
    const r = await remembered(header);
    if (r) {
      try {
        overrides = resolveUserMapping(plugin, form, header, r.mapping);
        applied = r;
      } catch {
        // The form changed since: the remembered mapping no longer fits and the automatic one is shown.
      }
    }
  }

  const relaxed = withoutKey(form);
  const columns: PreviewColumn[] = [];
  const ignored: ImportPreview['ignored'] = [];
  const ambiguous: ImportPreview['ambiguous'] = [];
  header.forEach((h, index) => {
    const auto = autoTarget(plugin, relaxed, h, table.headerPaths[index], fields[0]?.pointer);
    const o = overrides[index];
    const field = o === undefined ? auto.target : o;
    const target = field && field !== ORG_UNIT_TARGET ? byPointer.get(field) : undefined;
    columns.push({
      index,
      header: h,
      field,
      title: target ? target.title : field === ORG_UNIT_TARGET ? { 'zh-CN': '组织机构', en: 'Org unit' } : null,
      automatic: auto.target,
      samples: samples.map((row) => sampleText(row[index] ?? null)),
    });
    if (field !== null || h === '' || o === null) return;
    const same = auto.ambiguous?.map((p) => byPointer.get(p)).filter((f): f is ImportField => !!f) ?? sameTitleFields(fields, h);
    if (same.length > 1) ambiguous.push({ column: index, header: h, fields: same.map(ref) });
    else {
      const near = nearestField(fields, h);
      ignored.push({ column: index, header: h, nearest: near ? ref(near) : null });
    }
  });

  const covered = new Set<string | null>(columns.map((c) => c.field));
  const keys = new Set(naturalKeyPointers(form));
  const problems: ErrorDetail[] = [];
  try {
    const fixed = applyUserMapping(header, table.headerPaths, overrides);
    const m = mapColumns(plugin, form, fixed.header, fixed.mapping, fixed.paths);
    if (m.orgUnitColumn === null && !t.hasDefaultUnit && !t.update)
      problems.push({
        pointer: '/orgUnitId',
        message: { 'zh-CN': '文件没有组织机构列,请指定默认组织机构', en: 'The file has no org-unit column; give a default org unit' },
      });
  } catch (e) {
    if (!(e instanceof HezuoError)) throw e;
    problems.push(...e.details);
  }
  let details: DetailTables | null = null;
  try {
    details = await readDetailTables(plugin, form, file);
  } catch (e) {
    if (!(e instanceof HezuoError)) throw e;
    problems.push(...e.details);
  }
  // A table filled from its own sheet is covered, though no column of the main sheet names it.
  for (const d of details?.sheets ?? []) covered.add(d.table);
  return {
    format: table.format.kind,
    sheet: table.sheet,
    headerRow: table.headerRowNumber,
    header,
    signature: headerSignature(header),
    columns,
    ignored,
    ambiguous,
    uncovered: fields.filter((f) => !covered.has(f.pointer)).map((f) => ({ ...ref(f), key: keys.has(f.pointer) })),
    fields: fields.map((f) => ({ ...ref(f), path: f.path })),
    remembered: applied ? { savedAt: applied.savedAt.toISOString(), savedBy: applied.savedByName } : null,
    detailSheets: details?.sheets ?? [],
    notes: details ? detailNotes(details, plugin, form) : [],
    problems,
  };
}
