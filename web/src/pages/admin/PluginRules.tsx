// The rules of one plugin form as a table read from the plugin's rule files: id, kind, title, the policy clause
// it implements (reference), and for score rules the dimension and maximum.
import { Table, Tag } from 'antd';
import { useI18n, type LocalText } from '../../i18n';
import { useTexts } from '../../texts';
import type { PluginPayload } from '../../plugin';

const TEXTS = {
  id: ['编号', 'Id'],
  kind: ['类型', 'Kind'],
  title: ['名称', 'Title'],
  reference: ['依据', 'Reference'],
  dimension: ['维度', 'Dimension'],
  max: ['满分', 'Maximum'],
  severity: ['严重程度', 'Severity'],
  block: ['阻止', 'blocking'],
  warn: ['提醒', 'warning'],
} as const;

interface RuleRow {
  id: string;
  kind: string;
  title?: LocalText;
  reference?: string;
  dimension?: string;
  max?: number;
  severity?: string;
  file: string;
}

/** The rules of a form, in file order, with the file each comes from. */
export function formRules(plugin: PluginPayload, formId: string): { rules: RuleRow[]; dimensions: Record<string, LocalText> } {
  const manifest = plugin.files['plugin.json'] ?? {};
  const fm = (manifest.forms ?? []).find((f: any) => f.id === formId);
  const rules: RuleRow[] = [];
  const dimensions: Record<string, LocalText> = {};
  for (const file of fm?.rules ?? []) {
    const rf = plugin.files[file] ?? {};
    for (const d of rf.dimensions ?? []) dimensions[d.id] = d.title;
    for (const r of rf.rules ?? []) rules.push({ ...r, file });
  }
  return { rules, dimensions };
}

export function PluginRules({ plugin, formId }: { plugin: PluginPayload; formId: string }) {
  const { lt } = useI18n();
  const tx = useTexts(TEXTS);
  const { rules, dimensions } = formRules(plugin, formId);
  return (
    <div style={{ overflowX: 'auto' }}>
      <Table<RuleRow>
        data-testid="rules"
        rowKey={(r) => `${r.file}#${r.id}`}
        size="small"
        dataSource={rules}
        pagination={{ pageSize: 25, hideOnSinglePage: true, showSizeChanger: false }}
        onRow={(r) => ({ 'data-rule': r.id }) as any}
        columns={[
          { title: tx('id'), dataIndex: 'id', key: 'id', render: (v) => <code>{v}</code> },
          {
            title: tx('kind'),
            key: 'kind',
            render: (_, r) => (
              <>
                <Tag>{r.kind}</Tag>
                {r.severity && <Tag>{tx(r.severity === 'block' ? 'block' : 'warn')}</Tag>}
              </>
            ),
          },
          { title: tx('title'), key: 'title', render: (_, r) => lt(r.title) || '—' },
          { title: tx('reference'), dataIndex: 'reference', key: 'reference', render: (v) => v ?? '—' },
          { title: tx('dimension'), key: 'dimension', render: (_, r) => (r.dimension ? lt(dimensions[r.dimension]) || r.dimension : '—') },
          { title: tx('max'), key: 'max', render: (_, r) => r.max ?? '—' },
        ]}
      />
    </div>
  );
}
