// The preview of an import as a table the user fixes: each column of the file with its first values and the field
// it goes to (a searchable choice with 不导入). Ignored columns are highlighted with the nearest field to take in
// one click; a header two fields share must be chosen before the import can start. Only the columns whose choice
// differs from the automatic mapping are sent (mappingOf), so an unchanged file imports as it always did.
import { Alert, Button, Select, Space, Table, Tag, Typography } from 'antd';
import type { ErrorDetail } from '../../api';
import { useI18n, type LocalText } from '../../i18n';
import { useTexts } from '../../texts';

export interface FieldRef {
  field: string;
  title: LocalText;
}
export interface ImportPreview {
  format: string;
  sheet: string | null;
  headerRow: number;
  columns: { index: number; header: string; field: string | null; title: LocalText | null; automatic: string | null; samples: string[] }[];
  ignored: { column: number; header: string; nearest: FieldRef | null }[];
  ambiguous: { column: number; header: string; fields: FieldRef[] }[];
  uncovered: (FieldRef & { key: boolean })[];
  fields: (FieldRef & { path: LocalText })[];
  remembered: { savedAt: string; savedBy: string } | null;
  problems: ErrorDetail[];
}
/** Each column's target: a pointer, 'orgUnit', or null (not imported). */
export type Choices = Record<number, string | null>;

const NONE = '';
const ORG_UNIT = 'orgUnit';

const TEXTS = {
  heading: ['列与字段的对应', 'Columns and fields'],
  column: ['文件中的列', 'Column in the file'],
  samples: ['前几行的值', 'First values'],
  target: ['导入到字段', 'Import into field'],
  none: ['不导入', 'Do not import'],
  orgUnit: ['组织机构', 'Org unit'],
  ignored: ['未对应', 'Not mapped'],
  ambiguous: ['请选择', 'Choose'],
  nearest: ['最接近的字段', 'Nearest field'],
  use: ['采用', 'Use'],
  headerRow: ['表头在第', 'Header in row'],
  headerRowEnd: ['行', ''],
  sheet: ['工作表', 'Sheet'],
  remembered: ['已套用此前保存的对应关系', 'A mapping saved before for files of this shape is applied'],
  savedBy: ['保存人', 'saved by'],
  uncovered: ['没有列对应的字段', 'Fields no column fills'],
  key: ['关键字段', 'key'],
  problems: ['按当前对应关系不能导入', 'The import cannot start with this mapping'],
  chooseAmbiguous: ['有列对应多个字段,请先为其选择字段', 'Some columns match several fields: choose one for each first'],
} as const;

/** The mapping to send: the columns whose choice is not the automatic one, by index; undefined when none. */
export function mappingOf(preview: ImportPreview, choices: Choices): Record<string, string | null> | undefined {
  const out: Record<string, string | null> = {};
  for (const c of preview.columns) if (choices[c.index] !== c.automatic) out[String(c.index)] = choices[c.index] ?? null;
  return Object.keys(out).length ? out : undefined;
}

/** A shared header's candidate fields first in the choice, then the others. */
function candidatesFirst<O extends { value: string }>(options: O[], fields: FieldRef[]): O[] {
  const isCandidate = (o: O) => fields.some((f) => f.field === o.value);
  return [...options.filter(isCandidate), ...options.filter((o) => !isCandidate(o))];
}

/** Ambiguous columns the user has not yet decided. */
export function undecided(preview: ImportPreview, choices: Choices, decided: Set<number>): number[] {
  return preview.ambiguous.filter((a) => !decided.has(a.column) && !choices[a.column]).map((a) => a.column);
}

export function MappingTable({
  preview,
  choices,
  decided,
  showProblems,
  onChoose,
}: {
  preview: ImportPreview;
  choices: Choices;
  decided: Set<number>;
  /** The preview's problems hold for the mapping it was made with, not once the user changed it. */
  showProblems: boolean;
  onChoose: (column: number, target: string | null) => void;
}) {
  const { lt } = useI18n();
  const tx = useTexts(TEXTS);
  const ignored = new Map(preview.ignored.map((i) => [i.column, i]));
  const ambiguous = new Map(preview.ambiguous.map((a) => [a.column, a]));
  const options = [
    { value: NONE, label: tx('none') },
    { value: ORG_UNIT, label: tx('orgUnit') },
    ...preview.fields.map((f) => ({
      value: f.field,
      label: lt(f.path) === lt(f.title) ? lt(f.title) : `${lt(f.title)}(${lt(f.path)})`,
    })),
  ];
  const open = undecided(preview, choices, decided);
  const chosen = new Set(Object.values(choices));
  const uncovered = preview.uncovered.filter((u) => !chosen.has(u.field));
  type Row = ImportPreview['columns'][number];

  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="mapping">
      <Typography.Title level={2} style={{ fontSize: 18, margin: 0 }}>
        {tx('heading')}
      </Typography.Title>
      <Typography.Text data-testid="mapping-source">
        {preview.sheet ? `${tx('sheet')} ${preview.sheet} · ` : ''}
        {tx('headerRow')} {preview.headerRow} {tx('headerRowEnd')}
      </Typography.Text>
      {preview.remembered && (
        <Alert
          type="info"
          data-testid="mapping-remembered"
          message={tx('remembered')}
          description={`${tx('savedBy')}: ${preview.remembered.savedBy} · ${new Date(preview.remembered.savedAt).toLocaleString()}`}
        />
      )}
      <Table<Row>
        size="small"
        rowKey="index"
        dataSource={preview.columns}
        pagination={false}
        scroll={{ x: 'max-content' }}
        data-testid="mapping-table"
        onRow={(c) => ({
          'data-testid': `mapping-row-${c.index}`,
          style: choices[c.index] ? undefined : { background: ambiguous.has(c.index) && open.includes(c.index) ? '#fff1f0' : '#fffbe6' },
        })}
        columns={[
          {
            key: 'column',
            title: tx('column'),
            render: (_: unknown, c: Row) => (
              <Space direction="vertical" size={0}>
                <Typography.Text strong>{c.header || `#${c.index + 1}`}</Typography.Text>
                {/* Default tags: the coloured ones' text is below the contrast axe asks for on the highlighted rows. */}
                {!choices[c.index] && ambiguous.has(c.index) && <Tag>{tx('ambiguous')}</Tag>}
                {!choices[c.index] && !ambiguous.has(c.index) && ignored.has(c.index) && <Tag>{tx('ignored')}</Tag>}
              </Space>
            ),
          },
          {
            key: 'samples',
            title: tx('samples'),
            // On a phone the column and its target matter most: the values show from 576 px up.
            responsive: ['sm'],
            render: (_: unknown, c: Row) => (
              <Typography.Text style={{ whiteSpace: 'pre-line' }}>{c.samples.filter((s) => s !== '').join('\n')}</Typography.Text>
            ),
          },
          {
            key: 'target',
            title: tx('target'),
            render: (_: unknown, c: Row) => {
              const amb = ambiguous.get(c.index);
              const near = ignored.get(c.index)?.nearest;
              return (
                <Space direction="vertical" size={4} style={{ width: '100%' }}>
                  <Select
                    showSearch
                    optionFilterProp="label"
                    value={choices[c.index] ?? NONE}
                    onChange={(v: string) => onChoose(c.index, v === NONE ? null : v)}
                    options={amb && !choices[c.index] ? candidatesFirst(options, amb.fields) : options}
                    status={amb && open.includes(c.index) ? 'error' : undefined}
                    aria-label={`${tx('target')}: ${c.header || c.index + 1}`}
                    data-testid={`mapping-select-${c.index}`}
                    style={{ minWidth: 150, width: '100%' }}
                  />
                  {amb && !choices[c.index] && (
                    <Typography.Text>
                      {tx('ambiguous')}: {amb.fields.map((f) => lt(f.title) + ` (${f.field})`).join(' / ')}
                    </Typography.Text>
                  )}
                  {near && !choices[c.index] && (
                    <Space size={4} wrap>
                      <Typography.Text>
                        {tx('nearest')}: {lt(near.title)}
                      </Typography.Text>
                      <Button size="small" onClick={() => onChoose(c.index, near.field)} data-testid={`mapping-use-${c.index}`}>
                        {tx('use')}
                      </Button>
                    </Space>
                  )}
                </Space>
              );
            },
          },
        ]}
      />
      {uncovered.length > 0 && (
        <Typography.Text data-testid="mapping-uncovered">
          {tx('uncovered')}: {uncovered.map((u) => (u.key ? `${lt(u.title)}(${tx('key')})` : lt(u.title))).join('、')}
        </Typography.Text>
      )}
      {open.length > 0 && <Alert type="warning" message={tx('chooseAmbiguous')} data-testid="mapping-undecided" />}
      {showProblems && preview.problems.length > 0 && (
        <Alert
          type="warning"
          data-testid="mapping-problems"
          message={tx('problems')}
          description={
            <ul>
              {preview.problems.map((p, i) => (
                <li key={i}>{lt(p.message)}</li>
              ))}
            </ul>
          }
        />
      )}
    </Space>
  );
}
