// Edits through the HTTP API with concurrent clients (`PUT /api/records/:id` with the revision edited), against the
// anchor measured in the same run: plain single-row UPDATEs of the same records at the same concurrency, each with
// its audit row in one statement. The records are created through the API first (so the server has shown them, as
// the page a user edits in has); each is edited once. The anchor runs before and after the API's edits and their
// mean is the figure, as in the create bench.
import { writeFile } from 'node:fs/promises';
import { Session } from 'node:inspector/promises';
import pg from 'pg';
import { startBenchServer } from './bench-server';
import { applicationBodies, createMany } from './api-bench';

const WARM_UP = 64;

/** The data an edit sends: the created data with another office address (the rules run anew all the same). */
const edited = (data: Record<string, unknown>, i: number) => ({ ...data, address: `广州市天河区示范路 ${i} 号` });

async function editMany(base: string, token: string, edits: { id: string; revision: number; data: object }[], clients: number) {
  let next = 0;
  const refused = new Map<number, number>();
  const start = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      for (let i = next++; i < edits.length; i = next++) {
        const e = edits[i];
        const res = await fetch(`${base}/api/records/${e.id}`, {
          method: 'PUT',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: JSON.stringify({ revision: e.revision, data: e.data }),
        });
        await res.arrayBuffer();
        if (res.status !== 200) refused.set(res.status, (refused.get(res.status) ?? 0) + 1);
      }
    }),
  );
  return { refused, perSecond: edits.length / ((performance.now() - start) / 1000) };
}

// One statement, one round trip, one commit: the record's data and results rewritten, its revision moved on, and
// an audit row with changes of the size an API edit stores.
const UPDATE = `with r as (update records set data = $2::jsonb, results = $3::jsonb, revision = revision + 1, updated_at = now()
    where id = $1 returning id, revision, plugin_version)
  insert into audit_events (record_id, actor_id, action, revision, plugin_version, changes)
  select r.id, $4, 'update', r.revision, r.plugin_version, $5::jsonb from r`;

/** `clients` pg clients, each updating one record at a time (autocommitted), every record once. Rows per second. */
async function singleRowUpdates(url: string, ids: string[], changes: string, clients: number): Promise<number> {
  const conns = await Promise.all(
    Array.from({ length: clients }, async () => {
      const c = new pg.Client({ connectionString: url, application_name: 'bench-anchor' });
      await c.connect();
      return c;
    }),
  );
  try {
    const rows = new Map<string, { data: string; results: string; actor: string }>();
    const read = await conns[0].query(`select id, data::text, results::text, created_by from records where id = any($1)`, [ids]);
    for (const r of read.rows) rows.set(r.id, { data: r.data, results: r.results, actor: r.created_by });
    let next = 0;
    const start = performance.now();
    await Promise.all(
      conns.map(async (c) => {
        for (let i = next++; i < ids.length; i = next++) {
          const r = rows.get(ids[i])!;
          await c.query({ name: 'bench-anchor-update', text: UPDATE, values: [ids[i], r.data, r.results, r.actor, changes] });
        }
      }),
    );
    return ids.length / ((performance.now() - start) / 1000);
  } finally {
    await Promise.all(conns.map((c) => c.end()));
  }
}

export async function editBench(edits = 1000, clients = 32) {
  const server = await startBenchServer();
  try {
    const address = await server.app.listen({ host: '127.0.0.1', port: 0 });
    const token = await server.login('tianhe-officer');
    const body = await applicationBodies();
    const made = await createMany(address, token, body, 0, WARM_UP + edits, clients);
    if (made.ids.length < WARM_UP + edits) throw new Error(`creates refused: ${JSON.stringify([...made.refused])}`);
    const dataOf = new Map(Array.from({ length: WARM_UP + edits }, (_, i) => [i, body(i).data as Record<string, unknown>]));
    // createMany's ids come in the order the creates finished: map each back to its body by its name.
    const db = new pg.Client({ connectionString: server.databaseUrl });
    await db.connect();
    const byName = new Map<string, number>([...dataOf].map(([i, d]) => [String(d.name), i]));
    const current = async (ids: string[]) =>
      (await db.query(`select id, revision, data->>'name' as name from records where id = any($1)`, [ids])).rows as {
        id: string;
        revision: number;
        name: string;
      }[];
    const plan = async (ids: string[]) =>
      (await current(ids)).map((r) => ({
        id: r.id,
        revision: r.revision,
        data: edited(dataOf.get(byName.get(r.name)!)!, byName.get(r.name)!),
      }));
    try {
      const warmIds = made.ids.slice(0, WARM_UP);
      const ids = made.ids.slice(WARM_UP);
      const warm = await editMany(address, token, await plan(warmIds), clients);
      if (warm.refused.size) throw new Error(`warm-up edits refused: ${JSON.stringify([...warm.refused])}`);
      const changes = (
        await db.query(`select changes::text from audit_events where action = 'update' and record_id = any($1) limit 1`, [warmIds])
      ).rows[0].changes as string;
      const before = await singleRowUpdates(server.databaseUrl, ids, changes, clients);
      const todo = await plan(ids);
      // BENCH_PROFILE=<file>: a CPU profile of this process over the API's edits only (open it in Chrome's DevTools).
      const profiler = process.env.BENCH_PROFILE ? new Session() : undefined;
      if (profiler) {
        profiler.connect();
        await profiler.post('Profiler.enable');
        await profiler.post('Profiler.start');
      }
      const api = await editMany(address, token, todo, clients);
      if (profiler) {
        const { profile } = await profiler.post('Profiler.stop');
        await writeFile(process.env.BENCH_PROFILE!, JSON.stringify(profile));
        profiler.disconnect();
      }
      const after = await singleRowUpdates(server.databaseUrl, ids, changes, clients);
      return {
        edits,
        clients,
        refused: Object.fromEntries(api.refused),
        perSecond: api.perSecond,
        anchor: (before + after) / 2,
        anchorBefore: before,
        anchorAfter: after,
        changesChars: changes.length,
      };
    } finally {
      await db.end();
    }
  } finally {
    await server.close();
  }
}
