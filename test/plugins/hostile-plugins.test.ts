// No plugin can stop the server: hostile plugins, generated into a temporary folder beside the neutral test
// plugin. What can be known at load is refused there (file and pointer, nothing of the file echoed) while the
// other plugins load; what only shows when a record is saved becomes a rule error on that record, and the
// server and the other plugins keep working.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPluginLoader } from '../../platform/plugins';
import { validateCommand } from '../../platform/cli/plugin-commands';
import { startTestPlatform, type TestPlatform } from '../helpers/platform';
import { testBackend } from '../helpers/database';
import { writeHostilePlugins } from './hostile-fixtures';

let root: string;
let dirs: Record<string, string>;
let t: TestPlatform;
let officer: string;

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'hezuo-hostile-'));
  dirs = await writeHostilePlugins(root);
  t = await startTestPlatform({ pluginsDirs: [root] });
  officer = await t.login('tianhe-officer');
}, 120_000);
afterAll(async () => {
  await t?.close();
  await rm(root, { recursive: true, force: true });
});

const loader = createPluginLoader();
const refusals: [string, Record<string, unknown>][] = [
  ['hostile-nested-map', { file: 'rules/thing.json', pointer: '/rules/0/logic/map/1/map/1/map/1', code: 'RULE_INVALID' }],
  ['hostile-deep', { file: 'rules/thing.json', code: 'RULE_INVALID' }],
  ['hostile-link-file', { file: 'rules/thing.json', code: 'FILE_SYMLINK' }],
  ['hostile-link-folder', { file: 'rules/thing.json', code: 'FILE_SYMLINK' }],
  ['hostile-oversized', { file: 'forms/thing.schema.json', code: 'FILE_TOO_LARGE' }],
  ['hostile-broken', { file: 'rules/thing.json', code: 'PARSE_ERROR', params: { line: 3, column: 26 } }],
];

describe('hostile plugins at load', () => {
  it.each(refusals)('%s is refused with file and pointer', async (name, expected) => {
    const r = await loader.fromFolder(dirs[name]);
    expect(r.plugin).toBeUndefined();
    expect(r.errors).toContainEqual(expect.objectContaining(expected));
    const text = JSON.stringify(r.errors);
    expect(text).not.toMatch(/root:|SECRET-CONTENT|xxxxxxxxxx/); // nothing of the files is echoed
    expect(text.length).toBeLessThan(2000);
  });

  it('names the limit in the refusal', async () => {
    const nested = await loader.fromFolder(dirs['hostile-nested-map']);
    expect(nested.errors[0].message.en).toMatch(/Iterations .* nested more than 2 deep/);
    const deep = await loader.fromFolder(dirs['hostile-deep']);
    expect(deep.errors[0].message.en).toMatch(/nested too deeply/);
    const big = await loader.fromFolder(dirs['hostile-oversized']);
    expect(big.errors[0].message.en).toMatch(/too large \(limit 4 MiB\)/);
  });

  it('`hezuo plugin validate` reports the refusal, and says ok for the plugin whose trouble only shows at run time', async () => {
    const lines: string[] = [];
    expect(await validateCommand(dirs['hostile-link-file'], (l) => lines.push(l))).toBe(1);
    expect(lines.join('\n')).toMatch(/rules\/thing\.json: Plugin files cannot be symbolic links/);
    expect(lines.join('\n')).not.toMatch(/root:/);
    const ok: string[] = [];
    expect(await validateCommand(dirs['hostile-rules'], (l) => ok.push(l))).toBe(0);
  });

  it('the server starts with the other plugins and lists each refused one', () => {
    const failed = t.platform.failures.map((f) => f.source).sort();
    expect(failed).toEqual(refusals.map(([name]) => name).sort());
    expect(t.platform.ctx.registry.get('registry-demo')).toBeTruthy();
    expect(t.platform.ctx.registry.get('hostile-rules')).toBeTruthy();
  });
});

describe(`hostile rules when a record is saved (${testBackend()})`, () => {
  const items = Array.from({ length: 1000 }, (_, i) => i); // 1000 × the inner 1000: past the step budget

  it('saves the record with a rule error for each rule over its budget; the other rules still count', async () => {
    const r = await t.call('POST', '/api/records', officer, { id: 'hostile-1', plugin: 'hostile-rules', form: 'thing', period: '', orgUnitId: '440106', data: { items } });
    expect(r.status, JSON.stringify(r.body).slice(0, 500)).toBe(201);
    const errors = r.body.results.errors as { id: string; code: string; limit: string; message: { en: string; 'zh-CN': string } }[];
    expect(errors.map((e) => [e.id, e.code, e.limit])).toEqual([
      ['nested-map', 'RULE_BUDGET_EXCEEDED', 'steps'],
      ['doubling-merge', 'RULE_BUDGET_EXCEEDED', 'array'],
      ['doubling-cat', 'RULE_BUDGET_EXCEEDED', 'string'],
      ['doubling-check', 'RULE_BUDGET_EXCEEDED', 'array'],
    ]);
    expect(errors[1].message.en).toMatch(/^Rule doubling-merge exceeded its evaluation budget \(an array of more than 100,000 items\)/);
    expect(errors[1].message['zh-CN']).toMatch(/规则 doubling-merge 超出计算限额/);
    expect(r.body.results.computed).toMatchObject({ 'nested-map': null, 'doubling-merge': null, 'doubling-cat': null, count: 1000 });
    const checks = Object.fromEntries(r.body.results.checks.map((c: any) => [c.id, c]));
    expect(checks['doubling-check']).toMatchObject({ passed: false, error: 'RULE_BUDGET_EXCEEDED', message: errors[3].message });
    expect(checks.fine.passed).toBe(true);
    expect(r.body.results.blocking).toBe(1);
    // Stored as shown, and shown again on read.
    const again = await t.call('GET', '/api/records/hostile-1', officer);
    expect(again.status).toBe(200);
    expect(again.body.results.errors).toHaveLength(4);
  });

  it('refuses a workflow step whose logic is over budget with a catalogued 422, changing nothing', async () => {
    const r = await t.call('POST', '/api/records/hostile-1/transitions', officer, { revision: 1, transition: 'finish' });
    expect(r.status).toBe(422);
    expect(r.body.error.code).toBe('RULE_BUDGET_EXCEEDED');
    expect(r.body.error.details[0].message.en).toMatch(/finish\/set\/blowup/);
    const after = await t.call('GET', '/api/records/hostile-1', officer);
    expect(after.body.state).toBe('draft');
    expect(after.body.revision).toBe(1);
  });

  it('keeps serving: the same process answers, and a record of the other plugin saves', async () => {
    const list = await t.call('GET', '/api/records', officer);
    expect(list.status).toBe(200);
    const coop = await t.call('POST', '/api/records', officer, {
      id: 'coop-after-hostile', plugin: 'registry-demo', form: 'cooperative', period: '2024', orgUnitId: '440106',
      data: { name: '天河示范社', creditCode: '91350100M000100Y43', members: 25, phone: '13800138000' },
    });
    expect(coop.status).toBe(201);
    expect(coop.body.results.errors).toBeUndefined();
    expect(coop.body.results.checks.find((c: any) => c.id === 'min-members').passed).toBe(true);
  });
});
