// The studio's JSON views check a file as one types against the meta-schema of its kind: the loader's own check on
// the same schemas/ files (so the studio and a load agree), each problem placed at its line in the text.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createMetaValidators, fileKinds } from '../../platform/plugins/meta-schemas';
import { kindOf, metaProblems, textProblems } from '../../web/src/studio/meta-schema-lint';
import { metaCheck } from '../../web/src/studio/lint-off-thread';
import { BUNDLED_PLUGINS, TEST_PLUGINS } from '../helpers/paths';

const DEMO = path.join(TEST_PLUGINS, 'authoring/authoring-demo');

/** Every file of a plugin folder as text, by its path in the plugin. */
function folderTexts(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const full = path.join(d, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (name.endsWith('.json')) out[path.relative(dir, full).split(path.sep).join('/')] = readFileSync(full, 'utf8');
    }
  };
  walk(dir);
  return out;
}

const lineOf = (text: string, offset: number) => text.slice(0, offset).split('\n').length;
const en = (text: string) => metaCheck('workflow', 'workflows/review.json', (t) => t.en)(text);

describe('meta-schema lint in the studio', () => {
  const files = folderTexts(DEMO);
  const workflow = files['workflows/review.json'];

  it('knows each file kind from plugin.json', () => {
    expect(kindOf(files, 'plugin.json')).toBe('manifest');
    expect(kindOf(files, 'workflows/review.json')).toBe('workflow');
    expect(kindOf(files, 'rules/coop.json')).toBe('rules');
    expect(kindOf(files, 'forms/coop.schema.json')).toBe('form-schema');
    expect(kindOf(files, 'parameters.schema.json')).toBe('parameters');
    expect(kindOf(files, 'reports/members.json')).toBe('report');
    expect(kindOf(files, 'notes.json')).toBeNull();
    // A manifest being typed that does not parse: only plugin.json itself is known.
    expect(kindOf({ ...files, 'plugin.json': '{"forms": [' }, 'plugin.json')).toBe('manifest');
    expect(kindOf({ ...files, 'plugin.json': '{"forms": [' }, 'rules/coop.json')).toBeNull();
  });

  it('a file as written has no problem, nor has any file of the five bundled plugins', () => {
    for (const [file, text] of Object.entries(files)) expect(textProblems(kindOf(files, file)!, file, text), file).toEqual([]);
    let checked = 0;
    for (const id of readdirSync(BUNDLED_PLUGINS)) {
      const texts = folderTexts(path.join(BUNDLED_PLUGINS, id));
      for (const [file, text] of Object.entries(texts)) {
        const kind = kindOf(texts, file);
        if (!kind) continue;
        expect(textProblems(kind, file, text), `${id}/${file}`).toEqual([]);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(30);
  });

  it('a typo in a key is an error at its line, on the key', async () => {
    const text = workflow.replace('"final": true', '"finale": true');
    const problems = await en(text);
    expect(problems).toHaveLength(1);
    expect(text.slice(problems[0].from, problems[0].to)).toBe('"finale"');
    expect(lineOf(text, problems[0].from)).toBe(7);
    expect(problems[0].message).toContain('finale');
    expect(problems[0].message).toContain('/states/1/finale');
  });

  it('a wrong value is marked on the value; a missing required key on the object that lacks it', async () => {
    const text = workflow.replace('"roles": ["reviewer"]', '"roles": ["reviewer", "clerk"]').replace(', "to": "approved"', '');
    const problems = await en(text);
    const marked = problems.map((p) => text.slice(p.from, p.to));
    expect(marked).toContain('"clerk"');
    expect(marked).toContain('{');
    expect(new Set(problems.map((p) => lineOf(text, p.from)))).toEqual(new Set([10]));
  });

  it('gives what the loader gives, for every kind it checks', () => {
    const server = createMetaValidators();
    const manifest = JSON.parse(files['plugin.json']);
    const broken: Record<string, unknown> = {
      'plugin.json': { ...manifest, forms: [{ ...manifest.forms[0], colour: 'red' }] },
      'workflows/review.json': { ...JSON.parse(workflow), initial: 3 },
      'rules/coop.json': { rules: [{ id: 'x', kind: 'nonsense' }] },
      'reports/members.json': { id: 'members' },
      'fixtures/coop.json': [],
    };
    for (const [file, kind] of fileKinds({ 'plugin.json': manifest })) {
      if (kind === 'form-schema' || kind === 'parameters') continue;
      const value = broken[file] ?? JSON.parse(files[file]);
      const mine = metaProblems(kind, file, value);
      expect(mine, file).toEqual(server.validate(kind, file, value));
      if (file in broken) expect(mine.length, file).toBeGreaterThan(0);
    }
  });

  it('a form schema is checked by the form compiler, as at load', () => {
    const schema = JSON.parse(files['forms/coop.schema.json']);
    expect(metaProblems('form-schema', 'forms/coop.schema.json', schema)).toEqual([]);
    const text = JSON.stringify({ ...schema, properties: { ...schema.properties, n: { type: 'nombre' } } }, null, 2);
    const problems = textProblems('form-schema', 'forms/coop.schema.json', text);
    expect(problems.length).toBeGreaterThan(0);
    expect(text.slice(problems[0].from, problems[0].to)).toBe('"nombre"');
  });

  it('a form schema checked again after each keystroke is judged as it now stands', () => {
    const schema = { $id: 'https://example.org/typed.json', type: 'object', properties: { n: { type: 'integer' } } };
    const bad = { ...schema, properties: { n: { $ref: '#/definitions/nope' } } };
    for (let i = 0; i < 3; i++) {
      expect(metaProblems('form-schema', 'f.json', structuredClone(schema))).toEqual([]);
      expect(metaProblems('form-schema', 'f.json', structuredClone(bad)).length).toBeGreaterThan(0);
    }
  });

  it('a text that does not parse has no meta-schema problem (its parse error is the one shown)', () => {
    expect(textProblems('workflow', 'w.json', '{"id": ')).toEqual([]);
  });
});
