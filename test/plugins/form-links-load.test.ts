// A form's links (plugin.json forms[].links, linkStatus) at plugin load, without a database: the neutral
// link-status-demo plugin loads, and each mistake refuses the plugin with one error naming plugin.json and a pointer.
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPluginLoader } from '../../platform/plugins';
import { REPO_ROOT } from '../../platform/boot/config';

const DEMO = path.join(REPO_ROOT, 'test/api/plugins/link-status-demo');
const FILE = 'plugin.json';
let root: string;

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'hezuo-form-links-'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

/** The demo with one edit to the member form's declaration; the loader's errors as [file, pointer, code]. */
async function errorsOf(name: string, edit: (member: any) => void): Promise<[string | undefined, string, string | undefined][]> {
  const dir = path.join(root, name);
  await cp(DEMO, dir, { recursive: true });
  const p = path.join(dir, FILE);
  const v = JSON.parse(await readFile(p, 'utf8'));
  edit(v.forms[0]);
  await writeFile(p, JSON.stringify(v));
  const r = await createPluginLoader().fromFolder(dir);
  if (r.errors.length) expect(r.plugin).toBeUndefined();
  return r.errors.map((e) => [e.file, e.pointer, e.code]);
}

describe("a form's links at load", () => {
  it('the demo loads with the counts planned as a report’s and the status list compiled', async () => {
    const r = await createPluginLoader().fromFolder(DEMO);
    expect(r.errors).toEqual([]);
    const l = r.plugin!.formLinks.get('member')!;
    expect(l.plan).toMatchObject({ form: 'tie', by: ['member'], join: { path: ['pledge'], form: 'pledge' } });
    expect(l.names).toEqual(['ties', 'holding', 'pledged']);
    expect(l.status.map((s) => s.id)).toEqual(['pledged', 'holding', 'none']);
    expect(l.status[1].when({ links: { holding: 1 } })).toBe(true);
    expect(r.plugin!.formLinks.has('tie')).toBe(false);
  });

  it('refuses an unknown linking form and a by field that is no x-ref to this form, one error for each', async () => {
    expect(await errorsOf('form', (m) => (m.links.form = 'nope'))).toEqual([[FILE, '/forms/0/links/form', 'PLUGIN_INVALID']]);
    // /pledge is an x-ref of ties, but to pledges, not to members.
    expect(await errorsOf('by', (m) => (m.links.by = '/pledge'))).toEqual([[FILE, '/forms/0/links/by', 'PLUGIN_INVALID']]);
    // As in a report, a count reading ref.… is refused too when the join is (report-links.ts).
    expect(await errorsOf('join', (m) => (m.links.join.field = '/end'))).toContainEqual([FILE, '/forms/0/links/join/field', 'PLUGIN_INVALID']);
  });

  it('refuses a status reading anything but the declared counts, a bad operation, and a status without links', async () => {
    expect(await errorsOf('name', (m) => (m.linkStatus[1].when = { '>': [{ var: 'links.active' }, 0] }))).toEqual([
      [FILE, '/forms/0/linkStatus/1/when', 'PLUGIN_INVALID'],
    ]);
    expect(await errorsOf('data', (m) => (m.linkStatus[0].when = { '==': [{ var: 'data.name' }, '甲'] }))).toEqual([
      [FILE, '/forms/0/linkStatus/0/when', 'PLUGIN_INVALID'],
    ]);
    const op = await errorsOf('op', (m) => (m.linkStatus[0].when = { nope: [1] }));
    expect(op).toHaveLength(1);
    expect(op[0][1]).toMatch(/^\/forms\/0\/linkStatus\/0\/when/);
    expect(await errorsOf('alone', (m) => delete m.links)).toEqual([[FILE, '/forms/0/linkStatus', 'PLUGIN_INVALID']]);
  });

  it('refuses a count reading a sensitive field of the linking record', async () => {
    const e = await errorsOf('sensitive', (m) => (m.links.count.ties = { '!=': [{ var: 'data.note' }, null] }));
    expect(e).toEqual([[FILE, '/forms/0/links/count/ties', 'PLUGIN_INVALID']]);
  });
});
