// Row count and md5 of every row's text, per table of a database: what a test compares before and after an
// operation that must change nothing (a dry run).
import pg from 'pg';

export type TableSnapshot = Record<string, { rows: number; md5: string }>;

export async function tableSnapshot(connectionString: string): Promise<TableSnapshot> {
  const c = new pg.Client({ connectionString });
  await c.connect();
  try {
    const tables = await c.query<{ s: string; t: string }>(
      `select table_schema as s, table_name as t from information_schema.tables
        where table_type = 'BASE TABLE' and table_schema not in ('pg_catalog', 'information_schema') order by 1, 2`,
    );
    const out: TableSnapshot = {};
    for (const { s, t } of tables.rows) {
      const q = `"${s.replace(/"/g, '""')}"."${t.replace(/"/g, '""')}"`;
      const r = await c.query<{ rows: number; md5: string }>(
        `select count(*)::int as rows, md5(coalesce(string_agg(x::text, '' order by x::text), '')) as md5 from ${q} x`,
      );
      out[`${s}.${t}`] = r.rows[0];
    }
    return out;
  } finally {
    await c.end();
  }
}
