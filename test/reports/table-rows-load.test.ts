// Reports over table rows (source.rows) at plugin load, without a database: the neutral row-demo plugin loads, and
// a pointer that is no table or a row field the table lacks refuses the plugin with the report file, a pointer to
// the mistake and the closest names.
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPluginLoader } from '../../platform/plugins';
import { REPO_ROOT } from '../../platform/boot/config';

const DEMO = path.join(REPO_ROOT, 'test/reports/plugins/row-demo');
const FILE = 'reports/dues-by-year.json';
let root: string;

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'hezuo-rows-'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

/** The demo with one edit to the grouped report; the loader's errors as [file, pointer, code, English message]. */
async function errorsOf(name: string, edit: (v: any) => void) {
  const dir = path.join(root, name);
  await cp(DEMO, dir, { recursive: true });
  const p = path.join(dir, FILE);
  const v = JSON.parse(await readFile(p, 'utf8'));
  edit(v);
  await writeFile(p, JSON.stringify(v));
  const r = await createPluginLoader().fromFolder(dir);
  if (r.errors.length) expect(r.plugin).toBeUndefined();
  return r.errors.map((e) => [e.file, e.pointer, e.code, typeof e.message === 'string' ? e.message : e.message.en]);
}

describe('reports over table rows at load', () => {
  it('the demo loads: the plan names the table', async () => {
    const r = await createPluginLoader().fromFolder(DEMO);
    expect(r.errors).toEqual([]);
    expect(r.plugin!.reports.get('dues-by-year')!.plan.source).toMatchObject({ kind: 'form', form: 'holding', rows: ['dues'] });
  });

  it('refuses a pointer that is not a field, with the closest table', async () => {
    expect(await errorsOf('no-field', (v) => (v.source.rows = '/due'))).toEqual([
      [FILE, '/source/rows', 'REPORT_INVALID', 'The form has no field /due. Did you mean /dues?'],
    ]);
  });

  it('refuses a field that is not an array of objects (a list of texts, a text)', async () => {
    expect(await errorsOf('texts', (v) => (v.source.rows = '/owners'))).toEqual([
      [FILE, '/source/rows', 'REPORT_INVALID', '/owners is not a table (an array of objects with properties)'],
    ]);
    expect((await errorsOf('text', (v) => (v.source.rows = '/name')))[0][1]).toBe('/source/rows');
  });

  it('refuses a row field the items lack, naming the closest, with a pointer into the report', async () => {
    expect(await errorsOf('row-field', (v) => (v.columns[4].aggregate.of = { var: 'row.dues' }))).toEqual([
      [
        FILE,
        '/columns/4/aggregate/of/var',
        'REPORT_INVALID',
        "Cannot read row.dues: the table's rows have no such field. Did you mean row.due?",
      ],
    ]);
  });

  it('refuses row.… in a report that is not over table rows', async () => {
    const errors = await errorsOf('no-rows', (v) => delete v.source.rows);
    expect(errors[0]).toEqual([
      FILE,
      '/filter/>=/0/var',
      'REPORT_INVALID',
      'Cannot read row.year: the report is not over table rows (declare source.rows)',
    ]);
  });
});
