/** The grid's rating filter: all, picks, rejects, unrated, or N stars or more (see @shared/ratings). */
import { RATING_FILTER_LABELS, RATING_FILTERS, type RatingFilter } from '@shared/ratings';

export function RatingFilterSelect({
  value,
  onChange,
}: {
  value: RatingFilter | 'all';
  onChange(value: RatingFilter | 'all'): void;
}) {
  return (
    <select
      aria-label="Rating"
      value={value}
      onChange={(e) => onChange(e.target.value as RatingFilter | 'all')}
      data-testid="filter-rating"
    >
      <option value="all">Any rating</option>
      {RATING_FILTERS.map((f) => (
        <option key={f} value={f}>
          {RATING_FILTER_LABELS[f]}
        </option>
      ))}
    </select>
  );
}
