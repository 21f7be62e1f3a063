// A synthetic plugin for the keystroke benchmark: one form of 300 fields in 10 sections, with a compute rule per
// section (its sum), a check per numeric field, and a score item per section. Written into a temp folder.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';

export const SYNTHETIC = { plugin: 'synthetic-300', form: 'big', sections: 10, perSection: 30 };

const pad = (n: number) => String(n).padStart(2, '0');

export async function writeSyntheticPlugin(dir: string): Promise<string> {
  const root = path.join(dir, SYNTHETIC.plugin);
  await mkdir(path.join(root, 'forms'), { recursive: true });
  await mkdir(path.join(root, 'rules'), { recursive: true });
  const properties: Record<string, unknown> = {};
  const totals: Record<string, unknown> = {};
  const rules: unknown[] = [];
  for (let s = 1; s <= SYNTHETIC.sections; s++) {
    const sec = `s${pad(s)}`;
    const fields: Record<string, unknown> = {};
    const numbers: string[] = [];
    for (let f = 1; f <= SYNTHETIC.perSection; f++) {
      const name = `f${pad(f)}`;
      if (f % 5 === 0) fields[name] = { type: 'string', title: `第${s}节 文字${f}`, maxLength: 200 };
      else {
        fields[name] = { type: 'integer', title: `第${s}节 数量${f}`, minimum: 0, maximum: 100000000 };
        numbers.push(name);
        rules.push({
          id: `${sec}-${name}-limit`,
          kind: 'check',
          severity: 'warn',
          pointer: `/${sec}/${name}`,
          title: { 'zh-CN': `第${s}节 数量${f} 不超过一万`, en: `Section ${s} count ${f} at most 10,000` },
          message: { 'zh-CN': '数值偏大,请核实', en: 'Large value; please check' },
          logic: { '<=': [{ coalesce: [{ var: `data.${sec}.${name}` }, 0] }, 10000] },
        });
      }
    }
    properties[sec] = { type: 'object', title: `第${s}节`, properties: fields, additionalProperties: false };
    totals[sec] = { type: ['number', 'null'], title: `第${s}节合计` };
    rules.unshift({
      id: `${sec}-total`,
      kind: 'compute',
      field: `/totals/${sec}`,
      title: { 'zh-CN': `第${s}节合计`, en: `Section ${s} total` },
      logic: { '+': numbers.map((n) => ({ coalesce: [{ var: `data.${sec}.${n}` }, 0] })) },
    });
    rules.push({
      id: `${sec}-score`,
      kind: 'score',
      dimension: 'size',
      max: 10,
      title: { 'zh-CN': `第${s}节规模`, en: `Section ${s} size` },
      logic: { if: [{ '>=': [{ var: `computed.${sec}-total` }, 100] }, 10, 0] },
    });
  }
  properties.totals = { type: 'object', title: '合计', readOnly: true, properties: totals, additionalProperties: false };
  const schema = { type: 'object', properties, additionalProperties: false };
  const manifest = {
    id: SYNTHETIC.plugin,
    version: '1.0.0',
    platform: '^0.1.0',
    title: { 'zh-CN': '合成插件(300 个字段)', en: 'Synthetic plugin (300 fields)' },
    forms: [
      {
        id: SYNTHETIC.form,
        title: { 'zh-CN': '大表单', en: 'Big form' },
        schema: 'forms/big.schema.json',
        rules: ['rules/big.json'],
        period: { kind: 'none' },
      },
    ],
  };
  await writeFile(path.join(root, 'plugin.json'), JSON.stringify(manifest, null, 2));
  await writeFile(path.join(root, 'forms/big.schema.json'), JSON.stringify(schema, null, 2));
  await writeFile(
    path.join(root, 'rules/big.json'),
    JSON.stringify({ dimensions: [{ id: 'size', title: { 'zh-CN': '规模', en: 'Size' } }], rules }, null, 2),
  );
  return root;
}
