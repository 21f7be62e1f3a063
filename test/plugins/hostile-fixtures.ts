// Hostile plugins, written as folders into a temporary root by the tests that use them: rules that try to
// exhaust time or memory when a record is saved, and folders that try to make the loader read outside
// themselves, read huge files or choke on deep nesting. The neutral test plugin is copied beside them.
import { cp, mkdir, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { TEST_PLUGINS } from '../helpers/platform';

const title = (en: string) => ({ 'zh-CN': en, en });

/** A small, valid plugin with one form `thing` (data: items, a list of numbers) and the given rules. */
function pluginFiles(id: string, rules: unknown[], transitionSet?: Record<string, unknown>): Record<string, unknown> {
  return {
    'plugin.json': {
      id, version: '1.0.0', platform: '>=0.1.0', title: title(id),
      workflows: ['workflows/flow.json'],
      forms: [{ id: 'thing', title: title('Thing'), schema: 'forms/thing.schema.json', rules: ['rules/thing.json'], workflow: 'flow', period: { kind: 'none' } }],
    },
    'forms/thing.schema.json': {
      type: 'object', additionalProperties: false,
      properties: { label: { type: 'string' }, items: { type: 'array', maxItems: 2000, items: { type: 'integer' } } },
    },
    'rules/thing.json': { rules },
    'workflows/flow.json': {
      id: 'flow', title: title('Flow'), initial: 'draft',
      states: [{ id: 'draft', title: title('Draft'), editable: true }, { id: 'done', title: title('Done') }],
      transitions: [{ id: 'finish', title: title('Finish'), from: ['draft'], to: 'done', roles: ['officer'], ...(transitionSet ? { set: transitionSet } : {}) }],
    },
  };
}

async function writePlugin(dir: string, files: Record<string, unknown>): Promise<void> {
  for (const [rel, value] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(dir, rel)), { recursive: true });
    await writeFile(path.join(dir, rel), typeof value === 'string' ? value : JSON.stringify(value));
  }
}

const range = (n: number) => Array.from({ length: n }, (_, i) => i);
const acc = { var: 'accumulator' };
/** Doubles an array per item of data.items: 2^n items after n. */
export const DOUBLING_MERGE = { reduce: [{ var: 'data.items' }, { merge: [acc, acc] }, [1]] };
/** Doubles a text per item of data.items. */
export const DOUBLING_CAT = { reduce: [{ var: 'data.items' }, { cat: [acc, acc] }, 'abcdefgh'] };
/** Two nested iterations (the most check() allows): items × 1000 body runs. */
export const NESTED_MAP = { map: [{ var: 'data.items' }, { map: [range(1000), { '+': [{ var: '' }, 1] }] }] };
/** Three nested iterations over 1000 items each: refused at load. */
export const NESTED_MAP_3 = { map: [range(1000), { map: [range(1000), { map: [range(1000), 1] }] }] };

const check = (id: string, logic: unknown) => ({
  id, kind: 'check', severity: 'block', title: title(id), message: title(`${id} failed`), logic,
});

/** The rules the evaluation tests save a record against. */
export const HOSTILE_RULES = [
  { id: 'nested-map', kind: 'compute', logic: NESTED_MAP },
  { id: 'doubling-merge', kind: 'compute', logic: DOUBLING_MERGE },
  { id: 'doubling-cat', kind: 'compute', logic: DOUBLING_CAT },
  check('doubling-check', { '>': [{ length: DOUBLING_MERGE }, 0] }),
  check('fine', { '>=': [{ length: { var: 'data.items' } }, 0] }),
  { id: 'count', kind: 'compute', logic: { length: { var: 'data.items' } } },
];

/** Writes the neutral test plugin and every hostile plugin under `root`; returns their folders by name. */
export async function writeHostilePlugins(root: string): Promise<Record<string, string>> {
  const dirs: Record<string, string> = {};
  const at = (name: string) => (dirs[name] = path.join(root, name));
  await cp(path.join(TEST_PLUGINS, 'registry-demo'), at('registry-demo'), { recursive: true });

  // Loads (nothing in it can be known at load), and every save runs into the budget.
  await writePlugin(at('hostile-rules'), pluginFiles('hostile-rules', HOSTILE_RULES, { blowup: DOUBLING_MERGE }));

  // Refused at load: three nested iterations; logic nested 250 deep.
  await writePlugin(at('hostile-nested-map'), pluginFiles('hostile-nested-map', [{ id: 'm', kind: 'compute', logic: NESTED_MAP_3 }]));
  let deep: unknown = true;
  for (let i = 0; i < 250; i++) deep = { '!': [deep] };
  await writePlugin(at('hostile-deep'), pluginFiles('hostile-deep', [{ id: 'd', kind: 'compute', logic: deep }]));

  // Refused at load: a rules file that is a link to /etc/passwd; a rules folder that is a link to a sibling.
  const passwd = pluginFiles('hostile-link-file', [{ id: 'x', kind: 'compute', logic: 1 }]);
  delete passwd['rules/thing.json'];
  await writePlugin(at('hostile-link-file'), passwd);
  await mkdir(path.join(dirs['hostile-link-file'], 'rules'));
  await symlink('/etc/passwd', path.join(dirs['hostile-link-file'], 'rules/thing.json'));

  const sibling = pluginFiles('hostile-link-folder', [{ id: 'x', kind: 'compute', logic: 1 }]);
  await writePlugin(path.join(root, 'outside'), { 'thing.json': sibling['rules/thing.json'] as object });
  delete sibling['rules/thing.json'];
  await writePlugin(at('hostile-link-folder'), sibling);
  await symlink(path.join(root, 'outside'), path.join(dirs['hostile-link-folder'], 'rules'));

  // Refused at load: a 5 MiB schema file; a file that does not parse, with a secret beside the error.
  const big = pluginFiles('hostile-oversized', [{ id: 'x', kind: 'compute', logic: 1 }]);
  big['forms/thing.schema.json'] = { ...(big['forms/thing.schema.json'] as object), description: 'x'.repeat(5 * 1024 * 1024) };
  await writePlugin(at('hostile-oversized'), big);

  const broken = pluginFiles('hostile-broken', [{ id: 'x', kind: 'compute', logic: 1 }]);
  broken['rules/thing.json'] = '{\n  "rules": [],\n  "SECRET-CONTENT-7731": nope\n}';
  await writePlugin(at('hostile-broken'), broken);
  return dirs;
}
