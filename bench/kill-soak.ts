// `npm run soak`: nothing acknowledged is lost, and retries never duplicate, across kill -9.
// Each round starts Hezuo as `npm start` does (its own embedded PostgreSQL in one data folder), lets 32 clients
// create records with client-chosen ids for 20 s, then SIGKILLs the whole process group — the app and every
// PostgreSQL process, as a power cut would leave them — and starts again on the same folder. It then checks every
// acknowledged create is stored, retries every create whose answer was lost (same id, same body: must answer
// 200 or 201, never a conflict) and counts the records: stored must equal acknowledged + retried, exactly.
// Prints the figures; not a test (it takes over a minute and its speed figures depend on the machine).
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { REPO_ROOT } from '../platform/boot/config';

const CLIENTS = Number(process.env.SOAK_CLIENTS || 32);
const SECONDS = Number(process.env.SOAK_SECONDS || 20);
const ROUNDS = Number(process.env.SOAK_ROUNDS || 3);
const PASSWORD = 'soak-Pa55word-for-kill-test';
const USER = 'tianhe-officer';
const UNIT = '440106';

interface Server {
  child: ChildProcess;
  base: string;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net
      .createServer()
      .once('error', reject)
      .listen(0, '127.0.0.1', () => {
        const { port } = s.address() as net.AddressInfo;
        s.close(() => resolve(port));
      });
  });
}

async function start(dataDir: string): Promise<Server> {
  const port = await freePort();
  // detached: the app leads its own process group, so one kill reaches it and the PostgreSQL it spawned.
  const child = spawn(process.execPath, [path.join(REPO_ROOT, 'node_modules/tsx/dist/cli.mjs'), path.join(REPO_ROOT, 'platform/main.ts')], {
    cwd: REPO_ROOT,
    detached: true,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      HEZUO_DATA_DIR: dataDir,
      HEZUO_DEMO_PASSWORD: PASSWORD,
      DATABASE_URL: '',
    },
  });
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 600; i++) {
    if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode} while starting`);
    try {
      if ((await fetch(`${base}/api/health`)).ok) return { child, base };
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('the server did not answer /api/health within 120 s');
}

function killHard(s: Server): Promise<void> {
  return new Promise((resolve) => {
    s.child.once('exit', () => setTimeout(resolve, 500)); // PostgreSQL's children die with the group too
    process.kill(-s.child.pid!, 'SIGKILL');
  });
}

async function login(base: string): Promise<string> {
  const res = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: USER, password: PASSWORD }),
  });
  if (!res.ok) throw new Error(`login failed: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { token: string }).token;
}

const bodyOf = (id: string) => ({
  id,
  plugin: 'guangzhou-demonstration',
  form: 'application',
  period: '2024',
  orgUnitId: UNIT,
  data: { name: `压力测试合作社 ${id}` },
});

async function create(base: string, token: string, id: string): Promise<number> {
  const res = await fetch(`${base}/api/records`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(bodyOf(id)),
  });
  await res.arrayBuffer();
  return res.status;
}

async function countRecords(base: string, token: string): Promise<number> {
  const res = await fetch(`${base}/api/records?plugin=guangzhou-demonstration&form=application&limit=1`, {
    headers: { authorization: `Bearer ${token}` },
  });
  return ((await res.json()) as { total: number }).total;
}

async function round(dataDir: string, n: number, before: number) {
  let server = await start(dataDir);
  let token = await login(server.base);
  const acked = new Set<string>();
  const lost = new Set<string>(); // sent, answer never seen (in flight at the kill, or refused by the dying server)
  const refused: Record<number, number> = {};
  const until = Date.now() + SECONDS * 1000;
  let stop = false;
  const clients = Array.from({ length: CLIENTS }, async (_, c) => {
    for (let i = 0; !stop; i++) {
      const id = `soak-${n}-${c}-${i}`;
      try {
        const status = await create(server.base, token, id);
        if (status === 200 || status === 201) acked.add(id);
        else if (status >= 500)
          lost.add(id); // the dying server; the retry below settles it
        else refused[status] = (refused[status] ?? 0) + 1;
      } catch {
        lost.add(id);
        return;
      }
    }
  });
  await new Promise((r) => setTimeout(r, Math.max(0, until - Date.now())));
  await killHard(server);
  stop = true;
  await Promise.all(clients);

  server = await start(dataDir);
  try {
    token = await login(server.base);
    let missing = 0;
    for (const id of acked) {
      const res = await fetch(`${server.base}/api/records/${id}`, { headers: { authorization: `Bearer ${token}` } });
      await res.arrayBuffer();
      if (res.status !== 200) missing++;
    }
    const retries: Record<number, number> = {};
    for (const id of lost) {
      const status = await create(server.base, token, id);
      retries[status] = (retries[status] ?? 0) + 1;
    }
    const stored = (await countRecords(server.base, token)) - before;
    const expected = acked.size + lost.size;
    console.log(
      `round ${n}: ${CLIENTS} clients × ${SECONDS} s, killed with SIGKILL: acknowledged ${acked.size}, ` +
        `answer lost ${lost.size} (retried: ${
          Object.entries(retries)
            .map(([s, k]) => `${k}×${s}`)
            .join(', ') || 'none'
        }), ` +
        `refused ${JSON.stringify(refused)}; acknowledged but missing ${missing}; stored ${stored}, expected ${expected}: ` +
        `${stored > expected ? `${stored - expected} DUPLICATED` : stored < expected ? `${expected - stored} LOST` : '0 lost, 0 duplicated'}`,
    );
    const ok = missing === 0 && stored === expected && Object.keys(retries).every((s) => s === '200' || s === '201');
    return { ok, total: before + stored };
  } finally {
    await killHard(server); // the next round starts on a crashed folder as well
  }
}

const dataDir = await mkdtemp(path.join(os.tmpdir(), 'hezuo-soak-'));
let total = 0;
let failed = false;
try {
  for (let n = 1; n <= ROUNDS; n++) {
    const r = await round(dataDir, n, total);
    total = r.total;
    failed ||= !r.ok;
  }
} finally {
  await rm(dataDir, { recursive: true, force: true });
}
console.log(
  failed
    ? 'kill -9 soak: FAILED (see the rounds above)'
    : `kill -9 soak: ${ROUNDS} rounds, ${total} records, nothing acknowledged lost, nothing duplicated`,
);
process.exit(failed ? 1 : 0);
