// Overridable outcomes (issue 11), without a database: the declaration's load checks, the evaluator applying a
// chosen value before later rules read it, the planning of an override (who, why, which value) and its storage.
// On the neutral override-demo plugin: severity is "high" at 3 or more defects (parameter highAt), officers may
// override it; the disposition class is rectify when severity is high, else close, and reviewers may override it.
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPluginLoader } from '../../platform/plugins';
import type { FormDefinition } from '../../platform/plugins/types';
import { evaluateForm } from '../../platform/evaluation';
import { compactResults } from '../../platform/evaluation/compact-results';
import { expandResults } from '../../platform/evaluation/expand-results';
import { keptOverrides, planOverrides } from '../../platform/records/plan-overrides';
import type { Principal } from '../../platform/access/principal';

const DEMO = path.join(import.meta.dirname, 'plugins/override-demo');
const loader = createPluginLoader();
let form: FormDefinition;
let root: string;

const principal = (role: string, orgPath = '/44/4401/440106/'): Principal => ({
  user: { id: `u-${role}`, username: role, displayName: role, locale: 'zh-CN' },
  grants: [{ role, orgUnitId: 'x', orgPath, orgLevel: 'county', orgCode: 'x' }],
  scopePaths: [orgPath],
});
const AT = '2024-06-01T03:00:00.000Z';
const who = (role: string) => ({ principal: principal(role), orgPath: '/44/4401/440106/', at: AT });
const input = (defects: number, overrides?: Record<string, { chosen: unknown }>) => ({
  data: { site: '一号点', defects },
  params: { highAt: 3 },
  asOf: '2024-06-01',
  overrides:
    overrides && Object.fromEntries(Object.entries(overrides).map(([k, v]) => [k, { ...v, reason: '现场复核', by: 'u1', at: AT }])),
});

beforeAll(async () => {
  const r = await loader.fromFolder(DEMO);
  expect(r.errors).toEqual([]);
  form = r.plugin!.forms.get('inspection')!;
  root = await mkdtemp(path.join(os.tmpdir(), 'hezuo-overrides-'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('declaring an override', () => {
  it('is refused on a check rule, naming the file and the pointer', async () => {
    const dir = path.join(root, 'on-check');
    await cp(DEMO, dir, { recursive: true });
    const file = path.join(dir, 'rules/inspection.json');
    const rules = JSON.parse(await readFile(file, 'utf8'));
    rules.rules[2].override = { roles: ['officer'], reason: 'required' };
    await writeFile(file, JSON.stringify(rules));
    const r = await loader.fromFolder(dir);
    expect(r.plugin).toBeUndefined();
    expect(r.errors).toContainEqual(expect.objectContaining({ file: 'rules/inspection.json', pointer: '/rules/2/override' }));
  });

  it('is refused with a role the platform does not have', async () => {
    const dir = path.join(root, 'bad-role');
    await cp(DEMO, dir, { recursive: true });
    const file = path.join(dir, 'rules/inspection.json');
    const rules = JSON.parse(await readFile(file, 'utf8'));
    rules.rules[0].override = { roles: ['mayor'], reason: 'required' };
    await writeFile(file, JSON.stringify(rules));
    const r = await loader.fromFolder(dir);
    expect(r.plugin).toBeUndefined();
    expect(r.errors).toContainEqual(expect.objectContaining({ file: 'rules/inspection.json', pointer: '/rules/0/override/roles/0' }));
  });
});

describe('evaluating with a chosen outcome', () => {
  it('without overrides: 4 defects make severity high, the check fail and the disposition rectify', () => {
    const { data, results } = evaluateForm(form, input(4));
    expect(results.computed.severity).toBe('high');
    expect(data.severity).toBe('high');
    expect(results.failed).toEqual(['high-noted']);
    expect(results.classes.disposition).toBe('rectify');
    expect(results.overrides).toBeUndefined();
  });

  it('severity chosen low: the field, the later check and the class read low; the computed high stays beside it', () => {
    const { data, results } = evaluateForm(form, input(4, { severity: { chosen: 'low' } }));
    expect(results.computed.severity).toBe('low');
    expect(data.severity).toBe('low');
    expect(results.failed).toEqual([]);
    expect(results.classes.disposition).toBe('close');
    expect(results.overrides).toEqual({ severity: { computed: 'high', chosen: 'low', reason: '现场复核', by: 'u1', at: AT } });
  });

  it('a class chosen escalate keeps its label from the code list', () => {
    const { results } = evaluateForm(form, input(1, { disposition: { chosen: 'escalate' } }));
    expect(results.classes.disposition).toBe('escalate');
    expect(results.classList[0]).toMatchObject({ value: 'escalate', label: { 'zh-CN': '上报', en: 'Escalate' } });
    expect(results.overrides?.disposition.computed).toBe('close');
  });

  it('ignores a kept choice for a rule that declares no override', () => {
    const { results } = evaluateForm(form, input(4, { 'defect-count': { chosen: 9 } }));
    expect(results.computed['defect-count']).toBe(4);
    expect(results.overrides).toBeUndefined();
  });

  it('is stored compact with its overrides and read back the same', () => {
    const { results } = evaluateForm(form, input(4, { severity: { chosen: 'low' } }));
    const stored = compactResults(results);
    expect(stored.overrides).toEqual(results.overrides);
    expect(keptOverrides(stored)).toEqual({ severity: { chosen: 'low', reason: '现场复核', by: 'u1', at: AT } });
    expect(expandResults(form, stored)).toEqual(results);
  });
});

describe('planning an override', () => {
  it('keeps what the record has when the write names none', () => {
    const kept = { severity: { chosen: 'low', reason: 'r', by: 'u1', at: 'then' } };
    expect(planOverrides(form, kept, undefined, who('officer'))).toEqual({ overrides: kept, changes: [] });
  });

  it('refuses a rule that allows none, at /overrides/<id>', () => {
    const p = planOverrides(form, undefined, { 'defect-count': { value: 1, reason: 'x' } }, who('officer'));
    expect(p).toEqual({
      refused: { code: 'OVERRIDE_NOT_ALLOWED', details: [expect.objectContaining({ pointer: '/overrides/defect-count' })] },
    });
  });

  it('refuses a user without one of the rule’s roles', () => {
    const p = planOverrides(form, undefined, { disposition: { value: 'close', reason: '复核' } }, who('officer'));
    expect(p).toEqual({
      refused: { code: 'OVERRIDE_FORBIDDEN', details: [expect.objectContaining({ pointer: '/overrides/disposition' })] },
    });
  });

  it('refuses a missing or blank reason at /overrides/<id>/reason', () => {
    for (const reason of [undefined, '', '   ']) {
      const p = planOverrides(form, undefined, { severity: { value: 'low', reason } }, who('officer'));
      expect(p).toEqual({
        refused: { code: 'OVERRIDE_REASON_REQUIRED', details: [expect.objectContaining({ pointer: '/overrides/severity/reason' })] },
      });
    }
  });

  it('refuses a class that is not a code of the rule’s list, and a value that is not plain', () => {
    const p = planOverrides(form, undefined, { disposition: { value: 'forget', reason: '复核' } }, who('reviewer'));
    expect(p).toEqual({
      refused: { code: 'OVERRIDE_VALUE_INVALID', details: [expect.objectContaining({ pointer: '/overrides/disposition/value' })] },
    });
    const q = planOverrides(form, undefined, { severity: { value: { a: 1 }, reason: '复核' } }, who('officer'));
    expect(q).toMatchObject({ refused: { code: 'OVERRIDE_VALUE_INVALID' } });
  });

  it('stamps who and when, trims the reason, and audits the change', () => {
    const p = planOverrides(form, undefined, { severity: { value: 'low', reason: ' 现场复核 ' } }, who('officer'));
    expect(p).toEqual({
      overrides: { severity: { chosen: 'low', reason: '现场复核', by: 'u-officer', at: AT } },
      changes: [{ pointer: '/overrides/severity', to: { chosen: 'low', reason: '现场复核' } }],
    });
  });

  it('the same choice sent again keeps who made it and when; null clears it', () => {
    const kept = { severity: { chosen: 'low', reason: '现场复核', by: 'u1', at: 'then' } };
    expect(planOverrides(form, kept, { severity: { value: 'low', reason: '现场复核' } }, who('officer'))).toEqual({
      overrides: kept,
      changes: [],
    });
    expect(planOverrides(form, kept, { severity: null }, who('officer'))).toEqual({
      overrides: undefined,
      changes: [{ pointer: '/overrides/severity', from: { chosen: 'low', reason: '现场复核' } }],
    });
  });
});
