// Accounts on a real PostgreSQL: login throttling (429 + Retry-After, doubling) and lockout with an admin's
// unlock, the same answers for unknown names, the password policy, disabling, password reset and change, role
// revocation, the admin's scope, and idle sessions (last-seen set back by the owner's connection, not a mock).
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD, startTestPlatform, type TestPlatform } from '../helpers/platform';
import { testBackend } from '../helpers/database';
import { createUser } from '../../platform/auth/auth-service';

let t: TestPlatform;
let admin: string;
const ids: Record<string, string> = {};

beforeAll(async () => {
  t = await startTestPlatform();
  for (const r of await t.platform.ctx.db.selectFrom('users').select(['id', 'username']).execute()) ids[r.username] = r.id;
  // An admin of one county, to show an admin acts only within their units.
  ids['tianhe-admin'] = await createUser(t.platform.ctx, {
    username: 'tianhe-admin',
    displayName: '天河管理员',
    password: PASSWORD,
    roles: [{ role: 'admin', orgUnitId: '440106' }],
  });
  admin = await t.login('admin');
});
afterAll(async () => {
  await t?.close();
});

async function asOwner<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: t.databaseUrl });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

async function loginFrom(username: string, password: string, address: string) {
  const r = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password }, remoteAddress: address });
  return {
    status: r.statusCode,
    code: JSON.parse(r.body).error?.code as string | undefined,
    retryAfter: r.headers['retry-after'],
    body: JSON.parse(r.body),
  };
}
const later = (seconds: number) => t.clock.set(new Date(t.clock.now().getTime() + seconds * 1000).toISOString());

// Every login costs a deliberate scrypt; on a loaded two-core machine a test of 25 logins needs more than 30 s.
describe(`accounts (${testBackend()})`, { timeout: 180_000 }, () => {
  it('throttles a name from its 5th failure with 429 and a doubling Retry-After, and answers an unknown name alike', async () => {
    const run = async (username: string, address: string) => {
      const seen: (string | number | undefined)[][] = [];
      for (let i = 0; i < 5; i++) seen.push(Object.values(await loginFrom(username, 'wrong-password-x', address)).slice(0, 3));
      // Blocked now: even the right password is not tried.
      seen.push(Object.values(await loginFrom(username, PASSWORD, address)).slice(0, 3));
      later(31);
      seen.push(Object.values(await loginFrom(username, 'wrong-password-x', address)).slice(0, 3));
      seen.push(Object.values(await loginFrom(username, 'wrong-password-x', address)).slice(0, 3));
      return seen;
    };
    const known = await run('baiyun-officer', '10.1.0.1');
    expect(known).toEqual([
      [401, 'LOGIN_FAILED', undefined],
      [401, 'LOGIN_FAILED', undefined],
      [401, 'LOGIN_FAILED', undefined],
      [401, 'LOGIN_FAILED', undefined],
      [401, 'LOGIN_FAILED', undefined],
      [429, 'LOGIN_THROTTLED', '30'],
      [401, 'LOGIN_FAILED', undefined],
      [429, 'LOGIN_THROTTLED', '60'],
    ]);
    expect(await run('no-such-user', '10.1.0.2')).toEqual(known);
    // After the wait, the right password logs in and the count starts again.
    later(61);
    expect((await loginFrom('baiyun-officer', PASSWORD, '10.1.0.1')).status).toBe(200);
    expect((await loginFrom('baiyun-officer', 'wrong-password-x', '10.1.0.1')).status).toBe(401);
    expect((await loginFrom('baiyun-officer', PASSWORD, '10.1.0.1')).status).toBe(200);
  });

  it('throttles an address after 20 failures whatever the names', async () => {
    for (let i = 0; i < 20; i++) expect((await loginFrom(`sprayed-${i}`, 'wrong-password-x', '10.2.0.1')).status).toBe(401);
    const r = await loginFrom('panyu-officer', PASSWORD, '10.2.0.1');
    expect([r.status, r.code, r.retryAfter]).toEqual([429, 'LOGIN_THROTTLED', '30']);
    expect((await loginFrom('panyu-officer', PASSWORD, '10.2.0.2')).status).toBe(200);
  });

  it('locks a name after 10 failures until an admin lifts it; the lock survives in the database', async () => {
    for (let i = 0; i < 10; i++) {
      later(3600);
      expect((await loginFrom('panyu-reviewer', 'wrong-password-x', `10.3.0.${i}`)).code).toBe('LOGIN_FAILED');
    }
    later(3600);
    const locked = await loginFrom('panyu-reviewer', PASSWORD, '10.3.1.1');
    expect([locked.status, locked.code]).toEqual([423, 'ACCOUNT_LOCKED']);
    expect(
      await asOwner(
        async (c) =>
          (await c.query(`select locked_at is not null as locked from login_throttle where key = 'user:panyu-reviewer'`)).rows[0],
      ),
    ).toEqual({ locked: true });
    // Unknown names lock the same way.
    for (let i = 0; i < 10; i++) {
      later(3600);
      await loginFrom('ghost-user', 'wrong-password-x', `10.3.2.${i}`);
    }
    expect((await loginFrom('ghost-user', 'whatever-pass', '10.3.3.1')).code).toBe('ACCOUNT_LOCKED');

    admin = await t.login('admin');
    const county = await t.login('tianhe-admin');
    expect((await t.call('POST', `/api/users/${ids['panyu-reviewer']}/unlock`, county)).status).toBe(404);
    const r = await t.call('POST', `/api/users/${ids['panyu-reviewer']}/unlock`, admin);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ username: 'panyu-reviewer', wasLocked: true });
    expect((await loginFrom('panyu-reviewer', PASSWORD, '10.3.1.1')).status).toBe(200);
  });

  it('refuses weak passwords at /password on create, reset and change', async () => {
    admin = await t.login('admin');
    const create = (username: string, password: string) =>
      t.call('POST', '/api/users', admin, { username, displayName: '张三', password, roles: [{ role: 'officer', orgUnitId: '440106' }] });
    for (const [password, reason] of [
      ['short1!', 'too_short'],
      ['woaini1314520', 'common'],
      ['qq123456789', 'common'],
      ['1234567890', 'common'],
      ['zhang-san-01-2024', 'like_username'],
      ['10-nas-gnahz', 'like_username'],
      ['aaaaaaaaaaaa', 'common'],
    ] as const) {
      const r = await create('zhang-san-01', password);
      expect([r.status, r.body.error.code, r.body.error.details[0].pointer, r.body.error.details[0].code], password).toEqual([
        422,
        'PASSWORD_TOO_WEAK',
        '/password',
        reason,
      ]);
    }
    expect(await t.platform.ctx.db.selectFrom('users').select('id').where('username', '=', 'zhang-san-01').execute()).toEqual([]);
    const ok = await create('zhang-san-01', 'Tea-garden-2024');
    expect(ok.status).toBe(201);
    const reset = await t.call('POST', `/api/users/${ok.body.id}/password`, admin, { password: 'password1234' });
    expect([reset.status, reset.body.error.code, reset.body.error.details[0].pointer]).toEqual([422, 'PASSWORD_TOO_WEAK', '/password']);
    const me = (await t.call('POST', '/api/auth/login', undefined, { username: 'zhang-san-01', password: 'Tea-garden-2024' })).body.token;
    const change = await t.call('POST', '/api/me/password', me, { currentPassword: 'Tea-garden-2024', password: '88888888888' });
    expect([change.status, change.body.error.code, change.body.error.details[0].pointer]).toEqual([422, 'PASSWORD_TOO_WEAK', '/password']);
  });

  it("ends a disabled user's sessions at once and refuses their login until enabled", async () => {
    admin = await t.login('admin');
    const user = await t.login('tianhe-reviewer');
    expect((await t.call('GET', '/api/me', user)).status).toBe(200);
    const r = await t.call('POST', `/api/users/${ids['tianhe-reviewer']}/disable`, admin);
    expect([r.status, r.body.disabled]).toEqual([200, true]);
    expect((await t.call('GET', '/api/me', user)).status).toBe(401);
    expect(
      await asOwner(
        async (c) => (await c.query('select count(*)::int as n from sessions where user_id = $1', [ids['tianhe-reviewer']])).rows[0].n,
      ),
    ).toBe(0);
    expect((await t.call('POST', '/api/auth/login', undefined, { username: 'tianhe-reviewer', password: PASSWORD })).body.error.code).toBe(
      'LOGIN_FAILED',
    );
    expect((await t.call('POST', `/api/users/${ids['admin']}/disable`, admin)).body.error.code).toBe('BAD_REQUEST');
    expect((await t.call('POST', `/api/users/${ids['tianhe-reviewer']}/enable`, admin)).body.disabled).toBe(false);
    expect((await t.call('GET', '/api/me', await t.login('tianhe-reviewer'))).status).toBe(200);
  });

  it("acts only on users within the admin's units, and revokes a role at once", async () => {
    const county = await t.login('tianhe-admin');
    admin = await t.login('admin');
    for (const who of ['baiyun-officer', 'admin', 'city-reviewer']) {
      expect((await t.call('POST', `/api/users/${ids[who]}/disable`, county)).status, who).toBe(404);
    }
    expect((await t.call('POST', `/api/users/${ids['tianhe-officer']}/disable`, await t.login('tianhe-officer'))).body.error.code).toBe(
      'FORBIDDEN',
    );
    expect((await t.call('DELETE', `/api/users/${ids['baiyun-reviewer']}/roles/440111/reviewer`, county)).status).toBe(404);
    const officer = await t.login('tianhe-officer');
    expect((await t.call('GET', '/api/me', officer)).body.roles).toHaveLength(1);
    const r = await t.call('DELETE', `/api/users/${ids['tianhe-officer']}/roles/440106/officer`, county);
    expect([r.status, r.body.roles]).toEqual([200, []]);
    expect((await t.call('GET', '/api/me', officer)).body.roles).toEqual([]);
    expect((await t.call('DELETE', `/api/users/${ids['tianhe-officer']}/roles/440106/officer`, county)).body.error.details[0].pointer).toBe(
      '/role',
    );
    expect(
      (await t.call('POST', `/api/users/${ids['tianhe-officer']}/roles`, admin, { role: 'officer', orgUnitId: '440106' })).status,
    ).toBe(200);
  });

  it('makes a user whose password an admin reset change it before anything else', async () => {
    admin = await t.login('admin');
    const old = await t.login('panyu-officer');
    const r = await t.call('POST', `/api/users/${ids['panyu-officer']}/password`, admin, { password: 'Reset-by-admin-77' });
    expect([r.status, r.body.mustChangePassword]).toEqual([200, true]);
    expect((await t.call('GET', '/api/me', old)).status).toBe(401);
    const login = await t.call('POST', '/api/auth/login', undefined, { username: 'panyu-officer', password: 'Reset-by-admin-77' });
    expect([login.status, login.body.mustChangePassword]).toEqual([200, true]);
    const tok = login.body.token;
    expect((await t.call('GET', '/api/records', tok)).body.error.code).toBe('PASSWORD_CHANGE_REQUIRED');
    expect((await t.call('GET', '/api/me', tok)).body.mustChangePassword).toBe(true);
    const wrong = await t.call('POST', '/api/me/password', tok, { currentPassword: 'not-it-at-all', password: PASSWORD });
    expect([wrong.status, wrong.body.error.code, wrong.body.error.details[0].pointer]).toEqual([
      422,
      'CURRENT_PASSWORD_WRONG',
      '/currentPassword',
    ]);
    const other = await t.call('POST', '/api/auth/login', undefined, { username: 'panyu-officer', password: 'Reset-by-admin-77' });
    const ok = await t.call('POST', '/api/me/password', tok, { currentPassword: 'Reset-by-admin-77', password: PASSWORD });
    expect([ok.status, ok.body.mustChangePassword]).toEqual([200, false]);
    expect((await t.call('GET', '/api/records', tok)).status).toBe(200);
    // The change ends the user's other sessions, not this one.
    expect((await t.call('GET', '/api/me', other.body.token)).status).toBe(401);
    expect((await t.call('GET', '/api/me', await t.login('panyu-officer'))).body.mustChangePassword).toBe(false);
  });

  it('ends a session unused for the idle time, slides one in use, and purges ended sessions on login', async () => {
    const tok = await t.login('city-reviewer');
    const lastSeen = () =>
      asOwner(
        async (c) =>
          (
            await c.query(
              `select s.last_seen_at from sessions s join users u on u.id = s.user_id where u.username = 'city-reviewer' order by s.last_seen_at desc limit 1`,
            )
          ).rows[0].last_seen_at as Date,
      );
    const start = t.clock.now();
    later(20 * 60);
    expect((await t.call('GET', '/api/me', tok)).status).toBe(200);
    expect((await lastSeen()).getTime()).toBe(start.getTime() + 20 * 60_000);
    later(20 * 60);
    // 40 minutes after login, 20 after the last use: still alive.
    expect((await t.call('GET', '/api/me', tok)).status).toBe(200);
    // Set last use back 31 minutes, as the database would hold it after a quiet half hour.
    await asOwner((c) =>
      c.query(`update sessions set last_seen_at = last_seen_at - interval '31 minutes' where user_id = $1`, [ids['city-reviewer']]),
    );
    expect((await t.call('GET', '/api/me', tok)).status).toBe(401);
    const count = () =>
      asOwner(
        async (c) =>
          (await c.query('select count(*)::int as n from sessions where user_id = $1', [ids['city-reviewer']])).rows[0].n as number,
      );
    expect(await count()).toBe(1);
    await t.login('city-reviewer');
    expect(await count()).toBe(1);
  });
});
