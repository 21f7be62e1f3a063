// A text field's format, chosen among the engine's named formats (the one table server, browser and import share:
// platform/forms/field-formats.ts), so the studio offers exactly what the engine checks. `date` is left out: it is
// a field type of its own in the tree.
import { Select, Space } from 'antd';
import { useI18n } from '../i18n';
import { useTexts } from '../texts';
import { FIELD_FORMATS } from '../../../platform/forms/field-formats';
import { patchField, type TreeNode } from './schema-edit';
import { STUDIO_TEXTS } from './studio-texts';

type Schema = Record<string, any>;
const TEXT_FORMATS = FIELD_FORMATS.filter((f) => f.format !== 'date');

export function FieldFormatSelect({ schema, node, onSchema }: { schema: Schema; node: TreeNode; onSchema: (s: Schema) => void }) {
  const tx = useTexts(STUDIO_TEXTS);
  const { lt } = useI18n();
  const id = `field-format-${node.path.join('_')}`;
  const current = typeof node.schema.format === 'string' ? node.schema.format : '';
  return (
    <Space direction="vertical" size={0} style={{ width: '100%' }}>
      <label htmlFor={id}>{tx('format')}</label>
      <Select
        id={id}
        value={current}
        onChange={(format: string) => onSchema(patchField(schema, node.path, { format: format || undefined }))}
        options={[
          { value: '', label: tx('noFormat') },
          ...TEXT_FORMATS.map((f) => ({ value: f.format, label: `${lt(f.description)} (${f.format})` })),
        ]}
      />
    </Space>
  );
}
