/** History's filters (status, style, date, has picks) as one pure predicate over batches. */
import type { StyleType } from '@shared/catalogue';
import type { BatchView } from '@shared/contract';
import type { BatchState } from '@shared/scheduling';

export interface HistoryFilters {
  state: BatchState | 'any';
  style: StyleType | 'any';
  /** Created within the last N days; 0 = any time. */
  days: number;
  /** Only batches with at least one picked result (what to come back to). */
  withPicks: boolean;
}

export const NO_FILTERS: HistoryFilters = { state: 'any', style: 'any', days: 0, withPicks: false };

/** True when any filter narrows the list. */
export function isFiltering(f: HistoryFilters): boolean {
  return f.state !== 'any' || f.style !== 'any' || f.days > 0 || f.withPicks;
}

/** The styles a batch's spec asked for (the spec is the user's JSON, so read it defensively). */
export function batchStyles(batch: BatchView): string[] {
  const spec = batch.spec as { styles?: unknown } | null;
  return Array.isArray(spec?.styles) ? spec.styles.filter((s): s is string => typeof s === 'string') : [];
}

/** The prompts of a batch's spec, for the card's subtitle. */
export function batchPrompts(batch: BatchView): string[] {
  const spec = batch.spec as { prompts?: unknown } | null;
  return Array.isArray(spec?.prompts) ? spec.prompts.filter((s): s is string => typeof s === 'string') : [];
}

export function matchesFilters(batch: BatchView, f: HistoryFilters, nowMs: number): boolean {
  if (f.state !== 'any' && batch.state !== f.state) return false;
  if (f.style !== 'any' && !batchStyles(batch).includes(f.style)) return false;
  if (f.days > 0 && batch.createdAt < nowMs - f.days * 86_400_000) return false;
  if (f.withPicks && batch.ratings.picks === 0) return false;
  return true;
}
