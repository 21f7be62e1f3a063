// A plugin's rules naming a calendar of a plugin it declares in `dependencies` (issue 13), on two neutral test
// plugins: shared-days (no forms, calendar office-days, 2026 only, 2026-12-31 a holiday) and notice-deadline
// (replyBy = receivedOn + 2 working days on office-days).
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createPluginLoader } from '../../platform/plugins/loader';
import { readPluginFolder } from '../../platform/plugins/read-folder';
import { evaluateForm } from '../../platform/evaluation';
import type { PluginDefinition } from '../../platform/plugins/types';
import type { Calendar } from '../../platform/rules';
import { REPO_ROOT } from '../../platform/boot/config';

const PLUGINS = path.join(REPO_ROOT, 'test/dependencies/plugins');
const tmp = await mkdtemp(path.join(os.tmpdir(), 'hezuo-deps-'));
afterAll(() => rm(tmp, { recursive: true, force: true }));

const replyBy = (plugin: PluginDefinition, receivedOn: string) =>
  evaluateForm(plugin.forms.get('notice')!, { data: { receivedOn }, params: {}, asOf: '2026-06-01', marks: [], record: {} }).results
    .computed['reply-by'];

describe('a dependent reads its dependency’s calendar', () => {
  it('loads both from one plugins folder, the dependent counting on the shared calendar', async () => {
    const { plugins, failures } = await createPluginLoader().fromRoot(PLUGINS);
    expect(failures).toEqual([]);
    const notice = plugins.find((p) => p.id === 'notice-deadline')!;
    expect(replyBy(notice, '2026-06-05')).toBe('2026-06-09'); // Friday + 2 working days: Monday, Tuesday
    expect(replyBy(notice, '2026-12-29')).toBe(null); // 30th, 31st a holiday, 2027 not listed
  });

  it('loads with the dependency in a later plugins folder, whatever the order', async () => {
    const a = path.join(tmp, 'a');
    const b = path.join(tmp, 'b');
    await cp(path.join(PLUGINS, 'notice-deadline'), path.join(a, 'notice-deadline'), { recursive: true });
    await cp(path.join(PLUGINS, 'shared-days'), path.join(b, 'shared-days'), { recursive: true });
    for (const roots of [
      [a, b],
      [b, a],
    ]) {
      const { plugins, failures } = await createPluginLoader().fromRoots(roots);
      expect(failures).toEqual([]);
      expect(plugins.map((p) => p.id).sort()).toEqual(['notice-deadline', 'shared-days']);
    }
  });

  it('a missing dependency fails the dependent alone, naming the calendar and the dependency with file and pointer', async () => {
    const { plugins, failures } = await createPluginLoader().fromRoot(path.join(tmp, 'a'));
    expect(plugins).toEqual([]);
    expect(failures).toHaveLength(1);
    const errors = failures[0].errors.map((e) => [e.file, e.pointer, e.message.en]);
    expect(errors).toContainEqual(['plugin.json', '/dependencies/0/id', 'The plugin it depends on is not installed: shared-days (^1.0.0)']);
    expect(errors).toContainEqual(['rules/notice.json', '/rules/0/logic/workdays_add/2', 'Unknown calendar: "office-days"']);
  });

  it('fromFolder (plugin validate/test) finds the dependency in a folder beside it, or one given with --with', async () => {
    expect((await createPluginLoader().fromFolder(path.join(PLUGINS, 'notice-deadline'))).errors).toEqual([]);
    expect((await createPluginLoader().fromFolder(path.join(tmp, 'a', 'notice-deadline'))).plugin).toBeUndefined();
    const withB = await createPluginLoader().fromFolder(path.join(tmp, 'a', 'notice-deadline'), [path.join(tmp, 'b')]);
    expect(withB.errors).toEqual([]);
    const withPlugin = await createPluginLoader().fromFolder(path.join(tmp, 'a', 'notice-deadline'), [path.join(tmp, 'b', 'shared-days')]);
    expect(withPlugin.errors).toEqual([]);
  });
});

describe('a calendar name found neither in the plugin nor its dependencies', () => {
  it('is refused at load with the rule file and the pointer of the argument', async () => {
    const { files } = await readPluginFolder(path.join(PLUGINS, 'notice-deadline'));
    const rules = JSON.parse(await readFile(path.join(PLUGINS, 'notice-deadline/rules/notice.json'), 'utf8'));
    rules.rules[0].logic.workdays_add[2] = 'no-such-days';
    const shared = (await createPluginLoader().fromFolder(path.join(PLUGINS, 'shared-days'))).plugin!;
    const loader = createPluginLoader({ dependencies: (id) => (id === 'shared-days' ? shared : undefined) });
    const r = loader.fromFiles({ ...files, 'rules/notice.json': rules });
    expect(r.plugin).toBeUndefined();
    expect(r.errors.map((e) => [e.file, e.pointer, e.message.en])).toEqual([
      ['rules/notice.json', '/rules/0/logic/workdays_add/2', 'Unknown calendar: "no-such-days"'],
    ]);
  });
});

describe('the dependency is read when the rule runs', () => {
  it('an upgrade adding 2027 reaches the dependent compiled before it, without rebuilding it', async () => {
    const shared = (await createPluginLoader().fromFolder(path.join(PLUGINS, 'shared-days'))).plugin!;
    const installed = new Map([['shared-days', shared]]);
    const loader = createPluginLoader({ dependencies: (id) => installed.get(id) });
    const notice = (await loader.fromFolder(path.join(PLUGINS, 'notice-deadline'))).plugin!;
    expect(replyBy(notice, '2027-01-04')).toBe(null);

    const v101 = path.join(tmp, 'shared-days-1.0.1');
    await cp(path.join(PLUGINS, 'shared-days'), v101, { recursive: true });
    const manifest = JSON.parse(await readFile(path.join(v101, 'plugin.json'), 'utf8'));
    await writeFile(path.join(v101, 'plugin.json'), JSON.stringify({ ...manifest, version: '1.0.1' }));
    const cal = JSON.parse(await readFile(path.join(v101, 'calendars/office-days.json'), 'utf8')) as Calendar;
    await writeFile(
      path.join(v101, 'calendars/office-days.json'),
      JSON.stringify({ ...cal, years: [2026, 2027], holidays: [...cal.holidays, '2027-01-01'] }),
    );
    installed.set('shared-days', (await createPluginLoader().fromFolder(v101)).plugin!);

    // Monday 2027-01-04 + 2 = Wednesday 2027-01-06; Tuesday 2026-12-29: 30th, (31st, 1st holidays, 2nd–3rd weekend) 4th.
    expect(replyBy(notice, '2027-01-04')).toBe('2027-01-06');
    expect(replyBy(notice, '2026-12-29')).toBe('2027-01-04');
  });
});
