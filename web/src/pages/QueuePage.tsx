// The review queue: records in the reviewer's units, filtered by org unit, state, period, score range and text,
// paged by the server; selected rows can take one workflow step together (BulkActions). Rows are summaries (score,
// state, steps and the form's declared list columns); the record itself opens on its own page.
import { useEffect, useMemo, useState } from 'react';
import { Alert, Button, Card, Form, Input, InputNumber, Select, Space, Table, Tag, TreeSelect, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { ApiError, api } from '../api';
import { useI18n } from '../i18n';
import { useTexts } from '../texts';
import { fieldErrors, type FieldErrors } from '../field-errors';
import { unitTree, type OrgUnitRow } from '../org-units';
import { allStates, loadSummaries, type PluginSummary } from '../plugin-summaries';
import { BulkActions } from './BulkActions';
import type { RecordPage, RecordSummary } from '../api-types';
import { ColumnTags } from './ColumnTags';
import { PAGE_SIZE, listQuery, type Filters } from './queue/queue-filters';
import { ColumnPicker, FieldValue, useFormFields } from './queue/ColumnPicker';
import { SavedViews } from './queue/SavedViews';
import { ExportAll } from './queue/ExportAll';

export const QUEUE_TEXTS = {
  title: ['审核队列', 'Review queue'],
  filters: ['筛选条件', 'Filters'],
  orgUnit: ['机构(含下级)', 'Org unit (and below)'],
  state: ['状态', 'State'],
  period: ['期间', 'Period'],
  minScore: ['最低分', 'Lowest score'],
  maxScore: ['最高分', 'Highest score'],
  search: ['搜索名称或代码', 'Search name or code'],
  sort: ['排序', 'Sort'],
  sortUpdated: ['最近更新', 'Recently updated'],
  sortScore: ['得分从高到低', 'Score, highest first'],
  sortState: ['按状态(流程顺序)', 'State (workflow order)'],
  sortBy: ['按“{title}”', 'By "{title}"'],
  order: ['顺序', 'Order'],
  orderDefault: ['默认', 'Default'],
  orderAsc: ['升序', 'Ascending'],
  orderDesc: ['降序', 'Descending'],
  form: ['表单', 'Form'],
  allForms: ['全部表单', 'All forms'],
  apply: ['筛选', 'Apply'],
  reset: ['清除', 'Clear'],
  subject: ['对象', 'Subject'],
  code: ['代码', 'Code'],
  score: ['得分', 'Score'],
  details: ['分类及要项', 'Classes and key values'],
  updated: ['更新时间', 'Updated'],
  steps: ['可执行操作', 'Steps you may take'],
  open: ['打开', 'Open'],
  print: ['打印', 'Print'],
  total: ['共 {n} 条', '{n} records'],
  select: ['选择', 'Select'],
} as const;

/** What the filter form shows, disabled, until the states that wait for a review are known. */
const NO_FILTER: Filters = {
  states: [],
  period: '',
  minScore: null,
  maxScore: null,
  q: '',
  sort: 'updated',
  order: '',
  form: '',
  columns: [],
};

export function QueuePage() {
  const { t, lt, locale } = useI18n();
  const tx = useTexts(QUEUE_TEXTS);
  const [plugins, setPlugins] = useState<PluginSummary[]>([]);
  const [units, setUnits] = useState<OrgUnitRow[]>([]);
  const [draft, setDraft] = useState<Filters | null>(null);
  const [applied, setApplied] = useState<Filters | null>(null);
  const [page, setPage] = useState(1);
  const [rows, setRows] = useState<RecordSummary[]>([]);
  const [total, setTotal] = useState(0);
  const [loading, setLoading] = useState(false);
  const [selected, setSelected] = useState<string[]>([]);
  const [errors, setErrors] = useState<(FieldErrors & { title: string }) | null>(null);
  const [reload, setReload] = useState(0);

  useEffect(() => {
    Promise.all([loadSummaries(), api<{ units: OrgUnitRow[] }>('GET', '/api/org-units')]).then(
      ([s, u]) => {
        setPlugins(s.plugins);
        setUnits(u.units);
        // A link may ask for states (#/queue?state=a,b: the to-do page's); else every state that waits for a review.
        const asked = new URLSearchParams(window.location.hash.split('?')[1] ?? '').get('state');
        const initial: Filters = {
          ...NO_FILTER,
          states: asked
            ? asked.split(',').filter(Boolean)
            : allStates(s.plugins)
                .filter((x) => x.waiting)
                .map((x) => x.id),
        };
        setDraft(initial);
        setApplied(initial);
      },
      (e) => setErrors({ fields: {}, general: [], title: e instanceof ApiError ? lt(e.text) : String(e) }),
    );
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useEffect(() => {
    if (!applied) return;
    let live = true;
    setLoading(true);
    api<RecordPage>('GET', `/api/records?${listQuery(applied, page, declaredOf(applied.form))}`)
      .then(
        (r) => {
          if (!live) return;
          setRows(r.items);
          setTotal(r.total);
          setErrors(null);
          setSelected((keys) => keys.filter((k) => r.items.some((x) => x.id === k)));
        },
        (e) => {
          if (!live) return;
          if (e instanceof ApiError) setErrors({ ...fieldErrors(e.details, locale), title: lt(e.text) });
          else setErrors({ fields: {}, general: [], title: String(e) });
        },
      )
      .finally(() => live && setLoading(false));
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [applied, page, reload]);

  const declaredOf = (form: string) =>
    plugins
      .find((p) => p.id === form.split('/')[0])
      ?.forms.find((f) => f.id === form.split('/')[1])
      ?.listColumns.map((c) => c.id) ?? [];
  const pickable = useFormFields(draft?.form ?? '');
  const shownFields = useFormFields(applied?.form ?? '');
  const picked = (applied?.columns ?? []).flatMap((p) => shownFields.filter((f) => f.pointer === p));
  const formOptions = plugins.flatMap((p) => p.forms.map((f) => ({ value: `${p.id}/${f.id}`, label: `${lt(p.title)} · ${lt(f.title)}` })));
  const tree = useMemo(() => unitTree(units, (u) => lt(u.name)), [units, lt]);
  const states = useMemo(() => allStates(plugins), [plugins]);
  const columnsOf = (r: RecordSummary) => plugins.find((p) => p.id === r.plugin.id)?.forms.find((f) => f.id === r.form)?.listColumns ?? [];
  const unitName = (r: RecordSummary) => lt(r.orgUnit?.name) || r.orgUnit?.id || '';

  const columns: ColumnsType<RecordSummary> = [
    {
      title: tx('subject'),
      key: 'subject',
      render: (_, r) => <a href={`#/records/${encodeURIComponent(r.id)}`}>{r.subjectTitle || r.subject || r.form}</a>,
    },
    { title: tx('code'), key: 'code', render: (_, r) => r.subject ?? '—', responsive: ['md'] },
    { title: tx('orgUnit'), key: 'unit', render: (_, r) => unitName(r) },
    { title: tx('period'), dataIndex: 'period', key: 'period', responsive: ['md'] },
    { title: tx('state'), key: 'state', render: (_, r) => <Tag data-testid="row-state">{lt(r.stateTitle as any) || r.state}</Tag> },
    { title: tx('score'), key: 'score', render: (_, r) => <span data-testid="row-score">{r.score?.total ?? '—'}</span> },
    {
      title: tx('details'),
      key: 'columns',
      responsive: ['lg'],
      render: (_, r) => <ColumnTags declared={columnsOf(r)} values={r.columns} />,
    },
    ...picked.map((f) => ({
      title: lt(f.title),
      key: f.pointer,
      render: (_: unknown, r: RecordSummary) => <FieldValue field={f} value={r.columns[f.pointer]} />,
    })),
    { title: tx('updated'), key: 'updated', render: (_, r) => new Date(r.updatedAt).toLocaleString(locale), responsive: ['lg'] },
    { title: tx('steps'), key: 'steps', render: (_, r) => r.transitions.map((t) => <Tag key={t.id}>{lt(t.title)}</Tag>) },
    {
      title: tx('print'),
      key: 'print',
      render: (_, r) => (
        <a href={`#/records/${encodeURIComponent(r.id)}/print`} aria-label={`${tx('print')} ${r.subjectTitle || r.id}`}>
          {tx('print')}
        </a>
      ),
    },
  ];

  const fieldStatus = (name: string) =>
    errors?.fields[name] ? { validateStatus: 'error' as const, help: errors.fields[name].join(';') } : {};
  const shown = draft ?? NO_FILTER;
  const set = (patch: Partial<Filters>) => setDraft((d) => (d ? { ...d, ...patch } : d));
  const apply = () => {
    setPage(1);
    setApplied(draft ? { ...draft } : null);
  };
  const applyView = (f: Filters) => {
    setDraft(f);
    setApplied(f);
    setPage(1);
  };

  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <a href="#/">{t('back')}</a>
      <Typography.Title level={1} style={{ fontSize: 22 }}>
        {tx('title')}
      </Typography.Title>
      {errors && (
        <Alert
          type="error"
          role="alert"
          data-testid="errors"
          message={errors.title}
          description={
            errors.general.length ? (
              <ul>
                {errors.general.map((g, i) => (
                  <li key={i}>{g}</li>
                ))}
              </ul>
            ) : undefined
          }
        />
      )}
      {/* The filters are drawn at once, disabled until the states are known, so the table below never moves down
          when they arrive (it did: a layout shift of 0.2 on a phone). Their test id marks them ready. */}
      <Card size="small" title={<h2 style={{ fontSize: 16, margin: 0 }}>{tx('filters')}</h2>}>
        <div style={{ marginBottom: 12 }}>
          <SavedViews current={shown} onApply={applyView} />
        </div>
        <Form layout="vertical" onFinish={apply} disabled={!draft} data-testid={draft ? 'queue-filters' : undefined}>
          <Space wrap align="start">
            <Form.Item label={tx('form')} htmlFor="queue-form" style={{ minWidth: 240 }}>
              <Select
                id="queue-form"
                data-testid="form-select"
                value={shown.form}
                onChange={(v: string) => set({ form: v, columns: [], sort: shown.sort.startsWith('/') ? 'updated' : shown.sort })}
                style={{ width: 240 }}
                showSearch
                optionFilterProp="label"
                options={[{ value: '', label: tx('allForms') }, ...formOptions]}
              />
            </Form.Item>
            <Form.Item label={tx('orgUnit')} htmlFor="queue-org" style={{ minWidth: 220 }} {...fieldStatus('orgUnitId')}>
              <TreeSelect
                id="queue-org"
                treeData={tree}
                value={shown.orgUnitId}
                allowClear
                treeDefaultExpandAll
                showSearch
                treeNodeFilterProp="title"
                onChange={(v) => set({ orgUnitId: v || undefined })}
                style={{ width: 220 }}
              />
            </Form.Item>
            <Form.Item label={tx('state')} htmlFor="queue-state" style={{ minWidth: 260 }}>
              <Select
                id="queue-state"
                mode="multiple"
                // One line however many states are chosen: the form keeps its height when they arrive.
                maxTagCount="responsive"
                value={shown.states}
                onChange={(v) => set({ states: v })}
                style={{ width: 260 }}
                allowClear
                options={states.map((s) => ({ value: s.id, label: lt(s.title) || s.id }))}
                optionFilterProp="label"
              />
            </Form.Item>
            <Form.Item label={tx('period')} htmlFor="queue-period" {...fieldStatus('period')}>
              <Input id="queue-period" value={shown.period} onChange={(e) => set({ period: e.target.value })} style={{ width: 120 }} />
            </Form.Item>
            <Form.Item label={tx('minScore')} htmlFor="queue-min" {...fieldStatus('minScore')}>
              <InputNumber
                id="queue-min"
                value={shown.minScore}
                onChange={(v) => set({ minScore: typeof v === 'number' ? v : null })}
                style={{ width: 110 }}
              />
            </Form.Item>
            <Form.Item label={tx('maxScore')} htmlFor="queue-max" {...fieldStatus('maxScore')}>
              <InputNumber
                id="queue-max"
                value={shown.maxScore}
                onChange={(v) => set({ maxScore: typeof v === 'number' ? v : null })}
                style={{ width: 110 }}
              />
            </Form.Item>
            <Form.Item label={tx('search')} htmlFor="queue-q" {...fieldStatus('q')}>
              <Input id="queue-q" value={shown.q} onChange={(e) => set({ q: e.target.value })} style={{ width: 200 }} allowClear />
            </Form.Item>
            <ColumnPicker
              form={shown.form}
              fields={pickable}
              value={shown.columns}
              onChange={(columns) =>
                set({ columns, sort: shown.sort.startsWith('/') && !columns.includes(shown.sort) ? 'updated' : shown.sort })
              }
            />
            <Form.Item label={tx('sort')} htmlFor="queue-sort">
              <Select
                id="queue-sort"
                data-testid="sort-select"
                value={shown.sort}
                onChange={(v) => set({ sort: v })}
                style={{ width: 200 }}
                options={[
                  { value: 'updated', label: tx('sortUpdated') },
                  { value: 'score', label: tx('sortScore') },
                  { value: 'state', label: tx('sortState') },
                  ...shown.columns.flatMap((p) =>
                    pickable.filter((f) => f.pointer === p).map((f) => ({ value: p, label: tx('sortBy').replace('{title}', lt(f.title)) })),
                  ),
                ]}
              />
            </Form.Item>
            <Form.Item label={tx('order')} htmlFor="queue-order">
              <Select
                id="queue-order"
                data-testid="order-select"
                value={shown.order}
                onChange={(v) => set({ order: v })}
                style={{ width: 110 }}
                options={[
                  { value: '', label: tx('orderDefault') },
                  { value: 'asc', label: tx('orderAsc') },
                  { value: 'desc', label: tx('orderDesc') },
                ]}
              />
            </Form.Item>
          </Space>
          <Space>
            <Button type="primary" htmlType="submit" data-testid="apply-filters">
              {tx('apply')}
            </Button>
          </Space>
        </Form>
      </Card>
      <ExportAll applied={applied ?? NO_FILTER} />
      <BulkActions
        records={rows.filter((r) => selected.includes(r.id))}
        onDone={() => {
          setSelected([]);
          setReload((n) => n + 1);
        }}
        stateTitle={(id) => lt(states.find((s) => s.id === id)?.title) || id}
      />
      <div style={{ overflowX: 'auto' }}>
        <Table<RecordSummary>
          data-testid="queue-table"
          rowKey="id"
          size="small"
          loading={loading}
          dataSource={rows}
          columns={columns}
          onRow={(r) => ({ 'data-record': r.id }) as any}
          rowSelection={{
            selectedRowKeys: selected,
            onChange: (keys) => setSelected(keys as string[]),
            getCheckboxProps: (r) => ({ 'aria-label': `${tx('select')} ${r.subjectTitle || r.subject || r.id}` }) as any,
          }}
          pagination={{
            current: page,
            pageSize: PAGE_SIZE,
            total,
            showSizeChanger: false,
            onChange: setPage,
            showTotal: (n) => tx('total').replace('{n}', String(n)),
          }}
        />
      </div>
    </Space>
  );
}
