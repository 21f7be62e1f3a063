// What the last save or step said, shown where it was asked: beside the save button or beside the workflow steps
// (never only in a banner at the top, far from the button pressed). A conflict offers the reload that resolves it.
import { Alert, Button } from 'antd';
import { useTexts } from '../texts';
import { RECORD_TEXTS } from './record-texts';

export type MessagePlace = 'save' | 'step';

/** What went wrong, and where to say it. */
export interface PageErrors {
  general: string[];
  title: string;
  at?: MessagePlace;
  warning?: boolean;
}

export interface PageNotice {
  text: string;
  at: MessagePlace;
}

interface Props {
  at: MessagePlace;
  notice: PageNotice | null;
  errors: PageErrors | null;
  /** Someone else saved a newer revision: offer the reload beside the save message. */
  conflict: boolean;
}

export function RecordMessage({ at, notice, errors, conflict }: Props) {
  const tx = useTexts(RECORD_TEXTS);
  return (
    <>
      {notice?.at === at && <Alert type="success" message={notice.text} data-testid="notice" role="status" />}
      {errors && (errors.at ?? 'save') === at && (
        <Alert
          type={errors.warning ? 'warning' : 'error'}
          role="alert"
          data-testid="errors"
          message={errors.title}
          action={
            conflict && at === 'save' ? (
              <Button size="small" onClick={() => window.location.reload()} data-testid="reload">
                {tx('reload')}
              </Button>
            ) : undefined
          }
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
    </>
  );
}
