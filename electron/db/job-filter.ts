/**
 * The grid's filters as SQL: one WHERE clause over `jobs` for a batch and a `JobFilter`, with every
 * value bound, never interpolated. Pages, counts and anything else that lists a filtered batch share it,
 * so a new filter (say a rating) is one more field and one more clause here.
 */
import type { StyleType } from '@shared/catalogue';
import type { RatingFilter } from '@shared/ratings';
import type { JobState } from '@shared/scheduling';
import { ratingWhere } from './jobs-ratings';

export interface JobFilter {
  state?: JobState | readonly JobState[];
  style?: StyleType;
  seed?: number;
  promptIndex?: number;
  inputId?: number;
  /** Substring of the prompt, case-insensitive for ASCII letters (SQLite's lower()). */
  promptContains?: string;
  /** Only jobs whose rating passes this filter (see @shared/ratings). */
  rating?: RatingFilter;
}

export type Bind = (string | number | null)[];

export interface FilterSql {
  /** `batch_id = ? AND …`; its text depends only on which filters are set, so statements can be cached by it. */
  where: string;
  bind: Bind;
}

/** The WHERE clause for `filter` on one batch's jobs. */
export function jobFilterSql(batchId: string, filter: JobFilter = {}): FilterSql {
  const where = ['batch_id = ?'];
  const bind: Bind = [batchId];
  const states =
    filter.state === undefined ? [] : typeof filter.state === 'string' ? [filter.state] : [...filter.state];
  if (states.length) {
    where.push(`state IN (${states.map(() => '?').join(', ')})`);
    bind.push(...states);
  }
  const equal: [string, string | number | undefined][] = [
    ['style', filter.style],
    ['seed', filter.seed],
    ['prompt_index', filter.promptIndex],
    ['input_id', filter.inputId],
  ];
  for (const [column, value] of equal) {
    if (value === undefined) continue;
    where.push(`${column} = ?`);
    bind.push(value);
  }
  if (filter.promptContains) {
    where.push('instr(lower(prompt), lower(?)) > 0');
    bind.push(filter.promptContains);
  }
  // ratingWhere's clauses are fixed text per filter value (no user text), so the statement cache still holds.
  if (filter.rating !== undefined) where.push(ratingWhere(filter.rating));
  return { where: where.join(' AND '), bind };
}
