// A refusal of the one write-planning step (plan-write.ts) in the words of an import: per row, named by field, for
// the result and the error file — the same reason the API would give, said about a spreadsheet row.
import type { ErrorDetail, LocalText } from '../errors';
import type { FormDefinition, PluginDefinition } from '../plugins/types';
import type { Refusal } from '../records/plan-write';
import { SUBJECT_TAKEN } from '../records/write-rules';
import { titleAt } from './form-fields';
import { getAtPointer } from '../plugins/schema-walk';
import type { RowError } from './import-types';

/** What the words depend on: the form imported into and its key. */
export interface ImportTarget {
  plugin: PluginDefinition;
  form: FormDefinition;
  keyPointers: string[];
}

const msg = (zh: string, en: string): LocalText => ({ 'zh-CN': zh, en });

export const rowError = (run: ImportTarget, row: number, pointer: string, message: LocalText, keyword?: string): RowError => ({
  row,
  pointer,
  field: pointer ? titleAt(run.plugin, run.form, pointer) : null,
  message,
  keyword,
});

// Refusals of a value the row gave: the message shows the value, as the cell's conversion errors do.
const ABOUT_VALUE = new Set([
  'enum',
  'format',
  'pattern',
  'type',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'minLength',
  'maxLength',
  'const',
]);

function withValue(message: LocalText, keyword: string | undefined, value: unknown): LocalText {
  if (!keyword || !ABOUT_VALUE.has(keyword) || !(typeof value === 'string' || typeof value === 'number')) return message;
  return { 'zh-CN': `${message['zh-CN']}(填写的是“${value}”)`, en: `${message.en} (got "${value}")` };
}

const fromDetails = (run: ImportTarget, row: number, details: ErrorDetail[], data?: Record<string, unknown>): RowError[] =>
  details.map((d) => {
    const pointer = d.pointer.startsWith('/data/') ? d.pointer.slice(5) : d.pointer === '/data' ? '' : d.pointer;
    const keyword = d.keyword ?? d.code;
    return rowError(run, row, pointer, data && pointer ? withValue(d.message, d.keyword, getAtPointer(data, pointer)) : d.message, keyword);
  });

/** A refusal of the planning step in the words of an import: per row, named by field, for the error file. */
export function rowErrorsOf(
  run: ImportTarget,
  row: number,
  existingState: string | undefined,
  r: Refusal,
  /** The row's data as written: a refused value is shown in the message. */
  data?: Record<string, unknown>,
): RowError[] {
  // A key matching a record outside the caller's units is told as the API tells a create of a taken subject.
  const code = r.code === 'NOT_FOUND' ? 'DUPLICATE_RECORD' : r.code;
  return wordsOf(run, row, existingState, r, data).map((e) => ({ ...e, code }));
}

function wordsOf(
  run: ImportTarget,
  row: number,
  existingState: string | undefined,
  r: Refusal,
  data?: Record<string, unknown>,
): RowError[] {
  switch (r.code) {
    // Outside the caller's units: refused exactly as a taken subject is, naming neither the record nor its unit.
    case 'NOT_FOUND':
      return [rowError(run, row, run.keyPointers[0] ?? '', SUBJECT_TAKEN, 'unique')];
    case 'DUPLICATE_RECORD':
      return [rowError(run, row, run.form.manifest.subject ?? '', SUBJECT_TAKEN, 'unique')];
    case 'TRANSITION_NOT_ALLOWED': {
      const state = existingState ?? '';
      const title = run.form.workflow?.states.get(state)?.title ?? { 'zh-CN': state, en: state };
      return [
        rowError(
          run,
          row,
          '',
          msg(
            `已有记录处于“${title['zh-CN']}”状态,不能通过导入修改`,
            `The existing record is ${title.en} and cannot be changed by an import`,
          ),
          'state',
        ),
      ];
    }
    case 'FORBIDDEN':
      return [rowError(run, row, '', msg('您在该组织机构没有填报此表单的权限', 'You may not fill this form at that org unit'), 'role')];
    case 'ORG_UNIT_INVALID':
    case 'OUTSIDE_PLUGIN_REGIONS':
      return r.details.map((d) => rowError(run, row, '', d.message, 'orgUnit'));
    default:
      return fromDetails(run, row, r.details, data);
  }
}

/**
 * The required fields a row leaves empty, per field. A record in its first state is a draft and may lack them: a
 * warning, so that (say) a district merged down the sheet never silently yields records without a district. A
 * record past its first state must be complete: an error.
 */
export function missingRequired(run: ImportTarget, row: number, data: unknown, draft: boolean): RowError[] {
  const message = draft
    ? msg('未填写(草稿可暂缺,提交前须补全)', 'is empty (a draft may lack it; fill it in before submitting)')
    : msg('必须填写', 'is required');
  return run.form
    .validate(data)
    .filter((e) => e.keyword === 'required')
    .map((e) => rowError(run, row, e.pointer, message, 'required'));
}
