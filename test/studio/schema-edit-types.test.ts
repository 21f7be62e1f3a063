// The field types the studio's tree adds beyond plain values — a choice and a multiple choice from a code list, a
// formatted text with its own refusal message, help text, an attachment, a reference with its reach — each made by
// the studio's pure edits and loaded through the plugin loader on the neutral default-demo plugin: no load error,
// and the form's validator accepts a good record and refuses a bad one at the field.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createPluginLoader, readPluginFolder } from '../../platform/plugins';
import { REPO_ROOT } from '../../platform/boot/config';
import { FIELD_FORMATS } from '../../platform/forms/field-formats';
import { addField, fieldTree, newFieldSchema, patchField, setRequired, typeOf } from '../../web/src/studio/schema-edit';
import { canMoveTo } from '../../web/src/studio/field-move';
import { refusalKeywords, withMessage } from '../../web/src/studio/field-types';
import { readCodeList } from '../../web/src/studio/codelist-edit';
import { computable, computeRulesFor, withComputeRule } from '../../web/src/studio/compute-field';

const DEMO = path.join(REPO_ROOT, 'test/records/default-plugins/default-demo');
const FILE = 'forms/visit.schema.json';
const loader = createPluginLoader();
const crops = readCodeList({
  id: 'crops',
  title: { 'zh-CN': '作物', en: 'Crops' },
  items: [
    { code: 'rice', label: { 'zh-CN': '水稻', en: 'Rice' } },
    { code: 'tea', label: { 'zh-CN': '茶叶', en: 'Tea' } },
  ],
})!;

async function loadWith(edit: (schema: any) => any) {
  const { files } = await readPluginFolder(DEMO);
  const manifest = { ...(files['plugin.json'] as any), codeLists: ['codelists/crops.json'] };
  const r = loader.fromFiles({ ...files, 'plugin.json': manifest, 'codelists/crops.json': crops, [FILE]: edit(files[FILE]) });
  return r;
}
const validate = (r: Awaited<ReturnType<typeof loadWith>>, data: unknown) =>
  r
    .plugin!.forms.get('visit')!
    .validate(data)
    .map((e) => [e.pointer, e.keyword]);
const base = { ledger: 'any-ledger-id' };

describe('studio field types load through the engine', () => {
  it('a choice and a multiple choice from a code list: codes as enum, zh-CN labels as enumNames, distinct items', async () => {
    const choice = newFieldSchema('choice', '主要作物', [], { codeList: crops });
    const multi = newFieldSchema('multi', '兼营作物', [], { codeList: crops });
    expect(choice).toEqual({ type: 'string', title: '主要作物', enum: ['rice', 'tea'], enumNames: ['水稻', '茶叶'] });
    expect(multi).toEqual({
      type: 'array',
      title: '兼营作物',
      items: { type: 'string', enum: ['rice', 'tea'], enumNames: ['水稻', '茶叶'] },
      uniqueItems: true,
    });
    const r = await loadWith((s) => addField(addField(s, [], 'crop', choice), [], 'crops', multi));
    expect(r.errors).toEqual([]);
    expect(validate(r, { ...base, crop: 'tea', crops: ['rice', 'tea'] })).toEqual([]);
    expect(validate(r, { ...base, crop: 'wheat', crops: ['rice', 'rice'] })).toEqual([
      ['/crop', 'enum'],
      ['/crops', 'uniqueItems'],
    ]);
    expect(fieldTree({ properties: { crop: choice, crops: multi } }).map((n) => typeOf(n.schema))).toEqual(['choice', 'multi']);
  });

  it('a text field with a format of the shared table, help text and its own refusal message', async () => {
    expect(FIELD_FORMATS.map((f) => f.format)).toContain('cn-mobile');
    const message = { 'zh-CN': '请填写11位手机号', en: 'Give an 11-digit mobile number' };
    const r = await loadWith((s) => {
      let next = addField(s, [], 'mobile', newFieldSchema('text', '手机', []));
      next = patchField(next, ['mobile'], { format: 'cn-mobile', description: '户主本人手机' });
      expect(refusalKeywords(next.properties.mobile, false)).toEqual(['format']);
      return patchField(next, ['mobile'], { 'x-messages': withMessage(next.properties.mobile, 'format', message)['x-messages'] });
    });
    expect(r.errors).toEqual([]);
    expect(validate(r, { ...base, mobile: '13810007919' })).toEqual([]);
    const refused = r.plugin!.forms.get('visit')!.validate({ ...base, mobile: '12345' });
    expect(refused.map((e) => [e.pointer, e.keyword])).toEqual([['/mobile', 'format']]);
    expect(JSON.stringify(refused[0])).toContain('请填写11位手机号');
    expect(withMessage({ 'x-messages': { format: message } }, 'format', null)).toEqual({});
  });

  it('an attachment and a reference to another form of the draft with its reach', async () => {
    const file = newFieldSchema('attachment', '现场照片', []);
    const ref = newFieldSchema('ref', '上级台账', [], { refForm: 'ledger', reach: 'region' });
    expect(ref['x-ref']).toEqual({ form: 'ledger', reach: 'region' });
    expect(newFieldSchema('ref', '台账', [], { refForm: 'ledger', reach: 'scope' })['x-ref']).toEqual({ form: 'ledger' });
    const r = await loadWith((s) => addField(addField(s, [], 'photos', file), [], 'parent', ref));
    expect(r.errors).toEqual([]);
    expect(validate(r, { ...base, photos: [], parent: 'x' })).toEqual([]);
    expect(validate(r, { ...base, photos: ['a', 'b', 'c', 'd', 'e', 'f'] })).toEqual([['/photos', 'x-attachment']]);
    expect([typeOf(file), typeOf(ref)]).toEqual(['attachment', 'ref']);
  });
});

describe('a table of rows', () => {
  it('opens its row as a section: fields added inside it load, and rows validate', async () => {
    let form: any = addField({ type: 'object', properties: {} }, [], 'rows', newFieldSchema('table', '家庭成员', []));
    form = addField(form, ['rows'], 'name', newFieldSchema('text', '姓名', []));
    form = addField(form, ['rows'], 'age', newFieldSchema('integer', '年龄', []));
    form = setRequired(form, ['rows', 'name'], true);
    expect(form.properties.rows).toEqual({
      type: 'array',
      title: '家庭成员',
      items: {
        type: 'object',
        required: ['name'],
        properties: { name: { type: 'string', title: '姓名' }, age: { type: 'integer', title: '年龄' } },
      },
    });
    const tree = fieldTree(form);
    expect([typeOf(tree[0].schema), tree[0].section, tree[0].table]).toEqual(['table', true, true]);
    expect(tree[0].children.map((n) => [n.path.join('.'), n.required])).toEqual([
      ['rows.name', true],
      ['rows.age', false],
    ]);
    // A row field stays in its table; the table is no place to move a field to.
    expect(canMoveTo(form, ['rows', 'age'], [])).toBe(false);
    expect(canMoveTo(addField(form, [], 'x', { type: 'string' }), ['x'], ['rows'])).toBe(false);

    const r = await loadWith((s) => addField(s, [], 'rows', form.properties.rows));
    expect(r.errors).toEqual([]);
    expect(validate(r, { ...base, rows: [{ name: '张三', age: 40 }, { name: '李四' }] })).toEqual([]);
    expect(validate(r, { ...base, rows: [{ age: 3 }] })).toEqual([['/rows/0/name', 'required']]);
  });
});

describe('a computed value', () => {
  it('a compute rule added for the field writes it, the field read-only, and the plugin loads', async () => {
    const { file, id } = withComputeRule({ rules: [{ id: 'compute-headcount', kind: 'compute', logic: 1 }] }, ['headcount'], {
      type: 'integer',
      title: '成员数',
    });
    expect(id).toBe('compute-headcount-2');
    expect(computeRulesFor(file, '/headcount')).toEqual(['compute-headcount-2']);
    expect(computeRulesFor(file, '/contact')).toEqual([]);
    const { files } = await readPluginFolder(DEMO);
    const manifest = structuredClone(files['plugin.json']) as any;
    manifest.forms[1].rules = ['rules/visit.json'];
    const schema = patchField(files[FILE] as any, ['headcount'], { readOnly: true });
    const rules = withComputeRule(undefined, ['headcount'], schema.properties.headcount).file;
    expect(rules).toEqual({ rules: [{ id: 'compute-headcount', kind: 'compute', field: '/headcount', logic: 0 }] });
    const r = loader.fromFiles({ ...files, 'plugin.json': manifest, [FILE]: schema, 'rules/visit.json': rules });
    expect(r.errors).toEqual([]);
    expect(r.plugin!.forms.get('visit')!.rules.map((x) => x.rule.id)).toEqual(['compute-headcount']);
  });

  it('is offered for a value field of the form or a section, not for a section, a table or a row field', () => {
    const form = {
      properties: {
        n: { type: 'number' },
        sec: { type: 'object', properties: { m: { type: 'integer' } } },
        rows: { type: 'array', items: { type: 'object', properties: { x: { type: 'string' } } } },
      },
    };
    expect([['n'], ['sec', 'm'], ['sec'], ['rows'], ['rows', 'x']].map((p) => computable(form, p))).toEqual([
      true,
      true,
      false,
      false,
      false,
    ]);
  });
});
