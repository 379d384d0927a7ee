/**
 * A result's rating, the same wherever it shows: `RatingBadge` (read-only: ⚑ pick, ✕ reject, stars) on
 * cards and matrix cells, and `RatingControl` (buttons for pick, reject and 1-5 stars; clicking the
 * current value clears it) in the job detail and compare. Keys do the same (see use-rating-keys.ts).
 */
import { MAX_STARS, type Rating, type RatingPatch } from '@shared/ratings';

export function RatingBadge({ rating }: { rating: Rating }) {
  if (rating.flag === 'none' && rating.stars === 0) return null;
  return (
    <span
      className={`rating-badge flag-${rating.flag}`}
      data-testid="rating-badge"
      data-flag={rating.flag}
      data-stars={rating.stars}
      title={`${rating.flag === 'none' ? '' : `${rating.flag === 'pick' ? 'Picked' : 'Rejected'} `}${rating.stars ? `${rating.stars} star(s)` : ''}`.trim()}
    >
      {rating.flag === 'pick' && <span aria-hidden>⚑</span>}
      {rating.flag === 'reject' && <span aria-hidden>✕</span>}
      {rating.stars > 0 && <span className="rating-stars">{'★'.repeat(rating.stars)}</span>}
    </span>
  );
}

export interface RatingControlProps {
  rating: Rating;
  onChange(patch: RatingPatch): void;
  disabled?: boolean;
}

export function RatingControl({ rating, onChange, disabled }: RatingControlProps) {
  return (
    <fieldset className="rating-control" data-testid="rating-control" aria-label="Rating" disabled={disabled}>
      <button
        type="button"
        className={`rating-flag${rating.flag === 'pick' ? ' is-on' : ''}`}
        aria-pressed={rating.flag === 'pick'}
        title="Pick (P)"
        onClick={() => onChange({ flag: rating.flag === 'pick' ? 'none' : 'pick' })}
        data-testid="rating-pick"
      >
        ⚑ Pick
      </button>
      <button
        type="button"
        className={`rating-flag reject${rating.flag === 'reject' ? ' is-on' : ''}`}
        aria-pressed={rating.flag === 'reject'}
        title="Reject (X)"
        onClick={() => onChange({ flag: rating.flag === 'reject' ? 'none' : 'reject' })}
        data-testid="rating-reject"
      >
        ✕ Reject
      </button>
      <span className="rating-star-row">
        {Array.from({ length: MAX_STARS }, (_, i) => i + 1).map((n) => (
          <button
            key={n}
            type="button"
            className={`rating-star${n <= rating.stars ? ' is-on' : ''}`}
            aria-label={`${n} star${n > 1 ? 's' : ''}`}
            aria-pressed={n === rating.stars}
            title={`${n} (${n})`}
            onClick={() => onChange({ stars: rating.stars === n ? 0 : n })}
            data-testid={`rating-star-${n}`}
          >
            {n <= rating.stars ? '★' : '☆'}
          </button>
        ))}
      </span>
    </fieldset>
  );
}
