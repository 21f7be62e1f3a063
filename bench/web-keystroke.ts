// Keystroke-to-update time of the record form in Debian's Chromium: from the keydown of a key typed into a number
// field to the animation frame after both the input shows the new value and the rule panel has changed (a compute
// rule reads the field). Measured in the page with performance.now(); the web app is a production build in a temp
// folder, served by a platform on an embedded PostgreSQL. Forms: the largest bundled one and a synthetic 300-field one.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Page } from 'playwright-core';
import { configFromEnv, REPO_ROOT } from '../platform/boot/config';
import { openPlatform } from '../platform/boot/open-platform';
import { seedIfEmpty } from '../platform/boot/seed';
import { buildApp } from '../platform/http/app';
import { serveWeb } from '../platform/http/web';
import { SYNTHETIC, writeSyntheticPlugin } from './synthetic-plugin';

const CHROMIUM = '/usr/bin/chromium';
const PASSWORD = 'bench-password';

export interface KeystrokeFigures {
  form: string;
  fields: number;
  keystrokes: number;
  median: number;
  p95: number;
  max: number;
  timeouts: number;
  /** The first 20 keys typed into the form just opened, none discarded: what a user feels first. */
  first20: { median: number; max: number; timeouts: number };
}

export async function buildWeb(outDir: string) {
  const { build } = await import('vite');
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({
      configFile: path.join(REPO_ROOT, 'web/vite.config.ts'),
      mode: 'production',
      logLevel: 'warn',
      build: { outDir, emptyOutDir: true },
    });
  } finally {
    process.env.NODE_ENV = nodeEnv;
  }
}

/** Served as `npm start` serves it: pre-compressed assets, the same cache headers. */
const serveFrom = (dist: string) => (app: FastifyInstance) => serveWeb(app, dist);

/** Installs the in-page recorder: keydown starts the clock, the first panel mutation that finds the expected value stops it. */
function installRecorder(page: Page, input: string) {
  return page.evaluate((selector) => {
    const el = document.querySelector(selector) as HTMLInputElement;
    const panel = document.querySelector('[data-testid="rule-panel"]')!;
    const k = ((window as any).__k = { start: 0, expected: '', armed: false, results: [] as number[] });
    el.addEventListener(
      'keydown',
      () => {
        k.start = performance.now();
        k.armed = true;
      },
      true,
    );
    new MutationObserver(() => {
      if (!k.armed || el.value !== k.expected) return;
      k.armed = false;
      requestAnimationFrame(() => k.results.push(performance.now() - k.start));
    }).observe(panel, { subtree: true, childList: true, characterData: true, attributes: true });
  }, input);
}

/** `warm` keys are typed first and not counted (the JIT's and React's first runs); 0 counts from the first key. */
async function measure(page: Page, input: string, keystrokes: number, warm = 6): Promise<{ times: number[]; timeouts: number }> {
  await page.locator(input).click();
  await installRecorder(page, input);
  // Keys that change the value every time and keep it short: "123" typed, then erased.
  const keys = ['1', '2', '3', 'Backspace', 'Backspace', 'Backspace'];
  // Typed after what the field holds already (a form may open with a value in it, and the fresh run leaves one).
  let value = await page.locator(input).inputValue();
  let timeouts = 0;
  for (let i = 0; i < keystrokes + warm; i++) {
    const key = keys[i % keys.length];
    value = key === 'Backspace' ? value.slice(0, -1) : value + key;
    // Erasing the last digit empties the field: the panel changes too (the sum loses it).
    await page.evaluate((v) => {
      (window as any).__k.expected = v;
    }, value);
    const before = await page.evaluate(() => (window as any).__k.results.length);
    await page.keyboard.press(key);
    const ok = await page
      .waitForFunction((n) => (window as any).__k.results.length > n, before, { timeout: 5000 })
      .then(
        () => true,
        () => false,
      );
    if (!ok) {
      timeouts++;
      await page.evaluate(() => {
        (window as any).__k.armed = false;
      });
    }
  }
  const times: number[] = await page.evaluate(() => (window as any).__k.results);
  return { times: times.slice(warm), timeouts };
}

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];

export async function benchKeystrokes(keystrokes = 100): Promise<KeystrokeFigures[]> {
  const tmp = await mkdtemp(path.join(os.tmpdir(), 'hezuo-keys-'));
  // BENCH_WEB_DIST: a build made beforehand (to compare two builds under the same load); by default, a fresh one.
  const dist = process.env.BENCH_WEB_DIST || path.join(tmp, 'dist');
  if (!process.env.BENCH_WEB_DIST) await buildWeb(dist);
  await writeSyntheticPlugin(path.join(tmp, 'plugins'));
  const config = {
    ...configFromEnv({}),
    dataDir: path.join(tmp, 'data'),
    databaseUrl: process.env.BENCH_DATABASE_URL,
    seedFile: null,
    pluginsDirs: [path.join(REPO_ROOT, 'plugins'), path.join(tmp, 'plugins')],
  };
  const platform = await openPlatform(config);
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run'],
  });
  try {
    await seedIfEmpty(platform.ctx, path.join(REPO_ROOT, 'demo/seed.json'), PASSWORD);
    const app = await buildApp(platform.ctx, { webRoot: serveFrom(dist) });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const addr = app.server.address();
    const base = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}/`;
    const page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    await page.goto(base);
    await page.getByLabel('用户名').fill('tianhe-officer');
    await page.getByLabel('密码').fill(PASSWORD);
    await page.locator('button[type=submit]').click();
    await page.getByTestId('who').waitFor();

    const out: KeystrokeFigures[] = [];
    const forms = [
      { label: 'guangzhou-demonstration/application', route: 'guangzhou-demonstration/application', input: '#root_membership_memberCount' },
      { label: `${SYNTHETIC.plugin}/${SYNTHETIC.form}`, route: `${SYNTHETIC.plugin}/${SYNTHETIC.form}`, input: '#root_s05_f01' },
    ];
    for (const f of forms) {
      await page.goto(`${base}#/new/${f.route}`);
      await page.locator(f.input).waitFor({ timeout: 30_000 });
      // A fresh form first (issue 15: the first keys were 94–431 ms each), then the same form once typed into.
      const fresh = await measure(page, f.input, 20, 0);
      const freshSorted = [...fresh.times].sort((a, b) => a - b);
      const fields = await page.locator('form.rjsf').locator('input, textarea, .ant-select').count();
      const { times, timeouts } = await measure(page, f.input, keystrokes);
      const sorted = [...times].sort((a, b) => a - b);
      out.push({
        form: f.label,
        fields,
        keystrokes: times.length,
        median: quantile(sorted, 0.5),
        p95: quantile(sorted, 0.95),
        max: sorted[sorted.length - 1],
        timeouts,
        first20: { median: quantile(freshSorted, 0.5), max: freshSorted[freshSorted.length - 1], timeouts: fresh.timeouts },
      });
    }
    await app.close();
    return out;
  } finally {
    await browser.close();
    await platform.close();
    await rm(tmp, { recursive: true, force: true });
  }
}
