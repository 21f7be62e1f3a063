// The workflow tab: the chosen form's workflow as two tables — states (id, titles, editable, final) and transitions
// (id, titles, from, to, roles, level, guards, comment required) — with rows added and removed, problems shown at
// their cell as one types (an unknown state, a repeated id, a guard the form lacks), and the diagram beneath. A
// renamed state takes its transitions along. Each change writes the file back formatted: one undo step.
import { Alert, Button, Input, Select, Space, Typography } from 'antd';
import { useI18n } from '../i18n';
import { useTexts } from '../texts';
import type { DraftFiles } from './studio-api';
import { RowButton } from './CodeListsTab';
import { WorkflowDiagram } from './WorkflowDiagram';
import { fill, TABLE_TEXTS } from './studio-tables-texts';
import {
  addState,
  addTransition,
  fromOf,
  guardRuleIds,
  LEVELS,
  readWorkflow,
  moveRow,
  removeRow,
  renameState,
  ROLES,
  setCell,
  stateIds,
  titleOf,
  workflowPath,
  workflowProblems,
  writeWorkflow,
  type Workflow,
  type WorkflowProblem,
} from './workflow-edit';

interface Props {
  files: DraftFiles;
  values: Record<string, unknown>;
  workflowId: string | null;
  rulePaths: string[];
  onFiles: (next: DraftFiles) => void;
}

const cell: React.CSSProperties = { padding: 4, verticalAlign: 'top', borderBottom: '1px solid #f0f0f0' };
const errorStyle: React.CSSProperties = { color: '#a8071a', fontSize: 12 };
type Table = 'states' | 'transitions';

export function WorkflowTab({ files, values, workflowId, rulePaths, onFiles }: Props) {
  const tx = useTexts(TABLE_TEXTS);
  const { locale } = useI18n();
  const path = workflowPath(values, workflowId);
  const wf = path ? readWorkflow(values[path]) : null;
  if (!path || !wf) return <Alert type="info" message={tx('noWorkflow')} />;
  const guards = guardRuleIds(values, rulePaths);
  const problems = workflowProblems(wf, guards);
  const say = (p: WorkflowProblem) => p.message[locale === 'en' ? 1 : 0];
  const put = (next: Workflow) => onFiles(writeWorkflow(files, path, next));
  // A moved row keeps the focus on the button that moved it, at the row's new place (keyboard reordering, as in the
  // code lists tab); at either end that button is disabled, so the other one takes the focus.
  const move = (table: 'states' | 'transitions', i: number, by: -1 | 1) => {
    put(moveRow(wf, table, i, by));
    const to = i + by;
    const atEnd = by < 0 ? to === 0 : to === wf[table].length - 1;
    const button = by < 0 !== atEnd ? 'up' : 'down';
    requestAnimationFrame(() => document.getElementById(`wf-${table[0]}-${button}-${to}`)?.focus());
  };
  const moveButtons = (table: 'states' | 'transitions', i: number) => (
    <>
      <RowButton
        id={`wf-${table[0]}-up-${i}`}
        label={tx('moveUp')}
        n={i + 1}
        disabled={i === 0}
        onClick={() => move(table, i, -1)}
        text="↑"
      />
      <RowButton
        id={`wf-${table[0]}-down-${i}`}
        label={tx('moveDown')}
        n={i + 1}
        disabled={i === wf[table].length - 1}
        onClick={() => move(table, i, 1)}
        text="↓"
      />
    </>
  );
  const ids = stateIds(wf);
  const rowLabel = (label: string, table: Table, i: number) => `${label} ${tx(table)} ${fill(tx('row'), { n: i + 1 })}`;

  /** A cell's control and, below it, its problems; `ctl` gets the id, label and error state to put on the control. */
  const at = (table: Table, i: number, column: string, label: string, ctl: (a: Record<string, any>) => React.ReactNode) => {
    const errs = problems.filter((p) => p.table === table && p.row === i && p.column === column);
    const id = `wf-${table === 'states' ? 's' : 't'}-${column}-${i}`;
    return (
      <td style={cell} key={column}>
        {ctl({
          id,
          'aria-label': rowLabel(label, table, i),
          status: errs.length ? 'error' : undefined,
          'aria-invalid': errs.length > 0,
          'aria-describedby': errs.length ? `${id}-error` : undefined,
        })}
        {errs.length > 0 && (
          <div id={`${id}-error`} style={errorStyle} data-testid="cell-error">
            {errs.map(say).join(';')}
          </div>
        )}
      </td>
    );
  };
  const text = (table: Table, i: number, column: string, label: string, value: string, set: (v: string) => void) =>
    at(table, i, column, label, (a) => (
      <Input size="small" {...a} value={value} onChange={(e) => set(e.target.value)} style={{ minWidth: 90 }} />
    ));
  const flag = (table: Table, i: number, column: string, label: string) =>
    at(table, i, column, label, (a) => (
      <input
        type="checkbox"
        id={a.id}
        aria-label={a['aria-label']}
        checked={wf[table][i][column] === true}
        onChange={(e) => put(setCell(wf, table, i, column, e.target.checked))}
      />
    ));
  const stateOptions = ids.map((s) => ({ value: s, label: s }));
  const whole = problems.filter((p) => p.table === 'workflow');

  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="workflow-tab">
      <Typography.Paragraph type="secondary">{tx('workflowNote')}</Typography.Paragraph>
      <Typography.Text>
        {path} · <code>{String(wf.id ?? '')}</code>
      </Typography.Text>
      <Space>
        <label htmlFor="wf-initial">{tx('initial')}</label>
        <Select
          id="wf-initial"
          value={typeof wf.initial === 'string' ? wf.initial : undefined}
          options={stateOptions}
          onChange={(v) => put({ ...wf, initial: v })}
          style={{ minWidth: 140 }}
        />
      </Space>
      <div role="status" data-testid="workflow-problems">
        {problems.length === 0 ? (
          <Typography.Text style={{ color: '#237804' }}>{tx('noProblems')}</Typography.Text>
        ) : (
          <Typography.Text style={{ color: '#a8071a' }}>
            {fill(tx('problems'), { n: problems.length })}
            {whole.length > 0 && `:${whole.map(say).join(';')}`}
          </Typography.Text>
        )}
      </div>

      <Typography.Title level={3} style={{ fontSize: 16 }}>
        {tx('states')}
      </Typography.Title>
      <div style={{ overflowX: 'auto' }}>
        <table style={{ borderCollapse: 'collapse', width: '100%' }} data-testid="workflow-states">
          <thead>
            <tr>
              {[tx('stateId'), tx('titleZh'), tx('titleEn'), tx('editable'), tx('final'), tx('actions')].map((h) => (
                <th key={h} style={cell}>
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {wf.states.map((s, i) => (
              <tr key={i} data-testid={`state-row-${i}`}>
                {text('states', i, 'id', tx('stateId'), typeof s.id === 'string' ? s.id : '', (v) => put(renameState(wf, i, v)))}
                {text('states', i, 'zh-CN', tx('titleZh'), titleOf(s, 'zh-CN'), (v) => put(setCell(wf, 'states', i, 'zh-CN', v)))}
                {text('states', i, 'en', tx('titleEn'), titleOf(s, 'en'), (v) => put(setCell(wf, 'states', i, 'en', v)))}
                {flag('states', i, 'editable', tx('editable'))}
                {flag('states', i, 'final', tx('final'))}
                <td style={{ ...cell, whiteSpace: 'nowrap' }}>
                  {moveButtons('states', i)}
                  <RowButton
                    id={`wf-s-remove-${i}`}
                    label={tx('removeRow')}
                    n={i + 1}
                    text="×"
                    danger
                    onClick={() => put(removeRow(wf, 'states', i))}
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Button onClick={() => put(addState(wf))} data-testid="add-state">
        {tx('addState')}
      </Button>

      <Typography.Title level={3} style={{ fontSize: 16 }}>
        {tx('transitions')}
      </Typography.Title>
      <div style={{ overflowX: 'auto' }}>
        <table style={{ borderCollapse: 'collapse', width: '100%' }} data-testid="workflow-transitions">
          <thead>
            <tr>
              {[
                tx('stateId'),
                tx('titleZh'),
                tx('titleEn'),
                tx('from'),
                tx('to'),
                tx('roles'),
                tx('level'),
                tx('guards'),
                tx('commentRequired'),
                tx('actions'),
              ].map((h) => (
                <th key={h} style={cell}>
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {wf.transitions.map((t, i) => (
              <tr key={i} data-testid={`transition-row-${i}`}>
                {text('transitions', i, 'id', tx('stateId'), typeof t.id === 'string' ? t.id : '', (v) =>
                  put(setCell(wf, 'transitions', i, 'id', v)),
                )}
                {text('transitions', i, 'zh-CN', tx('titleZh'), titleOf(t, 'zh-CN'), (v) => put(setCell(wf, 'transitions', i, 'zh-CN', v)))}
                {text('transitions', i, 'en', tx('titleEn'), titleOf(t, 'en'), (v) => put(setCell(wf, 'transitions', i, 'en', v)))}
                {at('transitions', i, 'from', tx('from'), (a) => (
                  <Select
                    {...a}
                    mode="multiple"
                    size="small"
                    value={fromOf(t)}
                    options={stateOptions}
                    style={{ minWidth: 120 }}
                    onChange={(v) => put(setCell(wf, 'transitions', i, 'from', v))}
                  />
                ))}
                {at('transitions', i, 'to', tx('to'), (a) => (
                  <Select
                    {...a}
                    size="small"
                    value={typeof t.to === 'string' ? t.to : undefined}
                    options={stateOptions}
                    style={{ minWidth: 110 }}
                    onChange={(v) => put(setCell(wf, 'transitions', i, 'to', v))}
                  />
                ))}
                {at('transitions', i, 'roles', tx('roles'), (a) => (
                  <Select
                    {...a}
                    mode="multiple"
                    size="small"
                    value={Array.isArray(t.roles) ? t.roles : []}
                    options={ROLES.map((r) => ({ value: r, label: tx(`role_${r}`) }))}
                    style={{ minWidth: 120 }}
                    onChange={(v) => put(setCell(wf, 'transitions', i, 'roles', v))}
                  />
                ))}
                {at('transitions', i, 'level', tx('level'), (a) => (
                  <Select
                    {...a}
                    size="small"
                    allowClear
                    placeholder={tx('anyLevel')}
                    value={typeof t.level === 'string' ? t.level : undefined}
                    options={LEVELS.map((l) => ({ value: l, label: tx(`level_${l}`) }))}
                    style={{ minWidth: 90 }}
                    onChange={(v) => put(setCell(wf, 'transitions', i, 'level', v ?? undefined))}
                  />
                ))}
                {at('transitions', i, 'guards', tx('guards'), (a) => (
                  <Select
                    {...a}
                    mode="multiple"
                    size="small"
                    value={Array.isArray(t.guards) ? t.guards : []}
                    options={[...new Set([...guards, ...(Array.isArray(t.guards) ? t.guards : [])])].map((g) => ({ value: g, label: g }))}
                    style={{ minWidth: 110 }}
                    onChange={(v) => put(setCell(wf, 'transitions', i, 'guards', v))}
                  />
                ))}
                {flag('transitions', i, 'commentRequired', tx('commentRequired'))}
                <td style={{ ...cell, whiteSpace: 'nowrap' }}>
                  {moveButtons('transitions', i)}
                  <RowButton
                    id={`wf-t-remove-${i}`}
                    label={tx('removeRow')}
                    n={i + 1}
                    text="×"
                    danger
                    onClick={() => put(removeRow(wf, 'transitions', i))}
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Button onClick={() => put(addTransition(wf))} data-testid="add-transition">
        {tx('addTransition')}
      </Button>

      <Typography.Title level={3} style={{ fontSize: 16 }}>
        {tx('diagram')}
      </Typography.Title>
      <WorkflowDiagram wf={wf} />
    </Space>
  );
}
