// `npx tsx bench/parameter-job-bench.ts [records]`: a parameter change over many open records of the bundled
// demonstration plugin on an embedded PostgreSQL — how long the PUT takes to answer, how long its recompute job
// runs, how many records it changed, and how long officers' saves take while it runs. Not a test.
import path from 'node:path';
import { createPluginLoader } from '../platform/plugins';
import { mergePatch } from '../platform/fixtures/merge-patch';
import { REPO_ROOT } from '../platform/boot/config';
import { startBenchServer } from './bench-server';

const PLUGIN = path.join(REPO_ROOT, 'plugins/guangzhou-demonstration');
const FORM = 'application';

async function main(records: number) {
  const server = await startBenchServer();
  try {
    const { app } = server;
    const [officer, admin] = [await server.login('panyu-officer'), await server.login('admin')];
    const call = async (method: 'GET' | 'PUT' | 'POST', url: string, token: string, payload?: object) => {
      const res = await app.inject({ method, url, headers: { authorization: `Bearer ${token}` }, ...(payload ? { payload } : {}) });
      return { status: res.statusCode, body: JSON.parse(res.body) };
    };
    const { plugin } = await createPluginLoader().fromFolder(PLUGIN);
    const suite = plugin!.fixtures.find((s) => s.form === FORM)!;
    const base = mergePatch(suite.base ?? {}, suite.cases[0].input) as Record<string, unknown>;
    const ids: { id: string; revision: number; data: Record<string, unknown> }[] = [];
    for (let i = 0; i < records; i += 8) {
      const made = await Promise.all(
        Array.from({ length: Math.min(8, records - i) }, (_, k) =>
          call('POST', '/api/records', officer, {
            plugin: plugin!.id,
            form: FORM,
            period: String(2000 + ((i + k) % 25)),
            orgUnitId: '440113',
            data: { ...base, creditCode: undefined, attachments: undefined, name: `社${i + k}` },
          }),
        ),
      );
      for (const r of made) if (r.status === 201) ids.push({ id: r.body.id, revision: r.body.revision, data: r.body.data });
    }
    const params = await call('GET', `/api/plugins/${plugin!.id}/parameters`, admin);
    const t0 = performance.now();
    const put = await call('PUT', `/api/plugins/${plugin!.id}/parameters`, admin, {
      revision: params.body.revision,
      values: { ...params.body.values, minMemberCapital: 600000 },
    });
    const answered = performance.now() - t0;
    // Officers keep saving (with the revision they loaded before the change) while the job runs.
    const saves: number[] = [];
    let conflicts = 0;
    const saving = (async () => {
      for (let k = 0; k < 40; k++) {
        const r = ids[(k * 37) % ids.length];
        const s = performance.now();
        const res = await call('PUT', `/api/records/${r.id}`, officer, {
          revision: r.revision,
          data: { ...r.data, name: `${String(r.data.name)}·${k}` },
        });
        saves.push(performance.now() - s);
        if (res.status === 409) conflicts++;
        else if (res.status === 200) r.revision = res.body.revision;
      }
    })();
    await app.jobs.idle();
    const ran = performance.now() - t0;
    await saving;
    const job = (await call('GET', `/api/jobs/${put.body.jobId}`, admin)).body;
    saves.sort((a, b) => a - b);
    console.log(
      JSON.stringify(
        {
          records: ids.length,
          putStatus: put.status,
          putAnsweredMs: Math.round(answered),
          jobSeconds: +(ran / 1000).toFixed(1),
          job: { state: job.state, total: job.total, done: job.done, changed: job.changed, unchanged: job.unchanged, failed: job.failed },
          officerSavesDuringJob: {
            n: saves.length,
            conflicts,
            medianMs: Math.round(saves[saves.length >> 1]),
            maxMs: Math.round(saves[saves.length - 1]),
          },
        },
        null,
        1,
      ),
    );
  } finally {
    await server.close();
  }
}

main(Number(process.argv[2] ?? 2920)).catch((e) => {
  console.error(e);
  process.exit(1);
});
