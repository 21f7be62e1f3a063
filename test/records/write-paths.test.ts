// One table of record writes, run through every path that writes records — a create and an edit through the
// HTTP API, a spreadsheet import, a bulk workflow step and a parameter recompute — each accepting and refusing the
// same cases with the same error code and pointer, since all of them go through one planning step
// (platform/records/plan-write.ts, plan-transition.ts and planRecompute over the same evaluation). A path is left
// out of a case only where its own rule differs on purpose or the case cannot arise there: a step leaving the draft
// state needs the record complete and is taken by the workflow's roles, not the form's create role; a recompute is
// the platform's own, sees every record and checks no schema; a step or a recompute acts on a stored record, whose
// unit and subject were checked when it was written.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type TestPlatform } from '../helpers/platform';
import { principalNamed, uscc, xlsxOf } from '../imports/helpers';
import { runImport } from '../../platform/imports/run-import';
import { HezuoError } from '../../platform/errors';
import { getRecord, insertRecord } from '../../platform/store/records-store';
import { recomputeRecords } from '../../platform/records/recompute';
import { effectiveParameters } from '../../platform/parameters/effective-parameters';

type Path = 'api-create' | 'api-update' | 'import' | 'bulk-submit' | 'recompute';
type Outcome = 'ok' | { code: string; pointer: string };
type Form = 'cooperative' | 'household';

interface Fixtures {
  hiddenCoop: string;
  hiddenCode: string;
  takenCode: string;
}

interface Case {
  name: string;
  form: Form;
  /** The data written; `code` is a credit code of its own for this case and path. */
  data: (code: string, f: Fixtures) => Record<string, unknown>;
  /** Who writes (default tianhe-officer) and at which unit (default 440106). */
  user?: string;
  unit?: string;
  /** The state of the record an edit, an import update or a step acts on (default draft). */
  state?: 'draft' | 'submitted';
  expect: Outcome;
  paths: Path[];
}

const coop = (code: string, extra: Record<string, unknown> = {}) => ({
  name: '测试合作社',
  creditCode: code,
  members: 25,
  phone: '13800138000',
  ...extra,
});

const CASES: Case[] = [
  {
    name: 'a draft may lack a required field',
    form: 'cooperative',
    data: (code) => ({ name: '测试合作社', creditCode: code }),
    expect: 'ok',
    paths: ['api-create', 'api-update', 'import', 'recompute'],
  },
  {
    name: 'a value of the wrong format is refused',
    form: 'cooperative',
    data: (code) => coop(code, { phone: '12345' }),
    expect: { code: 'VALIDATION_FAILED', pointer: '/data/phone' },
    paths: ['api-create', 'api-update', 'import', 'bulk-submit'],
  },
  {
    name: 'a reference to a missing record is refused',
    form: 'household',
    data: () => ({ head: '张三', size: 3, cooperative: 'no-such-record' }),
    expect: { code: 'REFERENCE_INVALID', pointer: '/cooperative' },
    paths: ['api-create', 'api-update', 'import', 'bulk-submit', 'recompute'],
  },
  {
    name: "a reference to a record outside the user's units is refused",
    form: 'household',
    data: (_c, f) => ({ head: '张三', size: 3, cooperative: f.hiddenCoop }),
    expect: { code: 'REFERENCE_INVALID', pointer: '/cooperative' },
    paths: ['api-create', 'api-update', 'import', 'bulk-submit'],
  },
  {
    name: "a unit outside the user's units is refused",
    form: 'cooperative',
    unit: '440111',
    data: (code) => coop(code),
    expect: { code: 'ORG_UNIT_INVALID', pointer: '/orgUnitId' },
    paths: ['api-create', 'import'],
  },
  {
    name: "a user without the form's create role is refused",
    form: 'cooperative',
    user: 'tianhe-reviewer',
    data: (code) => coop(code),
    expect: { code: 'FORBIDDEN', pointer: '' },
    paths: ['api-create', 'api-update', 'import'],
  },
  {
    name: 'a record past its editable state is refused',
    form: 'cooperative',
    state: 'submitted',
    data: (code) => coop(code, { members: 30 }),
    expect: { code: 'TRANSITION_NOT_ALLOWED', pointer: '/state' },
    paths: ['api-update', 'import'],
  },
  {
    name: "a subject already registered in the user's units is refused",
    form: 'cooperative',
    data: (_c, f) => coop(f.takenCode),
    expect: { code: 'DUPLICATE_RECORD', pointer: '/data/creditCode' },
    paths: ['api-create', 'api-update'],
  },
  {
    name: 'a subject already registered elsewhere is refused in the same words',
    form: 'cooperative',
    data: (_c, f) => coop(f.hiddenCode),
    expect: { code: 'DUPLICATE_RECORD', pointer: '/data/creditCode' },
    paths: ['api-create', 'api-update', 'import'],
  },
  {
    name: 'a valid record is accepted',
    form: 'cooperative',
    data: (code) => coop(code),
    expect: 'ok',
    paths: ['api-create', 'api-update', 'import', 'bulk-submit', 'recompute'],
  },
];

let t: TestPlatform;
const tokens: Record<string, string> = {};
let fixtures: Fixtures;
let nextCode = 500;
const freshCode = () => uscc(nextCode++, '91440106MA7');
const periodOf = (form: Form) => (form === 'household' ? '' : '2024');

beforeAll(async () => {
  t = await startTestPlatform();
  for (const u of ['tianhe-officer', 'tianhe-reviewer', 'baiyun-officer']) tokens[u] = await t.login(u);
  const hiddenCode = freshCode();
  const takenCode = freshCode();
  const hidden = await t.call('POST', '/api/records', tokens['baiyun-officer'], {
    plugin: 'registry-demo',
    form: 'cooperative',
    period: '2024',
    orgUnitId: '440111',
    data: coop(hiddenCode),
  });
  const taken = await t.call('POST', '/api/records', tokens['tianhe-officer'], {
    plugin: 'registry-demo',
    form: 'cooperative',
    period: '2024',
    orgUnitId: '440106',
    data: coop(takenCode),
  });
  expect([hidden.status, taken.status]).toEqual([201, 201]);
  fixtures = { hiddenCoop: hidden.body.id, hiddenCode, takenCode };
});
afterAll(async () => {
  await t?.close();
});

const apiOutcome = (r: { status: number; body: any }): Outcome =>
  r.status < 300 ? 'ok' : { code: r.body.error.code, pointer: r.body.error.details?.[0]?.pointer ?? '' };

/** A draft made through the API by the unit's officer (then submitted when the case wants it), for an edit to act on. */
async function madeRecord(c: Case, data: Record<string, unknown>): Promise<{ id: string; revision: number }> {
  const r = await t.call('POST', '/api/records', tokens['tianhe-officer'], {
    plugin: 'registry-demo',
    form: c.form,
    period: periodOf(c.form),
    orgUnitId: '440106',
    data,
  });
  expect(r.status).toBe(201);
  if (c.state !== 'submitted') return { id: r.body.id, revision: r.body.revision };
  const s = await t.call('POST', `/api/records/${r.body.id}/transitions`, tokens['tianhe-officer'], {
    revision: r.body.revision,
    transition: 'submit',
  });
  expect(s.status).toBe(200);
  return { id: s.body.id, revision: s.body.revision };
}

/** A valid starting point of the case's form with the case's own subject, so an edit changes only what the case says. */
const validStart = (c: Case, code: string) => (c.form === 'household' ? { head: '张三', size: 3 } : coop(code, { members: 10 }));

/** The case's data as it is stored, whatever the rules say of it: what a step or a recompute finds in the table. */
async function storedRecord(c: Case, data: Record<string, unknown>): Promise<string> {
  const officer = await principalNamed(t.platform.ctx, 'tianhe-officer');
  const id = `stored-${nextCode++}`;
  const outcome = await insertRecord(t.platform.ctx.db, {
    id,
    pluginId: 'registry-demo',
    pluginVersion: '1.0.0',
    formId: c.form,
    period: periodOf(c.form),
    orgUnitId: '440106',
    orgPath: '/440000/440100/440106/',
    subject: (data.creditCode as string | undefined) ?? null,
    subjectTitle: null,
    uniqueKey: null,
    data,
    results: {},
    state: 'draft',
    workflow: {},
    revision: 1,
    createDigest: 'stored',
    createdBy: officer.user.id,
  });
  expect(outcome).toBe('inserted');
  return id;
}

const COLUMNS: Record<Form, [string, string][]> = {
  cooperative: [
    ['名称', 'name'],
    ['统一社会信用代码', 'creditCode'],
    ['成员数', 'members'],
    ['手机号', 'phone'],
  ],
  household: [
    ['户主', 'head'],
    ['人口', 'size'],
    ['绑定合作社', 'cooperative'],
  ],
};

/** An import's row errors point into the data (or '' at the row); the API's pointers name the body. */
const rowPointer = (p: string) => (p.startsWith('/data/') ? p.slice(5) : ['/state', '/orgUnitId', '/id'].includes(p) ? '' : p);

const run: Record<Path, (c: Case) => Promise<Outcome>> = {
  async 'api-create'(c) {
    const r = await t.call('POST', '/api/records', tokens[c.user ?? 'tianhe-officer'], {
      plugin: 'registry-demo',
      form: c.form,
      period: periodOf(c.form),
      orgUnitId: c.unit ?? '440106',
      data: c.data(freshCode(), fixtures),
    });
    return apiOutcome(r);
  },
  async 'api-update'(c) {
    const code = freshCode();
    const rec = await madeRecord(c, validStart(c, code));
    const r = await t.call('PUT', `/api/records/${rec.id}`, tokens[c.user ?? 'tianhe-officer'], {
      revision: rec.revision,
      data: c.data(code, fixtures),
    });
    return apiOutcome(r);
  },
  async import(c) {
    const code = freshCode();
    if (c.state === 'submitted') await madeRecord(c, validStart(c, code));
    const data = c.data(code, fixtures);
    const cols = COLUMNS[c.form];
    const file = await xlsxOf(
      cols.map(([h]) => h),
      [cols.map(([, k]) => data[k] ?? null)],
    );
    const principal = await principalNamed(t.platform.ctx, c.user ?? 'tianhe-officer');
    try {
      const r = await runImport(t.platform.ctx, principal, {
        plugin: 'registry-demo',
        form: c.form,
        period: periodOf(c.form),
        orgUnitId: c.unit ?? '440106',
        mode: 'valid',
        fileName: 'case.xlsx',
        locale: 'zh-CN',
        source: file,
      });
      if (r.rejected.length)
        return {
          code: r.rejected[0].errors[0].code ?? `no code (${r.rejected[0].errors[0].keyword})`,
          pointer: r.rejected[0].errors[0].pointer,
        };
      expect(r.counts.created + r.counts.updated).toBe(1);
      return 'ok';
    } catch (e) {
      if (!(e instanceof HezuoError)) throw e;
      return { code: e.code, pointer: e.details[0]?.pointer ?? '' };
    }
  },
  async 'bulk-submit'(c) {
    const id = await storedRecord(c, c.data(freshCode(), fixtures));
    const r = await t.call('POST', '/api/records/bulk-transitions', tokens[c.user ?? 'tianhe-officer'], {
      transition: 'submit',
      items: [{ id, revision: 1 }],
    });
    expect(r.status).toBe(200);
    const item = r.body.results[0];
    return item.ok ? 'ok' : { code: item.error.code, pointer: item.error.details[0]?.pointer ?? '' };
  },
  async recompute(c) {
    const id = await storedRecord(c, c.data(freshCode(), fixtures));
    const ctx = t.platform.ctx;
    const plugin = ctx.registry.get('registry-demo');
    const outcome = await ctx.db.transaction().execute(async (tx) => {
      const row = (await getRecord(tx, id, true))!; // the job's lock on the rows it recomputes
      const params = (await effectiveParameters(tx, plugin)).values;
      return (
        await recomputeRecords(ctx, tx, [row], params, { actorId: (await principalNamed(ctx, 'admin')).user.id, comment: 'test' })
      ).get(id)!;
    });
    // A recompute reports only the code of what failed: the record is not the caller's input.
    return outcome.kind === 'failed' ? { code: outcome.code, pointer: '' } : 'ok';
  },
};

const expected = (c: Case, path: Path): Outcome => {
  if (c.expect === 'ok') return 'ok';
  if (path === 'recompute') return { code: c.expect.code, pointer: '' };
  // A whole import refused (its target unit) keeps the API's pointer; a refused row points into the row.
  if (path === 'import' && c.expect.code !== 'ORG_UNIT_INVALID') return { code: c.expect.code, pointer: rowPointer(c.expect.pointer) };
  return c.expect;
};

describe('every write path accepts and refuses the same writes', () => {
  for (const c of CASES) {
    it(c.name, async () => {
      const got: Partial<Record<Path, Outcome>> = {};
      const want: Partial<Record<Path, Outcome>> = {};
      for (const path of c.paths) {
        got[path] = await run[path](c);
        want[path] = expected(c, path);
      }
      expect(got).toEqual(want);
    });
  }
});
