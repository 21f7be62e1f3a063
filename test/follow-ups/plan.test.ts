// The pure planning of follow-ups (platform/follow-ups/plan-follow-ups.ts) over the neutral test plugin: which
// failed checks get an item, deadlines on its working-day calendar, idempotency, and the rules of each step.
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createPluginLoader, type CompiledFollowUp, type FormDefinition, type PluginDefinition } from '../../platform/plugins';
import { evaluateForm, type CheckResult } from '../../platform/evaluation';
import { planFollowUpStep, planOpenFollowUps, summarise, EVIDENCE_FIELD } from '../../platform/follow-ups/plan-follow-ups';
import type { FollowUpRow } from '../../platform/store/follow-ups-store';
import type { AttachmentMeta } from '../../platform/store/attachments-store';
import type { Principal } from '../../platform/access/principal';
import { FOLLOW_UP_PLUGINS } from '../helpers/paths';

let plugin: PluginDefinition;
let form: FormDefinition;
let fu: CompiledFollowUp;

beforeAll(async () => {
  const r = await createPluginLoader().fromFolder(path.join(FOLLOW_UP_PLUGINS, 'follow-up-demo'));
  if (!r.plugin) throw new Error(JSON.stringify(r.errors));
  plugin = r.plugin;
  form = plugin.forms.get('inspection')!;
  fu = form.followUp!;
});

const principal = (role: string, level: string, orgPath = '/440000/440100/440106/'): Principal => ({
  user: { id: `${role}-${level}`, username: role, displayName: role, locale: 'zh-CN' },
  grants: [{ role, orgPath, orgLevel: level, orgUnitId: 'u' } as any],
  scopePaths: [orgPath],
});
const RECORD_PATH = '/440000/440100/440106/';

function checksOf(data: Record<string, unknown>, asOf: string) {
  const { results } = evaluateForm(form, { data, params: plugin.parameterDefaults, asOf });
  return results;
}
function open(data: Record<string, unknown>, today: string, unclosed: string[] = []) {
  const results = checksOf(data, today);
  const ctx = { data, params: plugin.parameterDefaults, today, results: { classes: results.classes, failed: results.failed } };
  return planOpenFollowUps(fu, results.checks as CheckResult[], ctx, new Set(unclosed), { recordId: 'r1', userId: 'u1', now: new Date() });
}

describe('opening items', () => {
  it('opens one per failed check of the declared groups, never for other groups', () => {
    const out = open({ code: 'x', ledger: false, minutes: false, sign: true, phone: false }, '2024-04-29');
    expect('items' in out && out.items.map((i) => [i.ruleId, i.deadline])).toEqual([
      ['has-ledger', '2024-05-07'],
      ['has-minutes', '2024-05-07'],
    ]);
  });

  it('counts working days on the calendar: weekends, holidays and make-up days', () => {
    // Fri 26 Apr + 3: Sun 28 Apr is a make-up working day → 28, 29, 30 Apr.
    const a = open({ code: 'x', ledger: false }, '2024-04-26');
    expect('items' in a && a.items[0].deadline).toBe('2024-04-30');
    // Thu 9 May + 3: 10 May, Sat 11 May (make-up), 13 May.
    const b = open({ code: 'x', ledger: false }, '2024-05-09');
    expect('items' in b && b.items[0].deadline).toBe('2024-05-13');
  });

  it('skips checks whose item is not yet confirmed (entering the state again)', () => {
    const out = open({ code: 'x', ledger: false, minutes: false, sign: false }, '2024-04-29', ['has-ledger', 'has-sign']);
    expect('items' in out && out.items.map((i) => i.ruleId)).toEqual(['has-minutes']);
  });

  it('opens nothing when its condition is false', () => {
    const out = open({ code: 'x', ledger: true, minutes: true, sign: true, phone: false }, '2024-04-29');
    expect(out).toEqual({ items: [] });
  });

  it('refuses with FOLLOW_UP_DEADLINE_UNKNOWN outside the calendar’s years', () => {
    const out = open({ code: 'x', ledger: false }, '2025-03-03');
    expect('refused' in out && out.refused.code).toBe('FOLLOW_UP_DEADLINE_UNKNOWN');
  });
});

const item = (over: Partial<FollowUpRow> = {}): FollowUpRow => ({
  id: 'f1',
  recordId: 'r1',
  ruleId: 'has-ledger',
  status: 'open',
  deadline: '2024-05-07',
  rectifiedOn: null,
  note: null,
  evidence: [],
  comment: null,
  openedBy: 'u',
  openedAt: new Date(),
  rectifiedBy: null,
  rectifiedAt: null,
  confirmedBy: null,
  confirmedAt: null,
  reopenedBy: null,
  reopenedAt: null,
  revision: 3,
  ...over,
});
const facts = (p: Principal, attachments: Map<string, AttachmentMeta> = new Map()) => ({
  principal: p,
  pluginId: 'follow-up-demo',
  formId: 'inspection',
  recordId: 'r1',
  orgPath: RECORD_PATH,
  today: '2024-05-08',
  now: new Date('2024-05-08T02:00:00Z'),
  attachments,
});
const officer = principal('officer', 'county');
const cityReviewer = principal('reviewer', 'city', '/440000/440100/');
const code = (r: ReturnType<typeof planFollowUpStep>) => ('refused' in r ? r.refused.code : 'ok');

describe('steps', () => {
  it('rectify: the mark role at its level, a date not after today, the current revision, from open or reopened', () => {
    const body = { revision: 3, rectifiedOn: '2024-05-08', note: ' done ' };
    expect(code(planFollowUpStep(fu, item(), 'rectify', body, facts(cityReviewer)))).toBe('FORBIDDEN');
    expect(code(planFollowUpStep(fu, item(), 'rectify', body, facts(principal('officer', 'city', '/440000/440100/'))))).toBe('FORBIDDEN');
    expect(code(planFollowUpStep(fu, item(), 'rectify', { ...body, revision: 2 }, facts(officer)))).toBe('FOLLOW_UP_STALE');
    expect(code(planFollowUpStep(fu, item(), 'rectify', { ...body, rectifiedOn: '2024-05-09' }, facts(officer)))).toBe('FOLLOW_UP_INVALID');
    expect(code(planFollowUpStep(fu, item(), 'rectify', { ...body, rectifiedOn: '2024-02-30' }, facts(officer)))).toBe('FOLLOW_UP_INVALID');
    expect(code(planFollowUpStep(fu, item({ status: 'rectified' }), 'rectify', body, facts(officer)))).toBe('FOLLOW_UP_STEP_NOT_ALLOWED');
    const ok = planFollowUpStep(fu, item({ status: 'reopened' }), 'rectify', body, facts(officer));
    expect('change' in ok && ok.change).toMatchObject({ status: 'rectified', rectifiedOn: '2024-05-08', note: 'done', evidence: [] });
  });

  it('rectify: evidence under the attachment rules (the follow-up field, the uploader, at most maxFiles)', () => {
    const meta = (id: string, over: Partial<AttachmentMeta> = {}): [string, AttachmentMeta] => [
      id,
      {
        id,
        pluginId: 'follow-up-demo',
        formId: 'inspection',
        field: EVIDENCE_FIELD,
        fileName: 'a.pdf',
        mediaType: 'application/pdf',
        size: 10,
        sha256: '',
        uploadedBy: officer.user.id,
        orgPath: RECORD_PATH,
        recordId: null,
        createdAt: new Date(),
        ...over,
      },
    ];
    const atts = new Map([meta('a'), meta('b', { uploadedBy: 'someone' }), meta('c', { field: '/other' }), meta('d', { recordId: 'r1' })]);
    const body = (evidence: string[]) => ({ revision: 3, rectifiedOn: '2024-05-08', evidence });
    const ok = planFollowUpStep(fu, item(), 'rectify', body(['a', 'd']), facts(officer, atts));
    expect('link' in ok && ok.link).toEqual(['a']); // d is the record's already
    expect(code(planFollowUpStep(fu, item(), 'rectify', body(['b']), facts(officer, atts)))).toBe('ATTACHMENT_INVALID');
    expect(code(planFollowUpStep(fu, item(), 'rectify', body(['c']), facts(officer, atts)))).toBe('ATTACHMENT_INVALID');
    expect(code(planFollowUpStep(fu, item(), 'rectify', body(['zzz']), facts(officer, atts)))).toBe('ATTACHMENT_INVALID');
    expect(code(planFollowUpStep(fu, item(), 'rectify', body(['a', 'd', 'a']), facts(officer, atts)))).toBe('FOLLOW_UP_INVALID');
  });

  it('confirm from rectified only; reopen from rectified or confirmed, with a comment; both the confirm role', () => {
    expect(code(planFollowUpStep(fu, item({ status: 'rectified' }), 'confirm', { revision: 3 }, facts(officer)))).toBe('FORBIDDEN');
    expect(code(planFollowUpStep(fu, item({ status: 'open' }), 'confirm', { revision: 3 }, facts(cityReviewer)))).toBe(
      'FOLLOW_UP_STEP_NOT_ALLOWED',
    );
    expect(code(planFollowUpStep(fu, item({ status: 'rectified' }), 'confirm', { revision: 3 }, facts(cityReviewer)))).toBe('ok');
    expect(code(planFollowUpStep(fu, item({ status: 'open' }), 'reopen', { revision: 3, comment: 'x' }, facts(cityReviewer)))).toBe(
      'FOLLOW_UP_STEP_NOT_ALLOWED',
    );
    expect(code(planFollowUpStep(fu, item({ status: 'confirmed' }), 'reopen', { revision: 3, comment: '  ' }, facts(cityReviewer)))).toBe(
      'FOLLOW_UP_INVALID',
    );
    const re = planFollowUpStep(fu, item({ status: 'confirmed' }), 'reopen', { revision: 3, comment: '不全' }, facts(cityReviewer));
    expect('change' in re && re.change).toMatchObject({ status: 'reopened', comment: '不全' });
  });

  it('summarises by status; overdue = open or reopened with the deadline before today', () => {
    const items = [
      item({ status: 'open', deadline: '2024-05-07' }),
      item({ status: 'open', deadline: '2024-05-08' }),
      item({ status: 'reopened', deadline: '2024-05-01' }),
      item({ status: 'rectified', deadline: '2024-05-01' }),
      item({ status: 'confirmed', deadline: '2024-05-01' }),
    ];
    expect(summarise(items, '2024-05-08')).toEqual({ total: 5, open: 2, rectified: 1, confirmed: 1, reopened: 1, overdue: 2 });
  });
});
