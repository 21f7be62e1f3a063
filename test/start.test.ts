// `npm start` as a newcomer runs it: an embedded PostgreSQL in the data folder, the bundled plugins, the demo
// users printed once, demo records filed; a second start finds everything again (the database is durable, neither
// the seed nor the demo records repeated).
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { REPO_ROOT } from '../platform/boot/config';

const dataDir = await mkdtemp(path.join(os.tmpdir(), 'hezuo-start-'));
afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

async function start(port: number): Promise<{ child: ChildProcess; output: () => string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'platform/main.ts'], {
    cwd: REPO_ROOT,
    env: { ...process.env, PORT: String(port), HEZUO_DATA_DIR: dataDir, DATABASE_URL: '', HEZUO_DEMO_PASSWORD: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (b) => {
    out += b;
  });
  child.stderr!.on('data', (b) => {
    out += b;
  });
  await new Promise<void>((resolve, reject) => {
    const timer = setInterval(() => {
      if (out.includes('listening on')) {
        clearInterval(timer);
        resolve();
      }
      if (child.exitCode !== null) {
        clearInterval(timer);
        reject(new Error(`exited: ${out}`));
      }
    }, 100);
  });
  return { child, output: () => out };
}

const stop = (child: ChildProcess) =>
  new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });

it('starts with an embedded database, prints demo users, and keeps data across restarts', async () => {
  const port = await freePort();
  const first = await start(port);
  const health = await fetch(`http://127.0.0.1:${port}/api/health`);
  expect(health.status).toBe(200);
  const printed = first.output();
  expect(printed).toContain('guangzhou-demonstration@');
  const creds = (await readFile(path.join(dataDir, 'demo-users.txt'), 'utf8')).split('\n').find((l) => l.startsWith('admin\t'))!;
  const password = creds.split('\t')[1];
  expect(printed).toContain(password);
  const login = await fetch(`http://127.0.0.1:${port}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password }),
  });
  expect(login.status).toBe(200);
  // Demo records, filed on the first start from the bundled plugins' fixtures, are there for the admin to see.
  expect(printed).toContain('demo records:');
  const { token } = await login.json();
  const records = await fetch(`http://127.0.0.1:${port}/api/records?limit=1`, { headers: { authorization: `Bearer ${token}` } });
  const total = (await records.json()).total as number;
  expect(total).toBeGreaterThan(0);
  const docs = await fetch(`http://127.0.0.1:${port}/docs/json`);
  expect((await docs.json()).paths['/api/records']).toBeDefined();
  await stop(first.child);

  const second = await start(port);
  expect(second.output()).not.toContain('first start');
  expect(second.output()).not.toContain('demo records:');
  const again = await fetch(`http://127.0.0.1:${port}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password }),
  });
  expect(again.status).toBe(200);
  const after = await fetch(`http://127.0.0.1:${port}/api/records?limit=1`, {
    headers: { authorization: `Bearer ${(await again.json()).token}` },
  });
  expect((await after.json()).total).toBe(total);
  await stop(second.child);
  // Two starts, the first creating an embedded PostgreSQL and filing the demo records: minutes on a loaded machine.
}, 300_000);
