// How carefully the API offers a step (issue 15, safe steps): each of a record's transitions says whether it is
// destructive (`danger`, as the workflow declares), whether the user confirms it first (`confirm`: declared,
// destructive, or into a final state), the workflow's own words for the consequence when it has them
// (`confirmText`), and the title of the state it leads to (`toTitle`) — on the record and on the queue's rows alike.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type TestPlatform } from '../helpers/platform';
import { testBackend } from '../helpers/database';
import { usccCheckChar } from '../../platform/forms/formats';
import { stepSafety } from '../../platform/workflows/allowed-transitions';
import type { Transition, WorkflowState } from '../../platform/plugins/types';

const uscc = (first17: string) => first17 + usccCheckChar(first17);

let t: TestPlatform;
let id = '';

beforeAll(async () => {
  t = await startTestPlatform();
  const officer = await t.login('tianhe-officer');
  const c = await t.call('POST', '/api/records', officer, {
    plugin: 'registry-demo',
    form: 'cooperative',
    period: '2024',
    orgUnitId: '440106',
    data: { name: '步骤安全社', creditCode: uscc('93440106MA5TT0001'), members: 12 },
  });
  expect(c.status, JSON.stringify(c.body)).toBe(201);
  const s = await t.call('POST', `/api/records/${c.body.id}/transitions`, officer, { revision: c.body.revision, transition: 'submit' });
  expect(s.status, JSON.stringify(s.body)).toBe(200);
  id = c.body.id;
}, 120_000);
afterAll(async () => {
  await t?.close();
});

const stepsOf = (body: { transitions: { id: string }[] }) => Object.fromEntries(body.transitions.map((x) => [x.id, x]));

describe(`step safety in the API (${testBackend()})`, () => {
  it('a step back that needs a comment is neither destructive nor confirmed; its target state is named', async () => {
    const reviewer = await t.login('tianhe-reviewer');
    const r = await t.call('GET', `/api/records/${id}`, reviewer);
    expect(r.status).toBe(200);
    const steps = stepsOf(r.body);
    expect(steps.return).toEqual({
      id: 'return',
      title: { 'zh-CN': '退回', en: 'Return' },
      to: 'draft',
      toTitle: { 'zh-CN': '草稿', en: 'Draft' },
      commentRequired: true,
      danger: false,
      confirm: false,
    });
    expect(steps.approve).toMatchObject({ to: 'approved', toTitle: { 'zh-CN': '已通过' }, danger: false, confirm: false });
    const approved = await t.call('POST', `/api/records/${id}/transitions`, reviewer, { revision: r.body.revision, transition: 'approve' });
    expect(approved.status, JSON.stringify(approved.body)).toBe(200);
  });

  it('a destructive step is confirmed with the words the workflow declares, on the record and in the queue', async () => {
    const city = await t.login('city-reviewer');
    const bar = {
      id: 'bar',
      title: { 'zh-CN': '限制', en: 'Bar' },
      to: 'barred',
      toTitle: { 'zh-CN': '已限制', en: 'Barred' },
      commentRequired: true,
      danger: true,
      confirm: true,
      confirmText: { 'zh-CN': '限制后三年内不能再申报。', en: 'A barred applicant cannot apply again for three years.' },
    };
    const r = await t.call('GET', `/api/records/${id}`, city);
    expect(r.body.transitions).toEqual([bar]);
    const list = await t.call('GET', '/api/records?state=approved', city);
    expect(list.status).toBe(200);
    expect(list.body.items.find((x: { id: string }) => x.id === id).transitions).toEqual([bar]);
  });

  it('a step into a final state is confirmed even when not declared so; danger only where declared', () => {
    const states = new Map<string, WorkflowState>([
      ['open', { id: 'open', title: { 'zh-CN': '办理中', en: 'Open' } }],
      ['done', { id: 'done', title: { 'zh-CN': '已办结', en: 'Done' }, final: true }],
    ]);
    const wf = { states } as unknown as Parameters<typeof stepSafety>[0];
    const step = (over: Partial<Transition>): Transition => ({
      id: 's',
      title: { 'zh-CN': '步', en: 'Step' },
      from: ['open'],
      to: 'open',
      roles: ['reviewer'],
      ...over,
    });
    expect(stepSafety(wf, step({}))).toEqual({ danger: false, confirm: false });
    expect(stepSafety(wf, step({ to: 'done' }))).toEqual({ danger: false, confirm: true });
    expect(stepSafety(wf, step({ confirm: true }))).toEqual({ danger: false, confirm: true });
    expect(stepSafety(wf, step({ danger: true }))).toEqual({ danger: true, confirm: true });
    const words = { 'zh-CN': '公开后所有人可见', en: 'Everyone sees it once published' };
    expect(stepSafety(wf, step({ confirm: words }))).toEqual({ danger: false, confirm: true, confirmText: words });
  });
});
