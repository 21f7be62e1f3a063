// The studio's parameter edits: parameters.schema.json written as the loader reads it, typed values refused with a
// reason, and a parameter that rules read never removed silently.
import { describe, expect, it } from 'vitest';
import { filesReading, parseValue, readParams, removeParam, setParam } from '../../web/src/studio/params-edit';

const parse = (files: Record<string, string>) => Object.fromEntries(Object.entries(files).map(([p, t]) => [p, JSON.parse(t)]));

describe('parameters in the studio', () => {
  it('starts parameters.schema.json and names it in plugin.json for a plugin without parameters', () => {
    const files = { 'plugin.json': JSON.stringify({ id: 'p', forms: [] }) };
    const next = setParam(files, parse(files), {
      name: 'minMembers',
      type: 'integer',
      title: '最少成员数',
      description: '',
      default: 5,
      minimum: 1,
    });
    const v = parse(next);
    expect(v['plugin.json'].parameters).toBe('parameters.schema.json');
    expect(v['parameters.schema.json'].properties.minMembers).toEqual({ type: 'integer', title: '最少成员数', default: 5, minimum: 1 });
    expect(readParams(v['parameters.schema.json'])).toEqual([
      { name: 'minMembers', type: 'integer', title: '最少成员数', description: '', default: 5, minimum: 1 },
    ]);
  });

  it('changes a default in place, keeping keywords it does not edit and the order of the others', () => {
    const schema = {
      type: 'object',
      properties: { a: { type: 'string', enum: ['x', 'y'], default: 'x' }, b: { type: 'string', format: 'date', default: '2024-01-01' } },
    };
    const files = { 'plugin.json': JSON.stringify({ parameters: 'params.json' }), 'params.json': JSON.stringify(schema) };
    const p = readParams(schema)[1];
    expect(p.type).toBe('date');
    const next = parse(setParam(files, parse(files), { ...p, default: '2025-03-15' }));
    expect(Object.keys(next['params.json'].properties)).toEqual(['a', 'b']);
    expect(next['params.json'].properties.b).toEqual({ type: 'string', format: 'date', default: '2025-03-15' });
    const a = parse(setParam(files, parse(files), { ...readParams(schema)[0], default: 'y' }))['params.json'].properties.a;
    expect(a).toEqual({ type: 'string', enum: ['x', 'y'], default: 'y' });
  });

  it('refuses values that are not of the type or out of bounds, with a reason', () => {
    expect(parseValue({ type: 'integer', minimum: 1 }, '2.5')).toEqual({ error: ['请填写整数', 'A whole number'] });
    expect(parseValue({ type: 'integer', minimum: 1 }, '0')).toEqual({ error: ['不能小于 1', 'At least 1'] });
    expect(parseValue({ type: 'number', maximum: 1 }, '0.35')).toEqual({ value: 0.35 });
    expect(parseValue({ type: 'number' }, 'abc')).toMatchObject({ error: expect.any(Array) });
    expect(parseValue({ type: 'date' }, '2023-02-29')).toMatchObject({ error: expect.any(Array) });
    expect(parseValue({ type: 'date' }, '2024-02-29')).toEqual({ value: '2024-02-29' });
    expect(parseValue({ type: 'boolean' }, '否')).toEqual({ value: false });
  });

  it('names the files that read a parameter, and removes one nothing reads', () => {
    const files = {
      'plugin.json': JSON.stringify({ parameters: 'parameters.schema.json' }),
      'parameters.schema.json': JSON.stringify({
        type: 'object',
        required: ['quota', 'unused'],
        properties: { quota: { type: 'integer' }, unused: { type: 'integer' } },
      }),
      'rules/a.json': JSON.stringify({ rules: [{ logic: { '<=': [{ var: 'params.quota' }, 3] } }] }),
      'reports/r.json': JSON.stringify({ filter: { var: 'params.quotaOther' } }),
    };
    expect(filesReading(files, 'quota')).toEqual(['rules/a.json']);
    expect(filesReading(files, 'unused')).toEqual([]);
    const next = parse(removeParam(files, parse(files), 'unused'))['parameters.schema.json'];
    expect(Object.keys(next.properties)).toEqual(['quota']);
    expect(next.required).toEqual(['quota']);
  });
});
