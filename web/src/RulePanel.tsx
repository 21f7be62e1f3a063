// Rule results beside a form: computed values, checks and eligibility, score by dimension and item, classes.
import { Button, Card, List, Modal, Progress, Tag, Typography } from 'antd';
import type { Explanation, RuleResults } from '../../platform/evaluation';
import { memo, useState } from 'react';
import { useI18n, type LocalText } from './i18n';
import { useTexts } from './texts';
import { RuleWhy, WHY_TEXTS } from './rules/RuleWhy';
import { OverriddenNote, OverrideButton, type OverrideOffer } from './rules/OverrideControls';

const show = (v: unknown) => (v === null || v === undefined ? '—' : typeof v === 'object' ? JSON.stringify(v) : String(v));

interface Props {
  results: RuleResults | null;
  title: string;
  testId: string;
  /** Compute rules' titles by id (rule title, else the computed field's title); ids are shown for the rest. */
  ruleTitles?: Record<string, LocalText>;
  /** "Why" for a rule's outcome (the rule run in trace mode on this record); without it no "why" is offered. */
  explain?: (ruleId: string) => Explanation | null | Promise<Explanation | null>;
  /** The form's schema as shown, to name the fields a rule reads. */
  schema?: Record<string, unknown>;
  /** Overrides the user may make here (a saved record); without it outcomes are only shown as overridden. */
  override?: OverrideOffer;
}

// Memoised: on a keystroke that changes no result the panel is not re-rendered.
export const RulePanel = memo(function RulePanel({ results, title, testId, ruleTitles, explain, schema, override }: Props) {
  const { t, lt } = useI18n();
  const tx = useTexts(WHY_TEXTS);
  const [asked, setAsked] = useState<{ id: string; title: string; explanation: Explanation } | null>(null);
  if (!results) return null;
  const why = (id: string, title: string) =>
    explain ? (
      <Button
        type="link"
        size="small"
        data-testid="why"
        aria-label={`${tx('why')}: ${title}`}
        onClick={() => {
          Promise.resolve(explain(id)).then(
            (explanation) => explanation && setAsked({ id, title, explanation }),
            () => setAsked(null), // the record is gone or no longer visible: the page says so on its next load
          );
        }}
      >
        {tx('why')}
      </Button>
    ) : null;
  const computed = Object.entries(results.computed ?? {});
  // Marked wherever a user replaced the outcome; the button where this user may replace it.
  const overridden = (id: string, label?: (v: unknown) => string) => {
    const o = results.overrides?.[id];
    return o ? <OverriddenNote o={o} label={label} /> : null;
  };
  const adjust = (id: string, title: string) =>
    override?.allowed(id) ? <OverrideButton ruleId={id} title={title} offer={override} /> : null;
  return (
    <Card size="small" title={title} data-testid={testId} role="region" aria-label={title}>
      <Typography.Paragraph>
        {t('blocking')}: <strong data-testid="blocking">{results.blocking}</strong>
      </Typography.Paragraph>
      {(results.errors?.length ?? 0) > 0 && (
        <>
          <Typography.Title level={5}>{t('ruleErrors')}</Typography.Title>
          <List
            size="small"
            dataSource={results.errors}
            renderItem={(e) => (
              <List.Item data-rule={e.id} data-error={e.code}>
                <Typography.Text type="danger">{lt(e.message)}</Typography.Text>
              </List.Item>
            )}
          />
        </>
      )}
      {computed.length > 0 && (
        <>
          <Typography.Title level={5}>{t('computed')}</Typography.Title>
          <List
            size="small"
            dataSource={computed}
            renderItem={([k, v]) => (
              <List.Item data-rule={k}>
                <span>{lt(ruleTitles?.[k]) || k}</span>
                <span>
                  <strong>{show(v)}</strong>
                  {why(k, lt(ruleTitles?.[k]) || k)}
                  {adjust(k, lt(ruleTitles?.[k]) || k)}
                  {overridden(k)}
                </span>
              </List.Item>
            )}
          />
        </>
      )}
      {results.checks.length > 0 && (
        <>
          <Typography.Title level={5}>{t('checks')}</Typography.Title>
          <List
            size="small"
            dataSource={results.checks}
            renderItem={(c) => (
              <List.Item data-rule={c.id} data-passed={String(c.passed)}>
                <div>
                  <Tag color={c.passed ? '#237804' : c.severity === 'block' ? '#a8071a' : '#ad4e00'}>
                    {c.passed ? t('passed') : `${t('failed')} · ${t(c.severity === 'block' ? 'block' : 'warn')}`}
                  </Tag>
                  {c.code && (
                    <Typography.Text code data-code={c.code}>
                      {c.code}
                    </Typography.Text>
                  )}
                  <strong>{lt(c.title) || c.id}</strong>
                  {why(c.id, lt(c.title) || c.id)}
                  {!c.passed && <div>{lt(c.message)}</div>}
                </div>
              </List.Item>
            )}
          />
        </>
      )}
      {results.score && (
        <>
          <Typography.Title level={5}>
            {t('score')}: <span data-testid="score-total">{results.score.total}</span> / {results.score.max}
          </Typography.Title>
          {results.score.dimensions.map((d) => (
            <div key={d.id} data-dimension={d.id}>
              <span>
                {lt(d.title)}: {d.score} / {d.max}
              </span>
              <Progress percent={d.max ? Math.round((d.score / d.max) * 100) : 0} size="small" aria-label={lt(d.title)} />
            </div>
          ))}
          <List
            size="small"
            dataSource={results.score.items}
            renderItem={(i) => (
              <List.Item data-rule={i.id}>
                <span>
                  {lt(i.title) || i.id}
                  {i.mandatory ? ` (${t('mandatory')})` : ''}
                </span>
                <span>
                  <strong style={{ color: i.mandatory && !i.passed ? '#cf1322' : undefined }}>
                    {i.points} / {i.max}
                  </strong>
                  {why(i.id, lt(i.title) || i.id)}
                </span>
              </List.Item>
            )}
          />
        </>
      )}
      {results.classList?.length > 0 && (
        <>
          <Typography.Title level={5}>{t('classes')}</Typography.Title>
          <List
            size="small"
            dataSource={results.classList}
            renderItem={(c) => (
              <List.Item data-rule={c.id}>
                <span>{lt(c.title) || c.id}</span>
                <span>
                  <Tag data-value={typeof c.value === 'string' ? c.value : undefined}>{c.label ? lt(c.label) : show(c.value)}</Tag>
                  {why(c.id, lt(c.title) || c.id)}
                  {adjust(c.id, lt(c.title) || c.id)}
                  {overridden(c.id, (v) => {
                    const label = override?.options(c.id)?.find((x) => x.value === v)?.label;
                    return label ?? show(v);
                  })}
                </span>
              </List.Item>
            )}
          />
        </>
      )}
      <Modal
        open={asked !== null}
        title={asked ? `${tx('whyTitle')}: ${asked.title}` : ''}
        onCancel={() => setAsked(null)}
        footer={null}
        width={720}
        destroyOnClose
      >
        {asked && <RuleWhy explanation={asked.explanation} schema={schema ?? {}} />}
      </Modal>
    </Card>
  );
});
