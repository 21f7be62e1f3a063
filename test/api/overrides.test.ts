// Overridable outcomes through the API (issue 11), on the neutral override-demo plugin: severity is "high" at 3 or
// more defects and officers may override it; the disposition class (rectify when severity is high, else close) is
// reviewers' to override. A refused override changes nothing; an accepted one shows in the record, its history, the
// list's columns and a report, with the computed value beside the chosen one.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type TestPlatform } from '../helpers/platform';
import { testBackend } from '../helpers/database';
import { TEST_PLUGINS } from '../helpers/paths';

const DEMO_DIR = path.join(import.meta.dirname, '../records/plugins');
let t: TestPlatform;
const as: Record<string, string> = {};

beforeAll(async () => {
  t = await startTestPlatform({ pluginsDirs: [TEST_PLUGINS, DEMO_DIR] });
  t.clock.set('2024-06-01T03:00:00Z');
  for (const u of ['tianhe-officer', 'tianhe-reviewer']) as[u] = await t.login(u);
  const r = await t.call('POST', '/api/records', as['tianhe-officer'], {
    id: 'insp-1',
    plugin: 'override-demo',
    form: 'inspection',
    period: '',
    orgUnitId: '440106',
    data: { site: '一号点', defects: 4 },
  });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
});
afterAll(async () => {
  await t?.close();
});

const get = () => t.call('GET', '/api/records/insp-1', as['tianhe-officer']);
const put = (who: string, revision: number, overrides: unknown) =>
  t.call('PUT', '/api/records/insp-1', as[who], { revision, data: { site: '一号点', defects: 4 }, overrides });

describe(`overriding an outcome (${testBackend()})`, () => {
  it('computes severity high and disposition rectify before anyone overrides', async () => {
    const r = await get();
    expect(r.body.results.computed.severity).toBe('high');
    expect(r.body.results.classes.disposition).toBe('rectify');
    expect(r.body.results.overrides).toBeUndefined();
  });

  it('refuses an override without a reason, or with a blank one, and changes nothing', async () => {
    for (const reason of [undefined, '  ']) {
      const r = await put('tianhe-officer', 1, { severity: { value: 'low', reason } });
      expect([r.status, r.body.error.code, r.body.error.details[0].pointer]).toEqual([
        422,
        'OVERRIDE_REASON_REQUIRED',
        '/overrides/severity/reason',
      ]);
    }
    const after = await get();
    expect(after.body.revision).toBe(1);
    expect(after.body.results.computed.severity).toBe('high');
  });

  it('refuses the wrong role, a rule that allows none and a value outside the list', async () => {
    const wrongRole = await put('tianhe-officer', 1, { disposition: { value: 'close', reason: '复核' } });
    expect([wrongRole.status, wrongRole.body.error.code, wrongRole.body.error.details[0].pointer]).toEqual([
      403,
      'OVERRIDE_FORBIDDEN',
      '/overrides/disposition',
    ]);
    const notAllowed = await put('tianhe-officer', 1, { 'defect-count': { value: 1, reason: '复核' } });
    expect([notAllowed.status, notAllowed.body.error.code]).toEqual([422, 'OVERRIDE_NOT_ALLOWED']);
    const badValue = await put('tianhe-officer', 1, { severity: { value: 'medium', reason: '复核' } });
    // "medium" is plain text, but the form schema allows severity low or high only (its pattern).
    expect([badValue.status, badValue.body.error.code, badValue.body.error.details[0].pointer]).toEqual([
      422,
      'OVERRIDE_VALUE_INVALID',
      '/overrides/severity/value',
    ]);
    expect((await get()).body.revision).toBe(1);
  });

  it('accepts an officer’s override with a reason: the chosen value counts, the computed one stays beside it', async () => {
    const r = await put('tianhe-officer', 1, { severity: { value: 'low', reason: '问题已当场整改' } });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.revision).toBe(2);
    expect(r.body.data.severity).toBe('low');
    expect(r.body.results.computed.severity).toBe('low');
    expect(r.body.results.classes.disposition).toBe('close');
    expect(r.body.results.overrides).toEqual({
      severity: { computed: 'high', chosen: 'low', reason: '问题已当场整改', by: expect.any(String), at: '2024-06-01T03:00:00.000Z' },
    });
  });

  it('shows the override and its reason in the history', async () => {
    const h = await t.call('GET', '/api/records/insp-1/history', as['tianhe-officer']);
    const last = h.body.events.at(-1);
    expect(last.action).toBe('update');
    expect(last.changes).toContainEqual({ pointer: '/overrides/severity', to: { chosen: 'low', reason: '问题已当场整改' } });
    expect(last.changes).toContainEqual({ pointer: '/severity', from: 'high', to: 'low' });
  });

  it('keeps the override through a save that does not name it', async () => {
    const r = await t.call('PUT', '/api/records/insp-1', as['tianhe-officer'], { revision: 2, data: { site: '一号点(东)', defects: 4 } });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.results.overrides.severity).toMatchObject({ computed: 'high', chosen: 'low', reason: '问题已当场整改' });
  });

  it('lists the chosen value, the computed one and the reason as columns', async () => {
    const r = await t.call('GET', '/api/records?plugin=override-demo&form=inspection', as['tianhe-officer']);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.items[0].columns).toEqual({
      severity: 'low',
      disposition: 'close',
      'severity-computed': 'high',
      'severity-reason': '问题已当场整改',
    });
  });

  it('a report reads results.overrides: the overridden record with its computed value and reason', async () => {
    const r = await t.call('GET', '/api/plugins/override-demo/reports/overridden', as['tianhe-officer']);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.rows).toEqual([{ site: '一号点(东)', severity: 'low', computed: 'high', reason: '问题已当场整改' }]);
  });

  it('clears the override with null: the computed value counts again', async () => {
    const r = await put('tianhe-officer', 3, { severity: null });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.results.computed.severity).toBe('high');
    expect(r.body.results.overrides).toBeUndefined();
  });

  it('lets a reviewer override the class of a submitted record, data unchanged, but not edit its data', async () => {
    const s = await t.call('POST', '/api/records/insp-1/transitions', as['tianhe-officer'], { revision: 4, transition: 'submit' });
    expect(s.status, JSON.stringify(s.body)).toBe(200);
    const data = { site: '一号点', defects: 4 };
    const edit = await t.call('PUT', '/api/records/insp-1', as['tianhe-reviewer'], {
      revision: 5,
      data: { ...data, defects: 1 },
      overrides: {},
    });
    expect([edit.status, edit.body.error.code]).toEqual([409, 'TRANSITION_NOT_ALLOWED']);
    const r = await t.call('PUT', '/api/records/insp-1', as['tianhe-reviewer'], {
      revision: 5,
      data,
      overrides: { disposition: { value: 'escalate', reason: '涉及多个单位' } },
    });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.state).toBe('submitted');
    expect(r.body.results.classes.disposition).toBe('escalate');
    expect(r.body.results.overrides.disposition).toMatchObject({ computed: 'rectify', chosen: 'escalate', reason: '涉及多个单位' });
  });
});
