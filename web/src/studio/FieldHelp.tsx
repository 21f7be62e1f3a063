// A field's help text: `description` in Chinese in the schema, its English through the plugin's catalogue, as
// titles are (the form translates descriptions by the same catalogue).
import { Input } from 'antd';
import { useTexts } from '../texts';
import { patchField, type TreeNode } from './schema-edit';
import { STUDIO_TEXTS } from './studio-texts';
import type { Catalogue } from './FieldTree';

type Schema = Record<string, any>;

interface Props {
  schema: Schema;
  node: TreeNode;
  onSchema: (s: Schema, renamed?: { from: string; to: string }) => void;
  catalogue: Catalogue | null;
}

export function FieldHelp({ schema, node, onSchema, catalogue }: Props) {
  const tx = useTexts(STUDIO_TEXTS);
  const id = (k: string) => `field-${k}-${node.path.join('_')}`;
  const help = typeof node.schema.description === 'string' ? node.schema.description : '';
  return (
    <>
      <label htmlFor={id('help')}>{tx('help')}</label>
      <Input.TextArea
        id={id('help')}
        rows={2}
        value={help}
        onChange={(e) =>
          onSchema(patchField(schema, node.path, { description: e.target.value || undefined }), { from: help, to: e.target.value })
        }
      />
      {catalogue && help && (
        <>
          <label htmlFor={id('help-en')}>{tx('helpEn')}</label>
          <Input.TextArea
            id={id('help-en')}
            rows={2}
            value={catalogue.map[help] ?? ''}
            onChange={(e) => catalogue.set(help, e.target.value)}
          />
        </>
      )}
    </>
  );
}
