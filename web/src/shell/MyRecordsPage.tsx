// 我的申报: every record the user created, newest first, with its state and the last comment a reviewer wrote.
import { useEffect, useState } from 'react';
import { Alert, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { ApiError, api } from '../api';
import { useI18n, type LocalText } from '../i18n';
import { useTexts } from '../texts';
import type { RecordSummary } from '../api-types';

const TEXTS = {
  title: ['我的申报', 'My filings'],
  subject: ['对象', 'Subject'],
  form: ['表单', 'Form'],
  period: ['期间', 'Period'],
  state: ['状态', 'State'],
  comment: ['最近审核意见', 'Last reviewer comment'],
  updated: ['更新时间', 'Updated'],
  open: ['打开', 'Open'],
  total: ['共 {n} 条', '{n} records'],
} as const;

type MyRecord = RecordSummary & { lastComment: { comment: string; at: string; actor: string | null } | null };
interface FormTitle {
  plugin: string;
  form: string;
  title: LocalText;
}

const PAGE = 20;

export function MyRecordsPage() {
  const { lt } = useI18n();
  const tx = useTexts(TEXTS);
  const [page, setPage] = useState(1);
  const [data, setData] = useState<{ items: MyRecord[]; total: number } | null>(null);
  const [titles, setTitles] = useState<FormTitle[]>([]);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    api<{ forms: FormTitle[] }>('GET', '/api/forms').then(
      (r) => setTitles(r.forms),
      () => setTitles([]),
    );
  }, []);
  useEffect(() => {
    let live = true;
    api<{ items: MyRecord[]; total: number }>('GET', `/api/me/records?limit=${PAGE}&offset=${(page - 1) * PAGE}`).then(
      (r) => live && setData(r),
      (e) => live && setError(e instanceof ApiError ? lt(e.text) : String(e)),
    );
    return () => {
      live = false;
    };
  }, [page, lt]);

  const formTitle = (r: MyRecord) => lt(titles.find((f) => f.plugin === r.plugin.id && f.form === r.form)?.title) || r.form;
  const href = (r: MyRecord) => `#/records/${encodeURIComponent(r.id)}`;
  const columns: ColumnsType<MyRecord> = [
    { title: tx('subject'), key: 'subject', render: (_, r) => <a href={href(r)}>{r.subjectTitle || r.subject || r.id}</a> },
    { title: tx('form'), key: 'form', render: (_, r) => formTitle(r), responsive: ['md'] },
    { title: tx('period'), key: 'period', render: (_, r) => r.period || '—', responsive: ['md'] },
    { title: tx('state'), key: 'state', render: (_, r) => <Tag data-testid="mine-state">{lt(r.stateTitle) || r.state}</Tag> },
    {
      title: tx('comment'),
      key: 'comment',
      render: (_, r) => (r.lastComment ? <span data-testid="mine-comment">{r.lastComment.comment}</span> : '—'),
    },
    { title: tx('updated'), key: 'updated', render: (_, r) => new Date(r.updatedAt).toLocaleString(), responsive: ['lg'] },
  ];
  return (
    <div data-testid="mine-page">
      <Typography.Title level={1} style={{ fontSize: 24 }}>
        {tx('title')}
      </Typography.Title>
      {error && <Alert type="error" role="alert" message={error} style={{ marginBottom: 12 }} />}
      <Table<MyRecord>
        rowKey="id"
        size="middle"
        loading={!data && !error}
        dataSource={data?.items ?? []}
        columns={columns}
        scroll={{ x: 'max-content' }}
        pagination={{
          current: page,
          pageSize: PAGE,
          total: data?.total ?? 0,
          onChange: setPage,
          showSizeChanger: false,
          showTotal: (n) => tx('total').replace('{n}', String(n)),
        }}
        data-testid="mine-table"
      />
    </div>
  );
}
