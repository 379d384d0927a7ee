/**
 * Rating keys (Lightroom's): P pick, X reject, U unflag, 1-5 stars, 0 clears the stars, on whatever
 * the view says is in focus (the grid's cursor card, compare's active pane, the matrix cell under the
 * pointer). The decisions are @shared/ratings' `ratingForKey`; the help overlay lists them once, as
 * "Ratings". Keys typed in a field, with a modifier, in an open dialog or right after `g` (the
 * navigation sequences) are left alone.
 */
import type { JobView } from '@shared/contract';
import { ratingForKey } from '@shared/ratings';
import { useEffect, useRef } from 'react';
import { isTypingTarget, registerShortcuts, type Shortcut } from '../../shell/shortcut-registry';
import { useRatings } from '../../stores/ratings-store';

export const RATING_SHORTCUTS: Shortcut[] = [
  { keys: ['p'], what: 'Flag as a pick; again to unflag (grid card, job detail, compare pane, matrix cell)' },
  { keys: ['x'], what: 'Flag as a reject; again to unflag' },
  { keys: ['u'], what: 'Unflag (neither picked nor rejected)' },
  { keys: ['1', '2', '3', '4', '5'], join: 'then', what: 'Stars; the same number again clears them' },
  { keys: ['0'], what: 'Clear the stars (in compare 0 fits the zoom: press the stars’ number again)' },
];

/** Results only: a job still running has nothing to rate yet. */
const isResult = (job: JobView) => job.state === 'completed' || job.state === 'skipped_duplicate';

export interface RatingKeysOptions {
  /** The jobs a key rates now (read at key time). */
  target(): readonly JobView[];
  /** The view uses 0 itself (compare: fit). Default false. */
  zeroIsTaken?: boolean;
  /** Told when main refused a rating. */
  onError?(message: string): void;
}

export function useRatingKeys(options: RatingKeysOptions): void {
  const latest = useRef(options);
  latest.current = options;
  useEffect(() => registerShortcuts('Ratings', RATING_SHORTCUTS), []);
  useEffect(() => {
    let gAt = 0;
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey || isTypingTarget(e.target)) return;
      if (document.querySelector('dialog[open]')) return;
      if (e.key === 'g') gAt = Date.now();
      if (e.key === 'g' || Date.now() - gAt < 1200) return;
      const { target, zeroIsTaken, onError } = latest.current;
      const jobs = target().filter(isResult);
      if (jobs.length === 0) return;
      const patch = ratingForKey(e.key, jobs[0]!, { zeroIsTaken });
      if (!patch) return;
      e.preventDefault();
      useRatings
        .getState()
        .rate(jobs, patch)
        .catch((err: Error) => onError?.(err.message));
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
