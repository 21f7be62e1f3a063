// The anchors of the write benches: plain PostgreSQL storing the same rows Hezuo stored, from our own pg clients on
// the same server and tables, fsync on. A "row" is a record and its audit event (a create stores both, and the
// audit event is part of what is acknowledged): the copies keep every column's text, so JSON sizes, compression and
// TOAST are the same; only the id, the subject and the unique key differ (same lengths), so no unique index refuses
// a copy. The audit row goes through the table's own hash-chain trigger, as Hezuo's does.
import { randomUUID } from 'node:crypto';
import pg from 'pg';

export interface StoredRow {
  record: (string | number | null)[];
  audit: (string | number | null)[];
  period: string;
  hasUniqueKey: boolean;
}

// Columns in the order of the insert statements below (the id, subject and unique key are replaced per copy).
const RECORD_COLUMNS = [
  'id',
  'plugin_id',
  'plugin_version',
  'form_id',
  'period',
  'org_unit_id',
  'org_path',
  'subject',
  'subject_title',
  'unique_key',
  'data',
  'results',
  'state',
  'workflow',
  'revision',
  'create_digest',
  'created_by',
];
const AUDIT_COLUMNS = ['actor_id', 'action', 'to_state', 'revision', 'plugin_version', 'changes', 'comment'];
const JSONB = new Set(['data', 'results', 'workflow', 'changes']);

/** The stored rows of these records (the record and its create event) as text, ready to be copied. */
export async function readStoredRows(url: string, ids: string[]): Promise<StoredRow[]> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const cols = RECORD_COLUMNS.map((k) => (JSONB.has(k) ? `r.${k}::text` : `r.${k}`)).join(', ');
    const audit = AUDIT_COLUMNS.map((k) => (JSONB.has(k) ? `e.${k}::text` : `e.${k}`)).join(', ');
    const res = await c.query({
      text: `select ${cols}, ${audit} from records r join audit_events e on e.record_id = r.id and e.action = 'create' where r.id = any($1)`,
      values: [ids],
      rowMode: 'array',
    });
    return res.rows.map((v: (string | number | null)[]) => ({
      record: v.slice(0, RECORD_COLUMNS.length),
      audit: v.slice(RECORD_COLUMNS.length),
      period: v[4] as string,
      hasUniqueKey: v[9] !== null,
    }));
  } finally {
    await c.end();
  }
}

let copies = 0;
/** A copy's values: a fresh id (a UUID, as Hezuo's), an 18-character subject like a credit code, its unique key. */
function copyValues(t: StoredRow): { record: unknown[]; audit: unknown[] } {
  const subject = `A${String(++copies).padStart(8, '0')}${process.pid.toString().padStart(9, '0')}`.slice(0, 18);
  const record = [...t.record];
  record[0] = randomUUID();
  if (record[7] !== null) record[7] = subject;
  record[9] = t.hasUniqueKey ? `${t.period}|${subject}` : null;
  return { record, audit: [record[0], ...t.audit] };
}

const placeholders = (row: number, names: string[], offset = 0) =>
  `(${names.map((k, i) => `$${row * names.length + i + 1 + offset}${JSONB.has(k) ? '::jsonb' : ''}`).join(', ')})`;

// One statement, one round trip, one commit: the record and its audit event.
const SINGLE = `with r as (insert into records (${RECORD_COLUMNS.join(', ')}) values ${placeholders(0, RECORD_COLUMNS)} returning id)
  insert into audit_events (record_id, ${AUDIT_COLUMNS.join(', ')}) select r.id, ${AUDIT_COLUMNS.map((k, i) => `$${RECORD_COLUMNS.length + i + 1}${JSONB.has(k) ? '::jsonb' : ''}`).join(', ')} from r`;

/**
 * `clients` pg clients, each inserting copies one at a time (each its own autocommitted transaction, committed
 * before the next), until `total` are stored. Rows per second.
 */
export async function singleRowInserts(url: string, templates: StoredRow[], total: number, clients: number): Promise<number> {
  const conns = await Promise.all(
    Array.from({ length: clients }, async () => {
      const c = new pg.Client({ connectionString: url, application_name: 'bench-anchor' });
      await c.connect();
      return c;
    }),
  );
  try {
    let next = 0;
    const start = performance.now();
    await Promise.all(
      conns.map(async (c) => {
        for (let i = next++; i < total; i = next++) {
          const v = copyValues(templates[i % templates.length]);
          await c.query({ name: 'bench-anchor-single', text: SINGLE, values: [...v.record, ...v.audit.slice(1)] });
        }
      }),
    );
    return total / ((performance.now() - start) / 1000);
  } finally {
    await Promise.all(conns.map((c) => c.end()));
  }
}

/**
 * One client, one transaction: copies stored in batches of `batch` with one multi-row INSERT for the records and one
 * for their audit events per batch, then one commit (as an import commits). Rows per second.
 */
export async function batchedInserts(url: string, templates: StoredRow[], total: number, batch = 500): Promise<number> {
  const c = new pg.Client({ connectionString: url, application_name: 'bench-anchor' });
  await c.connect();
  try {
    const start = performance.now();
    await c.query('begin');
    for (let done = 0; done < total; done += batch) {
      const n = Math.min(batch, total - done);
      const copies = Array.from({ length: n }, (_, i) => copyValues(templates[(done + i) % templates.length]));
      await c.query(
        `insert into records (${RECORD_COLUMNS.join(', ')}) values ${copies.map((_, i) => placeholders(i, RECORD_COLUMNS)).join(', ')}`,
        copies.flatMap((x) => x.record),
      );
      const auditNames = ['record_id', ...AUDIT_COLUMNS];
      await c.query(
        `insert into audit_events (${auditNames.join(', ')}) values ${copies.map((_, i) => placeholders(i, auditNames)).join(', ')}`,
        copies.flatMap((x) => x.audit),
      );
    }
    await c.query('commit');
    return total / ((performance.now() - start) / 1000);
  } catch (e) {
    await c.query('rollback').catch(() => {});
    throw e;
  } finally {
    await c.end();
  }
}
