// Attachments through the API: uploads checked against the field's x-attachment (type told by the bytes, size),
// ids in a saved record checked and linked, downloads only for the uploader and those who see the record.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUNDLED_PLUGINS, TEST_PLUGINS, startTestPlatform, type TestPlatform } from '../helpers/platform';
import { testBackend } from '../helpers/database';
import { docx, multipart, pdf, png, upload } from '../helpers/uploads';

let t: TestPlatform;
const tok: Record<string, string> = {};
const COOP = { plugin: 'registry-demo', form: 'cooperative', field: '/documents' };
const GZ = { plugin: 'guangzhou-demonstration', form: 'application', field: '/attachments/applicationForm' };
const MB = 1024 * 1024;

beforeAll(async () => {
  t = await startTestPlatform({ pluginsDirs: [TEST_PLUGINS, BUNDLED_PLUGINS] });
  for (const u of ['tianhe-officer', 'tianhe-reviewer', 'panyu-officer', 'panyu-reviewer']) tok[u] = await t.login(u);
}, 120_000);
afterAll(async () => {
  await t?.close();
});

const row = (id: string) => t.platform.ctx.db.selectFrom('attachments').selectAll().where('id', '=', id).executeTakeFirst();
const coop = (id: string, documents: string[], creditCode: string, who = 'tianhe-officer') =>
  t.call('POST', '/api/records', tok[who], {
    id,
    plugin: 'registry-demo',
    form: 'cooperative',
    period: '2024',
    orgUnitId: who.startsWith('panyu') ? '440113' : '440106',
    data: { name: `合作社${id}`, creditCode, members: 30, documents },
  });
const download = (id: string, who?: string) =>
  t.app.inject({ method: 'GET', url: `/api/attachments/${id}`, headers: who ? { authorization: `Bearer ${tok[who]}` } : {} });

describe(`attachments (${testBackend()})`, () => {
  it('stores an accepted PDF with its hash, size, uploader and unit, not yet linked', async () => {
    const content = pdf(2000);
    const r = await upload(t, tok['tianhe-officer'], COOP, { name: '../../章程 (2024).pdf', type: 'application/pdf', content });
    expect(r.status).toBe(201);
    expect(r.body).toEqual({ id: expect.any(String), name: '章程 (2024).pdf', size: 2000, type: 'application/pdf' });
    const saved = await row(r.body.id);
    expect(saved).toMatchObject({
      plugin_id: 'registry-demo',
      form_id: 'cooperative',
      field: '/documents',
      file_name: '章程 (2024).pdf',
      media_type: 'application/pdf',
      size: 2000,
      sha256: createHash('sha256').update(content).digest('hex'),
      record_id: null,
    });
    expect(Buffer.compare(saved!.content, content)).toBe(0);
    const user = await t.platform.ctx.db
      .selectFrom('users')
      .select('id')
      .where('username', '=', 'tianhe-officer')
      .executeTakeFirstOrThrow();
    expect(saved!.uploaded_by).toBe(user.id);
    expect(saved!.org_path).toContain('/440106/');
  });

  it('tells the type by the bytes: a renamed file or an unaccepted type is refused', async () => {
    const cases: [string, string, Buffer, number][] = [
      ['fake.pdf', 'application/pdf', Buffer.from('just text, not a PDF'), 415],
      ['photo.pdf', 'application/pdf', png(), 415],
      ['scan.png', 'image/png', pdf(), 415],
      ['report.docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', docx(), 415],
      ['notes.txt', 'text/plain', Buffer.from('hello'), 415],
      ['photo.png', 'image/png', png(), 201],
      ['scan.pdf', 'application/octet-stream', pdf(), 201],
    ];
    for (const [name, type, content, status] of cases) {
      const r = await upload(t, tok['tianhe-officer'], COOP, { name, type, content });
      expect(r.status, `${name} as ${type}`).toBe(status);
      if (status === 415) expect(r.body.error.code).toBe('ATTACHMENT_TYPE_NOT_ALLOWED');
    }
    // The Guangzhou field accepts Word files: a .docx (zip) and a legacy .doc (OLE) pass there, a zip claimed as .doc does not.
    const ole = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]);
    expect(
      (
        await upload(t, tok['panyu-officer'], GZ, {
          name: 'a.docx',
          type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
          content: docx(),
        })
      ).status,
    ).toBe(201);
    expect((await upload(t, tok['panyu-officer'], GZ, { name: 'a.doc', type: 'application/msword', content: ole })).status).toBe(201);
    expect((await upload(t, tok['panyu-officer'], GZ, { name: 'b.doc', type: 'application/msword', content: docx() })).status).toBe(415);
  });

  it('holds the size limit of the field: exactly maxSize passes, one byte more is refused; 20 MB files are served', async () => {
    expect((await upload(t, tok['tianhe-officer'], COOP, { name: 'a.pdf', type: 'application/pdf', content: pdf(MB) })).status).toBe(201);
    const over = await upload(t, tok['tianhe-officer'], COOP, { name: 'b.pdf', type: 'application/pdf', content: pdf(MB + 1) });
    expect(over.status).toBe(413);
    expect(over.body.error).toMatchObject({ code: 'ATTACHMENT_TOO_LARGE', details: [{ params: { limit: MB } }] });
    expect((await upload(t, tok['panyu-officer'], GZ, { name: 'big.pdf', type: 'application/pdf', content: pdf(20 * MB) })).status).toBe(
      201,
    );
    expect(
      (await upload(t, tok['panyu-officer'], GZ, { name: 'bigger.pdf', type: 'application/pdf', content: pdf(20 * MB + 1) })).status,
    ).toBe(413);
  }, 60_000);

  it('refuses uploads that are not for an attachment field, lack parts, or come from nobody', async () => {
    const file = { name: 'a.pdf', type: 'application/pdf', content: pdf() };
    const bad: [Record<string, string>, typeof file | undefined, string | undefined, number, string][] = [
      [{ ...COOP, field: '/name' }, file, 'tianhe-officer', 422, 'ATTACHMENT_INVALID'],
      [{ ...COOP, field: '/nope' }, file, 'tianhe-officer', 422, 'ATTACHMENT_INVALID'],
      [{ plugin: 'registry-demo', form: 'cooperative' }, file, 'tianhe-officer', 422, 'ATTACHMENT_INVALID'],
      [COOP, undefined, 'tianhe-officer', 422, 'ATTACHMENT_INVALID'],
      [{ ...COOP, plugin: 'nope' }, file, 'tianhe-officer', 404, 'NOT_FOUND'],
      [{ ...COOP, orgUnitId: '440113' }, file, 'tianhe-officer', 422, 'ORG_UNIT_INVALID'],
      [COOP, { ...file, content: Buffer.alloc(0) }, 'tianhe-officer', 422, 'ATTACHMENT_INVALID'],
      [COOP, file, 'tianhe-reviewer', 403, 'FORBIDDEN'],
      [COOP, file, undefined, 401, 'UNAUTHENTICATED'],
    ];
    for (const [fields, f, who, status, code] of bad) {
      const r = await upload(t, who ? tok[who] : undefined, fields, f);
      expect([r.status, r.body.error.code], JSON.stringify(fields)).toEqual([
        status,
        expect.stringMatching(code === 'NOT_FOUND' ? /NOT_FOUND/ : code),
      ]);
    }
    const json = await t.call('POST', '/api/attachments', tok['tianhe-officer'], { plugin: 'registry-demo' });
    expect([json.status, json.body.error.code]).toEqual([422, 'ATTACHMENT_INVALID']);
    const { payload, headers } = multipart(COOP, { name: 'a.pdf', type: 'application/pdf', content: pdf() });
    const cut = await t.app.inject({
      method: 'POST',
      url: '/api/attachments',
      headers: { ...headers, authorization: `Bearer ${tok['tianhe-officer']}` },
      payload: payload.subarray(0, payload.length - 30),
    });
    expect(cut.statusCode).toBeGreaterThanOrEqual(400);
    expect(cut.statusCode).toBeLessThan(500);
  });

  it('links the ids of a saved record, and refuses unknown, foreign, misplaced and surplus ids without saving', async () => {
    const mine = (await upload(t, tok['tianhe-officer'], COOP, { name: '材料.pdf', type: 'application/pdf', content: pdf() })).body.id;
    const created = await coop('att-1', [mine], '91440106MA5WEB0014');
    expect(created.status).toBe(201);
    const linked = await row(mine);
    expect(linked).toMatchObject({ record_id: 'att-1', org_path: expect.stringContaining('/440106/') });

    const theirs = (await upload(t, tok['panyu-officer'], COOP, { name: 'x.pdf', type: 'application/pdf', content: pdf() })).body.id;
    const otherField = (await upload(t, tok['panyu-officer'], GZ, { name: 'y.pdf', type: 'application/pdf', content: pdf() })).body.id;
    const fresh = () =>
      upload(t, tok['tianhe-officer'], COOP, { name: 'z.pdf', type: 'application/pdf', content: pdf() }).then((r) => r.body.id as string);
    const gzMine = (await upload(t, tok['panyu-officer'], GZ, { name: 'g.pdf', type: 'application/pdf', content: pdf() })).body.id;
    const refusals: [string[], string][] = [
      [['no-such-attachment'], 'ATTACHMENT_INVALID'],
      [[theirs], 'ATTACHMENT_INVALID'], // uploaded by someone else
      [[mine], 'ATTACHMENT_INVALID'], // already another record's
      [[otherField], 'ATTACHMENT_INVALID'], // another plugin's form and field
      [[await fresh(), await fresh(), await fresh()], 'VALIDATION_FAILED'], // maxFiles 2, said by the schema
    ];
    for (const [ids, code] of refusals) {
      const r = await coop(`att-x${refusals.findIndex((x) => x[0] === ids)}`, ids, '91440106MA5WEB0027');
      expect([r.status, r.body.error.code], JSON.stringify(ids)).toEqual([422, code]);
      expect(r.body.error.details[0].pointer).toMatch(/^\/data\/documents/);
    }
    expect(await t.platform.ctx.db.selectFrom('records').select('id').where('id', 'like', 'att-x%').execute()).toEqual([]);
    expect((await row(theirs))!.record_id).toBeNull();
    expect((await row(gzMine))!.record_id).toBeNull();

    // An edit keeps the record's own files and adds a new one; an update naming a foreign id changes nothing.
    const second = await fresh();
    const edited = await t.call('PUT', '/api/records/att-1', tok['tianhe-officer'], {
      revision: created.body.revision,
      data: { ...created.body.data, documents: [mine, second] },
    });
    expect(edited.status).toBe(200);
    expect((await row(second))!.record_id).toBe('att-1');
    const foreign = await t.call('PUT', '/api/records/att-1', tok['tianhe-officer'], {
      revision: edited.body.revision,
      data: { ...edited.body.data, documents: [theirs] },
    });
    expect([foreign.status, foreign.body.error.code]).toEqual([422, 'ATTACHMENT_INVALID']);
    expect((await t.call('GET', '/api/records/att-1', tok['tianhe-officer'])).body.revision).toBe(edited.body.revision);
  });

  it('serves a file to its uploader and to those who see its record, with a safe download header; 404 to anyone else', async () => {
    const content = pdf(777);
    const id = (await upload(t, tok['tianhe-officer'], COOP, { name: '年度 报告-1.pdf', type: 'application/pdf', content })).body.id;
    expect((await download(id, 'tianhe-reviewer')).statusCode).toBe(404); // not linked yet: the uploader's alone
    const own = await download(id, 'tianhe-officer');
    expect(own.statusCode).toBe(200);
    expect(own.headers['content-type']).toBe('application/pdf');
    expect(own.headers['x-content-type-options']).toBe('nosniff');
    expect(own.headers['content-disposition']).toBe(
      `attachment; filename="__ __-1.pdf"; filename*=UTF-8''${encodeURIComponent('年度 报告-1.pdf')}`,
    );
    expect(Buffer.compare(own.rawPayload, content)).toBe(0);

    expect((await coop('att-2', [id], '91440106MA5WEB003A')).status).toBe(201);
    const reviewer = await download(id, 'tianhe-reviewer');
    expect(reviewer.statusCode).toBe(200);
    expect(Buffer.compare(reviewer.rawPayload, content)).toBe(0);
    for (const who of ['panyu-officer', 'panyu-reviewer']) {
      const r = await download(id, who);
      expect([r.statusCode, JSON.parse(r.body).error.code], who).toEqual([404, 'NOT_FOUND']);
    }
    expect((await download(id)).statusCode).toBe(401);
    expect((await download('no-such', 'tianhe-officer')).statusCode).toBe(404);

    const metas = await t.call('GET', `/api/attachments?ids=${id},no-such`, tok['tianhe-reviewer']);
    expect(metas.body.attachments).toEqual([
      { id, name: '年度 报告-1.pdf', size: 777, type: 'application/pdf', field: '/documents', recordId: 'att-2' },
    ]);
    expect((await t.call('GET', `/api/attachments?ids=${id}`, tok['panyu-reviewer'])).body.attachments).toEqual([]);
  });
});
