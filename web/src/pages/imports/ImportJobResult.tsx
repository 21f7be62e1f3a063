// What an import job did, as GET /api/imports/:id tells it: its progress and counts; where the table was found;
// every rejected row with all of its errors (a row typed wrong in four cells shows four reasons, so it can be
// fixed in one go); rows stored with warnings (required fields a draft left empty); rows skipped as not records,
// with the reason; columns no field took and headers naming two fields — so nothing is dropped without a word.
import { Alert, Descriptions, Progress, Table, Typography } from 'antd';
import type { ErrorDetail } from '../../api';
import { useI18n, type LocalText } from '../../i18n';
import { useTexts } from '../../texts';
import type { FieldRef } from './MappingTable';

const TEXTS = {
  status: ['状态', 'Status'],
  rows: ['行数', 'Rows'],
  created: ['新增', 'Created'],
  updated: ['更新', 'Updated'],
  unchanged: ['未变化', 'Unchanged'],
  rejected: ['被拒绝', 'Rejected'],
  unmatched: ['未匹配', 'Unmatched'],
  warned: ['有提醒', 'With warnings'],
  skippedCount: ['跳过', 'Skipped'],
  queued: ['排队中', 'Queued'],
  running: ['导入中', 'Running'],
  done: ['已完成', 'Done'],
  failed: ['失败', 'Failed'],
  interrupted: ['已中断', 'Interrupted'],
  read: ['读取范围', 'Read'],
  sheetName: ['工作表', 'sheet'],
  headerRows: ['表头行', 'header rows'],
  dataRows: ['数据行', 'data rows'],
  row: ['行号', 'Row'],
  reasons: ['原因', 'Reasons'],
  rejectedRows: ['被拒绝的行(每行列出全部错误)', 'Rejected rows (every error of each row)'],
  moreErrors: ['更多被拒绝的行见错误文件', 'More rejected rows are in the error file'],
  warnings: ['已保存但有提醒的行(草稿中必填项为空)', 'Rows stored with warnings (required fields empty on drafts)'],
  skipped: ['跳过的行(不是记录)', 'Rows skipped (not records)'],
  ignored: ['未导入的列', 'Columns not imported'],
  nearest: ['最接近的字段', 'nearest field'],
  ambiguous: ['对应多个字段、未导入的列', 'Columns naming several fields, not imported'],
  column: ['列', 'Column'],
  fields: ['字段', 'Fields'],
} as const;

type RowError = { row: number; pointer: string; field: LocalText | null; message: LocalText };
export interface ImportJob {
  id: string;
  status: 'queued' | 'running' | 'done' | 'failed' | 'interrupted';
  fileName: string;
  progress: { processed: number; total: number | null };
  counts: { rows: number; created: number; updated: number; unchanged: number; rejected: number; unmatched?: number } | null;
  classChanges?: unknown[];
  errors: RowError[];
  warned: number;
  warnings: RowError[];
  table: { sheet: string | null; headerRows: number[]; dataRows: { first: number; last: number } | null } | null;
  skipped: { count: number; byReason: Record<string, number>; rows: { row: number; reason: string; message: LocalText }[] } | null;
  ignored: { column: number; header: string; nearest?: FieldRef }[];
  ambiguous: { column: number; header: string; fields: FieldRef[] }[];
  failure: { code: string; message: LocalText; details?: ErrorDetail[] } | null;
}

/** Errors (or warnings) grouped by row, in row order, each row with all of its messages. */
function byRow(list: RowError[]): { row: number; items: RowError[] }[] {
  const rows = new Map<number, RowError[]>();
  for (const e of list) rows.set(e.row, [...(rows.get(e.row) ?? []), e]);
  return [...rows.entries()].sort((a, b) => a[0] - b[0]).map(([row, items]) => ({ row, items }));
}

const COUNT_KEYS = ['rows', 'created', 'updated', 'unchanged', 'rejected', 'unmatched'] as const;

export function ImportJobResult({ job }: { job: ImportJob }) {
  const { lt } = useI18n();
  const tx = useTexts(TEXTS);
  const percent = job.progress.total ? Math.floor((job.progress.processed / job.progress.total) * 100) : job.status === 'done' ? 100 : 0;
  const where = (e: RowError) => (e.field ? lt(e.field) : e.pointer);

  const rowTable = (list: RowError[], testid: string, title: string) => (
    <Table
      size="small"
      rowKey="row"
      dataSource={byRow(list)}
      pagination={false}
      title={() => title}
      data-testid={testid}
      columns={[
        { key: 'row', title: tx('row'), dataIndex: 'row', width: 72 },
        {
          key: 'reasons',
          title: tx('reasons'),
          render: (_: unknown, r: { row: number; items: RowError[] }) => (
            <ul style={{ margin: 0, paddingInlineStart: 18 }}>
              {r.items.map((e, i) => (
                <li key={i} data-testid={`${testid}-item`}>
                  {where(e)}:{lt(e.message)}
                </li>
              ))}
            </ul>
          ),
        },
      ]}
    />
  );

  const rejectedRows = byRow(job.errors).length;
  return (
    <>
      <Progress
        percent={percent}
        status={job.status === 'failed' || job.status === 'interrupted' ? 'exception' : job.status === 'done' ? 'success' : 'active'}
        aria-label={tx('status')}
        data-testid="import-progress"
      />
      <Descriptions
        size="small"
        column={{ xs: 1, sm: 3 }}
        items={[
          { key: 's', label: tx('status'), children: <span data-testid="import-status">{tx(job.status)}</span> },
          ...(job.counts
            ? COUNT_KEYS.filter((k) => job.counts![k] !== undefined).map((k) => ({
                key: k,
                label: tx(k),
                children: <span data-testid={`import-${k}`}>{job.counts![k]}</span>,
              }))
            : []),
          ...(job.counts ? [{ key: 'warned', label: tx('warned'), children: <span data-testid="import-warned">{job.warned}</span> }] : []),
          ...(job.skipped
            ? [{ key: 'sk', label: tx('skippedCount'), children: <span data-testid="import-skipped">{job.skipped.count}</span> }]
            : []),
        ]}
      />
      {job.table && (
        <Typography.Paragraph data-testid="import-table">
          {tx('read')}:{job.table.sheet !== null && `${tx('sheetName')}「${job.table.sheet}」,`}
          {tx('headerRows')} {job.table.headerRows.join('、')}
          {job.table.dataRows && `,${tx('dataRows')} ${job.table.dataRows.first}–${job.table.dataRows.last}`}
        </Typography.Paragraph>
      )}
      {job.failure && (
        <Alert
          type="error"
          role="alert"
          message={lt(job.failure.message)}
          description={
            job.failure.details?.length ? (
              <ul>
                {job.failure.details.map((d, i) => (
                  <li key={i}>{lt(d.message)}</li>
                ))}
              </ul>
            ) : undefined
          }
        />
      )}
      {job.errors.length > 0 && rowTable(job.errors, 'import-errors', tx('rejectedRows'))}
      {job.counts && rejectedRows < job.counts.rejected + (job.counts.unmatched ?? 0) && (
        <Typography.Paragraph type="secondary">{tx('moreErrors')}</Typography.Paragraph>
      )}
      {job.warnings.length > 0 && rowTable(job.warnings, 'import-warnings', tx('warnings'))}
      {job.skipped && job.skipped.rows.length > 0 && (
        <Table
          size="small"
          rowKey="row"
          dataSource={job.skipped.rows}
          pagination={false}
          title={() => tx('skipped')}
          data-testid="import-skipped-rows"
          columns={[
            { key: 'row', title: tx('row'), dataIndex: 'row', width: 72 },
            { key: 'reason', title: tx('reasons'), render: (_: unknown, r: { message: LocalText }) => lt(r.message) },
          ]}
        />
      )}
      {job.ignored.length > 0 && (
        <Table
          size="small"
          rowKey="column"
          dataSource={job.ignored}
          pagination={false}
          title={() => tx('ignored')}
          data-testid="import-ignored"
          columns={[
            { key: 'header', title: tx('column'), dataIndex: 'header' },
            {
              key: 'nearest',
              title: tx('nearest'),
              render: (_: unknown, c: ImportJob['ignored'][number]) => (c.nearest ? lt(c.nearest.title) : '—'),
            },
          ]}
        />
      )}
      {job.ambiguous.length > 0 && (
        <Table
          size="small"
          rowKey="column"
          dataSource={job.ambiguous}
          pagination={false}
          title={() => tx('ambiguous')}
          data-testid="import-ambiguous"
          columns={[
            { key: 'header', title: tx('column'), dataIndex: 'header' },
            {
              key: 'fields',
              title: tx('fields'),
              render: (_: unknown, c: ImportJob['ambiguous'][number]) => c.fields.map((f) => lt(f.title)).join(' / '),
            },
          ]}
        />
      )}
    </>
  );
}
