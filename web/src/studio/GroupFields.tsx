// Fields chosen in the tree (their checkboxes) gathered into a new section: its key and Chinese title, the fields
// keeping their order (field-move.ts, ui-order-move.ts). Only fields of one level can be gathered.
import { useState } from 'react';
import { Alert, Button, Card, Input, Space, Typography } from 'antd';
import { useTexts } from '../texts';
import { groupIntoSection } from './field-move';
import { KEY_PATTERN } from './schema-edit';
import { STUDIO_TEXTS } from './studio-texts';
import { orderGroup } from './ui-order-move';
import type { SchemaChange } from './FieldTree';

type Schema = Record<string, any>;

interface Props {
  schema: Schema;
  ui: Schema | null;
  /** The chosen fields, in the tree's order. */
  chosen: string[][];
  onChange: SchemaChange;
  onDone: () => void;
}

export function GroupFields({ schema, ui, chosen, onChange, onDone }: Props) {
  const tx = useTexts(STUDIO_TEXTS);
  const [key, setKey] = useState('');
  const [title, setTitle] = useState('');
  const [error, setError] = useState(false);
  const parent = chosen[0]?.slice(0, -1) ?? [];
  const oneLevel = chosen.every((p) => p.slice(0, -1).join('.') === parent.join('.'));

  const group = () => {
    if (!KEY_PATTERN.test(key)) return setError(true);
    let next: Schema;
    try {
      next = groupIntoSection(schema, chosen, key, title || key);
    } catch {
      return setError(true);
    }
    const keys = chosen.map((p) => p[p.length - 1]);
    const moved = chosen.map((p) => ({ from: p, to: [...parent, key, p[p.length - 1]] }));
    onChange(next, ui && orderGroup(ui, parent, keys, key), undefined, moved);
    setError(false);
    setKey('');
    setTitle('');
    onDone();
  };

  return (
    <Card size="small" title={tx('groupFields')} data-testid="group-fields">
      <Space direction="vertical" style={{ width: '100%' }}>
        <Typography.Text type="secondary">
          {chosen.length ? `${tx('chosenFields')}: ${chosen.map((p) => p.join('.')).join(', ')}` : tx('chooseFields')}
        </Typography.Text>
        {!oneLevel && <Alert type="warning" message={tx('oneLevel')} />}
        <label htmlFor="group-key">{tx('sectionKey')}</label>
        <Input id="group-key" value={key} onChange={(e) => setKey(e.target.value.trim())} />
        <label htmlFor="group-title">{tx('fieldTitle')}</label>
        <Input id="group-title" value={title} onChange={(e) => setTitle(e.target.value)} />
        {error && <Alert type="error" role="alert" message={tx('badKey')} />}
        <Button onClick={group} disabled={!chosen.length || !oneLevel} data-testid="group-fields-button">
          {tx('groupFields')}
        </Button>
      </Space>
    </Card>
  );
}
