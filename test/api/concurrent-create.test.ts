// Retries are idempotent under concurrency: identical creates (same client id, same body) sent at the same time
// get one 201 and, for every other, the first one's answer (200, the same record) — as a sequential retry does —
// with one record row and one create event. Creates with the same id and other bodies get 409 and store nothing.
// The requests run in parallel through fastify's inject; each handler takes its own connection from the
// platform's pg pool, so the transactions really race inside PostgreSQL.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type TestPlatform } from '../helpers/platform';
import { testBackend } from '../helpers/database';
import { usccCheckChar } from '../../platform/forms/formats';

const ROUNDS = 30;
const MAX_CONCURRENCY = 8;
const uscc = (first17: string) => first17 + usccCheckChar(first17);
const code = (round: number, n = 0) => uscc(`93440106MA5R${String(round).padStart(2, '0')}${n}XY`);

let t: TestPlatform;
let officer: string;

beforeAll(async () => {
  t = await startTestPlatform();
  officer = await t.login('tianhe-officer');
}, 120_000);

/** Connections the platform's pool holds open to this test's database (pg keeps idle ones for 10 s). */
async function pooledConnections(): Promise<number> {
  const r = await sql<{
    n: number;
  }>`select count(*)::int as n from pg_stat_activity where datname = current_database() and application_name = 'hezuo'`.execute(
    t.platform.ctx.db,
  );
  return r.rows[0].n;
}
afterAll(async () => {
  await t?.close();
});

const create = (id: string, data: object) =>
  t.call('POST', '/api/records', officer, { id, plugin: 'registry-demo', form: 'cooperative', period: '2024', orgUnitId: '440106', data });
const stored = async (id: string) => ({
  rows: await t.platform.ctx.db.selectFrom('records').select(['id', 'revision', 'data']).where('id', '=', id).execute(),
  creates: (
    await t.platform.ctx.db.selectFrom('audit_events').select('id').where('record_id', '=', id).where('action', '=', 'create').execute()
  ).length,
});

describe(`concurrent creates (${testBackend()})`, () => {
  it(`${ROUNDS} rounds of 2–${MAX_CONCURRENCY} identical creates: one 201, the rest 200 with the same record, one row, one event`, async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const n = 2 + (round % (MAX_CONCURRENCY - 1));
      const id = `race-${round}`;
      const body = { name: `并发合作社${round}`, creditCode: code(round), members: 20 + round };
      const answers = await Promise.all(Array.from({ length: n }, () => create(id, body)));
      const statuses = answers.map((a) => a.status).sort();
      expect(statuses, `round ${round}: ${JSON.stringify(answers.filter((a) => a.status >= 300).map((a) => a.body))}`).toEqual([
        ...Array(n - 1).fill(200),
        201,
      ]);
      const first = answers.find((a) => a.status === 201)!.body;
      for (const a of answers) {
        expect(a.body).toMatchObject({ id, revision: 1, state: 'draft', createdAt: first.createdAt, data: first.data });
      }
      // The race is real only if the requests held connections at the same time: pg's pool opens a connection
      // only when every open one is busy, so a widest round must leave at least that many behind.
      if (n === MAX_CONCURRENCY) expect(await pooledConnections()).toBeGreaterThanOrEqual(MAX_CONCURRENCY);
      const s = await stored(id);
      expect(s.rows).toHaveLength(1);
      expect(s.creates).toBe(1);
    }
  }, 300_000);

  it('the same id with different bodies at the same time: one 201, the rest ID_CONFLICT, only the winner stored', async () => {
    for (let round = 0; round < 10; round++) {
      const n = 2 + (round % (MAX_CONCURRENCY - 1));
      const id = `clash-${round}`;
      const answers = await Promise.all(
        Array.from({ length: n }, (_, i) =>
          create(id, { name: `冲突合作社${round}-${i}`, creditCode: code(40 + round, i), members: 20 + i }),
        ),
      );
      const statuses = answers.map((a) => a.status).sort();
      expect(statuses).toEqual([...Array(n - 1).fill(409), 201].sort());
      for (const a of answers.filter((x) => x.status === 409)) expect(a.body.error.code).toBe('ID_CONFLICT');
      const winner = answers.find((a) => a.status === 201)!.body;
      const s = await stored(id);
      expect(s.rows).toEqual([expect.objectContaining({ revision: 1, data: winner.data })]);
      expect(s.creates).toBe(1);
      // The losers' subjects were not registered by the attempt: each can still be created under its own id.
      const loser = answers.findIndex((a) => a.status === 409);
      const again = await create(`${id}-again`, {
        name: `冲突合作社${round}-${loser}`,
        creditCode: code(40 + round, loser),
        members: 20 + loser,
      });
      expect(again.status).toBe(201);
    }
  }, 300_000);

  it('different ids for the same subject at the same time: one 201, the rest DUPLICATE_RECORD, never a 500', async () => {
    for (let round = 0; round < 10; round++) {
      const n = 2 + (round % (MAX_CONCURRENCY - 1));
      const body = { name: `同一主体${round}`, creditCode: code(60 + round), members: 30 };
      const answers = await Promise.all(Array.from({ length: n }, (_, i) => create(`subject-${round}-${i}`, body)));
      const statuses = answers.map((a) => a.status).sort();
      expect(statuses).toEqual([201, ...Array(n - 1).fill(409)]);
      for (const a of answers.filter((x) => x.status === 409)) expect(a.body.error.code).toBe('DUPLICATE_RECORD');
      const rows = await t.platform.ctx.db.selectFrom('records').select('id').where('subject', '=', body.creditCode).execute();
      expect(rows).toHaveLength(1);
    }
  }, 300_000);
});
