// A follow-up declaration is checked when the plugin loads: the meta-schema (unknown keys, the selector's shape),
// then against the form (its workflow has the state, the groups and ids name check rules, the logic compiles).
import { describe, expect, it } from 'vitest';
import { createPluginLoader } from '../../platform/plugins';
import { readPluginFolder } from '../../platform/plugins';
import path from 'node:path';
import { FOLLOW_UP_PLUGINS } from '../helpers/paths';

const loader = createPluginLoader();

async function withFollowUp(change: (f: Record<string, any>) => void) {
  const { files } = await readPluginFolder(path.join(FOLLOW_UP_PLUGINS, 'follow-up-demo'));
  const manifest = structuredClone(files['plugin.json']) as any;
  change(manifest.forms[0].followUp);
  return loader.fromFiles({ ...files, 'plugin.json': manifest });
}
const at = (pointer: string) => expect.objectContaining({ file: 'plugin.json', pointer: `/forms/0/followUp${pointer}` });

describe('follow-up declaration', () => {
  it('loads the neutral plugin’s declaration, compiled', async () => {
    const r = await withFollowUp(() => {});
    expect(r.errors).toEqual([]);
    expect(r.plugin!.forms.get('inspection')!.followUp).toMatchObject({ spec: { on: { state: 'accepted' } } });
  });

  it('refuses unknown keys and a selector with both or neither of groups and ids', async () => {
    expect((await withFollowUp((f) => (f.onState = 'x'))).errors).toContainEqual(
      expect.objectContaining({ keyword: 'additionalProperties' }),
    );
    expect((await withFollowUp((f) => (f.checks = { groups: ['site'], ids: ['has-sign'] }))).plugin).toBeUndefined();
    expect((await withFollowUp((f) => (f.checks = {}))).plugin).toBeUndefined();
    expect((await withFollowUp((f) => delete f.deadline)).plugin).toBeUndefined();
  });

  it('refuses a state the workflow lacks, groups and ids no check has, and logic the engine cannot compile', async () => {
    expect((await withFollowUp((f) => (f.on.state = 'closed'))).errors).toContainEqual(at('/on/state'));
    expect((await withFollowUp((f) => (f.checks = { groups: ['site', 'garden'] }))).errors).toContainEqual(at('/checks/groups/1'));
    expect((await withFollowUp((f) => (f.checks = { ids: ['grade'] }))).errors).toContainEqual(at('/checks/ids/0')); // a classify rule
    expect((await withFollowUp((f) => (f.deadline = { eval: ['1'] }))).errors).toContainEqual(
      expect.objectContaining({ file: 'plugin.json', code: 'RULE_INVALID' }),
    );
  });

  it('lets reports read only the declared counts', async () => {
    const { files } = await readPluginFolder(path.join(FOLLOW_UP_PLUGINS, 'follow-up-demo'));
    const report = structuredClone(files['reports/follow-ups-by-unit.json']) as any;
    report.columns[3].aggregate.of = { var: 'followUps.late' };
    const r = loader.fromFiles({ ...files, 'reports/follow-ups-by-unit.json': report });
    expect(r.errors).toEqual([
      expect.objectContaining({ file: 'reports/follow-ups-by-unit.json', code: 'REPORT_INVALID', pointer: '/columns/3/aggregate/of/var' }),
    ]);
  });
});
