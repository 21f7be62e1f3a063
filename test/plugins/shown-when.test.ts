// x-when, a field's shown-when condition (JsonLogic over the record's data): checked when the plugin loads (the
// engine accepts it, every data.… it reads is a field of the form, the field is not required), and run by the
// browser's form (web/src/shown-when.ts) to hide the field while it does not hold. On the neutral default-demo plugin.
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPluginLoader } from '../../platform/plugins';
import { REPO_ROOT } from '../../platform/boot/config';
import { compileShownWhen, hiddenFields, withHiddenFields } from '../../web/src/shown-when';

const DEMO = path.join(REPO_ROOT, 'test/records/default-plugins/default-demo');
const FILE = 'forms/visit.schema.json';
const loader = createPluginLoader();
let root: string;

async function variant(name: string, change: (schema: any) => void): Promise<string> {
  const dir = path.join(root, name);
  await cp(DEMO, dir, { recursive: true });
  const file = path.join(dir, FILE);
  const v = JSON.parse(await readFile(file, 'utf8'));
  change(v);
  await writeFile(file, JSON.stringify(v));
  return dir;
}

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'hezuo-when-'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

const SHEET_WHEN = { '>': [{ var: 'data.headcount' }, 10] };
const NAME_WHEN = { and: [{ '!=': [{ var: 'data.ledgerName' }, null] }, { '==': [{ var: 'data.sheet.members' }, 3] }] };

describe('x-when: checked when the plugin loads', () => {
  it('loads conditions on a section and on a field inside one', async () => {
    const dir = await variant('ok', (s) => {
      s.properties.sheet['x-when'] = SHEET_WHEN;
      s.properties.sheet.properties.name['x-when'] = NAME_WHEN;
    });
    const r = await loader.fromFolder(dir);
    expect(r.errors).toEqual([]);
    expect((r.plugin!.forms.get('visit')!.schema as any).properties.sheet['x-when']).toEqual(SHEET_WHEN);
  });

  const refused = async (name: string, change: (s: any) => void) => {
    const r = await loader.fromFolder(await variant(name, change));
    expect(r.plugin).toBeFalsy();
    return r.errors.filter((e) => e.file === FILE).map((e) => [e.pointer, e.code]);
  };

  it('refuses a read of a field the form lacks, an operation the engine lacks, a required field, a non-logic value', async () => {
    expect(await refused('unknown', (s) => (s.properties.contact['x-when'] = { '==': [{ var: 'data.headcounts' }, 1] }))).toEqual([
      ['/properties/contact/x-when/==/0/var', 'RULE_UNKNOWN_FIELD'],
    ]);
    const op = await refused('op', (s) => (s.properties.contact['x-when'] = { nosuch: [1] }));
    expect(op.map((e) => e[0])).toEqual(['/properties/contact/x-when']);
    expect(await refused('required', (s) => (s.properties.ledger['x-when'] = true))).toEqual([['/properties/ledger/x-when', 'PLUGIN_INVALID']]);
    expect((await refused('shape', (s) => (s.properties.contact['x-when'] = 'yes'))).map((e) => e[0])).toEqual(['/properties/contact/x-when']);
  });
});

describe('x-when: the form hides the field while the condition does not hold', () => {
  const schema = {
    type: 'object',
    properties: {
      headcount: { type: 'integer' },
      sheet: { type: 'object', 'x-when': SHEET_WHEN, properties: { members: { type: 'integer' }, name: { type: 'string', 'x-when': NAME_WHEN } } },
    },
  };
  const conditions = compileShownWhen(schema);

  it('hides by the current data, sections and fields inside them alike', () => {
    expect(hiddenFields(conditions, {})).toEqual([['sheet'], ['sheet', 'name']]);
    expect(hiddenFields(conditions, { headcount: 11 })).toEqual([['sheet', 'name']]);
    expect(hiddenFields(conditions, { headcount: 11, ledgerName: 'x', sheet: { members: 3 } })).toEqual([]);
  });

  it('marks the hidden fields in a copy of the UI schema, keeping what it had', () => {
    const ui = { 'ui:order': ['sheet', 'headcount'], sheet: { name: { 'ui:widget': 'textarea' } } };
    expect(withHiddenFields(ui, [['sheet', 'name']])).toEqual({
      'ui:order': ['sheet', 'headcount'],
      sheet: { name: { 'ui:widget': 'textarea', 'ui:hiddenWhen': true } },
    });
    expect(ui.sheet.name).toEqual({ 'ui:widget': 'textarea' });
  });
});
