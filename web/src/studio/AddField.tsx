// Adds a field to the form or to one of its sections: key, type, Chinese title (English too when the plugin has a
// catalogue), and what the type needs besides (NewFieldOptions: choices or a code list, the referenced form).
import { useState } from 'react';
import { Alert, Button, Card, Input, Select, Space } from 'antd';
import { useTexts } from '../texts';
import { addField, FIELD_TYPES, KEY_PATTERN, newFieldSchema, type FieldType } from './schema-edit';
import { STUDIO_TEXTS } from './studio-texts';
import { NewFieldOptions, NO_OPTIONS, type DraftChoices } from './NewFieldOptions';
import { orderAdd } from './ui-order';
import type { Catalogue, SchemaChange } from './FieldTree';

type Schema = Record<string, any>;

interface Props {
  schema: Schema;
  ui: Schema | null;
  sections: string[][];
  onChange: SchemaChange;
  catalogue: Catalogue | null;
  draft: DraftChoices;
}

export function AddField({ schema, ui, sections, onChange, catalogue, draft }: Props) {
  const tx = useTexts(STUDIO_TEXTS);
  const [parent, setParent] = useState('');
  const [key, setKey] = useState('');
  const [type, setType] = useState<FieldType>('text');
  const [title, setTitle] = useState('');
  const [titleEn, setTitleEn] = useState('');
  const [options, setOptions] = useState(NO_OPTIONS);
  const [error, setError] = useState(false);

  const add = () => {
    const path = parent ? parent.split('.') : [];
    const list = options.choices
      .split('\n')
      .map((s) => s.trim())
      .filter(Boolean);
    const codeList = options.listId ? (draft.codeLists.find((l) => l.id === options.listId) ?? null) : null;
    const choosing = type === 'choice' || type === 'multi';
    if (!KEY_PATTERN.test(key) || (choosing && !list.length && !codeList) || (type === 'ref' && !options.refForm)) return setError(true);
    let next: Schema;
    try {
      const field = newFieldSchema(type, title || key, list, { codeList, refForm: options.refForm, reach: options.reach });
      next = addField(schema, path, key, field);
    } catch {
      return setError(true);
    }
    onChange(next, ui && orderAdd(ui, path, key));
    if (catalogue && title && titleEn) catalogue.set(title, titleEn);
    setError(false);
    setKey('');
    setTitle('');
    setTitleEn('');
    setOptions(NO_OPTIONS);
  };

  return (
    <Card size="small" title={tx('addField')} data-testid="add-field">
      <Space direction="vertical" style={{ width: '100%' }}>
        <label htmlFor="add-parent">{tx('addTo')}</label>
        <Select
          id="add-parent"
          value={parent}
          onChange={setParent}
          options={[{ value: '', label: tx('root') }, ...sections.map((p) => ({ value: p.join('.'), label: p.join('.') }))]}
        />
        <label htmlFor="add-key">{tx('fieldKey')}</label>
        <Input id="add-key" value={key} onChange={(e) => setKey(e.target.value.trim())} />
        <label htmlFor="add-type">{tx('fieldType')}</label>
        <Select id="add-type" value={type} onChange={setType} options={FIELD_TYPES.map((t) => ({ value: t, label: tx(`t_${t}`) }))} />
        <label htmlFor="add-title">{tx('fieldTitle')}</label>
        <Input id="add-title" value={title} onChange={(e) => setTitle(e.target.value)} />
        {catalogue && (
          <>
            <label htmlFor="add-title-en">{tx('fieldTitleEn')}</label>
            <Input id="add-title-en" value={titleEn} onChange={(e) => setTitleEn(e.target.value)} />
          </>
        )}
        <NewFieldOptions type={type} draft={draft} value={options} onChange={setOptions} />
        {error && <Alert type="error" role="alert" message={tx('badKey')} />}
        <Button type="primary" onClick={add} data-testid="add-field-button">
          {tx('addField')}
        </Button>
      </Space>
    </Card>
  );
}
