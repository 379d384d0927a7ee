/**
 * Picks and culling, as Lightroom users know them: every result carries a flag (picked, rejected or
 * neither) and 0-5 stars, set from the keyboard with the same keys everywhere (P, X, U, 1-5, 0). This
 * module is the vocabulary and the decisions: what a key does to a rating, what each rating filter
 * selects, and which results a clean-up may delete. The journal stores the values; the grid, detail,
 * compare and matrix all call `ratingForKey`.
 */

export const FLAGS = ['none', 'pick', 'reject'] as const;
export type Flag = (typeof FLAGS)[number];

/** Stars run 0 (none) to this. */
export const MAX_STARS = 5;

export interface Rating {
  flag: Flag;
  stars: number;
}

/** A change to a rating: only the fields given change. */
export interface RatingPatch {
  flag?: Flag;
  stars?: number;
}

export const UNRATED: Rating = { flag: 'none', stars: 0 };

/**
 * Filters by rating, as the grid's control and `jobs:page` take them:
 * - `pick` / `reject`: that flag;
 * - `unrated`: no flag and no stars (what is left to cull);
 * - `stars-N`: N stars or more, rejects excluded.
 */
export const RATING_FILTERS = [
  'pick',
  'reject',
  'unrated',
  'stars-1',
  'stars-2',
  'stars-3',
  'stars-4',
  'stars-5',
] as const;
export type RatingFilter = (typeof RATING_FILTERS)[number];

/** What "Export picks…" may select: the picks, or N stars or more. */
export const EXPORT_SELECTIONS = RATING_FILTERS.filter(
  (f): f is Exclude<RatingFilter, 'reject' | 'unrated'> => f !== 'reject' && f !== 'unrated',
) as [Exclude<RatingFilter, 'reject' | 'unrated'>, ...Exclude<RatingFilter, 'reject' | 'unrated'>[]];
export type ExportSelection = (typeof EXPORT_SELECTIONS)[number];

/** What a filter's control shows. */
export const RATING_FILTER_LABELS: Record<RatingFilter, string> = {
  pick: 'Picks',
  reject: 'Rejects',
  unrated: 'Unrated',
  'stars-1': '★ 1 or more',
  'stars-2': '★★ 2 or more',
  'stars-3': '★★★ 3 or more',
  'stars-4': '★★★★ 4 or more',
  'stars-5': '★★★★★ 5',
};

/** The minimum stars of a `stars-N` filter, or null for the flag filters. */
export function filterMinStars(filter: RatingFilter): number | null {
  return filter.startsWith('stars-') ? Number(filter.slice('stars-'.length)) : null;
}

/** The `stars-N` filter for N (1..5). */
export function starsFilter(min: number): RatingFilter {
  const n = Math.min(MAX_STARS, Math.max(1, Math.trunc(min)));
  return `stars-${n}` as RatingFilter;
}

/** True when `rating` passes `filter`. */
export function matchesRating(rating: Rating, filter: RatingFilter): boolean {
  const min = filterMinStars(filter);
  if (min !== null) return rating.flag !== 'reject' && rating.stars >= min;
  if (filter === 'unrated') return rating.flag === 'none' && rating.stars === 0;
  return rating.flag === filter;
}

/** True when `rating` has a flag or stars. */
export function isRated(rating: Rating): boolean {
  return rating.flag !== 'none' || rating.stars > 0;
}

/**
 * What a key does to `current`, or null when the key is not a rating key. P and X toggle their flag
 * (pressing P on a pick unflags it), U unflags, 1-5 set the stars (pressing the current number again
 * clears them), 0 clears the stars unless `zeroIsTaken` (compare uses 0 for "fit").
 */
export function ratingForKey(
  key: string,
  current: Rating,
  options: { zeroIsTaken?: boolean } = {},
): RatingPatch | null {
  switch (key) {
    case 'p':
    case 'P':
      return { flag: current.flag === 'pick' ? 'none' : 'pick' };
    case 'x':
    case 'X':
      return { flag: current.flag === 'reject' ? 'none' : 'reject' };
    case 'u':
    case 'U':
      return { flag: 'none' };
    case '0':
      return options.zeroIsTaken ? null : { stars: 0 };
  }
  if (key.length === 1 && key >= '1' && key <= String(MAX_STARS)) {
    const stars = Number(key);
    return { stars: current.stars === stars ? 0 : stars };
  }
  return null;
}

/** `current` with `patch` applied. */
export function applyRating(current: Rating, patch: RatingPatch): Rating {
  return { flag: patch.flag ?? current.flag, stars: patch.stars ?? current.stars };
}

/** Which results a clean-up deletes the files of: the rejects, or the rejects and the unrated. */
export const CLEANUP_SCOPES = ['rejected', 'rejected-and-unrated'] as const;
export type CleanupScope = (typeof CLEANUP_SCOPES)[number];

/** True when a result rated `rating` falls in `scope` (picks and starred results never do). */
export function inCleanupScope(rating: Rating, scope: CleanupScope): boolean {
  if (rating.flag === 'reject') return true;
  return scope === 'rejected-and-unrated' && !isRated(rating);
}

/** A rating as a short text, e.g. `pick ★★★` or `—` (manifest, tooltips). */
export function ratingText(rating: Rating): string {
  const flag = rating.flag === 'none' ? '' : rating.flag;
  const stars = '★'.repeat(rating.stars);
  return [flag, stars].filter(Boolean).join(' ') || '—';
}
