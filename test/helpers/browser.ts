// What every browser suite needs: the web app built once per test run (however many suites ask), a platform
// serving it, Debian's Chromium, log-in, screenshots under test/artifacts/ and the axe-core check.
import { existsSync, mkdirSync, promises as fs, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { expect, inject } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { REPO_ROOT } from '../../platform/boot/config';
import { PASSWORD, startTestPlatform, type TestPlatform } from './platform';

export const CHROMIUM = '/usr/bin/chromium';
export const hasChromium = existsSync(CHROMIUM);
/** Skipped only off CI when Chromium is absent; under CI a missing browser fails the run, so a broken image is noticed. */
export const skipBrowser = !hasChromium && !process.env.CI;
if (skipBrowser) console.log(`test/web: ${CHROMIUM} is missing, browser suite skipped (install with: apt-get install -y chromium)`);

const require = createRequire(import.meta.url);
const DIST = path.join(REPO_ROOT, 'web/dist');
const LOCK = path.join(REPO_ROOT, 'web/.build-lock');
const STAMP = path.join(DIST, '.test-run');
const NEXT = path.join(REPO_ROOT, 'web/dist.next');
const OLD = path.join(REPO_ROOT, 'web/dist.old');

/** Builds web/dist unless this test run already did; suites in parallel workers wait on a lock directory. */
export async function buildWebOnce(): Promise<void> {
  const runId = inject('hezuoTestRunId');
  const deadline = Date.now() + 170_000;
  for (;;) {
    try {
      await fs.mkdir(LOCK);
      break;
    } catch (e: any) {
      if (e?.code !== 'EEXIST') throw e;
      const age = Date.now() - (await fs.stat(LOCK).catch(() => ({ mtimeMs: Date.now() }))).mtimeMs;
      if (age > 180_000) await fs.rm(LOCK, { recursive: true, force: true }); // left by a killed run
      if (Date.now() > deadline) throw new Error('test/web: timed out waiting for another suite to build the web app', { cause: e });
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  try {
    if ((await fs.readFile(STAMP, 'utf8').catch(() => '')) === runId) return;
    const started = Date.now();
    const { build } = await import('vite');
    // vitest sets NODE_ENV=test, which would make vite and the React plugin produce a development build.
    const nodeEnv = process.env.NODE_ENV;
    process.env.NODE_ENV = 'production';
    try {
      // Built aside and swapped in, so a server of another run never serves a half-emptied web/dist.
      await build({
        configFile: path.join(REPO_ROOT, 'web/vite.config.ts'),
        mode: 'production',
        logLevel: 'warn',
        build: { outDir: NEXT, emptyOutDir: true },
      });
    } finally {
      process.env.NODE_ENV = nodeEnv;
    }
    await fs.writeFile(path.join(NEXT, '.test-run'), runId);
    await fs.rm(OLD, { recursive: true, force: true });
    await fs.rename(DIST, OLD).catch((e) => {
      if (e?.code !== 'ENOENT') throw e;
    });
    await fs.rename(NEXT, DIST);
    await fs.rm(OLD, { recursive: true, force: true });
    console.log(`test/web: web app built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  } finally {
    await fs.rm(LOCK, { recursive: true, force: true });
  }
}

export interface BrowserSuite {
  tp: TestPlatform;
  browser: Browser;
  base: string;
  loginAs(username: string, width?: number): Promise<Page>;
  shot(page: Page, name: string): Promise<unknown>;
  axe(page: Page, name: string): Promise<void>;
  /** What the browser refused under the server's Content-Security-Policy, on any page of the suite. */
  cspViolations: string[];
  close(): Promise<void>;
}

/** `artifacts` names the folder under test/artifacts/ for this suite's screenshots. */
export async function startBrowserSuite(artifacts: string, opts: Parameters<typeof startTestPlatform>[0] = {}): Promise<BrowserSuite> {
  await buildWebOnce();
  const dir = path.join(REPO_ROOT, 'test/artifacts', artifacts);
  mkdirSync(dir, { recursive: true });
  const tp = await startTestPlatform({ ...opts, web: true });
  await tp.app.listen({ port: 0, host: '127.0.0.1' });
  const addr = tp.app.server.address();
  const base = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}/`;
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const contexts: BrowserContext[] = [];
  const cspViolations: string[] = [];

  return {
    tp,
    browser,
    base,
    cspViolations,
    async loginAs(username, width = 1280) {
      const ctx = await browser.newContext({ viewport: { width, height: 900 } });
      contexts.push(ctx);
      ctx.setDefaultTimeout(15_000);
      const page = await ctx.newPage();
      page.on('pageerror', (e) => console.error(`browser error (${username}):`, e.message));
      page.on('console', (m) => {
        if (/Content.Security.Policy/i.test(m.text())) cspViolations.push(`${username}: ${m.text()}`);
      });
      await page.goto(base);
      await page.getByLabel('用户名').fill(username);
      await page.getByLabel('密码').fill(PASSWORD);
      await page.locator('button[type=submit]').click();
      await page.getByTestId('who').waitFor();
      return page;
    },
    // A full-page shot of a long form can take long on a loaded machine; it is an artifact, never an assertion.
    shot: (page, name) => page.screenshot({ path: path.join(dir, `${name}.png`), fullPage: true, timeout: 60_000 }),
    async axe(page, name) {
      // Colours measured mid-transition (a hover fading, an error fading in) are not what the user reads.
      await page.evaluate(() =>
        Promise.all(
          document
            .getAnimations()
            .filter((a) => a.effect?.getComputedTiming().endTime !== Infinity)
            .map((a) => a.finished.catch(() => {})),
        ),
      );
      // Evaluated, not added as an inline <script>: the server's CSP rightly refuses inline scripts.
      await page.evaluate(readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8'));
      const result = await page.evaluate(async () => (window as any).axe.run(document, { resultTypes: ['violations'] }));
      const bad = (result.violations as { id: string; impact: string; nodes: { target: string[]; failureSummary?: string }[] }[])
        .filter((v) => v.impact === 'serious' || v.impact === 'critical')
        .map(
          (v) =>
            `${v.id} (${v.impact}): ${v.nodes
              .slice(0, 3)
              .map((n) => `${n.target.join(' ')} — ${n.failureSummary ?? ''}`)
              .join(', ')}`,
        );
      expect(bad, `axe on ${name}`).toEqual([]);
    },
    async close() {
      for (const c of contexts) await c.close().catch(() => {});
      await browser.close();
      await tp.close();
    },
  };
}
