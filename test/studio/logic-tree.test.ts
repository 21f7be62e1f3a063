// The structured rule editor's conversion: JsonLogic → tree → JsonLogic gives the same JSON (what the tree cannot
// show is kept as text, whole), the tree's edits write the JsonLogic a person would, and its operators are the
// engine's own. Also the names a condition can pick, typed by the form.
import { describe, expect, it } from 'vitest';
import { createRuleEngine } from '../../platform/rules';
import {
  addChild,
  COMPARISONS,
  fromLogic,
  fullyStructured,
  newCondition,
  operandFor,
  removeAt,
  replaceAt,
  toLogic,
  unwrapAt,
  withRuleLogic,
  wrapAt,
  type LogicNode,
} from '../../web/src/studio/logic-tree';
import { nameChoices } from '../../web/src/studio/logic-fields';

const v = (path: string) => ({ var: path });

describe('JsonLogic as a tree', () => {
  const representable: [string, unknown][] = [
    ['a comparison with a number', { '>=': [v('data.members'), 10] }],
    ['with a parameter', { '<': [v('data.area'), v('params.maxArea')] }],
    ['in a list', { in: [v('data.kind'), ['a', 'b']] }],
    ['a yes/no and null', { and: [{ '==': [v('data.ok'), true] }, { '!=': [v('data.date'), null] }] }],
    ['nested groups and not', { or: [{ '!': [{ '>': [v('data.x'), 1] }] }, { and: [{ '===': [v('data.y'), 'z'] }] }] }],
    ['a bare not', { '!': { '==': [v('data.x'), 0] } }],
    ['an empty group', { and: [] }],
  ];
  it.each(representable)('%s: structured whole, and written back the same', (_, logic) => {
    const tree = fromLogic(logic);
    expect(fullyStructured(tree)).toBe(true);
    expect(toLogic(tree)).toEqual(logic);
  });

  it('reads a condition as name, operator and value', () => {
    expect(fromLogic({ '>=': [v('data.members'), 10] })).toEqual({
      kind: 'condition',
      field: 'data.members',
      op: '>=',
      value: { literal: 10 },
    });
  });

  const notRepresentable: [string, unknown][] = [
    ['arithmetic', { '+': [v('data.a'), 1] }],
    ['a literal on the left', { '<': [10, v('data.members')] }],
    ['between (three operands)', { '<': [1, v('data.x'), 10] }],
    ['var with a default', { '==': [{ var: ['data.x', 0] }, 1] }],
    ['an iteration', { some: [v('data.rows'), { '>': [v('n'), 1] }] }],
    ['a list on ==', { '==': [v('data.x'), [1, 2]] }],
    ['two-argument not', { '!': [1, 2] }],
    ['a plain value', true],
    ['an object of two keys (data)', { a: 1, b: 2 }],
  ];
  it.each(notRepresentable)('%s: kept as text, never lost', (_, logic) => {
    const tree = fromLogic(logic);
    expect(tree).toEqual({ kind: 'text', logic });
    expect(toLogic(tree)).toEqual(logic);
  });

  it('keeps the parts it cannot show inside a group it can, in their place', () => {
    const some = { some: [v('data.rows'), { '>': [v('n'), 1] }] };
    const logic = { and: [{ '>=': [v('data.members'), 10] }, some, { '!': [{ '*': [2, 3] }] }] };
    const tree = fromLogic(logic) as Extract<LogicNode, { kind: 'group' }>;
    expect(tree.children.map((c) => c.kind)).toEqual(['condition', 'text', 'not']);
    expect(fullyStructured(tree)).toBe(false);
    expect(toLogic(tree)).toEqual(logic);
    // Editing the condition beside it leaves the text part untouched.
    const edited = replaceAt(tree, [0], { ...(tree.children[0] as any), value: { literal: 15 } });
    expect(toLogic(edited)).toEqual({ and: [{ '>=': [v('data.members'), 15] }, some, { '!': [{ '*': [2, 3] }] }] });
  });
});

describe('editing the tree', () => {
  const base = fromLogic({ and: [{ '>=': [v('data.members'), 10] }] });
  it('adds a condition and a group, and removes them', () => {
    const added = addChild(addChild(base, [], newCondition('data.kind')), [], { kind: 'group', op: 'or', children: [] });
    expect(toLogic(added)).toEqual({ and: [{ '>=': [v('data.members'), 10] }, { '==': [v('data.kind'), null] }, { or: [] }] });
    expect(toLogic(removeAt(added, [1]))).toEqual({ and: [{ '>=': [v('data.members'), 10] }, { or: [] }] });
    // The root is replaced, never removed.
    expect(removeAt(added, [])).toBe(added);
  });

  it('nests a condition in an or group or under not, and takes it out again', () => {
    const inOr = wrapAt(base, [0], 'or');
    expect(toLogic(inOr)).toEqual({ and: [{ or: [{ '>=': [v('data.members'), 10] }] }] });
    const negated = wrapAt(base, [0], 'not');
    expect(toLogic(negated)).toEqual({ and: [{ '!': [{ '>=': [v('data.members'), 10] }] }] });
    expect(toLogic(unwrapAt(negated, [0]))).toEqual(toLogic(base));
    expect(toLogic(unwrapAt(inOr, [0]))).toEqual(toLogic(base));
    // Removing what a "not" negates removes the "not".
    expect(toLogic(removeAt(negated, [0, 0]))).toEqual({ and: [] });
  });

  it('turns the value into a list for in, and back', () => {
    expect(operandFor('in', { literal: 'a' })).toEqual({ list: ['a'] });
    expect(operandFor('in', { literal: null })).toEqual({ list: [] });
    expect(operandFor('==', { list: ['a', 'b'] })).toEqual({ literal: 'a' });
    expect(operandFor('==', { name: 'params.x' })).toEqual({ name: 'params.x' });
  });

  it('offers only operators of the engine table', () => {
    const table = new Set(createRuleEngine().operations);
    for (const op of COMPARISONS) expect(table.has(op), op).toBe(true);
  });
});

describe('writing the rules file', () => {
  it("replaces one rule's logic, keeping the other rules and keys as they were", () => {
    const file = {
      note: 'n',
      rules: [{ id: 'a', kind: 'check', logic: true }, 'odd', { id: 'b', kind: 'check', logic: { '>': [v('data.x'), 1] }, when: true }],
    };
    const text = withRuleLogic(JSON.stringify(file), 2, { '>': [v('data.x'), 2] });
    expect(text).toBe(
      `${JSON.stringify({ ...file, rules: [file.rules[0], 'odd', { ...(file.rules[2] as object), logic: { '>': [v('data.x'), 2] } }] }, null, 2)}\n`,
    );
    expect(withRuleLogic('{ "rules": [', 0, true)).toBeNull();
    expect(withRuleLogic(JSON.stringify(file), 1, true)).toBeNull();
  });
});

describe('names a condition can pick', () => {
  const schema = {
    type: 'object',
    properties: {
      members: { type: 'integer', title: '成员数' },
      founded: { type: 'string', format: 'date', title: { 'zh-CN': '成立日期', en: 'Founded' } },
      site: {
        type: 'object',
        title: '场地',
        properties: { kind: { type: 'string', enum: ['own', 'rent'], enumNames: ['自有', '租赁'] }, ok: { type: 'boolean' } },
      },
      rows: { type: 'array', items: { type: 'object' } },
      coop: { type: 'string', 'x-ref': { form: 'coop' } },
    },
  };
  const values = {
    'plugin.json': { parameters: 'parameters.schema.json', codeLists: ['codelists/grade.json'] },
    'parameters.schema.json': { properties: { minMembers: { type: 'integer', title: '最少成员' } } },
    'codelists/grade.json': { id: 'grade', items: [{ code: 'A', label: { 'zh-CN': '甲', en: 'First' } }] },
  };
  const rules = [
    { id: 'total', kind: 'compute', title: '合计' },
    { id: 'grade', kind: 'classify', codeList: 'grade' },
  ];
  const known = { params: new Set(['minMembers']), refs: new Set(['/coop']), computed: new Set(['total']), classes: new Set(['grade']) };

  it('lists fields typed by the form, then parameters, references and rule results', () => {
    const names = nameChoices({ schema, values, rules, known, lang: 'en' });
    expect(names.map((n) => [n.name, n.type])).toEqual([
      ['data.members', 'integer'],
      ['data.founded', 'date'],
      ['data.site.kind', 'choice'],
      ['data.site.ok', 'boolean'],
      ['data.coop', 'text'],
      ['params.minMembers', 'integer'],
      ['refs./coop.state', 'text'],
      ['computed.total', 'any'],
      ['results.classes.grade', 'choice'],
    ]);
    const byName = Object.fromEntries(names.map((n) => [n.name, n]));
    expect(byName['data.founded'].label).toBe('Founded');
    expect(byName['data.site.kind']).toMatchObject({
      label: '场地 / kind',
      choices: [
        { value: 'own', label: '自有' },
        { value: 'rent', label: '租赁' },
      ],
    });
    expect(byName['results.classes.grade'].choices).toEqual([{ value: 'A', label: 'First (A)' }]);
  });
});
