// The files of a new, blank plugin: the least the loader accepts that an officer can already fill — one form with
// one text field, an empty rule file and a two-state workflow — so the admin starts from something that checks
// and publishes, and grows it.
import type { LocalText } from '../errors';
import { PLATFORM_VERSION } from '../version';
import { jsonText, type DraftFiles } from './draft-files';

export function blankPluginFiles(id: string, title: LocalText): DraftFiles {
  const major = PLATFORM_VERSION.split('.')[0];
  const manifest = {
    id,
    version: '0.1.0',
    // The platform the draft was made on, up to its next breaking version.
    platform: major === '0' ? `^${PLATFORM_VERSION.split('.').slice(0, 2).join('.')}.0` : `^${major}.0.0`,
    title,
    workflows: ['workflows/main.json'],
    forms: [
      {
        id: 'main',
        title,
        schema: 'forms/main.schema.json',
        rules: ['rules/main.json'],
        workflow: 'main',
        period: { kind: 'none' },
      },
    ],
  };
  const schema = {
    type: 'object',
    additionalProperties: false,
    properties: { name: { type: 'string', title: '名称', maxLength: 200 } },
  };
  const workflow = {
    id: 'main',
    title: { 'zh-CN': '填报', en: 'Filing' },
    initial: 'draft',
    states: [
      { id: 'draft', title: { 'zh-CN': '草稿', en: 'Draft' }, editable: true },
      { id: 'submitted', title: { 'zh-CN': '已提交', en: 'Submitted' }, final: true },
    ],
    transitions: [{ id: 'submit', title: { 'zh-CN': '提交', en: 'Submit' }, from: ['draft'], to: 'submitted', roles: ['officer'] }],
  };
  return {
    'plugin.json': jsonText(manifest),
    'forms/main.schema.json': jsonText(schema),
    'rules/main.json': jsonText({ rules: [] }),
    'workflows/main.json': jsonText(workflow),
  };
}
