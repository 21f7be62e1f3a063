// A county sets up its own place: a new root beside the demo's (its creator becomes its admin), units below it in
// level order, users for it — by API; and the same by a seed file, applied to a running database as often as one
// likes (what exists and agrees is kept), refused whole when it disagrees with the tree.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../platform/boot/config';
import { startTestPlatform, type TestPlatform } from '../helpers/platform';
import { applySeed, readSeed } from '../../platform/orgs/apply-seed';
import { HezuoError } from '../../platform/errors';

let t: TestPlatform;
let admin: string;
const name = (zh: string, en: string) => ({ 'zh-CN': zh, en });
const unitCount = async () =>
  Number(
    (
      await t.platform.ctx.db
        .selectFrom('org_units')
        .select((e) => e.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
const auditCount = async (action: string) =>
  Number(
    (
      await t.platform.ctx.db
        .selectFrom('admin_audit')
        .select((e) => e.fn.countAll().as('n'))
        .where('action', '=', action)
        .executeTakeFirstOrThrow()
    ).n,
  );

beforeAll(async () => {
  t = await startTestPlatform();
  admin = await t.login('admin');
});
afterAll(() => t?.close());

describe('a new place by API', () => {
  it('an admin adds a root county beside the demo tree, becomes its admin, and builds below it in level order', async () => {
    const root = await t.call('POST', '/api/org-units', admin, {
      id: '990424',
      parentId: null,
      code: '990424',
      name: name('示范新县', 'New Example County'),
      level: 'county',
    });
    expect(root.status).toBe(200);
    expect(root.body).toMatchObject({ id: '990424', parentId: null, path: '/990424/', level: 'county' });
    const units = (await t.call('GET', '/api/org-units', admin)).body.units.map((u: any) => u.id);
    expect(units).toContain('990424'); // in scope: the creator holds admin there now
    const town = await t.call('POST', '/api/org-units', admin, {
      id: '990424100',
      parentId: '990424',
      code: '990424100',
      name: name('新城街道', 'Xincheng'),
      level: 'township',
    });
    expect(town.status).toBe(200);
    const village = await t.call('POST', '/api/org-units', admin, {
      id: '990424100201',
      parentId: '990424100',
      code: '990424100201',
      name: name('某村', 'A village'),
      level: 'village',
    });
    expect(village.body.path).toBe('/990424/990424100/990424100201/');
    const user = await t.call('POST', '/api/users', admin, {
      username: 'village-officer-1',
      displayName: '村级信息员',
      password: 'Qiu-shou-wheat-4821',
      roles: [{ role: 'officer', orgUnitId: '990424100201' }],
    });
    expect(user.status).toBe(201);
  });

  it('refuses a county under a township, naming the level', async () => {
    const before = await unitCount();
    const r = await t.call('POST', '/api/org-units', admin, {
      id: 'bad-county',
      parentId: '990424100',
      code: 'bad-county',
      name: name('错', 'Wrong'),
      level: 'county',
    });
    expect(r.status).toBe(422);
    expect(r.body.error.code).toBe('ORG_LEVEL_ORDER');
    expect(r.body.error.details[0].pointer).toBe('/level');
    expect(r.body.error.details[0].message['zh-CN']).toContain('县级机构不能设在乡级机构');
    const same = await t.call('POST', '/api/org-units', admin, {
      id: 'peer',
      parentId: '990424100',
      code: 'peer',
      name: name('同级', 'Peer'),
      level: 'township',
    });
    expect(same.body.error.code).toBe('ORG_LEVEL_ORDER');
    expect(await unitCount()).toBe(before);
  });

  it('refuses a code or id already in the tree (plugins find regions by code)', async () => {
    const code = await t.call('POST', '/api/org-units', admin, {
      id: 'other-id',
      parentId: null,
      code: '440103',
      name: name('重复', 'Dup'),
      level: 'county',
    });
    expect(code.status).toBe(409);
    expect(code.body.error).toMatchObject({ code: 'ORG_UNIT_EXISTS', details: [{ pointer: '/code' }] });
    const id = await t.call('POST', '/api/org-units', admin, {
      id: '990424',
      parentId: null,
      code: 'fresh-code',
      name: name('重复', 'Dup'),
      level: 'county',
    });
    expect(id.body.error).toMatchObject({ code: 'ORG_UNIT_EXISTS', details: [{ pointer: '/id' }] });
  });

  it('an officer may add neither a root nor a unit', async () => {
    const officer = await t.login('tianhe-officer');
    const r = await t.call('POST', '/api/org-units', officer, {
      id: 'mine',
      parentId: null,
      code: 'mine',
      name: name('我的', 'Mine'),
      level: 'county',
    });
    expect(r.status).toBe(422);
    expect(r.body.error).toMatchObject({ code: 'ORG_UNIT_INVALID', details: [{ pointer: '/parentId' }] });
  });

  it('audits the root with the admin it granted', async () => {
    const row = await t.platform.ctx.db
      .selectFrom('admin_audit')
      .selectAll()
      .where('action', '=', 'org_unit.create')
      .where('target_id', '=', '990424')
      .executeTakeFirstOrThrow();
    expect(row.details).toMatchObject({ parentId: null, level: 'county', adminGranted: 'admin' });
  });
});

describe('a seed file', () => {
  const file = {
    orgUnits: [
      { id: '990025', parentId: null, code: '990025', name: name('样板县', 'Sample County'), level: 'county' },
      { id: '990025100', parentId: '990025', code: '990025100', name: name('样板镇', 'Sample Town'), level: 'township' },
    ],
    users: [
      { username: 'seeded-admin', displayName: '县管理员', roles: [{ role: 'admin', orgUnitId: '990025' }] },
      { username: 'admin', displayName: '系统管理员', roles: [{ role: 'reviewer', orgUnitId: '990025' }] },
    ],
  };

  it('adds what the server lacks, grants roles to users it has, and the second run changes nothing', async () => {
    const audits = await auditCount('seed.apply');
    const first = await applySeed(t.platform.ctx, readSeed(JSON.stringify(file)), { password: 'Lotus-pond-spring-5512' });
    expect(first.unitsAdded).toEqual(['990025', '990025100']);
    expect(first.usersCreated.map((u) => u.username)).toEqual(['seeded-admin']);
    expect(first.rolesGranted).toEqual([{ username: 'admin', role: 'reviewer', orgUnitId: '990025' }]);
    expect(await auditCount('seed.apply')).toBe(audits + 1);
    const seeded = await t.login('seeded-admin', 'Lotus-pond-spring-5512');
    expect((await t.call('GET', '/api/org-units', seeded)).body.units.map((u: any) => u.id)).toEqual(['990025', '990025100']);

    const again = await applySeed(t.platform.ctx, readSeed(JSON.stringify(file)));
    expect(again).toEqual({ unitsAdded: [], unitsKept: ['990025', '990025100'], usersCreated: [], rolesGranted: [] });
    expect(await auditCount('seed.apply')).toBe(audits + 1);
  });

  const refusal = async (seed: unknown) => {
    const before = await unitCount();
    const users = (await t.platform.ctx.db.selectFrom('users').select('username').execute()).length;
    try {
      await applySeed(t.platform.ctx, readSeed(JSON.stringify(seed)), { password: 'Lotus-pond-spring-5512' });
    } catch (e) {
      expect(await unitCount()).toBe(before);
      expect((await t.platform.ctx.db.selectFrom('users').select('username').execute()).length).toBe(users);
      return e as HezuoError;
    }
    throw new Error('the seed was applied');
  };

  it('refuses a unit that exists with another level, adding nothing of the file', async () => {
    const e = await refusal({
      orgUnits: [
        { id: 'new-root', parentId: null, code: 'new-root', name: name('新', 'New'), level: 'county' },
        { id: '990025100', parentId: '990025', code: '990025100', name: name('样板镇', 'Sample Town'), level: 'village' },
      ],
      users: [{ username: 'never-made', displayName: '无', roles: [] }],
    });
    expect(e).toMatchObject({ code: 'SEED_INVALID', details: [{ pointer: '/orgUnits/1' }] });
  });

  it('refuses a parent that is neither earlier in the file nor on the server, and a level out of order', async () => {
    const missing = await refusal({
      orgUnits: [{ id: 'orphan', parentId: 'nowhere', code: 'orphan', name: name('孤', 'Orphan'), level: 'township' }],
      users: [],
    });
    expect(missing.details[0].pointer).toBe('/orgUnits/0/parentId');
    const order = await refusal({
      orgUnits: [{ id: 'up', parentId: '990025100', code: 'up', name: name('上', 'Up'), level: 'city' }],
      users: [],
    });
    expect(order).toMatchObject({ code: 'ORG_LEVEL_ORDER', details: [{ pointer: '/orgUnits/0/level' }] });
  });

  it('refuses a file that does not match the seed schema, with pointers', () => {
    const bad = {
      orgUnits: [{ id: 'x', parentId: null, code: 'x', name: name('x', 'x'), level: 'district' }],
      users: [{ username: 'a', roles: [] }],
    };
    try {
      readSeed(JSON.stringify(bad));
      throw new Error('accepted');
    } catch (e) {
      expect((e as HezuoError).code).toBe('SEED_INVALID');
      const pointers = (e as HezuoError).details.map((d) => d.pointer);
      expect(pointers).toContain('/orgUnits/0/level');
      expect(pointers.some((p) => p.startsWith('/users/0'))).toBe(true);
    }
    expect(() => readSeed('{not json')).toThrow(HezuoError);
  });
});

describe('hezuo seed <file>', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'hezuo-seed-'));
  const run = (file: string) =>
    spawnSync(process.execPath, ['bin/hezuo.mjs', 'seed', file, '--password', 'Tea-garden-hill-7730'], {
      cwd: REPO_ROOT,
      env: { ...process.env, DATABASE_URL: t.databaseUrl },
      encoding: 'utf8',
    });

  it('applies a file to the running database and prints the new users once', async () => {
    const file = path.join(dir, 'place.json');
    writeFileSync(
      file,
      JSON.stringify({
        orgUnits: [{ id: '990200', parentId: null, code: '990200', name: name('示例县', 'Example County'), level: 'county' }],
        users: [{ username: 'example-reviewer', displayName: '审核员', roles: [{ role: 'reviewer', orgUnitId: '990200' }] }],
      }),
    );
    const r = run(file);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('units added 1, kept 0; users created 1; roles granted 0');
    expect(r.stdout).toContain('example-reviewer  Tea-garden-hill-7730  reviewer@990200');
    const reviewer = await t.login('example-reviewer', 'Tea-garden-hill-7730');
    expect((await t.call('GET', '/api/org-units', reviewer)).body.units.map((u: any) => u.id)).toEqual(['990200']);
  });

  it('exits 2 with the pointer for a bad file, changing nothing', async () => {
    const before = await unitCount();
    const file = path.join(dir, 'bad.json');
    writeFileSync(
      file,
      JSON.stringify({ orgUnits: [{ id: 'x', parentId: null, code: 'x', name: name('x', 'x'), level: 'district' }], users: [] }),
    );
    const r = run(file);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('SEED_INVALID');
    expect(r.stderr).toContain('/orgUnits/0/level');
    expect(await unitCount()).toBe(before);
  });
});
