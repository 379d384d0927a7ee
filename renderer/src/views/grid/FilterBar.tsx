/**
 * Filters for the live grid (status, style, seed, prompt text, input), grouping by input, and the
 * compare tray (the cards picked with the checkbox, ctrl/shift-click or Space).
 */
import { STYLE_TYPES, type StyleType } from '@shared/catalogue';
import type { InputView, JobView } from '@shared/contract';
import { useShallow } from 'zustand/react/shallow';
import { Button } from '../../components/Button';
import { useNav } from '../../stores/nav-store';
import { RatingFilterSelect } from '../ratings/RatingFilterSelect';
import { isFiltering, STATUS_GROUPS, type StatusGroup, statusGroup } from './grid-model';
import { useGridUi } from './grid-ui-store';

export interface FilterBarProps {
  jobs: readonly JobView[];
  shown: number;
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

export function FilterBar({ jobs, shown, inputs, styles }: FilterBarProps) {
  const { filter, picked } = useGridUi(useShallow((s) => ({ filter: s.filter, picked: s.picked })));
  const { setFilter, resetFilter, setPicked } = useGridUi.getState();
  const openCompare = useNav((s) => s.openCompare);
  const counts: Record<StatusGroup | 'all', number> = {
    all: jobs.length,
    queued: 0,
    running: 0,
    done: 0,
    failed: 0,
    cancelled: 0,
  };
  for (const j of jobs) counts[statusGroup(j.state)] += 1;
  const pickedJobs = jobs.filter((j) => picked.includes(j.id));
  const compare = () => {
    if (pickedJobs.length === 1) openCompare(picked, pickedJobs[0]!.inputId);
    else openCompare(picked);
  };
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
            disabled={s !== 'all' && counts[s] === 0 && filter.status !== s}
          >
            {STATUS_WORDS[s]} <span className="chip-count">{counts[s].toLocaleString()}</span>
          </button>
        ))}
      </fieldset>
      <select
        aria-label="Style"
        value={filter.style}
        onChange={(e) => setFilter({ style: e.target.value as StyleType | 'all' })}
      >
        <option value="all">All styles</option>
        {(styles.length ? styles : STYLE_TYPES).map((s) => (
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
      <span className="muted filter-shown">
        {isFiltering(filter) ? (
          <>
            {shown.toLocaleString()} of {jobs.length.toLocaleString()}{' '}
            <button type="button" className="gv-link" onClick={resetFilter}>
              clear
            </button>
          </>
        ) : (
          `${jobs.length.toLocaleString()} jobs`
        )}
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
