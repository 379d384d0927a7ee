/**
 * Filters for the live grid (status, style, seed, prompt text, input), grouping by input, the thumbnail
 * size, what a click does, and the compare tray (the cards picked with Ctrl/⌘-click, Shift-click, the
 * checkbox or Space). Main applies the filters and counts; the status chips show main's counts under
 * the other filters.
 */
import type { StyleType } from '@shared/catalogue';
import type { BatchView, InputView, JobCounts } from '@shared/contract';
import { useShallow } from 'zustand/react/shallow';
import { Button } from '../../components/Button';
import { useBatchStore } from '../../stores/batch-store';
import { useNav } from '../../stores/nav-store';
import { RatingFilterSelect } from '../ratings/RatingFilterSelect';
import { groupCounts, isFiltering, STATUS_GROUPS, type StatusGroup } from './grid-model';
import { CARD_SIZE, useGridPrefs } from './grid-prefs';
import { useGridUi } from './grid-ui-store';

export interface FilterBarProps {
  batch: BatchView;
  /** Main's counts for the current filter (null while they load). */
  counts: JobCounts | null;
  inputs: readonly InputView[];
  styles: readonly StyleType[];
}

const STATUS_WORDS: Record<StatusGroup | 'all', string> = {
  all: 'All',
  queued: 'Queued',
  running: 'Running',
  done: 'Done',
  failed: 'Failed',
  cancelled: 'Cancelled',
};

const isMac = typeof navigator !== 'undefined' && /Mac/.test(navigator.platform);
/** What a click does, said the same way in the grid and the matrix. */
export const CLICK_HINT = `Click opens · ${isMac ? '⌘' : 'Ctrl'}-click or Space picks for compare`;

export function FilterBar({ batch, counts, inputs, styles }: FilterBarProps) {
  const { filter, picked } = useGridUi(useShallow((s) => ({ filter: s.filter, picked: s.picked })));
  const { setFilter, resetFilter, setPicked } = useGridUi.getState();
  const { cardSize, setCardSize } = useGridPrefs();
  const openCompare = useNav((s) => s.openCompare);
  const byState = counts?.byState ?? batch.counts;
  const groups = groupCounts(byState);
  const all = STATUS_GROUPS.reduce((n, g) => n + groups[g], 0);
  const chip: Record<StatusGroup | 'all', number> = { all, ...groups };
  const compare = () => {
    const first = picked.length === 1 ? useBatchStore.getState().findJob(picked[0]!) : undefined;
    openCompare(picked, first ? first.inputId : null);
  };
  const shown = counts?.total ?? 0;
  return (
    <div className="filter-bar" data-testid="filter-bar">
      <fieldset className="status-chips" aria-label="Status">
        {(['all', ...STATUS_GROUPS] as const).map((s) => (
          <button
            key={s}
            type="button"
            aria-pressed={filter.status === s}
            className={`gv-chip${filter.status === s ? ' is-on' : ''}`}
            onClick={() => setFilter({ status: s })}
            disabled={s !== 'all' && chip[s] === 0 && filter.status !== s}
          >
            {STATUS_WORDS[s]} <span className="chip-count">{chip[s].toLocaleString()}</span>
          </button>
        ))}
      </fieldset>
      <select
        aria-label="Style"
        value={filter.style}
        onChange={(e) => setFilter({ style: e.target.value as StyleType | 'all' })}
      >
        <option value="all">All styles</option>
        {styles.map((s) => (
          <option key={s} value={s}>
            {s}
          </option>
        ))}
      </select>
      {inputs.length > 1 && (
        <select
          aria-label="Input"
          value={String(filter.inputId)}
          onChange={(e) => setFilter({ inputId: e.target.value === 'all' ? 'all' : Number(e.target.value) })}
        >
          <option value="all">All inputs</option>
          {inputs.map((i) => (
            <option key={i.id} value={i.id}>
              {i.name}
            </option>
          ))}
        </select>
      )}
      <RatingFilterSelect value={filter.rating} onChange={(rating) => setFilter({ rating })} />
      <input
        className="filter-seed"
        aria-label="Seed"
        placeholder="Seed"
        inputMode="numeric"
        value={filter.seed}
        onChange={(e) => setFilter({ seed: e.target.value.replace(/[^0-9]/g, '') })}
      />
      <input
        className="filter-prompt"
        aria-label="Prompt contains"
        placeholder="Prompt contains…"
        value={filter.prompt}
        onChange={(e) => setFilter({ prompt: e.target.value })}
      />
      <label className="gv-toggle">
        <input
          type="checkbox"
          checked={filter.groupByInput}
          onChange={(e) => setFilter({ groupByInput: e.target.checked })}
        />
        Group by input
      </label>
      <label className="card-size" title="Thumbnail size (kept for next time)">
        <span className="muted">Size</span>
        <input
          type="range"
          min={CARD_SIZE.min}
          max={CARD_SIZE.max}
          step={CARD_SIZE.step}
          value={cardSize}
          onChange={(e) => setCardSize(Number(e.target.value))}
          aria-label="Thumbnail size"
          data-testid="card-size"
        />
      </label>
      <span className="muted filter-shown" data-testid="filter-shown">
        {isFiltering(filter) ? (
          <>
            {shown.toLocaleString()} of {batch.total.toLocaleString()}{' '}
            <button type="button" className="gv-link" onClick={resetFilter}>
              clear
            </button>
          </>
        ) : (
          `${batch.total.toLocaleString()} jobs`
        )}
      </span>
      <span className="muted grid-hint" data-testid="click-hint">
        {CLICK_HINT}
      </span>
      <div className="compare-tray">
        {picked.length > 0 && (
          <>
            <span className="muted">{picked.length} picked</span>
            <button type="button" className="gv-link" onClick={() => setPicked([])}>
              clear
            </button>
            <Button variant="primary" data-testid="compare-picked" onClick={compare}>
              {picked.length === 1 ? 'Compare with source' : `Compare ${picked.length}`}
            </Button>
          </>
        )}
      </div>
    </div>
  );
}
