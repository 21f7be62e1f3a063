// Update imports on a real PostgreSQL, with the neutral update-demo plugin: rows patch the registered members their
// code matches (only the columns the file carries, also in a state officers cannot edit by hand), unchanged rows
// make no revision, unmatched rows and members outside the user's units are listed back and never created, mode
// `all` with a bad row changes nothing, class changes come back with before and after; and reference cells naming
// a member by its code.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type TestPlatform } from '../helpers/platform';
import { REPO_ROOT } from '../../platform/boot/config';
import { runImport } from '../../platform/imports/run-import';
import type { ImportRequest } from '../../platform/imports/import-types';
import { HezuoError } from '../../platform/errors';
import { principalNamed, readSheet, xlsxOf } from './helpers';

let t: TestPlatform;
const ids: Record<string, string> = {};

async function create(user: string, unit: string, period: string, data: Record<string, unknown>, form = 'member') {
  const token = await t.login(user);
  const r = await t.call('POST', '/api/records', token, { plugin: 'update-demo', form, period, orgUnitId: unit, data });
  if (r.status !== 201) throw new Error(`create: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body as { id: string; revision: number };
}

async function transition(id: string, revision: number, name: string) {
  const r = await t.call('POST', `/api/records/${id}/transitions`, await t.login('tianhe-reviewer'), { revision, transition: name });
  if (r.status !== 200) throw new Error(`${name}: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body.revision as number;
}

beforeAll(async () => {
  t = await startTestPlatform({ pluginsDirs: [path.join(REPO_ROOT, 'test/imports/plugins')] });
  const m = (code: string, extra: Record<string, unknown> = {}) => ({
    code,
    name: `会员${code}`,
    status: 'active',
    flagged: false,
    ...extra,
  });
  ids.M001 = (await create('tianhe-officer', '440106', '2024', m('M001', { members: 12, note: '保留' }))).id;
  const m2 = await create('tianhe-officer', '440106', '2024', m('M002', { members: 3 }));
  ids.M002 = m2.id;
  await transition(m2.id, m2.revision, 'confirm');
  ids.M003 = (await create('tianhe-officer', '440106', '2024', m('M003'))).id;
  ids.M004 = (await create('baiyun-officer', '440111', '2024', m('M004'))).id;
  const m5 = await create('tianhe-officer', '440106', '2024', m('M005'));
  ids.M005 = m5.id;
  await transition(m5.id, await transition(m5.id, m5.revision, 'confirm'), 'archive');
}, 120_000);
afterAll(async () => {
  await t?.close();
});

async function importAs(username: string, over: Partial<ImportRequest> & Pick<ImportRequest, 'source'>) {
  return runImport(t.platform.ctx, await principalNamed(t.platform.ctx, username), {
    plugin: 'update-demo',
    form: 'member',
    period: '2024',
    mode: 'valid',
    update: true,
    fileName: 'quarter.xlsx',
    locale: 'zh-CN',
    ...over,
  });
}

const members = () =>
  t.platform.ctx.db
    .selectFrom('records')
    .select(['id', 'subject', 'revision', 'state', 'data', 'results'])
    .where('plugin_id', '=', 'update-demo')
    .where('form_id', '=', 'member')
    .orderBy('subject')
    .orderBy('period')
    .execute();

const eventsOf = (id: string) =>
  t.platform.ctx.db
    .selectFrom('audit_events')
    .select(['action', 'revision', 'comment', 'changes'])
    .where('record_id', '=', id)
    .orderBy('id')
    .execute();

const HEADER = ['编号', '登记状态', '列入异常名录'];

describe('update import into update-demo/member', () => {
  it('mode all with a bad row changes nothing: same records, same data, same revisions', async () => {
    const before = await members();
    const r = await importAs('tianhe-officer', {
      mode: 'all',
      source: await xlsxOf(HEADER, [
        ['M001', '注销', '否'],
        ['M003', '停业', '否'], // not an allowed status, and no alias for it
      ]),
    });
    expect(r.committed).toBe(false);
    expect(r.counts).toEqual({ rows: 2, created: 0, updated: 0, unchanged: 0, rejected: 1, unmatched: 0 });
    expect(r.rejected.map((x) => [x.row, x.errors.map((e) => e.pointer)])).toEqual([[3, ['/status']]]);
    expect(r.classChanges).toEqual([]);
    expect(await members()).toEqual(before);
  });

  it('patches only the columns the file carries, in the confirmed state too; lists unmatched rows; reports class changes', async () => {
    const r = await importAs('tianhe-officer', {
      source: await xlsxOf(HEADER, [
        ['M001', '注销', '否'], // 2: status changes, note and members stay
        ['M002', '吊销,未注销', '是'], // 3: confirmed (not editable by hand), allowed by import.update.states
        ['M003', '存续(在营、开业、在册)', '否'], // 4: same as stored: no revision
        ['M004', '注销', '否'], // 5: Baiyun's member: outside the user's units, told as unmatched
        ['M009', '注销', '否'], // 6: no such member: listed, never created
        ['M005', '注销', '否'], // 7: archived: not a state the update may change
      ]),
    });
    expect(r.committed).toBe(true);
    expect(r.counts).toEqual({ rows: 6, created: 0, updated: 2, unchanged: 1, rejected: 1, unmatched: 2 });
    expect(r.unmatched.map((x) => [x.row, x.errors[0].pointer, x.errors[0].keyword])).toEqual([
      [5, '/code', 'unmatched'],
      [6, '/code', 'unmatched'],
    ]);
    expect(r.rejected.map((x) => [x.row, x.errors[0].keyword])).toEqual([[7, 'state']]);

    const rows = await members();
    expect(rows.map((x) => [x.subject, x.state, x.revision, x.data.status, x.data.flagged])).toEqual([
      ['M001', 'draft', 2, 'closed', false],
      ['M002', 'confirmed', 3, 'revoked', true],
      ['M003', 'draft', 1, 'active', false],
      ['M004', 'draft', 1, 'active', false],
      ['M005', 'archived', 3, 'active', false],
    ]);
    // Columns the file does not carry are untouched.
    expect(rows[0].data).toEqual({ code: 'M001', name: '会员M001', status: 'closed', flagged: false, members: 12, note: '保留' });

    // One audited revision per changed record, from the import; none for the unchanged row.
    const h1 = await eventsOf(ids.M001);
    expect(h1.map((e) => [e.action, e.revision, e.comment])).toEqual([
      ['create', 1, null],
      ['update', 2, '导入 import: quarter.xlsx'],
    ]);
    expect((h1[1].changes as { pointer: string }[]).map((c) => c.pointer)).toEqual(['/status']);
    expect((await eventsOf(ids.M002)).map((e) => [e.action, e.revision])).toEqual([
      ['create', 1],
      ['transition', 2],
      ['update', 3],
    ]);
    expect((await eventsOf(ids.M003)).map((e) => e.revision)).toEqual([1]);

    // Rules re-ran: M001 closed and M002 flagged leave `keep` for `exit`; their size class did not move.
    expect(r.classChanges).toEqual([
      {
        row: 2,
        recordId: ids.M001,
        subject: 'M001',
        subjectTitle: '会员M001',
        changes: [{ rule: 'standing', before: 'keep', after: 'exit' }],
      },
      {
        row: 3,
        recordId: ids.M002,
        subject: 'M002',
        subjectTitle: '会员M002',
        changes: [{ rule: 'standing', before: 'keep', after: 'exit' }],
      },
    ]);
    expect((rows[1].results as any).classes).toEqual({ standing: 'exit', size: 'small' });

    // The error file lists the unmatched rows beside the rejected one, with their cells.
    const sheet = await readSheet(r.errorFile!);
    expect(sheet[1]).toEqual(['行号', ...HEADER, '错误']);
    expect(sheet.slice(2).map((l) => [l[0], l[1], l[4]])).toEqual([
      [5, 'M004', '【编号】没有与关键字段匹配的记录,更新导入不新建记录'],
      [6, 'M009', '【编号】没有与关键字段匹配的记录,更新导入不新建记录'],
      [7, 'M005', '已有记录处于“已归档”状态,不能通过导入修改'],
    ]);
  });

  it('the roles import.update names may run it: a reviewer, who may not create members', async () => {
    const r = await importAs('tianhe-reviewer', { source: await xlsxOf(['编号', '人数'], [['M003', 15]]) });
    expect(r.counts).toEqual({ rows: 1, created: 0, updated: 1, unchanged: 0, rejected: 0, unmatched: 0 });
    expect(r.classChanges).toEqual([
      {
        row: 2,
        recordId: ids.M003,
        subject: 'M003',
        subjectTitle: '会员M003',
        changes: [{ rule: 'size', before: 'small', after: 'large' }],
      },
    ]);
  });

  it('mode all still writes when the only rows left out are unmatched ones (they are not rejections)', async () => {
    const r = await importAs('tianhe-officer', {
      mode: 'all',
      source: await xlsxOf(
        ['编号', '人数'],
        [
          ['M003', 20],
          ['M777', 20],
        ],
      ),
    });
    expect(r.committed).toBe(true);
    expect(r.counts).toEqual({ rows: 2, created: 0, updated: 1, unchanged: 0, rejected: 0, unmatched: 1 });
    expect((await members()).find((m) => m.subject === 'M003')!.data.members).toBe(20);
    expect((await members()).map((m) => m.subject)).not.toContain('M777');
  });

  it('an upsert import still refuses the confirmed state, and an update import of a keyless form is refused', async () => {
    const r = await importAs('tianhe-officer', {
      update: false,
      orgUnitId: '440106',
      source: await xlsxOf(HEADER, [['M002', '注销', '是']]),
    });
    expect(r.rejected.map((x) => x.errors[0].keyword)).toEqual(['state']);
    await expect(importAs('tianhe-officer', { form: 'contact', period: '', source: await xlsxOf(['姓名'], [['张三']]) })).rejects.toThrow(
      HezuoError,
    );
  });
});

describe('reference cells by the referenced form’s natural key', () => {
  it('fills the reference with the member of that code in the user’s units (latest period); none → REFERENCE_KEY_NOT_FOUND', async () => {
    const later = await create('tianhe-officer', '440106', '2025', { code: 'M001', name: '会员M001', status: 'active' });
    const r = await runImport(t.platform.ctx, await principalNamed(t.platform.ctx, 'tianhe-officer'), {
      plugin: 'update-demo',
      form: 'contact',
      period: '',
      orgUnitId: '440106',
      mode: 'valid',
      fileName: 'contacts.xlsx',
      locale: 'zh-CN',
      source: await xlsxOf(
        ['姓名', '会员编号'],
        [
          ['张三', 'M001'],
          ['李四', 'M004'], // Baiyun's: not in the user's units
          ['王五', 'M999'],
        ],
      ),
    });
    expect(r.counts).toEqual({ rows: 3, created: 1, updated: 0, unchanged: 0, rejected: 2 });
    const contacts = await t.platform.ctx.db.selectFrom('records').select(['data']).where('form_id', '=', 'contact').execute();
    expect(contacts.map((c) => c.data)).toEqual([{ name: '张三', member: later.id }]);
    expect(r.rejected.map((x) => x.errors.map((e) => [x.row, e.pointer, e.code, e.message['zh-CN'], e.message.en]))).toEqual([
      [
        [
          3,
          '/member',
          'REFERENCE_KEY_NOT_FOUND',
          '没有编号为“M004”的会员记录(或不在您的管辖范围)',
          'No Member record with 编号 "M004" in your units',
        ],
      ],
      [
        [
          4,
          '/member',
          'REFERENCE_KEY_NOT_FOUND',
          '没有编号为“M999”的会员记录(或不在您的管辖范围)',
          'No Member record with 编号 "M999" in your units',
        ],
      ],
    ]);
  });

  it('a keyOf column keeps the keys, item by item in a list of objects, each checked against the members in scope', async () => {
    const r = await runImport(t.platform.ctx, await principalNamed(t.platform.ctx, 'tianhe-officer'), {
      plugin: 'update-demo',
      form: 'contact',
      period: '',
      orgUnitId: '440106',
      mode: 'valid',
      fileName: 'contacts2.xlsx',
      locale: 'en',
      source: await xlsxOf(
        ['姓名', '会员编号', '关联会员'],
        [
          ['赵六', 'M002', 'M002、M003'],
          ['钱七', 'M003', 'M001;M004;M998'], // M004: Baiyun's; M998: none
        ],
      ),
    });
    expect(r.counts).toEqual({ rows: 2, created: 1, updated: 0, unchanged: 0, rejected: 1 });
    const made = await t.platform.ctx.db
      .selectFrom('records')
      .select(['data'])
      .where('form_id', '=', 'contact')
      .where('subject_title', '=', '赵六')
      .executeTakeFirstOrThrow();
    expect(made.data).toEqual({ name: '赵六', member: ids.M002, related: [{ code: 'M002' }, { code: 'M003' }] });
    expect(r.rejected[0].errors.map((e) => [e.pointer, e.code, e.message.en])).toEqual([
      ['/related', 'REFERENCE_KEY_NOT_FOUND', 'No Member record with 编号 "M004" in your units'],
      ['/related', 'REFERENCE_KEY_NOT_FOUND', 'No Member record with 编号 "M998" in your units'],
    ]);
  });
});
