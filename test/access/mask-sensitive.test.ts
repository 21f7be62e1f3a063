// Sensitive fields without a database: the mask styles, masking of data and audit changes, keeping a stored value
// sent back as its mask, what a report shows of a sensitive field, and x-sensitive checked when a plugin loads.
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPluginLoader } from '../../platform/plugins';
import type { PluginDefinition } from '../../platform/plugins/types';
import { keepMaskedValues, maskAt, maskChanges, maskText, parseMaskStyle, sensitiveFieldsOf } from '../../platform/access/mask-sensitive';
import { REPO_ROOT } from '../../platform/boot/config';
import { maskedAsSent } from '../../web/src/form-validation';

const DEMO = path.join(REPO_ROOT, 'test/access/plugins/sensitive-demo');
const loader = createPluginLoader();
let root: string;
let demo: PluginDefinition;

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'hezuo-sensitive-'));
  const r = await loader.fromFolder(DEMO);
  expect(r.errors).toEqual([]);
  demo = r.plugin!;
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

async function variantWith(name: string, change: (schema: any) => void) {
  const dir = path.join(root, name);
  await cp(DEMO, dir, { recursive: true });
  const file = path.join(dir, 'forms/person.schema.json');
  const schema = JSON.parse(await readFile(file, 'utf8'));
  change(schema);
  await writeFile(file, JSON.stringify(schema));
  return loader.fromFolder(dir);
}

describe('mask styles', () => {
  it('keeps the first N and last M characters and stars the rest, as the policy example shows', () => {
    expect(maskText('530123199001011234', parseMaskStyle('keep-first-4-last-4'))).toBe('5301**********1234');
    expect(maskText('13812345678', parseMaskStyle('keep-first-3-last-2'))).toBe('138******78');
    expect(maskText('530123199001011234', parseMaskStyle('full'))).toBe('******************');
  });

  it('counts characters, not bytes, and hides a value too short to hide anything in between', () => {
    expect(maskText('张三丰', parseMaskStyle('keep-first-1-last-0'))).toBe('张**');
    expect(maskText('12345678', parseMaskStyle('keep-first-4-last-4'))).toBe('********');
    expect(maskText('', parseMaskStyle('full'))).toBe('');
    expect(maskText(null, parseMaskStyle('full'))).toBeNull();
  });
});

describe('masking data', () => {
  const fields = sensitiveFieldsOf({
    type: 'object',
    properties: {
      id: { type: 'string', 'x-sensitive': { mask: 'keep-first-2-last-2' } },
      name: { type: 'string' },
      members: { type: 'array', items: { type: 'object', properties: { id: { type: 'string', 'x-sensitive': { mask: 'full' } } } } },
    },
  });

  it('finds fields through properties and array items', () => {
    expect(fields.map((f) => f.pointer)).toEqual(['/id', '/members/*/id']);
  });

  it('masks every sensitive value of the data and leaves the rest as it is, without changing the input', () => {
    const data = { id: 'AB1234CD', name: '李四', members: [{ id: '9999' }, { id: '12' }] };
    expect(maskAt(fields, data)).toEqual({ id: 'AB****CD', name: '李四', members: [{ id: '****' }, { id: '**' }] });
    expect(data.id).toBe('AB1234CD');
    // A value read from inside the data (a list column, a report column) is masked by where it was read.
    expect(maskAt(fields, 'AB1234CD', ['id'])).toBe('AB****CD');
    expect(maskAt(fields, [{ id: '77' }], ['members'])).toEqual([{ id: '**' }]);
  });

  it('masks both sides of audit changes of a sensitive field, whole arrays included', () => {
    const changes = [
      { pointer: '/id', from: 'AB1234CD', to: 'XY5678ZW' },
      { pointer: '/name', from: '李四', to: '李五' },
      { pointer: '/members', to: [{ id: '4444' }] },
    ];
    expect(maskChanges(fields, changes)).toEqual([
      { pointer: '/id', from: 'AB****CD', to: 'XY****ZW' },
      { pointer: '/name', from: '李四', to: '李五' },
      { pointer: '/members', to: [{ id: '****' }] },
    ]);
  });

  it('keeps the stored value when the mask of it is sent back, and takes any other value', () => {
    const stored = { id: 'AB1234CD', members: [{ id: '4444' }] };
    expect(keepMaskedValues(fields, stored, { id: 'AB****CD', name: '新', members: [{ id: '****' }, { id: '5555' }] })).toEqual({
      id: 'AB1234CD',
      name: '新',
      members: [{ id: '4444' }, { id: '5555' }],
    });
    expect(keepMaskedValues(fields, stored, { id: 'AB9999CD' })).toEqual({ id: 'AB9999CD' });
    // A mask of something else is not the stored value: it is saved as sent (and the form's format refuses it).
    expect(keepMaskedValues(fields, stored, { id: 'XY****CD' })).toEqual({ id: 'XY****CD' });
  });
});

describe('the browser form', () => {
  it('does not call a mask left as the server sent it a field error, but does once the officer types over it', () => {
    const fields = sensitiveFieldsOf({
      type: 'object',
      properties: { id: { type: 'string', 'x-sensitive': { mask: 'keep-first-2-last-2' } } },
    });
    const sent = { id: 'AB****CD', name: 'x' };
    expect(maskedAsSent(fields, '/id', { id: 'AB****CD' }, sent)).toBe(true);
    expect(maskedAsSent(fields, '/id', { id: 'AB***CD' }, sent)).toBe(false);
    expect(maskedAsSent(fields, '/name', { name: 'x' }, sent)).toBe(false);
    expect(maskedAsSent(fields, '/id', { id: 'AB****CD' }, undefined)).toBe(false);
  });
});

describe('a plugin with sensitive fields', () => {
  it('compiles the sensitive pointers, the subject mask and the right once, when it loads', () => {
    const s = demo.forms.get('person')!.sensitive;
    expect(s.fields.map((f) => f.pointer)).toEqual(['/idNumber', '/phone', '/members/*/idNumber']);
    expect(s.subject).toEqual({ first: 4, last: 4 });
    expect(s.subjectTitle).toBeNull();
    expect(s.roles).toEqual(['reviewer']);
    expect(s.level).toBe('city');
  });

  it('knows which report columns show a sensitive value, which are withheld, and which report probes one', () => {
    const people = demo.reportMasks.get('people')!;
    expect([...people.columns].map(([id, m]) => [id, m.kind])).toEqual([
      ['id-number', 'mask'],
      ['subject', 'mask'],
      ['has-phone', 'withhold'],
      // Computed from the masked column: it would tell the number (compared with a guess), so it is withheld.
      ['id-is-known', 'withhold'],
    ]);
    expect(people.probes).toBe(false);
    const byId = demo.reportMasks.get('by-id')!;
    expect([...byId.columns].map(([id, m]) => [id, m.kind])).toEqual([['first-id', 'mask']]);
    expect(demo.reportMasks.get('lookup')!.probes).toBe(true);
  });

  it('refuses a mask outside the closed set, an unknown key and x-sensitive on a field that is not text', async () => {
    const style = await variantWith('style', (s) => (s.properties.idNumber['x-sensitive'] = { mask: 'keep-first-10-last-4' }));
    expect(style.plugin).toBeUndefined();
    expect(style.errors).toContainEqual(
      expect.objectContaining({
        code: 'PLUGIN_INVALID',
        file: 'forms/person.schema.json',
        pointer: '/properties/idNumber/x-sensitive/mask',
      }),
    );
    const extra = await variantWith('extra', (s) => (s.properties.phone['x-sensitive'] = { mask: 'full', show: true }));
    expect(extra.errors).toContainEqual(
      expect.objectContaining({ code: 'PLUGIN_INVALID', file: 'forms/person.schema.json', pointer: '/properties/phone/x-sensitive/show' }),
    );
    const number = await variantWith('number', (s) => (s.properties.age = { type: 'integer', 'x-sensitive': { mask: 'full' } }));
    expect(number.errors).toContainEqual(
      expect.objectContaining({ code: 'PLUGIN_INVALID', file: 'forms/person.schema.json', pointer: '/properties/age/x-sensitive' }),
    );
  });
});
