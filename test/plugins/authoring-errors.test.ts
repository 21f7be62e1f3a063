// Authoring errors as a new county's admin meets them, on variants of a neutral plugin (authoring-demo): a rule
// reading a field the form lacks is refused at load with the closest fields; one broken file gives its own errors
// and no cascade; an unknown operation lists the allowed ones; fixtures can set the record's state and org unit.
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPluginLoader } from '../../platform/plugins';
import { createRuleEngine } from '../../platform/rules';
import { runFixtureCase, runFixtures } from '../../platform/fixtures/run-fixtures';
import { TEST_PLUGINS } from '../helpers/paths';

const loader = createPluginLoader();
const DEMO = path.join(TEST_PLUGINS, 'authoring/authoring-demo');
const RULES = 'rules/coop.json';
let root: string;

async function variant(name: string, edit: (dir: string) => Promise<void>): Promise<string> {
  const dir = path.join(root, name);
  await cp(DEMO, dir, { recursive: true });
  await edit(dir);
  return dir;
}
async function editJson(dir: string, file: string, change: (v: any) => void) {
  const v = JSON.parse(await readFile(path.join(dir, file), 'utf8'));
  change(v);
  await writeFile(path.join(dir, file), JSON.stringify(v));
}
/** The errors of the demo with rule 1's logic (a check) replaced by `logic`. */
async function withLogic(name: string, logic: unknown) {
  const dir = await variant(name, (d) => editJson(d, RULES, (v) => { v.rules[1].logic = logic; }));
  return (await loader.fromFolder(dir)).errors;
}

beforeAll(async () => { root = await mkdtemp(path.join(os.tmpdir(), 'hezuo-authoring-')); });
afterAll(async () => { await rm(root, { recursive: true, force: true }); });

describe('a rule reading a field the form does not have', () => {
  it('is refused at load with file, pointer to the path, code and the closest fields', async () => {
    const errors = await withLogic('member-coops', { '>=': [{ var: 'data.memberCoops' }, 1] });
    expect(errors).toEqual([
      expect.objectContaining({
        file: RULES,
        pointer: '/rules/1/logic/>=/0/var',
        code: 'RULE_UNKNOWN_FIELD',
        params: { path: 'data.memberCoops', closest: ['data.membership.memberCoops', 'data.membership.memberCount'] },
      }),
    ]);
    expect(errors[0].message.en).toBe(
      'The form has no field data.memberCoops (the rule would always read null). Did you mean data.membership.memberCoops, data.membership.memberCount?',
    );
    expect(errors[0].message['zh-CN']).toContain('表单没有字段 data.memberCoops');
  });

  it('names the siblings of a mistyped nested field, and points into the [path, default] form of var', async () => {
    const errors = await withLogic('member-count', { '>=': [{ var: ['data.membership.memberCont', 0] }, 1] });
    expect(errors).toEqual([
      expect.objectContaining({ pointer: '/rules/1/logic/>=/0/var/0', params: { path: 'data.membership.memberCont', closest: ['data.membership.memberCount', 'data.membership.memberCoops'] } }),
    ]);
  });

  it('checks the items of a data list inside all/some/map/filter/count, reduce and sum', async () => {
    const logic = {
      and: [
        { all: [{ var: 'data.members' }, { '!!': { var: 'nmae' } }] },
        { some: [{ var: 'data.members' }, { '>': [{ var: 'capital' }, 0] }] },
        { reduce: [{ var: 'data.members' }, { '+': [{ var: 'current.captal' }, { var: 'accumulator' }] }, 0] },
        { '>': [{ sum: [{ var: 'data.members' }, 'capitol'] }, 0] },
      ],
    };
    const errors = await withLogic('items', logic);
    expect(errors.map((e) => [e.pointer, e.params])).toEqual([
      ['/rules/1/logic/and/0/all/1/!!/var', { path: 'nmae', closest: ['name'] }],
      ['/rules/1/logic/and/2/reduce/1/+/0/var', { path: 'current.captal', closest: ['current.capital'] }],
      ['/rules/1/logic/and/3/>/0/sum/1', { path: 'capitol', closest: ['capital'] }],
    ]);
    expect(errors[0].message.en).toMatch(/^The items of data\.members have no field nmae /);
  });

  it('accepts every other context and every path the schema can have', async () => {
    const logic = {
      and: [
        { var: 'params.minMembers' }, { var: 'computed.member-total' }, { var: 'record.orgUnit.level' }, { var: 'record.workflow.round' },
        { var: 'results.classes.stage' }, { var: 'asOf' }, { var: 'activeMarks' }, { var: 'data' },
        { var: 'data.members.0.name' }, { var: 'data.members.length' }, { var: 'data.name.length' }, { var: 'data.name.0' },
        { missing: ['data.name', 'data.membership.memberCount'] }, { missing_some: [1, ['data.kind', 'data.name']] },
        // A path computed at run time cannot be known at load.
        { var: { cat: ['data.', 'nowhere'] } },
        // Inside an iteration over something that is not a data list, the items are not known.
        { all: [{ var: 'params.minMembers' }, { var: 'whatever' }] },
      ],
    };
    expect(await withLogic('fine', logic)).toEqual([]);
  });

  it('checks the paths of missing and missing_some, and reads through a number', async () => {
    const logic = { and: [{ missing: ['data.name', 'data.nam'] }, { missing_some: [1, ['data.kindd']] }, { var: 'data.membership.memberCount.x' }] };
    const errors = await withLogic('missing', logic);
    expect(errors.map((e) => e.pointer)).toEqual(['/rules/1/logic/and/0/missing/1', '/rules/1/logic/and/1/missing_some/1/0', '/rules/1/logic/and/2/var']);
    expect(errors.every((e) => e.code === 'RULE_UNKNOWN_FIELD')).toBe(true);
  });

  it('is checked in `when` too, and a path under an open object is not refused', async () => {
    const dir = await variant('when-open', async (d) => {
      await editJson(d, 'forms/coop.schema.json', (v) => { delete v.properties.membership.additionalProperties; });
      await editJson(d, RULES, (v) => {
        v.rules[1].when = { var: 'data.membrship' };
        v.rules[2].logic = { var: 'data.membership.anything' };
      });
    });
    const { errors } = await loader.fromFolder(dir);
    expect(errors).toEqual([expect.objectContaining({ file: RULES, pointer: '/rules/1/when/var', params: { path: 'data.membrship', closest: ['data.membership'] } })]);
  });
});

describe('a rule reading a name the plugin does not declare', () => {
  it('refuses an undeclared parameter, reference, compute or classify rule, each with the closest declared name', async () => {
    const logic = {
      and: [
        { '>=': [{ var: 'data.membership.memberCount' }, { var: 'params.minMember' }] },
        { var: 'refs./parent.data.name' },
        { var: 'computed.member-totl' },
        { '==': [{ var: 'results.classes.stag' }, 'x'] },
        { missing: ['params.nothing'] },
      ],
    };
    const errors = await withLogic('undeclared', logic);
    expect(errors.map((e) => [e.file, e.pointer, e.code, e.params])).toEqual([
      [RULES, '/rules/1/logic/and/0/>=/1/var', 'RULE_UNKNOWN_FIELD', { path: 'params.minMember', closest: ['params.minMembers'] }],
      [RULES, '/rules/1/logic/and/1/var', 'RULE_UNKNOWN_FIELD', { path: 'refs./parent.data.name' }],
      [RULES, '/rules/1/logic/and/2/var', 'RULE_UNKNOWN_FIELD', { path: 'computed.member-totl', closest: ['computed.member-total'] }],
      [RULES, '/rules/1/logic/and/3/==/0/var', 'RULE_UNKNOWN_FIELD', { path: 'results.classes.stag', closest: ['results.classes.stage'] }],
      [RULES, '/rules/1/logic/and/4/missing/0', 'RULE_UNKNOWN_FIELD', { path: 'params.nothing' }],
    ]);
    expect(errors[0].message).toEqual({
      'zh-CN': '插件没有参数 minMember(规则读到的永远是空值)。是否想用 params.minMembers?',
      en: 'The plugin declares no parameter minMember (the rule would always read null). Did you mean params.minMembers?',
    });
    expect(errors[1].message.en).toMatch(/^The form has no reference \(x-ref\) field \/parent /);
  });

  it('accepts a reference through an x-ref field of the form', async () => {
    const dir = await variant('x-ref', async (d) => {
      await editJson(d, 'forms/coop.schema.json', (v) => { v.properties.parent = { type: 'string', 'x-ref': { form: 'coop' } }; });
      await editJson(d, RULES, (v) => { v.rules[1].logic = { '!=': [{ var: 'refs./parent.data.name' }, null] }; });
    });
    expect((await loader.fromFolder(dir)).errors).toEqual([]);
  });

  it('refuses a read inside the referenced record that its form cannot have, with the closest fields of that form', async () => {
    const dir = await variant('x-ref-inside', async (d) => {
      await editJson(d, 'forms/coop.schema.json', (v) => { v.properties.parent = { type: 'string', 'x-ref': { form: 'coop' } }; });
      await editJson(d, RULES, (v) => {
        v.rules[1].logic = {
          and: [
            { var: 'refs./parent.data.membership.memberCont' },
            { var: 'refs./parent.date.name' },
            { var: 'refs./parent.data.members.0.capital' },
            { var: 'refs./parent.state' },
            { var: 'refs./parent.results.computed.anything' },
          ],
        };
      });
    });
    const { errors } = await loader.fromFolder(dir);
    expect(errors.map((e) => [e.file, e.pointer, e.code, e.params])).toEqual([
      [RULES, '/rules/1/logic/and/0/var', 'RULE_UNKNOWN_FIELD',
        { path: 'refs./parent.data.membership.memberCont', closest: ['refs./parent.data.membership.memberCount', 'refs./parent.data.membership.memberCoops'] }],
      [RULES, '/rules/1/logic/and/1/var', 'RULE_UNKNOWN_FIELD', { path: 'refs./parent.date.name', closest: ['refs./parent.data'] }],
    ]);
    expect(errors[0].message.en).toMatch(/^The referenced form has no field refs\.\/parent\.data\.membership\.memberCont /);
    expect(errors[1].message['zh-CN']).toContain('引用的记录没有 date');
  });
});

describe('a workflow step reading a field', () => {
  it('is refused when no form using the workflow has it, pointing into the workflow file', async () => {
    const dir = await variant('step-field', (d) =>
      editJson(d, 'workflows/review.json', (v) => { v.transitions[0].set = { round: { var: 'data.rnd' }, named: { var: 'data.name' } }; }));
    const { errors } = await loader.fromFolder(dir);
    expect(errors).toEqual([
      expect.objectContaining({ file: 'workflows/review.json', pointer: '/transitions/0/set/round/var', code: 'RULE_UNKNOWN_FIELD', params: expect.objectContaining({ path: 'data.rnd' }) }),
    ]);
  });

  it('is accepted when one of the forms sharing the workflow has it', async () => {
    const dir = await variant('step-shared', async (d) => {
      await editJson(d, 'workflows/review.json', (v) => {
        v.transitions[0].set = { round: { var: 'data.round' } };
        delete v.transitions[0].guards; // the other form has no guard rule
      });
      await writeFile(path.join(d, 'forms/other.schema.json'), JSON.stringify({ type: 'object', additionalProperties: false, properties: { round: { type: 'integer' } } }));
      await editJson(d, 'plugin.json', (v) => {
        v.forms.push({ id: 'other', title: { 'zh-CN': '其他', en: 'Other' }, schema: 'forms/other.schema.json', workflow: 'review', period: { kind: 'none' } });
      });
    });
    expect((await loader.fromFolder(dir)).errors).toEqual([]);
  });
});

describe('a follow-up reading a field', () => {
  it('is refused in its when and deadline like a rule, naming plugin.json', async () => {
    const dir = await variant('follow-up', (d) =>
      editJson(d, 'plugin.json', (v) => {
        v.forms[0].followUp = {
          on: { state: 'approved' },
          checks: { ids: ['enough-members'] },
          when: { '!!': { var: 'data.nme' } },
          deadline: { date_add: [{ var: 'today' }, { var: 'data.membership.days' }, 'days'] },
          roles: { mark: { role: 'officer' }, confirm: { role: 'reviewer' } },
        };
      }),
    );
    const { errors } = await loader.fromFolder(dir);
    expect(errors.map((e) => [e.file, e.pointer, e.code])).toEqual([
      ['plugin.json', '/forms/0/followUp/when/!!/var', 'RULE_UNKNOWN_FIELD'],
      ['plugin.json', '/forms/0/followUp/deadline/date_add/1/var', 'RULE_UNKNOWN_FIELD'],
    ]);
  });
});

describe('one mistake gives one root error', () => {
  it('a broken form schema used by two reports gives exactly the form’s error', async () => {
    const dir = await variant('broken-form', (d) => editJson(d, 'forms/coop.schema.json', (v) => { v.properties.membership.properties.memberCount.minimun = 0; }));
    const { plugin, errors } = await loader.fromFolder(dir);
    expect(plugin).toBeUndefined();
    expect(errors.length).toBe(1);
    expect(errors[0]).toEqual(expect.objectContaining({ file: 'forms/coop.schema.json', pointer: '/properties/membership/properties/memberCount/minimun' }));
  });

  it('a guard rule whose logic is wrong is not also "no such guard" in the workflow', async () => {
    const dir = await variant('broken-guard', (d) => editJson(d, RULES, (v) => { v.rules[5].logic = { '!!': { var_: 'data.name' } }; }));
    const { errors } = await loader.fromFolder(dir);
    expect(errors).toEqual([expect.objectContaining({ file: RULES, pointer: '/rules/5/logic/!!', code: 'RULE_INVALID' })]);
  });

  it('a guard that is not declared at all is still an error of the workflow', async () => {
    const dir = await variant('no-guard', (d) => editJson(d, 'workflows/review.json', (v) => { v.transitions[0].guards = ['nope']; }));
    const { errors } = await loader.fromFolder(dir);
    expect(errors).toEqual([expect.objectContaining({ file: 'workflows/review.json', pointer: '/transitions/0/guards/0' })]);
  });

  it('a report over a form that builds still gets its own errors', async () => {
    const dir = await variant('bad-report', (d) => editJson(d, 'reports/members.json', (v) => { v.source.form = 'coops'; }));
    const { errors } = await loader.fromFolder(dir);
    expect(errors).toEqual([expect.objectContaining({ file: 'reports/members.json', pointer: '/source/form', code: 'REPORT_INVALID' })]);
  });
});

describe('an unknown operation', () => {
  it('lists the closest and every allowed operation of the engine, at load', async () => {
    const errors = await withLogic('unknown-op', { rounded: [{ var: 'data.membership.memberCount' }] });
    expect(errors).toEqual([expect.objectContaining({ file: RULES, pointer: '/rules/1/logic', code: 'RULE_INVALID' })]);
    const allowed = [...createRuleEngine().operations];
    expect(errors[0].params).toEqual({ operation: 'rounded', allowed, closest: ['round'] });
    expect(errors[0].message.en).toBe(`Unknown operation: rounded. Did you mean round? Allowed operations: ${allowed.join(' ')}`);
  });
});

describe('fixtures setting the record', () => {
  it('run with the state, org unit and workflow values they give, and a wrong expectation fails', async () => {
    const { plugin } = await loader.fromFolder(DEMO);
    const outcomes = runFixtures(plugin!);
    expect(outcomes.map((o) => [o.description, o.mismatches])).toEqual(plugin!.fixtures[0].cases.map((c) => [c.description, []]));
    const suite = plugin!.fixtures[0];
    const township = suite.cases.find((c) => c.record?.orgUnit?.level === 'township')!;
    const asCounty = { ...township, record: { orgUnit: { code: '110101', level: 'county' as const } } };
    expect(runFixtureCase(plugin!, suite, asCounty).mismatches).toEqual([
      'checks.county-level: expected false, got true',
      'failed: expected ["county-level"], got []',
    ]);
  });


  it('refuse a state the form’s workflow does not have, naming those it has', async () => {
    const dir = await variant('fixture-state', (d) => editJson(d, 'fixtures/coop.json', (v) => { v.cases[5].record.state = 'aproved'; }));
    const { errors } = await loader.fromFolder(dir);
    expect(errors).toEqual([
      expect.objectContaining({ file: 'fixtures/coop.json', pointer: '/cases/5/record/state', params: { state: 'aproved', states: ['draft', 'approved'] } }),
    ]);
  });

  it('refuse an org level that is not one of the platform’s', async () => {
    const dir = await variant('fixture-level', (d) => editJson(d, 'fixtures/coop.json', (v) => { v.cases[2].record.orgUnit.level = 'district'; }));
    const { errors } = await loader.fromFolder(dir);
    expect(errors).toEqual([expect.objectContaining({ file: 'fixtures/coop.json', pointer: '/cases/2/record/orgUnit/level' })]);
  });
});
