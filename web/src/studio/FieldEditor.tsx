// One field's settings in the tree: its Chinese title (and English through the plugin's catalogue, when it has
// one), help text (FieldHelp), required, bounds for numbers, a text field's format (FieldFormatSelect), its own
// refusal messages (FieldMessages) and the condition it is shown under (ShownWhenEditor); `children` (the tree's
// move control) below them. Each change is a new schema (or catalogue entry) at once.
import type { ReactNode } from 'react';
import { Card, Checkbox, Input, InputNumber, Space } from 'antd';
import { useTexts } from '../texts';
import { patchField, setRequired, typeOf, type TreeNode } from './schema-edit';
import { ShownWhenEditor } from './ShownWhenEditor';
import { FieldFormatSelect } from './FieldFormatSelect';
import { FieldHelp } from './FieldHelp';
import { FieldMessages } from './FieldMessages';
import { FieldComputed, type RulesAccess } from './FieldComputed';
import { STUDIO_TEXTS } from './studio-texts';
import type { Catalogue } from './FieldTree';

type Schema = Record<string, any>;

export function FieldEditor({
  schema,
  node,
  onSchema,
  catalogue,
  rules,
  children,
}: {
  schema: Schema;
  node: TreeNode;
  onSchema: (s: Schema, renamed?: { from: string; to: string }) => void;
  catalogue: Catalogue | null;
  rules: RulesAccess | null;
  children?: ReactNode;
}) {
  const tx = useTexts(STUDIO_TEXTS);
  const name = node.path.join('.');
  const id = (k: string) => `field-${k}-${name.replace(/[^A-Za-z0-9_-]/g, '_')}`;
  const title = typeof node.schema.title === 'string' ? node.schema.title : '';
  const numeric = node.schema.type === 'number' || node.schema.type === 'integer';
  const bound = (k: 'minimum' | 'maximum') => (
    <Space direction="vertical" size={0}>
      <label htmlFor={id(k)}>{tx(k)}</label>
      <InputNumber
        id={id(k)}
        value={typeof node.schema[k] === 'number' ? node.schema[k] : null}
        onChange={(v) => onSchema(patchField(schema, node.path, { [k]: typeof v === 'number' ? v : undefined }))}
      />
    </Space>
  );
  return (
    <Card size="small" title={name} data-testid="field-editor">
      <Space direction="vertical" style={{ width: '100%' }}>
        <label htmlFor={id('title')}>{tx('fieldTitle')}</label>
        <Input
          id={id('title')}
          value={title}
          onChange={(e) =>
            onSchema(patchField(schema, node.path, { title: e.target.value || undefined }), { from: title, to: e.target.value })
          }
        />
        {catalogue && title && (
          <>
            <label htmlFor={id('title-en')}>{tx('fieldTitleEn')}</label>
            <Input id={id('title-en')} value={catalogue.map[title] ?? ''} onChange={(e) => catalogue.set(title, e.target.value)} />
          </>
        )}
        <FieldHelp schema={schema} node={node} onSchema={onSchema} catalogue={catalogue} />
        {!node.section && (
          <Checkbox
            id={id('required')}
            checked={node.required}
            disabled={node.schema['x-when'] !== undefined && !node.required}
            onChange={(e) => onSchema(setRequired(schema, node.path, e.target.checked))}
          >
            {tx('required')}
          </Checkbox>
        )}
        {numeric && (
          <Space wrap>
            {bound('minimum')}
            {bound('maximum')}
          </Space>
        )}
        {typeOf(node.schema) === 'text' && <FieldFormatSelect schema={schema} node={node} onSchema={onSchema} />}
        {!node.section && <FieldMessages key={String(node.required)} schema={schema} node={node} onSchema={onSchema} />}
        <FieldComputed schema={schema} node={node} rules={rules} />
        {children}
        <ShownWhenEditor schema={schema} node={node} onSchema={onSchema} />
      </Space>
    </Card>
  );
}
