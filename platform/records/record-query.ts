// The review queue's query string read strictly: a filter the user typed wrong is refused with its pointer
// rather than silently ignored, so an empty queue always means "nothing matches", never "filter dropped".
import { HezuoError, detail, type ErrorDetail } from '../errors';

/** A list page: this many records unless asked otherwise, and never more than MAX_PAGE (a larger ask is refused). */
export const DEFAULT_PAGE = 50;
export const MAX_PAGE = 200;

export const RECORD_SORTS = ['updated', 'score'] as const;
export type RecordSort = (typeof RECORD_SORTS)[number];

export interface QueueFilter {
  minScore?: number;
  maxScore?: number;
  /** Text searched in the subject (e.g. a credit code) and the subject title (e.g. a name). */
  q?: string;
  sort?: RecordSort;
}

const NUMBER = /^-?\d+(\.\d+)?$/;
const MAX_TEXT = 100;

/** Reads minScore, maxScore, q and sort from a query object; unknown keys are left to the caller. */
export function parseQueueFilter(query: Record<string, unknown>): QueueFilter {
  const errors: ErrorDetail[] = [];
  const out: QueueFilter = {};
  for (const key of ['minScore', 'maxScore'] as const) {
    const v = query[key];
    if (v === undefined || v === '') continue;
    if (typeof v !== 'string' || !NUMBER.test(v.trim())) {
      errors.push(detail(`/${key}`, '分数必须是数字', 'A score must be a number'));
      continue;
    }
    out[key] = Number(v.trim());
  }
  if (out.minScore !== undefined && out.maxScore !== undefined && out.minScore > out.maxScore) {
    errors.push(detail('/maxScore', '最高分不能小于最低分', 'The highest score cannot be below the lowest'));
  }
  if (query.q !== undefined && query.q !== '') {
    if (typeof query.q !== 'string' || query.q.length > MAX_TEXT) {
      errors.push(detail('/q', `搜索文字最长 ${MAX_TEXT} 个字符`, `Search text is at most ${MAX_TEXT} characters`));
    } else if (query.q.trim()) out.q = query.q.trim();
  }
  if (query.sort !== undefined && query.sort !== '') {
    if (!RECORD_SORTS.includes(query.sort as RecordSort)) {
      errors.push(detail('/sort', `排序应为 ${RECORD_SORTS.join('/')}`, `sort must be one of ${RECORD_SORTS.join(', ')}`));
    } else out.sort = query.sort as RecordSort;
  }
  if (errors.length) throw new HezuoError('BAD_REQUEST', errors);
  return out;
}

/** A LIKE pattern that matches `text` literally anywhere (backslash is PostgreSQL's default escape). */
export const containsPattern = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
