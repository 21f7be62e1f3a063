// Report links (source.links) at plugin load, without a database: the neutral link-demo plugin loads, and each
// mistake in a links declaration refuses the plugin with the report's file and a pointer to the mistake.
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPluginLoader } from '../../platform/plugins';
import { REPO_ROOT } from '../../platform/boot/config';

const DEMO = path.join(REPO_ROOT, 'test/reports/plugins/link-demo');
const FILE = 'reports/members-by-town.json';
let root: string;

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'hezuo-links-'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

/** The demo with one edit to the grouped report; the loader's errors as [file, pointer]. */
async function errorsOf(name: string, edit: (v: any) => void): Promise<[string | undefined, string][]> {
  const dir = path.join(root, name);
  await cp(DEMO, dir, { recursive: true });
  const p = path.join(dir, FILE);
  const v = JSON.parse(await readFile(p, 'utf8'));
  edit(v);
  await writeFile(p, JSON.stringify(v));
  const r = await createPluginLoader().fromFolder(dir);
  if (r.errors.length) expect(r.plugin).toBeUndefined();
  return r.errors.map((e) => [e.file, e.pointer]);
}

describe('report links at load', () => {
  it('the demo plugin loads: each count is a condition over the linking record and the record it joins', async () => {
    const r = await createPluginLoader().fromFolder(DEMO);
    expect(r.errors).toEqual([]);
    const src = r.plugin!.reports.get('members-by-town')!.plan.source;
    expect(src).toMatchObject({
      kind: 'form',
      form: 'member',
      links: { form: 'tie', by: ['member'], join: { path: ['pledge'], form: 'pledge' } },
    });
    const links = (src as unknown as { links: { counts: unknown[] } }).links;
    expect(links.counts).toHaveLength(3);
    // The linking record's and the joined record's values, never the source record's.
    expect(JSON.stringify(links.counts)).toContain('"source":"link.data"');
    expect(JSON.stringify(links.counts)).toContain('"source":"link.ref.data"');
    expect(JSON.stringify(links.counts)).not.toMatch(/"source":"(data|ref\.data)"/);
  });

  it('refuses an unknown linking form, a by field that is no x-ref to the source form, and a bad join', async () => {
    expect(await errorsOf('form', (v) => (v.source.links.form = 'nope'))).toEqual([[FILE, '/source/links/form']]);
    expect(await errorsOf('by-plain', (v) => (v.source.links.by = '/start'))).toContainEqual([FILE, '/source/links/by']);
    // /pledge is an x-ref, but to pledges, not to members.
    expect(await errorsOf('by-other', (v) => (v.source.links.by = '/pledge'))).toContainEqual([FILE, '/source/links/by']);
    expect(await errorsOf('join', (v) => (v.source.links.join.field = '/end'))).toContainEqual([FILE, '/source/links/join/field']);
  });

  it('refuses conditions reading what the linking record lacks, the source record, or a sensitive field', async () => {
    expect(await errorsOf('field', (v) => (v.source.links.count.holding = { var: 'data.startt' }))).toEqual([
      [FILE, '/source/links/count/holding/var'],
    ]);
    expect(await errorsOf('unit', (v) => (v.source.links.count.holding = { '==': [{ var: 'orgUnit' }, 'x'] }))).toEqual([
      [FILE, '/source/links/count/holding/==/0/var'],
    ]);
    expect(await errorsOf('sensitive', (v) => (v.source.links.count.holding = { '==': [{ var: 'data.note' }, 'x'] }))).toEqual([
      [FILE, '/source/links/count/holding'],
    ]);
    // A joined record's values need the join.
    expect(
      await errorsOf('no-join', (v) => {
        delete v.source.links.join;
      }),
    ).toContainEqual([FILE, '/source/links/count/pledged/and/1/!=/0/var']);
  });

  it('refuses links.<name> that the report does not declare, and links without a links declaration', async () => {
    expect(await errorsOf('name', (v) => (v.columns[3].aggregate.where = { '>': [{ var: 'links.pledge' }, 0] }))).toEqual([
      [FILE, '/columns/3/aggregate/where/>/0/var'],
    ]);
    expect(
      await errorsOf('none', (v) => {
        delete v.source.links;
      }),
    ).toContainEqual([FILE, '/columns/3/aggregate/where/>/0/var']);
    expect(await errorsOf('schema', (v) => (v.source.links.count = {}))).toContainEqual([FILE, '/source/links/count']);
  });
});
