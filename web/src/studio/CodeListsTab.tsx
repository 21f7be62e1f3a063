// The code lists tab: one code list of the draft at a time as a table — code, Chinese and English label and the
// list's own extra properties (number, priority…) — with rows added, inserted, moved and removed by buttons, every
// problem shown at its cell as one types, and a new list started by id and title. Each change writes the file back
// formatted, so it is one undo step and a readable diff.
import { useState } from 'react';
import { Alert, Button, Card, Input, Select, Space, Typography } from 'antd';
import { useI18n } from '../i18n';
import { useTexts } from '../texts';
import type { DraftFiles } from './studio-api';
import {
  addItem,
  codeListIds,
  codeListPaths,
  codeListProblems,
  extraColumns,
  labelOf,
  LIST_ID_PATTERN,
  moveItem,
  newCodeList,
  readCodeList,
  removeItem,
  setCode,
  setExtra,
  setLabel,
  writeCodeList,
  type CodeList,
  type ListProblem,
} from './codelist-edit';
import { fill, TABLE_TEXTS } from './studio-tables-texts';

interface Props {
  files: DraftFiles;
  values: Record<string, unknown>;
  onFiles: (next: DraftFiles) => void;
}

const cell: React.CSSProperties = { padding: 4, verticalAlign: 'top', borderBottom: '1px solid #f0f0f0' };
const errorStyle: React.CSSProperties = { color: '#a8071a', fontSize: 12 };

export function CodeListsTab({ files, values, onFiles }: Props) {
  const tx = useTexts(TABLE_TEXTS);
  const paths = codeListPaths(values).filter((p) => p in files);
  const [chosen, setChosen] = useState('');
  const path = paths.includes(chosen) ? chosen : (paths[0] ?? '');
  const list = path ? readCodeList(values[path]) : null;
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="codelists-tab">
      <Typography.Paragraph type="secondary">{tx('codeListsNote')}</Typography.Paragraph>
      {paths.length === 0 ? (
        <Alert type="info" message={tx('noCodeLists')} />
      ) : (
        <Space direction="vertical" style={{ width: '100%' }} size={2}>
          <label htmlFor="codelist-file">{tx('codeList')}</label>
          <Select
            id="codelist-file"
            value={path}
            onChange={setChosen}
            options={paths.map((p) => ({ value: p, label: p }))}
            style={{ width: '100%' }}
          />
        </Space>
      )}
      {path && !list && <Alert type="warning" message={tx('unreadable')} />}
      {path && list && <ListTable key={path} list={list} onChange={(next) => onFiles(writeCodeList(files, path, next))} />}
      <NewCodeList
        taken={codeListIds(values)}
        onCreate={(id, title) => {
          const made = newCodeList(files, values, id, title);
          onFiles(made.files);
          setChosen(made.path);
        }}
      />
    </Space>
  );
}

function ListTable({ list, onChange }: { list: CodeList; onChange: (next: CodeList) => void }) {
  const tx = useTexts(TABLE_TEXTS);
  const { locale } = useI18n();
  const problems = codeListProblems(list);
  const extras = extraColumns(list);
  const at = (row: number, column: string) => problems.filter((p) => p.row === row && p.column === column);
  const say = (p: ListProblem) => p.message[locale === 'en' ? 1 : 0];
  const title = (lang: 'zh-CN' | 'en') => {
    const t = list.title && typeof list.title === 'object' ? (list.title as Record<string, string>) : {};
    return typeof t[lang] === 'string' ? t[lang] : '';
  };
  const setTitle = (lang: 'zh-CN' | 'en', text: string) => {
    const t = list.title && typeof list.title === 'object' ? (list.title as Record<string, string>) : {};
    onChange({ ...list, title: { 'zh-CN': t['zh-CN'] ?? '', ...t, [lang]: text } });
  };
  // A moved row keeps the focus on the button that moved it, at the row's new place (keyboard reordering).
  const move = (i: number, by: -1 | 1) => {
    onChange(moveItem(list, i, by));
    const to = i + by;
    // At either end that button is disabled, so the other one takes the focus.
    const atEnd = by < 0 ? to === 0 : to === list.items.length - 1;
    const button = by < 0 !== atEnd ? 'up' : 'down';
    requestAnimationFrame(() => document.getElementById(`cl-${button}-${to}`)?.focus());
  };
  const input = (i: number, column: string, value: string, set: (text: string) => void, label: string) => {
    const errs = at(i, column);
    const id = `cl-${column}-${i}`;
    return (
      <td style={cell} key={column}>
        <Input
          id={id}
          size="small"
          value={value}
          aria-label={`${label} ${fill(tx('row'), { n: i + 1 })}`}
          status={errs.length ? 'error' : undefined}
          aria-invalid={errs.length > 0}
          aria-describedby={errs.length ? `${id}-error` : undefined}
          onChange={(e) => set(e.target.value)}
        />
        {errs.length > 0 && (
          <div id={`${id}-error`} style={errorStyle} data-testid="cell-error">
            {errs.map(say).join(';')}
          </div>
        )}
      </td>
    );
  };
  const whole = problems.filter((p) => p.row === -1);
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="codelist-table">
      <Typography.Text>
        {tx('listId')}: <code>{String(list.id ?? '')}</code>
      </Typography.Text>
      <Space wrap>
        <Space direction="vertical" size={0}>
          <label htmlFor="cl-title-zh">{tx('listTitleZh')}</label>
          <Input id="cl-title-zh" value={title('zh-CN')} onChange={(e) => setTitle('zh-CN', e.target.value)} />
        </Space>
        <Space direction="vertical" size={0}>
          <label htmlFor="cl-title-en">{tx('listTitleEn')}</label>
          <Input id="cl-title-en" value={title('en')} onChange={(e) => setTitle('en', e.target.value)} />
        </Space>
      </Space>
      <div role="status" data-testid="codelist-problems">
        {problems.length === 0 ? (
          <Typography.Text style={{ color: '#237804' }}>{tx('noProblems')}</Typography.Text>
        ) : (
          <Typography.Text style={{ color: '#a8071a' }}>
            {fill(tx('problems'), { n: problems.length })}
            {whole.length > 0 && `:${whole.map(say).join(';')}`}
          </Typography.Text>
        )}
      </div>
      <div style={{ overflowX: 'auto' }}>
        <table style={{ borderCollapse: 'collapse', width: '100%' }}>
          <thead>
            <tr>
              <th style={cell}>#</th>
              <th style={cell}>{tx('code')}</th>
              <th style={cell}>{tx('labelZh')}</th>
              <th style={cell}>{tx('labelEn')}</th>
              {extras.map((k) => (
                <th key={k} style={cell}>
                  {k}
                </th>
              ))}
              <th style={cell}>{tx('actions')}</th>
            </tr>
          </thead>
          <tbody>
            {list.items.map((item, i) => (
              <tr key={i} data-testid={`codelist-row-${i}`}>
                <td style={cell}>{i + 1}</td>
                {input(i, 'code', typeof item.code === 'string' ? item.code : '', (t) => onChange(setCode(list, i, t)), tx('code'))}
                {input(i, 'zh-CN', labelOf(item, 'zh-CN'), (t) => onChange(setLabel(list, i, 'zh-CN', t)), tx('labelZh'))}
                {input(i, 'en', labelOf(item, 'en'), (t) => onChange(setLabel(list, i, 'en', t)), tx('labelEn'))}
                {extras.map((k) =>
                  input(
                    i,
                    k,
                    item[k] === undefined || item[k] === null ? '' : String(item[k]),
                    (t) => onChange(setExtra(list, i, k, t)),
                    k,
                  ),
                )}
                <td style={{ ...cell, whiteSpace: 'nowrap' }}>
                  <Space size={2}>
                    <RowButton id={`cl-up-${i}`} label={tx('moveUp')} n={i + 1} disabled={i === 0} onClick={() => move(i, -1)} text="↑" />
                    <RowButton
                      id={`cl-down-${i}`}
                      label={tx('moveDown')}
                      n={i + 1}
                      disabled={i === list.items.length - 1}
                      onClick={() => move(i, 1)}
                      text="↓"
                    />
                    <RowButton
                      id={`cl-insert-${i}`}
                      label={tx('insertBelow')}
                      n={i + 1}
                      onClick={() => onChange(addItem(list, i))}
                      text="+"
                    />
                    <RowButton
                      id={`cl-remove-${i}`}
                      label={tx('removeRow')}
                      n={i + 1}
                      onClick={() => onChange(removeItem(list, i))}
                      text="×"
                      danger
                    />
                  </Space>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Button onClick={() => onChange(addItem(list))} data-testid="codelist-add-row">
        {tx('addRow')}
      </Button>
    </Space>
  );
}

export function RowButton(props: {
  id: string;
  label: string;
  n: number;
  text: string;
  onClick: () => void;
  disabled?: boolean;
  danger?: boolean;
}) {
  const tx = useTexts(TABLE_TEXTS);
  const name = `${props.label} ${fill(tx('row'), { n: props.n })}`;
  return (
    <Button
      id={props.id}
      size="small"
      aria-label={name}
      title={name}
      disabled={props.disabled}
      danger={props.danger}
      onClick={props.onClick}
    >
      {props.text}
    </Button>
  );
}

function NewCodeList({ taken, onCreate }: { taken: string[]; onCreate: (id: string, title: { 'zh-CN': string; en: string }) => void }) {
  const tx = useTexts(TABLE_TEXTS);
  const [id, setId] = useState('');
  const [zh, setZh] = useState('');
  const [en, setEn] = useState('');
  const [error, setError] = useState('');
  const create = () => {
    if (!LIST_ID_PATTERN.test(id)) return setError(tx('newListIdRule'));
    if (taken.includes(id)) return setError(tx('newListIdTaken'));
    if (!zh.trim() || !en.trim()) return setError(tx('newListTitleRequired'));
    setError('');
    onCreate(id, { 'zh-CN': zh.trim(), en: en.trim() });
    setId('');
    setZh('');
    setEn('');
  };
  return (
    <Card size="small" title={tx('newCodeList')} data-testid="new-codelist">
      <Space wrap align="end">
        <Space direction="vertical" size={0}>
          <label htmlFor="new-codelist-id">{tx('listId')}</label>
          <Input
            id="new-codelist-id"
            value={id}
            onChange={(e) => setId(e.target.value)}
            aria-describedby={error ? 'new-codelist-error' : undefined}
          />
        </Space>
        <Space direction="vertical" size={0}>
          <label htmlFor="new-codelist-zh">{tx('listTitleZh')}</label>
          <Input id="new-codelist-zh" value={zh} onChange={(e) => setZh(e.target.value)} />
        </Space>
        <Space direction="vertical" size={0}>
          <label htmlFor="new-codelist-en">{tx('listTitleEn')}</label>
          <Input id="new-codelist-en" value={en} onChange={(e) => setEn(e.target.value)} />
        </Space>
        <Button type="primary" onClick={create} data-testid="new-codelist-button">
          {tx('create')}
        </Button>
      </Space>
      {error && (
        <div id="new-codelist-error" role="alert" style={errorStyle}>
          {error}
        </div>
      )}
    </Card>
  );
}
