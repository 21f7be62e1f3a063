// The review queue's query string read strictly: a filter the user typed wrong is refused with its pointer
// rather than silently ignored, so an empty queue always means "nothing matches", never "filter dropped".
import { HezuoError, detail, type ErrorDetail } from '../errors';

/** A list page: this many records unless asked otherwise, and never more than MAX_PAGE (a larger ask is refused). */
export const DEFAULT_PAGE = 50;
export const MAX_PAGE = 200;
/** Columns one list may ask for: each is read out of every row of the page. */
export const MAX_COLUMNS = 20;

export const RECORD_SORTS = ['updated', 'score', 'state'] as const;
/** A named sort, or the JSON pointer of a field of the form (checked against the listed forms by the list). */
export type RecordSort = (typeof RECORD_SORTS)[number] | `/${string}`;
export const SORT_ORDERS = ['asc', 'desc'] as const;
export type SortOrder = (typeof SORT_ORDERS)[number];

export interface QueueFilter {
  minScore?: number;
  maxScore?: number;
  /** Text searched in the subject (e.g. a credit code) and the subject title (e.g. a name). */
  q?: string;
  sort?: RecordSort;
  /** Default: newest (updated) and highest (score) first, states in workflow order, fields ascending. */
  order?: SortOrder;
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
    const sort = query.sort;
    if (typeof sort === 'string' && (RECORD_SORTS.includes(sort as never) || (sort.startsWith('/') && sort.length <= 300))) {
      out.sort = sort as RecordSort;
    } else {
      errors.push(
        detail(
          '/sort',
          `排序应为 ${RECORD_SORTS.join('/')} 或字段的 JSON 指针`,
          `sort must be one of ${RECORD_SORTS.join(', ')} or a field's JSON pointer`,
        ),
      );
    }
  }
  if (query.order !== undefined && query.order !== '') {
    if (!SORT_ORDERS.includes(query.order as SortOrder)) errors.push(detail('/order', '顺序应为 asc 或 desc', 'order must be asc or desc'));
    else out.order = query.order as SortOrder;
  }
  if (errors.length) throw new HezuoError('BAD_REQUEST', errors);
  return out;
}

/** A LIKE pattern that matches `text` literally anywhere (backslash is PostgreSQL's default escape). */
export const containsPattern = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
