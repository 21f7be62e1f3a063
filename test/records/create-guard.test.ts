// A create through the API reads its facts without locks and writes in one self-committing statement
// (platform/store/write-store.ts, insertRecordWithAudit), which re-checks what those locks used to hold: the
// plugin's parameters still at the revision the rules ran on, every attachment to link still unlinked. When either
// moved it writes nothing — no record, no audit event, no link — and says so, so the create is planned again.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { startTestPlatform, type TestPlatform } from '../helpers/platform';
import { insertRecordWithAudit, type WriteAudit } from '../../platform/store/write-store';
import { getParameters } from '../../platform/store/plugins-store';
import { insertAttachment } from '../../platform/store/attachments-store';
import { findUserByName } from '../../platform/store/users-store';
import { getOrgUnit } from '../../platform/store/orgs-store';
import type { NewRecord } from '../../platform/store/records-store';

let t: TestPlatform;
let userId: string;
let orgPath: string;
let version: string;
let revision: number;

const recordOf = (id: string): NewRecord => ({
  id,
  pluginId: 'registry-demo',
  pluginVersion: version,
  formId: 'cooperative',
  period: '2024',
  orgUnitId: '440106',
  orgPath,
  subject: null,
  subjectTitle: null,
  uniqueKey: null,
  data: { name: `合作社 ${id}` },
  results: {},
  state: 'draft',
  workflow: {},
  revision: 1,
  createDigest: `digest-${id}`,
  createdBy: userId,
  clientId: null,
});

const audit = (): WriteAudit => ({ actorId: userId, action: 'create', toState: 'draft', pluginVersion: version, changes: [] });

async function attachment(id: string) {
  await insertAttachment(t.platform.ctx.db, {
    id,
    pluginId: 'registry-demo',
    formId: 'cooperative',
    field: 'files',
    fileName: `${id}.pdf`,
    mediaType: 'application/pdf',
    size: 3,
    sha256: 'x'.repeat(64),
    content: Buffer.from('pdf'),
    uploadedBy: userId,
    orgPath,
  });
}

/** What is stored for a record id: the row, its audit events, the attachments linked to it. */
async function stored(id: string) {
  const db = t.platform.ctx.db;
  const count = async (q: ReturnType<typeof sql<{ n: number }>>) => Number((await q.execute(db)).rows[0].n);
  return {
    rows: await count(sql<{ n: number }>`select count(*) as n from records where id = ${id}`),
    events: await count(sql<{ n: number }>`select count(*) as n from audit_events where record_id = ${id}`),
    linked: await count(sql<{ n: number }>`select count(*) as n from attachments where record_id = ${id}`),
  };
}

beforeAll(async () => {
  t = await startTestPlatform();
  const ctx = t.platform.ctx;
  userId = (await findUserByName(ctx.db, 'tianhe-officer'))!.id;
  orgPath = (await getOrgUnit(ctx.db, '440106'))!.path;
  version = ctx.registry.form('registry-demo', 'cooperative').plugin.version;
  revision = (await getParameters(ctx.db, 'registry-demo')).revision;
  await attachment('att-1');
  await attachment('att-2');
}, 120_000);
afterAll(() => t?.close());

describe('the create write re-checks its facts (server)', () => {
  const guard = () => ({ paramsOf: 'registry-demo', paramsRevision: revision });

  it('writes record, audit event and links when the parameters and attachments are as read', async () => {
    const out = await insertRecordWithAudit(t.platform.ctx.db, recordOf('g-ok'), audit(), ['att-1'], guard());
    expect('written' in out && out.written.id).toBe('g-ok');
    expect(await stored('g-ok')).toEqual({ rows: 1, events: 1, linked: 1 });
  });

  it('writes nothing when the parameters moved since they were read', async () => {
    const out = await insertRecordWithAudit(t.platform.ctx.db, recordOf('g-stale'), audit(), ['att-2'], {
      paramsOf: 'registry-demo',
      paramsRevision: revision - 1,
    });
    expect(out).toEqual({ moved: true });
    expect(await stored('g-stale')).toEqual({ rows: 0, events: 0, linked: 0 });
  });

  it('writes nothing when an attachment to link was linked meanwhile, or is gone', async () => {
    const linked = await insertRecordWithAudit(t.platform.ctx.db, recordOf('g-att'), audit(), ['att-2', 'att-1'], guard());
    expect(linked).toEqual({ moved: true });
    const gone = await insertRecordWithAudit(t.platform.ctx.db, recordOf('g-att'), audit(), ['att-2', 'no-such'], guard());
    expect(gone).toEqual({ moved: true });
    expect(await stored('g-att')).toEqual({ rows: 0, events: 0, linked: 0 });
    // att-2 was left as it was: still free for the record that names it next.
    const later = await insertRecordWithAudit(t.platform.ctx.db, recordOf('g-att'), audit(), ['att-2'], guard());
    expect('written' in later).toBe(true);
    expect(await stored('g-att')).toEqual({ rows: 1, events: 1, linked: 1 });
  });

  it('a taken id writes nothing and says taken, not moved', async () => {
    const out = await insertRecordWithAudit(t.platform.ctx.db, { ...recordOf('g-ok'), createDigest: 'other' }, audit(), [], guard());
    expect(out).toEqual({ taken: true });
    expect(await stored('g-ok')).toEqual({ rows: 1, events: 1, linked: 1 });
  });
});
