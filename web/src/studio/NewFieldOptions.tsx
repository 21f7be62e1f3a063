// What a new field of some types needs besides key and title: for a choice or multiple choice, one of the draft's
// code lists (or choices typed one a line); for a reference, the form it names and how far its records reach.
import { Input, Select } from 'antd';
import { useTexts } from '../texts';
import type { CodeList } from './codelist-edit';
import { REACHES, type Reach } from './field-types';
import type { FieldType } from './schema-edit';
import { STUDIO_TEXTS } from './studio-texts';

/** The draft's code lists and forms, which new fields may take their choices from or refer to. */
export interface DraftChoices {
  codeLists: CodeList[];
  forms: string[];
}

export interface NewOptionsState {
  listId: string;
  choices: string;
  refForm: string;
  reach: Reach;
}
export const NO_OPTIONS: NewOptionsState = { listId: '', choices: '', refForm: '', reach: 'scope' };

interface Props {
  type: FieldType;
  draft: DraftChoices;
  value: NewOptionsState;
  onChange: (v: NewOptionsState) => void;
}

export function NewFieldOptions({ type, draft, value, onChange }: Props) {
  const tx = useTexts(STUDIO_TEXTS);
  const set = (patch: Partial<NewOptionsState>) => onChange({ ...value, ...patch });
  if (type === 'choice' || type === 'multi') {
    const ids = draft.codeLists.map((l) => l.id).filter((id): id is string => typeof id === 'string');
    return (
      <>
        {ids.length > 0 && (
          <>
            <label htmlFor="add-codelist">{tx('codeList')}</label>
            <Select
              id="add-codelist"
              value={value.listId}
              onChange={(listId) => set({ listId })}
              options={[{ value: '', label: tx('typedChoices') }, ...ids.map((id) => ({ value: id, label: id }))]}
            />
          </>
        )}
        {!value.listId && (
          <>
            <label htmlFor="add-choices">{tx('choices')}</label>
            <Input.TextArea id="add-choices" rows={3} value={value.choices} onChange={(e) => set({ choices: e.target.value })} />
          </>
        )}
      </>
    );
  }
  if (type !== 'ref') return null;
  return (
    <>
      <label htmlFor="add-ref-form">{tx('refForm')}</label>
      <Select
        id="add-ref-form"
        value={value.refForm}
        onChange={(refForm) => set({ refForm })}
        options={draft.forms.map((f) => ({ value: f, label: f }))}
      />
      <label htmlFor="add-reach">{tx('reach')}</label>
      <Select
        id="add-reach"
        value={value.reach}
        onChange={(reach) => set({ reach })}
        options={REACHES.map((r) => ({ value: r, label: tx(`reach_${r}`) }))}
      />
    </>
  );
}
