// The form's rules: listed by kind with their titles and JsonLogic, each field they read checked against the form
// at once by the loader's own check (RULE_UNKNOWN_FIELD, platform/plugins/check-rule-fields.ts, so the studio and a
// load can never disagree), each rule's logic editable as a structure (RuleLogicEditor), and the rules file edited as
// text below.
import { useMemo, useState } from 'react';
import { Alert, Button, Collapse, Select, Space, Tag, Typography } from 'antd';
import { useI18n } from '../i18n';
import { useTexts } from '../texts';
import { CodeEditor } from './CodeEditor';
import { checkRuleFields, type KnownNames } from '../../../platform/plugins/check-rule-fields';
import { checkRowField } from '../../../platform/plugins/check-row-field';
import { knownNames } from './known-names';
import { metaCheck } from './lint-off-thread';
import { STUDIO_TEXTS } from './studio-texts';
import type { DraftFiles } from './studio-api';
import { parseFiles } from './draft-files';
import { nameChoices } from './logic-fields';
import { withRuleLogic } from './logic-tree';
import { LOGIC_TEXTS } from './logic-editor-texts';
import { RuleLogicEditor } from './RuleLogicEditor';

interface RuleView {
  /** Its place in the file's list of rules. */
  index: number;
  id: string;
  kind: string;
  title: unknown;
  logic: unknown;
  when: unknown;
  unknown: string[];
}

const KINDS = ['compute', 'check', 'eligibility', 'score', 'classify', 'guard'];

export function RulesTab(props: {
  files: DraftFiles;
  rulePaths: string[];
  schema: Record<string, unknown> | null;
  onChange: (path: string, text: string) => void;
}) {
  const { files, rulePaths, schema, onChange } = props;
  const { lt, locale } = useI18n();
  const tx = useTexts(STUDIO_TEXTS);
  const lx = useTexts(LOGIC_TEXTS);
  const [chosen, setChosen] = useState(rulePaths[0] ?? '');
  const [open, setOpen] = useState<string | null>(null);
  const path = rulePaths.includes(chosen) ? chosen : (rulePaths[0] ?? '');
  const text = path ? files[path] : undefined;
  // Parameters, x-ref fields and rule ids as the files stand: an undeclared one is flagged as the loader would.
  const known = useMemo(() => knownNames(files, rulePaths, schema), [files, rulePaths, schema]);
  const { rules, parseError } = useMemo(() => readRules(text, schema, known), [text, schema, known]);
  // What a condition can pick: the form's fields, parameters, references and the results of its rules.
  const names = useMemo(() => {
    const { values } = parseFiles(files);
    const listOf = (p: string): unknown[] => {
      const list = (values[p] as { rules?: unknown } | undefined)?.rules;
      return Array.isArray(list) ? list : [];
    };
    const all = rulePaths.flatMap(listOf).filter((r): r is Record<string, any> => !!r && typeof r === 'object');
    return nameChoices({ schema, values, rules: all, known, lang: locale });
  }, [files, rulePaths, schema, known, locale]);
  const check = useMemo(() => metaCheck('rules', path, lt), [path, lt]);
  if (!path || text === undefined) return <Alert type="info" message={tx('noRules')} />;

  const unknown = rules.flatMap((r) => r.unknown.map((f) => `${r.id}: ${f}`));
  const byKind = KINDS.map((k) => ({ kind: k, rules: rules.filter((r) => r.kind === k) })).filter((g) => g.rules.length);
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {rulePaths.length > 1 && (
        <>
          <label htmlFor="studio-rules-file">{tx('rulesFile')}</label>
          <Select id="studio-rules-file" value={path} onChange={setChosen} options={rulePaths.map((p) => ({ value: p, label: p }))} />
        </>
      )}
      {parseError && <Alert type="error" role="alert" message={`${tx('badJson')}: ${parseError}`} data-testid="rules-parse-error" />}
      {unknown.length > 0 && (
        <Alert
          type="error"
          role="alert"
          data-testid="unknown-fields"
          message={tx('unknownField')}
          description={
            <ul style={{ margin: 0 }}>
              {unknown.map((u) => (
                <li key={u}>{u}</li>
              ))}
            </ul>
          }
        />
      )}
      <Collapse
        size="small"
        items={byKind.map((g) => ({
          key: g.kind,
          label: `${g.kind} (${g.rules.length})`,
          children: (
            <ul style={{ listStyle: 'none', padding: 0, margin: 0 }}>
              {g.rules.map((r) => (
                <li key={r.id} data-rule={r.id} style={{ marginBottom: 8 }}>
                  <Typography.Text strong>{r.title ? lt(r.title as never) : r.id}</Typography.Text>{' '}
                  <Typography.Text type="secondary">{r.id}</Typography.Text>{' '}
                  <Button
                    size="small"
                    aria-expanded={open === r.id}
                    data-testid={`structure-${r.id}`}
                    onClick={() => setOpen(open === r.id ? null : r.id)}
                  >
                    {open === r.id ? lx('closeStructured') : lx('editStructured')}
                  </Button>
                  {r.unknown.map((f) => (
                    <Tag color="#a8071a" key={f}>
                      {tx('unknownField')}: {f}
                    </Tag>
                  ))}
                  <pre style={{ whiteSpace: 'pre-wrap', fontSize: 12, margin: 0 }} aria-label={`${tx('ruleLogic')} ${r.id}`}>
                    {JSON.stringify(r.logic)}
                  </pre>
                  {open === r.id && (
                    <RuleLogicEditor
                      ruleId={r.id}
                      logic={r.logic}
                      names={names}
                      onChange={(logic) => {
                        const next = withRuleLogic(text, r.index, logic);
                        if (next !== null) onChange(path, next);
                      }}
                    />
                  )}
                </li>
              ))}
            </ul>
          ),
        }))}
      />
      <Typography.Text>
        {tx('rulesText')} · {path}
      </Typography.Text>
      <CodeEditor
        key={path}
        value={text}
        onChange={(t) => onChange(path, t)}
        label={`${tx('rulesText')} ${path}`}
        testId="rules-editor"
        check={check}
      />
    </Space>
  );
}

function readRules(
  text: string | undefined,
  schema: Record<string, unknown> | null,
  known: KnownNames,
): { rules: RuleView[]; parseError: string | null } {
  if (text === undefined) return { rules: [], parseError: null };
  let parsed: any;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    return { rules: [], parseError: (e as Error).message };
  }
  // One context for the file's rules: the form's paths are walked once, when a suggestion first needs them.
  const fields = schema ? { schema, file: '', paths: {}, known } : null;
  const list: any[] = Array.isArray(parsed?.rules) ? parsed.rules : [];
  const rules = list
    .map((r, index) => ({ r, index }))
    .filter(({ r }) => r && typeof r === 'object')
    .map(({ r, index }) => ({
      index,
      id: typeof r.id === 'string' ? r.id : `#${index}`,
      kind: typeof r.kind === 'string' ? r.kind : '?',
      title: r.title,
      logic: r.logic,
      when: r.when,
      // A rule writing into table rows reads `row.…` against the table's items, as the loader does.
      unknown: fields ? unknownFieldsOf([r.logic, r.when], { ...fields, row: checkRowField(fields.schema, r.field, '', '')?.row }) : [],
    }));
  return { rules, parseError: null };
}

/** The data paths `logics` read that the form cannot have; logic the engine would refuse is checked on 检查, not here. */
function unknownFieldsOf(logics: unknown[], fields: Parameters<typeof checkRuleFields>[2]): string[] {
  try {
    const found = logics.flatMap((l) => (l === undefined ? [] : checkRuleFields(l, '', fields)));
    return [...new Set(found.map((d) => String(d.params?.path ?? d.pointer)))];
  } catch {
    return [];
  }
}
