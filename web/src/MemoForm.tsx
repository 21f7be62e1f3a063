// The record form's rjsf Form, made cheap per keystroke (bench/README.md, "Record form: keystroke to update"): within
// the form only the fields on the changed path render (FieldTemplate below), and the form re-renders only when
// something it shows changes. rjsf's Form keeps the data in its own state: a keystroke re-renders it once from its
// setState, and handing it back the very data it just reported would re-derive the whole form a second time. So the
// data it reported itself is not passed back until another prop changes; data from elsewhere (loaded, saved,
// stepped) is passed at once.
import { memo, useCallback, useMemo, useRef, type ReactNode } from 'react';
import Form, { Templates } from '@rjsf/antd';
import type { IChangeEvent } from '@rjsf/core';
import type { FieldTemplateProps } from '@rjsf/utils';
// Not in antd's index; the module antd's own Form.Item uses (antd resolves to es/, so this is the same instance).
import { NoStyleItemContext } from 'antd/es/form/context';
import { ATTACHMENT_FIELDS, type AttachmentContext } from './attachments/attachment-fields';
import { REF_WIDGETS, withRefWidgets } from './refs/ref-fields';
import { validator } from './plugin';
import { compileShownWhen, hiddenFields, HIDDEN_WHEN, withHiddenFields } from './shown-when';

type Data = Record<string, unknown>;

interface Props {
  schema: Record<string, any>;
  uiSchema: Record<string, any>;
  formData: Data;
  readonly: boolean;
  disabled: boolean;
  extraErrors: Record<string, any>;
  formContext: AttachmentContext;
  onChange: (data: Data) => void;
  onSubmit: () => void;
  /** Keep it stable (memoised): a new element re-renders the form. */
  children: ReactNode;
}

interface InnerProps extends Omit<Props, 'onChange'> {
  onChange: (e: IChangeEvent) => void;
  /** The data rjsf last reported: already in its state. */
  echo: Data | undefined;
}

const AntdFieldTemplate = Templates.FieldTemplate!;

/**
 * antd's Form.Item gives its subtree a new NoStyleItemContext value on every render, and rjsf wraps every object in
 * a Form.Item: a keystroke re-rendered the root's, and through that context every Form.Item of the form, past
 * rjsf's per-field shouldComponentUpdate. The context only serves `noStyle` items that report to a parent (rjsf
 * has none), so each field's content gets a fixed value and the re-render stops at the fields that changed.
 */
function FieldTemplate(props: FieldTemplateProps) {
  // A field whose shown-when condition does not hold (shown-when.ts) is not shown at all.
  if (props.uiSchema?.[HIDDEN_WHEN]) return null;
  // An object's description is already shown by its ObjectFieldTemplate (under its title): given again as the
  // Form.Item's "extra" it appeared twice, the second time below the whole form, with the same element id.
  const own = props.schema.type === 'object' && !props.uiSchema?.['ui:field'];
  return (
    <AntdFieldTemplate {...props} rawDescription={own ? undefined : props.rawDescription}>
      <NoStyleItemContext.Provider value={null}>{props.children}</NoStyleItemContext.Provider>
    </AntdFieldTemplate>
  );
}
const TEMPLATES = { FieldTemplate };

const Inner = memo(
  function Inner({ echo: _echo, onChange, onSubmit, ...p }: InnerProps) {
    // Every x-ref field a record picker, wherever the form is shown (record page, studio preview).
    const uiSchema = useMemo(() => withRefWidgets(p.schema, p.uiSchema), [p.schema, p.uiSchema]);
    return (
      <Form
        schema={p.schema}
        uiSchema={uiSchema}
        validator={validator}
        showErrorList={false}
        formData={p.formData}
        readonly={p.readonly}
        disabled={p.disabled}
        noValidate
        extraErrors={p.extraErrors}
        fields={ATTACHMENT_FIELDS}
        widgets={REF_WIDGETS}
        templates={TEMPLATES}
        formContext={p.formContext}
        onChange={onChange}
        onSubmit={onSubmit}
      >
        {p.children}
      </Form>
    );
  },
  (prev, next) => {
    for (const k of Object.keys(next) as (keyof InnerProps)[]) {
      if (k === 'echo' || k === 'formData') continue;
      if (prev[k] !== next[k]) return false;
    }
    return prev.formData === next.formData || next.formData === next.echo;
  },
);

export function MemoForm({ onChange, onSubmit, ...rest }: Props) {
  const echo = useRef<Data | undefined>(undefined);
  const change = useRef(onChange);
  change.current = onChange;
  const submit = useRef(onSubmit);
  submit.current = onSubmit;
  const handleChange = useCallback((e: IChangeEvent) => {
    const data = (e.formData ?? {}) as Data;
    echo.current = data;
    change.current(data);
  }, []);
  const handleSubmit = useCallback(() => submit.current(), []);
  // The UI schema changes only when the set of hidden fields does, so a keystroke elsewhere renders no more.
  const conditions = useMemo(() => compileShownWhen(rest.schema), [rest.schema]);
  const hidden = conditions.length ? JSON.stringify(hiddenFields(conditions, rest.formData)) : '[]';
  const uiSchema = useMemo(() => withHiddenFields(rest.uiSchema, JSON.parse(hidden)), [rest.uiSchema, hidden]);
  return <Inner {...rest} uiSchema={uiSchema} echo={echo.current} onChange={handleChange} onSubmit={handleSubmit} />;
}
