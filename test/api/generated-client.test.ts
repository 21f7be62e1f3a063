// The typed client of the web app is generated from the routes' OpenAPI (npm run api:client): it is not stale,
// a program using it compiles under strict tsc, and that program logs in, creates a record and runs a report
// against a listening server.
import path from 'node:path';
import os from 'node:os';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_CLIENT_DIR, generateApiClient } from '../../scripts/api-client';
import { openApiDocument } from '../../platform/http/openapi';
import { BUNDLED_PLUGINS, PASSWORD, startTestPlatform, type TestPlatform } from '../helpers/platform';
import { testBackend } from '../helpers/database';
import { withUploads } from '../helpers/uploads';
import { clientFlow } from './client-flow';

const GZ = 'guangzhou-demonstration';

async function filesUnder(dir: string, base = dir): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) for (const [k, v] of await filesUnder(full, base)) out.set(k, v);
    else out.set(path.relative(base, full), await readFile(full, 'utf8'));
  }
  return out;
}

let t: TestPlatform;
let baseUrl: string;
beforeAll(async () => {
  t = await startTestPlatform({ pluginsDirs: [BUNDLED_PLUGINS] });
  baseUrl = await t.app.listen({ host: '127.0.0.1', port: 0 });
}, 120_000);
afterAll(async () => {
  await t?.close();
});

describe(`generated client (${testBackend()})`, () => {
  it('the committed client is the one the current routes generate, and /docs/json is the document it comes from', async () => {
    const spec = await openApiDocument();
    const served = (await t.app.inject({ method: 'GET', url: '/docs/json' })).json();
    expect(served).toEqual(spec);
    const dir = await mkdtemp(path.join(os.tmpdir(), 'hezuo-client-'));
    try {
      await generateApiClient(dir, spec);
      const fresh = await filesUnder(dir);
      const committed = await filesUnder(API_CLIENT_DIR);
      expect([...committed.keys()].sort(), 'run npm run api:client').toEqual([...fresh.keys()].sort());
      for (const [file, text] of fresh) expect(committed.get(file), `${file} is stale: run npm run api:client`).toBe(text);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 120_000);

  it('a program using the client compiles under strict tsc, and wrong bodies or queries do not', () => {
    const file = path.join(import.meta.dirname, 'client-flow.ts');
    const program = ts.createProgram([file], {
      strict: true,
      noEmit: true,
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.ESNext,
      moduleResolution: ts.ModuleResolutionKind.Bundler,
      lib: ['lib.es2022.d.ts', 'lib.dom.d.ts', 'lib.dom.iterable.d.ts'],
      skipLibCheck: true,
      isolatedModules: true,
      types: [],
    });
    const diagnostics = ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
    expect(diagnostics).toEqual([]);
    // The same program with one expectation removed must fail: the directives are what prove the typing.
    const source = readFileSync(file, 'utf8');
    const host = ts.createCompilerHost(program.getCompilerOptions());
    const read = host.readFile.bind(host);
    host.readFile = (f) =>
      path.resolve(f) === file ? source.replace("// @ts-expect-error the login body's user name is a string", '') : read(f);
    const broken = ts.createProgram([file], program.getCompilerOptions(), host, program);
    expect(ts.getPreEmitDiagnostics(broken).length).toBeGreaterThan(0);
  }, 120_000);

  it('logs in, creates a record and runs a report through the client against a listening server', async () => {
    const fixtures = JSON.parse(readFileSync(path.join(BUNDLED_PLUGINS, GZ, 'fixtures/application.json'), 'utf8'));
    const officer = await t.login('panyu-officer');
    const data = await withUploads(t, officer, GZ, 'application', fixtures.base);
    const out = await clientFlow({
      baseUrl,
      username: 'panyu-officer',
      password: PASSWORD,
      record: { id: 'client-1', plugin: GZ, form: 'application', period: '2024', orgUnitId: '440113', data },
      report: { plugin: GZ, report: 'applications-by-district', query: { period: '2024', lang: 'en' } },
    });
    expect(out).toMatchObject({ status: 201, id: 'client-1', revision: 1, refusedStatus: 422, refusedCode: 'ORG_UNIT_INVALID' });
    expect(out.roles).toEqual(['officer']);
    expect(out.columns.length).toBeGreaterThan(0);
    expect(out.rows.length).toBeGreaterThan(0);
  }, 120_000);
});
