// "Why": one rule's logic drawn as a tree with what each part evaluated to on this record (rules/trace.ts). Field
// reads name the field by its title; parts an `if`, `and` or `or` did not need are marked "not evaluated", which is
// the branch not taken; a condition that did not hold says the rule did not apply. Plugin text is rendered as text.
import { Alert, Tag, Typography } from 'antd';
import type { Explanation } from '../../../platform/evaluation';
import type { Trace } from '../../../platform/rules';
import { fieldTitle } from '../../../platform/forms/field-title';
import { argumentsOf, isOperation } from '../../../platform/rules/values';
import { useTexts } from '../texts';

export const WHY_TEXTS = {
  why: ['为什么', 'Why'],
  whyTitle: ['结果是怎样得出的', 'How this result was reached'],
  condition: ['适用条件', 'Applies when'],
  logic: ['规则', 'Rule'],
  notRun: ['未计算(分支未走到)', 'not evaluated (branch not taken)'],
  notApplied: ['条件不成立,规则未适用', 'The condition does not hold: the rule did not apply'],
  runs: ['次', 'runs'],
  failed: ['规则未能算完', 'The rule could not finish'],
  field: ['字段', 'field'],
} as const;

type Tx = (k: keyof typeof WHY_TEXTS) => string;

const show = (v: unknown) => (v === undefined ? '—' : JSON.stringify(v));

/** A var path read from the record's data, named by the field's title when the form has one. */
function varLabel(path: unknown, schema: Record<string, unknown>, tx: Tx): string {
  const p = typeof path === 'string' ? path : Array.isArray(path) && typeof path[0] === 'string' ? path[0] : String(path ?? '');
  if (p.startsWith('data.')) {
    const title = fieldTitle(schema, '/' + p.slice('data.'.length).split('.').join('/'));
    if (title) return `${tx('field')}「${title}」`;
  }
  return p || '(data)';
}

function Node({ logic, path, trace, schema, tx }: { logic: unknown; path: string; trace: Trace; schema: Record<string, unknown>; tx: Tx }) {
  if (!isOperation(logic) && !Array.isArray(logic)) return <Typography.Text code>{show(logic)}</Typography.Text>;
  const seen = trace.nodes[path];
  const value = seen ? (
    <Tag color="blue" data-testid="why-value">
      = {show(seen.value)}
      {seen.runs > 1 ? ` (${seen.runs} ${tx('runs')})` : ''}
    </Tag>
  ) : (
    <Tag data-testid="why-not-run">{tx('notRun')}</Tag>
  );
  if (Array.isArray(logic)) {
    return <span>[list] {value}</span>;
  }
  const name = Object.keys(logic as object)[0];
  const raw = argumentsOf((logic as Record<string, unknown>)[name]);
  if (name === 'var') {
    return (
      <span data-why-path={path}>
        {varLabel(raw[0], schema, tx)} {value}
      </span>
    );
  }
  return (
    <div data-why-path={path}>
      <Typography.Text code>{name}</Typography.Text> {value}
      <ul style={{ margin: 0, paddingInlineStart: 18 }}>
        {raw.map((a, i) => (
          <li key={i}>
            <Node logic={a} path={`${path}/${i}`} trace={trace} schema={schema} tx={tx} />
          </li>
        ))}
      </ul>
    </div>
  );
}

function Part({
  title,
  part,
  schema,
  tx,
}: {
  title: string;
  part: { logic: unknown; trace: Trace };
  schema: Record<string, unknown>;
  tx: Tx;
}) {
  return (
    <section>
      <Typography.Title level={5}>{title}</Typography.Title>
      {part.trace.error && <Alert type="warning" message={`${tx('failed')}: ${part.trace.error}`} />}
      <Node logic={part.logic} path="" trace={part.trace} schema={schema} tx={tx} />
    </section>
  );
}

export function RuleWhy({ explanation, schema }: { explanation: Explanation; schema: Record<string, unknown> }) {
  const tx = useTexts(WHY_TEXTS);
  return (
    <div data-testid="rule-why" data-rule={explanation.rule.id}>
      {explanation.when && <Part title={tx('condition')} part={explanation.when} schema={schema} tx={tx} />}
      {explanation.logic ? (
        <Part title={tx('logic')} part={explanation.logic} schema={schema} tx={tx} />
      ) : (
        <Alert type="info" message={tx('notApplied')} data-testid="why-not-applied" />
      )}
    </div>
  );
}
