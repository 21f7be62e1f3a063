// Lighthouse 12 scores of the five pages issue 15 names — login, officer home, new application form, review queue,
// report — in its mobile preset (Moto G Power screen, simulated slow 4G and 4× CPU slowdown), printed, not asserted.
// Hezuo runs as `npm start` serves it (a production build, pre-compressed assets, the demo seed with its demo
// records) on an embedded PostgreSQL in a temp folder; Debian's Chromium is started here with a DevTools port and
// Lighthouse drives it. A page behind the login gets the session cookie as a request header, so each run is a cold
// load with the session already there (what a user opening a bookmark sees).
// BENCH_PAGES=queue,report measures only the pages whose name contains one of those words; BENCH_LIGHTHOUSE_JSON=<dir>
// keeps each page's full Lighthouse report there (its layout-shift and accessibility audits name the elements).
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import lighthouse from 'lighthouse';
import { configFromEnv, DEMO_SEED } from '../platform/boot/config';
import { openPlatform } from '../platform/boot/open-platform';
import { startEmbeddedPostgres } from '../platform/postgres/embedded-postgres';
import { buildApp } from '../platform/http/app';
import { serveWeb } from '../platform/http/web';
import { SESSION_COOKIE } from '../platform/http/session';
import { buildWeb } from './web-keystroke';

const CHROMIUM = process.env.CHROME_PATH || '/usr/bin/chromium';
const PASSWORD = 'bench-password';

export interface LighthouseFigures {
  page: string;
  user: string | null;
  performance: number;
  accessibility: number;
  cls: number;
  lcpMs: number;
  tbtMs: number;
  /** Whether the page's session check (GET /api/me) answered 200: a page behind the login really was shown. */
  signedIn: boolean | null;
  /** Why Lighthouse gave no figures for the page (twice), when it did not. */
  failed?: string;
}

const PAGES: { page: string; user: string | null; hash: string }[] = [
  { page: 'login', user: null, hash: '' },
  { page: 'officer home', user: 'tianhe-officer', hash: '#/' },
  { page: 'new application form', user: 'tianhe-officer', hash: '#/new/guangzhou-demonstration/application' },
  { page: 'review queue', user: 'city-reviewer', hash: '#/queue' },
  { page: 'report', user: 'city-reviewer', hash: '#/reports/guangzhou-demonstration/applications-by-district' },
];

/** Chromium with a DevTools port of its own choosing (read back from DevToolsActivePort in its profile folder). */
async function startChromium(profile: string): Promise<{ port: number; child: ChildProcess }> {
  const child = spawn(
    CHROMIUM,
    [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--remote-debugging-port=0',
      `--user-data-dir=${profile}`,
      'about:blank',
    ],
    { stdio: 'ignore' },
  );
  for (let i = 0; i < 300; i++) {
    const port = await readFile(path.join(profile, 'DevToolsActivePort'), 'utf8').then(
      (s) => Number(s.split('\n')[0]),
      () => 0,
    );
    if (port > 0) return { port, child };
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill();
  throw new Error(`${CHROMIUM} did not open a DevTools port within 30 s`);
}

export async function lighthouseBench(): Promise<LighthouseFigures[]> {
  const tmp = await mkdtemp(path.join(process.env.BENCH_TMP || os.tmpdir(), 'hezuo-lighthouse-'));
  // BENCH_WEB_DIST: a build made beforehand; by default, a fresh one.
  const dist = process.env.BENCH_WEB_DIST || path.join(tmp, 'dist');
  if (!process.env.BENCH_WEB_DIST) await buildWeb(dist);
  let url = process.env.BENCH_DATABASE_URL;
  const pg = url ? null : await startEmbeddedPostgres({ dataDir: path.join(tmp, 'pg') });
  url ??= pg!.connectionString;
  let chromium: ChildProcess | undefined;
  try {
    // The demo seed file itself: its users and, on the empty database, the demo records in every state.
    const platform = await openPlatform({
      ...configFromEnv({}),
      dataDir: path.join(tmp, 'data'),
      databaseUrl: url,
      seedFile: DEMO_SEED,
      demoRecords: true,
      demoPassword: PASSWORD,
    });
    try {
      const app = await buildApp(platform.ctx, { webRoot: (a) => serveWeb(a, dist) });
      await app.listen({ port: 0, host: '127.0.0.1' });
      const addr = app.server.address();
      const base = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}/`;
      const tokens = new Map<string, string>();
      const login = async (username: string) => {
        const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: PASSWORD } });
        if (res.statusCode !== 200) throw new Error(`login ${username}: ${res.statusCode} ${res.body}`);
        return JSON.parse(res.body).token as string;
      };
      const started = await startChromium(path.join(tmp, 'chromium'));
      chromium = started.child;
      const out: LighthouseFigures[] = [];
      const only = process.env.BENCH_PAGES?.split(',')
        .map((w) => w.trim())
        .filter(Boolean);
      const keep = process.env.BENCH_LIGHTHOUSE_JSON;
      if (keep) await mkdir(keep, { recursive: true });
      for (const p of PAGES.filter((p) => !only || only.some((w) => p.page.includes(w)))) {
        if (p.user && !tokens.has(p.user)) tokens.set(p.user, await login(p.user));
        const token = p.user ? tokens.get(p.user)! : null;
        const run = () =>
          lighthouse(`${base}${p.hash}`, {
            port: started.port,
            output: 'json',
            logLevel: 'error',
            onlyCategories: ['performance', 'accessibility'],
            // Its gatherer reads every response body over DevTools, which timed out on a loaded machine; it is an
            // opportunity (not in the score), and the server compresses anyway (first-load.ts counts those bytes).
            skipAudits: ['uses-text-compression'],
            extraHeaders: token ? { Cookie: `${SESSION_COOKIE}=${encodeURIComponent(token)}` } : undefined,
          });
        // One retry: on a shared machine a DevTools call may time out; a page that fails twice is reported, not fatal.
        let result = await run();
        if (!result || result.lhr.runtimeError) result = await run();
        if (!result || result.lhr.runtimeError) {
          const why = result?.lhr.runtimeError;
          out.push({ page: p.page, user: p.user, failed: why ? `${why.code}: ${why.message}` : 'no result' } as LighthouseFigures);
          continue;
        }
        const { lhr } = result;
        if (keep) await writeFile(path.join(keep, `${p.page.replace(/ /g, '-')}.json`), JSON.stringify(lhr, null, 1));
        const requests = (lhr.audits['network-requests']?.details as { items?: { url: string; statusCode: number }[] } | undefined)?.items;
        const me = requests?.find((r) => new URL(r.url).pathname === '/api/me');
        out.push({
          page: p.page,
          user: p.user,
          performance: Math.round((lhr.categories.performance?.score ?? 0) * 100),
          accessibility: Math.round((lhr.categories.accessibility?.score ?? 0) * 100),
          cls: lhr.audits['cumulative-layout-shift']?.numericValue ?? NaN,
          lcpMs: lhr.audits['largest-contentful-paint']?.numericValue ?? NaN,
          tbtMs: lhr.audits['total-blocking-time']?.numericValue ?? NaN,
          signedIn: p.user ? me?.statusCode === 200 : null,
        });
      }
      await app.close();
      return out;
    } finally {
      await platform.close();
    }
  } finally {
    chromium?.kill();
    await pg?.stop();
    await rm(tmp, { recursive: true, force: true });
  }
}

export function formatLighthouse(rows: LighthouseFigures[]): string[] {
  return [
    'lighthouse 12, mobile preset (simulated throttling), cold load of each page:',
    ...rows.map((r) =>
      r.failed
        ? `  ${r.page.padEnd(22)} no figures: ${r.failed}`
        : `  ${r.page.padEnd(22)} performance ${String(r.performance).padStart(3)}, accessibility ${String(r.accessibility).padStart(3)}, ` +
          `CLS ${r.cls.toFixed(3)}, LCP ${(r.lcpMs / 1000).toFixed(1)} s, TBT ${r.tbtMs.toFixed(0)} ms` +
          (r.user ? ` (as ${r.user}${r.signedIn ? '' : ', NOT signed in: the login page was measured'})` : ''),
    ),
  ];
}
