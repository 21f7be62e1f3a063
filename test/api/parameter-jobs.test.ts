// A parameter change as a background job, on a real PostgreSQL with a few hundred records of the neutral
// registry-demo plugin (check min-members: members ≥ parameter minMembers, default 5): the change answers 202
// with a job before any record is recomputed; the job recomputes in batches; only records whose outcome changed
// get a new revision and an audit event; officers editing meanwhile lose nothing and get no 409 because of it;
// a newer change supersedes an open job; a job of a stopped process is resumed by the next server.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type TestPlatform } from '../helpers/platform';
import { testBackend } from '../helpers/database';
import { principalNamed, uscc } from '../imports/helpers';
import { buildApp } from '../../platform/http/app';
import pg from 'pg';
import { changeParameters, effectiveParameters } from '../../platform/parameters/parameter-service';
import { insertRecord, toRecord } from '../../platform/store/records-store';

const N = 300;
const ids = Array.from({ length: N }, (_, i) => `pj-${String(i).padStart(3, '0')}`);
const membersOf = (i: number) => i % 20;

let t: TestPlatform;
let officer: string, admin: string;

beforeAll(async () => {
  t = await startTestPlatform();
  [officer, admin] = await Promise.all(['tianhe-officer', 'admin'].map((u) => t.login(u)));
  for (let i = 0; i < N; i += 20) {
    await Promise.all(
      ids.slice(i, i + 20).map(async (id, k) => {
        const r = await t.call('POST', '/api/records', officer, {
          id,
          plugin: 'registry-demo',
          form: 'cooperative',
          period: '2024',
          orgUnitId: '440106',
          data: { name: `合作社${id}`, creditCode: uscc(i + k + 1), members: membersOf(i + k) },
        });
        expect(r.status, JSON.stringify(r.body)).toBe(201);
      }),
    );
  }
}, 120_000);
afterAll(async () => {
  await t?.close();
});

// Rows as stored keep the ids of the checks that passed (the API answers the full results).
const minMembersPassed = (stored: any) => stored.passed.includes('min-members');
const revisions = async () =>
  new Map(
    (await t.platform.ctx.db.selectFrom('records').select(['id', 'revision', 'results']).where('id', 'like', 'pj-%').execute()).map((r) => [
      r.id,
      { revision: r.revision, passed: minMembersPassed(r.results) as boolean },
    ]),
  );

async function setMinMembers(minMembers: number) {
  const params = await t.call('GET', '/api/plugins/registry-demo/parameters', admin);
  return t.call('PUT', '/api/plugins/registry-demo/parameters', admin, {
    revision: params.body.revision,
    values: { ...params.body.values, minMembers },
  });
}

/** Holds the row lock of a record, as an officer's save in progress would, until release() is called. */
function holdRecord(id: string) {
  let release!: () => void;
  const released = new Promise<void>((r) => {
    release = r;
  });
  let locked!: () => void;
  const isLocked = new Promise<void>((r) => {
    locked = r;
  });
  const done = t.platform.ctx.db.transaction().execute(async (tx) => {
    await tx.selectFrom('records').select('id').where('id', '=', id).forUpdate().execute();
    locked();
    await released;
  });
  return {
    isLocked,
    release: async () => {
      release();
      await done;
    },
  };
}

/**
 * Resolves once `call` has answered or is waiting on a row lock in PostgreSQL (a query matching `like`), whichever
 * comes first; true when it answered. Watched as the database owner: the application's least-privilege role sees no
 * other session's activity.
 */
async function answeredOrWaiting(call: Promise<unknown>, like: string): Promise<boolean> {
  let answered = false;
  void call.then(() => {
    answered = true;
  });
  const owner = new pg.Client({ connectionString: t.databaseUrl });
  await owner.connect();
  try {
    while (!answered) {
      const waiting = await owner.query<{ n: number }>(
        `select count(*)::int as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock' and query ilike $1`,
        [like],
      );
      if (waiting.rows[0].n > 0) break;
      await new Promise((r) => setTimeout(r, 20));
    }
  } finally {
    await owner.end();
  }
  return answered;
}

describe(`parameter change as a job (${testBackend()})`, () => {
  it('answers 202 with a job before recomputing; the job changes only records whose outcome changed', async () => {
    const before = await revisions();
    expect([...before.values()].every((r) => r.revision === 1)).toBe(true);
    // One record is held by an "officer save" the whole time: the job cannot finish before it is let go.
    const held = holdRecord('pj-007');
    await held.isLocked;
    const put = await setMinMembers(10);
    expect(put.status, JSON.stringify(put.body)).toBe(202);
    expect(put.body.values.minMembers).toBe(10);
    expect(typeof put.body.jobId).toBe('string');
    const running = await t.call('GET', `/api/jobs/${put.body.jobId}`, admin);
    expect(running.status).toBe(200);
    expect(running.body.state).not.toBe('done');
    expect(running.body.finishedAt).toBeNull();
    expect(running.body.total).toBe(N);
    // pj-007 (7 members, passed under 5) is not recomputed while its save is in progress.
    expect((await revisions()).get('pj-007')).toEqual({ revision: 1, passed: true });
    await held.release();
    await t.app.jobs.idle();

    const job = (await t.call('GET', `/api/jobs/${put.body.jobId}`, admin)).body;
    const flipped = ids.filter((_, i) => membersOf(i) >= 5 && membersOf(i) < 10);
    expect(job).toMatchObject({
      state: 'done',
      kind: 'parameters.recompute',
      plugin: 'registry-demo',
      total: N,
      done: N,
      changed: flipped.length,
      unchanged: N - flipped.length,
      failed: 0,
    });
    expect(job.input.changes).toEqual([{ name: 'minMembers', from: 5, to: 10 }]);
    expect(job.startedAt).not.toBeNull();
    expect(job.finishedAt).not.toBeNull();

    const after = await revisions();
    ids.forEach((id, i) => {
      const expected = membersOf(i) >= 10;
      expect(after.get(id), id).toEqual({ revision: flipped.includes(id) ? 2 : 1, passed: expected });
    });
    const history = await t.call('GET', '/api/records/pj-007/history', officer);
    const last = history.body.events.at(-1);
    expect(last).toMatchObject({ action: 'recompute', revision: 2 });
    expect(last.comment).toContain('recomputed after parameter change');
    expect(last.comment).toContain('minMembers');
    expect(last.changes).toContainEqual(expect.objectContaining({ pointer: '/results/checks/min-members', from: true, to: false }));
    const quiet = await t.call('GET', '/api/records/pj-003/history', officer);
    expect(quiet.body.events.map((e: any) => e.action)).toEqual(['create']);
  });

  it('an officer who opened a record before the change saves it without a 409; a real conflict still gets one', async () => {
    // pj-002 (2 members) did not change: same revision. pj-008 (8 members) changed by the recompute only.
    const unchanged = await t.call('PUT', '/api/records/pj-002', officer, {
      revision: 1,
      data: { name: '合作社pj-002', creditCode: uscc(3), members: 3 },
    });
    expect(unchanged.status, JSON.stringify(unchanged.body)).toBe(200);
    expect(unchanged.body.revision).toBe(2);
    const recomputed = await t.call('PUT', '/api/records/pj-008', officer, {
      revision: 1,
      data: { name: '合作社pj-008', creditCode: uscc(9), members: 11 },
    });
    expect(recomputed.status, JSON.stringify(recomputed.body)).toBe(200);
    expect(recomputed.body.revision).toBe(3);
    expect(recomputed.body.data.members).toBe(11);
    expect(recomputed.body.results.checks.find((c: any) => c.id === 'min-members').passed).toBe(true);
    // Revision 2 of pj-002 is the officer's own edit: an edit still based on revision 1 conflicts with it.
    const conflict = await t.call('PUT', '/api/records/pj-002', officer, {
      revision: 1,
      data: { name: '合作社pj-002', creditCode: uscc(3), members: 4 },
    });
    expect(conflict.status).toBe(409);
    expect(conflict.body.error.code).toBe('STALE_REVISION');
  });

  it('officer edits racing the job are never lost and never refused', async () => {
    const current = await revisions();
    const edited = ids.filter((_, i) => i % 7 === 0).slice(0, 40);
    const put = setMinMembers(12);
    const edits = edited.map((id, k) =>
      t.call('PUT', `/api/records/${id}`, officer, {
        revision: current.get(id)!.revision,
        data: { name: `改名${id}`, creditCode: uscc(ids.indexOf(id) + 1), members: 6 + (k % 12) },
      }),
    );
    const results = await Promise.all([put, ...edits]);
    expect(results[0].status).toBe(202);
    for (const r of results.slice(1)) expect(r.status, JSON.stringify(r.body)).toBe(200);
    await t.app.jobs.idle();
    const job = (await t.call('GET', `/api/jobs/${results[0].body.jobId}`, admin)).body;
    expect(job.state).toBe('done');
    expect(job.failed).toBe(0);
    const rows = await t.platform.ctx.db.selectFrom('records').select(['id', 'data', 'results']).where('id', 'in', edited).execute();
    for (const row of rows) {
      const k = edited.indexOf(row.id);
      expect(row.data).toMatchObject({ name: `改名${row.id}`, members: 6 + (k % 12) });
      expect(minMembersPassed(row.results), row.id).toBe(6 + (k % 12) >= 12);
    }
    // And every other record follows minMembers 12 too.
    const all = await t.platform.ctx.db.selectFrom('records').select(['id', 'data', 'results']).where('id', 'like', 'pj-%').execute();
    for (const r of all) expect(minMembersPassed(r.results), r.id).toBe((r.data as any).members >= 12);
  });

  it('a second change supersedes the open job of the first', async () => {
    const held = holdRecord('pj-001');
    await held.isLocked;
    const first = await setMinMembers(3);
    // The first job reaches the held record last (its batches skip it) and waits for that save, holding its job row;
    // the second change then waits to supersede it, and the save is let go once it does.
    await answeredOrWaiting(new Promise(() => {}), '%"records"%for update%');
    const secondCall = setMinMembers(15);
    await answeredOrWaiting(secondCall, '%superseded%');
    await held.release();
    const second = await secondCall;
    expect([first.status, second.status]).toEqual([202, 202]);
    await t.app.jobs.idle();
    const a = (await t.call('GET', `/api/jobs/${first.body.jobId}`, admin)).body;
    const b = (await t.call('GET', `/api/jobs/${second.body.jobId}`, admin)).body;
    expect(a).toMatchObject({ state: 'superseded', supersededBy: second.body.jobId });
    expect(b).toMatchObject({ state: 'done', done: N, failed: 0 });
    const all = await t.platform.ctx.db.selectFrom('records').select(['id', 'data', 'results']).where('id', 'like', 'pj-%').execute();
    for (const r of all) expect(minMembersPassed(r.results), r.id).toBe((r.data as any).members >= 15);
  });

  it('a job left open by a stopped process is resumed by the next server to start', async () => {
    // A process that committed a change and its job, then died before running it.
    const { ctx } = t.platform;
    const pl = ctx.registry.get('registry-demo');
    const params = await t.call('GET', '/api/plugins/registry-demo/parameters', admin);
    const adminPrincipal = await principalNamed(ctx, 'admin');
    const { jobId } = await changeParameters(
      ctx,
      adminPrincipal,
      pl,
      { revision: params.body.revision, values: { ...params.body.values, minMembers: 7 } },
      { owner: 'a-stopped-process', submit: () => {} },
    );
    await ctx.db
      .updateTable('jobs')
      .set({ status: 'running', heartbeat_at: new Date(Date.now() - 3_600_000) })
      .where('id', '=', jobId)
      .execute();
    expect((await t.call('GET', `/api/jobs/${jobId}`, admin)).body).toMatchObject({ state: 'running', done: 0 });

    const second = await buildApp(ctx);
    await second.ready();
    await second.jobs.idle();
    await second.close();
    const job = (await t.call('GET', `/api/jobs/${jobId}`, admin)).body;
    expect(job).toMatchObject({ state: 'done', done: N, failed: 0 });
    const all = await ctx.db.selectFrom('records').select(['id', 'data', 'results']).where('id', 'like', 'pj-%').execute();
    for (const r of all) expect(minMembersPassed(r.results), r.id).toBe((r.data as any).members >= 7);
  });

  it('a server that closes stops its job after the batch in hand and releases it; the next server continues it at once', async () => {
    const { ctx } = t.platform;
    const closing = await buildApp(ctx);
    const params = await t.call('GET', '/api/plugins/registry-demo/parameters', admin);
    const res = await closing.inject({
      method: 'PUT',
      url: '/api/plugins/registry-demo/parameters',
      headers: { authorization: `Bearer ${admin}` },
      payload: { revision: params.body.revision, values: { ...params.body.values, minMembers: 9 } },
    });
    expect(res.statusCode).toBe(202);
    const { jobId } = JSON.parse(res.body);
    await closing.close();
    const left = await ctx.db.selectFrom('jobs').select(['status', 'owner', 'done']).where('id', '=', jobId).executeTakeFirstOrThrow();
    expect(left.status === 'queued' || left.status === 'running').toBe(true);
    expect(left.owner).toBeNull();
    expect(left.done).toBeLessThan(N);

    expect(await t.app.jobs.resumeStale()).toEqual([jobId]);
    await t.app.jobs.idle();
    expect((await t.call('GET', `/api/jobs/${jobId}`, admin)).body).toMatchObject({ state: 'done', done: N, failed: 0 });
    const all = await ctx.db.selectFrom('records').select(['id', 'data', 'results']).where('id', 'like', 'pj-%').execute();
    for (const r of all) expect(minMembersPassed(r.results), r.id).toBe((r.data as any).members >= 9);
  });

  it('a save that read the old parameters commits before the change does, so its record is recomputed too', async () => {
    const { ctx } = t.platform;
    const pl = ctx.registry.get('registry-demo');
    const params = await t.call('GET', '/api/plugins/registry-demo/parameters', admin);
    const model = await ctx.db.selectFrom('records').selectAll().where('id', '=', 'pj-010').executeTakeFirstOrThrow();
    expect(params.body.values.minMembers).toBeLessThanOrEqual(10);
    expect(minMembersPassed(model.results)).toBe(true);
    // A create in progress: it read the parameters (for its results) and inserts a record the job has not seen.
    let release!: () => void;
    const released = new Promise<void>((r) => {
      release = r;
    });
    let inserted!: () => void;
    const isInserted = new Promise<void>((r) => {
      inserted = r;
    });
    const save = ctx.db.transaction().execute(async (tx) => {
      await effectiveParameters(tx, pl, true);
      await insertRecord(tx, { ...toRecord(model), id: 'pj-000x', subject: null, uniqueKey: null });
      inserted();
      await released;
    });
    await isInserted;
    const put = t.call('PUT', '/api/plugins/registry-demo/parameters', admin, {
      revision: params.body.revision,
      values: { ...params.body.values, minMembers: 11 },
    });
    // The change waits for the save (a lock wait in PostgreSQL), then commits.
    const answered = await answeredOrWaiting(put, '%plugin_parameters%');
    // Had the change not waited, its job would run to its end before the save commits (and never see the record).
    if (answered) await t.app.jobs.idle();
    release();
    await save;
    expect((await put).status).toBe(202);
    await t.app.jobs.idle();
    const row = await ctx.db.selectFrom('records').select(['results', 'revision']).where('id', '=', 'pj-000x').executeTakeFirstOrThrow();
    expect(minMembersPassed(row.results)).toBe(false);
    expect(row.revision).toBe(model.revision + 1);
  });

  it("GET /api/jobs/:id: unknown ids and other users' jobs are 404 in the error shape", async () => {
    const unknown = await t.call('GET', '/api/jobs/no-such-job', admin);
    expect(unknown.status).toBe(404);
    expect(unknown.body.error).toMatchObject({ code: 'NOT_FOUND', details: [{ pointer: '/id' }] });
    const someJob = await t.platform.ctx.db.selectFrom('jobs').select('id').executeTakeFirstOrThrow();
    const notTheirs = await t.call('GET', `/api/jobs/${someJob.id}`, officer);
    expect(notTheirs.status).toBe(404);
    expect((await t.call('GET', `/api/jobs/${someJob.id}`)).status).toBe(401);
  });
});
