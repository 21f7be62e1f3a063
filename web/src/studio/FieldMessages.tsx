// The field's own refusal wording (`x-messages`), one row per keyword the field can be refused by (required, format,
// bounds, choices…): shown after the field title in place of the generic message. The engine wants both languages,
// so a row is written once both are filled in and removed when both are cleared; half a row stays here meanwhile.
import { useState } from 'react';
import { Input, Space, Typography } from 'antd';
import { useTexts } from '../texts';
import { refusalKeywords, withMessage } from './field-types';
import { atObject, type TreeNode } from './schema-edit';
import { STUDIO_TEXTS } from './studio-texts';

type Schema = Record<string, any>;
type Pair = { 'zh-CN': string; en: string };

export function FieldMessages({ schema, node, onSchema }: { schema: Schema; node: TreeNode; onSchema: (s: Schema) => void }) {
  const tx = useTexts(STUDIO_TEXTS);
  const stored: Record<string, Pair> = node.schema['x-messages'] ?? {};
  const [typed, setTyped] = useState<Record<string, Pair>>({});
  const keywords = refusalKeywords(node.schema, node.required);
  if (!keywords.length) return null;
  const key = node.path[node.path.length - 1];

  const change = (keyword: string, lang: keyof Pair, value: string) => {
    const pair = { ...(typed[keyword] ?? stored[keyword] ?? { 'zh-CN': '', en: '' }), [lang]: value };
    setTyped({ ...typed, [keyword]: pair });
    const text = pair['zh-CN'] && pair.en ? pair : null;
    // Half a pair is not written; clearing both removes what was stored.
    if (!text && (pair['zh-CN'] || pair.en || !stored[keyword])) return;
    onSchema(
      atObject(schema, node.path.slice(0, -1), (o) => ({
        ...o,
        properties: { ...o.properties, [key]: withMessage(o.properties[key], keyword, text) },
      })),
    );
  };

  return (
    <Space direction="vertical" size={4} style={{ width: '100%' }} data-testid="field-messages">
      <Typography.Text strong>{tx('refusal')}</Typography.Text>
      <Typography.Text type="secondary">{tx('refusalNote')}</Typography.Text>
      {keywords.map((k) => {
        const pair = typed[k] ?? stored[k] ?? { 'zh-CN': '', en: '' };
        const id = (lang: string) => `field-msg-${k}-${lang}-${node.path.join('_')}`;
        return (
          <Space key={k} wrap>
            <label htmlFor={id('zh')}>{`${k} (中文)`}</label>
            <Input id={id('zh')} value={pair['zh-CN']} onChange={(e) => change(k, 'zh-CN', e.target.value)} />
            <label htmlFor={id('en')}>{`${k} (English)`}</label>
            <Input id={id('en')} value={pair.en} onChange={(e) => change(k, 'en', e.target.value)} />
          </Space>
        );
      })}
    </Space>
  );
}
