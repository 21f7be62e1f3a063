// Creates through the HTTP API with concurrent clients, against the anchor measured in the same run: plain
// single-row inserts of the same stored rows (bench/insert-anchor.ts) at the same concurrency. The anchor runs
// before and after the API's creates and their mean is the figure, so a neighbour's load during one half weighs
// on both sides alike.
import path from 'node:path';
import { createPluginLoader } from '../platform/plugins';
import { mergePatch } from '../platform/fixtures/merge-patch';
import { REPO_ROOT } from '../platform/boot/config';
import { usccCheckChar } from '../platform/forms/formats';
import { schemaErrors } from '../platform/records/record-service';
import { startBenchServer } from './bench-server';
import { readStoredRows, singleRowInserts } from './insert-anchor';

const PLUGIN_DIR = path.join(REPO_ROOT, 'plugins/guangzhou-demonstration');
const FORM = 'application';
const WARM_UP = 64;

/** Draft applications from the plugin's fixture cases (base + each case), each a cooperative of its own. */
export async function applicationBodies() {
  const { plugin } = await createPluginLoader().fromFolder(PLUGIN_DIR);
  const suite = plugin!.fixtures.find((s) => s.form === FORM)!;
  const form = plugin!.forms.get(FORM)!;
  // Cases a draft may be saved with (some fixtures are deliberately malformed: those would be refused, not stored).
  const cases = suite.cases
    .map((c) => mergePatch(suite.base ?? {}, c.input) as Record<string, unknown>)
    .filter((data) => schemaErrors(form, data, false).length === 0);
  return (i: number) => {
    const first17 = `93440106MA${String(i).padStart(7, '0')}`;
    const data = {
      ...cases[i % cases.length],
      name: `广州市天河区第${i}号果蔬专业合作社`,
      creditCode: first17 + usccCheckChar(first17)!,
      district: '440106',
      attachments: undefined,
    };
    return { id: undefined as string | undefined, plugin: plugin!.id, form: FORM, period: '2024', orgUnitId: '440106', data };
  };
}

export async function createMany(base: string, token: string, body: (i: number) => object, from: number, count: number, clients: number) {
  let next = from;
  const end = from + count;
  const ids: string[] = [];
  const refused = new Map<number, number>();
  const start = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      for (let i = next++; i < end; i = next++) {
        const res = await fetch(`${base}/api/records`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: JSON.stringify(body(i)),
        });
        const answer = (await res.json()) as { id?: string };
        if (res.status === 201 && answer.id) ids.push(answer.id);
        else refused.set(res.status, (refused.get(res.status) ?? 0) + 1);
      }
    }),
  );
  return { ids, refused, perSecond: count / ((performance.now() - start) / 1000) };
}

export async function apiBench(creates = 2000, clients = 32) {
  const server = await startBenchServer();
  try {
    const address = await server.app.listen({ host: '127.0.0.1', port: 0 });
    const token = await server.login('tianhe-officer');
    const body = await applicationBodies();
    const warm = await createMany(address, token, body, 0, WARM_UP, clients);
    if (!warm.ids.length) throw new Error(`no create succeeded: ${JSON.stringify([...warm.refused])}`);
    const templates = await readStoredRows(server.databaseUrl, warm.ids);
    const before = await singleRowInserts(server.databaseUrl, templates, creates, clients);
    const api = await createMany(address, token, body, WARM_UP, creates, clients);
    const after = await singleRowInserts(server.databaseUrl, templates, creates, clients);
    const bytes =
      templates.reduce((n, t) => n + String(t.record[10]).length + String(t.record[11]).length + String(t.audit[5]).length, 0) /
      templates.length;
    return {
      creates,
      clients,
      refused: Object.fromEntries(api.refused),
      perSecond: api.perSecond,
      anchor: (before + after) / 2,
      anchorBefore: before,
      anchorAfter: after,
      jsonChars: bytes,
    };
  } finally {
    await server.close();
  }
}
