// x-default (platform/plugins/field-defaults.ts): the fill itself — only empty fields, never a typed value, a
// referenced record only where the caller lets it be read — and the load-time checks, each a PLUGIN_INVALID at the
// keyword's pointer in the schema file. On the neutral default-demo plugin (test/records/default-plugins).
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPluginLoader } from '../../platform/plugins';
import { REPO_ROOT } from '../../platform/boot/config';
import { fillDefaults, type FieldDefault } from '../../platform/plugins/field-defaults';
import { getAtPointer } from '../../platform/plugins/schema-walk';

const DEMO = path.join(REPO_ROOT, 'test/records/default-plugins/default-demo');
const loader = createPluginLoader();
let root: string;

/** The demo plugin with the visit form's schema changed. */
async function variant(name: string, change: (schema: any) => void): Promise<string> {
  const dir = path.join(root, name);
  await cp(DEMO, dir, { recursive: true });
  const file = path.join(dir, 'forms/visit.schema.json');
  const v = JSON.parse(await readFile(file, 'utf8'));
  change(v);
  await writeFile(file, JSON.stringify(v));
  return dir;
}

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'hezuo-defaults-'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

const DEFAULTS: FieldDefault[] = [
  { pointer: '/ledgerName', from: '/ledger', field: '/name' },
  { pointer: '/headcount', from: '/ledger', field: '/members' },
  { pointer: '/sheet/members', field: '/headcount' },
];
const ledger = { code: 'L1', name: '一号台账', members: 12 };
/** The ledger as a reader the user may read in full gives it. */
const fromLedger = (d: FieldDefault) => (d.from === '/ledger' ? getAtPointer(ledger, d.field) : undefined);

describe('x-default: the fill', () => {
  it('fills empty fields from the referenced record, then same-form fields from what was just filled', () => {
    const data = { ledger: 'l-1' };
    const r = fillDefaults(DEFAULTS, data, fromLedger);
    expect(r.data).toEqual({ ledger: 'l-1', ledgerName: '一号台账', headcount: 12, sheet: { members: 12 } });
    expect([...r.filled.keys()]).toEqual(['/ledgerName', '/headcount', '/sheet/members']);
    expect(data).toEqual({ ledger: 'l-1' });
  });

  it('never overwrites a typed value (0 and false count as typed); an empty string counts as empty', () => {
    const data = { ledger: 'l-1', ledgerName: '', headcount: 0, sheet: { members: 3 } };
    const r = fillDefaults(DEFAULTS, data, fromLedger);
    expect(r.data).toEqual({ ledger: 'l-1', ledgerName: '一号台账', headcount: 0, sheet: { members: 3 } });
  });

  it('gives nothing from a record the caller may not read, nor from a field it may not show', () => {
    expect(fillDefaults(DEFAULTS, { ledger: 'l-1' }, () => undefined).filled.size).toBe(0);
    const r = fillDefaults(DEFAULTS, { ledger: 'l-1' }, (d) => (d.field === '/name' ? undefined : fromLedger(d)));
    expect(r.data).toEqual({ ledger: 'l-1', headcount: 12, sheet: { members: 12 } });
  });

  it('returns the same object when nothing is filled', () => {
    const data = { ledger: 'l-1', ledgerName: 'x', headcount: 1, sheet: { members: 1 } };
    expect(fillDefaults(DEFAULTS, data, fromLedger).data).toBe(data);
  });

  it('a value it filled itself follows its source until the officer changes it', () => {
    const follow = new Map<string, unknown>([['/sheet/members', 12]]);
    const d = [{ pointer: '/sheet/members', field: '/headcount' }];
    expect(fillDefaults(d, { headcount: 15, sheet: { members: 12 } }, () => undefined, follow).data).toEqual({
      headcount: 15,
      sheet: { members: 15 },
    });
    expect(fillDefaults(d, { headcount: 15, sheet: { members: 9 } }, () => undefined, follow).data).toEqual({
      headcount: 15,
      sheet: { members: 9 },
    });
  });
});

describe('x-default: checked when the plugin loads', () => {
  it('loads the demo plugin, its defaults compiled in declaration order', async () => {
    const r = await loader.fromFolder(DEMO);
    expect(r.errors).toEqual([]);
    expect(r.plugin!.forms.get('visit')!.defaults).toEqual([
      { pointer: '/ledgerName', from: '/ledger', field: '/name' },
      { pointer: '/contact', from: '/ledger', field: '/contact' },
      { pointer: '/headcount', from: '/ledger', field: '/members' },
      { pointer: '/sheet/members', field: '/headcount' },
      { pointer: '/sheet/name', field: '/ledgerName' },
    ]);
  });

  const refused = async (name: string, change: (s: any) => void) => {
    const r = await loader.fromFolder(await variant(name, change));
    expect(r.plugin).toBeFalsy();
    return r.errors.filter((e) => e.file === 'forms/visit.schema.json').map((e) => [e.pointer, e.code, e.message.en]);
  };

  it('refuses a `from` that is no x-ref field of the form', async () => {
    expect(await refused('from', (s) => (s.properties.ledgerName['x-default'].from = '/ledgerName'))).toEqual([
      ['/properties/ledgerName/x-default/from', 'PLUGIN_INVALID', '/ledgerName is no x-ref field of this form'],
    ]);
  });

  it('refuses a field the referenced form does not have, and one this form does not have', async () => {
    expect(await refused('ref-field', (s) => (s.properties.ledgerName['x-default'].field = '/title'))).toEqual([
      ['/properties/ledgerName/x-default/field', 'PLUGIN_INVALID', 'The referenced form has no field /title'],
    ]);
    expect(await refused('own-field', (s) => (s.properties.sheet.properties.members['x-default'].field = '/members'))).toEqual([
      ['/properties/sheet/properties/members/x-default/field', 'PLUGIN_INVALID', 'The form has no field /members'],
    ]);
  });

  it('refuses a field of another type, a field defaulting to itself, and a malformed declaration', async () => {
    expect(await refused('type', (s) => (s.properties.headcount['x-default'].field = '/name'))).toEqual([
      ['/properties/headcount/x-default/field', 'PLUGIN_INVALID', '/name has another type than this field'],
    ]);
    expect(await refused('self', (s) => (s.properties.headcount['x-default'] = { field: '/headcount' }))).toEqual([
      ['/properties/headcount/x-default/field', 'PLUGIN_INVALID', 'A field cannot default to itself'],
    ]);
    // The meta-schema's own refusal (field is required), and nothing more.
    const malformed = await refused('shape', (s) => (s.properties.headcount['x-default'] = { from: '/ledger' }));
    expect(malformed.map((e) => e[0])).toEqual(['/properties/headcount/x-default/field']);
  });
});
