// Fixture cases state referenced records (`refs`, read as refs.<pointer> in the server's shape) and try a workflow
// step (`transition`, expecting `guards` and `allowed`), on the neutral ref-step-demo plugin: a booking reads its
// site (beds × 2 = capacity) and is booked only at an open site, with guests, within capacity. A wrong expectation
// fails the run; a ref key that is no x-ref field, a bad referenced record or an unknown step refuses the plugin.
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPluginLoader } from '../../platform/plugins';
import { runFixtureCase, runFixtures } from '../../platform/fixtures/run-fixtures';
import { REPO_ROOT } from '../../platform/boot/config';

const DEMO = path.join(REPO_ROOT, 'test/plugins/fixture-steps/ref-step-demo');
const FIXTURES = 'fixtures/visit.json';
const loader = createPluginLoader();
let root: string;

async function variant(name: string, change: (suite: any) => void): Promise<string> {
  const dir = path.join(root, name);
  await cp(DEMO, dir, { recursive: true });
  const file = path.join(dir, FIXTURES);
  const v = JSON.parse(await readFile(file, 'utf8'));
  change(v);
  await writeFile(file, JSON.stringify(v));
  return dir;
}

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'hezuo-fixture-refs-'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('fixture cases with referenced records and a step to try', () => {
  it('every case of the demo passes', async () => {
    const r = await loader.fromFolder(DEMO);
    expect(r.errors).toEqual([]);
    expect(runFixtures(r.plugin!).map((o) => [o.description, o.mismatches])).toEqual(
      r.plugin!.fixtures[0].cases.map((c) => [c.description, []]),
    );
  });

  it('a wrong expectation about the referenced record, a guard or the step fails the case', async () => {
    const { plugin } = await loader.fromFolder(DEMO);
    const suite = plugin!.fixtures[0];
    const first = suite.cases[0];
    const wrong = { ...first, expected: { computed: { capacity: 3 }, guards: { 'site-is-open': false }, allowed: false } };
    const out = runFixtureCase(plugin!, suite, wrong);
    expect(out.mismatches).toEqual([
      'computed.capacity: expected 3, got 6',
      'allowed: expected false, got true',
      'guards.site-is-open: expected false, got true',
    ]);
    expect(out.differences.map((d) => d.pointer)).toEqual(['/computed/capacity', '/allowed', '/guards/site-is-open']);
    // Not allowed, and the output says why: 7 guests over capacity 6.
    const over = { ...first, input: { guests: 7 }, expected: { allowed: true } };
    expect(runFixtureCase(plugin!, suite, over).mismatches).toEqual(['allowed: expected true, got "1 blocking check(s) fail"']);
    const closed = { ...first, refs: { '/site': { state: 'draft' } }, expected: { allowed: true } };
    expect(runFixtureCase(plugin!, suite, closed).mismatches).toEqual(['allowed: expected true, got "guard(s) site-is-open fail"']);
  });

  it('the referenced record reads as on the server: id from the field, state, data and computed results', async () => {
    const { plugin } = await loader.fromFolder(DEMO);
    const suite = plugin!.fixtures[0];
    const probe = { ...suite.cases[0], input: { site: 'site-9' }, transition: undefined, expected: { computed: { 'site-name': 'North hut' } } };
    expect(runFixtureCase(plugin!, suite, probe).mismatches).toEqual([]);
    // A booking naming no site reads none, whatever the suite states.
    const none = { ...probe, input: { site: null }, expected: { computed: { capacity: null, 'site-name': null } } };
    expect(runFixtureCase(plugin!, suite, none).mismatches).toEqual([]);
  });
});

describe('refs and transitions refused at load', () => {
  it('a ref key that is no x-ref field of the form', async () => {
    const { errors } = await loader.fromFolder(await variant('key', (s) => (s.cases[3].refs = { '/guests': { data: {} } })));
    expect(errors).toEqual([
      expect.objectContaining({
        file: FIXTURES,
        pointer: '/cases/3/refs/~1guests',
        code: 'PLUGIN_INVALID',
        params: { pointer: '/guests', references: ['/site'] },
      }),
    ]);
    expect(errors[0].message['zh-CN']).toContain('/guests');
  });

  it('referenced data its form refuses, a state its workflow lacks', async () => {
    const { errors } = await loader.fromFolder(
      await variant('data', (s) => {
        s.refs['/site'].data.beds = -1;
        s.cases[2].refs['/site'].state = 'closed';
      }),
    );
    expect(errors.map((e) => [e.pointer, e.code])).toEqual([
      ['/refs/~1site/data/beds', 'PLUGIN_INVALID'],
      ['/cases/2/refs/~1site/state', 'PLUGIN_INVALID'],
    ]);
  });

  it('a draft referenced record may lack required fields; an open one may not', async () => {
    const lacking = (state: string) => (s: any) => (s.refs['/site'] = { data: { code: 'S1', beds: 3 }, state });
    expect((await loader.fromFolder(await variant('draft', lacking('draft')))).errors).toEqual([]);
    const { errors } = await loader.fromFolder(await variant('open', lacking('open')));
    expect(errors.map((e) => e.pointer)).toEqual(['/refs/~1site/data/name']);
  });

  it('an unknown step, a guard the step lacks, guards expected with no step', async () => {
    const { errors } = await loader.fromFolder(
      await variant('steps', (s) => {
        s.cases[0].transition = 'bok';
        s.cases[1].expected.guards = { 'site-open': true };
        s.cases[3].expected.allowed = true;
      }),
    );
    expect(errors.map((e) => [e.pointer, e.code, e.params])).toEqual([
      ['/cases/0/transition', 'PLUGIN_INVALID', { transition: 'bok', transitions: ['book', 'finish'] }],
      ['/cases/1/expected/guards/site-open', 'PLUGIN_INVALID', { guard: 'site-open', guards: ['site-is-open', 'has-guests'] }],
      ['/cases/3/expected/allowed', 'PLUGIN_INVALID', undefined],
    ]);
  });
});
