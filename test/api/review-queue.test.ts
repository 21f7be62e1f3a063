// The reviewer's queue through the API: filters by score range (results.score.total), text, org unit and state,
// sorting by score, strict refusal of bad filter values; and bulk steps, where each item is its own transaction —
// the database shows the acknowledged items committed and the refused ones untouched.
import path from 'node:path';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUNDLED_PLUGINS, TEST_PLUGINS, startTestPlatform, type TestPlatform } from '../helpers/platform';
import { testBackend } from '../helpers/database';
import { mergePatch } from '../../platform/fixtures/merge-patch';
import { usccCheckChar } from '../../platform/forms/formats';
import { withUploads } from '../helpers/uploads';

const GZ = 'guangzhou-demonstration';
const fixtures = JSON.parse(readFileSync(path.join(BUNDLED_PLUGINS, GZ, 'fixtures/application.json'), 'utf8'));
const scoreCase = (total: number) =>
  fixtures.cases.find((c: any) => c.expected?.score?.total === total && c.expected?.blocking === 0 && !c.params);
/** A credit code with a right check character, so the schema's uscc format accepts it. */
const uscc = (first17: string) => first17 + usccCheckChar(first17);

let t: TestPlatform;
const tok: Record<string, string> = {};
const db = () => t.platform.ctx.db;

beforeAll(async () => {
  t = await startTestPlatform({ pluginsDirs: [TEST_PLUGINS, BUNDLED_PLUGINS] });
  for (const u of ['panyu-officer', 'panyu-reviewer', 'tianhe-officer', 'tianhe-reviewer', 'baiyun-officer', 'city-reviewer', 'admin'])
    tok[u] = await t.login(u);
});
afterAll(async () => {
  await t?.close();
});

// The fixtures name placeholder attachment ids; a saved record names real uploads of its author.
const gz = async (id: string, who: string, orgUnitId: string, data: object) =>
  t.call('POST', '/api/records', tok[who], {
    id,
    plugin: GZ,
    form: 'application',
    period: '2024',
    orgUnitId,
    data: await withUploads(t, tok[who], GZ, 'application', data as Record<string, any>),
  });
const ids = (r: { body: { items: { id: string }[] } }) => r.body.items.map((x) => x.id);
const list = (who: string, query: string) => t.call('GET', `/api/records?${query}`, tok[who]);

describe(`review queue API (${testBackend()})`, () => {
  it('filters by score range, text, org unit and state, and sorts by score', async () => {
    // Totals stated by the plugin's own fixtures: the base case 100, the partial sheet 84; without a trademark −4 (s-trademark max 4).
    const partial = scoreCase(84);
    expect(partial).toBeDefined();
    const made = [
      await gz('q-100', 'panyu-officer', '440113', fixtures.base),
      await gz(
        'q-96',
        'panyu-officer',
        '440113',
        mergePatch(fixtures.base, {
          name: '番禺区第二合作社',
          creditCode: uscc('93440113MA5CXX2A5'),
          sheet: { trademark: false },
        }) as object,
      ),
      await gz(
        'q-84',
        'panyu-officer',
        '440113',
        mergePatch(mergePatch(fixtures.base, partial.input), { name: '番禺区第三合作社', creditCode: uscc('93440113MA5CXX3A6') }) as object,
      ),
      await gz(
        'q-tianhe',
        'tianhe-officer',
        '440106',
        mergePatch(fixtures.base, { name: '天河区百分合作社', creditCode: uscc('93440106MA5CXX4A7'), district: '440106' }) as object,
      ),
    ];
    expect(made.map((r) => [r.status, r.body.results?.score?.total])).toEqual([
      [201, 100],
      [201, 96],
      [201, 84],
      [201, 100],
    ]);

    const base = `plugin=${GZ}&form=application`;
    expect(ids(await list('city-reviewer', `${base}&minScore=90`)).sort()).toEqual(['q-100', 'q-96', 'q-tianhe']);
    expect(ids(await list('city-reviewer', `${base}&minScore=90&maxScore=99.5`))).toEqual(['q-96']);
    expect(ids(await list('city-reviewer', `${base}&maxScore=84`))).toEqual(['q-84']); // bounds include the value
    const sorted = await list('city-reviewer', `${base}&sort=score`);
    expect(sorted.body.items.map((x: any) => x.score.total)).toEqual([100, 100, 96, 84]);
    expect(sorted.body.total).toBe(4);

    expect(ids(await list('city-reviewer', `q=${encodeURIComponent('第二')}`))).toEqual(['q-96']); // subject title
    expect(ids(await list('city-reviewer', `q=${encodeURIComponent('93440106MA5')}`))).toEqual(['q-tianhe']); // subject
    expect((await list('city-reviewer', `q=${encodeURIComponent('%')}`)).body.total).toBe(0); // a literal %, not a wildcard
    expect(ids(await list('city-reviewer', `${base}&orgUnitId=440106&state=draft`))).toEqual(['q-tianhe']);
    expect((await list('city-reviewer', `${base}&orgUnitId=440106&state=submitted`)).body.total).toBe(0);
    // Scope still holds under a search: the Panyu reviewer never sees Tianhe's record.
    expect((await list('panyu-reviewer', `q=${encodeURIComponent('天河区百分')}`)).body.total).toBe(0);
  });

  it('refuses bad filter values with a catalogued 400 naming the parameter', async () => {
    const cases: [string, string][] = [
      ['minScore=abc', '/minScore'],
      ['maxScore=1e3', '/maxScore'],
      ['minScore=90&maxScore=10', '/maxScore'],
      ['sort=name', '/sort'],
      [`q=${'x'.repeat(101)}`, '/q'],
    ];
    for (const [query, pointer] of cases) {
      const r = await list('city-reviewer', query);
      expect(r.status, query).toBe(400);
      expect(r.body.error.code).toBe('BAD_REQUEST');
      expect(r.body.error.details.map((d: any) => d.pointer)).toEqual([pointer]);
      expect(r.body.error.details[0].message['zh-CN']).toBeTruthy();
    }
  });

  it('bulk steps: each acknowledged item is committed, each refused one unchanged and reported', async () => {
    // minMembers 1 lets a 2-member cooperative be submitted, so the approve guard (members ≥ 3) can refuse it.
    const params = await t.call('GET', '/api/plugins/registry-demo/parameters', tok.admin);
    expect(
      (
        await t.call('PUT', '/api/plugins/registry-demo/parameters', tok.admin, {
          revision: params.body.revision,
          values: { ...params.body.values, minMembers: 1 },
        })
      ).status,
    ).toBe(202);
    await t.app.jobs.idle();
    const coop = async (id: string, who: string, unit: string, members: number, submit = true) => {
      const c = await t.call('POST', '/api/records', tok[who], {
        id,
        plugin: 'registry-demo',
        form: 'cooperative',
        period: '2024',
        orgUnitId: unit,
        data: { name: `合作社${id}`, creditCode: uscc(`9144010${id.length}MA5B${id.replace(/\D/g, '').padStart(5, '0')}`), members },
      });
      expect(c.status, JSON.stringify(c.body)).toBe(201);
      if (!submit) return c.body;
      const s = await t.call('POST', `/api/records/${id}/transitions`, tok[who], { revision: c.body.revision, transition: 'submit' });
      expect(s.status, JSON.stringify(s.body)).toBe(200);
      return s.body;
    };
    const a = await coop('b1', 'tianhe-officer', '440106', 25);
    const b = await coop('b2', 'tianhe-officer', '440106', 30);
    const stale = await coop('b3', 'tianhe-officer', '440106', 25);
    const small = await coop('b4', 'tianhe-officer', '440106', 2);
    const draft = await coop('b5', 'tianhe-officer', '440106', 25, false);
    const beside = await coop('b6', 'baiyun-officer', '440111', 25);

    const r = await t.call('POST', '/api/records/bulk-transitions', tok['tianhe-reviewer'], {
      transition: 'approve',
      items: [
        { id: 'b1', revision: a.revision },
        { id: 'b2', revision: b.revision },
        { id: 'b3', revision: stale.revision - 1 },
        { id: 'b4', revision: small.revision },
        { id: 'b5', revision: draft.revision },
        { id: 'b6', revision: beside.revision },
      ],
    });
    expect(r.status).toBe(200);
    expect(r.body.results.map((x: any) => [x.id, x.ok, x.ok ? x.state : x.error.code])).toEqual([
      ['b1', true, 'approved'],
      ['b2', true, 'approved'],
      ['b3', false, 'STALE_REVISION'],
      ['b4', false, 'GUARD_FAILED'],
      ['b5', false, 'TRANSITION_NOT_ALLOWED'],
      ['b6', false, 'NOT_FOUND'],
    ]);
    expect([r.body.succeeded, r.body.failed]).toEqual([2, 4]);
    expect(r.body.results[0].revision).toBe(a.revision + 1);
    expect(r.body.results[3].error.message['zh-CN']).toBeTruthy();

    const rows = await db()
      .selectFrom('records')
      .select(['id', 'state', 'revision'])
      .where('id', 'in', ['b1', 'b2', 'b3', 'b4', 'b5', 'b6'])
      .orderBy('id')
      .execute();
    expect(rows.map((x) => [x.id, x.state, x.revision])).toEqual([
      ['b1', 'approved', a.revision + 1],
      ['b2', 'approved', b.revision + 1],
      ['b3', 'submitted', stale.revision],
      ['b4', 'submitted', small.revision],
      ['b5', 'draft', draft.revision],
      ['b6', 'submitted', beside.revision],
    ]);
    const approvals = await db()
      .selectFrom('audit_events')
      .select('record_id')
      .where('transition', '=', 'approve')
      .orderBy('record_id')
      .execute();
    expect(approvals.map((x) => x.record_id)).toEqual(['b1', 'b2']);
  });

  it('bulk return needs its comment on every item, and records it', async () => {
    const current = await t.call('GET', '/api/records/b3', tok['tianhe-reviewer']);
    const small = await t.call('GET', '/api/records/b4', tok['tianhe-reviewer']);
    const items = [
      { id: 'b3', revision: current.body.revision },
      { id: 'b4', revision: small.body.revision },
    ];
    const bare = await t.call('POST', '/api/records/bulk-transitions', tok['tianhe-reviewer'], { transition: 'return', items });
    expect(bare.body.results.map((x: any) => x.error?.code)).toEqual(['COMMENT_REQUIRED', 'COMMENT_REQUIRED']);
    expect((await db().selectFrom('records').select('state').where('id', '=', 'b3').executeTakeFirstOrThrow()).state).toBe('submitted');

    const done = await t.call('POST', '/api/records/bulk-transitions', tok['tianhe-reviewer'], {
      transition: 'return',
      comment: '请补充成员名册',
      items,
    });
    expect(done.body.results.map((x: any) => [x.ok, x.state])).toEqual([
      [true, 'draft'],
      [true, 'draft'],
    ]);
    const comments = await db()
      .selectFrom('audit_events')
      .select(['record_id', 'comment'])
      .where('transition', '=', 'return')
      .orderBy('record_id')
      .execute();
    expect(comments).toEqual([
      { record_id: 'b3', comment: '请补充成员名册' },
      { record_id: 'b4', comment: '请补充成员名册' },
    ]);
  });

  it('refuses a malformed bulk request as a whole, naming the item', async () => {
    const bad: [object, string[]][] = [
      [{ transition: 'approve', items: [] }, ['/items']],
      [{ transition: 'approve', items: Array.from({ length: 201 }, (_, i) => ({ id: `x${i}`, revision: 1 })) }, ['/items']],
      [
        {
          transition: 'approve',
          items: [
            { id: 'b1', revision: 1 },
            { id: 'b1', revision: 1 },
          ],
        },
        ['/items/1/id'],
      ],
      [{ transition: 'approve', items: [{ id: 'b1' }] }, ['/items/0/revision']],
      [{ items: [{ id: 'b1', revision: 1 }] }, ['/transition']],
    ];
    for (const [body, pointers] of bad) {
      const r = await t.call('POST', '/api/records/bulk-transitions', tok['tianhe-reviewer'], body);
      expect(r.status).toBe(400);
      expect(r.body.error.code).toBe('BAD_REQUEST');
      expect(r.body.error.details.map((d: any) => d.pointer)).toEqual(pointers);
    }
    const unchanged = await db().selectFrom('records').select('revision').where('id', '=', 'b1').executeTakeFirstOrThrow();
    expect(unchanged.revision).toBe(3);
  });
});
