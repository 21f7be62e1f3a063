// What the records take on disk: table heap, TOAST and each index of records and audit_events, and the stored size
// of each jsonb column per record (pg_column_size: after compression, as kept), from the statistics views after
// ANALYZE. Sizes of the whole relations are exact; per-column averages come from a 1 % block sample.
import pg from 'pg';

export interface StorageStats {
  records: number;
  tables: { table: string; heap: number; toast: number; indexes: number; total: number }[];
  indexes: { table: string; index: string; bytes: number }[];
  /** Mean stored bytes per record of each column (jsonb after compression), and their text length before. */
  columns: { column: string; stored: number; text: number }[];
  database: number;
}

export async function storageStats(ownerUrl: string): Promise<StorageStats> {
  const c = new pg.Client({ connectionString: ownerUrl });
  await c.connect();
  try {
    await c.query('checkpoint');
    const records = Number((await c.query('select count(*) as n from records')).rows[0].n);
    const tables = (
      await c.query(`
      select c.relname as table, pg_relation_size(c.oid) as heap, coalesce(pg_total_relation_size(nullif(c.reltoastrelid, 0)), 0) as toast,
             pg_indexes_size(c.oid) as indexes, pg_total_relation_size(c.oid) as total
      from pg_class c where c.relname in ('records', 'audit_events') order by c.relname desc`)
    ).rows.map((r) => ({
      table: r.table,
      heap: Number(r.heap),
      toast: Number(r.toast),
      indexes: Number(r.indexes),
      total: Number(r.total),
    }));
    const indexes = (
      await c.query(`
      select relname as table, indexrelname as index, pg_relation_size(indexrelid) as bytes
      from pg_stat_user_indexes where relname in ('records', 'audit_events') order by relname desc, indexrelname`)
    ).rows.map((r) => ({ table: r.table, index: r.index, bytes: Number(r.bytes) }));
    const col = (
      await c.query(`
      select avg(pg_column_size(r.data)) as data, avg(octet_length(r.data::text)) as data_text,
             avg(pg_column_size(r.results)) as results, avg(octet_length(r.results::text)) as results_text,
             avg(pg_column_size(r.*)) as row_all
      from records r tablesample system (1) repeatable (7)`)
    ).rows[0];
    const audit = (
      await c.query(`
      select avg(pg_column_size(e.changes)) as changes, avg(octet_length(e.changes::text)) as changes_text
      from audit_events e tablesample system (1) repeatable (7)`)
    ).rows[0];
    const database = Number((await c.query('select pg_database_size(current_database()) as b')).rows[0].b);
    return {
      records,
      tables,
      indexes,
      database,
      columns: [
        { column: 'records.data', stored: Number(col.data), text: Number(col.data_text) },
        { column: 'records.results', stored: Number(col.results), text: Number(col.results_text) },
        { column: 'audit_events.changes', stored: Number(audit.changes), text: Number(audit.changes_text) },
      ],
    };
  } finally {
    await c.end();
  }
}

const mib = (b: number) => `${(b / 1048576).toFixed(0)} MiB`;

export function formatStorage(s: StorageStats): string[] {
  const per = (b: number) => `${Math.round(b / s.records).toLocaleString('en')} B/record`;
  return [
    `storage at ${s.records.toLocaleString('en')} records: database ${mib(s.database)} = ${per(s.database)}`,
    ...s.tables.map(
      (t) =>
        `  ${t.table}: heap ${mib(t.heap)} (${per(t.heap)}), TOAST ${mib(t.toast)} (${per(t.toast)}), indexes ${mib(t.indexes)} (${per(t.indexes)}), total ${mib(t.total)} (${per(t.total)})`,
    ),
    ...s.indexes.map((i) => `    index ${i.index}: ${mib(i.bytes)} (${per(i.bytes)})`),
    ...s.columns.map(
      (c) =>
        `  ${c.column}: ${Math.round(c.stored).toLocaleString('en')} B stored per record (text ${Math.round(c.text).toLocaleString('en')} B, ×${(c.text / c.stored).toFixed(1)} compressed)`,
    ),
  ];
}
