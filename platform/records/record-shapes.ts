// Where a record this server has shown lives: its plugin, form, period and unit. An edit's facts depend on them
// (the form says which fields name a subject, references, attachments; period and unit make the unique key), so
// knowing them before the record is read lets an edit load the record and all its facts in one statement. They
// are a guess, checked against the record that statement reads: plugin, form, period and unit never change after a
// create, and the plugin version moves only with a revision (move-records.ts), so a wrong guess is seen and the
// facts are read again (write-facts.ts, loadRecordToEdit). Per platform, bounded; any server may be wrong, none is
// trusted.
import type { PlatformContext } from '../context';
import type { RecordRow } from '../store/records-store';

export type RecordShape = Pick<RecordRow, 'pluginId' | 'pluginVersion' | 'formId' | 'period' | 'orgUnitId'>;

const MAX_SHAPES = 20_000;
const shapes = new WeakMap<PlatformContext, Map<string, RecordShape>>();

/** Remembers where a record lives, the oldest forgotten first once the map is full. */
export function rememberShape(ctx: PlatformContext, row: RecordRow & RecordShape) {
  let map = shapes.get(ctx);
  if (!map) shapes.set(ctx, (map = new Map()));
  map.delete(row.id);
  map.set(row.id, {
    pluginId: row.pluginId,
    pluginVersion: row.pluginVersion,
    formId: row.formId,
    period: row.period,
    orgUnitId: row.orgUnitId,
  });
  if (map.size > MAX_SHAPES) map.delete(map.keys().next().value!);
}

export const shapeOf = (ctx: PlatformContext, id: string): RecordShape | undefined => shapes.get(ctx)?.get(id);

/** Whether a row read is where the guess said (the guess's facts are then the row's). */
export const sameShape = (a: RecordShape, b: RecordShape) =>
  a.pluginId === b.pluginId &&
  a.pluginVersion === b.pluginVersion &&
  a.formId === b.formId &&
  a.period === b.period &&
  a.orgUnitId === b.orgUnitId;
